"""Characters an organiser cannot see: no-break and other Unicode spaces, zero-width
and format characters, control characters, Hangul fillers. An editor shows
`\u00a0::: facilitator` or `::\u200b: facilitator` as a fence; Markdown prints it as
text. Fences are therefore found in each line's *view* (those characters taken
out), and a line whose view is a fence but whose text is not is refused, naming
the character, so the organiser can find it."""

from __future__ import annotations

import re
import unicodedata

# Letters that print as nothing (Hangul fillers), joiners and selectors that attach to nothing visible.
FILLERS = frozenset("\u3164\u115f\u1160\uffa0\u034f\u0085\u180e\u2028\u2029")


def unseen(char: str) -> bool:
    """Is this a character an organiser cannot see (or sees as a plain space)?"""
    if char in " \t":
        return False
    if char in FILLERS or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef" or "\u180b" <= char <= "\u180d":
        return True
    return unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf", "Cc", "Co", "Cn")


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc) but a tab and a line end
ASCII_UNSEEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # in ASCII, only the controls (a tab is text)


def view(line: str) -> str:
    """The line as its fence-shape is judged: unseen characters taken out, and combining
    marks that sit on no letter (a mark on a colon hides it as well as a space does)."""
    if line.isascii():  # most lines: read a character at a time, a 60-page guide took 0.3 s here
        return ASCII_UNSEEN.sub("", line)
    out: list[str] = []
    for index, char in enumerate(line):
        if unseen(char):
            if unicodedata.category(char) == "Zs" and out and out[-1].isalnum() and line[index + 1:index + 2].isalnum():
                out.append(" ")  # `Facilitator⍽notes`: a no-break space between words is a space, not nothing
            continue
        if unicodedata.category(char) in ("Mn", "Me") and (not out or not out[-1].isalnum()):
            continue
        out.append(char)
    return "".join(out)


def named(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"


def before_words(line: str) -> list[str]:
    """The unseen characters where a fence would be: before the line's first letter or digit
    (the whole line for a closing fence). A joiner inside a word (Persian, Hindi) is not one."""
    found = []
    for char in line:
        if (char.isalnum() or unicodedata.category(char)[0] == "L") and char not in FILLERS:
            break
        if unseen(char) or (unicodedata.category(char) in ("Mn", "Me")):
            found.append(char)
    return list(dict.fromkeys(found))


def control_character(text: str) -> str | None:
    """The first control character in `text` (a tab and a line end are text): it prints as nothing,
    and XML (the EPUB) forbids it."""
    found = CONTROL.search(text)
    return found.group(0) if found else None
