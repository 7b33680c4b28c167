"""Render: a Guide into HTML documents through Jinja2 templates.

Templates are looked up in a theme folder first, then in the packaged defaults
(Pelican's ChoiceLoader). Autoescape is on and undefined names fail loudly: the
guide's text is data, never a template.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from studyguide import __version__
from studyguide.files import TEMPLATES, source_date_epoch
from studyguide.i18n import words_for
from studyguide.model import Guide
from studyguide.papers import PAPERS
from studyguide.render.sandbox import ConfinedLoader, ThemeSandbox
from studyguide.render.scripts import block_directions, direction, script_sheets
from studyguide.read.quotes import smart_article, smart_meta



WORDS = words_for("en")


def longdate(value: dt.date | str, words: dict | None = None) -> str:
    """26 November 2026, in the words' language; a string that is not an ISO date stays as written."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    words = words or WORDS
    return words["date_format"].format(day=value.day, month=words["months"][value.month - 1], year=value.year)


@jinja2.pass_context
def _longdate(context, value) -> str:
    return longdate(value, context.get("words"))


PAGE_NUMBERS_RE = re.compile(r"\d+(?:\s*[-–—]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–—]\s*\d+)?)*")


@jinja2.pass_context
def _pages_line(context, value: str) -> str:
    """A reading's `pages`: "Pages 12–40" for page numbers; "Pages: about 40" for words."""
    words = context.get("words") or WORDS
    value = str(value).strip()
    if PAGE_NUMBERS_RE.fullmatch(value):
        return f"{words['pages']} " + re.sub(r"\s*[-–—]\s*", "–", value)
    return f"{words['pages']}: {value}"


@lru_cache(maxsize=8)
def environment(theme: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(TEMPLATES))]
    if theme is not None:
        loaders.insert(0, ConfinedLoader(str(theme)))
    env = ThemeSandbox(  # a theme's templates are code from elsewhere: no Python but what a page needs
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.filters["longdate"] = _longdate
    env.filters["pages_line"] = _pages_line
    return env


def published_css(name: str, theme: Path | None = None) -> bytes:
    """A stylesheet copied beside the pages (web.css, epub.css), with a theme's `@import url(defaults/web.css)`
    replaced by the packaged sheet it names: the copy has no `defaults/` folder beside it, and the pages would
    have lost the default styling without a word."""
    import re

    css = stylesheet(name, theme).read_text(encoding="utf-8", errors="replace")

    def packaged(match: re.Match) -> str:
        default = TEMPLATES / match.group(1)
        return default.read_text(encoding="utf-8") if default.is_file() and default.parent == TEMPLATES else match.group(0)

    return re.sub(r"""@import\s+(?:url\(\s*)?["']?defaults/([\w.-]+\.css)["']?\s*\)?\s*;""", packaged, css).encode("utf-8")


def stylesheet(name: str, theme: Path | None = None) -> Path:
    """A stylesheet from the theme if it has one, else the packaged default."""
    for folder in ([theme] if theme else []) + [TEMPLATES]:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate.resolve()
    raise FileNotFoundError(name)


def qr_svg(url: str) -> Markup:
    """A QR code to the reading, as vector art (segno)."""
    import segno

    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=0, dark="#1a1a1a", omitsize=True)
    return Markup(svg)


def created(meta) -> dt.date | None:
    """The guide's date, else SOURCE_DATE_EPOCH's, else none: never the clock."""
    if meta.date:
        return meta.date
    epoch = source_date_epoch()
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date() if epoch is not None else None


def render_guide(guide: Guide, edition: str, theme: Path | None = None) -> str:
    """`edition`: participant, facilitator, or large-print (the participant text, large, on the guide's paper)."""
    meta = guide.meta
    large = edition == "large-print"
    template = environment(theme).get_template("guide.html.j2")
    url = next((r.url for r in meta.reading if r.url), None)
    from studyguide.read.pdfreading import for_print

    paper = PAPERS[meta.paper]
    article = for_print(guide.article, f"{paper.sheet[1] if large else paper.page[1]:.2f}pt")
    return template.render(
        guide=guide if edition == "facilitator" else guide.for_participants(),
        meta=smart_meta(meta),
        created=created(meta),
        edition=edition,
        body=Markup(block_directions(guide.html["participant" if large else edition], direction(meta.lang))),
        sections=guide.sections,
        subject="; ".join(r.citation() for r in meta.reading),
        stylesheets=[stylesheet(name, theme).as_uri() for name in ["large-print.css" if large else "guide.css",
                                                                   *script_sheets(meta.lang, pages=not large)]],
        page=_sheet(meta.paper) if large else _page(meta.paper),
        words=words_for(meta.lang, theme),
        qr=qr_svg(url) if url else None,
        article=smart_article(article, meta.lang),
        rights=meta.rights or words_for(meta.lang, theme)["rights_default"],
        version=__version__,
        runsheet=_runsheet(guide) if edition == "facilitator" else None,
    )


def _runsheet(guide: Guide) -> list:
    from studyguide.distribute.runsheet import agendas

    return agendas(guide)


def _notes_under(questions: list) -> list:
    """A handout has no foot of the page to spare: a question's footnote keeps its number
    where it is called and prints its text under the question."""
    import dataclasses

    from lxml import html as lxml_html

    count = 0

    def moved(markup: str) -> str:
        nonlocal count
        if 'class="footnote"' not in markup:
            return markup
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
        texts = []
        for span in root.xpath('.//span[@class="footnote"]'):
            count += 1
            call = lxml_html.fragment_fromstring(f'<sup class="fn-call">{count}</sup>')
            call.tail = span.tail
            span.getparent().replace(span, call)
            span.tag, span.attrib["class"], span.tail = "span", "fn-text", None
            span.insert(0, lxml_html.fragment_fromstring(f'<sup class="fn-call">{count}</sup>'))
            span[0].tail = " " + (span[0].tail or "")
            texts.append(span)
        root.extend(texts)
        inner = (root.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in root)
        return inner

    return [dataclasses.replace(q, html=moved(q.html), followups_html=tuple(moved(f) for f in q.followups_html))
            for q in questions]


def render_questions(guide: Guide, theme: Path | None = None, *, size: str = "sheet", session: str | None = None,
                     notes: bool = False) -> str:
    """The handout: every question with its follow-ups, on the guide's paper (or A5 for 2-up);
    with `notes`, the leader's: each question with the notes written under it."""
    meta = guide.meta
    guide = guide if notes else guide.for_participants()  # the leader's handout alone is given the notes
    questions = _notes_under([q for q in guide.questions if session is None or q.section == session])
    groups: list[tuple[str | None, list]] = []
    parts: list = []  # by place: two sections may share a title
    for q in questions:
        if not groups or parts[-1] != q.part:
            groups.append((q.section, []))
            parts.append(q.part)
        groups[-1][1].append(q)
    paper = PAPERS[meta.paper]
    page_css = paper.page_css if size == "half" else paper.sheet_css
    # The writing space is measured after layout and shared out (studyguide.pdf.handout).
    url = next((r.url for r in meta.reading if r.url), None)
    template = environment(theme).get_template("questions.html.j2")
    return block_directions(template.render(
        guide=guide,
        meta=smart_meta(meta),
        created=created(meta),
        groups=groups,
        count=len(questions),
        size=size,
        page_css=page_css,
        session=session,
        when=_meeting(meta, guide.sections, session),
        notes=notes,
        stylesheets=[stylesheet(name, theme).as_uri() for name in ["questions.css", *script_sheets(meta.lang)]],
        words=words_for(meta.lang, theme),
        qr=qr_svg(url) if url else None,
        version=__version__,
    ), direction(meta.lang))  # an English question in a Hebrew guide reads left to right, its `?` at its end


def _meeting(meta, sections, session: str | None):
    """The meeting a handout is for: the session its heading numbers (not its place), or the guide's one."""
    from studyguide.distribute.sessions import heading_numbers, meeting

    if session is None:
        return meta.sessions[0] if len(meta.sessions) == 1 else None
    numbers = heading_numbers(sections)
    place = next((i for i, s in enumerate(sections) if s.session and s.title == session), None)
    return meeting(meta, numbers[place]) if place is not None else None


def render_notes(paper: str, lang: str, theme: Path | None = None) -> str:
    return environment(theme).get_template("notes.html.j2").render(
        lang=lang, page=_page(paper), lines=PAPERS[paper].notes_lines, words=words_for(lang, theme),
        stylesheets=[stylesheet(name, theme).as_uri() for name in ["fonts.css", *script_sheets(lang)]],
    )


def _sheet(paper: str) -> dict[str, str]:
    """A whole sheet, for the large-print edition."""
    p = PAPERS[paper]
    return {"size": p.sheet_css, "block_height": p.sheet_block_height}


def _page(paper: str) -> dict[str, str]:
    p = PAPERS[paper]
    return {"size": p.page_css, "block_height": p.block_height}
