"""The day an article appeared, checked against what cannot be it: a content system's placeholder
(`0001-01-01`, Unix time 0) and a day its address contradicts; the address's own day where it gives one."""

from __future__ import annotations

import re


def is_placeholder(day) -> bool:
    """A content system's "no date" written as one: .NET's `0001-01-01` (Gannett's JSON-LD, printed
    "1 January 1" on a cover), Unix time 0, a spreadsheet's 1900-01-01. No web article is that old."""
    return day.year < 1000 or (day.month, day.day) == (1, 1) and day.year in (1900, 1970)


ADDRESS_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")


def address_day(url: str | None) -> str | None:
    """The day an article's address gives (`/2019/11/19/`), where it gives a whole one that is a day."""
    import datetime as dt

    found = ADDRESS_DATE.search(url or "")
    if not found or not found.group(3):
        return None
    try:
        day = dt.date(*map(int, found.groups()))
    except ValueError:
        return None
    return day.isoformat() if day <= dt.date.today() + dt.timedelta(days=2) else None


def agrees_with_address(day: str | None, url: str | None) -> bool:
    """A date whose year and month are not the ones the article's address gives is not the article's."""
    found = ADDRESS_DATE.search(url or "")
    return not (day and found) or day[:7] == f"{found.group(1)}-{int(found.group(2)):02d}"


def dated(marked: str | None, found: str | None, url: str | None) -> str | None:
    """The page's published date (its markup's, else trafilatura's as the page writes it) where the
    article's address does not contradict it; else the day the address gives, if it gives one."""
    return next((day for day in (marked, found) if day and agrees_with_address(day, url)), None) or address_day(url)
