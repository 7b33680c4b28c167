"""What a setting is, and how a value written for it is judged: once, the same in
studyguide.toml, on the command line and in a guide's front matter. Each place only
turns what was written into a plain value (TOML and YAML values, click's strings);
`judge` does the rest, so `paper = "Letter"` and `paper: Letter` are one verdict."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

PLACES = ("toml", "cli", "front")  # studyguide.toml, a command-line option, a guide's front matter


class Problem(ValueError):
    """A value a key cannot take: the message says what to write instead."""


@dataclass(frozen=True)
class Key:
    """One setting: its kind (how a value is read and checked), its default, where it may
    be set, and the words the docs and `--help` show for it."""

    name: str
    kind: str  # one of KINDS below, or "special" (read by frontmatter.py: `reading`, `sessions`)
    doc: str  # what it does, for the docs' tables and (unless `help`) the option's help
    write: str  # what to write, for the docs' tables
    places: frozenset[str] = frozenset({"toml", "front"})
    default: Any = None
    shown: str = "none"  # the default as the docs say it
    option: tuple[str, ...] = ()  # its command-line flags, when "cli" is a place
    help: str = ""  # the option's help, when it says more than `doc`
    commands: tuple[str, ...] = ("build", "watch", "serve")  # the commands that take the option
    low: float | None = None  # the least a number may be
    high: float | None = None  # the most
    exists: bool = False  # a folder that must be there already (a theme)
    step: int = 0  # a whole number must be a multiple of it (a signature: of 4)
    attr: str = ""  # its field in Settings, when not its name
    guide: bool = False  # a default for every guide (FrontMatter) though no guide may set it: base_url

    @property
    def field(self) -> str:
        return self.attr or self.name

    def where(self, place: str) -> bool:
        return place in self.places


def kind_of(value: Any) -> str:
    """A value's kind in an organiser's words."""
    return {dict: "a set of 'key: value' lines", list: "a list", tuple: "a list", bool: "true/false",
            type(None): "empty", str: "one piece of text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def quoted(value: str, place: str) -> str:
    """A value as it is written in that place: TOML's strings are in double quotes."""
    return f'"{value}"' if place == "toml" else repr(value)


def _text(key: Key, value: Any, place: str) -> str:
    # YAML reads `issue: 2572` and `date: 2026-12-03` as a number and a date; TOML as the user typed them.
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        raise Problem(f"'{key.name}' must be a string, not {kind_of(value)}")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _texts(key: Key, value: Any, place: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise Problem(f"'{key.name}' must be a string or a list of strings, not {kind_of(value)}")
    return tuple(t for t in (_text(key, v, place) for v in value if v is not None) if t.strip())


def _list(key: Key, value: Any, place: str) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        example = ", ".join(part.strip() for part in value.split(",")) if isinstance(value, str) else "one, two"
        raise Problem(f"'{key.name}' must be a list, not {kind_of(value)}: write {key.name}: [{example}]")
    return _texts(key, value, place)


def _bool(key: Key, value: Any, place: str) -> bool:
    if not isinstance(value, bool):
        raise Problem(f"'{key.name}' must be true or false, not {value!r}")
    return value


EARLIEST, LATEST = dt.date(1000, 1, 1), dt.date(9998, 12, 31)  # the calendar and the feed compute with them


def _date(key: Key, value: Any, place: str) -> dt.date:
    found = None
    if isinstance(value, dt.datetime):
        found = value.date()
    elif isinstance(value, dt.date):
        found = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            found = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if found is None:
        raise Problem(f"'{key.name}' must be a date written YYYY-MM-DD, not {value!r}")
    if not EARLIEST <= found <= LATEST:
        raise Problem(f"'{key.name}' {found.isoformat()} is out of range: studyguide takes dates between "
                      f"{EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return found


def _paper(key: Key, value: Any, place: str) -> str:
    from studyguide.papers import NAMES

    name = _text(key, value, place).strip().lower()  # "A4", "Letter": as the paper is printed
    if name not in NAMES:
        half = " (the paper the booklet is printed on: 'a4' already makes A5 pages, 'letter' half-letter ones)" \
            if name in ("a5", "half-letter", "half letter", "a6") else ""
        raise Problem(f"'{key.name}' must be {' or '.join(quoted(n, place) for n in NAMES)}, not {name!r}{half}")
    return name


def _lang(key: Key, value: Any, place: str) -> str:
    from studyguide.model import LANG_RE

    tag = _text(key, value, place)
    if not LANG_RE.match(tag):
        raise Problem(f"'{key.name}' must be a language tag such as 'en' or 'pt-BR', not {tag!r}")
    return tag


def _checked(problem: Callable[[str], str | None]) -> Callable[[Key, Any, str], str]:
    def read(key: Key, value: Any, place: str) -> str:
        text = _text(key, value, place)
        said = problem(text)
        if said:
            raise Problem(said)
        return text.strip()
    return read


def _duration(key: Key, value: Any, place: str) -> str:
    from studyguide.distribute.sessions import duration_problem

    return _checked(duration_problem)(key, value, place)


def _time(key: Key, value: Any, place: str) -> str:
    from studyguide.distribute.sessions import normal_time, time_problem

    return normal_time(_checked(time_problem)(key, value, place))


def _zone(key: Key, value: Any, place: str) -> str:
    from studyguide.distribute.sessions import zone_problem

    return _checked(zone_problem)(key, value, place)


def _place(key: Key, value: Any, place: str) -> str:
    from studyguide.distribute.sessions import place_problem

    return _checked(place_problem)(key, value, place)


def _url(key: Key, value: Any, place: str) -> str:
    return _checked(lambda v: None if re.fullmatch(r"\s*https?://\S+\s*", v) else
                    f"'{key.name}' must be an http(s) address, not {v!r}")(key, value, place)


def _whole(key: Key, value: Any, place: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not key.low <= value <= (key.high or value):
        upto = f" to {key.high:g}" if key.high is not None else " or more"
        raise Problem(f"'{key.name}' must be a whole number from {key.low:g}{upto}, not {value!r}")
    if key.step and value % key.step:
        raise Problem(f"'{key.name}' must be a multiple of {key.step}, not {value!r}")
    return value


def _number(key: Key, value: Any, place: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not key.low <= value <= (key.high or value):
        upto = f" to {key.high:g}" if key.high is not None else " or more"
        raise Problem(f"'{key.name}' must be a number from {key.low:g}{upto}, not {value!r}")
    return float(value)


def _editions(key: Key, value: Any, place: str) -> tuple[str, ...]:
    from studyguide.editions import NAMES, ON_REQUEST

    names = [v.strip() for v in value.split(",")] if isinstance(value, str) else value  # --editions a,b
    named = [n for n in names if n != ""] if isinstance(names, (list, tuple)) else []
    if not named or any(n not in NAMES + ON_REQUEST for n in named):
        raise Problem(f"'{key.name}' must be a list drawn from {', '.join(NAMES + ON_REQUEST)}")
    return tuple(named)


def _folder(key: Key, value: Any, place: str) -> str:
    return _text(key, value, place)


KINDS: dict[str, Callable[[Key, Any, str], Any]] = {
    "text": _text, "texts": _texts, "list": _list, "bool": _bool, "date": _date, "paper": _paper, "lang": _lang,
    "time": _time, "timezone": _zone, "place": _place, "duration": _duration, "url": _url,
    "whole": _whole, "number": _number, "editions": _editions, "folder": _folder,
}
AS_WRITTEN = frozenset({"time", "timezone", "place", "duration"})  # YAML reads `19:30` as 1170: take the text


def judge(key: Key, value: Any, place: str) -> Any:
    """The value `key` takes from what was written in `place`; Problem when it cannot take it.
    The same verdict in every place: only the quoting of the examples differs."""
    if not key.where(place):
        raise Problem(f"'{key.name}' cannot be set here")
    return KINDS[key.kind](key, value, place)
