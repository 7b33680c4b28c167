"""What a guide's outputs depend on, as one digest: the guide, its assets, the
templates and fonts, the settings that change output, and our version. A guide
whose digest is unchanged and whose outputs exist is not built again."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from . import __version__

IMAGE_RE = re.compile(rb"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


def _hash_files(digest, files: list[Path], root: Path) -> None:
    for file in files:
        digest.update(str(file.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())


_folders: dict[tuple, bytes] = {}


def folder_digest(folder: Path) -> bytes:
    """Every file under a folder (templates, fonts, a theme); hashed again only
    when a file's size or time changes, so a long-running watcher stays right."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    key = (folder, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    if key not in _folders:
        digest = hashlib.sha256()
        _hash_files(digest, files, folder)
        _folders[key] = digest.digest()
    return _folders[key]


def assets(path: Path, text: bytes) -> list[Path]:
    """A folder guide's assets are its folder; a one-file guide's, the images it names."""
    if path.name == "guide.md":
        return sorted(p for p in path.parent.rglob("*") if p.is_file() and p != path and not p.name.startswith("."))
    found = []
    for named in re.findall(rb"^\s*-?\s*file:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", text, re.M):  # reading: {file: …}
        candidate = path.parent / named.decode("utf-8", "replace")
        if candidate.is_file():
            found.append(candidate)
    for target in IMAGE_RE.findall(text):
        candidate = path.parent / target.decode("utf-8", "replace")
        if "://" not in target.decode("utf-8", "replace") and candidate.is_file():
            found.append(candidate)
    return sorted(set(found))


def inputs_digest(path: Path, options: dict, templates: list[Path]) -> str:
    """The digest of everything the guide's outputs are made from."""
    text = path.read_bytes()
    digest = hashlib.sha256()
    digest.update(f"studyguide {__version__}\0".encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for folder in templates:
        digest.update(folder_digest(folder.resolve()))
    digest.update(hashlib.sha256(text).digest())
    _hash_files(digest, assets(path, text), path.parent)
    return digest.hexdigest()


def up_to_date(record_file: Path, digest: str) -> dict | None:
    """The guide's record when its outputs were made from these inputs and still exist."""
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("inputs") != digest:
        return None
    if not all((record_file.parent / name).is_file() for name in record.get("files", {}).values()):
        return None
    return record
