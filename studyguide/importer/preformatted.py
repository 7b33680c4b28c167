"""Text whose line breaks are the page's own (`<pre>`, `white-space: pre` or `pre-line`): a
poem's lines, a program, a query and its output. trafilatura folds every such text into one
line (Shelley's stanza printed as one run-on quotation; hakibenita.com's 26 SQL listings and
their result tables unreadable). Before it reads the page, each such element is made a
paragraph that starts with a mark of its own and holds its words on one line, so that
trafilatura judges it as before; after, the paragraph that carries the mark is written
again from the page's own lines: a program as a code block, a poem's lines as line breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyguide.importer.prepare import HIDDEN_STYLE
from studyguide.importer.tree import BREAK, Walk, escape, paragraph

MARK = "Studyguidepreformatted{}x"
MARK_RE = re.compile(r"Studyguidepreformatted\d+x ?")
PRE_STYLE = re.compile(r"white-space\s*:\s*(?:pre|pre-wrap|pre-line|break-spaces)\b", re.I)
CODE_MARKS = re.compile(r"highlight|\bcode\b|source-?code|sourceCode|\blang(?:uage)?-|brush:|prettyprint|syntax|hljs|"
                        r"\bshell\b|console|terminal|listing", re.I)
BLOCK_CHILDREN = {"p", "div", "ul", "ol", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                  "article", "pre", "figure", "dl", "form"}
SYMBOLS = re.compile(r"[{}\[\]<>=;$#|\\/*_│─┼├┤┌┐└┘]|\(\)|^\s{2,}\S|\w\(|\):?\s*$")


@dataclass
class Preformatted:
    lines: list[str]
    code: bool


def marked(tree) -> dict[str, Preformatted]:
    """Each preformatted element of several lines made a marked one-line paragraph; the marks and their lines."""
    store: dict[str, Preformatted] = {}
    for element in list(tree.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag != "pre" and not (tag in ("div", "p", "blockquote", "section") and  # (a block of its own, not a span or cell)
                                 PRE_STYLE.search(element.get("style") or "")):
            continue
        if element.getparent() is None or any(a.tag == "pre" or PRE_STYLE.search(a.get("style") or "")
                                              for a in element.iterancestors() if isinstance(a.tag, str)):
            continue
        if any(box.get("hidden") is not None or HIDDEN_STYLE.search(box.get("style") or "")
               for box in (element, *element.iterancestors()) if isinstance(box.tag, str)):
            continue  # what the page hides stays hidden (prepare.hidden_removed takes it out)
        if tag != "pre" and any(isinstance(c.tag, str) and c.tag in BLOCK_CHILDREN for c in element.iter()
                                if c is not element):
            continue  # a box of paragraphs: its line breaks are only the source's layout
        lines = _lines(element, collapse=tag != "pre" and "pre-line" in (element.get("style") or "").lower())
        if sum(1 for line in lines if line.strip()) < 2:
            continue
        code = _is_code(element, lines)
        mark = MARK.format(len(store))
        store[mark] = Preformatted(lines, code)
        tail = element.tail
        element.clear()
        element.tag = "p"
        element.text = f"{mark} " + " ".join(" ".join(lines).split())
        element.tail = tail
    return store


def _lines(element, collapse: bool) -> list[str]:
    """The element's text as the browser shows it, line by line (`<br>` a line break too)."""
    parts: list[str] = []

    def visit(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "template", "noscript", "button"):
            parts.append(node.tail or "")
            return
        if tag == "br":
            parts.append("\n")
        else:
            parts.append(node.text or "")
            for child in node:
                visit(child)
        if node is not element:
            parts.append(node.tail or "")

    visit(element)
    text = "".join(parts).replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).replace("\u00a0", " ")
    lines = [" ".join(line.split()) if collapse else line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _is_code(element, lines: list[str]) -> bool:
    """A program or a program's output, by the page's marks or by the look of its lines."""
    if element.tag == "pre" and (element.find(".//code") is not None or element.find(".//kbd") is not None
                                 or element.find(".//samp") is not None):
        return True
    for box in [element, *list(element.iterancestors())[:3]]:
        if isinstance(box.tag, str) and CODE_MARKS.search(f"{box.get('class', '')} {box.get('id', '')} {box.get('lang', '')}"):
            return True
    shown = [line for line in lines if line.strip()]
    return sum(1 for line in shown if SYMBOLS.search(line)) * 10 >= len(shown) * 4


def restored(walk, store: dict[str, Preformatted]) -> None:
    """Each marked paragraph of the walk written again from its lines; a mark found elsewhere only taken out."""
    if not store or walk is None:
        return
    out: list = []
    for block in walk.blocks:
        found = MARK_RE.search(block) if isinstance(block, str) else None
        if not found:
            out.append(block)
            continue
        mark = found.group(0).strip()
        prefix = block[:found.start()]
        if mark in store and not prefix.strip(" >"):
            out.extend(_written(store[mark], prefix))
        else:  # joined with other words: the words kept, on one line as trafilatura gave them
            out.append(MARK_RE.sub("", block))
    walk.blocks[:] = out


def _written(pre: Preformatted, prefix: str) -> list[str]:
    quote = "> " if ">" in prefix else ""
    if pre.code:
        width = min((len(line) - len(line.lstrip(" ")) for line in pre.lines if line.strip()), default=0)
        block = "\n".join(("    " + line[width:]) if line.strip() else "" for line in pre.lines)
        return [_quoted(block, quote)]
    lines = Walk()
    paragraph(BREAK.join(escape(line.strip()) for line in pre.lines), lines)
    return [_quoted(b, quote) for b in lines.blocks if isinstance(b, str)]


def _quoted(block: str, quote: str) -> str:
    return "\n".join(f"{quote}{line}" if line else quote.strip() for line in block.split("\n")) if quote else block


def without_marks(text: str) -> str:
    return MARK_RE.sub("", text)
