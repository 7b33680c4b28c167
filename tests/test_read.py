"""Reading a guide: front matter checked with lines, Markdown conventions as data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.errors import GuideError
from studyguide.read.reader import read

from .conftest import write

GOOD = """
---
title: A guide
authors: [Ann, Bob]
date: 2024-05-01
reading:
  title: An article
  issue: 2572
tags: [one, two]
---
Intro.

## Session 1: First

Term
: Its *definition*.

::: facilitator
Secret plan: allow ten minutes.
:::

### Discussion questions

1. Why "this"?
    - a follow-up
    - another
2. Second question

## Session 2

## Talking points {.questions}

1. Third question
"""


def errors_of(tmp_path: Path, text: str | bytes) -> list[str]:
    write(tmp_path, {"g.md": text})
    with pytest.raises(GuideError) as info:
        read(tmp_path / "g.md")
    return [str(d) for d in info.value.diagnostics]


def test_reads_front_matter_and_conventions(tmp_path):
    guide = read(write(tmp_path, {"g.md": GOOD}) / "g.md")
    assert guide.meta.title == "A guide"
    assert guide.meta.authors == ("Ann", "Bob")
    assert guide.meta.reading[0].issue == "2572"
    assert [s.title for s in guide.sections] == ["Session 1: First", "Session 2", "Talking points"]
    assert [s.session for s in guide.sections] == [True, True, False]
    assert [(q.section, q.number, q.text) for q in guide.questions] == [
        ("Session 1: First", 1, "Why “this”?"),
        ("Session 1: First", 2, "Second question"),
        ("Talking points", 3, "Third question"),
    ]
    assert guide.questions[0].followups == ("a follow-up", "another")
    assert [(t.term, t.definition) for t in guide.terms] == [("Term", "Its definition.")]
    assert guide.facilitator_text == ["Secret plan: allow ten minutes."]
    assert "Secret plan" in guide.html["facilitator"]
    assert "Secret plan" not in guide.html["participant"]
    assert [w.message for w in guide.warnings] == ["section 'Session 2' is empty"]


def test_unknown_key_is_a_warning_with_its_line(tmp_path):
    guide = read(write(tmp_path, {"g.md": "---\ntitle: T\ncolour: red\n---\nBody\n"}) / "g.md")
    assert [str(w) for w in guide.warnings if w.line and not w.message.startswith("no discussion questions")] == [f"{tmp_path / 'g.md'}:3: warning: unknown key 'colour' is ignored"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\nsubtitle: S\n---\nBody\n", ["1: error: the front matter needs a 'title'"]),
        ("---\ntitle: T\ntags: 5\n---\n", ["3: error: 'tags' must be a list, not a number: write tags: [one, two]"]),
        ("---\ntitle: T\ndate: 1 May\npaper: a3\n---\n", [
            "3: error: 'date' must be a date written YYYY-MM-DD, not '1 May'",
            "4: error: 'paper' must be 'a4' or 'letter', not 'a3'",
        ]),
        ("---\ntitle: T\nreading: [{author: X}]\n---\n", ["3: error: a reading needs a 'title'"]),
        ("---\ntitle: [unclosed\n---\n", ["3: error: front matter is not valid YAML"]),
        ("---\ntitle: T\n", ["1: error: front matter is not closed: no second '---' line"]),
        ("", ["1: error: the file is empty: a guide needs front matter with a title"]),
        ("# No front matter\n", ["1: error: a guide must start with front matter: a first line '---'"]),
        (b"---\ntitle: T\n---\n\nCaf\xe9\n", ["5: error: the file is not UTF-8 text (byte 0xe9)"]),
        ("---\ntitle: T\n---\ntext\n\n![a map](missing.png)\n", ["6: error: image not found: missing.png"]),
        ("---\ntitle: T\n---\n\n::: facilitator\nNever closed\n", [
            "5: error: facilitator block is not closed: add a line ':::' after it"
        ]),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, expected):
    found = errors_of(tmp_path, text)
    assert len(found) == len(expected)
    for line, want in zip(found, expected):
        assert line.startswith(f"{tmp_path / 'g.md'}:{want}"), line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.text(max_size=200), body=st.text(max_size=300))
def test_any_input_reads_or_raises_our_error(tmp_path, front, body):
    path = tmp_path / "fuzz.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    try:
        read(path)
    except GuideError as error:
        assert error.diagnostics and all(str(d).startswith(str(path)) for d in error.diagnostics)


@pytest.mark.parametrize("front, line, said", [
    ('title: "Bang"\nsubtitle: !Viva la huelga', 3, "'!Viva' is read as a YAML tag, not as text: put the value in quotes"),
    ("title: A\ntitle: B", 3, "'title' is given twice (first at line 2): keep one"),
    ("title: A\nreading:\n  title: R\n  title: S", 5, "'title' is given twice (first at line 4): keep one"),
    ("title: A\ntags: !!python/name:os.system x", 3, "this value cannot be read"),
    ("title: A\ngroup: !local Our branch", 3, "'!local' is read as a YAML tag"),
])
def test_yaml_tags_and_repeated_keys_are_errors_at_their_line(tmp_path, front, line, said):
    """Seen: a subtitle starting with `!` crashed `check` for every guide; a repeated key took the last value."""
    from studyguide.build.check import check

    (tmp_path / "guides").mkdir()
    (tmp_path / "guides/a.md").write_text(f"---\n{front}\n---\nText.\n", encoding="utf-8")
    (tmp_path / "guides/b.md").write_text("---\ntitle: B\nlang: not a language\n---\nText.\n", encoding="utf-8")
    found = [str(d) for d in check([tmp_path / "guides"]) if d.level == "error"]
    assert any(f.startswith(f"{tmp_path / 'guides/a.md'}:{line}: error: {said}") for f in found), found
    assert any(f.startswith(f"{tmp_path / 'guides/b.md'}:3: error:") for f in found), found  # the next guide still checked


def test_each_facilitator_note_is_converted_on_its_own(tmp_path):
    """Notes share one converter (reset before each): nothing of one note, a footnote, an
    abbreviation or a heading's anchor, may turn up in the next."""
    write(tmp_path, {"g.md": """\
        ---
        title: Notes
        ---
        ## Summary

        Text.

        ::: facilitator
        ### Timing

        First note, with a footnote.[^a] The ILO met.

        *[ILO]: International Labour Organization

        [^a]: The first note's source.
        :::

        ## Discussion questions

        1. Why?

        ::: facilitator
        ### Timing

        Second note, with its own footnote.[^a] The ILO again.

        [^a]: The second note's source.
        :::
        """})
    from studyguide.render.html import render_guide

    html = render_guide(read(tmp_path / "g.md"), "facilitator", None)
    first, second = html.split("First note")[1].split("Second note")
    assert "first note’s source" in first and "second note" not in first
    assert "second note’s source" in second and "first note" not in second
    assert "<abbr" in first and "<abbr" not in second  # the abbreviation was the first note's alone
