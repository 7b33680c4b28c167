"""A second look after layout: what a book designer would fix on the proofs.

A guide is laid out, its pages measured (studyguide.pdf.measure), and laid out again
with these fixes, at most `PASSES` times:

- a contents page only where it helps: three or more entries on different pages;
- no page left near-empty before a session that would start a new page (a short
  introduction, the tail of a session): the session runs on instead;
- no word hyphenated across a page: it is set whole;
- a cover that runs onto a second page is set tighter (large print);
- a note moved off its call's page comes back (the paragraph ending the page
  gives up lines to make room).

Then every footnote's note is checked to be on its call's page (a warning if not).
Handouts get their writing space from studyguide.pdf.handout.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from studyguide.pdf.asmade import in_markup
from studyguide.pdf.measure import HYPHEN, PageFacts, off_edge_notices, pages

PASSES = 3
NEAR_EMPTY = 0.25  # a page less full than this, before a forced break, is a waste
CONTENTS_RE = re.compile(r'<nav class="contents"[^>]*>.*?</nav>', re.S)
SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)

Render = Callable[[str], Any]


SHORT_PAGE_CHARS = 1500  # fewer characters than an A5 page holds (about 2,000): a guess on the safe side


def first_draft(kind: str, html: str) -> str:
    """What is laid out first. A guide whose text is too short to spread its sections over
    three pages is laid out without its contents page, which the measure would take
    away again (a third of a short guide's time): a guess that only saves time, since
    refine_guide puts the page back when the sections do spread. The contents ends with
    a page break, so the pages after it fall the same with or without it."""
    nav = CONTENTS_RE.search(html) if kind == "guide" else None
    if nav is None:
        return html
    body = html[nav.end():]
    text = " ".join(re.sub(r"<[^>]+>", " ", SVG_RE.sub(" ", body)).split())
    sessions = len(re.findall(r'<h2[^>]*\bclass="[^"]*\bsession\b', body))  # each starts a page
    if len(text) / SHORT_PAGE_CHARS + sessions < 2:
        return html[:nav.start()] + html[nav.end():]
    return html


def refine_layout(kind: str, document: Any, html: str, render: Render, draft: str | None = None) -> tuple[Any, list[str]]:
    """The document laid out again as `kind` asks ("guide", "sheet", "half"), and notices for the user.
    `draft`: what `document` was laid out from, when first_draft changed `html`."""
    if kind in ("sheet", "half"):
        from studyguide.pdf.handout import fit_handout

        return fit_handout(kind, document, html, render)
    if kind == "guide":
        if draft is not None and draft != html:  # laid out without its contents page
            if _contents_helps(html, pages(document, marker="id")):
                document = render(html)  # the sections spread after all: as the template made it
            else:
                html = draft
        return refine_guide(document, in_markup(document, html), render)
    return document, []


def _contents_helps(html: str, facts: list[PageFacts]) -> bool:
    """Three or more of the contents' entries start on different pages."""
    nav = CONTENTS_RE.search(html)
    entries = re.findall(r'<a href="#([^"]+)"', nav.group(0)) if nav else []
    where = {name: page.number for page in facts for name in page.names}
    return len({where.get(e) for e in entries} - {None}) >= 3


def refine_guide(document: Any, html: str, render: Render) -> tuple[Any, list[str]]:
    tried: set[str] = set()
    for _ in range(PASSES):
        facts = pages(document, marker="id")
        root = _root(document)
        ops: list[tuple] = []
        fixed = fixes(html, facts, tried, root, ops)
        fixed = notes_home(fixed, facts, root, tried, ops)
        if fixed == html:
            break
        document = _again(document, fixed, ops, render)
        html = in_markup(document, fixed)  # a layout from the start may have set words whole as it went
    from studyguide.pdf.relayout import finished

    document = finished(document)
    document.markup = html  # what the pages now show, fixes and all
    facts = pages(document, marker="id")
    notices = footnote_notices(facts) + off_edge_notices(facts)
    if len(facts) > 1 and "cover" in facts[1].names:
        notices.append("the cover does not fit on one page: shorten the title, subtitle or reading")
    if 'class="edition-large-print' in html:
        notices += small_labels(document)
    if any(page.head_cut == "@top-left" for page in facts):  # the guide's title heads left pages
        notices.append("the title is too long for the running head and is cut short there: give the guide a short_title")
    return document, notices


def _again(document: Any, html: str, ops: list[tuple], render: Render) -> Any:
    """`html` laid out: by making again only the pages the fixes touch, where every fix
    can be made in the laid-out boxes as the markup makes it and the result reads the
    same as before, or else from the start."""
    from studyguide.pdf import boxfix, relayout

    if ops and all(op[0] in ("whole", "widows") for op in ops) and getattr(document, "_laid", None):
        try:
            touched = relayout.pages_of(document, [element for _, element, _ in ops])
            before = relayout.text_of(document)
            laid = document._laid
            done = all(boxfix.keep_whole(laid, element, value) if kind == "whole"
                       else boxfix.set_style(laid, element, "widows", value) for kind, element, value in ops)
            again = relayout.relayout(document, touched) if done and touched else None
        except Exception:  # noqa: BLE001 - WeasyPrint's internals, read as they were: laid out from the start instead
            again = None
        if again is not None and relayout.text_of(again) == before:
            relayout.COUNTS["partial"] += 1
            return again
        relayout.COUNTS["refused"] += 1
    relayout.COUNTS["full"] += 1
    return render(html)


def _root(document: Any) -> Any:
    return next(c.element for c in document.pages[0]._page_box.children if c.element_tag == "html")


def notes_home(html: str, facts: list[PageFacts], root: Any, tried: set[str], ops: list | None = None) -> str:
    """A note WeasyPrint moved to the next page, to make room for the lines that end
    its call's page, comes home: the paragraph ending that page keeps enough lines
    for the next page (its `widows`) to leave the note room."""
    for index, page in enumerate(facts[:-1]):
        after = facts[index + 1]
        strays = [n for n in page.calls if n in after.notes]
        if not strays or page.tail is None or page.tail.tag not in ("p", "li", "dd", "blockquote"):
            continue
        key = f"widows:{page.number}"
        if key in tried:
            continue
        tried.add(key)
        same = [e for e in root.iter(page.tail.tag)]
        widows = widows_for(page, after)
        if page.tail not in same or not widows:
            continue
        styled = _style_nth(html, page.tail.tag, same.index(page.tail), f"widows: {widows}")
        if styled != html and ops is not None:
            ops.append(("widows", page.tail, widows))
        html = styled
    return html


def widows_for(page: PageFacts, after: PageFacts) -> int:
    """The lines the paragraph ending `page` must carry to the next page for the notes
    moved there to come home to their calls' page; 0 when none was moved or it cannot help."""
    if not [n for n in page.calls if n in after.notes] or page.tail is None \
            or page.tail.tag not in ("p", "li", "dd", "blockquote") or page.line_mm <= 0:
        return 0
    moved = after.head_lines if after.first_line else 0
    return moved + int(after.notes_mm / page.line_mm) + 2


def _style_nth(html: str, tag: str, n: int, style: str) -> str:
    """The `n`th `<tag>` of the body (from 0) with `style` added."""
    start = html.find("<body")
    found = list(re.finditer(rf"<{tag}(?=[\s>])([^>]*)>", html[start:]))
    if n >= len(found) or "style=" in found[n].group(1):
        return html
    at = start + found[n].start() + len(tag) + 1
    return html[:at] + f' style="{style}"' + html[at:]


def _element_span(html: str, element: Any, root: Any) -> tuple[int, int] | None:
    """Where `element` (of the laid-out tree `root`) is in `html`: from its opening tag
    to its closing one, or None when it cannot be told for sure."""
    tag = getattr(element, "tag", None)
    if not isinstance(tag, str) or not re.fullmatch(r"[a-z][a-z0-9]*", tag):
        return None
    same = list(root.iter(tag))
    if element not in same:
        return None
    start = html.find("<body")
    tags = list(re.finditer(rf"<(/?){tag}(?=[\s>/])[^>]*>", html[start:]))
    opening = [m for m in tags if not m.group(1)]
    n = same.index(element)
    if n >= len(opening) or len(opening) != len(same):
        return None
    first = opening[n]
    depth = 0
    for m in tags[tags.index(first):]:
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return start + first.start(), start + m.end()
    return None


def fixes(html: str, facts: list[PageFacts], tried: set[str], root: Any = None, ops: list | None = None) -> str:
    """`html` with the fixes the measured `facts` call for; `tried` keeps each fix to one attempt.
    `ops`: told each fix, as ("whole", element, word) where it keeps a word whole in one
    element, or ("full",) where only laying the guide out from the start can show it."""
    ops = [] if ops is None else ops
    if CONTENTS_RE.search(html) and not _contents_helps(html, facts):
        ops.append(("full",))
        return CONTENTS_RE.sub("", html, count=1)  # every page after the contents moves: measure again first
    if len(facts) > 1 and "cover" in facts[1].names and "cover" not in tried:
        tried.add("cover")  # the cover ran onto a second page: set it tighter
        ops.append(("full",))
        return re.sub(r'<section class="cover"(?= )', '<section class="cover tight"', html, count=1)
    for before, page in zip(facts[1:], facts[2:]):
        if page.forced and before.fill < NEAR_EMPTY and "contents" not in before.names and page.names:
            heading = page.names[0]
            if heading not in tried:
                tried.add(heading)
                html = _run_on(html, heading)
                ops.append(("full",))
    for page, after in zip(facts, facts[1:]):
        if page.last_line.endswith(HYPHEN) and page.last_line.split() and after.first_line.split():
            word = page.last_line.split()[-1].rstrip(HYPHEN) + after.first_line.split()[0]
            word = re.sub(r"\W+$", "", word)
            if word and f"{page.number}:{word}" not in tried:
                tried.add(f"{page.number}:{word}")
                span = _element_span(html, page.tail, root) if root is not None else None
                whole = _whole(html, word, span)
                if whole != html:
                    ops.append(("whole", page.tail, word) if span else ("full",))
                html = whole
    return html


def _run_on(html: str, heading_id: str) -> str:
    """The session heading `heading_id` runs on below the text before it."""
    return re.sub(r'(<h2[^>]*\bclass=")([^"]*\bsession\b[^"]*)("[^>]*\bid="' + re.escape(heading_id) + '")',
                  r"\1\2 run-on\3", html, count=1)


def _whole(html: str, word: str, span: tuple[int, int] | None = None) -> str:
    """`word` kept from hyphenation in the element at `span` of `html` (the one whose
    line ends the page), or, where that element cannot be found, everywhere in the body.
    Only there: the same word may still be hyphenated elsewhere, and every wrapped word
    is one more box to lay out and draw (wrapping a common word everywhere made a 60-page
    guide's later layouts three times slower). Not in the element's footnotes: their text
    is set at the foot of a page, where the word is not the one that was split (and
    WeasyPrint may break a word it may not hyphenate, mid-word, inside a note)."""
    start, end = span or (html.find("<body"), len(html))
    head, body, tail = html[:start], html[start:end], html[end:]
    aside: list[str] = []

    def set_aside(text: str) -> str:
        aside.append(text)
        return f"\x00{len(aside) - 1}\x00"

    body = SVG_RE.sub(lambda m: set_aside(m.group(0)), body)
    body = _footnotes_aside(body, set_aside)
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    body = re.sub(r">([^<]+)<", lambda m: ">" + pattern.sub(f'<span class="whole">{word}</span>', m.group(1)) + "<", body)
    while "\x00" in body:
        body = re.sub(r"\x00(\d+)\x00", lambda m: aside[int(m.group(1))], body)
    return head + body + tail


FOOTNOTE_OPEN = '<span class="footnote">'


def _footnotes_aside(body: str, set_aside: Callable[[str], str]) -> str:
    """`body` with each footnote (`<span class="footnote">…</span>`, spans nested in it
    counted) replaced by what `set_aside` gives for it."""
    out, at = [], 0
    while (start := body.find(FOOTNOTE_OPEN, at)) >= 0:
        depth, end = 0, None
        for tag in re.finditer(r"<(/?)span\b[^>]*>", body[start:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = start + tag.end()
                break
        if end is None:
            break
        out.append(body[at:start])
        out.append(set_aside(body[start:end]))
        at = end
    return "".join(out) + body[at:]


def footnote_notices(facts: list[PageFacts]) -> list[str]:
    """A warning for each footnote whose note fell on another page than its call."""
    calls = {n: p.number for p in facts for n in p.calls}
    notes = {n: p.number for p in facts for n in p.notes}
    return [f"footnote {n}: the call is on page {calls[n]}, the note on page {notes.get(n, '?')}"
            for n in calls if notes.get(n) != calls[n]]


LARGE_PRINT_PT = 16.0


def small_labels(document: Any) -> list[str]:
    """Large print's figures are set at the full text width; a drawing whose labels
    are still under 16 pt at that size is named, so that its labels can be redrawn."""
    from studyguide.pdf.measure import _walk

    notices = []
    for page in document.pages:
        for box in _walk(page._page_box):
            svg = getattr(getattr(box, "replacement", None), "_svg", None)
            if svg is None or not box.width:
                continue
            root = svg.tree
            view = (root.attrib.get("viewBox") or "").replace(",", " ").split()
            try:
                drawn = float(view[2]) if len(view) == 4 else float(re.sub(r"[a-z%]+$", "", root.attrib.get("width", "")))
                sizes = [float(re.sub(r"[a-z%]+$", "", node.attrib.get("font-size", "16")))
                         for node in _nodes(root) if node.tag in ("text", "tspan")]
            except ValueError:
                continue
            if sizes and drawn > 0:
                smallest = min(sizes) * box.width / drawn * 0.75
                if smallest < LARGE_PRINT_PT:
                    name = box.element.get("src") or "a figure"
                    notices.append(f"{name}: its smallest label prints at {smallest:.0f} pt at the full text width, "
                                   f"under the {LARGE_PRINT_PT:.0f} pt large print asks for: draw the labels larger")
    return list(dict.fromkeys(notices))


def _nodes(node: Any) -> Any:
    yield node
    for child in getattr(node, "_children", None) or list(node):
        yield from _nodes(child)
