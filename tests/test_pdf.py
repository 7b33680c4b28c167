"""End to end: real guides through the real WeasyPrint, the PDFs read back with pypdf and pdfium."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from .conftest import A5, HALF_LETTER, build_one, folded, pdf_text, write

RICH = """
---
title: Reading Together
subtitle: A test of every convention
authors: [Ann Organiser, Bob Leader]
date: 2024-03-08
lang: en
group: Test group
duration: 90 minutes
reading:
  title: The Article
  author: A. Writer
  publication: The Paper
  issue: "99"
  url: https://example.org/a/very/long/address/that/must/wrap/inside/the/text/block/without/overflowing/anything
tags: [alpha, beta]
license: CC BY-SA 4.0
---
An opening paragraph with a footnote.[^one] Averyveryverylongwordwithoutanyhyphenationpointswhatsoeverthatmustbebrokensomewhere.

## Summary

{summary}

## Key terms

Soviet
: A council of elected delegates.

## Session 1: Beginnings

::: facilitator
FACILITATOR-ONLY: spend twenty minutes here.
:::

### Discussion questions

1. First question about the beginnings?
    - A follow-up to the first
2. Second question about the middle?

## Session 2: Endings

### Discussion questions

3. Third question about the end?
4. Fourth question, the last one?

[^one]: The footnote text, at the foot of the page.
"""


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    root = tmp_path_factory.mktemp("rich")
    summary = "\n\n".join(f"Paragraph {n} of the summary, long enough to fill some lines of the page and to push "
                          "later sections onto later pages so that page numbers matter." for n in range(12))
    write(root, {"guides/rich.md": RICH.replace("{summary}", summary)})
    result = build_one(root / "guides/rich.md", root / "build")
    assert result.ok, result.errors
    return root / "build/rich", result


def reader(folder, name):
    return PdfReader(folder / name)


def test_builds_without_warnings_and_names_its_outputs(rich):
    folder, result = rich
    assert result.warnings == []
    names = sorted(p.name for p in result.files)
    for wanted in ("rich.pdf", "rich-facilitator.pdf", "rich-booklet.pdf", "rich-questions.pdf"):
        assert wanted in names
    assert (folder.parent / "index.html").is_file()


def test_pages_are_a5(rich):
    folder, _ = rich
    for page in reader(folder, "rich.pdf").pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A5, abs=0.5)


def test_questions_in_order_and_facilitator_only_in_its_edition(rich):
    folder, _ = rich
    participant = folded(" ".join(pdf_text(folder / "rich.pdf")))
    facilitator = folded(" ".join(pdf_text(folder / "facilitator/rich-facilitator.pdf")))
    questions = ["First question about the beginnings?", "A follow-up to the first",
                 "Second question about the middle?", "Third question about the end?",
                 "Fourth question, the last one?"]
    for text in (participant, facilitator):
        positions = [text.find(q) for q in questions]
        assert -1 not in positions and positions == sorted(positions), positions
    assert "FACILITATOR-ONLY" in facilitator
    assert "FACILITATOR-ONLY" not in participant
    handout = folded(" ".join(pdf_text(folder / "rich-questions.pdf")))
    assert "FACILITATOR-ONLY" not in handout and "Fourth question, the last one?" in handout


def first_box(textpage, needle):
    searcher = textpage.search(needle)
    hit = searcher.get_next()
    return textpage.get_charbox(hit[0]) if hit else None


def test_question_numbers_run_on_through_the_guide(rich):
    folder, _ = rich
    for page in pdfium.PdfDocument(folder / "rich.pdf"):
        textpage = page.get_textpage()
        question = first_box(textpage, "Third question")
        if question is None:
            continue
        number = first_box(textpage, "3.")
        assert number is not None
        assert abs(number[1] - question[1]) < 2 and number[2] < question[0]  # "3." on its line, before it
        return
    pytest.fail("question 3 not found")


def test_contents_page_numbers_match_headings_and_outline(rich):
    folder, _ = rich
    pdf = reader(folder, "rich.pdf")
    pages = pdf_text(folder / "rich.pdf")
    outline = [(item.title, pdf.get_destination_page_number(item) + 1) for item in pdf.outline]
    assert [title for title, _ in outline] == ["Summary", "Key terms", "Session 1: Beginnings", "Session 2: Endings"]
    contents = next(text for text in pages if text.startswith("Contents"))
    for title, page in outline:
        match = re.search(re.escape(title) + r"[ .]*?(\d+)", contents)
        assert match, (title, contents)
        assert int(match.group(1)) == page, (title, match.group(1), page)
        assert title in pages[page - 1]  # the heading does land on that page
    assert outline[-1][1] > outline[0][1]  # the guide really spans pages


def test_metadata(rich):
    folder, _ = rich
    pdf = reader(folder, "rich.pdf")
    info = pdf.metadata
    assert info.title == "Reading Together"
    assert info.author == "Ann Organiser, Bob Leader" or info.author.startswith("Ann Organiser")
    assert "The Article" in info.subject and "The Paper" in info.subject
    assert info["/Keywords"] == "alpha, beta"
    assert info["/CreationDate"].startswith("D:20240308")
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def fonts_of(pdf: PdfReader):
    seen = {}
    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            seen[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))
    for page in pdf.pages:
        walk(page.get("/Resources"))
    return seen


@pytest.mark.parametrize("name", ["rich.pdf", "facilitator/rich-facilitator.pdf", "rich-questions.pdf", "rich-booklet.pdf"])
def test_every_font_embedded_subset_and_ours(rich, name):
    folder, _ = rich
    fonts = fonts_of(reader(folder, name))
    assert fonts
    for base, font in fonts.items():
        assert re.match(r"/[A-Z]{6}\+SG-(Serif|Sans)", base), base  # subset tag + a bundled face
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), base


def test_no_text_outside_the_page(rich):
    folder, _ = rich
    for name in ("rich.pdf", "facilitator/rich-facilitator.pdf"):
        document = pdfium.PdfDocument(folder / name)
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(i)
                if right - left <= 0:  # spaces and line ends have no box
                    continue
                assert -0.5 <= left and right <= width + 0.5 and -0.5 <= bottom and top <= height + 0.5, (name, i)


def test_footnote_sits_at_the_foot_of_its_page(rich):
    folder, _ = rich
    document = pdfium.PdfDocument(folder / "rich.pdf")
    for page in document:
        text = page.get_textpage()
        found = text.search("The footnote text")
        hit = found.get_next()
        if hit:
            left, bottom, right, top = text.get_charbox(hit[0])
            assert top < page.get_size()[1] * 0.3  # in the bottom part, not after the paragraph
            return
    pytest.fail("footnote text not found")


def test_letter_paper_gives_half_letter_pages(tmp_path):
    write(tmp_path, {"g.md": """
        ---
        title: Letter guide
        paper: letter
        ---
        ## Discussion questions

        1. Only question?
        """})
    result = build_one(tmp_path / "g.md", tmp_path / "out")
    assert result.ok and result.warnings == []
    for page in PdfReader(tmp_path / "out/g/g.pdf").pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(HALF_LETTER, abs=0.5)
    sheet = PdfReader(tmp_path / "out/g/g-booklet.pdf").pages[0]
    assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx((792, 612), abs=0.5)
    handout = PdfReader(tmp_path / "out/g/g-questions.pdf").pages[0]
    assert (float(handout.mediabox.width), float(handout.mediabox.height)) == pytest.approx((612, 792), abs=0.5)


def test_title_and_questions_only(tmp_path):
    write(tmp_path, {"g.md": """
        ---
        title: Bare
        ---
        ## Discussion questions

        1. Is a bare guide enough?
        2. What would you add?
        """})
    result = build_one(tmp_path / "g.md", tmp_path / "out")
    assert result.ok and result.warnings == []
    assert "What would you add?" in " ".join(pdf_text(tmp_path / "out/g/g.pdf"))
    assert "Is a bare guide enough?" in " ".join(pdf_text(tmp_path / "out/g/g-questions.pdf"))


def test_cyrillic_and_greek_set_in_bundled_fonts(tmp_path):
    write(tmp_path, {"g.md": """
        ---
        title: Революция и демократия
        lang: ru
        ---
        Текст на русском языке: «Вся власть Советам!» и немного греческого: Η δημοκρατία είναι η εξουσία του λαού.

        ## Вопросы для обсуждения {.questions}

        1. Что такое совет?
        2. Τι είναι η δημοκρατία;
        """})
    result = build_one(tmp_path / "g.md", tmp_path / "out")
    assert result.ok and result.warnings == []
    text = " ".join(pdf_text(tmp_path / "out/g/g.pdf"))
    for phrase in ("Революция и демократия", "Вся власть Советам!", "Η δημοκρατία είναι η εξουσία του λαού", "Что такое совет?", "Τι είναι η δημοκρατία;"):
        assert phrase in text, phrase
    assert "«Вся" in text  # Russian quotation marks
    fonts = fonts_of(PdfReader(tmp_path / "out/g/g.pdf"))
    assert all("+SG-" in name for name in fonts), fonts  # no fallback to a machine's fonts
    assert PdfReader(tmp_path / "out/g/g.pdf").trailer["/Root"]["/Lang"] == "ru"
