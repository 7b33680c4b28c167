"""After each build: no facilitator sentence in anything a participant receives.

This check shares no code with the reader that takes the notes out: it finds the
notes in the guide's source with its own loose scan (any line holding `:::` and
"facilitat", up to the next line of colons alone, at any indentation), and looks
for runs of their words in the text each participant output holds. Words the
participant text itself contains (a question the leader repeats) are not leaks.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from studyguide.model import Guide

OPEN = re.compile(r":{3,}.*(facilitat|animation|moderat|ведущ)", re.I)
CLOSE = re.compile(r"^[\s>]*(?:[-*+]\s+|\d+[.)]\s+)?:{3,}\s*$")
RUN = 6  # words in a probe: long enough to be the note's own, short enough to catch a clause


def notes_in(source: str) -> tuple[list[tuple[int, str]], str]:
    """([(line, text) of each note line], the source without them)."""
    notes, rest, inside = [], [], False
    for number, line in enumerate(source.split("\n"), start=1):
        if not inside and OPEN.search(line) and line.lstrip(" \t>-*+0123456789.)").startswith(":::"):
            inside = True
            continue
        if inside:
            if CLOSE.match(line):
                inside = False
            else:
                notes.append((number, line))
            continue
        rest.append(line)
    return notes, "\n".join(rest)


def words(text: str) -> list[str]:
    """Markdown or markup as plain words: lower case, letters and digits only."""
    text = re.sub(r"\]\([^)]*\)", " ", text)  # link targets are not printed
    return re.findall(r"[^\W_]+", text.lower())


def fingerprint(text: str) -> str:
    """Letters and digits only: immune to line breaks, hyphenation and running heads' spacing."""
    return re.sub(r"[\W_]+", "", text.lower())


def probes(guide: Guide) -> list[tuple[int, str, str]]:
    """(line, words, fingerprint) of every run of the notes' words that the rest of the
    source lacks (a note may repeat a question: that is no leak)."""
    notes, rest = notes_in(guide.body)
    reading = getattr(guide.article, "body", "") or ""
    more, rest_too = notes_in(reading)  # a reading's notes are refused when read; looked for all the same
    notes += [(None, line) for _, line in more]  # (said without a line: it stands in another file)
    allowed = fingerprint(" ".join(words(rest + "\n" + rest_too)))
    run = [(number, word) for number, line in notes for word in words(line)]
    found = []
    for start in range(0, max(1, len(run) - RUN + 1)):
        window = run[start:start + RUN]
        key = fingerprint("".join(w for _, w in window))
        if len(key) >= 16 and key not in allowed:
            first = window[0][0]
            found.append((None if first is None else first + guide.body_line - 1, " ".join(w for _, w in window), key))
    return found


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def epub_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return " ".join(text_of(book.read(name).decode("utf-8", "replace")) for name in book.namelist()
                        if name.endswith((".xhtml", ".html", ".ncx", ".opf")))


def leaks(guide: Guide, texts: dict[str, str]) -> list[tuple[str, int, str]]:
    """(output, line of the note, its words) for each run of a note's words found in a
    participant output, given as the text it holds (drawn text, markup or an extract)."""
    runs = probes(guide)
    if not runs:
        return []
    found = []
    for where, text in texts.items():
        haystack = fingerprint(text_of(text) if "<" in text else text)
        seen_lines = set()
        for number, run, key in runs:
            if number not in seen_lines and key in haystack:
                seen_lines.add(number)
                found.append((where, number, run))
    return found
