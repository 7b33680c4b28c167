"""The facilitator's run sheet: a one-page agenda per session, each part with its
time and a running clock from the session's start, and a warning when the parts
add up to more than the session.

A part is a heading, or a numbered question, whose text ends with its time in
brackets: `### Opening round (10 min)`, `1. What does the author claim? (20 min)`.
The words for minutes may be written `min`, `mins`, `minutes`, `m` (and in French,
German, Spanish, Portuguese, Russian). The source is scanned as written, so the
run sheet does not depend on how the reader lays the guide out; code blocks are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from studyguide.read.codefences import outside_code
from studyguide.errors import Diagnostic
from studyguide.model import Guide, Session

MARK = re.compile(r"\s*[(\[]\s*(\d{1,3})\s*(?:m|mins?|minutes?|minuten|minutos|мин\.?|минут[аы]?)\.?\s*[)\]]\s*$", re.I)
HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
QUESTION = re.compile(r"^\s{0,3}(\d+)[.)]\s+(.*)$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


@dataclass
class Part:
    title: str
    minutes: int
    line: int
    begins: str = ""  # the clock: "19:40", or "0:10" when the session has no start time
    ends: str = ""
    level: int = 7  # a heading's level (2-6); a question's 7: a timed heading holds what is timed under it
    depth: int = 0  # how many timed headings it stands under
    within: Part | None = field(default=None, repr=False)
    start: int = 0  # minutes from the session's start
    end: int = 0


@dataclass
class Agenda:
    number: int
    title: str
    session: Session | None
    line: int
    parts: list[Part] = field(default_factory=list)
    total: int = 0  # the minutes it takes: a timed heading's questions are counted inside its time

    @property
    def budget(self) -> int | None:
        return self.session.minutes if self.session else None

    @property
    def over(self) -> int:
        return max(0, self.total - self.budget) if self.budget else 0


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _clock(start: dt.datetime | None, minutes: int) -> str:
    if start is None:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return (start + dt.timedelta(minutes=minutes)).strftime("%H:%M")


def _source(guide: Guide):
    """(line number, line) of the guide's body as written, code blocks left out."""
    for index, line in outside_code(guide.body.split("\n"), FENCE):  # a fence indented as a list item's too
        yield guide.body_line + index, line


def _session_headings(guide: Guide) -> dict[str, tuple[int, str]]:
    """{folded title: (place in Guide.sections, title)} of each session heading."""
    return {_key(s.title): (index, s.title) for index, s in enumerate(guide.sections) if s.session}


def _shown(text: str, lang: str) -> str:
    """A part's title as the guide prints it: no footnote calls, links as their words, no emphasis
    marks, and the guide's curly quotes and dashes."""
    from studyguide.read.quotes import smarten

    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", FOOTNOTE.sub("", text))
    text = re.sub(r"\\(.)|\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`", lambda m: m.group(1) or "", text)
    text = smarten(" ".join(text.split()), lang)
    return text[:90] + ("…" if len(text) > 90 else "")


def agendas(guide: Guide) -> list[Agenda]:
    """One agenda per session that has timed parts, its clock running from the session's start:
    the session its heading numbers ("Session 3" is the third of `sessions`, as on the cover)."""
    from studyguide.distribute.sessions import heading_numbers, meeting, start

    headings = _session_headings(guide)
    numbers = heading_numbers(guide.sections)
    found: list[Agenda] = []
    current: Agenda | None = None
    timed: list[Part] = []  # the timed headings the line stands under, outermost first
    for number, line in _source(guide):
        heading = HEADING.match(line)
        if heading:
            timed = [p for p in timed if p.level < len(heading.group(1))]
            key = _key(MARK.sub("", FOOTNOTE.sub("", heading.group(2))))
            if len(heading.group(1)) == 2 and key in headings:
                place, title = headings[key]
                current = Agenda(numbers[place], title, None, number)
                found.append(current)
        text = heading.group(2) if heading else (QUESTION.match(line).group(2) if QUESTION.match(line) else None)
        text = FOOTNOTE.sub("", text).rstrip() if text else None  # `form?[^3] (15 min)`, `(15 min)[^3]`
        mark = MARK.search(text) if text else None
        if not mark:
            continue
        if current is None:  # timed parts above the first session heading: the guide's one meeting
            current = Agenda(0 if headings else 1, guide.meta.title, None, number)
            found.append(current)
        title = _shown(text[:mark.start()], guide.meta.lang)
        if not heading:
            title = f"{QUESTION.match(line).group(1)}. {title}"
        part = Part(title, int(mark.group(1)), number, level=len(heading.group(1)) if heading else 7,
                    depth=len(timed), within=timed[-1] if timed else None)
        current.parts.append(part)
        if heading:
            timed.append(part)
    agendas_ = [a for a in found if a.parts]
    for agenda in agendas_:
        agenda.session = meeting(guide.meta, agenda.number)
        agenda.total = _lay_out(agenda.parts)
        begins = start(agenda.session) if agenda.session else None
        for part in agenda.parts:
            part.begins, part.ends = _clock(begins, part.start), _clock(begins, part.end)
    return agendas_


def _lay_out(parts: list[Part]) -> int:
    """Each part's start and end (minutes from the session's start): the parts under a timed heading
    run inside its time, from its start (a heading's time runs on when they take longer). The total."""
    cursor = 0
    open_: list[Part] = []

    def close(heading: Part) -> None:
        nonlocal cursor
        heading.end = cursor = max(heading.start + heading.minutes, cursor)

    for part in parts:
        while open_ and open_[-1] is not part.within:
            close(open_.pop())
        part.start = cursor
        if part.level < 7:
            open_.append(part)
        else:
            part.end = cursor = cursor + part.minutes
    while open_:
        close(open_.pop())
    return cursor


def budget_warnings(guide: Guide) -> list[Diagnostic]:
    """`PATH:LINE: warning:` at the part that runs past the end of its session, or of the timed heading
    it stands under; and at a session heading `sessions` has no date for."""
    from studyguide.distribute.sessions import heading_warnings

    warnings = []
    for agenda in agendas(guide):
        for heading in agenda.parts:
            under = [p for p in agenda.parts if p.within is heading]
            inner = max((p.end for p in under), default=heading.start) - heading.start
            if inner > heading.minutes:
                part = next(p for p in under if p.end > heading.start + heading.minutes)
                warnings.append(Diagnostic(guide.path, part.line, (
                    f"the timed parts under '{heading.title}' add up to {inner} min, {inner - heading.minutes} min "
                    f"more than its {heading.minutes} min: this part ends at {part.ends}, and what follows "
                    f"'{heading.title}' starts later"), "warning"))
        if not agenda.over:
            continue
        part = next(p for p in agenda.parts if p.end > agenda.budget)
        warnings.append(Diagnostic(guide.path, part.line, f"the timed parts of {agenda.title} add up to {agenda.total} min, "
                                   f"{agenda.over} min more than the session's {agenda.budget} min: this part ends at "
                                   f"{part.ends}, after the session is over", "warning"))
    return warnings + heading_warnings(guide, _heading_lines(guide))


def _heading_lines(guide: Guide) -> dict[int, int]:
    """{place in Guide.sections: line} of each session heading, as written."""
    headings, lines = _session_headings(guide), {}
    for number, line in _source(guide):
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            found = headings.get(_key(MARK.sub("", FOOTNOTE.sub("", heading.group(2)))))
            if found:
                lines.setdefault(found[0], number)
    return lines
