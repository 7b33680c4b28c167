"""A built guide's record, `build/<slug>/guide.json`: what the catalogue, the feed,
the announcement and the next build know of it. Typed once here; a record edited
by hand, from an older version or half written reads as no record (the guide is
built again), never as a crash."""

from __future__ import annotations

import json
import os
import shutil
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

NAME = "guide.json"


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
        meta = guide.meta
        return cls(slug=guide.slug, title=meta.title, subtitle=meta.subtitle,
                   date=meta.date.isoformat() if meta.date else None, group=meta.group, tags=list(meta.tags),
                   reading=[asdict(r) for r in meta.reading], pages=result.pages, sheets=result.sheets,
                   paper=meta.paper, questions=len(guide.questions), press=result.press, files=files,
                   base_url=meta.base_url, lang=meta.lang, warnings=[[str(d.path), d.line, d.message] for d in result.warnings], **more)

    def dumps(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode()

    @classmethod
    def load(cls, file: Path) -> GuideRecord | None:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        hints = typing.get_type_hints(cls)
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


def source_of(path: Path, out: Path) -> str:
    return os.path.relpath(path.resolve(), out.resolve())
