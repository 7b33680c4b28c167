"""The command as users meet it: a subprocess, its exit status, its error lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from .conftest import write

GOOD = """
---
title: Good guide
---
## Discussion questions

1. Does it build?
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyguide.cli.main", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_mixed_folder_builds_good_guides_reports_bad_ones(tmp_path):
    write(tmp_path, {
        "guides/good.md": GOOD,
        "guides/folder/guide.md": GOOD.replace("Good guide", "Folder guide"),
        "guides/bad.md": "---\ntitle: Bad\ntags: 5\n---\n",
        "guides/broken.md": "---\ntitle: [oops\n---\n",
    })
    done = run("build", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert "guides/bad.md:3: error: 'tags' must be a list, not a number: write tags: [one, two]" in lines
    assert any(line.startswith("guides/broken.md:3: error: front matter is not valid YAML") for line in lines)
    assert (tmp_path / "build/good/good.pdf").is_file()
    assert (tmp_path / "build/folder/folder-booklet.pdf").is_file()
    assert not (tmp_path / "build/bad").exists()
    assert "wrote build/good/good.pdf" in done.stdout
    assert "1 sheet of A4" in done.stdout and "flip on short edge, at 100 %" in done.stdout  # the printer's instructions
    index = (tmp_path / "build/index.html").read_text()
    assert 'href="good/good.pdf"' in index and 'href="folder/folder-questions.pdf"' in index


def test_exit_status_zero_and_usage_two(tmp_path):
    write(tmp_path, {"guides/good.md": GOOD})
    assert run("build", "guides/good.md", "--out", "out", cwd=tmp_path).returncode == 0
    assert run("build", "--no-such-option", cwd=tmp_path).returncode == 2
    assert run("build", "missing.md", cwd=tmp_path).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", cwd=empty).returncode == 2


def test_failing_rebuild_keeps_yesterdays_pdf(tmp_path):
    write(tmp_path, {"guides/g.md": GOOD})
    assert run("build", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "build/g").rglob("*") if p.is_file()}
    (tmp_path / "guides/g.md").write_text("---\ntitle: [broken\n---\n")
    again = run("build", cwd=tmp_path)
    assert again.returncode == 1
    after = {p.name: p.read_bytes() for p in (tmp_path / "build/g").rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes, no temporary left behind


def test_rebuild_is_byte_identical(tmp_path):
    write(tmp_path, {"guides/g.md": GOOD})
    assert run("build", "--out", "one", cwd=tmp_path).returncode == 0
    assert run("build", "--out", "two", cwd=tmp_path).returncode == 0
    for name in ("g.pdf", "facilitator/g-facilitator.pdf", "g-booklet.pdf", "g-questions.pdf", "g-questions-2up.pdf", "g-press.pdf",
                 "g-large-print.pdf", "g.epub", "index.html", "cover.png"):
        assert (tmp_path / "one/g" / name).read_bytes() == (tmp_path / "two/g" / name).read_bytes(), name
    assert (tmp_path / "one/index.html").read_bytes() == (tmp_path / "two/index.html").read_bytes()
    ids = [PdfReader(tmp_path / build / "g/g.pdf").trailer["/ID"] for build in ("one", "two")]
    assert ids[0] == ids[1]  # a document identifier, the same on a rebuild


def test_strict_turns_warnings_into_errors(tmp_path):
    write(tmp_path, {"guides/g.md": GOOD.replace("title: Good guide", "title: Good guide\ncolour: red")})
    assert run("build", "--editions", "participant", cwd=tmp_path).returncode == 0  # one edition says it as well as all
    strict = run("build", "--strict", "--out", "strict", "--editions", "participant", cwd=tmp_path)
    assert strict.returncode == 1
    assert "guides/g.md:3: error: unknown key 'colour' is ignored" in strict.stderr.splitlines()


def test_help_lists_commands(tmp_path):
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0 and "build" in done.stdout and "impose" in done.stdout
    assert run("--version", cwd=tmp_path).stdout.startswith("studyguide, version")


def test_new_refuses_a_title_it_cannot_name_a_file_after(tmp_path):
    """Seen: `new ""` made guides/guide/ with an empty title; `new "🙂🙂"` then said it existed already."""
    empty = run("new", "", cwd=tmp_path)
    assert empty.returncode == 1 and "error: a guide needs a title" in empty.stderr and "Traceback" not in empty.stderr
    emoji = run("new", "🙂🙂", cwd=tmp_path)
    assert emoji.returncode == 1 and "give one with --slug" in emoji.stderr
    assert not (tmp_path / "guides").exists() or not any((tmp_path / "guides").iterdir())
    named = run("new", "🙂🙂", "--slug", "smile", cwd=tmp_path)
    assert named.returncode == 0 and (tmp_path / "guides/smile/guide.md").is_file()
