"""Calendars: `<slug>.ics` beside a guide's files (one event per session) and
`calendar.ics` for the whole group beside the catalogue.

Each event's UID is made of the guide's slug and the session's number, so a
calendar published again updates the events people subscribed to instead of
adding them twice. Times carry their zone (TZID with its VTIMEZONE), so an event
at 19:30 in London stays at 19:30 in London on a phone set to New York.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.files import source_date_epoch
from studyguide.model import Guide, Session
from studyguide.distribute.sessions import start

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//studyguide//reading group sessions//EN"


def uid(slug: str, number: int) -> str:
    return f"{slug}-session-{number}@studyguide"


def guide_url(guide: Guide) -> str | None:
    base = guide.meta.base_url
    return f"{base.rstrip('/')}/{guide.slug}/" if base else None


def new_calendar(name: str) -> Calendar:
    from icalendar import Calendar  # a tenth of a second: only for a build that has a session

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _stamp(guide: Guide) -> dt.datetime:
    """When the event was last written: SOURCE_DATE_EPOCH, else the guide's own change time (never the clock)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    return dt.datetime.fromtimestamp(int(guide.path.stat().st_mtime), dt.timezone.utc)


def description(guide: Guide, session: Session) -> str:
    lines = [guide.meta.title] + [r.citation() for r in guide.meta.reading]
    url = guide_url(guide)
    if url:
        lines.append(url)
    return "\n".join(lines)


def event(guide: Guide, session: Session, stamp: dt.datetime) -> Event:
    from icalendar import Event

    item = Event()
    item.add("uid", uid(guide.slug, session.number))
    item.add("dtstamp", stamp)
    count = len(guide.meta.sessions)
    item.add("summary", guide.meta.title + (f" ({session.number}/{count})" if count > 1 else ""))
    begins = start(session)
    if begins is None:  # a date only: an all-day event
        item.add("dtstart", session.date)
        item.add("dtend", session.date + dt.timedelta(days=1))
    else:
        item.add("dtstart", begins)
        if session.minutes:
            item.add("dtend", begins + dt.timedelta(minutes=session.minutes))
    if session.place:
        item.add("location", session.place)
    url = guide_url(guide)
    if url:
        item.add("url", url)
    item.add("description", description(guide, session))
    return item


def guide_calendar(guide: Guide) -> bytes | None:
    """The guide's sessions as an iCalendar file; None when it names no session."""
    if not guide.meta.sessions:
        return None
    return _events(guide)


def emptied(guide: Guide) -> bytes:
    """The calendar of a guide whose sessions were all taken out: subscribers see its events go."""
    return new_calendar(guide.meta.title).to_ical()


def _events(guide: Guide) -> bytes:
    calendar = new_calendar(guide.meta.title)
    stamp = _stamp(guide)
    for session in guide.meta.sessions:
        calendar.add_component(event(guide, session, stamp))
    with_timezones(calendar)
    return calendar.to_ical()


def with_timezones(calendar: Calendar) -> None:
    """The VTIMEZONE of each zone the events name, covering every event: icalendar's own stop at 2037,
    and by the file's zone a summer session in 2040 in London would be in GMT, an hour off."""
    from icalendar import Timezone

    days = [value.date() if isinstance(value, dt.datetime) else value
            for item in calendar.walk("VEVENT") for key in ("dtstart", "dtend") if item.get(key) is not None
            for value in [item.get(key).dt] if isinstance(value, dt.date)]
    year = dt.timedelta(days=366)
    first = min([Timezone.DEFAULT_FIRST_DATE] + [day - year for day in days if day > dt.date.min + year])
    last = max([Timezone.DEFAULT_LAST_DATE] + [min(day, dt.date(9998, 1, 1)) + year for day in days])  # (9999-12-31 at most)
    calendar.add_missing_timezones(first_date=first, last_date=last)


def group_calendar(out: Path, slugs: list[str], name: str = "Reading group") -> bytes | None:
    """Every guide's events in one calendar, read back from the guides' own .ics files."""
    files = [out / slug / f"{slug}.ics" for slug in slugs]
    files = [path for path in files if path.is_file()]
    if not files:
        return None
    from icalendar import Calendar

    calendar, seen = new_calendar(name), set()
    for path in files:
        try:
            events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        except (OSError, ValueError):
            continue
        for item in events:
            if str(item.get("uid")) not in seen:
                seen.add(str(item.get("uid")))
                calendar.add_component(item)
    if not seen:
        return None
    with_timezones(calendar)
    return calendar.to_ical()


def sessions_in(path: Path) -> list[Session]:
    """A guide's sessions read back from its own .ics (the catalogue has only the guides' build folders):
    date, time and zone, length and place, numbered as the guide numbers them. [] when there is none."""
    import re
    import zoneinfo

    if not path.is_file():
        return []
    from icalendar import Calendar

    try:
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    except (OSError, ValueError):
        return []
    found = []
    for item in events:
        number = re.search(r"-session-(\d+)@studyguide$", str(item.get("uid", "")))
        begins = item.get("dtstart").dt if item.get("dtstart") else None
        if not number or begins is None:
            continue
        ends = item.get("dtend").dt if item.get("dtend") else None
        timed = isinstance(begins, dt.datetime)
        zone = begins.tzinfo.key if timed and isinstance(begins.tzinfo, zoneinfo.ZoneInfo) else None
        length = int((ends - begins).total_seconds() // 60) if timed and isinstance(ends, dt.datetime) else None
        found.append(Session(number=int(number.group(1)), date=begins.date() if timed else begins,
                             time=begins.strftime("%H:%M") if timed else None, minutes=length or None,
                             place=str(item["location"]) if item.get("location") else None, timezone=zone))
    return sorted(found, key=lambda s: s.number)
