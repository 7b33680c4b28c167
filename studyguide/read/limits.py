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

MOST_LINES = 1000  # in one block (between blank lines)
MARKS = {  # the most of each in one paragraph, past what any guide writes
    "[": ("square brackets '['", 1000), "<": ("angle brackets '<'", 1000), "`": ("backticks '`'", 1000),
    "*": ("asterisks '*'", 1000), "_": ("underscores '_'", 1000), '"': ("double quotes '\"'", 1000),
    "{": ("braces '{'", 1000), "'": ("apostrophes", 5000)}


def costly(path: Path, body: str, first_line: int) -> tuple[str, list[Diagnostic]]:
    """Each paragraph with more marks or lines than Markdown reads in reasonable time, at its first
    line; and the body with those paragraphs' lines blanked, for the other checks to read (some of
    their patterns slow down on such a paragraph as well), every other line where it was."""
    found: list[Diagnostic] = []
    lines = body.split("\n")
    start, block = 0, []
    for index, line in enumerate(lines + [""]):
        if line.strip():
            if not block:
                start = index
            block.append(line)
            continue
        said = _judged(path, first_line + start, block) if block else []
        if said:
            found += said
            lines[start:index] = [""] * (index - start)
        block = []
    return "\n".join(lines), found


def _judged(path: Path, line: int, block: list[str]) -> list[Diagnostic]:
    if len(block) > MOST_LINES:
        return [Diagnostic(path, line, f"this paragraph runs for {len(block):,} lines without a blank line; Markdown takes "
                                       f"minutes over more than {MOST_LINES:,}: put blank lines between its parts")]
    text = "\n".join(block)
    for mark, (name, most) in MARKS.items():
        count = text.count(mark)
        if count > most:
            return [Diagnostic(path, line, f"this paragraph holds {count:,} {name}; Markdown takes minutes over more "
                                           f"than {most:,} in one paragraph: split it with blank lines")]
    return []
