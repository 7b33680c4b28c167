"""What a build adds for running the sessions: the guide's calendar beside its
files, and the run sheet's time-budget warnings. One call from `build_guide`."""

from __future__ import annotations

from .build import Result
from .model import Guide


def extras(guide: Guide, result: Result) -> dict[str, bytes]:
    """{file name in the guide's folder: bytes}; warnings go to `result`."""
    from .calendar_ics import guide_calendar
    from .runsheet import budget_warnings

    result.warnings.extend(budget_warnings(guide))
    found = {}
    calendar = guide_calendar(guide)
    if calendar is not None:
        found[f"{guide.slug}.ics"] = calendar
    return found
