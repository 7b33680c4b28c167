"""Every PDF we make, read as a print shop and two viewers read it: qpdf's check,
PDFium and Poppler drawing the same pages, even page counts, files others can read."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from studyguide.build.run import Settings, build
from studyguide.bench.corpus import guide as corpus_guide
from studyguide.pdf.impose import press
from studyguide.pdf.write import html_to_pdf
from studyguide.pdf.preflight import PreflightError, check, problems

from .conftest import write

DPI = 30
THREE = """\
---
title: Three pages
paper: a4
---

## The text

Some words to read. {mark}

### Discussion questions

1. What does it say?
"""


def need(program: str) -> str:
    """The program's path; in CI (CI set) its absence fails the test instead of skipping it."""
    found = shutil.which(program)
    if not found:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{program} is not installed (.ci/run installs it)")
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """3-, 7- and 33-page guides before padding, A4 and Letter, every edition, built under umask 022."""
    root = tmp_path_factory.mktemp("corpus")
    # Two sessions on Letter: 7 pages, and a handout per session.
    seven = corpus_guide(6, 6).replace("tags: [bench]", "tags: [bench]\npaper: letter").replace("## Part", "## Session")
    write(root / "guides", {"three.md": THREE.format(mark=""), "seven.md": seven})
    write(root / "long", {"long.md": corpus_guide(31, 31)})
    old = os.umask(0o022)
    try:
        results = build([root / "guides"], Settings(out=root / "out", jobs=2))
        # The long guide: the editions whose page counts matter (the rest are made as for the others).
        results += build([root / "long"], Settings(out=root / "out", jobs=1,
                                                   editions=("participant", "facilitator", "booklet", "press", "questions")))
    finally:
        os.umask(old)
    assert all(r.ok for r in results), [str(e) for r in results for e in r.errors]
    return {r.slug: root / "out" / r.slug for r in results} | {"out": root / "out"}


def pdfs(corpus) -> list[Path]:
    found = sorted(corpus["out"].rglob("*.pdf"))
    kinds = {p.name.split(".")[0].split("-", 1)[-1] for p in found}
    assert {"booklet", "facilitator", "large-print", "press", "questions", "questions-2up", "questions-session-1"} <= kinds
    return found


def test_padding_happened_where_the_guide_ran_odd(corpus):
    """The corpus does exercise the padding: each guide's last page but one is a Notes page."""
    for slug in ("three", "seven", "long"):
        document = pdfium.PdfDocument(corpus[slug] / f"{slug}.pdf")
        text = document[len(document) - 2].get_textpage().get_text_range().split()
        assert text[0] == "Notes", (slug, text)
    assert len(pdfium.PdfDocument(corpus["long"] / "long.pdf")) == 34


def test_page_counts_even_and_press_a_multiple_of_four(corpus):
    for slug in ("three", "seven", "long"):
        folder = corpus[slug]
        count = {kind: len(PdfReader(next(folder.rglob(f"{slug}{kind}.pdf"))).pages)
                 for kind in ("", "-facilitator", "-press", "-booklet")}
        assert count[""] % 2 == 0 and count["-facilitator"] % 2 == 0, count
        assert count["-press"] % 4 == 0 and count["-press"] == count["-booklet"] * 2, count
        assert count["-press"] - count[""] in (0, 2)


def test_qpdf_check_passes_every_pdf(corpus):
    qpdf = need("qpdf")
    for path in pdfs(corpus):
        done = subprocess.run([qpdf, "--check", path], capture_output=True, text=True)
        assert done.returncode == 0 and "WARNING" not in done.stdout + done.stderr, (path.name, done.stdout[-500:])
        assert problems(path.read_bytes()) == [], path.name


def test_every_output_is_readable_as_the_umask_says(corpus):
    files = [p for p in corpus["out"].rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"index.html", "guide.json", "three.epub", "three-press.pdf"}
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o644"}


def poppler(path: Path, folder: Path) -> list[Image.Image]:
    (folder / path.stem).mkdir()
    subprocess.run([need("pdftoppm"), "-r", str(DPI), "-gray", path, folder / path.stem / "p"], check=True)
    return [Image.open(p).convert("L") for p in sorted((folder / path.stem).glob("p-*.pgm"), key=lambda p: int(p.stem[2:]))]


def cells(image: Image.Image, cell: int = 8) -> bytes:
    """The mean grey of each cell of a grid (8 px at 30 dpi: about 7 mm): how much ink is where."""
    return image.resize((image.width // cell, image.height // cell), Image.Resampling.BOX).tobytes()


def test_pdfium_and_poppler_draw_the_same_pages(corpus, tmp_path):
    """Same pages, same sizes, ink in the same places, and little difference pixel by pixel.
    Text is anti-aliased a little differently (measured: a mean difference up to 7 % at 30 dpi
    on dense pages, and at most 0.2 % of the cells differing by more than 32 greys); half a
    sheet missing in one engine makes a third of the cells differ."""
    worst = worst_cells = 0.0
    for path in pdfs(corpus):
        ours = [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in pdfium.PdfDocument(path)]
        theirs = poppler(path, tmp_path)
        assert len(ours) == len(theirs) == len(PdfReader(path).pages), path.name
        for number, (a, b) in enumerate(zip(ours, theirs), start=1):
            assert abs(a.width - b.width) <= 1 and abs(a.height - b.height) <= 1, (path.name, number, a.size, b.size)
            size = (min(a.width, b.width), min(a.height, b.height))
            a, b = a.crop((0, 0, *size)), b.crop((0, 0, *size))
            for engine, image in (("pdfium", a), ("poppler", b)):
                assert image.getextrema()[0] < 160, f"{path.name} page {number} is blank in {engine}"
            pairs = list(zip(cells(a), cells(b)))
            disagree = sum(abs(x - y) > 32 for x, y in pairs) / len(pairs)
            difference = ImageStat.Stat(ImageChops.difference(a, b)).mean[0] / 255
            worst, worst_cells = max(worst, difference), max(worst_cells, disagree)
            assert disagree < 0.01, f"{path.name} page {number}: ink in different places ({disagree:.1%} of cells)"
            assert difference < 0.10, (path.name, number, difference)
    print(f"pdfium/poppler at {DPI} dpi: mean pixel difference up to {worst:.2%}, inked cells differing up to {worst_cells:.2%}")


def test_press_pdf_describes_itself_for_the_print_shop(corpus):
    with pikepdf.open(corpus["seven"] / "seven-press.pdf") as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        pages = len(pdf.pages)
    assert info["/SGTrimSize"] == "140 × 216 mm (half Letter, 5.5 × 8.5 in)" and info["/SGBleed"] == "3 mm"
    assert info["/SGPageCount"] == str(pages) and info["/SGColour"] == "colour (RGB)"
    assert info["/Subject"].startswith("Press PDF: 140 × 216 mm") and f"{pages} pages" in info["/Subject"]
    assert "bleed 3 mm" in info["/Keywords"] and info["/Title"].startswith("Benchmark guide 6")
    with pikepdf.open(corpus["three"] / "three-press.pdf") as pdf:
        assert str(pdf.docinfo["/SGTrimSize"]) == "148 × 210 mm (A5)" and pdf.pdf_version >= "1.4"


def test_summary_line_says_what_the_press_pdf_is(tmp_path):
    write(tmp_path, {"three.md": THREE.format(mark="")})
    done = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "build", "three.md", "--out", "out",
                           "--editions", "participant,press", "-j", "1"],
                          cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr
    assert "press PDF 148 × 210 mm (A5) + 3 mm bleed, 4 pp, colour (RGB)" in done.stdout


def grey_pdf(tmp_path: Path, pages: int) -> bytes:
    html = ("<style>@page { size: 148mm 210mm; margin: 20mm } p { break-after: page; color: #333 }</style>"
            + "".join(f"<p>Page {n}</p>" for n in range(1, pages + 1)))
    return html_to_pdf(html, tmp_path).pdf


def test_press_pads_to_four_and_tells_grey_from_colour(tmp_path):
    told: dict = {}
    data = press(grey_pdf(tmp_path, 5), told=told)
    assert told == {"trim": "148 × 210 mm (A5)", "bleed": "3 mm", "pages": 8, "colour": "black and white"}
    document = pdfium.PdfDocument(data)
    assert len(document) == 8
    texts = [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    assert texts[:4] == ["Page 1", "Page 2", "Page 3", "Page 4"] and texts[-1] == "Page 5"  # the back cover stays last
    for page in document:  # PDFium draws every page: crop marks at least, all a single content stream
        assert page.render(scale=0.2, grayscale=True).to_pil().getextrema()[0] < 128
    assert problems(data) == []


# The faults the preflight exists for, each made the way it was or could be made.

def old_press(data: bytes) -> bytes:
    """The press PDF as it was: the stream object itself inside /Contents (blank in PDFium)."""
    reader, writer = PdfReader(io.BytesIO(data)), PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
        added = writer.pages[-1]
        added[NameObject("/Contents")] = ArrayObject([added["/Contents"].get_object()])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_preflight_finds_each_fault(tmp_path):
    good = press(grey_pdf(tmp_path, 4))
    assert problems(good) == []
    assert any("non-stream in an array of streams" in p or "unknown token" in p for p in problems(old_press(good)))
    assert problems(good.replace(b"%PDF-1.7", b"%PDF-1.3", 1)) == [
        "the header says %PDF-1.3 but the file uses PDF 1.4 features"]
    assert problems(good[: len(good) // 2])  # cut short: qpdf would have to repair it
    with pikepdf.open(io.BytesIO(good)) as pdf:
        pdf.pages[1].obj.TrimBox = pikepdf.Array([0, 0, 2000, 2000])
        pdf.pages[2].Contents = pdf.make_stream(b"q Q")
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        pdf.pages[3].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        pdf.pages[3].Contents = pdf.make_stream(b"BT /F1 12 Tf 50 50 Td (Hi) Tj ET")
        out = io.BytesIO()
        pdf.save(out)
    found = problems(out.getvalue())
    assert "page 2: the TrimBox is not within the BleedBox" in found
    assert "page 3 draws nothing" in found and "font Helvetica is not embedded" in found
    with pytest.raises(PreflightError, match=r"x-press\.pdf failed its preflight check: .*earlier file is kept"):
        check(Path("x-press.pdf"), out.getvalue())


def test_a_pdf_failing_preflight_is_not_written_and_yesterdays_stays(tmp_path, monkeypatch):
    """A bug of ours in the press PDF, as the one this check was made for: an internal
    error naming the file, and every file of the guide left as it was."""
    write(tmp_path, {"three.md": THREE.format(mark="")})
    settings = Settings(out=tmp_path / "out", jobs=1, editions=("participant", "press"))
    first = build([tmp_path / "three.md"], settings)[0]
    assert first.ok
    before = {p.name: p.read_bytes() for p in (tmp_path / "out/three").iterdir() if p.is_file()}
    import studyguide.pdf.impose

    real = studyguide.pdf.impose.press
    monkeypatch.setattr(studyguide.pdf.impose, "press", lambda *a, **k: old_press(real(*a, **k)))
    write(tmp_path, {"three.md": THREE.format(mark="Changed.")})
    second = build([tmp_path / "three.md"], settings)[0]
    assert not second.ok
    [error] = second.errors
    assert "internal error (PreflightError: " in str(error) and "three-press.pdf failed its preflight check" in str(error)
    assert {p.name: p.read_bytes() for p in (tmp_path / "out/three").iterdir() if p.is_file()} == before


def test_impose_command_output_passes_and_follows_the_umask(tmp_path):
    (tmp_path / "in.pdf").write_bytes(grey_pdf(tmp_path, 2))  # 2 pages: one sheet side left white, by design
    for mask, mode in ((0o022, 0o644), (0o027, 0o640)):
        done = subprocess.run(f"umask {mask:03o} && {sys.executable} -m studyguide.cli.main impose in.pdf out-{mask:o}.pdf",
                              shell=True, cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "PYTHONWARNINGS": "ignore"})
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"out-{mask:o}.pdf").stat().st_mode & 0o777 == mode
    assert problems((tmp_path / "out-22.pdf").read_bytes(), blank_sides=True) == []


def test_impose_names_the_faults_of_someone_elses_pdf_and_goes_on(tmp_path):
    """A font the source left out is the source's fault: a warning, and the booklet is made."""
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        for n in range(3):
            pdf.add_blank_page(page_size=(420, 595))
            pdf.pages[n].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
            pdf.pages[n].Contents = pdf.make_stream(f"BT /F1 24 Tf 50 500 Td (Page {n + 1}) Tj ET".encode())
        pdf.save(tmp_path / "in.pdf")
    done = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "impose", "in.pdf", "out.pdf"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr
    assert "in.pdf: warning: the source PDF: font Helvetica is not embedded" in done.stderr
    assert problems((tmp_path / "out.pdf").read_bytes(), blank_sides=True) == ["font Helvetica is not embedded"]
