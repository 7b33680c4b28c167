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


def script_page(body: str, shown: str) -> str:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "A story rendered by script", "articleBody": body,
                     "datePublished": "2024-01-05"})
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A story rendered by script</title>'
            f'<script type="application/ld+json">{ld}</script></head><body><div id="root"></div>'
            f'<noscript>Please enable JavaScript</noscript><article><h1>A story rendered by script</h1>{shown}'
            f'<div class="paywall">Subscribe to continue reading</div></article><script>render()</script></body></html>')


BLOCK = ("Sentence block {}: the whole article text lives only in the JSON-LD articleBody because the page builds "
         "its body with JavaScript when it loads in the browser.")


@pytest.mark.parametrize("joint", ["\n\n", "\n", "\r\n \r\n", "html"])
def test_json_ld_article_body_keeps_its_paragraphs_and_says_where_it_came_from(tmp_path, joint):
    parts = [BLOCK.format(n) for n in range(1, 11)]
    body = "".join(f"<p>{p}</p>" for p in parts) if joint == "html" else joint.join(parts)
    article, reading, _ = imported(tmp_path, script_page(body, f"<p>{parts[0]}</p>"))
    text = reading.read_text(encoding="utf-8").split("---", 2)[2]
    found = [p.strip() for p in text.split("\n\n") if p.strip()]
    assert found == parts  # ten paragraphs, each once, in order
    assert any("JSON-LD articleBody" in w for w in article.warnings), article.warnings


def test_an_article_the_page_shows_is_not_said_to_come_from_its_metadata(tmp_path):
    parts = [BLOCK.format(n).replace("lives only in the JSON-LD articleBody", "is on the page") for n in range(1, 6)]
    page_html = script_page("\n\n".join(parts), "".join(f"<p>{p}</p>" for p in parts)).replace(
        '<div class="paywall">Subscribe to continue reading</div>', "")
    article, reading, _ = imported(tmp_path, page_html)
    text = reading.read_text(encoding="utf-8").split("---", 2)[2]
    assert [p.strip() for p in text.split("\n\n") if p.strip()] == parts
    assert not any("JSON-LD" in w for w in article.warnings), article.warnings


ARABIC = ("انتهى إضراب عمال الموانئ بعد ستة أسابيع باتفاق يرفع الأجور بنسبة اثني عشر في المئة، وقالت النقابة إن "
          "الاتفاق هو الأكبر في تاريخ الميناء.")


def test_an_arabic_byline_loses_its_by(tmp_path):
    body = "".join(f"<p>الفقرة رقم {n}: {ARABIC}</p>" for n in range(1, 9))
    html = (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>إضراب عمال الموانئ ينتهي '
            f'باتفاق - الجريدة</title><meta property="article:published_time" content="2024-03-01"></head><body>'
            f'<article><h1>إضراب عمال الموانئ ينتهي باتفاق</h1><p class="byline">بقلم سارة أحمد</p>{body}</article>'
            f'</body></html>')
    article, reading, guide = imported(tmp_path, html)
    assert article.author == "سارة أحمد"
    assert "بقلم" not in reading.read_text(encoding="utf-8") and "بقلم" not in guide.read_text(encoding="utf-8")


@pytest.mark.parametrize("byline, name", [
    ("بقلم: سارة أحمد", "سارة أحمد"), ("كتب: محمد علي", "محمد علي"), ("به قلم علی رضایی", "علی رضایی"),
    ("نوشتهٔ علی رضایی", "علی رضایی"), ("מאת דנה כהן", "דנה כהן"), ("लेखक: राम शर्मा", "राम शर्मा"),
    ("Автор: Иван Петров", "Иван Петров"), ("Автор Иван Петров", "Иван Петров"), ("作者：王小明", "王小明"),
    ("记者 王小明", "王小明"), ("文／山田太郎", "山田太郎"), ("By Jane Reporter", "Jane Reporter"),
    ("Par Marie Dupont", "Marie Dupont"), ("Von Hans Müller", "Hans Müller"), ("Por Ana García", "Ana García"),
    # a name alone, or one that begins as a "by" word does, is kept whole
    ("سارة أحمد", "سارة أحمد"), ("文家宝", "文家宝"), ("Parker Smith", "Parker Smith"), ("Vonda Jones", "Vonda Jones"),
])
def test_bylines_lose_the_by_word_of_each_language_only_at_their_start(byline, name):
    from studyguide.importer.meta import clean_author

    assert clean_author(byline) == name


DOCKERS = ("<p>Workers at the port of Felixstowe have won a 12 per cent pay rise after a six-week strike that halted "
           "much of the country's container trade. The union said the deal was the biggest in the port's history.</p>"
           "<p>The strike began in January when talks over pay broke down. Pickets were mounted at every gate, and "
           "ships were diverted to Rotterdam and Antwerp while the talks went on into the night.</p>")


def docks_page(title: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:title" content="Dockers win pay rise after six-week strike">{head}</head><body>'
            f'<article><h1>Dockers win pay rise after six-week strike</h1><p class="byline">By Jane Reporter</p>'
            f'<section>{DOCKERS}</section></article></body></html>')


@pytest.mark.parametrize("title, head, publication", [
    ("Dockers win pay rise after six-week strike | The Daily Example", '<base href="https://evil.example/">',
     "The Daily Example"),
    ("Dockers win pay rise after six-week strike", '<base href="https://evil.example/">', None),
    ("Dockers win pay rise after six-week strike | The Daily Example",
     '<base href="https://cdn.example/"><meta property="og:site_name" content="Daily Example Online">',
     "Daily Example Online"),
    ("Dockers win pay rise after six-week strike | The Daily Example", "", "The Daily Example"),
    ("Dockers win pay rise after six-week strike | Opinion", '<base href="https://evil.example/">', None),
    ("Dockers win pay rise after six-week strike | Jane Reporter", "", None),
    ("Dockers win pay rise after six-week strike - 14.03.2025", "", None),
])
def test_the_publication_is_never_taken_from_base_href(tmp_path, title, head, publication):
    article, reading, guide = imported(tmp_path, docks_page(title, head))
    assert article.publication == publication
    assert article.title == "Dockers win pay rise after six-week strike"
    for written in (reading, guide):
        assert "evil.example" not in written.read_text(encoding="utf-8") and "cdn.example" not in written.read_text()
