"""The lines of Markdown source outside fenced code blocks: what a code block shows is shown as typed,
so the steps that rewrite or read the guide's own words (Obsidian's writing, the run sheet's times)
pass over it. One walk, for the modules that need it; the leak check keeps its own (build/leaks.py)."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def outside_code(lines: Iterable[str], fence_re: re.Pattern = FENCE) -> Iterator[tuple[int, str]]:
    """(index, line) of each line neither inside a fenced code block nor one of its fences. A fence is
    closed by one of its own character, at least as long."""
    fence = None
    for index, line in enumerate(lines):
        opened = fence_re.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield index, line
