"""The typed data that crosses stages: what `read` produces and `render` consumes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from studyguide.errors import Diagnostic

LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def slug_for(path: Path) -> str:
    """`guides/x.md` and `guides/x/guide.md` are both the guide `x` (also as `guide.md`, from inside `x`)."""
    return (path.parent.name or path.absolute().parent.name) if path.name == "guide.md" else path.stem


@dataclass(frozen=True)
class Reading:
    """A text the group reads; every field but the title is optional."""

    title: str
    author: str | None = None
    publication: str | None = None
    issue: str | None = None
    date: str | None = None
    url: str | None = None
    pages: str | None = None
    file: str | None = None  # the reading's text, reproduced: a Markdown file beside the guide

    def citation(self) -> str:
        """One line naming the text, for PDF metadata and the back cover."""
        parts = [self.title]
        if self.author:
            parts.append(self.author)
        where = ", ".join(
            p for p in (self.publication, f"issue {self.issue}" if self.issue else None, self.date) if p
        )
        if where:
            parts.append(where)
        return " — ".join(parts)


@dataclass(frozen=True)
class Session:
    """A meeting: when and where. `time` is "HH:MM" (local to `timezone`), `minutes` the
    duration when it could be read, `duration` as written; `place` a room or a video link."""

    number: int
    date: dt.date
    time: str | None = None
    duration: str | None = None
    minutes: int | None = None
    place: str | None = None
    timezone: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class FrontMatter:
    title: str
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    lang: str = "en"
    group: str | None = None
    duration: str | None = None
    reading: tuple[Reading, ...] = ()
    paper: str = "a4"
    license: str | None = None
    tags: tuple[str, ...] = ()
    source: str | None = None
    remote: bool = False  # may the guide load images over the network?
    rights: str | None = None  # printed at the end of a reproduced reading
    questions_heading: tuple[str, ...] = ()  # more headings that mark discussion questions
    session_heading: tuple[str, ...] = ()  # more words that start a session's heading
    short_title: str | None = None  # for running heads, where the title is too long for one line
    time: str | None = None  # a one-session guide's start time, HH:MM
    place: str | None = None  # a one-session guide's room, address or video link
    timezone: str | None = None  # an IANA zone (Europe/London): the sessions' times are local to it
    sessions: tuple[Session, ...] = ()  # every meeting, from `sessions` or the top-level keys
    base_url: str | None = None  # where the catalogue is published (studyguide.toml), for links sent out
    sign_in_contact: bool = True  # the sign-in sheet's contact column (studyguide.toml)


@dataclass(frozen=True)
class ReadingText:
    """A reading reproduced in the guide (`reading.md`): printed after the cover."""

    path: Path
    title: str
    html: str
    author: str | None = None
    publication: str | None = None
    issue: str | None = None
    date: str | None = None
    url: str | None = None
    standfirst: str | None = None
    body: str = ""  # the Markdown, for `check`
    body_line: int = 1


@dataclass(frozen=True)
class Section:
    """A `##` section; `session` when its heading starts with the word for a session
    ("Session 3", "Séance 3"), `number` that session's number as written (0: none written)."""

    id: str
    title: str
    session: bool = False
    number: int = 0


@dataclass(frozen=True)
class Question:
    section: str | None  # its section's title, as printed over it on the handout
    number: int
    text: str
    html: str
    followups: tuple[str, ...] = ()
    followups_html: tuple[str, ...] = ()
    notes_html: tuple[str, ...] = ()  # the facilitator's notes written under this question
    part: int | None = None  # its section's place in Guide.sections: two sections may share a title


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


@dataclass
class Guide:
    path: Path
    slug: str
    meta: FrontMatter
    html: dict[str, str]  # edition ("participant", "facilitator") -> body HTML
    sections: list[Section] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    facilitator_text: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    article: ReadingText | None = None
    body: str = ""  # the Markdown after the front matter, as written: for the leak check
    body_line: int = 1
    depends: tuple[Path, ...] = ()  # the files a build reads besides the guide, found by `read` as it reads

    def for_participants(self) -> Guide:
        """The guide as a participant's template gets it: no notes in any field. A theme's template
        can put anything it is given into a PDF's metadata or a link, which the check after the build,
        reading the text drawn, would not see; so it is not given the notes at all."""
        from dataclasses import replace as _replace

        shown = self.html["participant"]  # a template that names the leader's body gets the group's
        return _replace(self, html={"participant": shown, "facilitator": shown}, facilitator_text=[], body="",
                        questions=[_replace(q, notes_html=()) for q in self.questions])

    @property
    def folder(self) -> Path:
        return self.path.parent
