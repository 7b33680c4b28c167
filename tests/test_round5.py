"""A red team's fifth round: labels spelt to slip past the reader (generated), words past the
page's edge, a tab after a list marker, a picture outside the guide's folder. The refusals of
single spellings are in the corpus (tests/corpus.py, round five)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.read.hiding import hiding_attempt, leader_value

from .conftest import build_one, write

LOOKS = {"a": "а", "c": "с", "e": "е", "o": "о", "i": "і", "p": "р"}  # Cyrillic letters that look Latin


@st.composite
def disguised(draw, word: str) -> str:
    """`word` as someone hiding it from a filter types it: a letter at a time full-width, as a
    character reference, as a look-alike of another script, in another case, or after a soft hyphen."""
    out = []
    for index, letter in enumerate(word):
        how = draw(st.sampled_from(["plain", "upper", "wide", "entity", "hex", "looks", "shy"]))
        if how == "upper":
            letter = letter.upper()
        elif how == "wide":
            letter = chr(ord(letter) - 0x20 + 0xFF00) if letter.isascii() and letter.isalpha() else letter
        elif how == "entity":
            letter = f"&#{ord(letter)};"
        elif how == "hex":
            letter = f"&#x{ord(letter):x};"
        elif how == "looks":
            letter = LOOKS.get(letter, letter)
        elif how == "shy" and index:
            letter = draw(st.sampled_from(["&shy;", "\u00ad", "\u200b"])) + letter
        out.append(letter)
    return "".join(out)


LINES = st.sampled_from([
    "{role} notes: the answer is in paragraph four.",
    "### {role} notes",
    "**{role} notes:** the answer is in paragraph four.",
    "(Only for the {role}: the answer is in paragraph four.)",
    "> {role} notes: the answer is in paragraph four.",
    '<span title="{role} only: the answer is in paragraph four">see</span>',
])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_label_spelt_to_slip_past_is_refused(data) -> None:
    role = data.draw(disguised(data.draw(st.sampled_from(["facilitator", "moderator", "tutor"]))))
    line = data.draw(LINES).format(role=role)
    said = hiding_attempt(line, 7, "g.md")
    assert said and said[0].level == "error", (line, said)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_front_matter_value_spelt_to_slip_past_is_refused(data) -> None:
    role = data.draw(disguised("facilitator"))
    value = data.draw(st.sampled_from(["{r} notes: read pages 3-4 first", "({r} only: skip part two)",
                                       "Notes for the {r}"])).format(r=role)
    assert leader_value(value), value


# What organisers write about leaders, organisers and answers (a second red team's): printed as written.
ORDINARY = [
    "Trotsky—the leader who armed the workers' movement", "Leaders of the 1917 revolution", "Moderation in all things",
    "Notes on the text", "The organisers (leaders of the union) met", "Unite branch 42, facilitated by Ann",
    "https://example.org/facilitator-notes", "Ведущие историки", "主持人的话题",
    "The Miners' Federation (leader: A. J. Cook) refused.", "- **Mary Macarthur (organiser)**: founded the NFWW",
    "### Mary Macarthur (organiser)", "## Why the leaders only called off the strike", "## The strike leaders' notes of 12 May",
    "## Lenin's notes to the union leaders", "## Teacher's notes from Ruskin College, 1909", "## Ten tips for organisers",
    "## Guidance for the chair of a branch meeting", "## Facilitation", "## Facilitation tips for new reps",
    "## Notes for young organisers (1911 pamphlet)", "## Tutors", "## Moderators", "## Three possible answers to the housing crisis",
    "## Model answers to the exam?", "## The answer key to the crisis", "**Sample answers from the 1926 survey:** 40 % said",
    "## Der Kampf für die Leitung der Partei", "## Ein Handbuch für Moderatoren im Fernsehen",
    "## Un budget pour l'animation du quartier", "## Une formation pour les animateurs syndicaux",
    "## Les postes réservés aux animateurs de colonies", "## Formación para los coordinadores sindicales",
    "## Notas para a moderação salarial", "## Uma carta para o moderador do fórum", "# possible answers: count the votes",
    '<a href="https://example.org/article?id=strike-leaders-1926">the report</a>', '<p class="tutorial-link">x</p>',
    '<p class="moderate">x</p>', '<section id="strike-leaders">', "![Leaders, 1926: Cook and Smith](photo.png)",
    "![Organisers' meeting in Hyde Park](photo.png)", "| 1 | Tutor: Ann Smith |", "Use `printf(\"%%d\")` to print it.",
    '<span title="General Secretary (leader)">GS</span>', "*[TUC]: Trades Union Congress",
    "See [the leaders of the strike](https://example.org) for more.", "[the TUC](https://www.tuc.org.uk)",
    "<figure><figcaption>The strike leaders at Hyde Park, May 1926, photographed by the Daily Herald</figcaption></figure>",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_what_only_mentions_who_leads_is_printed(text: str) -> None:
    assert not [d for d in hiding_attempt(text, 7, "g.md") if d.level == "error"]


@pytest.mark.parametrize("text", ["Why the leaders only called off the strike", "Leaders: Myth and Reality",
                                  "Adult education class (tutor: Ann Smith)", "Unite young organisers", "Leader: Ann Smith",
                                  "Tips for organisers, from 1889 to today", "Possible answers to the housing crisis",
                                  "Notes for a discussion", "Leaders' forum"])
def test_front_matter_that_only_mentions_who_leads_is_printed(text: str) -> None:
    assert not leader_value(text)


# Labels the second red team found printed, in other words and languages, however typed: refused.
LABELLED = [
    "## Note per il facilitatore", "## Solo per chi conduce", "## Aantekeningen voor de gespreksleider",
    "## Alleen voor de begeleider", "## Notatki dla prowadzącego", "## Tylko dla prowadzącej", "## Нотатки для ведучого",
    "## Musterlösungen", "## Lösungshinweise für die Teamer", "## Nur für die Referentin", "## Pistes de réponse",
    "## Notes pour le formateur", "## Corrigé", "## Respuestas sugeridas", "## Notas para el docente", "## Gabarito",
    "## Notas para o professor", "## Примечания для преподавателя", "## Convenor's notes for week 3",
    "## Chair's notes for tonight", "## Instructor notes on chapter 2", "## Not for participants",
    "## Don't show the group", "Facilitator notes — if the group is quiet, start with question 3.",
    "Facilitator notes. If the group is quiet, start with question 3.", "## Fa\u0301cilitator notes",
    "## Fᴀᴄɪʟɪᴛᴀᴛᴏʀ ɴᴏᴛᴇs", "## \u202esetoN rotatilicaF\u202c",
    '<img src="photo.png" alt="Facilitator notes: start with question 3">',
    '<div aria-label="Facilitator notes: start with question 3">x</div>', '<div class="leader-notes">x</div>',
    "[Notes for the facilitator, start at q3](https://example.org/)", ".. FACILITATOR notes",
    '[hint](https://example.org "Facilitator: start at question 3")',
    "<details><summary>Notes for the facilitator, please do not read these aloud to the group tonight</summary>x</details>",
    "<figure><figcaption>For the facilitator only — the group should not see this; ask about the betrayal first"
    "</figcaption></figure>",
]


@pytest.mark.parametrize("text", LABELLED)
def test_a_label_in_other_words_is_refused(text: str) -> None:
    said = hiding_attempt(text, 7, "g.md")
    assert said and said[0].level == "error", said


def test_words_past_the_page_edge_are_found() -> None:
    from weasyprint import HTML

    from studyguide.pdf.measure import off_edge_notices, pages

    words = " ".join(f"word{n}" for n in range(60))
    wide = HTML(string=f'<p style="white-space: nowrap">{words}</p><p>{words}</p>').render()
    facts = pages(wide)
    assert facts[0].off_edge.startswith("word0") and off_edge_notices(facts)[0].startswith("page 1: 'word0")
    assert pages(HTML(string=f"<p>{words}</p>").render())[0].off_edge == ""


def poppler(path: Path, *area: int) -> str:
    """Letters and digits only (a cell's long word breaks anywhere); `area`: x, y, width, height in points."""
    crop = [flag for flag, value in zip(("-x", "-y", "-W", "-H"), area) for flag in (flag, str(value))]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return "".join(c for c in text if c.isalnum())


WIDE = """
    ---
    title: Wide
    ---
    ## Summary

    Text.

    ## Discussion questions

    1. A table question?

        | Column one heading text | Column two heading text | Column three heading text | Column four VVVVVVVVV |
        |---|---|---|---|
        | XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX | ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ | JJJJJJJJJJJJJJJJJJJJJJ | KKKKKKKKKKKKKK |
    2. Another?
    """


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="poppler-utils is not installed")
def test_a_wide_table_under_a_question_is_printed_whole(tmp_path: Path) -> None:
    """Poppler reads only what lies on the page: every letter of every column is there, on the guide and
    on both handouts (each copy of the 2-up sheet)."""
    write(tmp_path, {"wide.md": WIDE})
    result = build_one(tmp_path / "wide.md", tmp_path / "out", editions=("participant", "questions"))
    assert result.ok and not result.warnings, (result.errors, result.warnings)
    made = sorted((tmp_path / "out/wide").glob("*.pdf"))
    assert len(made) == 3
    for pdf in made:
        halves = [(0, 0, 421, 595), (421, 0, 421, 595)] if pdf.name.endswith("-2up.pdf") else [()]  # A4 across
        for half in halves:
            text = poppler(pdf, *half)  # each cell's letters, however its words were broken
            assert [text.count(c) for c in "VXZJK"] == [9, 34, 43, 22, 14], (pdf.name, half, text)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyguide.cli.main", *args], cwd=cwd, capture_output=True, text=True)


def test_a_tab_after_a_list_marker_is_a_marker(tmp_path: Path) -> None:
    from studyguide.read.reader import read

    write(tmp_path, {"g.md": "---\ntitle: Tabs\n---\n\n## Discussion questions\n\n1.  First?\n2.\tSecond?\n3. Third?\n"
                             "    -\tA follow-up?\n"})
    guide = read(tmp_path / "g.md")
    assert [(q.number, q.text, q.followups) for q in guide.questions] == [
        (1, "First?", ()), (2, "Second?", ()), (3, "Third?", ("A follow-up?",))]
    checked = cli("check", "g.md", cwd=tmp_path)
    assert checked.returncode == 0 and "warning" not in checked.stderr, checked.stderr


def test_a_picture_outside_the_folder_is_refused_by_check_and_build_at_its_line(tmp_path: Path) -> None:
    write(tmp_path, {"outside/secret.png": b"\x89PNG\r\n\x1a\n",
                     "guides/g/guide.md": "---\ntitle: P\n---\n\n## Summary\n\n![a](../../outside/secret.png)\n\n"
                                          "## Discussion questions\n\n1. What?\n"})
    for command in (["check", "guides/g/guide.md"], ["build", "guides/g/guide.md", "-o", "out"]):
        done = cli(*command, cwd=tmp_path)
        assert done.returncode == 1 and "guides/g/guide.md:7: error: the image '../../outside/secret.png' is outside " \
                                       "the guide's folder" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "out/g").exists()


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="poppler-utils is not installed")
def test_a_cluster_drawn_with_several_glyphs_reads_whole_in_both_engines(tmp_path: Path) -> None:
    """A Devanagari conjunct and a consonant with its vowel sign are drawn with more glyphs than
    letters: PDFium must not read the extra glyph's number as a letter ("श्रɚमिक"), nor Poppler a space."""
    import pypdfium2 as pdfium

    from studyguide.render.fonts import has_font
    from studyguide.render.scripts import script_of

    if not has_font(script_of("श")):
        pytest.skip("no Devanagari font on this machine")
    write(tmp_path, {"g.md": "---\ntitle: Words\nlang: hi\n---\n\n## Summary\n\nश्रमिक और क्षत्रिय।\n\n"
                             "## Discussion questions\n\n1. श्रमिक कौन है?\n"})
    result = build_one(tmp_path / "g.md", tmp_path / "out", editions=("participant",))
    assert result.ok, result.errors
    pdf = tmp_path / "out/g/g.pdf"
    document = pdfium.PdfDocument(pdf)
    engines = {"PDFium": " ".join(page.get_textpage().get_text_range() for page in document),
               "Poppler": subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                         check=True).stdout}
    document.close()
    for engine, text in engines.items():
        read = text.replace("\u034f", "")  # what the extra glyphs read as: a joiner that prints as nothing
        assert "श्रमिक" in read and "क्षत्रिय" in read, (engine, text)
        assert not [c for c in read if c.isalpha() and c.isascii() is False and not "\u0900" <= c <= "\u097f"], engine


SENTENCE = "the workers of the town organised again and again, meeting in halls and kitchens to plan what came next."


@pytest.mark.parametrize("container", ['class="article-body"', 'class="entry-content"', 'itemprop="articleBody"',
                                       'class="article-body collapsed"', 'class="post-content" id="content"'])
@pytest.mark.parametrize("lead,tail", [(1, 0), (2, 2), (3, 1)])
def test_an_article_keeps_the_paragraphs_around_its_body(tmp_path: Path, container: str, lead: int, tail: int) -> None:
    """A news page's opening paragraphs (its argument, often) stand in the <article> before the
    container that holds the rest: the reading keeps them, in order. What stands after it may be
    another article or a box of links: each such paragraph is kept or named in a warning."""
    from studyguide.importer.run import import_source

    paragraphs = ([f"Opening {n}: {SENTENCE}" for n in range(lead)] + [f"Body {n}: {SENTENCE}" for n in range(8)]
                  + [f"Closing {n}: {SENTENCE}" for n in range(tail)])
    body = "".join(f"<p>{p}</p>" for p in paragraphs[lead:lead + 8])
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Strike story | Paper</title></head><body>"
            "<nav><a href='/'>Home</a></nav><main><article><h1>Strike story</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs[:lead]) + f"<div {container}>{body}</div>"
            + "".join(f"<p>{p}</p>" for p in paragraphs[lead + 8:]) + "</article></main><footer>© Paper</footer></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    article, _, _ = import_source(tmp_path / "page.html", tmp_path / "guides", slug="story")
    reading = " ".join((tmp_path / "guides/story/reading.md").read_text(encoding="utf-8").split())
    at = 0
    for paragraph in paragraphs[:lead + 8]:
        found = reading.find(paragraph.split(":")[0] + ":", at)
        assert found >= 0, (paragraph, reading)
        at = found
    said = " ".join(article.warnings)
    for paragraph in paragraphs[lead + 8:]:
        assert paragraph.split(":")[0] + ":" in reading or paragraph[:40] in said, (paragraph, said)


def test_svg_figures_come_with_their_captions(tmp_path: Path) -> None:
    """A chart saved as SVG beside the page, and one written into it (data:), are figures like any."""
    import base64

    from studyguide.importer.run import import_source

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    inline = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    text = "".join(f"<p>Paragraph {n}: {SENTENCE}</p>" for n in range(6))
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Chart story</title></head><body><main>"
            f"<article><h1>Chart story</h1>{text}<figure><img src='page_files/chart.svg' alt='bar chart of strikes'>"
            f"<figcaption>Days lost to strikes, 1970-1975</figcaption></figure>{text}<figure><img src='{inline}' "
            "alt='inline chart'><figcaption>Members by year</figcaption></figure>" + text + "</article></main></body></html>")
    write(tmp_path, {"page.html": page, "page_files/chart.svg": svg})
    import_source(tmp_path / "page.html", tmp_path / "guides", slug="chart")
    reading = (tmp_path / "guides/chart/reading.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[([^\]]*)\]\((images/[^)]+\.svg)\)", reading)
    assert [alt for alt, _ in pictures] == ["bar chart of strikes", "inline chart"], reading
    assert "Days lost to strikes, 1970-1975" in reading and "Members by year" in reading
    assert all((tmp_path / "guides/chart" / target).is_file() for _, target in pictures)
