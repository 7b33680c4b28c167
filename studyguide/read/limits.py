"""Paragraphs Markdown would take minutes over, refused before it sees them.

Python-Markdown looks for the closing bracket of each `[` (and the end of each `<`,
each run of backticks, each emphasis) from where it stands to the end of the paragraph, and
tests each line of a block against the lines after it: a paragraph of 30,000 `[`
took seven minutes, a block of 8,000 lines over a minute. No guide needs
thousands of them in one paragraph (a real bibliography of a thousand links, or
a thousand-line poem, is read), so a paragraph with more is refused at its first
line, at once, rather than stopped by --timeout after two minutes."""

from __future__ import annotations

from pathlib import Path

from studyguide.errors import Diagnostic

MOST_LINES = 3000  # in one block (between blank lines): a 5,000-line list took 1 s, 2,500 underlined headings 1.5 s
# The most of each mark in one paragraph, past what any guide writes: (name, most unclosed, most in all). An
# opening bracket is costly while nothing closes it; a bibliography of 1,000 links closes each and reads quickly.
MARKS = {
    "[": ("square brackets '['", "]", 1000, 5000), "<": ("angle brackets '<'", ">", 1000, 5000),
    "`": ("backticks '`'", None, 2000, 2000), "*": ("asterisks '*'", None, 5000, 5000),
    '"': ("double quotes '\"'", None, 10000, 10000), "{": ("braces '{'", "}", 5000, 5000),
    "'": ("apostrophes", None, 10000, 10000)}


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
        return [Diagnostic(path, line, f"this paragraph or list runs for {len(block):,} lines without a blank line; "
                                       f"Markdown takes minutes over many more than {MOST_LINES:,}: split it in two")]
    text = "\n".join(block)
    for mark, (name, closer, unclosed, most) in MARKS.items():
        count = text.count(mark)
        open_ = count - text.count(closer) if closer else count
        if open_ > unclosed or count > most:
            return [Diagnostic(path, line, f"this paragraph or list holds {count:,} {name}; Markdown takes minutes "
                                           f"over so many in one paragraph: split it in two")]
    return []
