"""A built guide's record, `build/<slug>/guide.json`: what the catalogue, the feed,
the announcement and the next build know of it. Typed once here; a record edited
by hand, from an older version or half written reads as no record (the guide is
built again), never as a crash."""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

NAME = "guide.json"
# The leader's part of the record, in the folder no shared page links to: the leader's files, the
# files only a note names, the warnings of leader-only layouts (they may quote a note).
LEADER = "facilitator/inputs.json"


@dataclass
class GuideRecord:
    slug: str
    title: str
    subtitle: str | None = None
    date: str | None = None  # ISO
    group: str | None = None
    tags: list = field(default_factory=list)
    reading: list = field(default_factory=list)  # the readings' fields, as in front matter
    pages: int = 0  # of the participant edition
    sheets: int = 0  # of the booklet
    paper: str = "a4"
    questions: int = 0
    press: str = ""  # what the press PDF is, for a print shop's order form
    files: dict = field(default_factory=dict)  # {edition or output key: file name} of the listed outputs
    base_url: str | None = None  # for the feed's and calendars' links
    long_edge: bool = False
    source: str | None = None  # the guide file, relative to the build folder
    web: bool = True  # was the web page among the editions made?
    sources: list = field(default_factory=list)  # the files the build read, relative to the guide's folder
    inputs: str = ""  # the digest of everything the outputs were made from
    warnings: list = field(default_factory=list)  # [path, line, message]
    lang: str | None = None  # the guide's language, for its entry in the catalogue

    @classmethod
    def made(cls, guide, files: dict[str, str], result, **more) -> GuideRecord:
        """The record of a build. guide.json is shared with the group: what only the leader's
        files or notes hold goes into the leader's part (`LEADER`), never into it."""
        from studyguide.read.quotes import smart_meta

        meta = smart_meta(guide.meta)  # the catalogue, the feed and the calendars print the marks the PDF prints
        sources = more.pop("sources", [])
        public = _named_for_participants(guide)
        noted = _said_by_notes(guide, result.warnings)
        warnings = [[_from_guide(d.path, guide.path), d.line, d.message] for d in result.warnings]
        leaders = [_leaders_warning(w[2]) or n in noted for n, w in enumerate(warnings)]
        record = cls(slug=guide.slug, title=meta.title, subtitle=meta.subtitle,
                     date=meta.date.isoformat() if meta.date else None, group=meta.group, tags=list(meta.tags),
                     reading=[asdict(r) for r in meta.reading], pages=result.pages, sheets=result.sheets,
                     paper=meta.paper, questions=len(guide.questions), press=result.press,
                     files={k: v for k, v in files.items() if not _leaders_file(k, v)}, base_url=meta.base_url, lang=meta.lang,
                     warnings=[w for w, theirs in zip(warnings, leaders) if not theirs],
                     sources=[s for s in sources if s in public], **more)
        record.leader = {"inputs": record.inputs, "files": {k: v for k, v in files.items() if _leaders_file(k, v)},
                         "sources": [s for s in sources if s not in public],
                         "warnings": [w for w, theirs in zip(warnings, leaders) if theirs],
                         # Where the guide's source is (its notes and all, and the organiser's folder names): the
                         # build's own bookkeeping, kept in the leader's folder, never in the record the group gets.
                         "source": record.source}
        record.source = None
        return record

    def dumps(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode()

    def targets(self, folder: Path) -> dict[Path, bytes]:
        """The files the record is written as: guide.json, and the leader's part when it holds anything."""
        found = {folder / NAME: self.dumps()}
        leader = getattr(self, "leader", None)
        if leader and (leader["files"] or leader["sources"] or leader["warnings"] or leader.get("source")):
            found[folder / LEADER] = json.dumps(leader, indent=2, ensure_ascii=False).encode()
        return found

    @classmethod
    def load(cls, file: Path, leader: bool = False) -> GuideRecord | None:
        """The record in `file`; with `leader`, its leader's part merged in (for the next build only:
        never for a page that is shared)."""
        record = cls._load(file)
        if record is not None and record.source is None:
            record.source = leader_source(file)
        if record is not None and leader:
            try:
                part = json.loads((file.parent / LEADER).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                part = None
            if isinstance(part, dict) and part.get("inputs") == record.inputs and _fits(part.get("files"), dict) \
                    and isinstance(part.get("sources"), list) and isinstance(part.get("warnings"), list):
                record.files = {**record.files, **part["files"]}
                record.sources = record.sources + [s for s in part["sources"] if isinstance(s, str)]
                record.warnings = record.warnings + [w for w in part["warnings"] if isinstance(w, list) and len(w) == 3]
        return record

    @classmethod
    def _load(cls, file: Path) -> GuideRecord | None:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        hints = _hints(cls)
        values = {}
        for f in fields(cls):
            if f.name in data:
                if not _fits(data[f.name], hints[f.name]):
                    return None
                values[f.name] = data[f.name]
        try:
            return cls(**values)
        except TypeError:  # slug or title missing
            return None

    def current(self, folder: Path, digest: str) -> bool:
        """Were its outputs made from these inputs, and are they all still there?"""
        return self.inputs == digest and all((folder / name).is_file() for name in self.files.values())


@functools.lru_cache(maxsize=None)
def _from_guide(where, guide_path: Path) -> str:
    """A warning's file as the shared record names it: from the guide's folder (`reading.md`,
    `../studyguide.toml`), never the organiser's machine's full path."""
    if where is None:
        return ""
    try:
        return os.path.relpath(Path(where), Path(guide_path).parent)
    except ValueError:  # another drive (Windows)
        return Path(where).name


def _hints(cls: type) -> dict[str, object]:
    """The record's field types, worked out once (a tenth of a second over 100 guides)."""
    return typing.get_type_hints(cls)


def _leaders_file(key: str, name: str) -> bool:
    """A file for the leader only: its edition says so, or it is in the leader's folder (fail closed:
    a key no edition owns is the leader's)."""
    from studyguide.editions import for_participants

    return not for_participants(key) or "facilitator" in Path(name).parts[:-1] or name.startswith("facilitator")


def _leaders_warning(message: str) -> bool:
    """A warning from laying out a leader's file (`facilitator edition: …`): it may name what a note holds."""
    return "facilitator" in message.partition(": ")[0].casefold()


def _said_by_notes(guide, diagnostics: list) -> set[int]:
    """Which warnings only the notes give (their indexes): one at a line of a note (it says where a note
    is), and the run sheet's time budget (the leader's sheet: it adds up the notes' timed parts too)."""
    from studyguide.build.leaks import notes_in
    from studyguide.distribute.runsheet import budget_warnings

    try:
        lines = {number + guide.body_line - 1 for number, _ in notes_in(guide.body)[0]}
        budget = {d.message for d in budget_warnings(guide)}
    except Exception:  # noqa: BLE001 - cannot tell: every warning at the guide's lines is the leader's
        return {n for n, d in enumerate(diagnostics) if d.line}
    return {n for n, d in enumerate(diagnostics)
            if d.message in budget or (d.line in lines and Path(d.path) == Path(guide.path))}


def _named_for_participants(guide) -> set[str]:
    """The files the participant pages and the reading name (relative to the guide's folder): the
    sources guide.json may list. Any other file the build read is named only by a note."""
    from urllib.parse import unquote, urlsplit

    named = {"reading.md"}
    markup = guide.html.get("participant", "") + (getattr(guide.article, "html", "") or "")
    for target in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", markup):
        parts = urlsplit(html.unescape(target))
        if not parts.scheme and not parts.netloc and parts.path:
            named.add(os.path.normpath(unquote(parts.path)).replace(os.sep, "/"))
    if guide.article is not None:
        try:
            named.add(Path(guide.article.path).resolve().relative_to(guide.folder.resolve()).as_posix())
        except (ValueError, OSError):
            pass
    return named


def _fits(value, hint) -> bool:
    if isinstance(hint, types.UnionType):
        return any(_fits(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dict:
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return isinstance(value, hint)


def records(out: Path) -> list[tuple[Path, GuideRecord]]:
    """Every readable record under the build folder, by folder name."""
    found = []
    for file in sorted(out.glob(f"*/{NAME}")):
        record = GuideRecord.load(file)
        if record is not None:
            found.append((file, record))
    return found


def forget_gone(out: Path) -> list[str]:
    """The catalogue is what the build folder says: a guide whose source was deleted or
    renamed goes, with the folder studyguide built for it (one that holds its record)."""
    gone = []
    for file, record in records(out):
        if record.source and not (out / record.source).exists() and not file.parent.is_symlink():
            shutil.rmtree(file.parent, ignore_errors=True)
            gone.append(file.parent.name)
    return gone


def leader_source(file: Path) -> str | None:
    """The guide's source, relative to the build folder, as the leader's part of the record beside `file` says."""
    try:
        source = json.loads((file.parent / LEADER).read_text(encoding="utf-8")).get("source")
    except (OSError, ValueError, AttributeError):
        return None
    return source if isinstance(source, str) else None


def source_of(path: Path, out: Path) -> str:
    return os.path.relpath(path.resolve(), out.resolve())
