"""The sign-in sheet (edition `sign-in`, made only when asked for): a page per
session with numbered rows for names, and a contact column the group can switch
off (`sign_in_contact = false` in studyguide.toml) when it collects no addresses."""

from __future__ import annotations

from pathlib import Path

from studyguide.model import Guide
from studyguide.papers import PAPERS



def render_sign_in(guide: Guide, theme: Path | None = None) -> str:
    from studyguide.i18n import words_for
    from studyguide.render.html import environment, stylesheet
    from studyguide.render.scripts import script_sheets

    meta = guide.meta
    return environment(theme).get_template("sign-in.html.j2").render(
        meta=meta, words=words_for(meta.lang, theme), sessions=list(meta.sessions) or [None],
        contact=meta.sign_in_contact, rows=PAPERS[meta.paper].sign_in_rows, row_height=9,
        page_css=PAPERS[meta.paper].sheet_css,
        stylesheets=[stylesheet(name, theme).as_uri() for name in script_sheets(meta.lang)],
    )


def sign_in_pdf(guide: Guide, theme: Path | None = None) -> bytes:
    from studyguide.files import TEMPLATES
    from studyguide.pdf.write import html_to_pdf

    roots = [TEMPLATES] + ([theme] if theme else [])
    return html_to_pdf(render_sign_in(guide, theme), TEMPLATES, roots).pdf
