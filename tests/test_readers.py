"""Every reader: a tagged screen PDF, large print, an EPUB, and guides in other languages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from studyguide.build.run import Settings, build
from studyguide.build.check import check
from studyguide.errors import GuideError
from studyguide.read.reader import read

from .conftest import font_sizes, pdf_text, tagged_headings, write

GUIDE = """
---
title: Reading for everyone
lang: en
authors: [Ann Organiser]
date: 2024-03-08
reading: {title: An article, publication: A paper, url: "https://example.org/a"}
---
An opening paragraph, with *emphasis* that large print sets in bold.[^1]

![A map of the estate](map.svg)

## Summary

The summary paragraph of the guide.

## Session 1: Starting

### Discussion questions

1. What is the first question about the reading?
    - A follow-up prompt
2. What is the second question?

## Session 2: Going on

### Discussion questions

3. What is the third question?

[^1]: The footnote, a pop-up in the e-book.
"""
MAP = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#999"/></svg>'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers")
    write(root, {"guides/everyone/guide.md": GUIDE, "guides/everyone/map.svg": MAP})
    results = build([root / "guides"], Settings(out=root / "build", jobs=1))
    assert results[0].ok and results[0].warnings == [], (results[0].errors, results[0].warnings)
    return root / "build/everyone"


def test_participant_pdf_is_tagged_with_headings_in_order(built):
    pdf = PdfReader(built / "everyone.pdf")
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en"
    headings = [(kind, text) for kind, _, text in tagged_headings(built / "everyone.pdf")]
    assert headings == [("H1", "Reading for everyone"), ("H2", "Summary"), ("H2", "Session 1: Starting"),
                        ("H3", "Discussion questions"), ("H2", "Session 2: Going on"), ("H3", "Discussion questions")]
    booklet = PdfReader(built / "everyone-booklet.pdf")
    assert "Print-only" in booklet.metadata.subject and "everyone.pdf" in booklet.metadata.subject


def test_figures_keep_their_alt_text(built):
    pdf = PdfReader(built / "everyone.pdf")
    figures = []

    def walk(node):
        node = node.get_object()
        if hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                figures.append(node.get("/Alt"))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    assert "A map of the estate" in figures, figures


def test_large_print_is_18_pt_sans_on_the_guides_paper(built):
    pdf = PdfReader(built / "everyone-large-print.pdf")
    assert (float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)) == pytest.approx((595.28, 841.89), abs=0.5)
    assert font_sizes(built / "everyone-large-print.pdf", "The summary paragraph of the guide.") == {18.0}
    assert font_sizes(built / "everyone-large-print.pdf", "What is the second question?") == {18.0}
    assert font_sizes(built / "everyone-large-print.pdf", "Discussion questions") == {22.0}  # a heading (not in the contents)
    assert font_sizes(built / "everyone-large-print.pdf", "The footnote") == {18.0}  # notes as large as the text
    fonts = {str(f.get_object()["/BaseFont"]) for page in pdf.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    body = [f for f in fonts if "Sans" in f]
    assert body and all("+SG-Sans" in f for f in fonts), fonts  # sans only: no serif, no italic face
    assert not any("Italic" in f for f in fonts)
    text = " ".join(pdf_text(built / "everyone-large-print.pdf"))
    assert "with emphasis that large print" in text and "-\n" not in text


def test_epub_is_a_valid_package(built):
    path = built / "everyone.epub"
    with zipfile.ZipFile(path) as epub:
        first = epub.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert epub.read("mimetype") == b"application/epub+zip"
        container = etree.fromstring(epub.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(epub.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/"
        ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
        assert opf.findtext(".//dc:language", namespaces=ns) == "en"
        assert opf.findtext(".//dc:title", namespaces=ns) == "Reading for everyone"
        assert opf.find(".//opf:meta[@property='dcterms:modified']", ns).text == "2024-03-08T00:00:00Z"
        items = {i.get("id"): i for i in opf.iterfind(".//opf:item", ns)}
        names = set(epub.namelist())
        for item in items.values():
            assert base + item.get("href") in names, item.get("href")
        assert [r.get("idref") for r in opf.iterfind(".//opf:itemref", ns)] and all(
            r.get("idref") in items for r in opf.iterfind(".//opf:itemref", ns))
        assert any("cover-image" in (i.get("properties") or "") for i in items.values())
        for name in names:
            if name.endswith((".xhtml", ".opf", ".xml")):
                etree.fromstring(epub.read(name))  # well-formed XML, or this raises
        nav_item = next(i for i in items.values() if "nav" in (i.get("properties") or "").split())
        nav = epub.read(base + nav_item.get("href")).decode()
        for title in ("Summary", "Session 1: Starting", "Session 2: Going on"):
            assert title in nav
        for n in (1, 2, 3):
            assert f"#question-{n}" in nav
        assert nav.index("Session 1: Starting") < nav.index("#question-1") < nav.index("Session 2: Going on") < nav.index("#question-3")
        text = epub.read(base + "text.xhtml").decode()
        for question in ("What is the first question about the reading?", "What is the second question?",
                         "What is the third question?"):
            assert question in text
        assert 'id="question-3"' in text and 'epub:type="footnote"' in text and 'epub:type="noteref"' in text
        assert 'alt="A map of the estate"' in text and base + "images/map.svg" in names  # under images/: no name of the guide's replaces ours


def test_epubcheck_finds_no_error(built):
    """The reference validator, where it is installed (Debian: apt install epubcheck; CI installs it)."""
    import shutil
    import subprocess

    jar = Path("/usr/share/java/epubcheck.jar")
    if not (shutil.which("java") and jar.is_file()):
        pytest.skip("needs EPUBCheck (Debian: apt install epubcheck)")
    done = subprocess.run(["java", "-jar", str(jar), str(built / "everyone.epub")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "0 fatals / 0 errors / 0 warnings" in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.mark.parametrize("lang, words, quote", [
    ("ru", ["Пособие для занятия", "Группа", "Содержание", "Вопросы для обсуждения"], "«Вся власть Советам!»"),
    ("de", ["Leseleitfaden", "Gruppe", "Inhalt", "Fragen zur Diskussion"], "„Alle Macht den Räten!“"),
])
def test_fixed_words_and_quotes_follow_the_language(tmp_path, lang, words, quote):
    body = '"Alle Macht den Räten!"' if lang == "de" else '"Вся власть Советам!"'
    write(tmp_path, {"g.md": f"""
        ---
        title: Guide {lang}
        lang: {lang}
        group: G
        date: 2024-11-07
        ---
        {body}

        ## A

        {"Text. " * 450}

        ## B

        {"Text. " * 450}

        ## {words[3]} {{.questions}}

        1. ?
        """})
    results = build([tmp_path / "g.md"], Settings(out=tmp_path / "out", jobs=1, editions=("participant", "questions")))
    assert results[0].ok and results[0].warnings == [], results[0].warnings  # WeasyPrint logged nothing either
    text = " ".join(pdf_text(tmp_path / "out/g/g.pdf"))
    for word in words:
        assert word.lower() in text.lower(), word  # the cover's kicker is set in capitals
    assert quote in text
    assert ("7. November 2024" if lang == "de" else "7 ноября 2024 г.") in text
    assert words[3].lower() in " ".join(pdf_text(tmp_path / "out/g/g-questions.pdf")).lower()


def test_a_script_no_font_covers_is_a_clear_error(tmp_path):
    """Arabic, Hebrew and the rest are set in the machine's Noto fonts (tests/test_scripts.py);
    a letter of a script no font covers is refused at its line."""
    write(tmp_path, {"old.md": "---\ntitle: T\n---\n\nA Khitan character: \U00018B00\n"})
    with pytest.raises(GuideError) as khitan:
        read(tmp_path / "old.md")
    assert str(khitan.value) == (f"{tmp_path / 'old.md'}:5: error: neither the bundled fonts nor the Noto fonts on this "
                                 "machine have the Khitan letter '\U00018B00' (U+18B00); a guide in Khitan needs a Noto "
                                 "font that covers it")


def test_check_warns_on_missing_alt_text_and_unknown_language(tmp_path):
    write(tmp_path, {"guides/a.md": "---\ntitle: A\nlang: nl\n---\n![](pic.svg)\n\n## Discussion questions\n\n1. Waarom?\n",
                     "guides/pic.svg": MAP})
    found = [str(d) for d in check([tmp_path / "guides"])]
    assert f"{tmp_path / 'guides/a.md'}:5: warning: an image without alt text: say what it shows in ![…]" in found
    assert f"{tmp_path / 'guides/a.md'}: warning: no message catalogue for lang 'nl': the fixed words will be printed in English" in found
