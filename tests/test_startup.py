"""A build's start and end, which a cold one-guide build is mostly made of: what it
loads for the editions asked, what it leaves behind when it exits early, and the
exit statuses the early exit must keep."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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


def test_a_guide_read_ahead_is_built_as_the_worker_would_have_read_it(tmp_path):
    """The reader process's guide (pickled, with its file's stamp) builds the same files
    as the worker's own reading of it; a guide that could not be read is sent as nothing."""
    import multiprocessing

    from studyguide.build import ahead as reader
    from studyguide.build.run import Settings, build_guide

    import pickle

    import pyphen

    write(tmp_path, {"g.md": GUIDE, "bad.md": "---\ntitle: [unclosed\n---\n"})
    settings = Settings(out=tmp_path / "out", jobs=1, editions=("participant", "questions"))

    def sent(path: Path) -> list[bytes]:
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe(duplex=False)
        child = context.Process(target=reader._read_one, args=(theirs, path, settings))
        child.start()
        theirs.close()
        messages = []
        while True:
            try:
                messages.append(ours.recv_bytes())
            except EOFError:
                break
        child.join()
        return messages

    ahead, patterns = sent(tmp_path / "g.md")  # the guide, then its language's hyphenation patterns, parsed
    assert ahead and patterns
    assert sent(tmp_path / "bad.md") == [b""]  # the worker reads it again, and says what is wrong at its line
    (where, parsed), = pickle.loads(patterns).items()
    assert where == pyphen.LANGUAGES[pyphen.language_fallback("en")]
    assert parsed.patterns == pyphen.HyphDict(where).patterns
    pyphen.hdcache.pop(where, None)
    reader.learn(patterns)
    assert pyphen.hdcache[where].patterns == parsed.patterns  # where WeasyPrint's pyphen looks first
    read_here = build_guide(tmp_path / "g.md", settings)
    files = {p.name: p.read_bytes() for p in (tmp_path / "out/g").rglob("*") if p.is_file()}
    read_ahead = build_guide(tmp_path / "g.md", settings, ahead=ahead)
    assert read_here.ok and read_ahead.ok, (read_here.errors, read_ahead.errors)
    assert files == {p.name: p.read_bytes() for p in (tmp_path / "out/g").rglob("*") if p.is_file()}
    assert (read_here.pages, read_here.warnings) == (read_ahead.pages, read_ahead.warnings)


def test_a_cold_build_on_two_cores_makes_the_files_and_errors_of_one(tmp_path):
    """From a cold process the first guide is read while WeasyPrint loads (on two cores):
    the files are those of -j 1 to the byte, and a guide in error is said once, at its line."""
    write(tmp_path, {"guides/g.md": GUIDE, "guides/bad.md": "---\ntitle: [unclosed\n---\n"})
    for jobs in ("1", "2"):
        done = run(tmp_path, "build", "guides/g.md", "-q", "-j", jobs, "--out", f"out{jobs}",
                   "--editions", "participant,questions,booklet")
        assert done.returncode == 0, done.stderr
    one, two = (tmp_path / "out1/g", tmp_path / "out2/g")
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    for path in one.iterdir():
        if path.is_file():
            assert path.read_bytes() == (two / path.name).read_bytes(), path.name
    failed = run(tmp_path, "build", "guides/bad.md", "-q", "-j", "2", "--out", "out3")
    assert failed.returncode == 1 and failed.stderr.count("guides/bad.md:3: error:") == 1, failed.stderr


def test_a_build_with_its_output_closed_still_ends_well(tmp_path):
    write(tmp_path, {"guides/g.md": GUIDE})
    done = subprocess.run(f"{sys.executable} -m studyguide.cli.main build guides/g.md --editions participant >&-",
                          shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert (tmp_path / "build/g/g.pdf").is_file()


def test_an_interruption_while_the_libraries_load_waits_until_they_have(tmp_path):
    """A SIGTERM that lands inside an extension module's import came out as an ImportError
    and a traceback; held, it is taken as an interruption once the imports are done. (In a
    process of its own: one with other threads, as a test runner's, may take it elsewhere.)"""
    code = """
import os, signal
from studyguide.build.worker import signals_held

def interrupted(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, interrupted)
reached = []
try:
    with signals_held():
        os.kill(os.getpid(), signal.SIGTERM)
        reached.append("the rest of the loading")
except KeyboardInterrupt:
    reached.append("interrupted")
print(reached)
"""
    done = run(tmp_path, code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['the rest of the loading', 'interrupted']"


def test_a_reading_saved_while_its_guide_is_built_is_built_again_next_time(tmp_path):
    """The record must not say the outputs were made from a reading (or image) saved while
    the guide was being laid out: the guide's own stamp is taken before it is read, the
    files it names just after, and all are compared when the build ends."""
    from studyguide.build.run import Settings, _inputs, _stamp, stamps
    from studyguide.read.reader import read

    write(tmp_path, {"guides/g/guide.md": GUIDE, "guides/g/reading.md": "---\ntitle: The article\n---\n\nFirst version.\n"})
    path = tmp_path / "guides/g/guide.md"
    settings = Settings(out=tmp_path / "out")
    before = _stamp(path)
    guide = read(path)
    started = stamps(guide, before)
    assert str(tmp_path / "guides/g/reading.md") in {str(Path(p).resolve()) for p in started} | set(started)
    assert _inputs(guide, settings, started)["inputs"]  # nothing saved: the digest is recorded
    time.sleep(0.01)
    (tmp_path / "guides/g/reading.md").write_text("---\ntitle: The article\n---\n\nSecond version, longer.\n")
    assert _inputs(guide, settings, started)["inputs"] == ""  # saved meanwhile: built again next run


def _slow_reader(conn, seconds: float, data: bytes) -> None:
    import time

    time.sleep(seconds)
    conn.send_bytes(data)
    conn.send_bytes(b"")


def _job(path, settings, digest, ahead):
    import time

    if ahead is None and path.name == "big.md":
        time.sleep(2)  # reading it again, as a worker would
    return (path.name, ahead, time.monotonic())


def test_a_guide_still_read_ahead_is_waited_for_and_another_worker_starts_first(tmp_path):
    """The reader began while WeasyPrint loaded, so what is left of its reading is shorter than
    reading from the start: the guide waits for it (and keeps what it read), the other free
    worker is given the next guide meanwhile, and the wait counts against the time limit."""
    import time

    from studyguide.build import worker
    from studyguide.build.run import Settings

    def readers(seconds: float) -> dict:
        context = worker._context()
        ours, theirs = context.Pipe(duplex=False)
        process = worker._start(context, _slow_reader, (theirs, seconds, b"what the reader read"))
        theirs.close()
        return {tmp_path / "big.md": (process, ours)}

    todo = [(tmp_path / "big.md", ""), (tmp_path / "small.md", "")]
    done: list = []
    began = time.monotonic()
    worker.run(todo, _job, Settings(out=tmp_path, jobs=2, timeout=30), done.append, readers(0.6))
    at = {name: (ahead, when - began) for name, ahead, when in done}
    assert at["big.md"][0] == b"what the reader read"  # waited for, not read again
    assert at["small.md"][0] is None and at["small.md"][1] < at["big.md"][1]  # not held up behind the wait
    done.clear()
    worker.run(todo[:1], _job, Settings(out=tmp_path, jobs=1, timeout=0.3), done.append, readers(3))
    (result,) = done
    assert not isinstance(result, tuple) and "longer than 0.3 s" in result.errors[0].message
