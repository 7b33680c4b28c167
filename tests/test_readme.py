"""The README's first screen works as typed, and a theme reaches every stylesheet it says."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from .conftest import build_one, write

REPO = Path(__file__).resolve().parent.parent


def test_every_make_target_the_readme_names_exists():
    readme = (REPO / "README.md").read_text()
    targets = set(re.findall(r"^([a-z]+):", (REPO / "Makefile").read_text(), re.M))
    named = set(re.findall(r"(?:^|`)make ([a-z]+)\b", readme, re.M))
    assert {"pdf", "test"} <= named and named <= targets, named - targets


def test_the_readme_says_how_to_run_studyguide_after_make_pdf():
    """Seen: `studyguide: command not found` after `make pdf`. The first screen names the
    command's place in the environment `make` creates, and that place holds it."""
    first = (REPO / "README.md").read_text().split("## ", 3)
    screen = "## ".join(first[:3])
    assert ".venv/bin/studyguide" in screen and ". .venv/bin/activate" in screen
    assert "VENV   := .venv" in (REPO / "Makefile").read_text()
    assert (Path(sys.executable).parent / "studyguide").exists()  # the console script beside this Python


def test_a_theme_restyles_the_e_book(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "epub.css").write_text("body { color: #123456; } /* the group's house style */\n")
    write(tmp_path, {"g.md": "---\ntitle: E\n---\nWords.\n"})
    result = build_one(tmp_path / "g.md", tmp_path / "out", theme=theme, editions=("participant", "epub"))
    assert result.ok, result.errors
    with zipfile.ZipFile(tmp_path / "out/g/g.epub") as book:
        assert "the group's house style" in book.read("EPUB/style.css").decode()
