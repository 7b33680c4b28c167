"""Files of editions this build did not make, kept from an earlier one, read back against
today's notes.

`--editions participant` after a paragraph was moved into a `::: facilitator` block:
yesterday's EPUB, web page, booklet, press and large print stay in the guide's folder
(studyguide.build.stale keeps the files of editions not made), and they still print the
paragraph. The folder is what organisers publish, so each participant file kept is read
back (its text, as the leak check reads this build's files) and, if it holds a note's
words, or is a file only a note names, it is taken away with a warning saying which
edition to build again. A file that cannot be read back is taken away too (fail closed).
Files nobody listed (the organiser's own) are not read, and not touched.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from studyguide.errors import Diagnostic
from studyguide.model import Guide

TEXT = (".html", ".htm", ".xhtml", ".txt", ".json", ".ics", ".xml", ".csv", ".md", ".svg")
LIMIT = 200 * 1024 * 1024  # a file of ours is far smaller: larger is not ours as made, and not read


def _for_participants(name: str, edition: str) -> bool:
    from studyguide.editions import EDITIONS

    if Path(name).parts[0] == "facilitator":
        return False
    known = EDITIONS.get(edition)
    return known is None or known.participants  # an edition no longer known: checked


def _read(file: Path) -> tuple[str, str] | None:
    """What a kept file says (as the leak check reads this build's files) and its markup and
    member names (where a picture's or a page's file name shows); None: not a file to read words from."""
    import io
    import zipfile

    from studyguide.build.leaks import epub_text, pdf_text

    suffix = file.suffix.lower()
    if suffix not in (".pdf", ".epub", *TEXT):
        return None
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise ValueError("too large to read back")
    if suffix == ".pdf":
        return pdf_text(data), ""
    if suffix == ".epub":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            raw = " ".join([*book.namelist(), *(book.read(n).decode("utf-8", "replace") for n in book.namelist()
                                                if n.endswith((".xhtml", ".html", ".opf", ".ncx")))])
        return epub_text(data), raw
    text = data.decode("utf-8", "replace")
    return text, text


def check_kept(guide: Guide, folder: Path, listed: bytes, written: set[Path]) -> tuple[bytes, list[Path], list[Diagnostic]]:
    """The manifest without the kept files that must go, those files, and a warning for each.
    `listed`: the manifest this build writes; `written`: the files it writes."""
    from studyguide.build.leaks import fragments, leaks

    manifest = json.loads(listed)
    named = {piece.casefold() for _, piece in fragments(guide)}
    gone, warnings = [], []
    for name, edition in sorted(manifest.items()):
        file = folder / name
        if file in written or not _for_participants(name, edition):
            continue
        if file.is_symlink() or not file.is_file():
            continue  # gone already, or not a file we made
        why = None
        if file.name.casefold() in named or name.casefold() in named:
            why = "it is a file only a facilitator note names"
        else:
            try:
                read = _read(file)
            except Exception as exc:  # noqa: BLE001 - unreadable: it cannot be shown to hold no note
                why = f"it could not be read back to check it ({type(exc).__name__})"
            else:
                if read is not None and leaks(guide, {name: read[0]}, shortest=8):  # a short note too: `It was Trotsky.`
                    why = "it holds words that are now in a facilitator note"
                elif read is not None and any(piece in read[1].casefold() for piece in named):
                    why = "it shows a picture, a page or an address only a facilitator note names"
                elif read is not None and (lacking := _lacking(guide, name, read[0])):
                    why = f"it lacks question {lacking}, written since it was made"
        if why:
            del manifest[name]
            gone.append(file)
            warnings.append(Diagnostic(file, None, f"kept from an earlier build, taken away: {why}; build the "
                                       f"{edition} edition again (--editions {edition})", "warning"))
    if not gone:
        return listed, [], []
    return json.dumps(manifest, indent=1, sort_keys=True).encode(), gone, warnings


def _lacking(guide: Guide, name: str, text: str) -> int | None:
    """The first of today's questions a kept handout of every question does not carry (a question
    added, `--editions participant`): yesterday's sheet would be handed out one short."""
    import re

    from studyguide.build.promises import fingerprint  # NFKC: a ligature and its letters are the same

    if not re.search(r"-questions(?:-2up)?\.pdf$", name) or Path(name).parts[0] == "facilitator":
        return None
    drawn = re.sub(r"\d+", "", fingerprint(text))
    for question in guide.questions:
        key = re.sub(r"\d+", "", fingerprint(question.text))[:40]
        if key and key not in drawn:
            return question.number
    return None


def after_failure(path: Path, out: Path, slug: str) -> list[Diagnostic]:
    """A guide that failed keeps its earlier files (nothing of a good build is lost to a typo), but a file
    for participants that holds words now in a facilitator note is taken away, with a warning: the same
    save often moves a paragraph into a note and makes a mistake elsewhere (a picture not found), and the
    folder may be published meanwhile. The notes are found by the leak check's own scan of the source,
    which needs no guide read without error."""
    from types import SimpleNamespace

    from studyguide.build.stale import MADE, take_away
    from studyguide.files import write_atomically
    from studyguide.read.frontmatter import split
    from studyguide.slugs import check as check_slug

    try:
        folder = out / check_slug(slug, path)
        made = folder / MADE
        if not made.is_file() or made.is_symlink():
            return []
        listed = made.read_bytes()
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # the save that failed as "not UTF-8" may have moved words into a note too
            text = raw.decode("cp1252", errors="replace")
        _front, body, body_line = split(text.replace("\r\n", "\n"), path)
    except Exception:  # noqa: BLE001 - no earlier build, or a source that cannot be read: nothing to compare with
        return []
    source = SimpleNamespace(body=body, body_line=body_line, article=None, slug=slug, questions=[])
    listed_now, gone, said = check_kept(source, folder, listed, set())  # type: ignore[arg-type]
    if gone:
        take_away(gone, out)
        write_atomically({made: listed_now}, root=out)
    return said
