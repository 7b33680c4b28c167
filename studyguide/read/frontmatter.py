"""Front matter: YAML split from the body, then checked key by key into a FrontMatter.

Every problem is collected with the line it stands on, then raised once, so an
organiser fixes them all in one go (mkdocs' load_config does the same).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.constructor import SafeConstructor

from studyguide.distribute import sessions
from studyguide.errors import Diagnostic, GuideError
from studyguide.model import LANG_RE, FrontMatter, Reading
from studyguide.papers import NAMES as PAPERS

READING_KEYS = ("title", "author", "publication", "issue", "date", "url", "pages", "file")


def split(text: str, path: Path) -> tuple[str, str, int]:
    """Return (yaml, body, line of the body's first line)."""
    if not text.strip():
        raise GuideError.at(path, 1, "the file is empty: a guide needs front matter with a title")
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip("\r\n").rstrip() != "---":
        raise GuideError.at(path, 1, "a guide must start with front matter: a first line '---'")
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise GuideError.at(path, 1, "front matter is not closed: no second '---' line")


class _Checker:
    """Turns YAML nodes into typed values, noting each problem with its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 2  # +1 for 1-based, +1 for the opening '---'

    def error(self, node: yaml.Node, message: str) -> None:
        self.errors.append(Diagnostic(self.path, self.line(node), message))

    def value(self, node: yaml.Node) -> Any:
        return SafeConstructor().construct_object(node, deep=True)

    def string(self, key: str, node: yaml.Node) -> str | None:
        value = self.value(node)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            self.error(node, f"'{key}' must be a string, not {_kind(value)}")
            return None
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    def strings(self, key: str, node: yaml.Node, *, single_ok: bool) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and single_ok:
            one = self.string(key, node)
            return (one,) if one else ()
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"'{key}' must be a list of strings, not {_kind(self.value(node))}")
            return ()
        items = [self.string(key, item) for item in node.value]
        return tuple(i for i in items if i)

    def boolean(self, key: str, node: yaml.Node) -> bool | None:
        value = self.value(node)
        if not isinstance(value, bool):
            self.error(node, f"'{key}' must be true or false, not {value!r}")
            return None
        return value

    def date(self, key: str, node: yaml.Node) -> dt.date | None:
        try:
            value = self.value(node)
        except ValueError:  # YAML reads 2026-13-40 as a date, and cannot make it
            value = node.value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(node, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}")
        return None

    def reading(self, node: yaml.Node) -> tuple[Reading, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        readings = []
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                self.error(item, "'reading' must be a mapping (title, author, …) or a list of them")
                continue
            fields: dict[str, str | None] = {}
            for key_node, value_node in item.value:
                key = str(key_node.value)
                if key not in READING_KEYS:
                    self.warnings.append(
                        Diagnostic(self.path, self.line(key_node), f"unknown key 'reading.{key}' is ignored", "warning")
                    )
                    continue
                fields[key] = self.string(f"reading.{key}", value_node)
            if not fields.get("title"):
                self.error(item, "a reading needs a 'title'")
                continue
            readings.append(Reading(**fields))  # type: ignore[arg-type]
        return tuple(readings)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "empty"}.get(
        type(value), type(value).__name__
    )


def compose(text: str, path: Path) -> yaml.Node | None:
    """The YAML as nodes, which keep their lines; a parse error names its line in the file."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted scalar" in str(exc.context or "") and exc.context_mark:
            mark = exc.context_mark  # where the quotation mark opened, not the end of the file
        line = mark.line + 2 if mark else 2  # +1 for 1-based, +1 for the opening '---'
        raise GuideError.at(path, line, f"front matter is not valid YAML: {exc.problem or exc}{_hint(exc, text, mark)}") from None
    except yaml.YAMLError as exc:
        raise GuideError.at(path, 2, f"front matter is not valid YAML: {exc}") from None


def _hint(exc: yaml.MarkedYAMLError, text: str, mark) -> str:
    """What to do about the YAML errors organisers make: a colon in a title, a tab, an apostrophe."""
    problem = str(exc.problem or "")
    row = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
    if "mapping values are not allowed" in problem:
        key, _, value = row.partition(":")
        return (f" — a value with a colon in it needs quotes: {key.strip()}: \"{value.strip()}\"" if value.strip()
                else " — put the value in quotes")
    if "'\\t'" in problem or "\t" in row[: len(row) - len(row.lstrip())]:
        return " — indent with spaces, not tabs"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in str(exc.context or ""):
        return " — a quotation mark is not closed on this line (put the value in double quotes, or double an apostrophe)"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return " — check the indentation of this line against the key above it, and put values with ':' or '#' in quotes"
    return ""


def parse(text: str, path: Path, defaults: dict | None = None) -> tuple[FrontMatter, list[Diagnostic]]:
    """Check the YAML of a guide's front matter; return it typed, with warnings.

    `defaults` (from studyguide.toml) fill the keys the guide does not give.
    """
    first_line = 2
    root = compose(text, path)
    if root is None:
        raise GuideError.at(path, 1, "front matter is empty: it needs at least a 'title'")
    if not isinstance(root, yaml.MappingNode):
        raise GuideError.at(path, first_line, "front matter must be 'key: value' lines")

    check = _Checker(path)
    handlers: dict[str, Callable[[str, yaml.Node], Any]] = {
        "title": check.string,
        "subtitle": check.string,
        "short_title": check.string,
        "authors": lambda k, n: check.strings(k, n, single_ok=True),
        "date": lambda k, n: sessions.check_date(check, k, n),  # the calendar computes with it
        "lang": check.string,
        "group": check.string,
        "duration": check.string,
        "reading": lambda k, n: check.reading(n),
        "paper": check.string,
        "license": check.string,
        "tags": lambda k, n: check.strings(k, n, single_ok=False),
        "source": check.string,
        "remote": check.boolean,
        "rights": check.string,
        "questions_heading": lambda k, n: check.strings(k, n, single_ok=True),
        "session_heading": lambda k, n: check.strings(k, n, single_ok=True),
        "time": lambda k, n: sessions.check_top(check, k, n),
        "place": lambda k, n: sessions.check_top(check, k, n),
        "timezone": lambda k, n: sessions.check_top(check, k, n),
        "sessions": lambda k, n: sessions.check_sessions(check, n),
    }
    values: dict[str, Any] = {}
    nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in handlers:
            check.warnings.append(Diagnostic(path, check.line(key_node), f"unknown key '{key}' is ignored", "warning"))
            continue
        nodes[key] = key_node
        value = handlers[key](key, value_node)
        if value is not None and value != ():
            values[key] = value

    if "title" not in values or not str(values["title"]).strip():
        at = check.line(nodes["title"]) if "title" in nodes else 1
        check.errors.append(Diagnostic(path, at, "the front matter needs a 'title'"))
    if "lang" in values and not LANG_RE.match(values["lang"]):
        check.errors.append(Diagnostic(path, check.line(nodes["lang"]), f"'lang' must be a language tag such as 'en' or 'pt-BR', not {values['lang']!r}"))
    if "paper" in values:
        values["paper"] = values["paper"].lower()
        if values["paper"] not in PAPERS:
            check.errors.append(Diagnostic(path, check.line(nodes["paper"]), f"'paper' must be {' or '.join(map(repr, PAPERS))}, not {values['paper']!r}"))
    if check.errors:
        raise GuideError(check.errors)
    entries = values.pop("sessions", ())
    meta = sessions.resolve(FrontMatter(**{**(defaults or {}), **values}), entries)
    if meta.time and meta.duration and not any(s.minutes for s in meta.sessions) and "duration" in nodes:
        check.warnings.append(Diagnostic(path, check.line(nodes["duration"]), f"'duration' {meta.duration!r} is not a "
                                         "length of time such as '90 min' or '1h30': the calendar gives no end time", "warning"))
    return meta, check.warnings


ARTICLE_KEYS = ("title", "author", "publication", "issue", "date", "url", "standfirst")


def parse_article(text: str, path: Path) -> tuple[dict[str, str], list[Diagnostic]]:
    """The front matter of a reproduced reading (`reading.md`): strings, `title` required."""
    root = compose(text, path)
    if not isinstance(root, yaml.MappingNode):
        raise GuideError.at(path, 1, "a reading's front matter must be 'key: value' lines with at least a 'title'")
    check = _Checker(path)
    values: dict[str, str] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in ARTICLE_KEYS:
            check.warnings.append(Diagnostic(path, check.line(key_node), f"unknown key '{key}' is ignored", "warning"))
            continue
        value = check.string(key, value_node)
        if value:
            values[key] = value
    if "title" not in values:
        check.errors.append(Diagnostic(path, 1, "a reading needs a 'title'"))
    if check.errors:
        raise GuideError(check.errors)
    return values, check.warnings
