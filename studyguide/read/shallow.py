"""A follow-up indented by one space, which Markdown reads as an item of its own.

`1. Alpha?` and under it ` - follow?` (one space) is a second list item, not a list inside the first:
the follow-up became question 2 on the guide and on every handout, without a word. How it is read
stays the same (another editor's preview shows it so too); it is warned about at its line, with the
indent the format asks for (docs/guide-format.md: 2, 3 or 4 spaces or a tab).
"""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic

ITEM = re.compile(r"(?P<indent> *)(?:[-*+•]|\d{1,9}[.)])[ \t]+\S")
ONE_SPACE_BULLET = re.compile(r" [-*+•][ \t]+\S")


def one_space_followups(body: str, first_line: int, path: Path) -> list[Diagnostic]:
    """A warning for each bullet indented by one space under an item written at the margin."""
    from studyguide.read.lint import prose_lines

    found = []
    under_item = False  # in a list whose items start at the margin (`1. Alpha?`)
    for number, line in prose_lines(body, first_line):
        if not line.strip():
            continue
        if ONE_SPACE_BULLET.match(line):
            if under_item:
                found.append(Diagnostic(path, number, "this line is indented by one space, so it is read as a question "
                                        "(or item) of its own, not a follow-up of the one above: to make it a follow-up, "
                                        "indent it by 2 to 4 spaces", "warning"))
        elif not line[:1].isspace():  # at the margin: an item starts the list; a heading or a paragraph ends it
            under_item = bool(ITEM.match(line))
    return found
