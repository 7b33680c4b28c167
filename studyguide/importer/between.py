"""Lists and tables trafilatura drops from between the article's paragraphs, put back.

Where a page has no container trafilatura knows (jwz's plain `<div>`), it reads only the
paragraphs and leaves out every list ("The replies were roughly in the following
groups:" followed by nothing); it drops a list of links nested in a list item (a blog's
"In progress:" bugs), and a table inside a `<blockquote>` (LWN's statistics). Such a
list is the article's when the reading runs on without it exactly where the page had
it: the words just before it and just after it stand side by side in the reading. It is
then written back at that place. A list the reading lacks that touches the article on
one side only (the last thing before the comments, say) is named in a warning instead."""

from __future__ import annotations

import re

from lxml import etree

from studyguide.importer.furniture import kind
from studyguide.importer.tree import Image, walk_tree

BLOCKISH = {"td", "th", "tr", "li", "dt", "dd", "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
CONTEXT = 40
# A byline's or a picture's lines: "by Bryan DeArdo", "@BryanDeArdo", "Nov 18, 2019 at 9:24 pm ET • 2 min read", "Фото:".
BYLINE = re.compile(r"(?i)^(?:by|von|par|por|de|автор|текст|фото|photo|foto|credit|source|quelle)\b|^@\w+$|"
                    r".*\b\d+\s+min(?:ute)?s?\s+read\b|^\W*(?:\w+\s+){0,3}\d{1,2},?\s+\d{4}\b")  # folded characters either side of a list, to find its place in the reading
SKIP = {"script", "style", "noscript", "template", "head", "title", "button", "select", "svg", "iframe", "object"}
FURNITURE = "ancestor-or-self::nav|ancestor::header|ancestor::footer|ancestor::aside|ancestor::form|ancestor::figure|" \
            "ancestor::menu"
WORD = re.compile(r"[\W_]+")
WORDS = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    return WORD.sub("", text.lower())


def put_back(tree, walk, base_url: str | None) -> list[str]:
    """Lists and tables the reading lacks, written into `walk.blocks` where the page had them; what cannot be
    placed but sits next to the article is returned as warnings."""
    from studyguide.importer.html import ABOUT, FURNITURE_BOX, _in_furniture

    if walk is None:
        return []
    body = tree.find(".//body") if tree.tag != "body" else tree
    if body is None:
        return []
    stream, spans = _stream(body)
    ours_blocks = [fold(_words(b)) for b in walk.blocks]
    ours = "".join(ours_blocks)
    taken: set = set()
    placed: list[tuple[int, object]] = []  # (block index to insert after, element)
    unplaced: list[str] = []
    for element in body.iter("ul", "ol", "dl", "table"):
        if element not in spans or any(box in taken for box in element.iterancestors()):
            continue
        if element.xpath(FURNITURE) or _in_furniture(element) or ABOUT.search(_marks(element)) or \
                FURNITURE_BOX.search(_marks(element)) or _holds_reading(element, ours):
            continue
        missing = _missing(element, ours)
        texts = _items(element)
        # A list the reading holds but for some items (trafilatura drops one called "Twitter"): written whole.
        partly = not missing and any(fold(t) and fold(t)[:60] not in ours for t in texts)
        if not (missing or partly):
            continue
        size = sum(len(t.split()) for t in texts)
        furniture = sum(1 for t in texts if kind(t) or BYLINE.match(t))
        if not texts or size < 4 or len(texts) <= 2 and size < 8 or \
                furniture * 2 >= len(texts) and not (partly and furniture < len(texts)):  # share buttons, a byline, a credit
            continue
        if _link_share(element) >= 0.9 and not element.xpath("ancestor::li"):  # "Profile: Julian Assange": related links
            continue
        start, end = spans[element]
        before, after = stream[max(0, start - CONTEXT):start], stream[end:end + CONTEXT]
        taken.add(element)
        at = _place(before, after, ours, ours_blocks, walk.blocks, set(WORDS.findall(" ".join(texts).lower())))
        if partly:
            if at is not None and at[0] < at[1]:  # (in place of the reading's part of it, never beside it)
                placed.append((at, element))
            continue
        if at is not None:
            placed.append((at, element))
        elif len(before) >= 12 and before in ours or len(after) >= 12 and after in ours:
            if _link_share(element) < 0.5 and size >= 4 * len(texts) and not element.xpath(
                    "ancestor-or-self::*[contains(@class, 'navbox') or contains(@class, 'sister') or "
                    "contains(@class, 'catlinks') or contains(@class, 'toc')]"):  # (tags, a wiki's boxes of links)
                unplaced.append("; ".join(texts[:3])[:100])
    done: list[tuple[int, int]] = []
    for at, element in sorted(placed, key=lambda p: p[0], reverse=True):
        if any(at[0] < last and first < at[1] or at == (first, last) for first, last in done):
            continue  # (two lists for one place: the reading is left as it was there)
        _insert(walk, at, element, base_url)
        done.append(at)
    if not unplaced:
        return []
    return [f"the page has {len(unplaced)} list{'s' if len(unplaced) > 1 else ''} or table"
            f"{'s' if len(unplaced) > 1 else ''} beside the article that the reading left out: "
            + "; ".join(f"“{text}…”" for text in unplaced[:3]) + "; compare the reading with the page"]


def _marks(element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _words(block) -> str:
    from studyguide.importer.tree import strip_markdown

    return "" if isinstance(block, Image) else strip_markdown(block)  # (the page's stream of words has no alt text)


def _stream(body) -> tuple[str, dict]:
    """The page's shown words, folded into one string, and where each list or table starts and ends in it."""
    parts: list[str] = []
    size = 0
    spans: dict = {}

    def visit(element) -> None:
        nonlocal size
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIP or not tag:
            return
        start = size
        if element.text:
            text = fold(element.text)
            parts.append(text)
            size += len(text)
        for child in element:
            visit(child)
            if child.tail:
                text = fold(child.tail)
                parts.append(text)
                size += len(text)
        if tag in ("ul", "ol", "dl", "table"):
            spans[element] = (start, size)

    visit(body)
    return "".join(parts), spans


def _own_text(element, nested: tuple[str, ...]) -> str:
    """An item's words without those of a list or table nested in it."""
    out = []

    def visit(node, top: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in SKIP or not top and tag in nested:
            return
        out.append(node.text or "")
        for child in node:
            visit(child, False)
            out.append(" " if child.tag in BLOCKISH else "")  # (`<th>Release</th><th>Date</th>`: two words)
            out.append(child.tail or "")

    visit(element, True)
    return " ".join("".join(out).split())


def _items(element) -> list[str]:
    if element.tag == "table":
        rows = [_own_text(row, ("table",)) for row in element.iter("tr")]
    else:
        rows = [_own_text(item, ("ul", "ol", "dl")) for item in element.iter("li", "dt", "dd")]
    return [row for row in rows if row]


def _holds_reading(element, ours: str) -> bool:
    """A table or list that holds paragraphs the reading has is the page's layout, not a list of the article's."""
    for block in element.iter("p", "h1", "h2", "h3", "h4", "blockquote", "pre"):
        text = fold(" ".join(block.itertext()))
        if len(text) >= 30 and text[:60] in ours:
            return True
    return False


def _missing(element, ours: str) -> bool:
    """Most of the list's items are not in the reading (a long item by its opening, folded)."""
    items = [fold(t) for t in _items(element)]
    items = [t for t in items if len(t) >= 8] or ([fold(" ".join(_items(element)))] if _items(element) else [])
    if not items:
        return False
    held = sum(1 for t in items if t[:60] in ours)
    return held * 2 < len(items)


def _place(before: str, after: str, ours: str, blocks: list[str], raw: list, whole: set[str]) -> tuple[int, int] | None:
    """The blocks of the reading that stand where the list was: none (the reading runs on from the
    words before it to the words after it), or a fragment of the list that trafilatura kept (a quotation
    of its links run together, one word of a table), whose words are all the list's. As a slice."""
    if len(before) < 12 or len(after) < 12:
        return None
    starts, end = [], 0
    for block in blocks:
        starts.append(end)
        end += len(block)
    found = ours.find(before)
    if found < 0 or ours.find(before, found + 1) >= 0:
        return None
    point = found + len(before)
    if point not in starts and point != end:
        return None
    first = starts.index(point) if point in starts else len(blocks)
    while first > 0 and not blocks[first - 1]:  # (a block with no words: an image without text)
        first -= 1
    last = first
    while True:
        if ours.startswith(after, starts[last] if last < len(blocks) else end):
            return (first, last) if last == first or _part_of(raw[first:last], whole) else None
        if last >= len(blocks) or last - first >= 400:  # (a table trafilatura ran into one paragraph per cell)
            return None
        last += 1


def _part_of(gap: list, whole: set[str]) -> bool:
    """Every word of the reading's blocks `gap` is one of the list's (links run together split apart)."""
    found = set()
    for block in gap:
        if not isinstance(block, str):
            return False
        found |= set(WORDS.findall(re.sub(r"\]\(<[^>]*>\)", " ", block).lower()))
    return bool(found) and found <= whole


def _link_share(element) -> float:
    words = len(" ".join(element.itertext()).split()) or 1
    return sum(len(" ".join(a.itertext()).split()) for a in element.iter("a")) / words


def _insert(walk, at: tuple[int, int], element, base_url: str | None) -> None:
    """The list written as the walk writes lists, in place of the blocks `at` (a slice, often empty);
    a list nested in a list item the reading ends with goes under that item, indented."""
    main = etree.Element("main")
    _convert(element, main)
    blocks = [b for b in walk_tree(main, base_url=base_url).blocks if isinstance(b, str) and b.strip()]
    if not blocks:
        return
    first, last = at
    host = walk.blocks[first - 1] if first > 0 else None
    if first == last and element.xpath("ancestor::li") and isinstance(host, str) \
            and re.match(r"(?:- |\d+\. )", host.split("\n")[-1]) \
            and all(re.match(r"(?:- |\d+\. )", line) for b in blocks for line in b.split("\n")):
        walk.blocks[first - 1] = host + "\n" + "\n".join("    " + line for b in blocks for line in b.split("\n"))
        return
    walk.blocks[first:last] = blocks


INLINE = {"a": "ref", "em": "hi", "i": "hi", "cite": "hi", "b": "hi", "strong": "hi", "br": "lb", "code": "code",
          "tt": "code", "kbd": "code"}
REND = {"em": "#i", "i": "#i", "cite": "#i", "b": "#b", "strong": "#b"}


def _convert(element, parent) -> None:
    """HTML into the XML trafilatura writes (list/item, table/row/cell, hi, ref, lb), for the walk."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in SKIP or tag == "img":
        return
    if tag == "table" and element.xpath(".//table"):  # a table laying out tables: its cells in order
        for cell in _outer_cells(element):
            if cell.xpath(".//table"):
                for child in cell:
                    _convert(child, parent)
            elif " ".join(cell.itertext()).strip():
                p = etree.SubElement(parent, "p")
                hi = etree.SubElement(p, "hi", rend="#b")
                hi.text = " ".join(" ".join(cell.itertext()).split())
        return
    if tag == "table":
        rows = list(element.iter("tr"))
        if rows and len(rows[0].findall("th") + rows[0].findall("td")) == 1 and len(rows) > 1:  # a title across it
            title = etree.SubElement(parent, "p")
            etree.SubElement(title, "hi", rend="#b").text = " ".join(" ".join(rows[0].itertext()).split())
            rows = rows[1:]
        table = etree.SubElement(parent, "table")
        for row in rows:
            out = etree.SubElement(table, "row")
            for cell in row:
                if cell.tag in ("td", "th"):
                    _inline_into(cell, etree.SubElement(out, "cell"))
        return
    names = {"ul": ("list", {"rend": "ul"}), "ol": ("list", {"rend": "ol"}), "dl": ("list", {"rend": "ul"}),
             "li": ("item", {}), "dt": ("item", {}), "dd": ("item", {})}
    if tag in names:
        name, attrs = names[tag]
        out = etree.SubElement(parent, name, **attrs)
        if name == "item":
            _inline_into(element, out)
        else:
            for child in element:
                if isinstance(child.tag, str) and child.tag in ("ul", "ol", "dl") and name == "list":
                    _convert(child, out)  # a list straight inside a list: read as the walk reads it
                elif isinstance(child.tag, str) and child.tag in names:
                    _convert(child, out)
                elif isinstance(child.tag, str) and " ".join(child.itertext()).strip():
                    item = etree.SubElement(out, "item")
                    _inline_into(child, item)
            if (element.text or "").strip():
                item = etree.Element("item")
                item.text = element.text
                out.insert(0, item)
        return
    p = etree.SubElement(parent, "p")
    _inline_into(element, p)


def _outer_cells(table) -> list:
    """The cells of `table` itself, not those of the tables inside it."""
    return [cell for cell in table.iter("td", "th") if next(cell.iterancestors("table")) is table]


def _inline_into(element, out) -> None:
    """The element's text and inline marks into `out`; a list inside it as a nested list, the rest as text."""
    out.text = element.text
    last = None
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in SKIP or tag == "img":
            node = None
        elif tag in ("ul", "ol", "dl"):
            node = etree.SubElement(out, "list", rend="ol" if tag == "ol" else "ul")
            for item in child:
                if isinstance(item.tag, str) and item.tag in ("li", "dt", "dd"):
                    _inline_into(item, etree.SubElement(node, "item"))
        elif tag in INLINE:
            node = etree.SubElement(out, INLINE[tag])
            if tag == "a" and child.get("href"):
                node.set("target", child.get("href"))
            if tag in REND:
                node.set("rend", REND[tag])
            if tag != "br":
                _inline_into(child, node)
        else:  # a span, a paragraph inside an item: its words, with a space around a block
            node = etree.SubElement(out, "hi", rend="plain")
            _inline_into(child, node)
            if tag in ("p", "div", "blockquote", "pre", "tr", "td", "th"):
                node.text = " " + (node.text or "")
                node.tail = " "
        if node is None:
            _append(out, last, child.tail)
            continue
        node.tail = (node.tail or "") + (child.tail or "") if node.tail else child.tail
        last = node


def _append(out, last, text: str | None) -> None:
    if not text:
        return
    if last is None:
        out.text = (out.text or "") + text
    else:
        last.tail = (last.tail or "") + text
