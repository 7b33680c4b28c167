"""What a guide's outputs depend on, as one digest: the guide, the files its build
opened, the templates and fonts, the settings that change output, and our version.
A guide whose digest is unchanged and whose outputs exist is not built again.

The files a build reads are recorded as it finishes (in guide.json's "sources";
those only a note names in the leader's facilitator/inputs.json): the reading and every image its pages name (raw HTML and
reference-style images too), as `read` found them, and every file WeasyPrint
fetched. The next run hashes those and nothing else: not the 1 GB video beside the guide, not the
output folder someone put inside the guide's folder. A new reference changes
the guide's text, and so its digest, so nothing new is missed."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from studyguide import __version__

CODE = Path(__file__).resolve().parent.parent  # the studyguide package


def _hash_file(digest, name: str, file: Path) -> None:
    """A regular file's bytes, streamed; anything else (gone, a FIFO, a device) as missing."""
    digest.update(name.encode() + b"\0")
    try:
        if not stat.S_ISREG(file.stat().st_mode):
            raise OSError
        with open(file, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    except OSError:
        digest.update(b"missing\0")


_folders: dict[tuple, bytes] = {}
_listed: dict[Path, tuple] = {}  # this round's look at each folder


def new_round() -> None:
    """A build begins: folders are looked at again (once for all its guides, not once a guide:
    each look lists and stats every file, nine tenths of a no-op rebuild of 100 guides)."""
    _listed.clear()


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, through linked folders too (two themes may share their
    words by a link), each real folder once (a link back up would never end)."""
    found, seen = [], set()
    for top, folders, names in os.walk(folder, followlinks=True):
        try:
            info = os.stat(top)
        except OSError:
            folders[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        found += [Path(top) / name for name in names if (Path(top) / name).is_file()]
    return found


def folder_digest(folder: Path) -> bytes:
    """Every file under a folder (templates, fonts, a theme, our own code); hashed again only
    when a file's size or time changes, so a long-running watcher stays right."""
    if folder not in _listed:
        files = sorted(p for p in _files(folder) if "__pycache__" not in p.relative_to(folder).parts)
        _listed[folder] = (folder, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    key = _listed[folder]
    if key not in _folders:
        digest = hashlib.sha256()
        for name, _, _ in key[1]:
            _hash_file(digest, str(Path(name).relative_to(folder)), Path(name))
        _folders[key] = digest.digest()
    return _folders[key]


def inputs_digest(path: Path, options: dict, templates: list[Path], sources: list[str] = ()) -> str:
    """The digest of everything the guide's outputs are made from; `sources` are
    the files (relative to the guide's folder) its last build opened."""
    digest = hashlib.sha256()
    digest.update(f"studyguide {__version__}\0".encode())
    digest.update(folder_digest(CODE))  # a new studyguide (an upgrade, a fix) rebuilds what the old one made
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for folder in templates:
        digest.update(folder_digest(folder.resolve()))
    _hash_file(digest, path.name, path)
    for name in sorted(set(sources)):
        if Path(name).is_absolute() or ".." in Path(name).parts:
            continue  # a record edited by hand names nothing outside the guide's folder
        _hash_file(digest, name, path.parent / name)
    return digest.hexdigest()


def sources(guide, opened: set[Path] | list[Path]) -> list[str]:
    """What this guide's build read besides the guide: what `read` recorded as it read
    (its reading, the images its pages name) and the files the layout fetched.
    Relative to its folder; inside it only."""
    root = guide.folder.resolve()
    names = set()
    for file in set(opened) | set(guide.depends):
        try:
            absolute = Path(file).absolute()
            relative = absolute.relative_to(guide.folder.absolute())
        except ValueError:
            try:
                relative = Path(file).resolve().relative_to(root)
            except (ValueError, OSError):
                continue
        if relative != Path(guide.path.name) and ".." not in relative.parts:
            names.add(relative.as_posix())
    return sorted(names)
