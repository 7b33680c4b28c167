"""Leader's labels broken over lines. An organiser who wraps at 72 columns (or whose
editor does) writes `Facilitator` at the end of one line and `notes: …` at the start
of the next; Markdown joins them into one printed line, `Facilitator notes: …`, which
studyguide refuses when it is typed on one line. So each line is also judged joined
to the one or two after it, as Markdown will print them."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic
from studyguide.read.hiding import hiding_attempt

# A line that starts a block of its own rather than going on with the paragraph above.
NEW_BLOCK = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:$|#|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|\||```(?!.*`)|~~~|:::|"
                       r"<(?:/?(?:div|p|table|pre|h[1-6]|[uod]l|li|blockquote|details|summary|section|figure|hr|aside|"
                       r"article|header|footer|nav|form|script|style)\b|!--)|\[\^?[^\]]*\]:|[=-]{2,}[ \t]*$)", re.I)
# A line Markdown never joins to the next: a heading, a table row, a code fence.
ONE_LINE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:#|\||```(?!.*`)|~~~)")
QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)*[ \t]*")


def wrapped(rows: list[str], numbers: list[int], path: Path, labels: tuple[str, ...] = (),
            judged: set[int] | None = None) -> list[Diagnostic]:
    """Each label that only reads as one when a line is joined to the next one or two, at its first line.
    `judged`: the lines already refused on their own, which say it better."""
    judged = judged or set()
    found: list[tuple[int, int, Diagnostic]] = []
    for index, row in enumerate(rows):
        if not row.strip() or numbers[index] in judged or ONE_LINE.match(row):
            continue
        joined = row.rstrip()
        for after in range(index + 1, min(index + 3, len(rows))):
            if NEW_BLOCK.match(rows[after]) or numbers[after] in judged:
                break
            more = QUOTE_MARKS.sub("", rows[after]).rstrip()
            if re.search(r"\w-$", joined) and more[:1].islower():  # `Facili-` / `tator notes:`
                joined = joined[:-1] + more
            else:
                joined += " " + more
            said = [d for d in hiding_attempt(joined, numbers[index], path, labels) if d.level == "error"]
            if said:
                found.append((index, after, Diagnostic(path, numbers[index], f"lines {numbers[index]}-{numbers[after]} "
                                                       "read as one line once printed, and then: " + said[0].message)))
                break
    # The fewest lines that make the label: a question and the two lines of a label under it are the label's two.
    return [said for start, end, said in found
            if not any((s, e) != (start, end) and start <= s and e <= end for s, e, _ in found)]
