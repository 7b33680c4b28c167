"""What a build adds for running the sessions: the guide's calendar beside its
files (the run sheet's time-budget warnings come with the guide's, from `read`,
so that `check` gives them too). One call from `build_guide`."""

from __future__ import annotations

from studyguide.build.run import Result
from studyguide.model import Guide


def extras(guide: Guide, result: Result, settings=None) -> dict[str, bytes]:
    """{file name in the guide's folder: bytes}; warnings go to `result`."""
    from studyguide.distribute.calendar import emptied, guide_calendar

    found = {}
    calendar = guide_calendar(guide)
    name = f"{guide.slug}.ics"
    if calendar is not None:
        found[name] = calendar
    elif settings is not None and (settings.out / guide.slug / name).is_file():
        found[name] = emptied(guide)  # last build's events, taken out of the guide: out of the calendars too
    return found


FEED, CALENDAR = "feed.xml", "calendar.ics"
BESIDE_CATALOGUE = (FEED, CALENDAR)  # no guide may take these names (slugs.py)


def catalogue_extras(out, guides: list[dict], words: dict | None = None) -> dict[str, bytes]:
    """{file name beside the catalogue: bytes}: the Atom feed, and the group's calendar.
    `guides`: the catalogue's records, newest first; `words`: the group's language's."""
    from studyguide.distribute.calendar import group_calendar
    from studyguide.distribute.feed import feed

    words = words or {}
    found = {FEED: feed(out, guides, words.get("study_guides", "Study guides"), words.get("lang"))}
    group = next((g["group"] for g in guides if g.get("group")), words.get("reading_group", "Reading group"))
    calendar = group_calendar(out, [g["slug"] for g in guides], group)
    if calendar is not None:
        found[CALENDAR] = calendar
    elif (out / CALENDAR).is_file():  # no session left anywhere: the published events are taken back
        from studyguide.distribute.calendar import new_calendar

        found[CALENDAR] = new_calendar(group).to_ical()
    return found
