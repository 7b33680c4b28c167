"""Print outputs beyond the A5 editions: handouts, the press PDF, and the folded booklet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat
from pypdf import PdfReader

from .conftest import MM, build_one, folded, pdf_text, write

REPO = Path(__file__).resolve().parent.parent


def questions_guide(count: int, sessions: int = 1) -> str:
    lines = ["---", f"title: {count} questions", "paper: a4", "reading: {title: A reading, url: 'https://example.org/r'}", "---"]
    per = count // sessions
    for s in range(sessions):
        lines += ["", f"## Session {s + 1}: Part {s + 1}", "", "### Discussion questions", ""]
        for n in range(per):
            number = s * per + n + 1
            lines.append(f"{n + 1}. Question number {number}: what does the reading say about topic {number}, "
                         "and what do you make of it?")
            if number % 3 == 0:
                lines.append(f"    - A follow-up prompt for question {number}")
    return "\n".join(lines) + "\n"


def test_twelve_questions_fit_one_side(tmp_path):
    write(tmp_path, {"q.md": questions_guide(12)})
    result = build_one(tmp_path / "q.md", tmp_path / "out")
    assert result.ok and result.warnings == []
    handout = PdfReader(tmp_path / "out/q/q-questions.pdf")
    assert len(handout.pages) == 1
    assert (float(handout.pages[0].mediabox.width), float(handout.pages[0].mediabox.height)) == pytest.approx((595.28, 841.89), abs=0.5)
    text = folded(handout.pages[0].extract_text())
    for n in range(1, 13):
        assert f"Question number {n}:" in text
    assert "A reading" in text and "https://example.org/r" in text
    two_up = PdfReader(tmp_path / "out/q/q-questions-2up.pdf")
    assert len(two_up.pages) == 1 and float(two_up.pages[0].mediabox.width) == pytest.approx(841.89, abs=0.5)


def test_forty_questions_flow_without_splitting_one(tmp_path):
    write(tmp_path, {"q.md": questions_guide(40, sessions=4)})
    result = build_one(tmp_path / "q.md", tmp_path / "out", editions=("questions",))  # what is read here
    # forty questions overflow an A5 page even without writing space: the 2-up sheet goes 1-up, and says so
    assert result.ok and [w.message for w in result.warnings if "(1-up)" not in w.message] == []
    assert any("2-up sheet prints them side by side" in w.message for w in result.warnings)
    pages = [folded(t) for t in pdf_text(tmp_path / "out/q/q-questions.pdf")]
    assert len(pages) > 1
    for n in range(1, 41):
        whole = f"Question number {n}: what does the reading say about topic {n}, and what do you make of it?"
        holding = [i for i, text in enumerate(pages) if whole in text]
        assert len(holding) == 1, n  # the whole question on one page
        if n % 3 == 0:
            assert f"A follow-up prompt for question {n}" in pages[holding[0]]
    # one handout per session, each with its own questions only
    for s in range(1, 5):
        session = folded(" ".join(pdf_text(tmp_path / f"out/q/q-questions-session-{s}.pdf")))
        assert f"Question number {s * 10}:" in session and f"Part {s}" in session
        assert f"Question number {(s % 4) * 10 + 1}:" not in session


def test_press_pdf_has_bleed_trim_marks_and_no_links(tmp_path):
    write(tmp_path, {"p.md": "---\ntitle: Press\nreading: {title: R, url: 'https://example.org/x'}\n---\nSee <https://example.org>.\n"})
    result = build_one(tmp_path / "p.md", tmp_path / "out")
    assert result.ok
    assert any("/Annots" in page for page in PdfReader(tmp_path / "out/p/p.pdf").pages)  # the screen PDF links
    press = PdfReader(tmp_path / "out/p/p-press.pdf")
    for page in press.pages:
        assert "/TrimBox" in page and "/BleedBox" in page and "/Annots" not in page
        trim, bleed = page.trimbox, page.bleedbox
        assert float(trim.width) == pytest.approx(148 * MM, abs=0.1) and float(trim.height) == pytest.approx(210 * MM, abs=0.1)
        for a, b in ((bleed.left, trim.left), (trim.right, bleed.right), (bleed.bottom, trim.bottom), (trim.top, bleed.top)):
            assert float(b) - float(a) == pytest.approx(3 * MM, abs=0.01)
        assert float(page.mediabox.width) > float(bleed.width)  # room for the marks outside the bleed
        data = page.get_contents().get_data()
        assert data.count(b" m ") >= 8 and b" S Q" in data  # eight crop-mark strokes


def render(page, scale: float):
    return page.render(scale=scale, grayscale=True).to_pil().convert("L")


def test_trotsky_booklet_folds_into_reading_order(tmp_path):
    """Cut each imposed sheet into its halves, fold in order, and compare with the A5 pages."""
    source = REPO / "guides/trotsky-armed-the-workers.md"
    shutil.copy(source, tmp_path / source.name)
    result = build_one(tmp_path / source.name, tmp_path / "out", editions=("participant", "booklet"))  # what is compared
    assert result.ok and result.warnings == []
    folder = tmp_path / "out" / source.stem
    pages = [render(p, 0.4).resize((120, 170)) for p in pdfium.PdfDocument(folder / f"{source.stem}.pdf")]
    sheets = pdfium.PdfDocument(folder / f"{source.stem}-booklet.pdf")
    total = len(sheets) * 2
    halves = {}
    for side, sheet in enumerate(sheets):
        image = render(sheet, 0.4)
        w, h = image.size
        k, back = divmod(side, 2)
        numbers = (2 * k + 2, total - 2 * k - 1) if back else (total - 2 * k, 2 * k + 1)
        for slot, number in enumerate(numbers):
            halves[number] = image.crop((slot * w // 2, 0, (slot + 1) * w // 2, h)).resize((120, 170))
    assert sorted(halves) == list(range(1, total + 1))

    def distance(a, b):
        return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]

    blank = [n for n in halves if ImageStat.Stat(halves[n]).extrema[0][0] > 250]
    reading = [halves[n] for n in sorted(halves) if n not in blank]
    assert len(reading) == len(pages)
    for n, half in enumerate(reading):
        ranked = sorted(range(len(pages)), key=lambda i: distance(half, pages[i]))
        # the half is page n, and clearly so: far nearer to it than to any other page
        assert ranked[0] == n and distance(half, pages[n]) < 0.6 * distance(half, pages[ranked[1]]), n
    assert all(total - len(blank) <= n < total for n in blank)  # blanks only before the back cover


def test_qr_code_to_the_reading_on_cover_and_handout(tmp_path):
    import re

    import segno

    from studyguide.read.reader import read
    from studyguide.render.html import render_guide, render_questions

    url = "https://example.org/the-article"
    write(tmp_path, {"q.md": f"---\ntitle: QR\nreading: {{title: R, url: '{url}'}}\n---\n## Discussion questions\n\n1. Why?\n"})
    guide = read(tmp_path / "q.md")
    expected = re.search(r' d="([^"]+)"', segno.make(url, error="m").svg_inline(scale=1, border=0, omitsize=True)).group(1)
    for html in (render_guide(guide, "participant"), render_questions(guide)):
        qr = re.search(r'<div class="qr">(.*?)</div>', html, re.S).group(1)
        assert f'd="{expected}"' in qr  # the code of the reading's own address, as vector art
        assert url in html  # beside the printed address
    result = build_one(tmp_path / "q.md", tmp_path / "out")
    assert result.ok
    cover = PdfReader(tmp_path / "out/q/q.pdf").pages[0].get_contents().get_data()
    assert cover.count(b" l") + cover.count(b" h") > 50  # the code drawn as paths, not as an image
