"""Round eleven's red team, the importer: an article quoting markup that hides text elsewhere is imported
and printed as written; JSON-LD's paragraphs kept; bylines' "by" words of other languages; the publication
never from `<base href>`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyguide.build.check import check
from studyguide.errors import GuideError
from studyguide.importer.run import import_source
from studyguide.read.reader import markdown_for

OPENING = ("In 2005 a researcher showed that a comment box would happily accept a script and run it in every "
           "visitor's browser, which is how the whole problem began.")
CLOSING = ("Since then browsers have added many defences, but the basic mistake of mixing code with text keeps "
           "coming back in new forms every year.")


def page(paragraph: str, head: str = "", byline: str = "By Sam Writer", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>How the web was broken</title>'
            f'<meta property="article:published_time" content="2024-05-02T09:00:00Z">{head}</head><body><article>'
            f'<h1>How the web was broken</h1><p class="byline">{byline}</p>\n<p>{OPENING}</p>\n{paragraph}\n'
            f'<p>{CLOSING}</p>\n</article></body></html>')


def imported(tmp_path: Path, html: str, name: str = "page.html"):
    source = tmp_path / name
    source.write_text(html, encoding="utf-8")
    return import_source(source, tmp_path / "guides", slug="quoted")


def printed(markdown_text: str) -> str:
    """The reading's words as the page prints them (tags out, references decoded)."""
    import html

    md, _ = markdown_for("en")
    return html.unescape(re.sub(r"<[^>]+>", "", md.convert(markdown_text)))


@pytest.mark.parametrize("quoted", [
    "Some wiki engines treat text between double percent signs, like %%this%%, as a comment, and others print it.",
    "An attribute list such as {.hidden} is just a run of characters on this page, whatever tools make of it.",
    "Wrapping words in {.facilitator} or {: .leader-notes } does nothing here, and neither does 100%% of %%%.",
    "::: facilitator",
    ":: facilitator",
])
def test_an_article_quoting_hiding_markup_is_imported_and_printed_as_written(tmp_path, quoted):
    article, reading, _guide = imported(tmp_path, page(f"<p>{quoted}</p>"))
    body = reading.read_text(encoding="utf-8").split("---", 2)[2]
    assert quoted in printed(body)  # every character printed, none taken for markup
    assert [str(d) for d in check([tmp_path / "guides"]) if d.level == "error"] == []  # and the build takes it


@pytest.mark.parametrize("line", [
    "Facilitator notes: skip part two and go straight to the questions.",
    "Leader only: {.hidden} the key is under the mat.",
    "::: facilitator<br>Skip part two: say the text is too hard.<br>:::",
])
def test_an_article_line_that_is_a_leader_note_is_still_refused(tmp_path, line):
    with pytest.raises(GuideError, match="leader's notes"):
        imported(tmp_path, page(f"<p>{line}</p>"))
    assert not (tmp_path / "guides/quoted/reading.md").exists()
