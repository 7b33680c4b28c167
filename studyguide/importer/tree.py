"""trafilatura's XML, the whole tree, as Markdown: headings, paragraphs, lists,
quotations, tables, figures with their captions, links kept as links.

trafilatura nests the body in `<div>`s, puts paragraphs inside paragraphs and
images inside paragraphs; reading only `<main>`'s children once lost whole
articles. So every element is walked, and anything of an unknown kind is read
for its text rather than dropped."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

BLOCKS = {"p", "head", "list", "quote", "table", "graphic", "div", "figure", "section", "code", "main", "item",
          "row", "cell", "picture", "figcaption", "caption"}
# Alt texts that say how to use the site, not what the image shows.
USELESS_ALT = re.compile(r"^\s*(zum vergrößern.*|click to (enlarge|zoom).*|(bild|image|photo|foto|picture)\s*\d*|"
                         r"cliquez pour agrandir.*|agrandir.*|vergrößern|enlarge|zoom|logo|icon)\s*$", re.I)


@dataclass
class Image:
    """An image the article shows: where the page had it, and what is said about it."""

    src: str
    alt: str = ""
    caption: str = ""
    target: str | None = None  # the file in the guide's folder, once there is one
    quiet: bool = False  # its words say nothing of it (the headline, a share icon's name): its alt text only


@dataclass
class Walk:
    base_url: str | None = None
    images: list[Image] = field(default_factory=list)
    blocks: list[str | Image] = field(default_factory=list)
    pending: list[Image] = field(default_factory=list)  # images met inside a paragraph, set after it


# What another program reads as hidden text (`%%…%%`, an attribute list such as `{.hidden}`), quoted by an article:
# set as code, which prints its characters as written and which the check on hiding takes for text. `\%` is no
# Markdown escape (the backslash would print), and a character reference (`&#37;`) is read as the character it is.
QUOTED_SYNTAX = re.compile(r"%{2,}|\{[^{}`\n]*\}")


def escape(text: str) -> str:
    """Keep the article's characters from being read as Markdown or HTML by accident."""
    from studyguide.read.hiding import ATTR_CLASS

    out, last = [], 0
    for found in QUOTED_SYNTAX.finditer(text):
        if found.group(0).startswith("%") or ATTR_CLASS.search(found.group(0)):
            out += [escape_plain(text[last:found.start()]), f"`{found.group(0)}`"]
            last = found.end()
    return "".join(out) + escape_plain(text[last:])


def escape_plain(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]{}])", r"\\\1", text.replace("&", "&amp;"))
    return text.replace("<", "&lt;").replace(":::", "&#58;::")  # ::: opens a facilitator block


def escape_start(line: str) -> str:
    """A paragraph that starts like a list, heading, quotation, rule or definition is still a paragraph."""
    if re.match(r"^\d+[.)](\s|$)", line):
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
    if re.match(r"^(#|>|[-+*=](\s|$)|[-=]{2,}\s*$|[-=](\s*[-=]){2,}\s*$)", line):
        return "\\" + line if line[0] != "=" else "&#61;" + line[1:]
    if colons := re.match(r"(?:&#58;|:)(:+)", line):  # `::: facilitator`, an article quoting the syntax: code, as above
        return f"`:{colons.group(1)}`" + line[colons.end():]
    if line.startswith(":"):
        return "&#58;" + line[1:]
    return line


def strip_markdown(text: str) -> str:
    """A block's words without its Markdown: links as their text, no emphasis marks."""
    text = re.sub(r"\]\(<[^>]*>\)", "]", text)
    text = re.sub(r"\\(.)|[*_`\[\]]|^[#>]+\s*", r"\1", text).strip()
    return html.unescape(text) if "&" in text else text  # what escape() wrote (`&amp;`, `&lt;`) read as the page's


BREAK = "\x00"  # a `<br>` as the walk meets it: a line break in a paragraph, a space anywhere else


def one_line(text: str) -> str:
    return " ".join(text.replace(BREAK, " ").split())


def link_target(target: str | None, base: str | None) -> str | None:
    """An absolute http(s) address for a link, or None (kept as plain text)."""
    if not target:
        return None
    target = urljoin(base, target) if base else target
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return target.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def inline(element, walk: Walk) -> str:
    """The text of an element with emphasis and links, as one line of Markdown."""
    parts = [escape(element.text or "")]
    for child in element:
        parts.append(inline_child(child, walk))
        parts.append(escape(child.tail or ""))
    return "".join(parts)


def inline_child(child, walk: Walk) -> str:
    """One element inside a line of text, without its tail."""
    if child.tag == "graphic":  # an image inside a paragraph: set apart after it
        add_image(child, walk, later=True)
        return ""
    if child.tag == "lb":
        return BREAK
    raw = inline(child, walk)
    inner = one_line(raw)
    if not inner:
        return " " if raw[:1].isspace() else ""
    # A space at either end of the element is a word space of the line, kept outside its marks:
    # `<hi> contributed</hi>` after a name is " *contributed*", not "*contributed*" against it.
    before, after = " " if raw[:1].isspace() else "", " " if raw[-1:].isspace() else ""
    return before + _marked(child, inner, walk) + after


def _marked(child, inner: str, walk: Walk) -> str:
    rend = child.get("rend", "")
    if child.tag == "hi" and rend in ("#i", "#u", "#t"):
        return f"*{inner}*"
    if child.tag == "hi" and rend == "#b":
        return f"**{inner}**"
    target = link_target(child.get("target"), walk.base_url) if child.tag == "ref" else None
    if target:
        return f"[{inner}](<{target}>)"
    if child.tag == "code":  # from the page's own characters: in a code span Markdown takes every one as written
        text = " ".join("".join(child.itertext()).split())
        fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        return f"{fence}{pad}{text}{pad}{fence}"
    return f" {inner} " if is_block(child) or child.tag in BLOCKS else inner


def add_image(element, walk: Walk, later: bool = False, caption: str = "") -> None:
    src = element.get("src") or element.get("data-src") or ""
    if not src:
        return
    alt = one_line(untagged(element.get("alt", "")))
    title = one_line(untagged(element.get("title", "")))
    image = Image(src=src, alt="" if USELESS_ALT.match(alt) else alt,
                  caption=caption or (title if title and not USELESS_ALT.match(title) else ""))
    walk.images.append(image)
    if later:
        walk.pending.append(image)
    else:
        walk.blocks.append(image)


TAG_TEXT = re.compile(r"</?(?:i|em|b|strong|u|span|a|br|p|sup|sub|cite|small|font)\b[^<>]{0,200}>", re.I)


def untagged(text: str) -> str:
    """An attribute that holds HTML as text (phys.org's `title="… such as &lt;i&gt;Alien&lt;/i&gt; …"`), its words."""
    return TAG_TEXT.sub(lambda m: " " if m.group(0).lower().startswith(("<br", "<p", "</p")) else "", text) if "<" in text else text


def is_block(child) -> bool:
    if child.tag == "code":  # code is a block only when it has lines
        return "\n" in "".join(child.itertext())
    return child.tag in BLOCKS and child.tag != "graphic"


def has_blocks(element) -> bool:
    return any(is_block(child) for child in element)


def walk_tree(root, base_url: str | None = None) -> Walk:
    """Every block of the tree, in document order."""
    walk = Walk(base_url=base_url)
    visit(root, walk)
    flush(walk)
    return walk


def flush(walk: Walk) -> None:
    walk.blocks.extend(walk.pending)
    walk.pending.clear()


def paragraph(text: str, walk: Walk) -> None:
    """A paragraph, its `<br>`s kept as line breaks (a poem's lines, an address, lyrics), and two of
    them in a row as the end of a paragraph, as a browser shows them."""
    for part in re.split(BREAK + r"(?:\s*" + BREAK + r")+", text):
        lines = [line for line in (one_line(piece) for piece in part.split(BREAK)) if line]
        if lines:
            walk.blocks.append("\\\n".join(escape_start(line) for line in lines))
    flush(walk)


def visit(element, walk: Walk) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("comments",):
        return
    if tag == "head":
        level = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}.get(element.get("rend", ""), 3)
        text = one_line(inline(element, walk))
        if text:
            walk.blocks.append(f"{'#' * level} {text}")
        flush(walk)
    elif tag == "list":
        items = [i for i in element if i.tag == "item"]
        marker = "1." if element.get("rend") == "ol" else "-"
        lines = []
        for item in items:
            text = one_line(inline_without_lists(item, walk))
            if text:
                lines.append(f"{marker} {text}")
            for sub in item.iter("list"):  # nested lists, flattened one level under their item, numbered as written
                inner = "1." if sub.get("rend") == "ol" else "-"
                lines.extend(f"    {inner} {one_line(inline(i, walk))}" for i in sub if i.tag == "item" and one_line(inline(i, walk)))
        if lines:
            walk.blocks.append("\n".join(lines))
        for other in element:
            if other.tag != "item":
                visit(other, walk)
        flush(walk)
    elif tag == "quote":
        inner = Walk(base_url=walk.base_url, images=walk.images)
        if has_blocks(element):
            mixed(element, inner)
        else:
            paragraph(inline(element, inner), inner)
        text = "\n\n".join(b for b in inner.blocks if isinstance(b, str))
        if text:
            walk.blocks.append("\n".join(f"> {line}" if line else ">" for line in text.split("\n")))
        walk.blocks.extend(b for b in inner.blocks if isinstance(b, Image))
    elif tag == "table":
        table(element, walk)
    elif tag == "graphic":
        add_image(element, walk)
    elif tag in ("figure",):
        caption = " ".join(one_line(inline(c, walk)) for c in element if c.tag in ("figcaption", "caption"))
        graphics = list(element.iter("graphic"))
        for g in graphics:
            add_image(g, walk, caption=caption)
        if not graphics and caption:
            walk.blocks.append(f"*{caption}*")
    elif tag == "code" and "\n" in "".join(element.itertext()):
        code = "".join(element.itertext()).strip("\n")  # an indented code block: no fenced-code extension here
        walk.blocks.append("\n".join("    " + line for line in code.split("\n")))
    elif tag in ("p", "item", "cell", "row", "figcaption", "caption", "code") or not has_blocks(element) and tag not in ("main", "div", "section", "doc"):
        if has_blocks(element):  # a paragraph holding paragraphs: its own text, then each of them
            mixed(element, walk)
        else:
            paragraph(inline(element, walk), walk)
    else:
        if element.text and element.text.strip():
            paragraph(escape(element.text), walk)
        visit_children(element, walk)


def visit_children(element, walk: Walk) -> None:
    for child in element:
        visit(child, walk)
        if child.tail and child.tail.strip():
            paragraph(escape(child.tail), walk)


def mixed(element, walk: Walk) -> None:
    """Text and blocks side by side in one element: the runs of text become paragraphs."""
    run = [escape(element.text or "")]
    for child in element:
        if is_block(child):
            paragraph("".join(run), walk)
            run = []
            visit(child, walk)
        else:
            run.append(inline_child(child, walk))
        run.append(escape(child.tail or ""))
    paragraph("".join(run), walk)


def inline_without_lists(item, walk: Walk) -> str:
    from copy import deepcopy

    copy = deepcopy(item)
    for sub in list(copy.iter("list")):
        if sub is not copy and sub.getparent() is not None:
            tail = sub.tail
            parent = sub.getparent()
            parent.remove(sub)
            if tail:
                parent.text = (parent.text or "") + tail
    return inline(copy, walk)


def table(element, walk: Walk) -> None:
    """A Markdown table (the first row its head); a table of one column is a list of paragraphs; a
    table for layout (a cell holding paragraphs, lists or headings: an old site's page) is its
    cells' blocks, in order, as a Markdown table cell would run them into one line."""
    if any(has_blocks(cell) for cell in element.iter("cell")):
        for cell in element.iter("cell"):
            mixed(cell, walk)
        flush(walk)
        return
    rows = []
    for row in element.iter("row"):
        cells = [one_line(inline(c, walk)).replace("|", "\\|") for c in row if c.tag == "cell"]
        if any(cells):
            rows.append(cells)
    if not rows:
        return
    width = max(len(r) for r in rows)
    if width == 1:
        for r in rows:
            paragraph(r[0], walk)
        return
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    walk.blocks.append("\n".join(lines))
    flush(walk)


# Words, for comparing what we kept with what trafilatura found.
WORD_RE = re.compile(r"\w+", re.U)


def words(text: str) -> Counter:
    """(A Markdown escape is no part of a word: `status\\_code` in one text is `status_code` in the other.)"""
    return Counter(w.lower() for w in WORD_RE.findall(text.replace("\\", "") if "\\" in text else text))


def coverage(ours: str, reference: str) -> float:
    """The share of the reference's words (with their counts) that our text holds."""
    want = words(reference)
    have = words(ours)
    total = sum(want.values())
    return 1.0 if not total else sum(min(n, have[w]) for w, n in want.items()) / total


def dropped(ours: str, reference: str, limit: int = 3) -> list[str]:
    """The reference's paragraphs most of whose words ours lacks: what the warning names.
    Our words are used up paragraph by paragraph, so a paragraph like another is not
    counted as kept on the other's words."""
    have = words(ours)
    lost = []
    for para in (p.strip() for p in reference.split("\n")):
        want = words(para)
        total = sum(want.values())
        if total < 3:
            continue
        taken = {w: min(n, have[w]) for w, n in want.items()}
        have.subtract(taken)
        if sum(taken.values()) / total < 0.5:
            lost.append(para if len(para) <= 80 else para[:77].rstrip() + "…")
    return lost[:limit] + ([f"and {len(lost) - limit} more"] if len(lost) > limit else [])
