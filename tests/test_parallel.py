"""One guide's editions laid out side by side (-j 2 with one guide): the same files as
-j 1, the time limit still stops everything, a failure is one line with its guide."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from studyguide.build.parallel import shares, tasks
from studyguide.build.run import Settings, build
from studyguide.editions import EDITIONS, NAMES, order
from studyguide.files import TEMPLATES

from .conftest import pdf_text, write

GUIDE = """\
---
title: Side by side
date: 2026-11-26
reading: {title: An article, publication: A paper}
---
## Summary

The council of delegates met in the workshop and argued over the strike fund.[^1]

::: facilitator
Keep the first session short.
:::

[^1]: A footnote, on the participant's page.

## Session 1

The strike, as the branch saw it.

### Discussion questions

1. Why did the council meet?
2. What did the union branch count?

## Session 2

The fund.

### Discussion questions

1. Who held the strike fund?
"""

ALL = NAMES + ("sign-in",)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_shares_give_spare_cores_to_the_first_guides():
    assert shares(1, 1) == [1] and shares(2, 1) == [2] and shares(2, 2) == [1, 1] and shares(2, 5) == [1] * 5
    assert shares(5, 2) == [3, 2] and shares(4, 3) == [2, 1, 1] and shares(8, 0) == []


def test_tasks_start_with_what_needs_nothing_and_group_what_waits():
    handed = [([e.name for e in group], needs) for group, needs in tasks(order(set(ALL)))]
    assert handed[0] == (["participant"], ())
    assert (["booklet", "press", "epub"], ("participant",)) in handed
    assert all("web" not in names for names, _ in handed)  # made last, by the guide's own process
    assert sorted(n for names, _ in handed for n in names) == sorted(set(ALL) - {"web"})


def test_two_cores_on_one_guide_make_the_files_one_core_makes(tmp_path):
    write(tmp_path, {"g.md": GUIDE})
    one = build([tmp_path / "g.md"], Settings(out=tmp_path / "one", jobs=1, editions=ALL))
    two = build([tmp_path / "g.md"], Settings(out=tmp_path / "two", jobs=2, editions=ALL))
    assert one[0].ok and two[0].ok, (one[0].errors, two[0].errors)
    first, second = _files(tmp_path / "one/g"), _files(tmp_path / "two/g")
    assert first.keys() == second.keys()
    assert {"g-booklet.pdf", "g-press.pdf", "g.epub", "g-sign-in.pdf", "index.html", "facilitator/g-facilitator.pdf",
            "g-questions-session-2.pdf", "guide.json"} <= first.keys()
    for name, data in first.items():
        if name.endswith(".pdf"):
            assert len(PdfReader(tmp_path / "one/g" / name).pages) == len(PdfReader(tmp_path / "two/g" / name).pages), name
            assert pdf_text(data) == pdf_text(second[name]), name
        assert data == second[name], name  # to the byte, the record (pages, sheets, warnings, sources) too
    for key in ("pages", "sheets", "layouts", "press", "warnings"):
        assert getattr(one[0], key) == getattr(two[0], key), key
    assert [p.relative_to(tmp_path / "one") for p in one[0].files] == [p.relative_to(tmp_path / "two") for p in two[0].files]
    assert one[0].pages > 1 and one[0].sheets >= 1 and one[0].layouts >= 8


def _descendants(root: int) -> dict[int, str]:
    """Every process under `root` now: pid -> its start time (so a reused pid is not taken for it)."""
    parents: dict[int, tuple[int, str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = (int(fields[1]), fields[19])
    found, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        for child, (parent, started) in parents.items():
            if parent == pid and child not in found:
                found[child] = started
                frontier.append(child)
    return found


def _alive(pid: int, started: str) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[19] == started and fields[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_the_time_limit_stops_the_guide_and_every_edition_it_laid_out(tmp_path):
    # An SVG that WeasyPrint draws for ever, catching the time limit's exception: only a kill stops it.
    levels = "".join(f'<g id="l{n}"><use href="#l{n - 1}"/><use href="#l{n - 1}" x="1"/><use href="#l{n - 1}" y="1"/>'
                     f'<use href="#l{n - 1}" x="1" y="1"/></g>' for n in range(1, 8))  # 4⁷: svgclean refuses more
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs><rect id="l0" width="1" '
           f'height="1"/>{levels}</defs><use href="#l7"/></svg>')
    write(tmp_path, {"g.md": GUIDE.replace("## Session 1", "![bomb](bomb.svg)\n\n## Session 1"), "bomb.svg": svg})
    command = [sys.executable, "-m", "studyguide.cli.main", "build", "g.md", "-j", "2", "--timeout", "3",
               "--editions", "participant,facilitator,large-print,booklet"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: dict[int, str] = {}
    deepest = 0
    while process.poll() is None:
        now = _descendants(process.pid)
        seen.update(now)
        deepest = max(deepest, sum(1 for pid in now if Path(f"/proc/{pid}").exists()
                                   and int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) != process.pid))
        time.sleep(0.05)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert err.count("took longer than 3 s") == 1 and "g.md" in err and "Traceback" not in err, err
    # the worker lays out the participant edition itself, a child of its own the facilitator's
    assert deepest >= 1, "the editions were not laid out in processes of their own"
    time.sleep(0.3)  # the kernel's parent-death signal is delivered at once; give it its moment
    assert [pid for pid, started in seen.items() if _alive(pid, started)] == []
    assert not (tmp_path / "build/g/g.pdf").exists()


def test_an_edition_that_fails_is_one_line_with_its_guide(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "questions.html.j2").read_text()
    (theme / "questions.html.j2").write_text(template.replace("<body", "{{ no_such.thing }}<body", 1))
    write(tmp_path, {"g.md": GUIDE})
    line = template[:template.index("<body")].count("\n") + 1
    results = build([tmp_path / "g.md"], Settings(out=tmp_path / "out", jobs=2, theme=theme,
                                                  editions=("participant", "facilitator", "questions", "booklet")))
    assert len(results) == 1 and len(results[0].errors) == 1
    message = str(results[0].errors[0])
    assert message.startswith(f"{theme / 'questions.html.j2'}:{line}: error: template error while building {tmp_path / 'g.md'}")
    assert "no_such" in message and "\n" not in message
    assert not (tmp_path / "out/g").exists()  # nothing written for a guide that failed


def test_the_locks_see_the_participant_files_made_by_the_children(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "guide.html.j2").read_text()
    # the leader's words pasted into a participant's template (it is never given the notes themselves)
    (theme / "guide.html.j2").write_text(template.replace("{{ body }}", "{{ body }}<p>Keep the first session short.</p>"))
    questions = (TEMPLATES / "questions.html.j2").read_text()
    (theme / "questions.html.j2").write_text(questions.replace("for q in questions", "for q in questions[:-1]"))
    write(tmp_path, {"g.md": GUIDE})
    leaked = build([tmp_path / "g.md"], Settings(out=tmp_path / "a", jobs=2, theme=theme,
                                                 editions=("participant", "facilitator", "large-print")))[0]
    assert [str(e) for e in leaked.errors] == [
        f"{tmp_path / 'g.md'}:11: error: facilitator notes would reach participants in the {edition}: "
        "“keep the first session short…” (the note written here); nothing was written"
        for edition in ("participant", "large-print")]
    (theme / "guide.html.j2").unlink()
    lost = build([tmp_path / "g.md"], Settings(out=tmp_path / "b", jobs=2, theme=theme,
                                               editions=("participant", "questions")))[0]
    assert [str(e) for e in lost.errors] == [f"{tmp_path / 'g.md'}:23: error: this question is not on the questions "
                                             "handout: “What did the union branch count?”; nothing was written"]
    assert EDITIONS["web"].last and not any(e.last for n, e in EDITIONS.items() if n != "web")


def test_a_failure_in_the_edition_the_worker_makes_itself_is_one_line_and_stops_the_children(tmp_path):
    """The worker lays out the participant edition itself while children make the others:
    when it fails, the guide fails with one line, its children are stopped, nothing is written."""
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "guide.html.j2").read_text()
    (theme / "guide.html.j2").write_text(template.replace("<body", "{{ no_such.thing }}<body", 1))
    write(tmp_path, {"g.md": GUIDE})
    before = set(_descendants(os.getpid()))
    results = build([tmp_path / "g.md"], Settings(out=tmp_path / "out", jobs=2, theme=theme,
                                                  editions=("participant", "facilitator", "questions", "booklet")))
    assert len(results) == 1 and len(results[0].errors) == 1, results[0].errors
    message = str(results[0].errors[0])
    assert message.startswith(f"{theme / 'guide.html.j2'}:") and "no_such" in message and "\n" not in message
    assert not (tmp_path / "out/g").exists()
    time.sleep(0.3)
    assert [pid for pid, started in _descendants(os.getpid()).items() if pid not in before and _alive(pid, started)] == []
