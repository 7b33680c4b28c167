"""The e-book: the participant edition as EPUB 3."""

from __future__ import annotations

from . import Edition, Job, Output


def epub(job: Job) -> list[Output]:
    from studyguide.render.epub import make_epub
    from studyguide.build.leaks import epub_text

    data = make_epub(job.guide, job.rendered["participant"].pdf, job.theme)
    return [Output("epub", f"{job.guide.slug}.epub", data, epub_text(data))]


EDITIONS = (Edition("epub", "E-book (EPUB)", epub, needs=("participant",), warm=("studyguide.render.epub",)),)
