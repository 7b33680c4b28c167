"""Shared helpers: guides written inline into tmp_path, built with the real pipeline."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from studyguide.build.run import Result, Settings, build

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
HALF_LETTER = (396.0, 612.0)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content} under root (dedented text or raw bytes)."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def cli_in(cwd: Path, *args: str):
    """The CLI run in this process with `cwd` as the working folder (click's result)."""
    import os

    from click.testing import CliRunner

    from studyguide.cli.main import main

    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def check_in(tmp_path: Path, files: dict[str, str | bytes]) -> str:
    """`studyguide check guides` run in `tmp_path` over `files` (written first): its output, never an internal error."""
    write(tmp_path, files)
    done = cli_in(tmp_path, "check", "guides")
    assert "internal error" not in done.output and "Traceback" not in done.output, done.output
    return done.output


def build_one(path: Path, out: Path, **settings) -> Result:
    results = build([path], Settings(out=out, jobs=1, **settings))
    assert len(results) == 1
    return results[0]


def pdf_text(data: bytes | Path) -> list[str]:
    """Text of each page, whitespace folded."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(raw)).pages]


def folded(text: str) -> str:
    """Text as compared: whitespace folded, soft hyphens at line ends joined."""
    return " ".join(re.sub(r"(\w)- (\w)", r"\1\2", " ".join(text.split())).split())


def halves(data: bytes) -> list[tuple[str, str]]:
    """Per sheet side, the text of its left and right halves (pdfium, by position)."""
    document = pdfium.PdfDocument(data)
    sides = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        sides.append(
            (
                " ".join(text.get_text_bounded(0, 0, width / 2, height).split()),
                " ".join(text.get_text_bounded(width / 2, 0, width, height).split()),
            )
        )
    return sides


@pytest.fixture
def guide_dir(tmp_path: Path) -> Path:
    return tmp_path / "guides"


def tagged_headings(path: Path) -> list[tuple[str, int, str]]:
    """(H1/H2/H3, page, text) from the PDF's structure tree, in the tree's order (pdfium)."""
    import ctypes

    import pypdfium2.raw as raw

    def text_by_mcid(page) -> dict[int, list[str]]:
        textpage, found = page.get_textpage(), {}
        for obj in page.get_objects(max_depth=5):
            mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
            if mcid < 0 or obj.type != raw.FPDF_PAGEOBJ_TEXT:
                continue
            size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = (ctypes.c_ushort * (size // 2 + 1))()
            raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
            found.setdefault(mcid, []).append(bytes(buffer)[:size].decode("utf-16-le").rstrip("\x00"))
        return found

    def kind(element) -> str:
        size = raw.FPDF_StructElement_GetType(element, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDF_StructElement_GetType(element, buffer, size)
        return buffer.raw.decode("utf-16-le").rstrip("\x00")

    def mcids(element, found):
        for k in range(raw.FPDF_StructElement_GetMarkedContentIdCount(element)):
            found.append(raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, k))
        for k in range(raw.FPDF_StructElement_CountChildren(element)):
            child = raw.FPDF_StructElement_GetChildAtIndex(element, k)
            if child:
                mcids(child, found)
        return found

    headings = []
    document = pdfium.PdfDocument(path)
    for number in range(len(document)):
        page = document[number]
        texts = text_by_mcid(page)
        tree = raw.FPDF_StructTree_GetForPage(page.raw)

        def walk(element):
            name = kind(element)
            if name in ("H1", "H2", "H3"):
                headings.append((name, number + 1, "".join("".join(texts.get(m, [])) for m in mcids(element, []))))
                return
            for k in range(raw.FPDF_StructElement_CountChildren(element)):
                child = raw.FPDF_StructElement_GetChildAtIndex(element, k)
                if child:
                    walk(child)

        for k in range(raw.FPDF_StructTree_CountChildren(tree)):
            walk(raw.FPDF_StructTree_GetChildAtIndex(tree, k))
        raw.FPDF_StructTree_Close(tree)
    return headings


def font_sizes(path: Path, needle: str) -> set[float]:
    """The font sizes (pt) of the characters where `needle` first appears (pdfium)."""
    import pypdfium2.raw as raw

    for page in pdfium.PdfDocument(path):
        textpage = page.get_textpage()
        hit = textpage.search(needle).get_next()
        if hit:
            start, count = hit
            # WeasyPrint sets text in CSS px under a 0.75 scale: px * 0.75 = pt.
            return {round(raw.FPDFText_GetFontSize(textpage.raw, i) * 0.75, 1) for i in range(start, start + count)
                    if not textpage.get_text_range(i, 1).isspace()}
    return set()


# The files that take longest, sent to the workers first (`make test` runs the suite with --dist loadfile,
# in the order files are collected): the short ones then fill in at the end, and the two cores finish together.
LONGEST = ("test_failclosed", "test_relayout", "test_typeset", "test_startup", "test_scripts", "test_import_pages",
           "test_preflight", "test_readers", "test_house", "test_cli", "test_outputs", "test_parallel", "test_live")


def pytest_collection_modifyitems(items):
    order = {name: rank for rank, name in enumerate(LONGEST)}
    items.sort(key=lambda item: order.get(item.path.stem, len(LONGEST)))


def ignore_resets(server) -> None:
    """Chromium drops a download it has no use for (a PDF the page links): a reset connection is not the
    test's failure, and its traceback is only noise in the suite's output."""
    import sys

    original = server.handle_error

    def handle_error(request, address) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            original(request, address)

    server.handle_error = handle_error
