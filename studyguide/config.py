"""`studyguide.toml`: a group's defaults, at the project root. A guide's front
matter overrides it; an unknown key is a warning; a bad value an error with its line.
Its keys, their checks and their defaults are the settings table's (studyguide.settings)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyguide.errors import Diagnostic, GuideError
from studyguide.settings import KEYS, Problem, judge

NAME = "studyguide.toml"


@dataclass(frozen=True)
class Config:
    """What studyguide.toml says: the keys it gives, judged, with their lines."""

    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    root: Path = Path(".")
    lines: dict[str, int | None] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def given(self) -> frozenset[str]:
        """The keys the file sets itself (`new` leaves them out of a new guide)."""
        return frozenset(self.values)


def _line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=", text, re.M)
    return text[: match.start()].count("\n") + 1 if match else None


def load(root: Path = Path(".")) -> Config:
    """The config at `root`, or the defaults when there is none."""
    path = root / NAME
    if not path.is_file():
        return Config(root=root)
    from studyguide.read.utf16 import SAVE_AGAIN, looks_utf16

    try:
        if looks_utf16(path.read_bytes()):
            raise GuideError.at(path, None, SAVE_AGAIN)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GuideError.at(path, None, f"not UTF-8 text (byte {exc.object[exc.start]:#04x})") from None
    return loads(text, path, root)


def loads(text: str, path: Path = Path(NAME), root: Path = Path(".")) -> Config:
    """studyguide.toml's text, judged key by key (every problem with its line, raised together)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise GuideError.at(path, int(line.group(1)) if line else None, f"not valid TOML: {exc}") from None
    errors, warnings, values, lines = [], [], {}, {}
    for name, value in data.items():
        key, line = KEYS.get(name), _line(text, name)
        if key is None or not key.where("toml"):
            warnings.append(Diagnostic(path, line, f"unknown key '{name}' is ignored", "warning"))
            continue
        try:
            values[name] = judge(key, value, "toml")
        except Problem as problem:
            errors.append(Diagnostic(path, line, str(problem)))
            continue
        lines[name] = line
        said = _leader_value(values[name])
        if said:
            errors.append(Diagnostic(path, line, f"'{said}' in {NAME} would be printed for participants (the cover, the "
                                     "web page, the catalogue, the calendar): its values are the group's; leader's "
                                     "notes go in a guide's body, between '::: facilitator' and ':::'"))
            continue
        if key.exists and not (root / values[name]).is_dir():
            errors.append(Diagnostic(path, line, f"'{name}' must be a folder that exists, not {values[name]!r}"))
    if "time" in values and "duration" in values and not _minutes(values["duration"]):
        warnings.append(Diagnostic(path, lines["duration"], f"'duration' {values['duration']!r} is not a length of "
                                   "time such as '90 min' or '1h30': the calendar gives no end time", "warning"))
    if errors:
        raise GuideError(errors)
    return Config(values, path, root, lines, warnings)


def _leader_value(value: Any) -> str | None:
    """A value (or an item of a list of them) that says it is the leader's, judged as a guide's
    front matter is: studyguide.toml's values print on every guide of the group."""
    from studyguide.read.hiding import leader_value

    for item in value if isinstance(value, (list, tuple)) else [value]:
        said = leader_value(item) if isinstance(item, str) else None
        if said:
            return said
    return None


def _minutes(text: str) -> int | None:
    from studyguide.distribute.sessions import minutes

    return minutes(text)
