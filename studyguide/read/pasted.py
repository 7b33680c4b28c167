"""A table pasted from Word, a spreadsheet or a web page arrives as lines of cells with tabs between
them. Markdown reads the lines as one paragraph and the tabs as spaces: the table prints as one
run-on line, without a word. Two or more such lines in a row, each with as many cells, are named."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic
from studyguide.read.codefences import FENCE

MARKER = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|[-*+•◦▪▫‣⁃o§]")


def tab_tables(body: str, body_line: int, path: Path | str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    run: list[tuple[int, int]] = []  # (line number, cells)
    fence = None
    for number, line in enumerate(body.split("\n") + [""], start=body_line):
        opened = FENCE.match(line)
        if fence or opened:
            if opened and (fence is None or opened.group(1)[0] == fence[0]):
                fence = None if fence else opened.group(1)
            run = []
            continue
        parts = line.strip().split("\t")
        first = parts[0].strip()
        listed = MARKER.fullmatch(first) is not None or (len(first) <= 2 and not any(c.isalnum() for c in first))
        # `1)<TAB>Why?`, `•<TAB>…`, a Symbol-font bullet: Word's lists
        code = line.startswith(("\t", "    "))  # an indented code block keeps its tabs
        cells = len(parts) if len(parts) >= 2 and not listed and not code and not line.lstrip().startswith("|") else 0
        if cells >= 2 and (not run or run[-1][1] == cells):
            run.append((number, cells))
            continue
        if len(run) >= 2:
            found.append(Diagnostic(path, run[0][0], f"lines {run[0][0]}-{run[-1][0]} look like a table pasted with tabs "
                                    f"between its {run[0][1]} columns: they print as one run-on line; write it as a "
                                    "Markdown table ('| Year | Event |', then '|---|---|', then a row a line)", "warning"))
        run = [(number, cells)] if cells >= 2 else []
    return found
