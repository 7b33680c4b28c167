"""The papers a group prints on, declared once: the sheet the office printer takes,
and the page that is half of it (a guide's page; a booklet's sheet holds two).
Every stage that needs a size, a CSS page name, a label or a count of rows asks here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    name: str  # as written in front matter and studyguide.toml (any case)
    label: str  # as printed for the organiser: "A4", "Letter"
    sheet: tuple[float, float]  # portrait, in points
    page_css: str  # the half sheet, for @page size
    sheet_css: str  # the whole sheet, for @page size (large print, handouts, sign-in)
    block_height: str  # the half page's height less the cover's margins
    sheet_block_height: str  # the same on a whole sheet (the large-print cover)
    notes_lines: int  # ruled lines on the Notes page before the back cover
    sign_in_rows: int  # rows of 9 mm under the sign-in sheet's heading: one page

    @property
    def page(self) -> tuple[float, float]:
        """The half sheet, portrait, in points."""
        return (self.sheet[1] / 2, self.sheet[0])

    @property
    def landscape(self) -> tuple[float, float]:
        """The sheet as a booklet is imposed on it."""
        return (self.sheet[1], self.sheet[0])


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", "A4", (595.276, 841.89), "148mm 210mm", "A4", "178mm", "250mm", 19, 24),
    "letter": Paper("letter", "Letter", (612.0, 792.0), "5.5in 8.5in", "letter", "183.9mm", "232mm", 20, 22),
}
NAMES = tuple(PAPERS)


def paper(name: str | None) -> Paper:
    """The paper a record or a guide names; A4 when it names none."""
    return PAPERS[(name or "a4").lower()]
