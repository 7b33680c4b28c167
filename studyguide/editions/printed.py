"""Print made from the participant pages, never laid out again: the folded booklet and
the print shop's PDF."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import Edition, Job, Output


@lru_cache(maxsize=4)
def notes_page(paper: str, lang: str, theme: Path | None) -> bytes:
    """The ruled page that pads booklets: laid out once per process."""
    from studyguide.files import TEMPLATES
    from studyguide.pdf.write import html_to_pdf
    from studyguide.render.html import render_notes

    return html_to_pdf(render_notes(paper, lang, theme), TEMPLATES).pdf


def _participant(job: Job):
    return job.rendered["participant"]


def booklet(job: Job) -> list[Output]:
    from studyguide.i18n import words_for
    from studyguide.pdf.impose import Options, impose
    from studyguide.render.scripts import direction

    guide, settings = job.guide, job.settings
    options = Options(guide.meta.paper, settings.long_edge, settings.creep, settings.signature,
                      rtl=direction(guide.meta.lang) == "rtl")
    words = words_for(guide.meta.lang, job.theme)
    done = impose(_participant(job).pdf, options, notes_page=notes_page(guide.meta.paper, guide.meta.lang, job.theme),
                  metadata={"/Subject": f"{words['print_only']} {guide.slug}.pdf"})
    job.result.sheets = done.sheets
    return [Output("booklet", f"{guide.slug}-booklet.pdf", done.pdf)]


def press(job: Job) -> list[Output]:
    from studyguide.pdf.impose import press as imposed
    from studyguide.pdf.printshop import brief

    guide, told = job.guide, {}
    data = imposed(_participant(job).pdf, notes_page=notes_page(guide.meta.paper, guide.meta.lang, job.theme), told=told)
    job.result.press = brief(told)
    return [Output("press", f"{guide.slug}-press.pdf", data)]


EDITIONS = (
    Edition("booklet", "Booklet to print and fold (PDF)", booklet, needs=("participant",),
            warm=("studyguide.pdf.impose",)),
    Edition("press", "Print-shop PDF with bleed and crop marks", press, needs=("participant",),
            warm=("studyguide.pdf.impose", "studyguide.pdf.printshop")),
)
