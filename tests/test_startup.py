"""A build's start and end, which a cold one-guide build is mostly made of: what it
loads for the editions asked, what it leaves behind when it exits early, and the
exit statuses the early exit must keep."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import write

GUIDE = """\
---
title: A short guide
date: 2026-11-26
---
## Summary

The council of delegates met in the workshop and argued over the strike fund.

## Discussion questions

1. What did the council decide?
"""


def run(tmp_path: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "studyguide.cli.main", *args]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_the_early_exit_removes_weasyprints_font_folder_and_keeps_the_statuses(tmp_path):
    write(tmp_path, {"guides/g.md": GUIDE, "guides/bad.md": "---\ntitle: [unclosed\n---\n"})
    done = run(tmp_path, "build", "guides/g.md", "-q", "--editions", "participant,questions")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "build/g/g.pdf").is_file() and (tmp_path / "build/index.html").is_file()
    assert list((tmp_path / "tmp").iterdir()) == []  # the @font-face fonts' temporary folder is gone
    failed = run(tmp_path, "build", "guides", "-q", "--editions", "participant")
    assert failed.returncode == 1 and "guides/bad.md:" in failed.stderr and "Traceback" not in failed.stderr
    assert run(tmp_path, "build", "--no-such-option").returncode == 2
    assert list((tmp_path / "tmp").iterdir()) == []


WHAT_LOADED = """\
import sys
from pathlib import Path
from studyguide.build.run import build
from studyguide.config import load
from studyguide.settings import resolve

editions = tuple(sys.argv[1].split(","))
[result] = build([Path("guides/g.md")], resolve(load(Path(".")), {"editions": editions, "jobs": 1}))
assert result.ok, result.errors
print(" ".join(sorted(name for name in ("pypdf", "studyguide.pdf.impose", "studyguide.render.epub") if name in sys.modules)))
"""


def test_a_participant_edition_alone_does_not_load_the_booklets_pdf_library(tmp_path):
    write(tmp_path, {"guides/g.md": GUIDE})
    alone = run(tmp_path, "participant", code=WHAT_LOADED)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.split() == []
    every = run(tmp_path, "participant,booklet,epub", code=WHAT_LOADED)
    assert every.returncode == 0, every.stderr
    assert every.stdout.split() == ["pypdf", "studyguide.pdf.impose", "studyguide.render.epub"]
