"""Typesetting, measured in the PDF: footnotes on their call's page, whole words
across pages, real italics, handouts whose writing space is measured, large print
at 16 pt and over, page breaks that leave no near-empty page, quotes by language."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from studyguide.build.run import Settings, build
from studyguide.pdf.handout import FLOOR_MM
from tests.conftest import folded, pdf_text, write

GUIDES = Path(__file__).resolve().parent.parent / "guides"
PT_MM = 25.4 / 72
NO_QUESTIONS = "no discussion questions"  # guides written to test type, not talk: the reader says so


def built(tmp_path: Path, name: str, text: str, *editions: str):
    write(tmp_path, {f"{name}.md": text})
    [result] = build([tmp_path / f"{name}.md"], Settings(out=tmp_path / "out", jobs=1,
                                                         editions=editions or ("participant",)))
    assert result.ok, result.errors
    return result, tmp_path / "out" / name


# --- measuring the PDF -------------------------------------------------------


_OPEN: dict = {}


def text_pages(path: Path) -> list[tuple[float, object]]:
    """(height, text page) for each page, opened once per file."""
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _OPEN:
        document = pdfium.PdfDocument(path)
        _OPEN[key] = (document, [(page.get_size()[1], page.get_textpage()) for page in document])
    return _OPEN[key][1]


def find(path: Path, needle: str) -> tuple[int, float, float]:
    """(page from 1, top, bottom) in mm from the top of the page, where `needle` is printed."""
    for number, (height, textpage) in enumerate(text_pages(path), start=1):
        hit = textpage.search(needle).get_next()
        if hit:
            boxes = [textpage.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
            return number, (height - max(b[3] for b in boxes)) * PT_MM, (height - min(b[1] for b in boxes)) * PT_MM
    raise AssertionError(f"not printed: {needle!r}")


def sizes(path: Path) -> set[float]:
    """Every character's size in pt (WeasyPrint sets text in px under a 0.75 scale)."""
    found = set()
    for page in pdfium.PdfDocument(path):
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            if not textpage.get_text_range(i, 1).strip():
                continue
            found.add(round(raw.FPDFText_GetFontSize(textpage.raw, i) * 0.75, 1))
    return found


def font_of(textpage, index: int) -> str:
    """The name of the font a character is drawn in (pdfium)."""
    import ctypes

    size = raw.FPDFText_GetFontInfo(textpage.raw, index, None, 0, None)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, size, None)
    return buffer.value.decode()


def fonts(path: Path) -> dict[str, float]:
    """Each embedded font's name (subset tag dropped) -> the italic angle of the font file itself."""
    found = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]).get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            found[str(font["/BaseFont"]).split("+")[-1]] = TTFont(io.BytesIO(data))["post"].italicAngle
    return found


# --- footnotes -------------------------------------------------------------


def notes_guide(count: int) -> str:
    filler = "The council of delegates met in the workshop and argued over the strike fund. " * 7
    parts = ["---", "title: Many notes", "---", ""]
    for n in range(1, count + 1):
        parts += [f"{filler} Callword{n} ends here.[^n{n}]", ""]
    for n in range(1, count + 1):
        long = " A longer note that runs to two lines or more on the page." * (n % 3)
        parts += [f"[^n{n}]: Noteword{n} first set out (1906)", f"    and defended at length.{long}", ""]
    return "\n".join(parts)


def test_every_note_is_on_the_page_of_its_call(tmp_path):
    result, out = built(tmp_path, "notes", notes_guide(14), "participant", "large-print")
    assert [w.message for w in result.warnings if not w.message.startswith(NO_QUESTIONS)] == []  # no footnote left away from its call
    for pdf in (out / "notes.pdf", out / "notes-large-print.pdf"):
        pairs = [(find(pdf, f"Callword{n} ")[0], find(pdf, f"Noteword{n} ")[0]) for n in range(1, 15)]
        assert all(call == note for call, note in pairs), (pdf.name, pairs)
        assert pairs[-1][0] > 2  # the notes run over several pages
    # a note written over two source lines is one run of text: no break after "(1906)"
    _, top, bottom = find(out / "notes.pdf", "Noteword3 first set out (1906) and defended at length.")
    assert bottom - top < 3.5, bottom - top  # one line of a 7.5 pt note (two lines would span ~6 mm)


def test_trotsky_note_sits_with_its_call_in_every_edition(tmp_path):
    [result] = build([GUIDES / "trotsky-armed-the-workers.md"], Settings(out=tmp_path, jobs=1,
                     editions=("participant", "facilitator", "large-print")))
    assert result.ok and result.warnings == []
    for name in ("", "-facilitator", "-large-print"):
        pdf = next((tmp_path / "trotsky-armed-the-workers").rglob(f"trotsky-armed-the-workers{name}.pdf"))
        call = find(pdf, "spread internationally")[0]
        note = find(pdf, "Trotsky first set out the argument")[0]
        assert call == note, (name, call, note)
    # the italic titles in tables and notes are real italics, not a slanted upright
    names = fonts(tmp_path / "trotsky-armed-the-workers/trotsky-armed-the-workers.pdf")
    assert "SG-Sans-Italic" in names and not any("Oblique" in n for n in names), names
    assert all((angle != 0) == ("Italic" in name) for name, angle in names.items()), names


# --- hyphenation -------------------------------------------------------------


def test_no_word_is_split_across_pages_and_none_in_headings_contents_cover_or_questions(tmp_path):
    long_words = "internationalisation counterrevolutionary incomprehensibility representatives "
    text = ["---", f"title: Extraordinary {long_words}", f"subtitle: {long_words * 2}", "---", ""]
    for s in range(1, 4):
        text += [f"## Session {s}: {long_words}", ""]
        text += [("Organisational " + long_words * 3 + "understanding. ") * 3 + "\n" for _ in range(6)]
        text += ["### Discussion questions", "", f"1. Why were the {long_words * 3} so {long_words}?", ""]
    result, out = built(tmp_path, "hy", "\n".join(text), "participant", "questions")
    pages = pdf_text(out / "hy.pdf")
    for before, after in zip(pages, pages[1:]):
        assert not before.rstrip().endswith(("\u2010", "-")), before[-60:]
    # no hyphen drawn on the cover, the contents, the headings, or any handout
    assert "\u2010" not in pages[0] + pages[1]
    for handout in ("hy-questions.pdf", "hy-questions-2up.pdf"):
        assert "\u2010" not in " ".join(pdf_text(out / handout))
    assert "\u2010" in " ".join(pages)  # the body itself is still hyphenated


# --- handouts ----------------------------------------------------------------


def questions_guide(count: int, sessions: int = 1) -> str:
    lines = ["---", f"title: {count} questions", "date: 2026-11-26", "---"]
    per = count // sessions
    for s in range(sessions):
        lines += ["", f"## Session {s + 1}", "", "### Discussion questions", ""]
        for n in range(per):
            number = s * per + n + 1
            lines.append(f"{n + 1}. Question {number} asks what the reading says about topic {number}?")
    return "\n".join(lines) + "\n"


def gaps(pdf: Path, count: int) -> dict[int, tuple[int, float]]:
    """Question -> (page, mm of writing space below it: to the next question, or to the page's foot)."""
    places = {n: find(pdf, f"Question {n} asks") for n in range(1, count + 1)}
    ends = {n: find(pdf, f"topic {n}?") for n in range(1, count + 1)}
    out = {}
    for n in range(1, count + 1):
        page, _, bottom = ends[n]
        following = places.get(n + 1)
        foot = 297 - 14 if following is None or following[0] != page else following[1]
        out[n] = (page, foot - bottom)
    return out


def test_handout_space_is_measured_and_shared(tmp_path):
    _, out = built(tmp_path, "three", questions_guide(3), "questions")
    pdf = out / "three-questions.pdf"
    assert len(PdfReader(pdf).pages) == 1
    space = gaps(pdf, 3)
    # three questions share the page: each gets about a third of what is free, none is capped
    assert all(mm > 60 for _, mm in space.values()), space
    assert max(mm for _, mm in space.values()) - min(mm for _, mm in space.values()) < 3, space
    two_up = PdfReader(out / "three-questions-2up.pdf")
    assert len(two_up.pages) == 1
    content = two_up.pages[0].get_contents().get_data()
    assert b"[4 3] 0 d" in content  # the dashed cut line


def test_trotsky_handouts_fit_and_give_room_to_write(tmp_path):
    [result] = build([GUIDES / "trotsky-armed-the-workers.md"], Settings(out=tmp_path, jobs=1, editions=("questions",)))
    assert result.ok and result.warnings == []
    one = tmp_path / "trotsky-armed-the-workers/trotsky-armed-the-workers-questions.pdf"
    assert len(PdfReader(one).pages) == 1
    two = PdfReader(tmp_path / "trotsky-armed-the-workers/trotsky-armed-the-workers-questions-2up.pdf")
    assert len(two.pages) == 1  # question 12 no longer spills onto a second sheet
    # the last question's writing space runs to the foot of the page: nothing left unused
    number, _, bottom = find(one, "would you say?")
    assert 297 - 14 - bottom < 25 and number == 1
    # fourteen questions in four sessions: the A5 copy is set a size smaller and fits its page, 2-up
    [result] = build([GUIDES / "communist-manifesto"], Settings(out=tmp_path, jobs=1, editions=("questions",)))
    assert result.ok and result.warnings == []
    two = PdfReader(tmp_path / "communist-manifesto/communist-manifesto-questions-2up.pdf")
    assert len(two.pages) == 1 and b"[4 3] 0 d" in two.pages[0].get_contents().get_data()


def test_sixty_questions_keep_the_last_with_the_others(tmp_path):
    result, out = built(tmp_path, "sixty", questions_guide(60, sessions=3), "questions")
    pdf = out / "sixty-questions.pdf"
    space = gaps(pdf, 60)
    pages = [p for p, _ in space.values()]
    assert pages.count(pages[-1]) >= 2  # question 60 is not alone on its page
    assert min(mm for _, mm in space.values()) >= FLOOR_MM - 3, space  # ~10 mm each (less the rule and margin)
    assert any("(1-up)" in w.message for w in result.warnings)  # the A5 copy cannot hold 60: it says so
    two = PdfReader(out / "sixty-questions-2up.pdf")
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in two.pages)


# --- large print -------------------------------------------------------------


def test_large_print_sets_every_text_at_16_pt_or_more_and_keeps_terms_with_definitions(tmp_path):
    terms = "\n".join(f"Termword{n}\n: Defword{n} " + "a long definition of the term that runs on. " * 6 + "\n"
                      for n in range(1, 16))
    text = f"""---
title: Large
authors: [A guide writer]
---
Intro.[^a]

| Year | Event |
|---|---|
| 1905 | *Iskra* and a table cell |

## Key terms

{terms}
[^a]: A note.
"""
    _, out = built(tmp_path, "large", text, "large-print")
    pdf = out / "large-large-print.pdf"
    assert min(sizes(pdf)) >= 16.0, sorted(sizes(pdf))
    for n in range(1, 16):
        assert find(pdf, f"Termword{n}")[0] == find(pdf, f"Defword{n}")[0], n


def test_a_long_cover_stays_on_one_page_in_large_print(tmp_path):
    title = "The revolution betrayed: what is the Soviet Union and where is it going, " * 2
    text = f"""---
title: "{title}"
short_title: The revolution betrayed
subtitle: "{title}"
authors: [First Author, Second Author, Third Author]
group: The Thursday evening reading group of the branch
duration: 90 minutes
date: 2026-11-26
reading:
  - {{title: "{title}", author: Leon Trotsky, publication: Pathfinder, pages: "12-40"}}
  - {{title: "A second reading with a long title", author: Someone, pages: about 40}}
---
Text.
"""
    result, out = built(tmp_path, "cover", text, "large-print", "participant")
    assert [w.message for w in result.warnings if not w.message.startswith(NO_QUESTIONS)] == []
    pages = pdf_text(out / "cover-large-print.pdf")
    assert "Third Author" in pages[0] and "Third Author" not in pages[1]
    cover = folded(pdf_text(out / "cover.pdf")[0])
    assert "Pages 12–40" in cover and "Pages: about 40" in cover


def test_figures_fill_the_text_width_in_large_print(tmp_path):
    import shutil

    shutil.copy(Path(__file__).parent / "data/small-labels.svg", tmp_path / "structure.svg")  # 9.5-unit labels
    text = '---\ntitle: Figure\n---\n![The structure](structure.svg "How the *Manifesto* is built")\n'
    result, out = built(tmp_path, "fig", text, "large-print", "participant")
    # its 9.5-unit labels grow to 11 pt at full width, still under 16: the build names the figure
    assert [w.message for w in result.warnings if not w.message.startswith(NO_QUESTIONS)] == ["large-print edition: structure.svg: its smallest label prints at "
                                                    "11 pt at the full text width, under the 16 pt large print asks for: "
                                                    "draw the labels larger"]
    for name, width in (("fig-large-print.pdf", 210 - 44), ("fig.pdf", 148 - 33)):
        page = pdfium.PdfDocument(out / name)[1]
        caption = find(out / name, "How the Manifesto is built")
        bitmap = page.render(scale=1).to_pil().convert("L")
        drawn = [x for x in range(bitmap.width) if any(bitmap.getpixel((x, y)) < 200
                 for y in range(int(bitmap.height * 0.1), int(caption[1] / 297 * bitmap.height)))]
        assert (drawn[-1] - drawn[0]) * PT_MM > width * 0.9, name


# --- page breaks -------------------------------------------------------------


def test_ten_sessions_leave_no_near_empty_page_and_a_short_intro_is_not_alone(tmp_path):
    filler = "The branch met in the workshop to argue over the strike fund and the rota. " * 9
    text = ["---", "title: A course in ten sessions", "---", "", "A three-line introduction to the course.", ""]
    for s in range(1, 11):
        text += [f"## Session {s}: Topic {s}", "", f"Bodyword{s}."] + [filler + "\n" for _ in range(3 + s % 3)]
    _, out = built(tmp_path, "ten", "\n".join(text), "participant")
    pdf = out / "ten.pdf"
    document = pdfium.PdfDocument(pdf)
    intro = find(pdf, "A three-line introduction")[0]
    assert find(pdf, "Bodyword1.")[0] == intro  # the introduction does not stand alone before session 1
    for number in range(3, len(document)):  # body pages: after cover and contents, before the back cover
        textpage = document[number - 1].get_textpage()
        height = document[number - 1].get_size()[1]
        lows = [textpage.get_charbox(i)[1] for i in range(textpage.count_chars())
                if textpage.get_text_range(i, 1).strip()]
        body = sorted(lows)[1] if len(lows) > 1 else height  # the folio is the lowest
        used = (height - 17 / PT_MM - body) / (height - 36 / PT_MM)
        assert used > 0.25, (number, used)


def test_contents_only_where_it_helps(tmp_path):
    short = "---\ntitle: Short\n---\n## One\n\nText.\n\n## Two\n\nText.\n\n## Three\n\nText.\n"
    _, out = built(tmp_path, "short", short, "participant")
    assert not any("Contents" in p for p in pdf_text(out / "short.pdf"))
    from studyguide.read.reader import read
    from studyguide.render.html import render_guide

    assert 'class="facts"' not in render_guide(read(tmp_path / "short.md"), "participant")  # no facts, no rule
    [result] = build([GUIDES / "trotsky-armed-the-workers.md"], Settings(out=tmp_path / "t", jobs=1, editions=("participant",)))
    assert "Contents" in pdf_text(tmp_path / "t/trotsky-armed-the-workers/trotsky-armed-the-workers.pdf")[1]


def test_short_title_heads_the_pages_on_one_line(tmp_path):
    title = "A very long title about the workers' movement, its councils, its parties and its defeats in the twentieth century"
    body = "\n\n".join(["Paragraph of text that fills the pages. " * 40] * 6)
    _, out = built(tmp_path, "long", f'---\ntitle: "{title}"\nshort_title: "Workers\' councils"\n---\n{body}\n', "participant")
    pages = pdf_text(out / "long.pdf")
    assert any("Workers’ councils" in p for p in pages[2:])  # the running head, smartened
    result, out = built(tmp_path, "nohead", f'---\ntitle: "{title}"\n---\n{body}\n', "participant")
    assert [w.message for w in result.warnings if not w.message.startswith(NO_QUESTIONS)] == [
        "participant edition: the title is too long for the running head and is cut short there: give the guide a short_title"]
    pdf = out / "nohead.pdf"
    page = pdfium.PdfDocument(pdf)[3]  # a left page: the title's running head
    textpage = page.get_textpage()
    height = page.get_size()[1]
    tops = {round(textpage.get_charbox(i, loose=True)[1]) for i in range(textpage.count_chars())
            if textpage.get_charbox(i)[1] > height - 17 / PT_MM and textpage.get_text_range(i, 1).strip()}
    assert len(tops) == 1, tops  # the head is one line, cut short


# --- quotes and front matter -------------------------------------------------


@pytest.mark.parametrize("lang, source, printed", [
    ("de", 'Er sagte "Das ist \'gut\' so" und ging.', "„Das ist ‚gut‘ so“"),
    ("ru", 'Он сказал "это "хорошо" так" и ушёл.', "«это „хорошо“ так»"),
])
def test_nested_quotes_follow_the_language(tmp_path, lang, source, printed):
    text = f'---\ntitle: "Titel \\"{lang}\\" mit \'Zitat\'"\nlang: {lang}\ndate: 2026-11-26\n---\n{source}\n\n## Fragen {{.questions}}\n\n1. {source}\n'
    _, out = built(tmp_path, lang, text, "participant", "questions")
    body = folded(" ".join(pdf_text(out / f"{lang}.pdf")))
    assert printed in body
    cover = folded(pdf_text(out / f"{lang}.pdf")[0])
    assert "'" not in cover and '"' not in cover
    handout = folded(" ".join(pdf_text(out / f"{lang}-questions.pdf")))
    assert printed in handout
    if lang == "ru":
        assert "2026 г." in handout  # the date is not set in capitals with the kicker


def test_emphasis_inside_italic_is_roman_and_small_things(tmp_path):
    text = """---
title: "Workers' guide"
reading: {title: "The *Revolution*", publication: Socialist Worker, issue: "2572"}
date: 2026-11-26
---
> A quoted passage with *Iskra* inside it.

*Italic with *nested* words*, and _outer *inner* outer_.
"""
    _, out = built(tmp_path, "small", text, "participant")
    pdf = out / "small.pdf"
    document = pdfium.PdfDocument(pdf)
    for word in ("Iskra", "inner"):
        number = find(pdf, word)[0]
        textpage = document[number - 1].get_textpage()
        start, _ = textpage.search(word).get_next()
        assert "Italic" not in font_of(textpage, start), (word, font_of(textpage, start))
    pages = pdf_text(pdf)
    assert "Workers’ guide" in pages[0] and "Issue 2572" in pages[0]
    from studyguide.read.reader import read
    from studyguide.render.html import render_guide

    html = render_guide(read(tmp_path / "small.md"), "participant")
    assert "Issue\u00a02572" in html and "issue\u00a02572" in html  # never "issue / 2572", front or back
    assert "26 November 2026" in pages[-1] and "2026-11-26" not in pages[-1]  # the back cover's date as the front's


def test_an_image_title_is_its_caption(tmp_path):
    write(tmp_path, {"x.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'})
    from studyguide.read.reader import read

    write(tmp_path, {"c.md": '---\ntitle: C\n---\n![A map](x.svg "The \\"red\\" map")\n'})
    guide = read(tmp_path / "c.md")
    assert re.search(r"<figure><img[^>]*alt=\"A map\"[^>]*/?><figcaption>The “red” map</figcaption></figure>",
                     guide.html["participant"]), guide.html["participant"]


def test_a_list_never_leaves_its_last_item_alone_on_a_page(tmp_path):
    filler = "The branch met in the workshop to argue over the strike fund. "
    text = ["---", "title: Lists", "---", ""]
    for n in range(1, 25):  # paragraphs of every length, so that some lists meet a page's foot
        text += [filler * (2 + n % 7), "", f"- Itemword{n}a is the first point.", f"- Itemword{n}b is the second point.",
                 f"- Itemword{n}c is the last point.", ""]
    _, out = built(tmp_path, "lists", "\n".join(text), "participant")
    pdf = out / "lists.pdf"
    pages = len(PdfReader(pdf).pages)
    assert pages > 4
    for n in range(1, 25):
        assert find(pdf, f"Itemword{n}c")[0] == find(pdf, f"Itemword{n}b")[0], n


# --- quote logic, many spellings ------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from studyguide.read.quotes import renest_text, smarten  # noqa: E402

MARKS = set("\"'“”‘’„‚«»\u202f")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \"'.,!?()-", max_size=40), st.sampled_from(["en", "de", "ru", "fr", "es", "pt-BR"]))
def test_smartening_front_matter_only_changes_the_marks(text, lang):
    out = smarten(text, lang)
    assert '"' not in out and "'" not in out  # never a straight quote left on a cover
    strip = lambda s: "".join(c for c in s.replace("---", "—").replace("--", "–").replace("...", "…") if c not in MARKS)
    assert strip(out) == strip(text)  # letters, spaces and punctuation untouched


@pytest.mark.parametrize("lang, typed, printed", [
    ("de", "„Er rief ‘Halt’ und ‘Stopp’“", "„Er rief ‚Halt‘ und ‚Stopp‘“"),
    ("de", "Marx’ Werk, geht’s, ’ne Sache", "Marx’ Werk, geht’s, ’ne Sache"),  # apostrophes stay
    ("ru", "«Он сказал «да» и «нет»»", "«Он сказал „да“ и „нет“»"),
    ("ru", "«три «уровня «кавычек»»»", "«три „уровня «кавычек»“»"),
    ("fr", "«\u202fil dit «\u202foui\u202f»\u202f»", "«\u202fil dit “oui”\u202f»"),
    ("en", "“He said ‘no’”", "“He said ‘no’”"),
])
def test_nesting_by_depth(lang, typed, printed):
    assert renest_text(typed, lang) == printed


def test_a_word_kept_whole_at_a_page_end_is_kept_whole_there_only():
    """The fix for a word split across pages wraps that word in the paragraph that ends
    the page, not every time it occurs: elsewhere it may still be hyphenated, and a common
    word wrapped everywhere made each later layout of a long guide slower."""
    import weasyprint

    from studyguide.pdf.refine import _element_span, _root, _whole

    word = "representatives"
    html = ("<html><head></head><body><main>" + "".join(
        f"<p>The {word} met in part {n}, <em>{word}</em> again.</p><ul><li><p>{word} listed</p></li></ul>"
        for n in range(4)) + "</main></body></html>")
    document = weasyprint.HTML(string=html).render()
    root = _root(document)
    third = list(root.iter("p"))[4]  # the third paragraph of text (each list item holds one too)
    span = _element_span(html, third, root)
    assert span is not None and html[span[0]:span[1]].startswith("<p>The representatives met in part 2")
    fixed = _whole(html, word, span)
    assert fixed.count('<span class="whole">') == 2  # both of the third paragraph's, in its <em> too
    assert fixed.split('<span class="whole">')[1].startswith(f"{word}</span> met in part 2")
    assert fixed.replace(f'<span class="whole">{word}</span>', word) == html
    # an element that cannot be found for sure: the word is kept whole everywhere, as before
    assert _whole(html, word).count('<span class="whole">') == html.count(word)
    assert _element_span(html.replace("<p>", "<p>", 1).replace("</main>", "<p>one more</p></main>"), third, root) is None


def test_a_word_kept_whole_is_not_wrapped_inside_the_paragraphs_footnotes():
    """A note's text is set at the foot of the page, not where the word was split; there
    WeasyPrint would break a word it may not hyphenate mid-word, without a hyphen."""
    from studyguide.pdf.refine import _whole

    word = "industrialisation"
    html = (f'<html><body><p>The {word} of <span class="footnote"><span>On <em>{word}</em> and '
            f'<span lang="de">{word}</span>.&nbsp;</span> </span> the {word}.</p></body></html>')
    fixed = _whole(html, word, (html.find("<p>"), html.find("</p>") + 4))
    assert fixed.count('<span class="whole">') == 2
    note = fixed[fixed.find('<span class="footnote">'):fixed.find("</span> </span>")]
    assert "whole" not in note and note.count(word) == 2


@pytest.mark.parametrize("words,sessions", [(60, 0), (250, 0), (700, 0), (80, 3), (1500, 2)])
def test_laying_out_a_short_guide_first_without_its_contents_changes_no_byte(tmp_path, monkeypatch, words, sessions):
    """first_draft only guesses whether the contents page will be kept: guessing always,
    never or as it does, the participant PDF is the same to the byte."""
    from studyguide.pdf import refine

    body = " ".join(["The council of delegates met in the workshop and argued over the strike fund."] * (words // 14))
    text = ["---", "title: Contents or not", "date: 2026-11-26", "---", "", "## Summary", "", body, "",
            "## Key terms", "", "Soviet", ": A council of delegates.", "", "## Background", "", body, ""]
    for s in range(1, sessions + 1):
        text += [f"## Session {s}", "", body, "", "### Discussion questions", "", f"1. What did session {s} decide?", ""]
    if not sessions:
        text += ["## Discussion questions", "", "1. What did the council decide?", ""]
    made = {}
    for guess, chars in (("as it does", refine.SHORT_PAGE_CHARS), ("always", 10**9), ("never", 1)):
        monkeypatch.setattr(refine, "SHORT_PAGE_CHARS", chars)
        _, out = built(tmp_path / guess.replace(" ", "-"), "c", "\n".join(text))
        made[guess] = (out / "c.pdf").read_bytes()
    assert made["as it does"] == made["always"] == made["never"]
