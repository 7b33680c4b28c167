"""Every setting, declared once: where it may be set (studyguide.toml, a command-line
option, a guide's front matter), what it takes, its default and its documentation.
The toml loader, the front-matter reader, the commands' options and the docs'
tables are all made from this table; a key added here is read, checked and
documented everywhere (the docs test says when docs/guide-format.md is behind).
"""

from __future__ import annotations

import os
from typing import Any

from studyguide.editions import NAMES as EDITIONS
from studyguide.editions import ON_REQUEST
from studyguide.settings.schema import Key

TOML, CLI, FRONT = "toml", "cli", "front"
SHARED = frozenset({TOML, FRONT})  # the group's default in studyguide.toml; a guide's front matter overrides it
BUILDS = ("build", "watch", "serve")

_KEYS = (
    # What a guide says of itself (front matter only).
    Key("title", "text", "the guide's title, on the cover and every page", "text, **required**", frozenset({FRONT})),
    Key("subtitle", "text", "printed under the title", "text", frozenset({FRONT})),
    Key("short_title", "text", "the title in the running heads, for a title too long for one line there (a longer one "
        "is cut with \"…\", and the build warns)", "text", frozenset({FRONT})),
    Key("authors", "texts", "who wrote the guide; the PDF's author", "a name, or a list `[Ann, Bob]`", frozenset({FRONT}),
        default=()),
    Key("date", "date", "the meeting or guide date; the PDF's date", "`2026-12-03` (year-month-day)", frozenset({FRONT})),
    # The group's defaults, which a guide may override.
    Key("lang", "lang", "hyphenation, quotation marks, the printed words, the headings studyguide looks for",
        "a language code: `en`, `fr`, `de`, `es`, `pt`, `ru`, `pt-BR`…", SHARED, default="en", shown="`en`"),
    Key("group", "text", "the group's name, on the cover", "text", SHARED),
    Key("duration", "duration", "on the cover; the calendar event's length and the run sheet's budget when studyguide "
        "can read it as a length of time (over 24 hours, or 0, is an error)", "text, e.g. `90 minutes`, `90 min`, `1h30`, `1.5 hours`", SHARED),
    Key("time", "time", "when a one-session guide's meeting starts: on the cover, the handout and in the calendar "
        "(in studyguide.toml: the group's usual time)", "`19:30` (24-hour clock, HH:MM)", SHARED),
    Key("place", "place", "where the group meets", "a room, an address, or an `https://` video link", SHARED),
    Key("timezone", "timezone", "the zone `time` is in; the calendar keeps it, so a phone elsewhere shows the right hour",
        "a time zone name: `Europe/London`, `America/New_York`, `UTC`", SHARED),
    Key("sessions", "special", "several meetings, each with its own date, time, length and place",
        "a list of meetings (below)", frozenset({FRONT}), default=()),
    Key("reading", "special", "the cover, the handouts, the back cover", "the details of what the group reads (below)",
        frozenset({FRONT}), default=()),
    Key("paper", "paper", "the sheet you print on: A5 pages on A4, half-letter pages on Letter",
        "`a4` or `letter`, in any case", SHARED, default="a4", shown="`a4`"),
    Key("license", "text", "on the back cover", "text, e.g. `CC BY-SA 4.0`", SHARED),
    Key("tags", "list", "for the catalogue; the PDF's keywords", "a list, `[history, unions]`", frozenset({FRONT}),
        default=()),
    Key("source", "text", "where the guide comes from, on the back cover", "text", frozenset({FRONT})),
    Key("remote", "bool", "let the guide use pictures from the internet", "`true` or `false`", frozenset({FRONT}),
        default=False, shown="`false`"),
    Key("rights", "text", "the rights line under a reproduced reading", "text", SHARED,
        shown="a line saying the reading is reproduced for study"),
    Key("questions_heading", "texts", "more headings that mean \"discussion questions\" (see below)",
        "a heading, or a list of them", SHARED, default=()),
    Key("session_heading", "texts", "more words that start a session's heading, e.g. `Week`",
        "a word, or a list of them", SHARED, default=()),
    Key("sign_in_contact", "bool", "the sign-in sheet's contact column; `false`: names only", "`true` or `false`",
        SHARED, default=True, shown="`true`"),
    # The group's and the build's: studyguide.toml and the command line.
    Key("base_url", "url", "the address where `build/` is published: the calendars, the feed and `announce` link there",
        "`https://…`", frozenset({TOML, CLI}), option=("--base-url",), commands=("announce",), guide=True,
        help="Where the built folder is published (default: studyguide.toml's base_url); without one, links are "
             "relative to the build folder."),
    Key("editions", "editions", "which files `build` makes (the on-request ones only when named)",
        f"a list drawn from {', '.join(f'`{e}`' for e in EDITIONS + ON_REQUEST)}", frozenset({TOML, CLI}),
        default=EDITIONS, shown="all", option=("--editions",),
        help=f"Comma-separated editions to make (default: studyguide.toml's, else all: {','.join(EDITIONS)})."),
    Key("out", "folder", "the output folder", "a folder", frozenset({TOML, CLI}), default="build", shown="`build`",
        option=("--out", "-o"), commands=BUILDS + ("announce",),
        help="The folder to build into (default: studyguide.toml's out, else build)."),
    Key("theme", "folder", "a folder of templates and stylesheets over the defaults (see themes.md)", "a folder",
        frozenset({TOML, CLI}), option=("--theme",), exists=True, commands=BUILDS + ("check",),
        help="Folder of templates and stylesheets that override the defaults (default: studyguide.toml's theme)."),
    Key("members", "whole", "how many members `build` counts paper for: the summary says what to print and buy",
        "", frozenset({TOML, CLI}), option=("--copies",), commands=("build",), low=1, high=10_000,
        help="Members to print for: the summary says what to print and buy (default: studyguide.toml's members)."),
    Key("long_edge", "bool", "booklets for printers that only flip on the long edge (back sides turned 180°)",
        "`true` or `false`", frozenset({TOML, CLI}), default=False, shown="`false`", option=("--long-edge",)),
    Key("creep", "number", "paper thickness in mm, for the creep of thick booklets", "a number of mm, 0 to 1",
        frozenset({TOML, CLI}), shown="0.1 above 28 pages", option=("--creep",), low=0, high=1,
        help="Paper thickness in mm for creep; default 0.1 above 28 pages."),
    Key("signature", "whole", "pages per signature for thick booklets", "a multiple of 4, from 4 to 400", frozenset({TOML, CLI}),
        option=("--signature",), low=4, high=400, step=4),
    # The command line's alone.
    Key("strict", "bool", "treat warnings as errors", "", frozenset({CLI}), default=False, option=("--strict",),
        commands=BUILDS + ("check",)),
    Key("jobs", "whole", "processes laying out at once: guides side by side, and a guide's editions when cores are spare", "", frozenset({CLI}), default=lambda: os.cpu_count() or 1,
        shown="cores", option=("-j", "--jobs"), low=1, high=64),
    Key("allow_remote", "bool", "let guides load images over the network", "", frozenset({CLI}), default=False,
        option=("--allow-remote",)),
    Key("max_size", "whole", "the largest guide file, in bytes", "", frozenset({CLI}), default=2_000_000,
        shown="2000000", option=("--max-size",), commands=BUILDS + ("check",), low=1, attr="max_bytes"),
    Key("timeout", "number", "seconds a guide may take to build or check (in a process of its own, stopped at the "
        "limit)", "", frozenset({CLI}), default=120.0, shown="120", option=("--timeout",), commands=BUILDS + ("check",),
        low=0.01),
    Key("force", "bool", "rebuild every guide, even those whose inputs have not changed", "", frozenset({CLI}),
        default=False, option=("--force",)),
    Key("debug", "bool", "show tracebacks of internal errors", "", frozenset({CLI}), default=False, option=("--debug",)),
)
KEYS: dict[str, Key] = {key.name: key for key in _KEYS}


def default(key: Key) -> Any:
    """The key's default (the number of cores is asked when it is needed)."""
    return key.default() if callable(key.default) else key.default
