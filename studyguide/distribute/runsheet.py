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

from studyguide.errors import Diagnostic
from studyguide.model import Guide, Session

MARK = re.compile(r"\s*[(\[]\s*(\d{1,3})\s*(?:m|mins?|minutes?|minuten|minutos|мин\.?|минут[аы]?)\.?\s*[)\]]\s*$", re.I)
HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
QUESTION = re.compile(r"^\s{0,3}(\d+)[.)]\s+(.*)$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass
class Part:
    title: str
    minutes: int
    line: int
    begins: str = ""  # the clock: "19:40", or "0:10" when the session has no start time
    ends: str = ""


@dataclass
class Agenda:
    number: int
    title: str
    session: Session | None
    line: int
    parts: list[Part] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.minutes for p in self.parts)

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


def agendas(guide: Guide) -> list[Agenda]:
    """One agenda per session that has timed parts, its clock running from the session's start."""
    session_titles = {_key(s.title): s.title for s in guide.sections if s.session}
    found: list[Agenda] = []
    fence = None
    current: Agenda | None = None
    for number, line in enumerate(guide.body.split("\n"), start=guide.body_line):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) == 2 and _key(MARK.sub("", heading.group(2))) in session_titles:
            current = Agenda(len(found) + 1, MARK.sub("", heading.group(2)).strip(), None, number)
            found.append(current)
        text = heading.group(2) if heading else (QUESTION.match(line).group(2) if QUESTION.match(line) else None)
        mark = MARK.search(text) if text else None
        if not mark:
            continue
        if current is None:
            current = Agenda(1, guide.meta.title, None, number)
            found.append(current)
        title = text[:mark.start()].strip()
        if not heading:
            title = f"{QUESTION.match(line).group(1)}. {title}"
        current.parts.append(Part(title[:90] + ("…" if len(title) > 90 else ""), int(mark.group(1)), number))
    schedule = guide.meta.sessions
    agendas_ = [a for a in found if a.parts]
    for agenda in agendas_:
        agenda.session = schedule[agenda.number - 1] if agenda.number <= len(schedule) else None
        from studyguide.distribute.sessions import start

        begins = start(agenda.session) if agenda.session else None
        elapsed = 0
        for part in agenda.parts:
            part.begins = _clock(begins, elapsed)
            elapsed += part.minutes
            part.ends = _clock(begins, elapsed)
    return agendas_


def budget_warnings(guide: Guide) -> list[Diagnostic]:
    """`PATH:LINE: warning:` at the part that runs past the end of its session."""
    warnings = []
    for agenda in agendas(guide):
        if not agenda.over:
            continue
        elapsed = 0
        for part in agenda.parts:
            elapsed += part.minutes
            if elapsed > agenda.budget:
                break
        warnings.append(Diagnostic(guide.path, part.line, f"the timed parts of {agenda.title} add up to {agenda.total} min, "
                                   f"{agenda.over} min more than the session's {agenda.budget} min: this part ends at "
                                   f"{part.ends}, after the session is over", "warning"))
    return warnings
