"""`studyguide.toml`: a group's defaults, at the project root. A guide's front
matter overrides it; an unknown key is a warning; a bad value an error with its line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from studyguide.editions import NAMES as EDITIONS  # declared once, in the editions table
from studyguide.editions import ON_REQUEST  # made only when named in --editions or `editions`
from studyguide.errors import Diagnostic, GuideError
from studyguide.model import LANG_RE
from studyguide.papers import NAMES as PAPERS

NAME = "studyguide.toml"


@dataclass(frozen=True)
class Config:
    """Every key, with its default: what `studyguide.toml` may say."""

    group: str | None = None  # the reading group's name, for guides that do not give one
    paper: str = "a4"  # a4 or letter, for guides that do not say
    lang: str = "en"  # for guides that do not say
    editions: tuple[str, ...] = EDITIONS  # which editions `build` makes
    out: str = "build"  # the output folder
    theme: str | None = None  # a folder of templates and stylesheets over the defaults
    license: str | None = None  # for guides that do not give one
    rights: str | None = None  # a rights line for reproduced readings
    questions_heading: tuple[str, ...] = ()  # more headings that mark discussion questions
    session_heading: tuple[str, ...] = ()  # more words that start a session's heading
    time: str | None = None  # the usual start time of a session, HH:MM
    duration: str | None = None  # the usual length of a session ("90 min")
    place: str | None = None  # where the group usually meets: a room, an address or a video link
    timezone: str | None = None  # the group's time zone (Europe/London)
    base_url: str | None = None  # where the built folder is published, for calendars, feed and announcements
    members: int | None = None  # copies to print, for the build summary's print counts
    sign_in_contact: bool = True  # the sign-in sheet's contact column; false: names only
    path: Path | None = None
    given: frozenset[str] = frozenset()  # the keys the file sets itself
    warnings: list[Diagnostic] = field(default_factory=list)


def _line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
    return text[: match.start()].count("\n") + 1 if match else None


def load(root: Path = Path(".")) -> Config:
    """The config at `root`, or the defaults when there is none."""
    path = root / NAME
    if not path.is_file():
        return Config()
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise GuideError.at(path, int(line.group(1)) if line else None, f"not valid TOML: {exc}") from None
    errors, warnings, values = [], [], {}
    strings = ("group", "lang", "out", "theme", "license", "rights")
    for key, value in data.items():
        line = _line(text, key)
        if key in strings:
            if not isinstance(value, str):
                errors.append(Diagnostic(path, line, f"'{key}' must be a string"))
            else:
                values[key] = value
        elif key == "paper":  # as in front matter: any case
            value = value.lower() if isinstance(value, str) else value
            if value not in PAPERS:
                errors.append(Diagnostic(path, line, f"'paper' must be {' or '.join(map(repr, PAPERS))}, not {value!r}"))
            else:
                values[key] = value
        elif key in ("questions_heading", "session_heading"):
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                errors.append(Diagnostic(path, line, f"'{key}' must be a string or a list of strings"))
            else:
                values[key] = tuple(value)
        elif key == "sign_in_contact":
            if not isinstance(value, bool):
                errors.append(Diagnostic(path, line, f"'sign_in_contact' must be true or false, not {value!r}"))
            else:
                values[key] = value
        elif key in ("time", "duration", "place", "timezone", "base_url", "members"):
            from studyguide.distribute.sessions import minutes, place_problem, time_problem, zone_problem

            checks = {"time": time_problem, "place": place_problem, "timezone": zone_problem,
                      "duration": lambda v: None if minutes(v) else f"'duration' must be a length of time such as '90 min', not {v!r}",
                      "base_url": lambda v: None if re.match(r"https?://\S+$", v) else f"'base_url' must be an http(s) address, not {v!r}"}
            if key == "members":
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
                    errors.append(Diagnostic(path, line, f"'members' must be a whole number from 1 to 10000, not {value!r}"))
                else:
                    values[key] = value
            elif not isinstance(value, str) or checks[key](value):
                errors.append(Diagnostic(path, line, checks[key](value) if isinstance(value, str) else f"'{key}' must be a string"))
            else:
                values[key] = value.strip()
        elif key == "editions":
            if not isinstance(value, list) or not value or any(v not in EDITIONS + ON_REQUEST for v in value):
                errors.append(Diagnostic(path, line, f"'editions' must be a list drawn from {', '.join(EDITIONS + ON_REQUEST)}"))
            else:
                values[key] = tuple(value)
        else:
            warnings.append(Diagnostic(path, line, f"unknown key '{key}' is ignored", "warning"))
    if "lang" in values and not LANG_RE.match(values["lang"]):
        errors.append(Diagnostic(path, _line(text, "lang"), f"'lang' must be a language tag such as 'en' or 'pt-BR', "
                                                            f"not {values['lang']!r}"))
    if errors:
        raise GuideError(errors)
    return Config(**values, path=path, warnings=warnings, given=frozenset(values))


def front_matter_defaults(config: Config) -> tuple[tuple[str, object], ...]:
    """The keys of studyguide.toml that stand in for a guide's front matter."""
    keys = ("group", "paper", "lang", "license", "rights", "questions_heading", "session_heading",
            "time", "duration", "place", "timezone", "base_url")
    found = tuple((k, getattr(config, k)) for k in keys if getattr(config, k) not in (None, ()))
    return found + ((("sign_in_contact", False),) if not config.sign_in_contact else ())
