"""Paragraphs Markdown would take minutes over, refused before it sees them.

Python-Markdown looks for the closing bracket of each `[` (and the end of each `<`,
each run of backticks, each emphasis) from where it stands to the end of the paragraph, and
tests each line of a block against the lines after it: a paragraph of 30,000 `[`
took seven minutes, a block of 8,000 lines over a minute. No guide needs a
thousand of them in one paragraph, so a paragraph with more is refused at its
first line, at once, rather than stopped by --timeout after two minutes."""

from __future__ import annotations

from pathlib import Path

from studyguide.errors import Diagnostic

MOST_MARKS = 1000  # of each of MARKS in one paragraph
MOST_LINES = 1000  # in one block (between blank lines)
MARKS = {"[": "square brackets '['", "<": "angle brackets '<'", "`": "backticks '`'", "*": "asterisks '*'",
         "_": "underscores '_'"}


def costly(path: Path, body: str, first_line: int) -> list[Diagnostic]:
    """Each paragraph with more marks or lines than Markdown reads in reasonable time, at its first line."""
    found: list[Diagnostic] = []
    start, block = 0, []
    for index, line in enumerate(body.split("\n") + [""]):
        if line.strip():
            if not block:
                start = index
            block.append(line)
            continue
        if block:
            found += _judged(path, first_line + start, block)
        block = []
    return found


def _judged(path: Path, line: int, block: list[str]) -> list[Diagnostic]:
    if len(block) > MOST_LINES:
        return [Diagnostic(path, line, f"this paragraph runs for {len(block):,} lines without a blank line; Markdown takes "
                                       f"minutes over more than {MOST_LINES:,}: put blank lines between its parts")]
    text = "\n".join(block)
    for mark, name in MARKS.items():
        count = text.count(mark)
        if count > MOST_MARKS:
            return [Diagnostic(path, line, f"this paragraph holds {count:,} {name}; Markdown takes minutes over more "
                                           f"than {MOST_MARKS:,} in one paragraph: split it with blank lines")]
    return []
