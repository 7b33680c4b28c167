"""Guides written to order for the benchmark: so many pages, every feature."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = ("the council of delegates met in the workshop and argued over the strike fund while the "
         "union branch counted its members and the reading group asked what the article meant for "
         "organising at work today history shows that ideas matter when people act on them together").split()


def paragraph(rng: random.Random, words: int = 110) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def guide(pages: int, number: int = 0) -> str:
    """A guide of roughly `pages` A5 pages: summary, terms, a table, footnotes,
    facilitator notes, and questions in two sections."""
    rng = random.Random(number * 1000 + pages)
    body_pages = max(1, pages - 4)
    lines = [
        "---", f"title: Benchmark guide {number} ({pages} pages)", "date: 2026-11-26",
        "reading: {title: An article, publication: A paper, issue: '1'}", "tags: [bench]", "---", "",
        "## Summary", "",
    ]
    for n in range(max(1, body_pages * 3 - 3)):
        note = f"[^n{n}]" if n % 4 == 0 else ""
        lines += [paragraph(rng) + note, ""]
        if n % 4 == 0:
            lines += [f"[^n{n}]: A note on paragraph {n}, with a source.", ""]
        if n % 9 == 5:
            lines += ["| Year | Event |", "|---|---|"] + [f"| {1900 + k} | {paragraph(rng, 8)} |" for k in range(5)] + [""]
    lines += ["## Key terms", "", "Soviet", ": A council of delegates.", "", "United front", ": Joint action.", ""]
    for part in (1, 2):
        lines += [f"## Part {part}", "", "::: facilitator", f"Allow twenty minutes for part {part}. {paragraph(rng, 30)}", ":::", "",
                  "### Discussion questions", ""]
        for q in range(1, 6):
            lines += [f"{q}. {paragraph(rng, 18)}?", f"    - {paragraph(rng, 8)}"]
        lines.append("")
    return "\n".join(lines)


def write_corpus(folder: Path, small: int = 40, large: tuple[int, ...] = (60, 120)) -> list[Path]:
    """`small` guides of 4–8 pages and one of each `large` size, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(small):
        paths.append(folder / f"small-{n:02d}.md")
        paths[-1].write_text(guide(4 + n % 5, n), encoding="utf-8")
    for pages in large:
        paths.append(folder / f"large-{pages}.md")
        paths[-1].write_text(guide(pages, pages), encoding="utf-8")
    return paths
