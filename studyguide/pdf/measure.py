"""Measure a laid-out WeasyPrint document: where things fell, in millimetres.

Layout decisions (writing space on a handout, a contents page that helps, a page
left near-empty) are made from these numbers, never from estimates of how many
characters fit a line. Only WeasyPrint's box tree is read; nothing is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

PX_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels
HYPHEN = "\u2010"  # what WeasyPrint draws where it hyphenates a word


@dataclass
class PageFacts:
    """One page: its content area, how far its text runs, and what starts on it."""

    number: int  # from 1
    top: float  # mm from the top of the sheet
    bottom: float  # where the content area ends
    used: float  # where the last block on the page ends
    names: list[str] = field(default_factory=list)  # data-q / id of marked elements, in order
    forced: bool = False  # the page opens with a forced break (a session heading)
    first_line: str = ""
    last_line: str = ""
    calls: list[str] = field(default_factory=list)  # footnote calls drawn in the text
    notes: list[str] = field(default_factory=list)  # footnote markers drawn in the footnote area
    notes_mm: float = 0.0  # the height of the footnote area
    tail: Any = None  # the element whose line ends the page
    tail_lines: int = 0  # how many of its lines the page holds
    head_lines: int = 0  # lines of the element that opens the page
    line_mm: float = 0.0  # the height of the page's last line
    head_cut: str = ""  # the margin box ("@top-left", …) whose running head was too long for its line
    off_edge: str = ""  # the first words drawn past the sheet's right edge (a table too wide): not printed

    @property
    def free(self) -> float:
        return max(0.0, self.bottom - self.used)

    @property
    def fill(self) -> float:
        """The share of the content area used, 0 to 1."""
        return (self.used - self.top) / max(1e-6, self.bottom - self.top)


def _walk(box: Any) -> Iterator[Any]:
    """`box` and every box inside it, in document order. A loop, not a recursion: each
    level of `yield from` passes every box up once more, and a page's boxes are deep."""
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        children = getattr(box, "children", None)
        if children:
            stack.extend(reversed(children))


def _text(box: Any) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    return "".join(b.text for b in _walk(box) if isinstance(b, TextBox))


def pages(document: Any, marker: str = "data-q") -> list[PageFacts]:
    """Facts about every page of `document`; elements carrying `marker` are named
    (by its value) on the page where they start."""
    from weasyprint.formatting_structure.boxes import BlockBox, LineBox, ReplacedBox, TextBox

    facts = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        top = box.content_box_y()
        bottom = top + box.height
        root = next((c for c in box.children if c.element_tag == "html"), None)
        area = next((c for c in box.children if c is not root and c.element_tag != "html"
                     and type(c).__name__ == "FootnoteAreaBox"), None)
        if area is not None and area.children:
            bottom = area.position_y  # the notes take the foot of the page
        used = top
        names: list[str] = []
        lines: list[Any] = []
        calls: list[str] = []
        forced = False
        off_edge, edge = "", box.margin_width()
        for b in _walk(root) if root is not None else ():
            if isinstance(b, BlockBox) and b.element_tag not in ("html", "body"):
                element = getattr(b, "element", None)
                value = element.get(marker) if element is not None else None
                if value:  # a marked block counts whole: a question's writing space is used space
                    used = max(used, b.position_y + b.margin_height() - b.margin_bottom)
                    if value not in names:
                        names.append(value)
                if b.element_tag == "h2" and "session" in (element.get("class") or "").split() \
                        and "run-on" not in (element.get("class") or "") and not lines:
                    forced = True
            elif isinstance(b, LineBox):
                lines.append(b)
                used = max(used, b.position_y + b.height)
            elif isinstance(b, ReplacedBox):
                used = max(used, b.position_y + b.margin_height() - b.margin_bottom)
            elif isinstance(b, TextBox):
                if (b.element_tag or "").endswith("::footnote-call"):
                    calls.append(b.text.strip("[]. "))
                if not off_edge and b.text.strip() and b.position_x + b.width > edge + 0.5:
                    off_edge = b.text.strip()
        notes = [b.text.strip("[]. ") for b in _walk(area)
                 if isinstance(b, TextBox) and (b.element_tag or "").endswith("::footnote-marker")] if area else []
        head_cut = next((margin.at_keyword for margin in box.children
                         if type(margin).__name__ == "MarginBox" and margin.at_keyword.startswith("@top")
                         for line in _walk(margin) if isinstance(line, LineBox) and line.width > margin.width + 0.5), "")
        lines = [line for line in lines if _text(line).strip()]
        parents = {id(child): b for b in _walk(root) for child in (getattr(b, "children", None) or ())} if lines else {}
        owner = [getattr(parents.get(id(line)), "element", None) for line in lines]
        facts.append(PageFacts(number, top * PX_MM, bottom * PX_MM, used * PX_MM, names, forced,
                               _text(lines[0]) if lines else "", _text(lines[-1]) if lines else "", calls, notes,
                               area.margin_height() * PX_MM if notes else 0.0,
                               owner[-1] if owner else None, owner.count(owner[-1]) if owner else 0,
                               owner.count(owner[0]) if owner else 0, lines[-1].height * PX_MM if lines else 0.0,
                               head_cut, off_edge))
    return facts


def off_edge_notices(facts: list[PageFacts]) -> list[str]:
    """Words past the sheet's edge are on no printed page and in no PDF reader's text (Poppler's):
    the organiser is told where, to make the table narrower or the word breakable."""
    return [f"page {page.number}: '{page.off_edge[:40]}' runs off the edge of the page and is not printed (a table "
            "with too many columns, or a long word that cannot break): narrow it" for page in facts if page.off_edge]
