"""Round 9, running the sessions: a session's handout and run sheet show the meeting its heading
numbers; the run sheet counts a timed heading's questions inside its time and prints titles as the
guide does; announce warns of relative links and finds a guide by its slug; the web page and the
catalogue say when and where the group meets. Real builds (WeasyPrint), read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from studyguide.cli.main import main
from studyguide.distribute.runsheet import agendas, budget_warnings
from studyguide.read.reader import read

from .conftest import build_one, folded, pdf_text, write

SKIPPED = """
---
title: Sessions mapping
time: "19:00"
duration: 110 min
sessions:
  - date: 2026-12-03
  - date: 2026-12-10
    place: Cinema
  - date: 2026-12-17
    place: Library
---

## Session 1: Chapters 1-3

### Discussion questions (30 min)

1. Session one question?

## Session 3: Chapters 4-6

### Opening round (10 min)

### Discussion questions (60 min)

1. What does Freeman mean by "structurelessness"? (15 min)
2. Why, according to Freeman, do *informal* elites form?[^3] (15 min)
3. Evaluate Freeman's seven principles (20 min)
4. Does the essay still apply to online movements? (10 min)

### Close (40 min)

[^3]: Jo Freeman, 1972.
"""


@pytest.fixture(scope="module")
def skipped(tmp_path_factory) -> Path:
    root = write(tmp_path_factory.mktemp("skip"), {"guides/w.md": SKIPPED})
    result = build_one(root / "guides/w.md", root / "build", editions=("facilitator", "questions"))
    assert result.ok, result.errors
    assert not [w for w in result.warnings if "session" in w.message], result.warnings
    return root / "build" / "w"


def test_a_session_handout_shows_the_meeting_its_heading_numbers(skipped: Path) -> None:
    third = folded(" ".join(pdf_text(skipped / "w-questions-session-3.pdf")))
    assert "17 December 2026, 19:00 · 110 min · Library" in third
    assert "10 December" not in third and "Cinema" not in third
    first = folded(" ".join(pdf_text(skipped / "w-questions-session-1.pdf")))
    assert "3 December 2026, 19:00" in first and "17 December" not in first


def test_the_run_sheet_of_session_3_is_on_the_third_date(skipped: Path) -> None:
    pages = [folded(p) for p in pdf_text(skipped / "facilitator" / "w-facilitator.pdf")]
    sheet = next(p for p in pages if "Run sheet: Session 3" in p)
    assert "17 December 2026, 19:00 · 110 min · Library" in sheet and "Cinema" not in sheet


def test_a_timed_headings_questions_run_inside_its_time(skipped: Path) -> None:
    pages = [folded(p) for p in pdf_text(skipped / "facilitator" / "w-facilitator.pdf")]
    sheet = next(p for p in pages if "Run sheet: Session 3" in p)
    # 10 + 60 + 40 = 110: the questions are inside the 60 minutes, not after them
    assert "19:10–20:10 Discussion questions 60" in sheet
    assert "19:10–19:25 1. What does Freeman mean by" in sheet and "20:10–20:50 Close 40" in sheet
    assert "Total 110 / 110" in sheet and "more than the session" not in sheet
    # printed as the guide prints it: no footnote call as source, no emphasis marks, curly quotes
    assert "[^3]" not in sheet and "*" not in sheet and "do informal elites form?" in sheet
    assert "“structurelessness”?" in sheet and "Freeman’s" in sheet  # and not hyphenated in its narrow column


def test_questions_longer_than_their_heading_warn_at_the_one_that_runs_past(tmp_path: Path) -> None:
    path = write(tmp_path, {"g.md": """
        ---
        title: G
        date: 2026-12-03
        time: "14:00"
        duration: 2h
        ---

        ## Discussion questions (30 min)

        1. First? (20 min)
        2. Second?[^a] (20 min)

        ## Close (10 min)

        [^a]: A note.
        """}) / "g.md"
    guide = read(path)
    [agenda] = agendas(guide)
    assert [(p.title, p.begins, p.ends) for p in agenda.parts] == [
        ("Discussion questions", "14:00", "14:40"), ("1. First?", "14:00", "14:20"), ("2. Second?", "14:20", "14:40"),
        ("Close", "14:40", "14:50")]
    [said] = [w for w in guide.warnings if "min" in w.message]
    assert said.line == 11 and "add up to 40 min, 10 min more than its 30 min" in said.message


def test_headings_and_sessions_that_do_not_match_warn_at_the_heading(tmp_path: Path) -> None:
    path = write(tmp_path, {"g.md": """
        ---
        title: G
        sessions:
          - date: 2026-12-03
          - date: 2026-12-10
        ---

        ## Session 1

        Words.

        ## Session: the film

        Words.

        ## Session 3

        Words.

        ## Session 9: later

        Words.
        """}) / "g.md"
    said = [(w.line, w.message) for w in budget_warnings(read(path))]
    assert [line for line, _ in said] == [16, 20]
    assert "'Session 3' is session 3, but 'sessions' in the front matter lists 2" in said[0][1]
    assert "'Session 9: later' is session 9" in said[1][1]
    # a top-level date is the guide's one meeting, not a list to match: no warning
    one = write(tmp_path, {"one.md": "---\ntitle: O\ndate: 2026-12-03\n---\n\n## Session 1\n\nA.\n\n## Session 2\n\nB.\n"})
    assert budget_warnings(read(one / "one.md")) == []


MEETS = """
---
title: Gilead
group: St Mark's Book Club
time: "19:00"
duration: 90 min
timezone: America/Chicago
sessions:
  - date: 2026-12-03
    place: Parish Hall
  - date: 2026-12-10
    place: The Vicarage, 4 Elm Road
---

## Session 1

### Discussion questions

1. First?

## Session 2

### Discussion questions

1. Second?
"""

ONE = """
---
title: Cien años
lang: es
date: 2026-12-05
time: "18:00"
place: Biblioteca Municipal, sala 2
---

## Preguntas para el debate

1. ¿Primera?
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = write(tmp_path_factory.mktemp("pub"), {"guides/gilead/guide.md": MEETS, "guides/uno.md": ONE})
    for path in (root / "guides/gilead/guide.md", root / "guides/uno.md"):
        assert build_one(path, root / "build", editions=("participant", "web")).ok
    return root


def test_the_web_page_and_catalogue_say_when_and_where_the_group_meets(published: Path) -> None:
    page = (published / "build/gilead/index.html").read_text(encoding="utf-8")
    assert "<strong>Session 1:</strong> 3 December 2026, 19:00 (America/Chicago) · 90 min · " \
           '<span class="place">Parish Hall</span>' in page
    assert "10 December 2026, 19:00" in page and "The Vicarage, 4 Elm Road" in page
    uno = (published / "build/uno/index.html").read_text(encoding="utf-8")
    assert "5 de diciembre de 2026, 18:00" in uno and "Biblioteca Municipal, sala 2" in uno
    catalogue = (published / "build/index.html").read_text(encoding="utf-8")
    entry = catalogue[catalogue.index('id="gilead"'):]
    assert "3 December 2026, 19:00 (America/Chicago) · 90 min" in entry and "The Vicarage, 4 Elm Road" in entry
    other = catalogue[catalogue.index('id="uno"'):]
    assert "18:00" in other.split("</article>")[0] and "Biblioteca Municipal, sala 2" in other.split("</article>")[0]


def test_announce_warns_of_relative_links_and_finds_a_guide_by_its_slug(published: Path, monkeypatch) -> None:
    monkeypatch.chdir(published)
    runner = CliRunner()
    said = runner.invoke(main, ["announce", "gilead"])
    assert said.exit_code == 0, said.output
    assert "wrote build/gilead/gilead-announcement.eml" in said.output
    assert "warning: the announcement's links are relative (gilead/gilead.pdf)" in said.output
    assert "base_url" in said.output and "--base-url" in said.output
    assert 'href="gilead/gilead.pdf"' in (published / "build/gilead/gilead-announcement.html").read_text()
    absolute = runner.invoke(main, ["announce", "uno", "--base-url", "https://example.org/g"])
    assert absolute.exit_code == 0 and "warning" not in absolute.output, absolute.output
    assert "https://example.org/g/uno/uno.pdf" in (published / "build/uno/uno-announcement.txt").read_text()
    missing = runner.invoke(main, ["announce", "gilaed"])
    assert missing.exit_code == 2 and "nor the name of a built guide" in missing.output
