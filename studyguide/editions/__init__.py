"""The editions, as data. Each is declared once, in the module that makes it, and
merged here into one table (as WeasyPrint merges its per-module VARIANTS): its name,
its label, whether participants receive it (which puts it through the leak check and
onto the shared pages) or only the leader, what it is made from, and one `make`.

Adding an edition is one module and one line in MODULES below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

MODULES = ("guide", "printed", "handouts", "ebook", "signin", "web")


@dataclass(frozen=True)
class Output:
    """One file an edition makes: its key (`questions-session-3`), its name in the guide's
    folder, its bytes, and the text it holds for the leak check (None: read back from it); a
    handout names the questions it carries (`asks`), each of which the second lock finds drawn."""

    key: str
    name: str
    data: bytes
    text: str | None = None
    asks: tuple[int, ...] | None = None  # the numbers of the questions on it; None: not a handout
    shown: str | None = None  # a handout's text a reader can see (the question check reads it; the leak check, `text`)


@dataclass(frozen=True)
class Edition:
    name: str  # as `--editions` and studyguide.toml name it
    label: str  # for the shared pages: what the file is
    make: Callable[["Job"], list[Output]]
    participants: bool = True  # given to the group: leak-checked and linked; False: the leader's, in facilitator/
    needs: tuple[str, ...] = ()  # editions whose outputs it is made from (laid out even when not wanted)
    listed: bool = True  # its files are listed for download (the web page is not: it is where they are listed)
    on_request: bool = False  # made only when named in --editions or studyguide.toml's `editions`
    more: tuple[tuple[str, str], ...] = ()  # its other outputs' keys and labels (the 2-up handout)
    last: bool = False  # made from every other edition's files: after them all, in the guide's own process
    warm: tuple[str, ...] = ()  # modules and stylesheets (*.css) its workers start with, loaded once before they fork
    help: str = ""


@dataclass
class Job:
    """One guide being built: what every edition's `make` gets."""

    guide: Any
    settings: Any
    result: Any
    layout: Callable[..., Any]
    made: dict[str, list[Output]] = field(default_factory=dict)
    rendered: dict[str, Any] = field(default_factory=dict)  # edition -> its layout (pages, text)

    @property
    def theme(self):
        return self.settings.theme

    def leader(self, name: str) -> str:
        """Where a leader-only file goes: a folder no shared page links to."""
        return f"facilitator/{name}"


def _table() -> dict[str, Edition]:
    from importlib import import_module

    table: dict[str, Edition] = {}
    for module in MODULES:
        for edition in import_module(f"{__name__}.{module}").EDITIONS:
            table[edition.name] = edition
    return table


EDITIONS: dict[str, Edition] = _table()
NAMES: tuple[str, ...] = tuple(name for name, e in EDITIONS.items() if not e.on_request)  # the default set
ON_REQUEST: tuple[str, ...] = tuple(name for name, e in EDITIONS.items() if e.on_request)


def order(wanted: set[str]) -> list[Edition]:
    """The editions to make for `wanted`, each after what it needs."""
    done: list[Edition] = []

    def visit(name: str) -> None:
        edition = EDITIONS[name]
        for need in edition.needs:
            visit(need)
        if edition not in done:
            done.append(edition)

    for name in EDITIONS:
        if name in wanted:
            visit(name)
    return done


def warmed(wanted: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """What the workers that make `wanted` should start with: no more (a participant
    edition alone does not wait for the booklet's PDF library to load)."""
    return tuple(dict.fromkeys(item for edition in order(set(wanted)) for item in edition.warm))


def owner(key: str) -> Edition | None:
    """The edition an output key belongs to: its own name, one it declares, or a session's handout."""
    if key in EDITIONS:
        return EDITIONS[key]
    for edition in EDITIONS.values():
        if any(key == other for other, _ in edition.more):
            return edition
    return EDITIONS.get("questions") if key.startswith("questions-session-") else None


def label(key: str, words: dict | None = None) -> str:
    """The label of an output key in the words' language (a message catalogue's `edition_<key>`),
    else the edition's own English: an edition's, one it declares, or a session handout's."""
    words = words or {}
    if key.startswith("questions-session-"):
        number = key.rsplit("-", 1)[-1]
        text = words.get("edition_questions-session") or "Question handout, session {n} (PDF)"
        return text.format(n=number)
    edition = owner(key)
    if edition is None:
        return key
    return words.get(f"edition_{key}") or (EDITIONS[key].label if key in EDITIONS else dict(edition.more)[key])


def for_participants(key: str) -> bool:
    """May the group be given this file? Only what an edition made for participants made."""
    edition = owner(key)
    return edition is not None and edition.participants
