"""A Python-Markdown extension for what a typesetter adds to the text: a figure
with its caption from an image's title (`![alt](map.png "Caption")`), and
quotation marks nested as the guide's language nests them (studyguide.read.quotes)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from studyguide.read.quotes import renest_html, smarten


class Figures(Treeprocessor):
    """A paragraph holding only an image with a title becomes a figure with a caption."""

    def __init__(self, md: Markdown, lang: str) -> None:
        super().__init__(md)
        self.lang = lang

    def run(self, root: etree.Element) -> None:
        for para in root.iter("p"):
            children = list(para)
            if len(children) != 1 or children[0].tag != "img" or (para.text or "").strip():
                continue
            image = children[0]
            title = (image.get("title") or "").replace('\\"', '"').strip()
            if not title or (image.tail or "").strip():
                continue
            para.tag = "figure"
            del image.attrib["title"]
            image.tail = None
            caption = etree.SubElement(para, "figcaption")
            # Backslash escapes are still placeholders here; *emphasis* in a title is honoured.
            title = re.sub("\x02(\\d+)\x03", lambda m: chr(int(m.group(1))), title)
            parts = re.split(r"(?<!\w)[*_]([^*_]+)[*_](?!\w)", smarten(title, self.lang, nest=False))
            caption.text = parts[0]
            for n in range(1, len(parts), 2):
                emphasis = etree.SubElement(caption, "em")
                emphasis.text, emphasis.tail = parts[n], parts[n + 1]


def collapse_notes(markup: str) -> str:
    """Footnotes as one run of text: a note written over two source lines keeps no
    line break (WeasyPrint's footnote area would keep it)."""
    out, depth, last = [], 0, 0
    for match in re.finditer(r'<span class="footnote">|<span\b[^>]*>|</span>', markup):
        tag = match.group(0)
        if depth:
            out.append(re.sub(r"\s+", " ", markup[last:match.start()]))
        else:
            out.append(markup[last:match.start()])
        out.append(tag)
        last = match.end()
        if tag == '<span class="footnote">' or (depth and tag.startswith("<span")):
            depth += 1
        elif tag == "</span>" and depth:
            depth -= 1
    out.append(markup[last:])
    return "".join(out)


class NestedQuotes(Postprocessor):
    def __init__(self, md: Markdown, lang: str) -> None:
        super().__init__(md)
        self.lang = lang

    def run(self, text: str) -> str:
        return collapse_notes(renest_html(text, self.lang))


class Typography(Extension):
    def __init__(self, lang: str = "en", **kwargs) -> None:
        self.lang = lang
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(Figures(md, self.lang), "figures", 5)
        md.postprocessors.register(NestedQuotes(md, self.lang), "nested_quotes", 1)
