"""Follow-ups lettered as Word and teachers letter them (`a.`, `b)`, `(c)`, `i.`), under a question.

Markdown knows no lettered list: `   a. Who gained?` under `1. What did the strike achieve?` was
run into the question's line ("…achieve? a. Who gained? b. Who lost?") and the handout printed
one long question. A line lettered in order under a list item ('a' first, then 'b', or 'i',
'ii') is read as that item's follow-up, its letter kept as written; one out of order is left
as the text it was, and said.
"""

from __future__ import annotations

import re

LETTERED = re.compile(r"^(?P<indent> *)(?P<mark>\((?P<boxed>[a-zA-Z]|[ivxIVX]{1,4})\)|"
                      r"(?P<bare>[a-zA-Z]|[ivxIVX]{1,4})[.)])[ \t\u00a0]+(?P<text>\S.*)$")
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _next(last: str) -> tuple[str, ...]:
    """The labels that may come after `last` ("" before the first): 'a' or 'i' to start, then in order."""
    if not last:
        return ("a", "i")
    lower = last.lower()
    if last.startswith("roman:"):
        at = ROMAN.index(last[6:].lower())
        return (ROMAN[at + 1],) if at + 1 < len(ROMAN) else ()
    return (chr(ord(lower) + 1),) if lower < "z" else ()


def lettered(stack: list, line: str, indent: int, previous_blank: bool,
             ends: bool) -> tuple[str, object, str] | str | None:
    """A lettered line inside a list: (the line as a bullet under its item, the item, its label) when it is
    that item's next follow-up; a warning when it stands out of order; None when it is no such line.
    `ends`: the line above ends its sentence; else a lettered line is the rest of it ("…by\n   A. J. Cook?")."""
    found = LETTERED.match(line)
    if not found or not stack:
        return None
    if not previous_blank and not ends:
        return None
    host = next((item for item in reversed(stack) if not item.lettered and item.marker_at <= indent
                 and (not previous_blank or indent >= item.marker_at + 2)), None)
    if host is None:
        return None
    label = found.group("boxed") or found.group("bare")
    wanted = _next(host.letters)
    roman = host.letters.startswith("roman:") or not host.letters and label.lower() == "i"
    if label.lower() in wanted and (len(label) == 1 or roman) and (not host.letters or _same_case(host.letters, label)):
        mark = found.group("mark")
        text = found.group("text")
        return " " * host.content_at + "- " + mark + " " + text, host, ("roman:" + label if roman else label)
    if len(label) > 1 and not roman:
        return None  # `iv.` where no roman numbering runs: a word ("vi. …"), not a label
    if host.letters:
        wanted_label = wanted[0] if wanted else ""
        said = f"'{found.group('mark')}' is out of order (after '{host.letters.removeprefix('roman:')}' comes '{wanted_label}')"
    else:
        said = f"'{found.group('mark')}' starts a line under a question, but not as a first follow-up ('a.')"
    return (f"{said}, so it is printed as part of the question above, on the same line: if it is a follow-up, "
            "letter the follow-ups in order from 'a.' (or write '- ' before each)")


def _same_case(last: str, label: str) -> bool:
    last = last.removeprefix("roman:")
    return last.islower() == label.islower()
