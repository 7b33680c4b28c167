"""Front matter: YAML split from the body, then checked key by key into a FrontMatter.

Every problem is collected with the line it stands on, then raised once, so an
organiser fixes them all in one go (mkdocs' load_config does the same).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor

from studyguide.distribute import sessions
from studyguide.errors import Diagnostic, GuideError
from studyguide.model import FrontMatter, Reading
from studyguide.settings import KEYS, Key, Problem, judge
from studyguide.settings.schema import AS_WRITTEN

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
        try:
            return SafeConstructor().construct_object(node, deep=True)
        except ValueError:  # YAML reads 2026-13-40 as a date, and cannot make it
            return node.value if isinstance(node, yaml.ScalarNode) else None
        except yaml.YAMLError as exc:  # `!!python/name:…`, `!!binary` with bad data
            self.error(node, f"this value cannot be read ({getattr(exc, 'problem', None) or exc}): put it in quotes")
            return None

    def string(self, key: str, node: yaml.Node) -> str | None:
        return self.setting(Key(key, "text", "", "", frozenset({"front"})), node)

    def date(self, key: str, node: yaml.Node) -> dt.date | None:
        return self.setting(Key(key, "date", "", "", frozenset({"front"})), node)

    def setting(self, key: Key, node: yaml.Node) -> Any:
        """A key of the settings table, judged as studyguide.toml's are (schema.judge)."""
        if key.kind == "special":
            return self.reading(node) if key.name == "reading" else sessions.check_sessions(self, node)
        if key.kind in AS_WRITTEN and isinstance(node, yaml.ScalarNode):
            value = sessions.scalar(node)  # `time: 19:30` as written, not YAML's 1170
        elif key.kind in ("texts", "list") and isinstance(node, yaml.SequenceNode):
            items = [self.setting(dataclasses.replace(key, kind="text"), item) for item in node.value]
            return tuple(i for i in items if i and i.strip())  # each item judged on its own line
        else:
            value = self.value(node)
        if value is None:
            return None
        try:
            return judge(key, value, "front")
        except Problem as problem:
            self.error(node, str(problem))
            return None

    def reading(self, node: yaml.Node) -> tuple[Reading, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        readings = []
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                self.error(item, "'reading' must give its title and the rest as 'key: value' (or a list of them): "
                                 "write reading: {title: The Road to Wigan Pier, author: George Orwell}")
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


def compose(text: str, path: Path) -> yaml.Node | None:
    """The YAML as nodes, which keep their lines; a parse error names its line in the file.
    A tag of YAML's own (`!!str`) is read; any other (`!Viva la huelga`: a title that starts
    with `!`) and a key given twice are errors at their lines, never a guess."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        _vet(root, path)
        return root
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted scalar" in str(exc.context or "") and exc.context_mark:
            mark = exc.context_mark  # where the quotation mark opened, not the end of the file
        line = mark.line + 2 if mark else 2  # +1 for 1-based, +1 for the opening '---'
        raise GuideError.at(path, line, f"front matter is not valid YAML: {exc.problem or exc}{_hint(exc, text, mark)}") from None
    except yaml.YAMLError as exc:
        raise GuideError.at(path, 2, f"front matter is not valid YAML: {exc}") from None


def _nodes(root: yaml.Node | None, keys: bool = True) -> Iterator[yaml.Node]:
    """Every node once (an alias is the same node again), mapping keys too unless `keys` is False."""
    todo, seen = [root] if root is not None else [], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            todo += [item for key, value in node.value for item in ((key, value) if keys else (value,))]
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value


def _vet(root: yaml.Node | None, path: Path) -> None:
    found = []
    for node in _nodes(root):
        line = node.start_mark.line + 2
        if not node.tag.startswith("tag:yaml.org,2002:"):
            found.append(Diagnostic(path, line, f"'{node.tag}' is read as a YAML tag, not as text: put the value "
                                                "in quotes"))
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, _ in node.value:
                name = str(key.value)
                if name in keys:
                    found.append(Diagnostic(path, key.start_mark.line + 2, f"'{name}' is given twice (first at line "
                                                                           f"{keys[name]}): keep one"))
                keys.setdefault(name, key.start_mark.line + 2)
    if found:
        raise GuideError(sorted(found, key=lambda d: d.line or 0))


def morning(key: str, written) -> str | None:
    """`time: 7:30`, as most people write an evening meeting's time: read on a 24-hour clock, it is 07:30."""
    found = re.fullmatch(r"\s*([1-9])[:.](\d\d)\s*", str(written)) if key == "time" and written is not None else None
    if not found:
        return None
    hour, minutes = int(found.group(1)), found.group(2)
    return (f"'time: {written}' is read on a 24-hour clock as {hour:02d}:{minutes}, in the morning; for the evening write "
            f"{hour + 12}:{minutes}")


def _meant(key: str) -> str:
    """`author` for `authors`, `subtitel` for `subtitle`: the key an organiser most likely meant."""
    import difflib

    known = [name for name, k in KEYS.items() if k.where("front")]
    close = difflib.get_close_matches(key.casefold(), known, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def leader_words(root: yaml.Node | None, path: Path) -> list[Diagnostic]:
    """Every value of the front matter is printed for participants (the cover, the web page, the
    catalogue, the feed): one that says it is the leader's is refused at its line, as in the body."""
    from studyguide.read.fences import is_facilitator
    from studyguide.read.hiding import USE_THE_FENCE, leader_value
    from studyguide.read.unseen import control_character

    found = []
    for node in _nodes(root, keys=False):
        if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            bad = control_character(node.value)
            if bad is not None:  # written as an escape ("\0", "\x1b"): the file itself has none
                found.append(Diagnostic(path, node.start_mark.line + 2, f"this value holds the control character "
                                        f"U+{ord(bad):04X}, which prints as nothing: delete it"))
            shown = re.sub(r"(`+).*?\1", "", node.value)  # `::: facilitator` in backticks shows the syntax
            fence = next((m for m in re.finditer(r":{3,}(?P<rest>[^:\n]*)", shown) if is_facilitator(m.group("rest"))),
                         None)
            if fence:
                found.append(Diagnostic(path, node.start_mark.line + 2, "a facilitator block ('::: facilitator') in the "
                                        "front matter is printed for participants (the cover, the web page, the "
                                        "catalogue): front matter holds no notes; put them in the body"))
                continue
            said = leader_value(node.value)
            if said:
                found.append(Diagnostic(path, node.start_mark.line + 2, f"'{said}' in the front matter would be printed "
                                        "for participants (the cover, the web page, the catalogue): the front matter "
                                        "is the group's; in the body, " + USE_THE_FENCE))
    return sorted(found, key=lambda d: d.line or 0)


def _hint(exc: yaml.MarkedYAMLError, text: str, mark) -> str:
    """What to do about the YAML errors organisers make: a colon in a title, a tab, an apostrophe."""
    problem = str(exc.problem or "")
    row = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
    if "mapping values are not allowed" in problem:
        key, _, value = row.partition(":")
        value = value.strip()
        curly = len(value) >= 2 and value[0] in "“”„«‘’‚" and value[-1] in "“”«»‘’"  # as Word types them
        if curly:
            return f" — a value with a colon in it needs straight quotes, not curly ones: {key.strip()}: \"{value[1:-1].strip()}\""
        return (f" — a value with a colon in it needs quotes: {key.strip()}: \"{value}\"" if value
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
    check.errors += leader_words(root, path)
    values: dict[str, Any] = {}
    nodes: dict[str, yaml.Node] = {}
    written = {str(k.value) for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: a list or mapping as a key
            check.errors.append(Diagnostic(path, check.line(key_node), "a key must be a plain word such as 'title'"))
            continue
        key = str(key_node.value)
        lower = key.strip().casefold()
        if key not in KEYS and lower in KEYS and KEYS[lower].where("front") and lower not in written:
            key = lower  # `Title:`, `Paper: letter`: Word capitalises the first letter of every line
        if key not in KEYS or not KEYS[key].where("front"):
            check.warnings.append(Diagnostic(path, check.line(key_node), f"unknown key '{key}' is ignored" + _meant(key),
                                             "warning"))
            continue
        nodes[key] = key_node
        early = morning(key, value_node.value if isinstance(value_node, yaml.ScalarNode) else None)
        if early:
            check.warnings.append(Diagnostic(path, check.line(key_node), early, "warning"))
        value = check.setting(KEYS[key], value_node)
        if value is not None and value != ():
            values[key] = value

    if "title" not in values or not str(values["title"]).strip():
        at = check.line(nodes["title"]) if "title" in nodes else 1
        check.errors.append(Diagnostic(path, at, "the front matter needs a 'title'"))
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
    check.errors += leader_words(root, path)
    values: dict[str, str] = {}
    written = {str(k.value) for k, _ in root.value}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in ARTICLE_KEYS and key.strip().casefold() in ARTICLE_KEYS and key.strip().casefold() not in written:
            key = key.strip().casefold()  # `Title:`, as Word writes it
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
