"""The docs' tables of keys, made from the settings table, so that no key goes
undocumented: `python -m studyguide.settings.docs` writes them into
docs/guide-format.md between their markers; the docs test fails when they differ."""

from __future__ import annotations

import sys
from pathlib import Path

from studyguide.settings.keys import KEYS

FRONT = ("<!-- keys: front matter (made by python -m studyguide.settings.docs) -->", "<!-- end of keys -->")
SETTINGS = ("<!-- keys: settings (made by python -m studyguide.settings.docs) -->", "<!-- end of settings -->")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "guide-format.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def front_table() -> str:
    """Every key a guide's front matter may give."""
    rows = ["| key | what to write | what it does |", "|---|---|---|"]
    for key in KEYS.values():
        if key.where("front"):
            write = key.write + (f" (default {key.shown})" if key.shown.startswith("`") else "")
            rows.append(f"| `{key.name}` | {_cell(write)} | {_cell(key.doc)} |")
    shared = ", ".join(f"`{k.name}`" for k in KEYS.values() if k.where("front") and k.where("toml"))
    return "\n".join(rows) + f"\n\nThe group's defaults for {shared} can be written once, in studyguide.toml (below)."


def _shown(key) -> str:
    return "off" if key.kind == "bool" and key.shown == "none" else key.shown


def _write(key) -> str:
    if key.write:
        return key.write
    if key.kind == "bool":
        return "a flag"
    whole = "a whole number" if key.kind == "whole" else "a number"
    return f"{whole}, {key.low:g} to {key.high:g}" if key.high is not None else f"{whole}, at least {key.low:g}"


def settings_table() -> str:
    """Every key of studyguide.toml and every option of build, watch, serve and check."""
    rows = ["| key | where | what to write | default | what it does |", "|---|---|---|---|---|"]
    for key in KEYS.values():
        if not key.places & {"toml", "cli"}:
            continue
        where = (["studyguide.toml"] if key.where("toml") else []) + [f"`{o}`" for o in key.option if key.where("cli")]
        where += ["front matter"] if key.where("front") else []
        commands = f" ({', '.join(key.commands)})" if key.where("cli") and key.commands != ("build", "watch", "serve") else ""
        rows.append(f"| `{key.name}` | {', '.join(where)}{commands} | {_cell(_write(key))} | {_cell(_shown(key))} "
                    f"| {_cell(key.doc)} |")
    return "\n".join(rows)


def written(text: str) -> str:
    """The docs with both tables as the settings table says."""
    for (begin, end), table in ((FRONT, front_table()), (SETTINGS, settings_table())):
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = f"{head}{begin}\n{table}\n{end}{tail}"
    return text


if __name__ == "__main__":
    before = DOCS.read_text(encoding="utf-8")
    after = written(before)
    if "--check" in sys.argv[1:]:
        sys.exit(0 if after == before else f"{DOCS} is behind the settings table: run python -m studyguide.settings.docs")
    DOCS.write_text(after, encoding="utf-8")
