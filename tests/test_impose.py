"""Imposition, table-driven: every booklet from 1 to 40 pages, both papers, both duplex modes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter

from studyguide.pdf.impose import BLANK, Options, impose, padded, saddle_sides, two_up
from studyguide.pdf.write import html_to_pdf
from studyguide.render.html import render_notes

from .conftest import halves

SHEET = {"a4": (841.89, 595.276), "letter": (792.0, 612.0)}
PAGE = {"a4": "148mm 210mm", "letter": "5.5in 8.5in"}


def numbered(tmp_path, size: str, count: int = 40) -> bytes:
    html = (f"<style>@page {{ size: {size}; margin: 20mm }} p {{ break-after: page; font-size: 30pt }}</style>"
            + "".join(f"<p>[{n}]</p>" for n in range(1, count + 1)))
    return html_to_pdf(html, tmp_path).pdf


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("impose")
    return {paper: (numbered(tmp, PAGE[paper]), html_to_pdf(render_notes(paper, "en"), tmp).pdf) for paper in SHEET}


def first_pages(data: bytes, count: int) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages[:count]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def expected_sides(count: int, long_edge: bool) -> list[tuple[str, str]]:
    total = count + (-count % 4)
    missing = total - count
    if count == 1:
        order = ["[1]"] + ["Notes" if missing >= 2 else ""] * missing
    else:
        order = [f"[{n}]" for n in range(1, count)] + ["Notes" if missing >= 2 else ""] * missing + [f"[{count}]"]
    sides = []
    for front, back in saddle_sides(total):
        sides.append((order[front[0] - 1], order[front[1] - 1]))
        left, right = order[back[0] - 1], order[back[1] - 1]
        sides.append((right, left) if long_edge else (left, right))  # turned 180°: halves swap
    return sides


@pytest.mark.parametrize("long_edge", [False, True], ids=["short-edge", "long-edge"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_booklet_from_1_to_40_pages(sources, paper, long_edge):
    source, notes = sources[paper]
    for count in range(1, 41):
        result = impose(first_pages(source, count), Options(paper, long_edge), notes_page=notes)
        assert result.warnings == []
        found = [(left.replace("N otes", "Notes")[:5].strip(), right[:5].strip()) for left, right in halves(result.pdf)]
        found = [(l if l.startswith(("[", "Notes")) else "", r if r.startswith(("[", "Notes")) else "") for l, r in found]
        assert found == expected_sides(count, long_edge), count
        reader = PdfReader(io.BytesIO(result.pdf))
        assert result.sheets == len(reader.pages) // 2 == (count + 3) // 4
        for n, page in enumerate(reader.pages):
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(SHEET[paper], abs=0.01)
            turned = page.get_contents().get_data().lstrip(b"q\n").startswith(b"-1 0 0 -1")
            assert turned == (long_edge and n % 2 == 1), (count, n)
        prefs = reader.viewer_preferences
        assert prefs.duplex == ("/DuplexFlipLongEdge" if long_edge else "/DuplexFlipShortEdge")
        assert prefs.print_scaling == "/None"


def test_saddle_formula():
    assert saddle_sides(8) == [((8, 1), (2, 7)), ((6, 3), (4, 5))]
    assert padded(5) == [0, 1, 2, 3, -2, -2, -2, 4]  # three ruled pages before the back cover
    assert padded(7) == [0, 1, 2, 3, 4, 5, BLANK, 6]  # one blank, before the back cover


def test_links_and_outlines_dropped_metadata_kept(tmp_path):
    html = ("<html lang=en><head><title>Linked</title><meta name=author content='Ann'></head>"
            "<style>@page{size:148mm 210mm} h1{break-before:page}</style>"
            "<h1>One</h1><a href='https://example.org'>link</a><h1>Two</h1>")
    source = html_to_pdf(html, tmp_path).pdf
    assert PdfReader(io.BytesIO(source)).outline and "/Annots" in PdfReader(io.BytesIO(source)).pages[0]
    booklet = PdfReader(io.BytesIO(impose(source).pdf))
    assert booklet.outline == []
    assert all("/Annots" not in page for page in booklet.pages)
    assert booklet.metadata.title == "Linked" and booklet.metadata.author == "Ann"


def placements(page) -> list[float]:
    """x offsets of the pages drawn on a sheet side, from its content stream."""
    return [float(x) for x in re.findall(rb"q [\d.]+ 0 0 [\d.]+ (-?[\d.]+) -?[\d.]+ cm /P", page.get_contents().get_data())]


def test_creep_moves_inner_pages_toward_the_spine(sources):
    source, _ = sources["a4"]
    default = PdfReader(io.BytesIO(impose(first_pages(source, 32)).pdf))  # 32 > 28: on by default
    outer, inner = placements(default.pages[0]), placements(default.pages[-2])
    step, half = 0.1 * 72 / 25.4, 841.89 / 2
    centre = (half - 148 * 72 / 25.4) / 2  # an A5 page is a hair narrower than half an A4
    assert outer == pytest.approx([centre, half + centre], abs=0.01)
    assert inner == pytest.approx([centre + 7 * step, half + centre - 7 * step], abs=0.01)
    short = PdfReader(io.BytesIO(impose(first_pages(source, 12)).pdf))  # 12 pages: none
    assert placements(short.pages[-2]) == pytest.approx([centre, half + centre], abs=0.01)
    thick = PdfReader(io.BytesIO(impose(first_pages(source, 12), Options(creep=0.3)).pdf))
    assert placements(thick.pages[2])[0] == pytest.approx(centre + 0.3 * 72 / 25.4, abs=0.01)


def test_signatures(sources):
    source, _ = sources["a4"]
    result = impose(first_pages(source, 16), Options(signature=8))
    assert result.sheets == 4
    assert halves(result.pdf)[:4] == [("[8]", "[1]"), ("[2]", "[7]"), ("[6]", "[3]"), ("[4]", "[5]")]
    assert halves(result.pdf)[4] == ("[16]", "[9]")


def test_two_up_puts_two_copies_on_a_sheet(sources):
    source, _ = sources["a4"]
    sheet = two_up(first_pages(source, 1), "a4")
    assert halves(sheet) == [("[1]", "[1]")]


def test_impose_command_on_a_foreign_pdf(tmp_path):
    (tmp_path / "in.pdf").write_bytes(numbered(tmp_path, "letter", 6))  # full Letter pages, not half-letter
    done = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "impose", "in.pdf", "out.pdf", "--paper", "letter", "--long-edge"],
                          cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr
    assert "scaled to fit and centred" in done.stderr
    assert "2 sheets" in done.stdout and "flip on long edge" in done.stdout
    reader = PdfReader(tmp_path / "out.pdf")
    assert len(reader.pages) == 4
    assert halves((tmp_path / "out.pdf").read_bytes())[0] == ("[6]", "[1]")
    bad = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "impose", "in.pdf", "x.pdf", "--signature", "6"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 2
    (tmp_path / "not.pdf").write_text("hello")
    broken = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "impose", "not.pdf", "x.pdf"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert broken.returncode == 1 and broken.stderr.startswith("not.pdf: error: cannot impose this PDF")
    assert "Traceback" not in broken.stderr and not (tmp_path / "x.pdf").exists()
