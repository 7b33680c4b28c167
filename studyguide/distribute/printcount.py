"""What to print and buy for N members: sheets per booklet and in all, the question
handouts full-size or two to a sheet, and how many cuts the 2-up sheets need."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path


def booklet_sheets(pages: int) -> int:
    """A saddle-stitched booklet of `pages` A5 pages: four pages to a sheet, padded to a multiple of 4."""
    return max(1, math.ceil(pages / 4))


@dataclass(frozen=True)
class PrintCount:
    copies: int
    booklet_sheets: int  # per booklet
    handout_sheets: int = 0  # per copy of the full-size handout (single-sided)
    twoup_sheets: int = 0  # per copy of the 2-up handout file (each sheet holds two handouts)

    @property
    def booklets_total(self) -> int:
        return self.copies * self.booklet_sheets

    @property
    def handouts_total(self) -> int:
        return self.copies * self.handout_sheets

    @property
    def twoup_prints(self) -> int:
        """Prints of the 2-up file: two members' handouts on each."""
        return math.ceil(self.copies / 2) * self.twoup_sheets

    @property
    def cuts(self) -> int:
        """One cut across each 2-up sheet."""
        return self.twoup_prints

    @property
    def to_buy(self) -> int:
        """Booklets plus handouts, the handouts printed 2-up when there is a 2-up file."""
        return self.booklets_total + (self.twoup_prints if self.twoup_sheets else self.handouts_total)

    def summary(self, paper: str = "A4") -> str:
        parts = [f"{self.copies} booklet{'s' if self.copies != 1 else ''} × {self.booklet_sheets} sheet"
                 f"{'s' if self.booklet_sheets != 1 else ''} = {self.booklets_total}"]
        if self.twoup_sheets:
            parts.append(f"handouts 2-up: print the 2-up file {math.ceil(self.copies / 2)}× = {self.twoup_prints} "
                         f"sheet{'s' if self.twoup_prints != 1 else ''}, {self.cuts} cut{'s' if self.cuts != 1 else ''}")
        if self.handout_sheets:
            parts.append(f"(or full-size: {self.handouts_total} sheet{'s' if self.handouts_total != 1 else ''})")
        return "; ".join(parts) + f"; buy {self.to_buy} sheets of {paper}"


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    try:
        return len(PdfReader(str(path)).pages)
    except Exception:  # a file missing or unreadable: no count rather than a wrong one
        return 0


def for_files(copies: int, sheets: int, pages: int, files: list[Path]) -> PrintCount:
    """The counts for one built guide: `sheets` of its booklet (else worked out from `pages`), its handouts read from disk."""
    handout = next((f for f in files if f.name.endswith("-questions.pdf")), None)
    twoup = next((f for f in files if f.name.endswith("-questions-2up.pdf")), None)
    return PrintCount(copies, sheets or booklet_sheets(pages), _pages(handout) if handout else 0,
                      _pages(twoup) if twoup else 0)
