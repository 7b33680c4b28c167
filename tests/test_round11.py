"""Round eleven: other programs' ways of hiding text, which print here, refused at their line and seen by the check."""

from __future__ import annotations

import subprocess

import pytest

from studyguide.build.leaks import notes_in
from tests.test_round10 import _refused_at_its_line
from tests.test_round8 import _read_line

HIDDEN_ELSEWHERE = [
    '<div class="notes">Skip question two if the room is quiet.</div>',  # impress.js, some reveal.js decks
    "<section class='speaker-notes'>Skip question two if the room is quiet.</section>",
    '<p class="lead presenter-notes">Skip question two if the room is quiet.</p>',
    '<div class="facilitator">Skip question two if the room is quiet.</div>',
    "{/* Skip question two if the room is quiet. */}",  # MDX
    ".. Skip question two if the room is quiet.",  # a reStructuredText comment
    ">! Skip question two if the room is quiet. !<",  # a Reddit spoiler
    ">!Skip question two if the room is quiet.!<",
    "The answer is >!the soviet of 1905!<.",
]


@pytest.mark.parametrize("line", HIDDEN_ELSEWHERE)
def test_text_hidden_by_another_program_is_refused_and_seen_by_the_check(tmp_path, line):
    _refused_at_its_line(tmp_path, line)
    assert notes_in(f"Intro.\n\n{line}\n\nAfter.\n")[0], "the check after the build reads it as a note"


@pytest.mark.parametrize("line", [
    '<div class="footnotes">See the sources.</div>', '<div class="notes-list">See the sources.</div>',
    '<p class="keynotes">Read the article.</p>', '<section class="note">Read the article first.</section>', "... and so the strike went on.", "Wait.. what happened next?",
    "> ! Bring the article.", ">! EXAMPLE: a strike fund",  # MkDocs' own docs open an example so "`{/* a comment in MDX */}` is how MDX writes a comment.",
    ".. note:: Bring the article.",
])
def test_text_that_only_looks_like_it_prints(tmp_path, line):
    _read_line(tmp_path, line)
    assert notes_in(f"Intro.\n\n{line}\n\nAfter.\n")[0] == []


GUIDE = "---\ntitle: P\n---\n## Summary\n\nText.\n\n## Discussion questions\n\n{body}\n"


def _said(tmp_path, body: str) -> list[tuple[int | None, str]]:
    from studyguide.read.reader import read

    (tmp_path / "g.md").write_text(GUIDE.format(body=body), encoding="utf-8")
    return [(d.line, d.message) for d in read(tmp_path / "g.md").warnings]


@pytest.mark.parametrize("body", ["### 1. Why did the strike start?\n\n### 2. What did it win?",
                                  "#### Q1: Why did the strike start?\n\nSome words.",
                                  "### Why did the strike start?\n\n### What did it win?"])
def test_a_question_written_as_a_heading_is_said_at_its_line(tmp_path, body):
    said = [line for line, message in _said(tmp_path, body) if "question written as a heading" in message]
    assert said and said[0] == 10


def test_a_heading_over_questions_is_their_group_not_a_lost_question(tmp_path):
    assert not [m for _, m in _said(tmp_path, "### What happened in 1905?\n\n1. Why?\n2. How?\n\n### And after?\n\n3. When?")
                if "written as a heading" in m]


def _picture_guide(tmp_path, **pictures: tuple[str, str]) -> None:
    from PIL import Image

    for name, (kind, colour) in pictures.items():
        Image.new("RGB", (40, 40), colour).save(tmp_path / name, format=kind)
    shown = " ".join(f"![{name.split('.')[0]}]({name})" for name in pictures)
    (tmp_path / "g.md").write_text(f"---\ntitle: P\n---\n## Summary\n\n{shown}\n\n## Discussion questions\n\n1. Why?\n",
                                   encoding="utf-8")


def test_a_picture_saved_under_another_kinds_name_shows_on_the_web_page_and_in_the_epub(tmp_path):
    """A JPEG saved as map.png was drawn in the PDF and left out of the web page and the EPUB without a word."""
    import zipfile

    from tests.conftest import cli_in

    _picture_guide(tmp_path, **{"j.png": ("JPEG", "blue"), "w.png": ("WEBP", "green"), "p.jpg": ("PNG", "red")})
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "web,epub", "-j", "1")
    assert done.exit_code == 0, done.output
    page = (tmp_path / "out/g/index.html").read_text(encoding="utf-8")
    for shown in ("assets/j.png.jpg", "assets/w.png.webp", "assets/p.jpg.png"):
        assert f'src="{shown}"' in page and (tmp_path / "out/g" / shown).read_bytes()[:4] != b""
    assert "image-refused" not in page
    names = zipfile.ZipFile(tmp_path / "out/g/g.epub").namelist()
    assert {"EPUB/images/j.png.jpg", "EPUB/images/p.jpg.png"} <= set(names), names


def test_an_svg_saved_under_another_kinds_name_is_refused_at_its_line(tmp_path):
    """It was drawn in the PDF past the SVG cleaning that only .svg names get."""
    from studyguide.errors import GuideError
    from studyguide.read.reader import read

    (tmp_path / "p.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"><text y="9">Hi</text></svg>')
    (tmp_path / "g.md").write_text("---\ntitle: P\n---\n## Summary\n\n![p](p.png)\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read(tmp_path / "g.md")
    assert [(d.line, "rename it to end in .svg" in d.message) for d in raised.value.diagnostics] == [(6, True)]


# A theme's templates and stylesheets are not cleaned as a guide's HTML is; the check after the build reads what was made.
@pytest.mark.parametrize("markup", [
    "<script>fetch('/g/facilitator/g-facilitator.pdf')</script>", '<body onload="go()">', "<BODY ONLOAD=go()>",
    '<a href="jav&#x61;script:alert(1)">x</a>', '<a href=" java\tscript:x">x</a>', '<a href="vbscript:x">x</a>',
    '<meta http-equiv="Refresh" content="0;url=https://evil.example/">', '<iframe src="data:text/html,x"></iframe>',
    '<svg><animate attributeName="href" to="javascript:x"/></svg>', '<img src=x onerror=alert(1)>',
    '<div style="background:url(https://evil.example/p.png)">', "<style>@import url(https://evil.example/t.css);</style>",
    '<form action="https://evil.example/"><input></form>', '<object data="x.swf"></object>', '<base href="https://evil.example/">',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
])
def test_a_live_part_of_a_page_is_found(markup):
    from studyguide.build.nolive import live_parts

    assert live_parts(f"<html><body><p>Hi</p>{markup}</body></html>")


@pytest.mark.parametrize("markup", [
    '<img src="data:image/png;base64,AAAA" alt="dot">', '<a href="https://example.org/">x</a>', '<a href="mailto:a@b.org">x</a>',
    '<link rel="stylesheet" href="../style.css">', '<a href="#q1">x</a>', '<img src="assets/map.png" alt="map">',
    "<p>We discussed javascript: a language.</p>", '<p title="onload">x</p>', '<style>@import "fonts.css";</style>',
])
def test_what_a_page_may_hold_is_not_found(markup):
    from studyguide.build.nolive import live_parts

    assert live_parts(f"<html><body>{markup}</body></html>") == []


def test_a_theme_whose_page_runs_a_script_or_whose_css_loads_from_elsewhere_is_refused_at_its_line(tmp_path):
    from studyguide.files import TEMPLATES
    from tests.conftest import cli_in

    theme = tmp_path / "theme"
    theme.mkdir()
    page = (TEMPLATES / "page.html.j2").read_text(encoding="utf-8")
    (theme / "page.html.j2").write_text(page.replace("</body>", "<script>fetch('facilitator/')</script>\n</body>"))
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "g.md").write_text("---\ntitle: G\n---\n## Summary\n\nText.\n\n## Discussion questions\n\n1. Why?\n")
    done = cli_in(tmp_path, "build", "guides", "-o", "out", "--theme", "theme", "--editions", "web", "-j", "1")
    line = page[:page.index("</body>")].count("\n") + 1
    assert done.exit_code == 1 and f"page.html.j2:{line}: error: the web page index.html would run a script" in done.output
    assert not (tmp_path / "out/g/index.html").exists()
    (theme / "page.html.j2").unlink()
    (theme / "web.css").write_text("body { color: black }\n@import url(https://evil.example/t.css);\n")
    done = cli_in(tmp_path, "build", "guides", "-o", "out", "--theme", "theme", "--editions", "web", "-j", "1")
    assert done.exit_code == 1 and "web.css:2: error: " in done.output and "https://evil.example/t.css" in done.output
    assert not (tmp_path / "out/style.css").exists()


def test_a_paragraph_whose_widows_were_raised_twice_as_the_pages_were_made_is_said_once_in_the_markup():
    """The fuzzer's long questions: the second fix of one paragraph found a style already there, and the whole
    edition lost its measuring ('the layout could not be measured (ValueError …)') in 6 guides of 53."""
    import types
    import xml.etree.ElementTree as ET

    from studyguide.pdf.asmade import in_markup

    html = "<html><body><p>One.</p><p>Two, a long paragraph.</p></body></html>"
    root = ET.fromstring(html)
    second = list(root.iter("p"))[1]
    laid = types.SimpleNamespace(root_box=types.SimpleNamespace(element=root),
                                 made_whole=[("widows", second, 4), ("widows", second, 6)])
    assert in_markup(types.SimpleNamespace(_laid=laid), html) == \
        '<html><body><p>One.</p><p style="widows: 6">Two, a long paragraph.</p></body></html>'


MIXED = """---
title: Mixed
---
## Discussion questions

1. מעמד הפועלים: who?
   - Miners vote `land` page?
2. الثورة الصناعية debt **local** solidarity solution labour?
3. Speech reform claim?
   i. People navy `rights` picket מעמד הפועלים state vote community[^n1]?

[^n1]: Source: the strike committee minutes.
"""


def test_words_of_two_directions_around_an_element_print_in_order_on_the_handout(tmp_path):
    """The fuzzer: an English follow-up with a code span under a Hebrew question was refused as unseen (it was set
    right to left, in reverse), English words around a bold word in an Arabic question printed in reverse, and a
    footnote's call glued to a word in a mixed line was counted as a word not drawn."""
    import pypdfium2 as pdfium

    from tests.conftest import cli_in

    (tmp_path / "g.md").write_text(MIXED, encoding="utf-8")
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "questions", "-j", "1")
    assert done.exit_code == 0, done.output
    pdf = tmp_path / "out/g/g-questions.pdf"
    poppler = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    document = pdfium.PdfDocument(str(pdf))
    seen = document[0].get_textpage().get_text_range()
    document.close()
    for text in (poppler, seen):
        assert "Miners vote land page?" in text and "debt local solidarity solution labour" in text, text


def test_a_run_of_words_printed_out_of_order_is_refused_by_the_check_after_the_build(tmp_path):
    from studyguide.build.promises import check_seen
    from studyguide.errors import GuideError
    from studyguide.read.reader import read

    (tmp_path / "g.md").write_text(MIXED, encoding="utf-8")
    guide = read(tmp_path / "g.md")
    good = ("מעמד הפועלים: who?\nMiners vote land page?\n?debt local solidarity solution labour الصناعية الثورة\n"
            "Speech reform claim?\ni. People navy rights picket הפועלים מעמד state vote community1?")
    check_seen(guide, {"questions": (good, (1, 2, 3))})
    with pytest.raises(GuideError) as raised:
        check_seen(guide, {"questions": (good.replace("debt local solidarity solution labour",
                                                      "solidarity solution labour local debt"), (1, 2, 3))})
    (said,) = raised.value.diagnostics
    assert said.line == 8 and "out of order on the questions handout" in said.message


@pytest.mark.parametrize("html, held", [
    ("<li dir=\"rtl\">الثورة الصناعية debt <b>local</b> solidarity?</li>", '<span dir="ltr">debt <b>local</b> solidarity</span>?'),
    ("<p>The word <em>מעמד</em> הפועלים means class.</p>", '<span dir="rtl"><em>מעמד</em> הפועלים</span> means'),
    ("<li dir=\"rtl\">الثورة <a href='x'>debt <b>lo</a> cal</b> x</li>", None),  # tags that do not nest: left as they are
    ("<p>Plain English <b>only</b> here.</p>", None),
])
def test_a_run_of_the_other_direction_across_an_element_is_held_together(html, held):
    from studyguide.render.bidiruns import held_runs

    out = held_runs(html, "ltr")
    assert (held in out) if held else out == html


def test_a_failed_build_takes_away_earlier_files_that_hold_words_now_in_a_note_and_keeps_the_others(tmp_path):
    """The red team: one save moved a sentence into a note and named a picture not there; the build failed, and
    yesterday's participant PDF, web page and e-book still printed the sentence, without a word."""
    from tests.conftest import cli_in

    guides = tmp_path / "guides"
    guides.mkdir()
    said = "The answer to question two is Pangolinword, tell them only at the end."
    good = f"---\ntitle: Moved\n---\n## Summary\n\nThe article.\n\n{said}\n\n## Discussion questions\n\n1. Why?\n"
    (guides / "moved.md").write_text(good, encoding="utf-8")
    build = ("build", "guides", "-o", "out", "--editions", "participant,web", "-j", "1")
    assert cli_in(tmp_path, *build).exit_code == 0
    folder = tmp_path / "out/moved"
    (guides / "moved.md").write_text(good.replace("The article.", "The article. ![map](missing.png)"), encoding="utf-8")
    done = cli_in(tmp_path, *build)
    assert done.exit_code == 1 and (folder / "moved.pdf").is_file() and (folder / "index.html").is_file(), done.output
    (guides / "moved.md").write_text(good.replace(said, f"::: facilitator\n{said}\n:::\n\n![map](missing.png)"),
                                     encoding="utf-8")
    done = cli_in(tmp_path, *build)
    assert done.exit_code == 1 and "missing.png" in done.output
    assert not (folder / "moved.pdf").exists() and not (folder / "index.html").exists()
    assert "moved.pdf: warning: kept from an earlier build, taken away: it holds words that are now in a " \
           "facilitator note" in done.output


def test_a_link_to_a_file_never_becomes_the_organisers_own_path_in_a_pdf_and_the_epub_passes_its_check(tmp_path):
    """The red team: `[the leaflet](leaflet.pdf)` was laid out as a link to `file:///home/…/leaflet.pdf` in the
    participant PDF, and the e-book linked a file it lacks (epubcheck: RSC-007)."""
    import pikepdf

    from tests.conftest import cli_in

    (tmp_path / "leaflet.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "g.md").write_text("---\ntitle: L\n---\n## Summary\n\nBring [the leaflet](leaflet.pdf), see "
                                   "[last week](../week1/) and [the terms](#key-terms).\n\n## Discussion questions"
                                   "\n\n1. Why?\n", encoding="utf-8")
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "participant,epub,web", "-j", "1")
    assert done.exit_code == 0 and "g.md:6: warning: link 'leaflet.pdf' is a link to a file" in done.output
    with pikepdf.open(tmp_path / "out/g/g.pdf") as pdf:
        uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert not [uri for uri in uris if uri.startswith("file:")] and "Bring the leaflet" in \
        subprocess.run(["pdftotext", str(tmp_path / "out/g/g.pdf"), "-"], capture_output=True, text=True).stdout
    import zipfile

    text = zipfile.ZipFile(tmp_path / "out/g/g.epub").read("EPUB/text.xhtml").decode()
    assert "leaflet.pdf" not in text and "the leaflet" in text
    assert 'href="leaflet.pdf"' in (tmp_path / "out/g/index.html").read_text(encoding="utf-8")  # a page of the site


@pytest.mark.parametrize("link", ["[the notes](facilitator/g-facilitator.pdf)", "[last week](../week1.md)",
                                  "[source](guide.md#notes)", '<a href="./Facilitator/x.pdf">x</a>',
                                  "[r]: facilitator/\n\nSee [a][r]."])
def test_a_link_to_the_leaders_files_or_a_guides_source_is_refused_at_its_line(tmp_path, link):
    _refused_at_its_line(tmp_path, link)


def test_backticks_escaped_open_no_code_span_for_the_checks():
    """A fixer noticed: `\\`%%…%%\\`` passed every check that skips code spans, while Markdown prints it as text."""
    from studyguide.read.hiding import hiding_attempt

    assert hiding_attempt("Text \\`%%leader: skip part two%%\\` more", 10, "g.md")
    assert not hiding_attempt("Obsidian writes `%%a comment%%`.", 10, "g.md")


def test_the_shared_record_does_not_name_the_guides_source_and_a_deleted_guide_still_goes(tmp_path):
    """guide.json, published with the catalogue, gave the path to the Markdown source, notes and all (and the
    organiser's folder names): it is in the leader's part now, where the build still finds a deleted guide by it."""
    import json

    from tests.conftest import cli_in

    guides = tmp_path / "guides"
    guides.mkdir()
    for name in ("keep", "gone"):
        (guides / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n## Summary\n\nText.\n", encoding="utf-8")
    build = ("build", "guides", "-o", "out", "--editions", "participant", "-j", "1")
    assert cli_in(tmp_path, *build).exit_code == 0
    shared = (tmp_path / "out/keep/guide.json").read_text(encoding="utf-8")
    assert "guides/" not in shared and json.loads(shared)["source"] is None
    assert json.loads((tmp_path / "out/keep/facilitator/inputs.json").read_text())["source"].endswith("keep.md")
    (guides / "gone.md").unlink()
    assert cli_in(tmp_path, *build).exit_code == 0
    assert not (tmp_path / "out/gone").exists() and (tmp_path / "out/keep/keep.pdf").is_file()
    assert 'href="gone/' not in (tmp_path / "out/index.html").read_text(encoding="utf-8")


def test_items_in_the_order_written_after_a_jump_are_not_taken_for_glued_lines(tmp_path):
    """`7.` (a paragraph under it), `8.`, `9.`, `10.`: '9.' and '10.' were warned as lines glued under the one
    above ('9' is lost), which fails `check --strict`; a year under a question's wrapped text still is."""
    body = ("1. First?\n2. Second?\n\n7. Seventh?\n\n   Its second paragraph.\n\n8. Eighth?\n9. Ninth?\n10. Tenth?")
    assert not [m for _, m in _said(tmp_path, body) if "starts a new question here" in m]
    assert [line for line, m in _said(tmp_path, "1. What did the strike of\n1926. achieve?\n2. Next?")
            if "'1926.' starts a new question here" in m] == [11]


def test_a_note_holding_a_list_between_two_questions_reaches_the_leaders_handout(tmp_path):
    """The red team: a note of a bullet or a numbered list after its question, at the margin with blank lines,
    was dropped from the leader's handout (its words were taken for questions not in the list); a paragraph stayed."""
    from tests.conftest import cli_in

    (tmp_path / "g.md").write_text(
        "---\ntitle: Gap\n---\n## Discussion questions\n\n1. Qone public?\n\n::: facilitator\n2. Qtwo Okapiword extra?\n"
        ":::\n\n3. Qthree public?\n\n::: facilitator\n- Bullet note Emuword.\n:::\n\n4. Qfour public?\n", encoding="utf-8")
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "facilitator-handout", "-j", "1")
    assert done.exit_code == 0, done.output
    text = subprocess.run(["pdftotext", str(tmp_path / "out/g/facilitator/g-facilitator-questions.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.index("Qone") < text.index("Okapiword") < text.index("Qthree") < text.index("Emuword") < text.index("Qfour")


# Round eight of the red team: around this round's fixes.
@pytest.mark.parametrize("markup", [
    '<title><b title="</title><img src=x onerror=alert(1)>"></title>', '<textarea><b a="</textarea><img src=x onerror=1>">',
    '<noscript><p title="</noscript><img src=x onerror=1>"></noscript>', "<xmp><img src=x onerror=1></xmp>",
    "<![CDATA[ x ><img src=x onerror=1> ]]>", "<!-- x --!><img src=x onerror=1>", "<!--><img src=x onerror=1>",
    "<svg><style><img src=x onerror=1></style></svg>", '<img src="https://evil.example/pixel.gif">',
    '<link rel="stylesheet" href="https://evil.example/t.css">', '<link rel="prefetch" href="//evil.example/x">',
    '<img srcset="a.png 1x, https://evil.example/b.png 2x">', '<svg><image href="https://evil.example/i.png"/></svg>',
    '<video poster="https://evil.example/p.png"></video>', '<a ping="https://evil.example/" href="#x">x</a>',
    '<meta http-equiv="set-cookie" content="a=b">',
])
def test_what_a_browser_would_run_or_load_is_found_as_a_browser_parses_it(markup):
    from studyguide.build.nolive import live_parts

    assert live_parts(f"<html><body><p>Hi</p>{markup}</body></html>")


@pytest.mark.parametrize("css", ['@import"https://evil.example/a.css";', "a { background: \\75 rl(https://evil.example/x) }",
                                 "a { background: url(\\68ttps://evil.example/x) }",
                                 'a { background-image: image-set("https://evil.example/x.png" 1x) }',
                                 "a { background: url(/**/https://evil.example/x) }"])
def test_a_stylesheet_that_loads_from_elsewhere_is_found_however_it_is_spelt(css):
    from studyguide.build.nolive import remote_in_css

    assert remote_in_css(css)


def test_a_remote_picture_is_allowed_where_the_guide_asks_for_remote_pictures():
    from studyguide.build.nolive import live_parts

    page = '<html><body><img src="https://example.org/map.png" alt="map"></body></html>'
    assert live_parts(page) and live_parts(page, remote=True) == []


def test_a_pdf_that_links_a_file_on_this_computer_fails_its_preflight():
    import weasyprint

    from studyguide.pdf.preflight import problems
    from studyguide.read.sanitize import without_file_links

    page = '<p><a href="file:///home/ann/leaflet.pdf">a</a> <a href=leaflet.pdf>b</a> <a href="https://ok.org">c</a></p>'
    assert problems(weasyprint.HTML(string=page).write_pdf(), standard_fonts=True)
    assert problems(weasyprint.HTML(string=without_file_links(page)).write_pdf(), standard_fonts=True) == []


def test_a_link_to_the_leaders_files_that_wraps_onto_the_next_line_is_refused_at_its_line(tmp_path):
    from studyguide.errors import GuideError
    from studyguide.read.reader import read

    (tmp_path / "g.md").write_text("---\ntitle: W\n---\n## Summary\n\nRead [the leader's\nedition](facilitator/g-"
                                   "facilitator.pdf) or [the source,\nwrapped](g.md).\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read(tmp_path / "g.md")
    assert sorted(d.line for d in raised.value.diagnostics if "leads to a facilitator's file" in d.message) == [7, 8]


@pytest.mark.parametrize("line", ["Read this {/* skip question two if quiet */} now.", "{ /* skip question two if quiet */ }",
                                  "1. .. skip question two if the room is quiet"])
def test_comments_of_other_programs_written_otherwise_are_refused_and_seen(tmp_path, line):
    _refused_at_its_line(tmp_path, line)
    assert notes_in(f"Intro.\n\n{line}\n\nAfter.\n")[0]


def test_a_class_of_notes_after_a_quoted_angle_bracket_is_refused_by_check_too(tmp_path):
    _refused_at_its_line(tmp_path, '<div title="a > b" class="notes">Skip question two if quiet.</div>')


def test_an_rtl_question_that_names_a_book_in_english_builds(tmp_path):
    """PDFium reads 'Das Kapital' in a Hebrew line as 'Kapital Das': the order check had refused every such guide."""
    from tests.conftest import cli_in

    (tmp_path / "g.md").write_text("---\ntitle: T\nlang: he\n---\n## שאלות לדיון\n\n1. מה אומר Das Kapital על העבודה?\n"
                                   "2. למה The Road to Wigan Pier חשוב?\n", encoding="utf-8")
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "questions", "-j", "1")
    assert done.exit_code == 0, done.output


def test_a_bmp_tiff_or_icon_drawn_in_the_pdf_shows_on_the_web_page_as_png(tmp_path):
    from tests.conftest import cli_in

    _picture_guide(tmp_path, **{"a.bmp": ("BMP", "red"), "b.tif": ("TIFF", "blue"), "c.ico": ("ICO", "green")})
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "web", "-j", "1")
    page = (tmp_path / "out/g/index.html").read_text(encoding="utf-8")
    assert done.exit_code == 0 and "image-refused" not in page
    for name in ("a.bmp.png", "b.tif.png", "c.ico.png"):
        assert (tmp_path / "out/g/assets" / name).read_bytes().startswith(b"\x89PNG")


def test_a_failed_save_that_is_not_utf8_still_takes_away_files_holding_a_notes_words(tmp_path):
    from tests.conftest import cli_in

    said = "The answer to question two is Pangolinword, tell them only at the end."
    good = f"---\ntitle: Moved\n---\n## Summary\n\nThe article.\n\n{said}\n\n## Discussion questions\n\n1. Why?\n"
    (tmp_path / "g.md").write_text(good, encoding="utf-8")
    build = ("build", "g.md", "-o", "out", "--editions", "participant", "-j", "1")
    assert cli_in(tmp_path, *build).exit_code == 0
    (tmp_path / "g.md").write_bytes(good.replace(said, f"::: facilitator\n{said}\n:::").replace("article", "Café")
                                    .encode("cp1252"))
    done = cli_in(tmp_path, *build)
    assert done.exit_code == 1 and "not UTF-8" in done.output and not (tmp_path / "out/g/g.pdf").exists()


# Round nine of the red team.
def test_persian_with_its_zero_width_non_joiner_and_a_hyphenated_word_in_an_rtl_question_build(tmp_path):
    """Persian keyboards type U+200C inside everyday words (`می‌گوید`), which neither PDF reader gives back: every
    such guide was refused as unseen. PDFium reads `self-determination` in a Hebrew line as `determination-self`."""
    from tests.conftest import cli_in

    (tmp_path / "g.md").write_text("---\ntitle: T\nlang: fa\n---\n## پرسش‌ها\n\n1. چرا نویسنده می\u200cگوید سرمایه کار "
                                   "مرده است؟\n2. What does می\u200cگوید mean here?\n3. מה המשמעות של self-determination "
                                   "כאן?\n", encoding="utf-8")
    done = cli_in(tmp_path, "build", "g.md", "-o", "out", "--editions", "questions", "-j", "1")
    assert done.exit_code == 0, done.output


def test_a_themes_web_css_built_on_the_default_publishes_the_default_with_it(tmp_path):
    from studyguide.files import TEMPLATES
    from studyguide.render.html import published_css

    (tmp_path / "web.css").write_text("@import url(defaults/web.css);\nbody { color: #333 }\n")
    css = published_css("web.css", tmp_path).decode()
    assert "defaults/" not in css and (TEMPLATES / "web.css").read_text(encoding="utf-8") in css and "#333" in css
