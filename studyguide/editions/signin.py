"""The sign-in sheet: a page per session for names (and, unless the group switches it
off, a way to reach each member). Made on request only."""

from __future__ import annotations

from . import Edition, Job, Output


def sign_in(job: Job) -> list[Output]:
    from studyguide.distribute.signin import sign_in_pdf

    job.result.layouts += 1
    return [Output("sign-in", f"{job.guide.slug}-sign-in.pdf", sign_in_pdf(job.guide, job.theme), "")]


EDITIONS = (Edition("sign-in", "Sign-in sheet (PDF)", sign_in, on_request=True),)
