"""Guides in Arabic, Hebrew, Chinese, Japanese and Hindi, and one mixing Arabic and
English, built with the real pipeline and read back from the PDFs: the text comes
out in logical order, no glyph is missing, every letter is set in the bundled or a
Noto face, the right-to-left booklet is mirrored, the EPUB says its direction."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from studyguide.render import fonts
from studyguide.errors import GuideError
from studyguide.pdf.impose import mirrored, saddle_sides
from studyguide.read.reader import read
from studyguide.render.html import words_for
from studyguide.render.scripts import direction, east_asian_width, script_of

from .conftest import build_one, halves, write

pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None or not fonts.installed().get("Noto Naskh Arabic")
                                or not fonts.installed().get("Noto Serif CJK SC"),
                                reason="needs fontconfig with fonts-noto-core and fonts-noto-cjk (CI installs them)")

# Guides as organisers write them, one per script (tests/data/scripts/*.md).
DATA = Path(__file__).parent / "data" / "scripts"
GUIDES = {path.stem: path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.md"))}

EDITIONS = ("participant", "booklet", "questions", "epub")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every guide built once (the Arabic one in all its editions), with the seconds each took."""
    import time

    root = tmp_path_factory.mktemp("scripts")
    write(root, {f"guides/{name}.md": text.encode() for name, text in GUIDES.items()})
    results, seconds = {}, {}
    for name in GUIDES:
        started = time.perf_counter()
        results[name] = build_one(root / f"guides/{name}.md", root / "out",
                                  **({} if name == "ar" else {"editions": EDITIONS}))
        seconds[name] = time.perf_counter() - started
    return root / "out", results, seconds


def source_words(name: str, pattern: str) -> list[str]:
    body = GUIDES[name].split("---")[2]
    return re.findall(pattern, body)


def pdftotext(path: Path) -> str:
    """Poppler's text in reading order, bidirectional embedding marks removed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u202a-\u202e\u200e\u200f]", "", out)


def embedded_fonts(path: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:] if line.strip()}


@pytest.mark.parametrize("name", list(GUIDES))
def test_built_without_a_missing_glyph_in_noto_faces_only(built, name):
    out, results, _ = built
    result = results[name]
    assert result.ok, result.errors
    assert result.warnings == [], result.warnings  # WeasyPrint logs every .notdef glyph it draws
    for pdf in (out / name).glob("*.pdf"):
        faces = embedded_fonts(pdf)
        assert faces and all(face.startswith(("SG-", "Noto-")) for face in faces), (pdf.name, faces)


def letters(text: str, pattern: str) -> list[str]:
    """The letters and digits of one script, word by word, in the order written. Vowel
    signs are glyphs of their own and the Arabic lam-alef one glyph for two letters:
    extractors put those back in either order, so they are left out."""
    return ["".join(c for c in word if unicodedata.category(c) in ("Lo", "Nd") and c not in "لاأإآ")
            for word in re.findall(pattern, text)]


def simple_words(text: str) -> list[str]:
    """Devanagari words without a conjunct or the vowel i: WeasyPrint maps each glyph to
    one string in the PDF, so a reph or conjunct glyph shared by two words reads back as
    the first word's letters. The other words must still come back, in order."""
    return ["".join(c for c in w if unicodedata.category(c) == "Lo")
            for w in re.findall(r"[\u0900-\u097f]+", text) if not re.search("[\u094d\u093f]", w)]


def in_order(words: list[str], text: str) -> bool:
    """Each word's letters found in `text` after the one before (vowel signs and spaces
    ignored: the extractor splits a vowel sign in two, or loses a space after one)."""
    flat, position = "".join(c for c in text if unicodedata.category(c) == "Lo"), 0
    for word in words:
        position = flat.find(word, position)
        if position < 0:
            return False
        position += len(word)
    return True


@pytest.mark.parametrize("name, pattern", [
    ("ar", r"[\u0621-\u065f\u0670-\u06d3]+"), ("he", r"[\u05d0-\u05ea]+"), ("mixed", r"[\u0621-\u065f\u0670-\u06d3]+"),
    ("ur", r"[\u0621-\u065f\u0670-\u06d3]+"),
])
def test_words_extract_in_logical_order(built, name, pattern):
    """Each paragraph's letters of the script, read back from the PDF (poppler), in the order written."""
    out, _, _ = built
    found = "".join(letters(pdftotext(out / name / f"{name}.pdf"), pattern))
    checked = 0
    for paragraph in GUIDES[name].split("---")[2].split("\n\n"):
        words = letters(paragraph, pattern)
        if len(words) >= 3 and "facilitator" not in paragraph and "|" not in paragraph:
            assert "".join(words) in found, (words, found)
            checked += 1
    assert checked >= 2


def test_hindi_words_extract_in_logical_order(built):
    out, _, _ = built
    found = pdftotext(out / "hi/hi.pdf")
    for paragraph in GUIDES["hi"].split("---")[2].split("\n\n"):
        words = simple_words(paragraph)
        assert in_order(words, found), (words, found)
    assert len(simple_words(GUIDES["hi"])) >= 30


@pytest.mark.parametrize("name", ["zh", "ja"])
def test_cjk_text_extracts_whole_and_breaks_without_spaces(built, name):
    out, _, _ = built
    text = pdftotext(out / name / f"{name}.pdf")
    flat = re.sub(r"\s+", "", text)
    paragraph = re.sub(r"\s+", "", GUIDES[name].split("## ")[2].split("\n", 1)[1])
    assert paragraph in flat
    # The long paragraph was broken into several lines, none of them by a hyphen.
    lines = [line for line in text.splitlines() if line.strip() and line.strip()[0] in paragraph[:200]]
    assert len(lines) >= 3 and not any(line.rstrip().endswith("-") for line in lines)
    # No line starts with closing punctuation: the CJK rules of line breaking are kept.
    assert not any(line.strip() and line.strip()[0] in "。、，」』）！？" for line in text.splitlines())


def test_an_arabic_paragraph_in_an_english_guide_runs_right_to_left(built):
    """Its full stop at its left end and its first word against the right margin, as
    an Arabic reader expects; the English paragraphs around it stay as they were."""
    import pypdfium2 as pdfium

    out, _, _ = built
    page = pdfium.PdfDocument(out / "mixed/mixed.pdf")[1]
    text = page.get_textpage()
    chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    arabic = [box for char, box in chars if char == "خ"]  # in خمسون, only in that paragraph
    line = [(char, box) for char, box in chars if abs(box[1] - arabic[-1][1]) < 2 and char.strip()]
    left, right = min(line, key=lambda item: item[1][0]), max(line, key=lambda item: item[1][2])
    english = [box for char, box in chars if char == "D"]  # "Darwish wrote…", left-aligned
    assert left[0] == "." and right[0] == "س", (left[0], right[0])
    assert right[1][2] > page.get_size()[0] - 60 and english[0][0] < 70


def test_urdu_is_set_in_naskh_whose_text_reads_back(built):
    """Not Nastaliq: its shared contextual glyphs read back from WeasyPrint's PDFs as gibberish."""
    out, _, _ = built
    assert {"Noto-Naskh-Arabic"} <= embedded_fonts(out / "ur/ur.pdf")
    assert not any("Nastaliq" in face for face in embedded_fonts(out / "ur/ur.pdf"))


@pytest.mark.parametrize("name, region", [("zh", "SC"), ("ja", "JP"), ("mixed", "SC")])
def test_han_is_set_in_the_languages_own_face(built, name, region):
    out, _, _ = built
    faces = embedded_fonts(out / name / f"{name}.pdf")
    assert any(f"CJK-{region}" in face for face in faces), faces
    assert not any("CJK" in face and region not in face for face in faces), faces


def test_fixed_words_come_from_the_languages_catalogue(built):
    out, _, _ = built
    for name, words in {"ar": ["أسئلة للنقاش", "دليل الدراسة", "26 نوفمبر 2026"], "he": ["חוברת לימוד", "3 בדצמבר 2026"],
                        "zh": ["学习导读", "2026年12月10日"], "ja": ["学習ガイド", "2026年12月17日"],
                        "hi": ["अध्ययन मार्गदर्शिका", "19 दिसंबर 2026"], "ur": ["مطالعاتی رہنما", "12 دسمبر 2026"]}.items():
        for edition, expected in ((f"{name}.pdf", words + [words_for(name)["questions"]]),
                                  (f"{name}-questions.pdf", [words_for(name)["questions"]])):
            text = pdftotext(out / name / edition)
            for word in expected:
                if name == "hi":
                    assert in_order(simple_words(word), text), (name, word)
                else:
                    assert "".join(letters(word, r"\w+")) in "".join(letters(text, r"\w+")), (name, word)


def test_the_right_to_left_booklet_is_mirrored(built):
    """Sheet by sheet, as test_impose checks booklets: the cover on the outer sheet's
    left half, the back cover on its right; inside, page 2 on the right."""
    out, results, _ = built
    sides = halves((out / "ar/ar-booklet.pdf").read_bytes())
    assert results["ar"].pages == 4 and len(sides) == 2  # three pages and a Notes page before the back cover
    (cover, back), (notes, page_two) = sides
    assert "الأم لمكسيم غوركي" in re.sub("[\u202a-\u202e]", "", cover) or "غوركي" in cover
    assert "studyguide" in back and "حظات" in notes and "تمهيد" in page_two
    assert mirrored(saddle_sides(8)) == [((1, 8), (7, 2)), ((3, 6), (5, 4))]
    hebrew = halves((out / "he/he-booklet.pdf").read_bytes())  # Hebrew too: stapled on the right
    assert "studyguide" in hebrew[0][1]


def test_a_chinese_handout_shares_out_its_writing_space_by_width(tmp_path):
    """Ten questions of 69 full-width characters: two lines each, not one as len()
    would count; the space to write is shared so that sheet and A5 stay one side."""
    from pypdf import PdfReader

    question = ("在你看来，小说中的叙述者为什么要用日记的形式来讲述自己的经历？"
                "这种形式让读者对他的恐惧产生了怎样的感受？请结合具体段落谈谈你的看法和理由。")
    items = "\n".join(f"{n}. {question}" for n in range(1, 11))
    write(tmp_path, {"zhq.md": f"---\ntitle: 讨论\nlang: zh\n---\n\n## 讨论问题 {{.questions}}\n\n{items}\n"})
    result = build_one(tmp_path / "zhq.md", tmp_path / "out", editions=("questions",))
    assert result.ok and result.warnings == [], result.errors + result.warnings
    for name in ("zhq-questions.pdf", "zhq-questions-2up.pdf"):
        assert len(PdfReader(tmp_path / "out/zhq" / name).pages) == 1, name


def test_right_to_left_documents_say_so(built):
    out, _, _ = built
    with zipfile.ZipFile(out / "ar/ar.epub") as epub:
        opf = epub.read("EPUB/package.opf").decode()
        text = epub.read("EPUB/text.xhtml").decode()
    assert 'page-progression-direction="rtl"' in opf and 'dir="rtl"' in text
    with zipfile.ZipFile(out / "zh/zh.epub") as epub:
        assert 'page-progression-direction="ltr"' in epub.read("EPUB/package.opf").decode()
    assert 'dir="rtl"' in (out / "ar/index.html").read_text(encoding="utf-8")


def test_epubcheck_passes_for_right_to_left(built):
    """One run (the validator takes 10 s or more): the Arabic EPUB, rtl page progression and all."""
    jar = Path("/usr/share/java/epubcheck.jar")
    if not (shutil.which("java") and jar.is_file()):
        pytest.skip("needs EPUBCheck (Debian: apt install epubcheck)")
    out, _, _ = built
    # C1 compilation only: the same checks, three times faster for a run this short.
    done = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), str(out / "ar/ar.epub")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "0 fatals / 0 errors / 0 warnings" in done.stdout + done.stderr, done.stdout + done.stderr


def test_a_script_the_machine_has_no_font_for_is_an_error_naming_what_to_install(tmp_path, monkeypatch):
    """fontconfig told to know no fonts at all (a real, empty configuration, not a mock)."""
    empty = write(tmp_path, {"fonts.conf": '<?xml version="1.0"?>\n<fontconfig><dir>/nonexistent</dir></fontconfig>\n'})
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty / "fonts.conf"))
    write(tmp_path, {"zh.md": "---\ntitle: 导读\nlang: zh\n---\n\nEnglish first.\n\n中文的句子。\n",
                     "ar.md": "---\ntitle: T\nlang: ar\n---\n\nنص\n"})
    fonts.forget()
    try:
        with pytest.raises(GuideError) as chinese:
            read(tmp_path / "zh.md")
        with pytest.raises(GuideError) as arabic:
            read(tmp_path / "ar.md")
    finally:
        monkeypatch.delenv("FONTCONFIG_FILE")
        fonts.forget()
    message = str(chinese.value)
    assert message.startswith(f"{tmp_path / 'zh.md'}:2: error: CJK text (first: '导', U+5BFC) needs a font for CJK")
    assert "fonts-noto-cjk" in message and "brew install --cask font-noto-serif-cjk-sc" in message
    assert str(arabic.value).startswith(f"{tmp_path / 'ar.md'}:6: error: Arabic text (first: 'ن', U+0646)")
    assert "install fonts-noto-core" in str(arabic.value)


def test_a_symbol_no_font_has_still_warns(tmp_path):
    write(tmp_path, {"g.md": "---\ntitle: T\n---\n\nA face: \U0001F600\n"})
    guide = read(tmp_path / "g.md")
    assert [d.message for d in guide.warnings if d.line and not d.message.startswith("no discussion questions")] == [
        "no font has '\U0001F600' (U+1F600, grinning face): it will print as a box"]


@pytest.mark.parametrize("tag, expected", [("ar", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur_PK", "rtl"), ("UR", "rtl"),
                                           ("en", "ltr"), ("zh-Hans", "ltr"), ("hi", "ltr"), ("arn", "ltr")])
def test_direction_by_language_tag(tag, expected):
    assert direction(tag) == expected


@pytest.mark.parametrize("lang, region", [("zh-TW", "TC"), ("zh-Hant", "TC"), ("zh-HK", "HK"), ("ko", "KR"),
                                          ("zh-CN", "SC"), ("ja-JP", "JP")])
def test_the_cjk_face_follows_the_language_tag(tmp_path, lang, region):
    """Han characters in the face of the guide's locale (Hangul is always Korean: Pango
    gives each run of a script the language that writes it)."""
    from studyguide.files import TEMPLATES
    from studyguide.pdf.write import html_to_pdf

    html = (f'<html lang="{lang}"><head><link rel="stylesheet" href="{(TEMPLATES / "fonts.css").as_uri()}"></head>'
            f'<body><p style="font-family: \'SG Serif\'">{"한국어" if lang == "ko" else "中文 日本語"}</p></body></html>')
    (tmp_path / "t.pdf").write_bytes(html_to_pdf(html, tmp_path).pdf)
    assert {face for face in embedded_fonts(tmp_path / "t.pdf") if "CJK" in face} == {f"Noto-Serif-CJK-{region}"}


def test_widths_and_blocks():
    assert east_asian_width("读书会 ok") == 9
    assert [script_of(c).name if script_of(c) else None for c in "aبשनあ한中。Я"] == \
        [None, "Arabic", "Hebrew", "Devanagari", "CJK", "CJK", "CJK", "CJK", None]


@pytest.fixture(scope="module")
def numbered_pages(tmp_path_factory):
    from studyguide.pdf.write import html_to_pdf
    from studyguide.render.html import render_notes

    from .test_impose import numbered

    tmp = tmp_path_factory.mktemp("mirrored")
    return numbered(tmp, "148mm 210mm", 12), html_to_pdf(render_notes("a4", "ar"), tmp).pdf


@pytest.mark.parametrize("count, long_edge", [(2, False), (5, False), (8, False), (11, True), (12, False)])
def test_mirrored_imposition_sheet_by_sheet(numbered_pages, count, long_edge):
    """Any booklet bound on the right, read as test_impose reads booklets: each side
    is the left-to-right side with its halves swapped, ruled notes pages included."""
    from studyguide.pdf.impose import Options, impose

    from .test_impose import expected_sides, first_pages

    source, notes = first_pages(numbered_pages[0], count), numbered_pages[1]
    booklet = impose(source, Options("a4", long_edge=long_edge, rtl=True), notes_page=notes)
    found = [tuple(half[:5].strip() if half.startswith("[") else ("Notes" if half else "") for half in side)
             for side in halves(booklet.pdf)]
    assert found == [(right, left) for left, right in expected_sides(count, long_edge)]
