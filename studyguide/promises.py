"""After each build: every question the organiser wrote is on the handout, as its own item.

Like the leak check, this shares no code with the reader: it walks the source lines
itself (headings, list markers at the list's own indentation, the notes taken out by
the leak check's scan) and compares them with the text the handout's layout drew.
A section counts as a questions section when any of its items is on the handout;
there, every item must be, and as many items as the source holds.
"""

from __future__ import annotations

import re

from .errors import Diagnostic
from .leaks import fingerprint, notes_in
from .model import Guide

HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+(?P<text>\S.*)$")


def regions(source: str) -> list[list[tuple[int, int, str, str]]]:
    """The list items under each heading: (line, indent, kind, text)."""
    found: list[list[tuple[int, int, str, str]]] = [[]]
    for number, line in enumerate(source.split("\n"), start=1):
        if HEADING.match(line):
            found.append([])
            continue
        item = ITEM.match(line)
        if item:
            kind = "number" if item.group("marker")[0].isdigit() else "bullet"
            found[-1].append((number, len(item.group("indent").expandtabs(4)), kind, item.group("text")))
    return found


def unasked(guide: Guide, handout: str, name: str) -> list[Diagnostic]:
    """Items of a questions section that the handout does not carry, or carries glued to another."""
    notes, _rest = notes_in(guide.body)
    drawn = fingerprint(handout)
    found = []
    for items in regions(_with_blanks(guide.body, notes)):
        if not items:
            continue
        top = min(indent for _, indent, _, _ in items)
        kind = next(k for _, indent, k, _ in items if indent == top)
        asked = [(line, text) for line, indent, k, text in items if indent == top and k == kind]
        on_sheet = [(line, text) for line, text in asked if _key(text) and _key(text) in drawn]
        if not on_sheet:
            continue  # not a questions section (a near miss is warned about when the guide is read)
        for line, text in asked:
            if _key(text) and _key(text) not in drawn:
                found.append(Diagnostic(guide.path, line + guide.body_line - 1, f"this question is not on the {name}: "
                                        f"“{text[:60]}”; nothing was written"))
        parsed = [q for q in guide.questions if any(_same(q.text, text) for _, text in asked)]
        if not found and len(parsed) < len(on_sheet):
            line = on_sheet[0][0] + guide.body_line - 1
            found.append(Diagnostic(guide.path, line, f"{len(on_sheet)} questions are written here but the {name} "
                                    f"numbers {len(parsed)}: questions were run together; put each on its own line, "
                                    "numbered, with follow-ups indented under it"))
    return found


def _with_blanks(body: str, notes: list[tuple[int, str]]) -> str:
    """The body with the notes' lines blanked, so line numbers hold."""
    lines = body.split("\n")
    for number, _ in notes:
        lines[number - 1] = ""
    return "\n".join(lines)


def _same(parsed: str, written: str) -> bool:
    """A question as read and as written (the written line may be only its first line)."""
    one, other = fingerprint(parsed), _key(written)
    return bool(one and other) and (one.startswith(other[:40]) or other.startswith(one[:40]))


def _key(text: str) -> str:
    """What is compared: the item's words as drawn (emphasis, links and escapes gone), its first 60 letters."""
    text = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]|\[\^[^\]]+\]|<[^>]+>", "", text)
    text = re.sub(r"\{[^}]*\}\s*$", "", text)
    return fingerprint(text)[:60]
