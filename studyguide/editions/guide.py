"""The guide laid out as pages: for participants, for the leader, in large print."""

from __future__ import annotations

from . import Edition, Job, Output


def laid_out(job: Job, edition: str, what: str):
    """The edition's layout, made once per build (booklet and press reuse the participant's)."""
    if edition not in job.rendered:
        from studyguide.render.html import render_guide

        # The screen editions are tagged PDFs: reading order, headings, lists, tables, alt text, language.
        job.rendered[edition] = job.layout(render_guide(job.guide, edition, job.theme), what, pdf_tags=True)
    return job.rendered[edition]


def participant(job: Job) -> list[Output]:
    done = laid_out(job, "participant", "participant edition")
    job.result.pages = done.pages
    return [Output("participant", f"{job.guide.slug}.pdf", done.pdf, done.text)]


def facilitator(job: Job) -> list[Output]:
    done = laid_out(job, "facilitator", "facilitator edition")
    return [Output("facilitator", job.leader(f"{job.guide.slug}-facilitator.pdf"), done.pdf)]


def large_print(job: Job) -> list[Output]:
    done = laid_out(job, "large-print", "large-print edition")
    return [Output("large-print", f"{job.guide.slug}-large-print.pdf", done.pdf, done.text)]


EDITIONS = (
    Edition("participant", "Participant edition (PDF)", participant),
    Edition("facilitator", "Facilitator edition (PDF)", facilitator, participants=False),
    Edition("large-print", "Large-print edition (PDF)", large_print, warm=("large-print.css",)),
)
