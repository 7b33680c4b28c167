"""The guide's web page and cover thumbnail, for the catalogue: made last, from the
files the other editions made."""

from __future__ import annotations

from . import Edition, Job, Output


def web(job: Job) -> list[Output]:
    from studyguide.render.catalogue import guide_page

    files = {o.key: o.data for outputs in job.made.values() for o in outputs}
    names = {o.key: o.name for outputs in job.made.values() for o in outputs}
    settings, guide = job.settings, job.guide
    page = guide_page(guide, files, names, job.result.pages, job.result.sheets, settings.theme,
                      remote=settings.allow_remote or guide.meta.remote, long_edge=settings.long_edge)
    return [Output(f"web:{name}", name, data, data.decode("utf-8") if name.endswith(".html") else None)
            for name, data in page.items()]


EDITIONS = (Edition("web", "Web page", web, needs=("participant",), listed=False, last=True),)
