"""A word hyphenated across a page, set whole while the pages are first made.

refine.py finds such words on the proofs and lays the guide out again; each fix moves
every page after it, so a 60-page guide was made again from the first fix to its end,
pass after pass (a third of its build). Here the word is found as soon as the page
after it is made, set whole in the box tree (boxfix.keep_whole, as `<span class="whole">`
would set it), and only those two pages are made again before the layout goes on. The
markup is given the same spans afterwards (`in_markup`), so that it still says what was
laid out: a later layout from the start, or refine's own passes, read it as they did.

It is done only where that is the same as laying the fixed markup out from the start:
the page that ends with the word begins with nothing handed on from the page before (a
note carried over, a broken float), and the word's element starts on it, so that no
earlier page holds text the fix could change.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from studyguide.pdf.measure import HYPHEN, _walk, pages

Fix = Callable[[Any, list, int], bool]


class _Made:
    """Pages in the shape measure.pages reads."""

    def __init__(self, boxes: list) -> None:
        self.pages = [type("Page", (), {"_page_box": box})() for box in boxes]


def made_as_we_go(markup: str) -> Fix:
    """The fix given to relayout.render: `fix(laid, made, index)` makes, between page `index`
    and the next (both in `made`), the first fix refine's pass would, if it safely can, and
    says whether it did: a word split across them set whole, or else a note moved off its
    call's page brought home by the paragraph ending the page keeping more lines."""
    from studyguide.pdf import boxfix
    from studyguide.pdf.refine import _element_span, _whole, widows_for

    def fix(laid: Any, made: list, index: int) -> bool:
        page, after = pages(_Made(made[index:index + 2]), marker="id")
        element = page.tail
        if element is None or element.tag == "span" or _began_before(element, made, index):
            return False  # an element begun on an earlier page: refine's passes make that fix
        root = laid.root_box.element
        block = boxfix._block_of(laid, element)
        before = _said(block)
        if page.last_line.endswith(HYPHEN) and page.last_line.split() and after.first_line.split():
            word = re.sub(r"\W+$", "", page.last_line.split()[-1].rstrip(HYPHEN) + after.first_line.split()[0])
            span = _element_span(markup, element, root) if word else None
            if span and _whole(markup, word, span) != markup and boxfix.keep_whole(laid, element, word):
                laid.made_whole.append(("whole", element, word))
                return _unchanged(before, block)
        widows = widows_for(page, after)
        if widows and element in list(root.iter(element.tag)) and "style" not in element.attrib \
                and boxfix.set_style(laid, element, "widows", widows):
            laid.made_whole.append(("widows", element, widows))
            return _unchanged(before, block)
        return False

    return fix


def _said(block: Any) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    return "".join(box.text for box in _walk(block) if isinstance(box, TextBox)) if block is not None else ""


def _unchanged(before: str, block: Any) -> bool:
    """A fix moves line breaks, never words: the element's text read back from the box tree,
    by a walk of its own, must be what it was, or the whole layout is thrown away."""
    from studyguide.pdf.relayout import NotSure

    if _said(block) != before:
        raise NotSure("a fix made as the pages were laid out changed the text")
    return True


def _began_before(element: Any, made: list, index: int) -> bool:
    return bool(index) and any(box.element is element for box in _walk(made[index - 1]))


def in_markup(document: Any, html: str) -> str:
    """`html` with the fixes its layout made as it went, as refine would have made them."""
    from studyguide.pdf.refine import _element_span, _style_nth, _whole

    laid = getattr(document, "_laid", None)
    done = getattr(laid, "made_whole", [])
    # A paragraph fixed twice (its widows raised again when the page was made once more) holds the last value in
    # its box: the markup is given that one, once.
    final = {id(element): value for kind, element, value in done if kind == "widows"}
    written: set[int] = set()
    for kind, element, value in done:
        if kind == "widows":
            if id(element) in written:
                continue
            written.add(id(element))
            value = final[id(element)]
        root = laid.root_box.element
        if kind == "whole":
            span = _element_span(html, element, root)
            fixed = html if span is None else _whole(html, value, span)
        else:
            fixed = _style_nth(html, element.tag, list(root.iter(element.tag)).index(element), f"widows: {value}")
        if fixed == html:  # checked when the fix was made: the markup would no longer say what was laid out
            raise ValueError(f"a fix made as the pages were laid out ({kind}: {value}) is not found in the markup")
        html = fixed
    if laid is not None:
        laid.made_whole = []  # each layout's fixes are put in the markup once
    return html
