"""Files an earlier build of a guide made that this one does not: taken away.

A picture moved into a facilitator note, a session taken out: the web page no longer
names `assets/answer-key.png`, no handout is made for session 3, but yesterday's files
would stay in the guide's folder, and the folder is what an organiser copies to a web
server (`rsync --exclude facilitator/`). Each build lists what it wrote, by edition, in
the leader's folder (never published); the next build takes away what the list names,
was made by an edition it makes again, and it did not write. Files of editions it does
not make (`--editions participant`) stay, listed, and files nobody listed (the
organiser's own) are never touched.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MADE = "facilitator/made.json"
ALWAYS = "record"  # guide.json, its leader's part, the calendars: made by every build


def manifest(folder: Path, written: dict[Path, str], editions: set[str]) -> tuple[bytes, list[Path]]:
    """The new list (bytes, for `folder / MADE`), and the files of the old one to take away.
    `written`: every file this build writes, and the edition that made it."""
    try:
        before = json.loads((folder / MADE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    if not isinstance(before, dict):
        before = {}
    now = {os.path.relpath(path, folder): edition for path, edition in written.items()}
    gone, kept = [], {}
    for name, edition in before.items():
        if not isinstance(name, str) or not isinstance(edition, str) or name in now:
            continue
        parts = Path(name).parts
        if Path(name).is_absolute() or ".." in parts or not parts:
            continue  # a list edited by hand: nothing outside the folder
        if edition == ALWAYS or edition in editions:
            gone.append(folder / name)
        else:
            kept[name] = edition
    return json.dumps({**kept, **now}, indent=1, sort_keys=True).encode(), gone


def take_away(files: list[Path], root: Path) -> None:
    """Each file removed, its folders opened below `root` without following a link."""
    from studyguide.files import _open_folder, _unlink

    for file in files:
        try:
            folder = _open_folder(file.parent, root)
        except Exception:  # noqa: BLE001 - a folder turned into a link, or gone: nothing to take away there
            continue
        try:
            _unlink(file.name, folder)
        except OSError:
            pass
        finally:
            os.close(folder)
