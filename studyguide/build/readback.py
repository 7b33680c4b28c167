"""What the checks after a guide's build read back from each PDF it made (the text, the text a reader
can see, the preflight's findings), worked out once per file's bytes.

Where a guide's editions are made side by side (studyguide.build.parallel), each child reads back
the files it made while the other core still lays out, and sends what it read with them; the
worker's checks then find those files read. The checks are the same functions on the same bytes,
only run sooner and elsewhere: before, the worker read every file back alone once the last layout
was done, with the other core idle (a fifth of a second for an 8-page guide's every edition).
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

KNOWN: dict[tuple[str, bytes], Any] = {}  # (what, digest of the bytes) → what was read; one guide's at a time


def _key(what: str, data: bytes) -> tuple[str, bytes]:
    return what, hashlib.blake2b(data, digest_size=20).digest()


def once(what: str, read: Callable[[bytes], Any], data: bytes) -> Any:
    """`read(data)`, or what it gave for the same bytes earlier in this guide's build (here or in a child)."""
    key = _key(what, data)
    if key not in KNOWN:
        KNOWN[key] = read(data)
    return KNOWN[key]


def text(data: bytes) -> str:
    from studyguide.build.leaks import pdf_text

    return once("text", pdf_text, data)


def inked(data: bytes) -> str:
    from studyguide.build.ink import inked_text

    return once("inked", inked_text, data)


def preflight(data: bytes) -> list[str]:
    """A file the build writes, as check_files reads it (the standard 14 fonts allowed)."""
    from studyguide.pdf.preflight import problems

    return once("preflight", lambda d: problems(d, standard_fonts=True), data)


def ahead(editions: list, made: dict[str, list]) -> dict[tuple[str, bytes], Any]:
    """In a child, once its editions are made: each PDF read back as the worker's checks will read it
    (the text of what participants get and of every handout, a handout's inked text, every preflight)."""
    known_before = set(KNOWN)
    for edition in editions:
        for output in made.get(edition.name, ()):
            if not output.name.endswith(".pdf"):
                continue
            preflight(output.data)
            if output.asks is not None:
                inked(output.data)
            if output.text is None and (edition.participants or (output.asks is not None and output.shown is None)):
                text(output.data)
    return {key: value for key, value in KNOWN.items() if key not in known_before}


def forget() -> None:
    """A new guide: what the last one read is no use, and a worker lives for many guides."""
    KNOWN.clear()
