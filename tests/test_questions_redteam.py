"""Questions lost or misplaced with exit 0 (red team, round four): a lone question under a
later heading, a wrapped line that starts with a year or a bullet, two sessions with one
title. The promise: every question the organiser wrote is on the handout, as written, or
the reader warns at a line of that question. The handout is read back from the HTML the
layout is given (lxml, not the reader); the corpus (tests/corpus.py) builds the real PDFs."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.build.promises import check_questions
from studyguide.editions.handouts import session_handouts
from studyguide.errors import GuideError
from studyguide.i18n import catalogues, words_for
from studyguide.read.lists import glued_markers, normalize
from studyguide.read.reader import read
from studyguide.render.html import render_questions

HEAD = "---\ntitle: Wrapped\n---\n\nIntro.\n\n## Discussion questions\n\n"
FIRST = HEAD.count("\n") + 1  # the line the first question starts on

WORD = st.sampled_from(["what", "did", "the", "general", "strike", "of", "workers", "achieve", "and", "why", "it",
                        "end", "who", "led", "council", "miners", "win"])
# What a hard wrap may put at the start of a line: a year, a count, a dash or an operator.
TOKEN = st.one_of(st.integers(10, 2100).map(lambda n: f"{n}."), st.integers(10, 2100).map(lambda n: f"{n})"),
                  st.sampled_from(["-", "+", "*"]))
INDENT = st.sampled_from(["", " ", "  ", "   ", "    "])


@st.composite
def question(draw) -> list[str]:
    """A question's lines as written after its marker: wrapped at random, a wrap may start with a token."""
    lines = []
    for place in range(draw(st.integers(1, 3))):
        words = draw(st.lists(WORD, min_size=1, max_size=5))
        if place and draw(st.booleans()):
            words.insert(0, draw(TOKEN))
        lines.append((draw(INDENT) if place else "") + " ".join(words))
    return [*lines[:-1], lines[-1] + "?"]


@st.composite
def wrapped_list(draw) -> list[list[str]]:
    return draw(st.lists(question(), min_size=1, max_size=4))


def written(asked: list[list[str]], delimiter: str, loose: bool = False) -> tuple[str, list[tuple[str, int, int]]]:
    """The guide, and each question as the organiser meant it, with its first and last line."""
    rows, meant = [], []
    for number, lines in enumerate(asked, start=1):
        if loose and rows:
            rows.append("")
        start = FIRST + len(rows)
        rows += [f"{number}{delimiter} {lines[0]}", *lines[1:]]
        meant.append((" ".join(" ".join(lines).split()), start, FIRST + len(rows) - 1))
    return HEAD + "\n".join(rows) + "\n", meant


def handout_items(guide) -> tuple[list[str], str]:
    """Each numbered item of the question handout, as its HTML says, without its follow-ups; and all its text."""
    page = lxml.html.fromstring(render_questions(guide))
    whole = page.xpath("//body")[0].text_content()
    items = []
    for item in page.xpath("//li[@data-q]"):
        for inner in item.xpath(".//ul"):
            inner.getparent().remove(inner)
        items.append(" ".join(item.text_content().split()))
    return items, whole


@settings(max_examples=int(os.environ.get("QUESTIONS_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(wrapped_list(), st.sampled_from([".", ")"]), st.booleans())
def test_each_wrapped_question_is_on_the_handout_or_warned(tmp_path: Path, asked, delimiter, loose) -> None:
    source, meant = written(asked, delimiter, loose)
    path = tmp_path / "g.md"
    path.write_text(source, encoding="utf-8")
    try:
        guide = read(path)
    except GuideError as error:  # pragma: no cover - the failure says what was refused
        raise AssertionError(f"refused: {error}\n{source}") from None
    items, whole = handout_items(guide)
    warned = {w.line for w in guide.warnings if w.level == "warning" and w.line}
    for text, first, last in meant:
        assert text in items or warned & set(range(first, last + 1)), (text, items, guide.warnings, source)
    # and the second lock, which reads the source on its own, agrees: nothing refused that was built
    check_questions(guide, {"questions": (whole, tuple(q.number for q in guide.questions))})


def test_the_findings_as_reported(tmp_path: Path) -> None:
    """Findings 13, 5 and 15, read: each now said at its line."""
    path = tmp_path / "wrap.md"
    path.write_text(HEAD + "1. What did the general strike of\n1926. achieve, and why did it end?\n2. Who led it?\n",
                    encoding="utf-8")
    said = [(w.line, w.message) for w in read(path).warnings]
    assert said[0][0] == FIRST + 1 and said[0][1].startswith("'1926.' starts a new question here")
    assert "write '1926\\.'" in said[0][1] and "number it 2" in said[0][1]
    path.write_text(HEAD + "1. What did the strike win?\n2. What did it lose?\n\n## Going further\n\n"
                    "- Would you have called the strike off?\n", encoding="utf-8")
    assert [(w.line, w.message[:40]) for w in read(path).warnings] == [
        (FIRST + 3, "questions under 'Going further', which i")]
    path.write_text("---\ntitle: Dup\n---\n\n## Session 1\n\n### Questions\n\n1. What did the strike win?\n\n"
                    "## Session 1\n\n### Questions\n\n1. Who paid for the defeat?\n", encoding="utf-8")
    with pytest.raises(GuideError) as refused:
        read(path)
    assert str(refused.value).startswith(f"{path}:11: error: a second session headed 'Session 1' (the first is at "
                                         "line 5)")
    assert "('## Session 2')" in str(refused.value)


def test_an_indented_year_stays_in_its_question(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_text(HEAD + "1. What did the general strike of\n   1926. achieve?\n2. Who led it?\n", encoding="utf-8")
    guide = read(path)
    assert [q.text for q in guide.questions] == ["What did the general strike of 1926. achieve?", "Who led it?"]
    assert guide.warnings == []


@pytest.mark.parametrize("source, said", [
    ("1. What did the strike\n- achieve?\n", [(1, "'-' starts a new question here")]),
    ("1. What did the strike\n   + achieve?\n", [(1, "'+' starts a follow-up under the question above")]),
    ("1) What did the strike of\n1926) achieve?\n2) Who?\n", [(1, "'1926)' starts a new question here")]),
    ("- What did the strike of\n1926. achieve?\n", [(1, "'1926.' starts a new question here")]),
    # what organisers write on purpose is left alone
    ("1. What did the strike win?\n- And the lockout?\n", []),
    ("1. Compare the two strikes:\n   - the first\n   - the second\n2. Who?\n", []),
    ("1. One?\n2. Two?\n3. Three?\n", []),
    ("1. One?\n1. Two?\n", []),  # every item numbered 1, as some editors do
    ("1. What did the strike\n\n- achieve?\n", []),  # a blank line: a list of its own, meant
    ("Text that ends with\n1926. not a list\n", []),  # a number other than 1 does not interrupt a paragraph
])
def test_glued_markers(source: str, said: list[tuple[int, str]]) -> None:
    found = glued_markers(source)
    assert [(row, message[:len(start)]) for (row, message), (_, start) in zip(found, said)] == said
    assert len(found) == len(said)


def test_a_glued_year_under_the_text_is_escaped_not_a_list() -> None:
    text, origin = normalize("1. What did the strike of\n   1926. achieve?\n")
    assert text.split("\n")[:2] == ["1. What did the strike of", "    1926\\. achieve?"] and origin[:2] == [0, 1]


def guide_with(tmp_path: Path, body: str):
    path = tmp_path / "s.md"
    path.write_text("---\ntitle: S\n---\n\nIntro.\n\n" + body, encoding="utf-8")
    return read(path)


def test_sessions_are_matched_by_place_not_title(tmp_path: Path) -> None:
    guide = guide_with(tmp_path, "## Session 1: On\n\n### Questions\n\n1. First?\n\n## Session 2: On\n\n### Questions\n\n"
                                 "1. Second?\n")
    # the same title given to two sections (as the reader refuses for sessions): still two handouts, one question each
    same = [dataclasses.replace(s, title="Session") for s in guide.sections]
    twin = dataclasses.replace(guide, sections=same, questions=[dataclasses.replace(q, section="Session")
                                                                 for q in guide.questions])
    assert [(n, [q.text for q in asked]) for n, _, asked in session_handouts(twin)] == [(1, ["First?"]), (2, ["Second?"])]


def test_a_session_is_named_by_its_own_number(tmp_path: Path) -> None:
    guide = guide_with(tmp_path, "## Session 1\n\n### Questions\n\n1. First?\n\n## Session 1000\n\n### Questions\n\n"
                                 "1. Second?\n")
    assert [(n, title) for n, title, _ in session_handouts(guide)] == [(1, "Session 1"), (1000, "Session 1000")]


def test_a_session_heading_at_another_level_is_warned(tmp_path: Path) -> None:
    guide = guide_with(tmp_path, "## Session 1\n\n### Questions\n\n1. First?\n\n# Session 2\n\n### Questions\n\n"
                                 "1. Second?\n\n## Session 3\n\n### Questions\n\n1. Third?\n")
    assert [(w.line, w.message[:40]) for w in guide.warnings] == [(13, "'Session 2' is a level-1 heading: only a")]
    # its questions are on the guide's handout, and not on session 1's
    assert [(n, [q.text for q in asked]) for n, _, asked in session_handouts(guide)] == [(1, ["First?"]), (3, ["Third?"])]


def test_two_sessions_with_one_number_warn(tmp_path: Path) -> None:
    guide = guide_with(tmp_path, "## Session 1: Reading\n\n1. First?\n\n## Session 1: Talk\n\n1. Second?\n")
    assert [(w.line, w.message[:60]) for w in guide.warnings if "numbered 1" in w.message] == [
        (11, "a second session numbered 1 (the first is at line 7): the se")]


def test_messages_have_lines(tmp_path: Path) -> None:
    guide = guide_with(tmp_path, "## {.questions}\n\n1. What did the strike win?\n")
    assert [(w.line, w.message[:48]) for w in guide.warnings] == [
        (7, "the heading '{.questions}' has no words before i"), (9, "no discussion questions (a heading 'Discussion q")]
    guide = guide_with(tmp_path, "## Discussion questions\n\n1. One?\n\n> Was the “strike” *really* [lost](https://x.org)?\n")
    assert [(w.line, w.message[:30]) for w in guide.warnings] == [(11, "this looks like a question (or")]


@pytest.mark.parametrize("lang", sorted(catalogues()))
def test_import_placeholders_are_flagged_in_every_language(tmp_path: Path, lang: str) -> None:
    words = words_for(lang)
    guide = guide_with(tmp_path, f"{words['skeleton_article_summary_hint']}\n\n## {words['questions']}\n\n"
                                 f"1. {words['skeleton_article_question_1']}\n2. What did the strike win?\n")
    assert [w.line for w in guide.warnings if "left from the new-guide template" in w.message] == [7, 11], guide.warnings


def test_a_questions_heading_at_level_2_ends_its_session(tmp_path: Path) -> None:
    guide = guide_with(tmp_path, "## Session 1\n\nText.\n\n## Discussion questions\n\n1. First?\n\n## Session 2\n\n"
                                 "### Discussion questions\n\n1. Second?\n")
    assert [(w.line, w.message[:60]) for w in guide.warnings] == [
        (11, "'Discussion questions' is a level-2 heading, so it ends 'Ses")]


def test_the_second_lock_finds_a_wrapped_line_lost(tmp_path: Path) -> None:
    """The lock reads the source on its own: a question's wrapped line missing from the handout is refused at its line."""
    from studyguide.build.promises import unasked

    path = tmp_path / "g.md"
    path.write_text(HEAD + "1. What did the general strike of\n   the miners achieve?\n2. Who led it?\n", encoding="utf-8")
    guide = read(path)
    whole = "Discussion questions 1. What did the general strike of the miners achieve? 2. Who led it?"
    assert unasked(guide, whole, "handout") == []
    lost = unasked(guide, whole.replace(" the miners achieve?", ""), "handout")
    assert [(d.line, d.message[:44]) for d in lost] == [(FIRST + 1, "this line of a question is not on the handou")]
