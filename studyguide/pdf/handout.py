"""Writing space on a question handout, from measurement.

The handout is laid out with no writing space; its pages are measured; then each
page's free space is shared among the questions that start on it (at least
`FLOOR_MM` each where the page count allows), and the last question is never left
alone on a page. The A5 copy for the 2-up sheet must fit one page: it is set a size
smaller where that fits it or gives each question more room, its space shrinks to
fit, and if the questions alone still overflow the page, the sheet prints the pages
side by side instead (one copy a sheet), and says so.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from studyguide.pdf.measure import PageFacts, pages

FLOOR_MM = 10.0  # writing space each question gets where the page count allows
COMPACT_MM = 5.0  # less than this each on the A5 copy, and it is set a size smaller
SAFETY_MM = 0.6  # kept back on each page: rounding must never push a question over
LI_RE = re.compile(r'<li data-q="(\d+)"')

Render = Callable[[str], Any]


def with_space(html: str, space: dict[str, float], breaks: set[str] = frozenset()) -> str:
    """The handout with `space` (mm) under each question, and a page break before those in `breaks`."""

    def li(match: re.Match) -> str:
        q = match.group(1)
        style = f"padding-bottom: {space.get(q, 0.0):.2f}mm" + ("; break-before: page" if q in breaks else "")
        return f'{match.group(0)} style="{style}"'

    return LI_RE.sub(li, html)


def _uniform(html: str, mm: float, breaks: set[str]) -> str:
    return with_space(html, {q: mm for q in LI_RE.findall(html)}, breaks)


def _owner(facts: list[PageFacts]) -> dict[str, int]:
    """Which page each question starts on (index into facts)."""
    seen: dict[str, int] = {}
    for index, page in enumerate(facts):
        for name in page.names:
            seen.setdefault(name, index)
    return seen


def _filled(html: str, facts: list[PageFacts], base: float, breaks: set[str]) -> str:
    owner = _owner(facts)
    space = {}
    for q, index in owner.items():
        on_page = [n for n, i in owner.items() if i == index]
        share = max(0.0, facts[index].free - SAFETY_MM) / len(on_page)
        space[q] = base + share
    return with_space(html, space, breaks)


def _per_question(document: Any) -> float:
    facts = pages(document)
    return min((p.free / len(p.names) for p in facts if p.names), default=0.0)


def _compact_if_better(document: Any, html: str, render: Render) -> tuple[Any, str]:
    """The A5 copy set a size smaller and tighter, if that is what it takes to fit one
    page, or to leave each question `COMPACT_MM` rather than next to nothing."""
    if len(document.pages) == 1 and _per_question(document) >= COMPACT_MM:
        return document, html
    tight = html.replace('class="handout size-half"', 'class="handout size-half compact"', 1)
    trial = render(tight)
    if len(trial.pages) == 1 and (len(document.pages) > 1 or _per_question(trial) > _per_question(document)):
        return trial, tight
    return document, html


def fit_handout(kind: str, document: Any, html: str, render: Render) -> tuple[Any, list[str]]:
    """`kind`: "sheet" (the 1-up handout) or "half" (the A5 copy for the 2-up sheet);
    `document` is `html` laid out as written, with no writing space."""
    notices: list[str] = []
    if kind == "half":
        document, html = _compact_if_better(document, html, render)
    least = len(document.pages)
    if least > 1 and kind == "half":
        notices.append(f"the questions need {least} A5 pages even without writing space: the 2-up sheet "
                       "prints them side by side, one copy a sheet (1-up)")
    base, breaks = 0.0, set()
    if least > 1:  # more than one page already: every question gets the floor, pages as needed
        base, document = FLOOR_MM, render(_uniform(html, FLOOR_MM, breaks))
        least = len(document.pages)
        facts = pages(document)
        owner = _owner(facts)
        last = [q for q, i in owner.items() if i == len(facts) - 1]
        before = [q for q, i in owner.items() if i == len(facts) - 2]
        if len(last) == 1 and len(before) >= 3:  # keep the last question with the others
            breaks = {before[-1]}
            trial = render(_uniform(html, base, breaks))
            if len(trial.pages) == least:
                document = trial
            else:
                breaks = set()
    final = render(_filled(html, pages(document), base, breaks))
    if len(final.pages) != len(document.pages):  # never more pages for the space given out
        final = render(_filled(html, pages(document), base - 1.0 if base >= 1 else 0.0, breaks))
        if len(final.pages) != len(document.pages):
            final = document
    from studyguide.pdf.measure import off_edge_notices

    return final, notices + off_edge_notices(pages(final))
