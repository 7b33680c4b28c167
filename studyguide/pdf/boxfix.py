"""Fixes made in WeasyPrint's box tree as the markup would make them, and the
stylesheets under which that is so (studyguide.pdf.relayout lays the pages out again).

refine.py makes each fix in the markup (`<span class="whole">`, `style="widows: N"`);
the same fix made here in the laid-out tree lets only the touched pages be made
again. Both must mean the same: the tests compare the PDFs to the byte.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# What the fixes made in the box tree stand for: `.whole` (hyphens: manual) and a
# `widows` style attribute. A theme's stylesheet that names either could make the
# markup's fix mean more than that; one that matches elements by their siblings
# (`:only-child`, `+`, …) could style them otherwise once a fix adds a span; one with
# fixed or running boxes puts them on every page that is measured. Such a guide is
# laid out from the start.
FIX_WORDS = re.compile(r"\bwhole\b|\bwidows\b|\bfixed\b|running\(")
BY_SIBLINGS = re.compile(r"[+~]|:(only|first|last|nth)-|-of-type|:empty|:has\(")


def _says_too_much(css: str) -> bool:
    """`css` names what the fixes set, or matches elements by their siblings."""
    css = re.sub(r"/\*.*?\*/|url\([^)]*\)|\"[^\"]*\"|'[^']*'", " ", css, flags=re.S)
    selectors = re.findall(r"(?:^|[;{}])\s*([^;{}@\s][^;{}]*)\{", css)
    return bool(FIX_WORDS.search(css)) or any(BY_SIBLINGS.search(selector) for selector in selectors)


def trusts(sheets: list[Path], html: str) -> bool:
    """No stylesheet but ours (`TEMPLATES`) says anything of what the fixes set in the box
    tree, in the files linked, those they import, and the page's own <style>."""
    from studyguide.files import TEMPLATES

    seen: set[Path] = set()
    todo = [Path(sheet) for sheet in sheets]
    for style in re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S):
        if _says_too_much(style):
            return False
    while todo:
        path = todo.pop().resolve()
        if path in seen:
            continue
        seen.add(path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        if not path.is_relative_to(TEMPLATES.resolve()) and _says_too_much(text):
            return False
        for target in re.findall(r"@import\s+(?:url\()?\s*[\"']?([^\"')\s;]+)", text):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):
                return False  # a remote or unusual import: not read here
            todo.append(TEMPLATES / target[len("defaults/"):] if target.startswith("defaults/") else path.parent / target)
    return True


def _boxes(box: Any, parent: Any = None):
    """(box, its parent) for `box` and everything under it."""
    yield box, parent
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child, box)


def _block_of(laid: Any, element: Any) -> Any:
    """The box `element` made, in the tree WeasyPrint lays out from. The tree is walked once
    per layout (a walk per fix was a tenth of the 60-page guide's refinement): the fixes change
    what is inside block boxes and their styles, never which block boxes there are."""
    from weasyprint.formatting_structure.boxes import BlockLevelBox

    blocks = getattr(laid, "blocks", None)
    if blocks is None or blocks[0] is not laid.root_box:
        found: dict = {}
        for box, _ in _boxes(laid.root_box):
            if isinstance(box, BlockLevelBox) and "::" not in (box.element_tag or ""):
                found.setdefault(id(box.element), box)  # the first in the walk's order, as a search finds it
        blocks = laid.blocks = (laid.root_box, found)
    box = blocks[1].get(id(element))
    return box if box is not None and box.element is element else None


def keep_whole(laid: Any, element: Any, word: str) -> bool:
    """Every `word` in `element`'s text set as `<span class="whole">` sets it: an inline box
    with `hyphens: manual` around it, between the text before and after it, as the
    markup would make them. The boxes after it in its parent move along; every page
    where a place among them could have been kept is made again (relayout's `touched`).
    False: the word was not found."""
    from weasyprint.formatting_structure.boxes import InlineBox, TextBox

    block = _block_of(laid, element)  # its footnotes are not under it: they are left alone, as _whole leaves them
    if block is None:
        return False
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    found = False
    for box, parent in list(_boxes(block)):
        if not isinstance(box, TextBox) or parent is None or "::" in (box.element_tag or ""):
            continue
        pieces, at = [], 0
        for match in pattern.finditer(box.text):
            if match.start() > at:
                pieces.append(box.copy_with_text(box.text[at:match.start()]))
            style = box.style.copy()  # the span's, as `.whole` sets it
            style["hyphens"] = "manual"
            span = box.element.makeelement("span", {"class": "whole"})  # tagged PDFs name it: a Span
            word_box = TextBox("span", style.anonymous_style, span, match.group(0))
            pieces.append(InlineBox("span", style, span, [word_box]))
            at = match.end()
        if not pieces:
            continue
        if any(getattr(child, "tag", None) == "img" for child in box.element):
            return False  # the span would end `p > img:only-child` (our stylesheets): only the markup shows what then
        if at < len(box.text):
            pieces.append(box.copy_with_text(box.text[at:]))
        children = list(parent.children)
        at = children.index(box)
        children[at:at + 1] = pieces
        parent.children = tuple(children) if isinstance(parent.children, tuple) else children
        found = True
    return found


def set_style(laid: Any, element: Any, name: str, value: Any) -> bool:
    """`element`'s box given `name: value`, as a style attribute would (`widows`), and,
    the property being inherited, every box under it that takes it from it: anonymous
    boxes, and elements the stylesheets give no value of their own."""
    from weasyprint.formatting_structure.boxes import ParentBox

    block = _block_of(laid, element)
    if block is None:
        return False

    def give(box: Any) -> None:
        box.style = box.style.copy()
        box.style[name] = value
        for child in box.children:
            if isinstance(child, ParentBox) and name not in (getattr(child.style, "cascaded", None) or {}):
                give(child)

    give(block)
    return True
