"""Shared helpers: guides written inline into tmp_path, built with the real pipeline."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from studyguide.build import Result, Settings, build

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
