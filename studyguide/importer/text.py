"""Pasted text as an article. A browser's copy drags the page's furniture
along: menus above the headline, share buttons, tag and topic lists, related
headlines, newsletter and donation appeals below it. Named kinds of line are
removed by their words (furniture.py); the rest by their shape, which holds in
any language and on any site: runs of short lines without sentence punctuation
at the top, the bottom, or between paragraphs. Every removal is reported."""

from __future__ import annotations

import re

from studyguide.importer.furniture import BLOCK_KINDS, LIST_HEADERS, furniture, kind
from studyguide.importer.pasted import author_and_date, byline_of, day_of, headline_at, is_name, language, list_item, lists_joined
from studyguide.importer.run import BYLINE_RE, DATE_RE, ISO_DATE_RE, ISSUE_RE, Article, iso_date
from studyguide.importer.tree import escape, escape_start

SENTENCE_END = (".", "?", "!", "…", ":", ";", "”", '"', "»", "“", "’", ")")


def is_short(line: str) -> bool:
    """A line like a menu item, tag, or button: a few words, no sentence punctuation."""
    text = line.strip().strip("#*_>- ").strip()
    return bool(text) and len(text.split()) <= 8 and not text.endswith(SENTENCE_END)


def is_metadata(line: str) -> bool:
    plain = line.strip().lstrip("#").strip()
    return bool(ISSUE_RE.fullmatch(plain) or BYLINE_RE.match(plain) or DATE_RE.match(plain) or ISO_DATE_RE.match(plain)
                or len(plain.split()) <= 8 and day_of(plain))  # a dateline: "Madrid - 14 nov 2026 - 06:00 CET"


def title_like(line: str) -> bool:
    """A headline: several words, mostly letters, not a question of navigation."""
    text = line.strip().lstrip("#").strip()
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    return (len(words) >= 3 or len(words) == 2 and len(text) >= 12) and len(text) <= 250 and letters >= len(text) * 0.6 \
        and kind(text) is None and not is_metadata(text)


def from_text(text: str, markdown: bool = False) -> Article:
    """Pasted text: furniture removed (and listed), metadata found in the lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[tuple[int, str]] = []
    removed: list[tuple[int, str, str]] = []
    captions: set[int] = set()
    listing = None  # the header ("Latest News", "Topics", …) whose short lines follow
    blocks = block_kinds(lines)
    for number, line in enumerate(lines, start=1):
        what = furniture(line) or blocks.get(number)
        if what in LIST_HEADERS:
            listing = what
        elif what is None and listing and line.strip() and len(line.split()) < 14 and not line.rstrip().endswith(SENTENCE_END[:3]):
            what = listing  # the headlines or tags listed under it
        elif line.strip():
            listing = None
        if what is None and kept and line.strip() and line.strip() == kept[-1][1].strip() and len(line) < 200:
            what = "doubled line"  # a caption pasted twice: the one kept is set as a caption
            captions.add(kept[-1][0])
        if what == "teaser" and kept and kept[-1][1].strip() and len(kept[-1][1]) < 140 and not kept[-1][1].rstrip().endswith("."):
            number_before, headline = kept.pop()
            removed.append((number_before, "teaser headline", headline.strip()))
        if what:
            removed.append((number, what, line.strip()))
        else:
            kept.append((number, line))
    top: dict = {}
    kept = by_shape(kept, removed, top)
    removed.sort()
    article = Article(title="Untitled", body="", removed=removed)
    for _, what, line in removed:
        owner = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(.+?)(?:,?\s+\d{4})?\.?$", line, re.I)
        if what == "copyright" and owner:
            article.publication = owner.group(1).strip()
    paragraphs: list[str] = []
    texts = {number: line.strip() for number, line in kept}
    for number, line in kept:
        stripped = line.strip()
        plain = stripped.lstrip("#").strip()
        if not stripped:
            paragraphs.append("")
            continue
        if article.issue is None and ISSUE_RE.fullmatch(plain):
            article.issue = ISSUE_RE.search(plain).group(1)
        elif article.author is None and BYLINE_RE.match(plain):
            article.author = BYLINE_RE.match(plain).group(1)
        elif article.date is None and (DATE_RE.match(plain) or ISO_DATE_RE.match(plain)):
            article.date = iso_date(plain)
        elif article.title != "Untitled" and not any(p.strip() for p in paragraphs) and byline_of(plain) \
                and len(plain.split()) <= 12:
            article.author = article.author or byline_of(plain)  # "Par Martin Untersinger (avec …)"
        elif article.title != "Untitled" and not any(p.strip() for p in paragraphs) and len(plain.split()) <= 16 \
                and day_of(plain):
            article.date = article.date or day_of(plain)  # the dateline under the headline: not the article's text
        elif article.title != "Untitled" and article.author is None and not any(p.strip() for p in paragraphs) \
                and is_name(plain) and day_of(next_line(kept, number)):
            article.author = plain  # a bare name over its dateline
        elif article.title == "Untitled":
            article.title = plain
        elif number == top.get("standfirst") and article.standfirst is None and not any(p.strip() for p in paragraphs):
            article.standfirst = plain  # found with the headline, back from the first paragraph
        elif article.standfirst is None and not any(p.strip() for p in paragraphs) and len(plain) < 300 \
                and article.author is None and metadata_follows(kept, number):
            article.standfirst = plain
        elif markdown:
            paragraphs.append(stripped)
        elif list_item(stripped):
            paragraphs.append(list_item(stripped))
        elif number in captions:
            paragraphs.append(f"*{escape(stripped)}*")
        elif is_subheading(stripped, texts.get(number - 1, ""), texts.get(number + 1, "")) and any(p.strip() for p in paragraphs):
            paragraphs.append(f"## {escape(stripped)}")
        else:
            paragraphs.append(escape_start(escape(stripped)))
    article.body = "\n\n".join(lists_joined([p for p in paragraphs if p])) + "\n"
    if article.author is None or article.date is None:
        author, date = author_and_date([line.strip() for _, line in kept if line.strip()])
        article.author, article.date = article.author or author, article.date or date
    article.lang = language(article.body)
    if top.get("guessed") == article.title:
        article.warnings.append(f"the title “{article.title[:80]}” is a guess (no headline was found just above the "
                                "article's first paragraph): check it, and the lines removed above it")
    return article


def next_line(kept: list[tuple[int, str]], number: int) -> str:
    return next((line.strip() for n, line in kept if n > number and line.strip()), "")


def metadata_follows(kept: list[tuple[int, str]], number: int) -> bool:
    """A standfirst sits between the headline and the byline or date; without them it is the first paragraph."""
    after = [line for n, line in kept if n > number and line.strip()][:3]
    return any(is_metadata(line) for line in after)


def block_kinds(lines: list[str]) -> dict[int, str]:
    """Whole small blocks around a newsletter, donation or cookie line: the appeal, not just its button."""
    found: dict[int, str] = {}
    block: list[int] = []
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            block.append(number)
            continue
        kinds = [k for k in (furniture(lines[n - 1]) for n in block) if k in BLOCK_KINDS]
        if kinds and len(block) <= 6 and all(len(lines[n - 1].split()) <= 45 for n in block):
            found.update({n: f"{kinds[0]} block" for n in block if not furniture(lines[n - 1])})
        block = []
    return found


def by_shape(kept: list[tuple[int, str]], removed: list[tuple[int, str, str]], found: dict | None = None) -> list[tuple[int, str]]:
    """Menus before the headline; runs of short lines (tags, buttons, links) between and after paragraphs."""
    text = [(n, line) for n, line in kept if line.strip()]
    top = headline_at([line for _, line in text[:200]], title_like)  # back from the first paragraph
    title_at = top.get("title")
    if "standfirst" in top and found is not None:
        found["standfirst"] = text[top["standfirst"]][0]
    if title_at is None:
        title_at = next((i for i, (_, line) in enumerate(text[:40]) if title_like(line)), None)
        if title_at is not None and title_at >= 1 and found is not None:  # after a menu: a guess, said
            found["guessed"] = text[title_at][1].strip()
    drop: dict[int, str] = {}
    if title_at is not None:
        for n, line in text[:title_at]:
            if not is_metadata(line):
                drop[n] = "menu" if is_short(line) else "before the headline"
    start = (title_at or 0) + 1
    drop.update({text[at][0]: "caption or label above the article" for at in top.get("about", ())})
    named = {n for (n, line), (_, after) in zip(text, text[1:]) if is_name(line) and day_of(after)}  # "Ana Martínez"
    body = [(n, line) for n, line in text[start:] if not is_metadata(line) and n not in named]
    # From the end back to the last sentence: whatever short lines follow the article.
    tail = len(body)
    while tail > 0 and is_short(body[tail - 1][1]):
        tail -= 1
    if len(body) - tail >= 2 or len(body) - tail == 1 and tail < len(body) and len(body[-1][1].split()) <= 3:
        drop.update({n: "after the article" for n, _ in body[tail:]})
    # Three or more short lines in a row, blank lines between them or not: a list of tags, topics or links.
    run: list[int] = []
    before = ""
    for n, line in body[:tail] + [(0, "A full stop.")]:
        if is_short(line):
            run.append(n)
            continue
        if len(run) >= 3 and not before.rstrip().endswith(":"):  # a list the text introduces is the text's
            drop.update({m: "list of links or tags" for m in run})
        run, before = [], line
    for n, line in kept:
        if n in drop:
            removed.append((n, drop[n], line.strip()))
    return [(n, line) for n, line in kept if n not in drop]


def is_subheading(line: str, before: str, after: str) -> bool:
    """A short line standing alone between paragraphs, without a full stop."""
    return (not before and not after and len(line.split()) <= 8
            and not line.endswith((".", ",", ";", ":", "?", "!", "”", '"', "’")))
