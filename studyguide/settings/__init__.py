"""The settings every command uses: one table of keys (keys.py), judged one way
(schema.py), read from studyguide.toml (config.py) and the command line, and
turned into one `Settings` here, with one theme lookup."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.editions import NAMES as EDITIONS
from studyguide.settings.keys import KEYS, default
from studyguide.settings.schema import Key, Problem, judge

if TYPE_CHECKING:
    from studyguide.config import Config

__all__ = ["KEYS", "Key", "Problem", "Settings", "front_matter_defaults", "judge", "resolve"]


@dataclass(frozen=True)
class Settings:
    """What a build, a watch, a serve or a check is run with."""

    out: Path = Path("build")
    theme: Path | None = None
    strict: bool = False
    jobs: int = 1
    long_edge: bool = False
    creep: float | None = None
    signature: int | None = None
    debug: bool = False
    allow_remote: bool = False
    max_bytes: int = 2_000_000
    timeout: float | None = 120.0  # seconds of layout per guide
    force: bool = False
    editions: tuple[str, ...] = EDITIONS
    defaults: tuple[tuple[str, Any], ...] = ()  # front-matter defaults from studyguide.toml
    members: int | None = None  # copies the build summary counts paper for

    def output_options(self) -> dict:
        """The settings that change what a guide's files contain."""
        return {"long_edge": self.long_edge, "creep": self.creep, "signature": self.signature,
                "allow_remote": self.allow_remote, "editions": sorted(self.editions), "defaults": list(self.defaults)}


_FIELDS = {f.name for f in dataclasses.fields(Settings)}


def front_matter_defaults(config: Config) -> tuple[tuple[str, Any], ...]:
    """The keys studyguide.toml gives that stand in for a guide's front matter."""
    return tuple(sorted((name, value) for name, value in config.values.items()
                        if KEYS[name].where("front") or KEYS[name].guide))  # in one order: the digest's


def resolve(config: Config, given: dict[str, Any] | None = None) -> Settings:
    """Command-line options (`given`, by key name; None or an unset flag: not given) over
    studyguide.toml over the defaults. The one place a theme or an output folder is looked up."""
    given = given or {}
    fields: dict[str, Any] = {}
    for key in KEYS.values():
        if key.field not in _FIELDS or not key.places & {"toml", "cli"}:
            continue
        value = given.get(key.name)
        if value is None or value is False:
            value = config.values.get(key.name, default(key))
        if key.kind == "folder" and value is not None:
            value = Path(value) if key.name in given and given[key.name] is not None else config.root / value
        fields[key.field] = value
    return Settings(**fields, defaults=front_matter_defaults(config))
