"""When and where the group meets: the `sessions` of a guide's front matter (or, for
a one-session guide, `date`, `time`, `duration`, `place`, `timezone` at top level),
checked value by value so each mistake is reported on its own line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo
from typing import TYPE_CHECKING, Any

from studyguide.errors import Diagnostic
from studyguide.model import FrontMatter, Session

if TYPE_CHECKING:  # the build's no-op path reads no YAML: yaml is imported by the checks that need it
    import yaml

TIME_RE = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
KEYS = ("date", "time", "duration", "place", "timezone")
_HOURS = r"(?:h|hrs?|hours?|heures?|horas?|stunden?|std|ч|час[аов]*|時間|小时)"
_MINUTES = r"(?:m|mins?|minutes?|minuten?|minutos?|мин|минут[аы]?|分|分钟)"
DURATION_RES = (
    re.compile(rf"(\d+(?:[.,]\d+)?)\s*{_HOURS}\.?(?:\s*(?:and\s+|et\s+|y\s+|e\s+|und\s+)?(\d+)\s*(?:{_MINUTES}\.?)?)?", re.I),
    re.compile(r"(\d+):([0-5]\d)"),
    re.compile(rf"(\d+)\s*(?:{_MINUTES}\.?)?", re.I),
)


def minutes(text: str | int | None) -> int | None:
    """90, "90 min", "1h30", "1.5 hours", "1:30", "2 heures": minutes; None when it cannot be read."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 0 < text <= 24 * 60 else None
    value = str(text).strip()
    hours, clock, plain = DURATION_RES
    if m := hours.fullmatch(value):
        length = float(m.group(1).replace(",", ".")) * 60
        if not length <= 24 * 60:  # `999…9 hours` is infinite as a float: no number of minutes
            return None
        total = round(length) + int(m.group(2) or 0)
    elif m := clock.fullmatch(value):
        total = int(m.group(1)) * 60 + int(m.group(2))
    elif m := plain.fullmatch(value):
        total = int(m.group(1))
    else:
        return None
    return total if 0 < total <= 24 * 60 else None


def duration_problem(value: str) -> str | None:
    """A length of time no meeting has (`99999999999999999999 minutes`, `0 min`, `30 hours`): an error at its
    line, where it had made the calendar's event silently last all day. Words that are no length of time
    (`about an hour`) are left as written, and warned about where a time is given."""
    written = value.strip()
    if minutes(written) is None and any(pattern.fullmatch(written) for pattern in DURATION_RES):
        shown = written if len(written) <= 40 else written[:39] + "…"
        return (f"'duration' '{shown}' is not the length of one meeting: write from 1 minute to 24 hours, "
                "such as '90 min' or '1h30'")
    return None


def time_problem(value: str) -> str | None:
    if not TIME_RE.fullmatch(value.strip()):
        return f"'time' must be a time of day written HH:MM (24-hour clock, e.g. 19:30), not {value!r}"
    return None


def normal_time(value: str) -> str:
    hours, mins = TIME_RE.fullmatch(value.strip()).groups()
    return f"{int(hours):02d}:{mins}"


def zone_problem(value: str) -> str | None:
    """An IANA zone name (Europe/London, America/New_York, UTC) the system knows; never a path."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*", value.strip()):
        return f"'timezone' must be a time zone name such as Europe/London, not {value!r}"
    try:
        zoneinfo.ZoneInfo(value.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return f"unknown time zone {value!r}: use a name such as Europe/London or America/New_York"
    return None


def place_problem(value: str) -> str | None:
    """A room or address as written, or a video link: only an http(s) link is a link."""
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.\-]*):(?=\S)", value)
    if (scheme or "://" in value) and not re.match(r"https?://\S+$", value.strip()):
        return f"'place' may be a room, an address or an http(s) video link, not {value!r}"
    return None


def scalar(node: yaml.Node) -> str | None:
    """The value as written: YAML 1.1 reads `19:30` as the number 1170, so times are taken from the text."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return None if node.value in ("", "~", "null") and node.tag.endswith("null") else str(node.value)
    return None


# A meeting's end (start + up to 24 h) and its time in UTC (up to a day either side) must
# be dates Python can hold: the calendar computes both. No reading group meets outside these.
def check_top(check, key: str, node: yaml.Node) -> str | None:
    """`time`, `place` or `timezone` at top level (or in studyguide.toml)."""
    value = scalar(node)
    if value is None:
        check.error(node, f"'{key}' must be a single value, not a list or a mapping")
        return None
    problem = {"time": time_problem, "timezone": zone_problem, "place": place_problem}[key](value)
    if problem:
        check.error(node, problem)
        return None
    return normal_time(value) if key == "time" else value.strip()


def check_sessions(check, node: yaml.Node) -> tuple[dict[str, Any], ...]:
    """Each session as {key: value, "line": n}; the keys it leaves out come from the top level later."""
    import yaml

    if not isinstance(node, yaml.SequenceNode):
        check.error(node, "'sessions' must be a list, each item with a date (and time, duration, place, timezone)")
        return ()
    found = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            check.error(item, "each of 'sessions' must be a mapping: date, time, duration, place, timezone")
            continue
        entry: dict[str, Any] = {"line": check.line(item)}
        for key_node, value_node in item.value:
            key = str(key_node.value)
            if key not in KEYS:
                check.warnings.append(Diagnostic(check.path, check.line(key_node),
                                                 f"unknown key 'sessions.{key}' is ignored", "warning"))
            elif key == "date":
                entry["date"] = check.date("sessions.date", value_node)
            elif key == "duration":
                written = scalar(value_node)
                if written is None or minutes(written) is None:
                    check.error(value_node, f"'sessions.duration' must be a length of time such as 90, "
                                            f"'90 min' or '1h30', not {written!r}")
                else:
                    entry["duration"] = written
            else:
                entry[key] = check_top(check, key, value_node)
        if "date" not in entry:
            check.error(item, "a session needs a 'date' (YYYY-MM-DD)")
        earlier = [(n, e["date"]) for n, e in enumerate(found, start=1) if e.get("date")]
        if entry.get("date") and earlier and entry["date"] < max(d for _, d in earlier):
            number, latest = max(earlier, key=lambda pair: pair[1])
            check.warnings.append(Diagnostic(check.path, entry["line"], (
                f"session {len(found) + 1} is dated {entry['date'].isoformat()}, before session {number} "
                f"({latest.isoformat()}): sessions are numbered in the order they are listed (the handouts, the "
                "calendar and the run sheet say so); list them in date order, or check the date"), "warning"))
        found.append(entry)
    return tuple(found)


def resolve(meta: FrontMatter, entries: tuple[dict, ...]) -> FrontMatter:
    """The guide's sessions, each one's missing keys taken from the top level (and studyguide.toml)."""
    if not entries and meta.date:
        entries = ({"date": meta.date},)
    sessions = []
    for number, entry in enumerate(entries, start=1):
        if not entry.get("date"):
            continue
        duration = entry.get("duration") or meta.duration
        sessions.append(Session(number=number, date=entry["date"], time=entry.get("time") or meta.time,
                                duration=duration, minutes=minutes(duration),
                                place=entry.get("place") or meta.place,
                                timezone=entry.get("timezone") or meta.timezone, line=entry.get("line")))
    return dataclasses.replace(meta, sessions=tuple(sessions))


def start(session: Session) -> dt.datetime | None:
    """The session's start, aware of its time zone (naive when it has none); None without a time."""
    if not session.time:
        return None
    hours, mins = map(int, session.time.split(":"))
    zone = zoneinfo.ZoneInfo(session.timezone) if session.timezone else None
    return dt.datetime.combine(session.date, dt.time(hours, mins), tzinfo=zone)


def heading_numbers(sections) -> dict[int, int]:
    """{place in Guide.sections: session number} of each session heading: the number it is written with
    ("Session 3" is the third of `sessions` even when session 2, a film night, has no section), else
    its place among the session headings (also for all of them when two share a number, as their
    handouts are then numbered). The handouts, the run sheet, the cover and the calendar agree."""
    places = [index for index, s in enumerate(sections) if s.session]
    numbers = [sections[index].number or place for place, index in enumerate(places, start=1)]
    if len(set(numbers)) != len(numbers):
        numbers = list(range(1, len(places) + 1))
    return dict(zip(places, numbers))


def meeting(meta: FrontMatter, number: int) -> Session | None:
    """The front matter's session `number` (as numbered in the `sessions` list); None if it lists none."""
    return next((s for s in meta.sessions if s.number == number), None)


def heading_warnings(guide, lines: dict[int, int | None]) -> list[Diagnostic]:
    """A warning at each session heading that `sessions` has no meeting for: three headings under a list
    of two dates, or "Session 4" under a list of three. Only for a `sessions` list as written (a
    one-meeting guide's top-level `date` may be any session's, or the guide's own). `lines`: each
    session heading's line, by its place in Guide.sections."""
    listed = guide.meta.sessions
    if not any(s.line for s in listed):
        return []
    last = max(listed, key=lambda s: s.number)
    found = []
    for index, number in heading_numbers(guide.sections).items():
        if meeting(guide.meta, number) is None:
            title = guide.sections[index].title
            written = guide.sections[index].number == number
            found.append(Diagnostic(guide.path, lines.get(index), (
                f"'{title}' is session {number}{'' if written else ' (by its place among the session headings)'}, "
                f"but 'sessions' in the front matter lists {len(listed)} (the last, session {last.number}, on "
                f"{last.date.isoformat()}): its handout and run sheet show no date or place. Add its date to "
                "'sessions' (in session order), or number the heading as its meeting is numbered there"), "warning"))
    return found
