"""Laying a guide out again from the pages a fix touches, not from its first page.

A long guide's proofs need a few fixes (studyguide.pdf.refine): a word hyphenated
across a page set whole, a paragraph keeping lines for its footnote's page. Each
fix moves the pages after it, so refining a 60-page guide laid it out four times,
three quarters of its build. WeasyPrint already knows how to make a page again
from the state it began with (it does so when page numbers change); this module
keeps that state after the first layout, changes the box tree in place, and asks
WeasyPrint to make again only the pages holding the changed boxes, and the ones
after them until the pages fall as before.

It reads and changes WeasyPrint's internals, so it is used only with the release
it was written against (`SUPPORTED`), with stylesheets that say nothing more of
what the fixes set (`boxfix.trusts`), and only where it can be sure: a page that begins
with what the page before handed on (a note carried over, a float broken across
the break) is made again with that page, and a relayout whose text and notes,
read back, are not what they were is thrown away. The caller then lays the whole
guide out again, as before. The loop and the finishing below follow WeasyPrint
70's `layout.layout_document` (BSD licence), split where it joins them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

SUPPORTED = ("70.",)
FIXES_PER_PAGE = 3  # as many as refine's passes: a word set whole can bring the next one to the page's end
COUNTS: Counter = Counter()  # how each refinement was laid out: "as made", "partial", "refused" (then "full"), "full"


@dataclass
class Laid:
    """What a layout leaves that laying it out again needs."""

    html: Any  # weasyprint.HTML
    context: Any  # its LayoutContext, with the page maker's state for every page
    root_box: Any
    footnotes: list  # every footnote, as the first layout began with them
    raw: list = field(default_factory=list)  # (page box, its children, its root's children) before margin boxes
    options: dict = field(default_factory=dict)
    color_profiles: dict = field(default_factory=dict)
    fix: Any = None  # asmade.whole_words: a fix made as the pages are first made
    made_whole: list = field(default_factory=list)  # what `fix` did: (element, word)
    blocks: Any = None  # (root box, its block boxes by element): boxfix._block_of's index


def supported() -> bool:
    import weasyprint

    return weasyprint.__version__.startswith(SUPPORTED)


def render(html: Any, font_config: Any, fix: Any = None, **options: Any) -> Draft:
    """`html.render(font_config=…, **options)` as a Draft, with what a relayout needs kept (`_laid`).
    `fix(laid, pages, index)`: called as each page is made, for the page before it (asmade.py)."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.layout import initialize_page_maker

    options = {**DEFAULT_OPTIONS, **options}
    counter_style, color_profiles = CounterStyle(), {}
    context = Document._build_layout_context(html, font_config, counter_style, color_profiles, options)
    root_box = build_formatting_structure(
        html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
        context.target_collector, counter_style, context.footnotes)
    initialize_page_maker(context, root_box)
    laid = Laid(html, context, root_box, context.footnotes.copy(), options=options, color_profiles=color_profiles,
                fix=fix)
    try:
        return _paginate(laid, [])
    except NotSure:  # a fix made on the way was not sure: laid out by WeasyPrint alone, refined from the start
        COUNTS["refused"] += 1
        return html.render(font_config=font_config, **{k: v for k, v in options.items() if k in ("stylesheets", "cache")})


class NotSure(Exception):
    """A page must be made again from a state that only making the pages before it gives."""


def _make_all_pages(context: Any, root_box: Any, html: Any, pages: list, carried: set[int]) -> Any:
    """WeasyPrint's make_all_pages, which makes again only the pages whose start changed,
    made safe for that: a page after one made again is made again too when something is
    handed on to it (a footnote that did not fit, a float broken across the break), or
    was in the old layout (`carried`: the pages that began with such a thing)."""
    from weasyprint.layout.page import remake_page

    context.rendered_notes = []
    remade = False
    i = 0
    while True:
        remake_state = context.page_maker[i][-1]
        handed_on = remade and bool(context.reported_footnotes or context.broken_out_of_flow or i in carried)
        if not pages or i >= len(pages) or handed_on or remake_state["content_changed"] \
                or remake_state["pages_wanted"]:
            if i in carried and not remade and pages:
                raise NotSure(f"page {i + 1} begins with what page {i} handed on")
            remake_state.update(content_changed=False, pages_wanted=False, anchors=[], content_lookups=[])
            page, resume_at = remake_page(i, context, root_box, html)
            reported = context.reported_footnotes
            remade = True
            yield page
        else:
            resume_at = context.page_maker[i + 1][0]
            reported = None
            context.reported_footnotes, context.broken_out_of_flow = [], {}
            remade = False
            yield pages[i]
        i += 1
        if resume_at is None and not reported:
            context.page_maker = context.page_maker[:i + 1]
            context.broken_out_of_flow.clear()
            context.reported_footnotes.clear()
            return


def _first_pages(laid: Laid) -> list:
    """Every page made for the first time, each page checked by `laid.fix` once the page
    after it is made: where the fix changed the boxes, the two are made again, the first
    from the state WeasyPrint kept for it and what the page before handed on to it (notes
    not yet set, notes carried over, floats broken across the break) as it was then. Each
    page is fixed `FIXES_PER_PAGE` times at most."""
    from weasyprint.layout.page import remake_page

    context = laid.context
    context.rendered_notes = []
    made: list = []
    handed: list = []  # as each page began: the notes not yet set, those carried over, the broken floats
    fixed: Counter = Counter()
    i = 0
    while True:
        handed[i:] = [(context.footnotes.copy(), context.reported_footnotes.copy(), dict(context.broken_out_of_flow))]
        context.page_maker[i][-1].update(content_changed=False, pages_wanted=False, anchors=[], content_lookups=[])
        page, resume_at = remake_page(i, context, laid.root_box, laid.html)
        made[i:] = [page]
        if i and fixed[i - 1] < FIXES_PER_PAGE and laid.fix(laid, made, i - 1):
            fixed[i - 1] += 1
            COUNTS["as made"] += 1
            i -= 1
            notes, carried, broken = handed[i]
            context.footnotes, context.reported_footnotes, context.broken_out_of_flow = \
                notes.copy(), carried.copy(), dict(broken)
            continue
        reported = context.reported_footnotes
        i += 1
        if resume_at is None and not reported:
            context.page_maker = context.page_maker[:i + 1]
            context.broken_out_of_flow.clear()
            context.reported_footnotes.clear()
            return made


def _paginate(laid: Laid, pages: list, carried: set[int] = frozenset()) -> Any:
    """WeasyPrint's pagination loop from `pages` (empty: every page), then the finishing, as a Document."""
    context = laid.context
    total = len(pages)
    for _ in range(8):
        context.footnotes = laid.footnotes.copy()
        before = total
        if not pages and laid.fix is not None:
            pages = _first_pages(laid)
        else:
            pages = list(_make_all_pages(context, laid.root_box, laid.html, pages, carried))
        total = len(pages)
        again_content = again_pages = False
        for *_, page_state, remake_state in context.page_maker:
            page_state[1]["pages"] = [total]
            again_content |= remake_state["content_changed"]
            if remake_state["pages_wanted"]:
                again_pages = before != total
        if not again_content and not again_pages:
            break
        carried = carried_into(pages)  # for the next round, from the pages as they now fall
    laid.raw = [(page, page.children, page.children[0].children) for page in pages]
    return Draft(laid, pages)


class Draft:
    """Pages as made, before their margin boxes: what measuring them needs. Finishing a
    60-page guide (running heads, page numbers, bookmarks) takes a third of a second,
    so it is done once, for the layout that is kept (`finished`)."""

    def __init__(self, laid: Laid, pages: list) -> None:
        self._laid = laid
        self.pages = [_DraftPage(page) for page in pages]


@dataclass
class _DraftPage:
    _page_box: Any


def finished(document: Any) -> Any:
    """`document` as WeasyPrint's render would have given it: a Document, finished."""
    return _finish(document._laid, [page._page_box for page in document.pages]) if isinstance(document, Draft) \
        else document


def _finish(laid: Laid, pages: list) -> Any:
    """Bookmarks, running strings and margin boxes, as layout_document ends."""
    from weasyprint.document import Document, Page
    from weasyprint.html import get_html_metadata
    from weasyprint.layout import layout_fixed_boxes
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.layout.page import make_margin_boxes
    from weasyprint.pdf.metadata import DocumentMetadata

    context = laid.context
    context.string_set = defaultdict(lambda: defaultdict(list))
    watched: dict[str, list] = {"": [], "::before": [], "::after": []}
    for i, page in enumerate(pages):
        counters = context.page_maker[i + 1][3][1]
        for child in page.descendants():
            if child.bookmark_label:
                kind = next((k for k in ("::before", "::after") if child.element_tag.endswith(k)), "")
                if child.element in watched[kind]:
                    child.bookmark_label = ""
                else:
                    watched[kind].append(child.element)
            if child.missing_link:
                for (box, token), item in context.target_collector.counter_lookup_items.items():
                    if child.missing_link == box and token != "content":
                        if token == "bookmark-label" and not child.bookmark_label:
                            continue
                        item.parse_again(counters)
                        if token == "bookmark-label":
                            child.bookmark_label = box.bookmark_label
            if child.string_set and child.string_set != "none":
                for name, text in child.string_set:
                    context.string_set[name][i + 1].append(text)
    finished = []
    for i, page in enumerate(pages):
        root, footnote_area, note_area = page.children
        root.children = [*layout_fixed_boxes(context, pages[:i], page), *root.children,
                         *layout_fixed_boxes(context, pages[i + 1:], page)]
        context.current_page = i + 1
        state = context.page_maker[i + 1][3]
        children = [root] + [area for area in (footnote_area, note_area) if area.children]
        page.children = tuple(children + list(make_margin_boxes(context, page, state)))
        layout_backgrounds(page, context.get_image_from_uri)
        finished.append(page)
    document = Document([Page(page) for page in finished], DocumentMetadata(**get_html_metadata(laid.html)),
                        laid.html.url_fetcher, context.font_config, laid.color_profiles,
                        laid.options["output_intent"])
    document._html = laid.html
    document._laid = laid
    return document


# Laying out again -----------------------------------------------------------------------


def pages_of(document: Any, elements: list) -> list[int]:
    """The pages (from 0) holding a box of any of `elements`, each page read once."""
    from studyguide.pdf.measure import _walk

    wanted = {id(element) for element in elements}
    return [i for i, page in enumerate(document.pages)
            if any(id(box.element) in wanted for box in _walk(page._page_box))]


def carried_into(pages: list) -> set[int]:
    """The pages (from 0) that begin with something the pages before handed on: a note
    whose call is on an earlier page (WeasyPrint moves a note that does not fit on, page
    after page), a float or positioned box broken across the break. WeasyPrint keeps
    these only while it makes the pages in order, so such a page cannot be made on its own."""
    from studyguide.pdf.measure import _walk

    calls: dict[Any, int] = {}
    notes: dict[Any, int] = {}
    into: set[int] = set()
    for index, page in enumerate(pages):
        for box in _walk(page):
            tag = box.element_tag or ""
            if tag.endswith("::footnote-call"):
                calls.setdefault(box.element, index)
            elif tag.endswith("::footnote-marker"):
                notes.setdefault(box.element, index)
        root = page.children[0]
        if index and any(child.is_floated() or child.is_absolutely_positioned() for child in root.children):
            into.add(index)
    for element, call in calls.items():
        into.update(range(call + 1, notes.get(element, len(pages) - 1) + 1))
    return into


def split_rows(document: Any) -> set[int]:
    """The pages (from 0) that go on with a table row begun on the page before. Laying
    out a row split over a break changes its cells in the box tree itself (their top
    border and padding), so such a page is never made again from the kept tree."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    def rows(box: Any):
        if getattr(box, "is_header", False) or getattr(box, "is_footer", False):
            return  # a table's head and foot are drawn again, whole, on every page it runs onto
        if isinstance(box, TableRowBox):
            yield id(box.element)
        for child in getattr(box, "children", None) or ():
            yield from rows(child)

    on = [set(rows(page._page_box)) for page in document.pages]
    return {index for index in range(1, len(on)) if on[index] & on[index - 1]}


def _unfinished(page: Any, children: list, root_children: list) -> Any:
    """A copy of a finished page box as make_all_pages left it, before its margin boxes:
    the finished page is left alone, so that `document` stays whole whatever happens."""
    root = children[0].copy()
    root.children = list(root_children)
    fresh = page.copy()
    fresh.children = [root, *children[1:]]
    return fresh


def relayout(document: Any, touched: list[int]) -> Any:
    """`document` made again, its boxes having been changed in place on the `touched`
    pages (from 0): each touched page is made again (from the page where what it
    begins with was made), the others only where the page before now ends elsewhere.
    None: it could not be done with certainty."""
    laid = getattr(document, "_laid", None)
    if laid is None or not touched:
        return None
    handed_on = carried_into([page._page_box for page in document.pages])
    marked = set()
    for index in touched:
        marked.add(index)
        while index in handed_on:
            index -= 1
            marked.add(index)
    if any(index >= min(marked) for index in split_rows(document)):
        return None
    for index in marked:
        laid.context.page_maker[index][-1]["content_changed"] = True
    targets = _targets(laid)
    try:
        again = _paginate(laid, [_unfinished(*raw) for raw in laid.raw], handed_on)
        if _targets(laid) != targets:
            # A heading the contents points to moved. WeasyPrint tells the pages that look it
            # up only when their lookup names the anchor, which `target-counter(attr(href), page)`
            # does not (it is filed under None): its pages are made again by hand.
            for (_, token), item in laid.context.target_collector.counter_lookup_items.items():
                if token == "content" and item.missing_target_counters and item.page_maker_index is not None:
                    item.pending = True
                    laid.context.page_maker[item.page_maker_index][-1]["content_changed"] = True
            handed_on = carried_into([page._page_box for page in again.pages])
            again = _paginate(laid, [_unfinished(*raw) for raw in laid.raw], handed_on)
        return again
    except NotSure:
        return None


def _targets(laid: Laid) -> dict:
    """Where every anchor a `target-counter` can point to fell: page and page counters."""
    return {name: (item.page_maker_index, repr(item.cached_page_counter_values))
            for name, item in laid.context.target_collector.target_lookup_items.items()}


def text_of(document: Any) -> tuple[str, list[str]]:
    """The text, every page's in order, and the notes (in any order: a note carried to a
    later page may be set after that page's own), without spaces or the hyphens where
    lines broke: what a relayout must leave as it was, since fixes move breaks, never text."""
    from weasyprint.formatting_structure.boxes import TextBox

    from studyguide.pdf.measure import HYPHEN

    squeeze = re.compile(rf"[\s{HYPHEN}\u00ad]+")

    def texts(box: Any):
        if getattr(box, "is_header", False) or getattr(box, "is_footer", False):
            return  # a table's head and foot are drawn again on every page the table runs onto
        if getattr(box, "missing_link", None) is not None:
            return  # a page number looked up (the contents' `target-counter`): moves with the pages
        if isinstance(box, TextBox):
            yield box.text
        for child in getattr(box, "children", None) or ():
            yield from texts(child)

    body, notes = [], []
    for page in document.pages:
        for area in page._page_box.children:
            if area.element_tag == "html":
                body.extend(texts(area))
            elif type(area).__name__ == "FootnoteAreaBox":
                notes.extend(squeeze.sub("", "".join(texts(note))) for note in area.children)
    return squeeze.sub("", "".join(body)), sorted(notes)
