"""The question handouts: the sheet, two A5 copies to cut, one per session; and the
leader's handout, each question with the notes written under it."""

from __future__ import annotations

from dataclasses import replace

from . import Edition, Job, Output


def session_handouts(guide) -> list[tuple[int, str, list]]:
    """(number, title, questions) of each session that asks questions, numbered as its heading numbers
    it ("Session 4" is session 4 even when session 3 asks nothing), else by its place among sessions.
    A question belongs to the section it stands in (its place, not its title: two sections may
    share a title, which the reader refuses for sessions, and never merges here)."""
    sessions = [(index, s) for index, s in enumerate(guide.sections) if s.session]
    asked = []
    for place, (index, s) in enumerate(sessions, start=1):
        mine = [q for q in guide.questions if q.part == index]
        if mine:
            asked.append((s.number or place, s.title, mine))
    numbers = [n for n, _, _ in asked]
    if len(set(numbers)) != len(numbers):  # "Session 1" twice: number them as they stand
        asked = [(place, title, mine) for place, (_, title, mine) in enumerate(asked, start=1)]
    return asked if len(asked) > 1 else []


def questions(job: Job) -> list[Output]:
    from studyguide.pdf.impose import two_up
    from studyguide.render.html import render_questions

    guide, theme, slug = job.guide, job.theme, job.guide.slug
    if not guide.questions:
        return []
    sheet = job.layout(render_questions(guide, theme), "question handout")
    half = job.layout(render_questions(guide, theme, size="half"), "question handout (A5)")
    every = tuple(q.number for q in guide.questions)
    made = [Output("questions", f"{slug}-questions.pdf", sheet.pdf, sheet.text, every, sheet.shown),
            Output("questions-2up", f"{slug}-questions-2up.pdf", two_up(half.pdf, guide.meta.paper), half.text, every,
                   half.shown)]
    for number, session, asked in session_handouts(guide):
        one = job.layout(render_questions(replace(guide, questions=asked), theme, session=session), f"handout for {session}")
        made.append(Output(f"questions-session-{number}", f"{slug}-questions-session-{number}.pdf", one.pdf, one.text,
                           tuple(q.number for q in asked), one.shown))
    return made


def leader(job: Job) -> list[Output]:
    from studyguide.render.html import render_questions

    guide = job.guide
    if not guide.questions:
        return []
    done = job.layout(render_questions(guide, job.theme, notes=True), "facilitator's handout")
    return [Output("facilitator-handout", job.leader(f"{guide.slug}-facilitator-questions.pdf"), done.pdf, done.text,
                   tuple(q.number for q in guide.questions), done.shown)]


EDITIONS = (
    Edition("questions", "Question handout (PDF)", questions,
            more=(("questions-2up", "Question handout, two per sheet, to cut (PDF)"),),
            warm=("questions.css", "studyguide.pdf.impose")),
    Edition("facilitator-handout", "Facilitator's handout: the questions with the notes (PDF)", leader, participants=False,
            warm=("questions.css",)),
)
