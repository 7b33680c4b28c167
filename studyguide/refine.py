"""A second look after layout: what a book designer would fix on the proofs.

A guide is laid out, its pages measured (studyguide.measure), and laid out again
with these fixes, at most `PASSES` times:

- a contents page only where it helps: three or more entries on different pages;
- no page left near-empty before a session that would start a new page (a short
  introduction, the tail of a session): the session runs on instead;
- no word hyphenated across a page: it is set whole.

Then every footnote's note is checked to be on its call's page (a warning if not).
Handouts get their writing space from studyguide.handout.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .measure import HYPHEN, PageFacts, pages

PASSES = 3
NEAR_EMPTY = 0.25  # a page less full than this, before a forced break, is a waste
CONTENTS_RE = re.compile(r'<nav class="contents"[^>]*>.*?</nav>', re.S)
SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)

Render = Callable[[str], Any]


def refine_layout(kind: str, document: Any, html: str, render: Render) -> tuple[Any, list[str]]:
    """The document laid out again as `kind` asks ("guide", "sheet", "half"), and notices for the user."""
    if kind in ("sheet", "half"):
        from .handout import fit_handout

        return fit_handout(kind, document, html, render)
    if kind == "guide":
        return refine_guide(document, html, render)
    return document, []


def refine_guide(document: Any, html: str, render: Render) -> tuple[Any, list[str]]:
    tried: set[str] = set()
    for _ in range(PASSES):
        facts = pages(document, marker="id")
        fixed = fixes(html, facts, tried)
        if fixed == html:
            break
        html, document = fixed, render(fixed)
    return document, footnote_notices(pages(document, marker="id"))


def fixes(html: str, facts: list[PageFacts], tried: set[str]) -> str:
    """`html` with the fixes the measured `facts` call for; `tried` keeps each fix to one attempt."""
    entries = re.findall(r'<a href="#([^"]+)"', CONTENTS_RE.search(html).group(0)) if CONTENTS_RE.search(html) else []
    if entries:
        where = {name: page.number for page in facts for name in page.names}
        if len({where.get(e) for e in entries} - {None}) < 3:
            html = CONTENTS_RE.sub("", html, count=1)
            return html  # every page after the contents moves: measure again first
    for before, page in zip(facts[1:], facts[2:]):
        if page.forced and before.fill < NEAR_EMPTY and "contents" not in before.names and page.names:
            heading = page.names[0]
            if heading not in tried:
                tried.add(heading)
                html = _run_on(html, heading)
    for page, after in zip(facts, facts[1:]):
        if page.last_line.endswith(HYPHEN) and page.last_line.split() and after.first_line.split():
            word = page.last_line.split()[-1].rstrip(HYPHEN) + after.first_line.split()[0]
            word = re.sub(r"\W+$", "", word)
            if word and word not in tried:
                tried.add(word)
                html = _whole(html, word)
    return html


def _run_on(html: str, heading_id: str) -> str:
    """The session heading `heading_id` runs on below the text before it."""
    return re.sub(r'(<h2[^>]*\bclass=")([^"]*\bsession\b[^"]*)("[^>]*\bid="' + re.escape(heading_id) + '")',
                  r"\1\2 run-on\3", html, count=1)


def _whole(html: str, word: str) -> str:
    """Every `word` in the body's text kept from hyphenation."""
    start = html.find("<body")
    head, body = html[:start], html[start:]
    svgs: list[str] = []
    body = SVG_RE.sub(lambda m: svgs.append(m.group(0)) or f"\x00{len(svgs) - 1}\x00", body)
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    body = re.sub(r">([^<]+)<", lambda m: ">" + pattern.sub(f'<span class="whole">{word}</span>', m.group(1)) + "<", body)
    body = re.sub(r"\x00(\d+)\x00", lambda m: svgs[int(m.group(1))], body)
    return head + body


def footnote_notices(facts: list[PageFacts]) -> list[str]:
    """A warning for each footnote whose note fell on another page than its call."""
    calls = {n: p.number for p in facts for n in p.calls}
    notes = {n: p.number for p in facts for n in p.notes}
    return [f"footnote {n}: the call is on page {calls[n]}, the note on page {notes.get(n, '?')}"
            for n in calls if notes.get(n) != calls[n]]
