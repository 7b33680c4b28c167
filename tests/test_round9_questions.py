"""Round nine: questions written the way Word, Notion and other users write them (org5 report,
findings 7, 8, 9, 12, 15, 17, 20, 26). Each question reaches the handout with its follow-ups, or
the reader says so at the right line, with advice that works when followed."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from studyguide.errors import GuideError
from studyguide.read.reader import read

from .conftest import build_one

HEAD = "---\ntitle: Round nine\n---\n\n"  # the body starts at line 5


def _read(body: str, folder: Path | None = None):
    """The guide read from a file holding `body`; its warnings as (line, message)."""
    if folder is None:
        folder = Path(tempfile.mkdtemp())
    path = folder / "g.md"
    path.write_text(HEAD + body, encoding="utf-8")
    guide = read(path)
    return guide, [(w.line, w.message) for w in guide.warnings]


def _refused(body: str, folder: Path) -> list[tuple[int | None, str]]:
    path = folder / "g.md"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        read(path)
    return [(d.line, d.message) for d in caught.value.diagnostics if d.level == "error"]


# --- 7: a questions heading that lost its `##` in a paste from Word ------------------------------------
@pytest.mark.parametrize("line", ["Discussion Questions", "Discussion questions:", "DISCUSSION QUESTIONS",
                                  "Questions for discussion"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_plain_questions_line_heads_the_questions_and_is_named(tmp_path, line, gap):
    guide, warned = _read(f"{line}{gap}1. Who owns the housing in your area?\n2. What would a fair rent be?\n", tmp_path)
    assert [q.text for q in guide.questions] == ["Who owns the housing in your area?", "What would a fair rent be?"]
    assert len(warned) == 1 and warned[0][0] == 5, warned
    assert f"'{line}' is a paragraph, not a heading" in warned[0][1]
    fixed = f"## {line.rstrip(':')}"
    assert f"write '{fixed}'" in warned[0][1]
    # the advice, followed: the same questions, nothing said
    again, said = _read(f"{fixed}\n\n1. Who owns the housing in your area?\n2. What would a fair rent be?\n", tmp_path)
    assert [q.text for q in again.questions] == [q.text for q in guide.questions] and said == []


def test_a_plain_questions_line_inside_a_session_is_told_to_be_a_level_three_heading(tmp_path):
    body = ("## Session 1\n\nDiscussion Questions\n\n1. Who owns?\n\n## Session 2\n\nDiscussion Questions\n\n"
            "1. What is fair?\n")
    guide, warned = _read(body, tmp_path)
    assert [(q.section, q.text) for q in guide.questions] == [("Session 1", "Who owns?"), ("Session 2", "What is fair?")]
    assert [line for line, _ in warned] == [7, 13] and all("write '### Discussion Questions'" in m for _, m in warned)
    again, said = _read(body.replace("\nDiscussion Questions\n", "\n### Discussion Questions\n"), tmp_path)
    assert said == [] and [q.section for q in again.questions] == ["Session 1", "Session 2"]


def test_questions_under_no_heading_are_said_as_such_not_as_under_their_first_question(tmp_path):
    guide, warned = _read("Some text.\n\n1. Who owns the housing in your area?\n2. What would a fair rent be?\n",
                          tmp_path)
    assert guide.questions == []
    assert len(warned) == 1 and warned[0][0] == 7, warned
    assert "under no heading" in warned[0][1] and "'## Discussion questions'" in warned[0][1]
    assert "Who owns" not in warned[0][1]


def test_a_lead_in_naming_questions_heads_its_list_without_a_warning(tmp_path):
    guide, warned = _read("## The reading\n\nSome questions to think about:\n- Who owns the housing?\n- What is fair?\n",
                          tmp_path)
    assert [q.text for q in guide.questions] == ["Who owns the housing?", "What is fair?"] and warned == []


def test_a_session_heading_over_questions_is_not_to_be_renamed(tmp_path):
    _guide, warned = _read("## Session 1: Intro\n\n1. Why?\n\n## Session 2\n\n### Discussion questions\n\n1. How?\n",
                           tmp_path)
    assert [(line, "put '### Discussion questions' on a line of its own" in m) for line, m in warned] == [(5, True)]


# --- 8: Word's bullets -------------------------------------------------------------------------------
BULLETS = ["•", "◦", "▪", "·", "\uf0b7"]
TAB_ONLY = ["§"]


@settings(max_examples=40, deadline=None)
@given(bullet=st.sampled_from(BULLETS + TAB_ONLY), gap=st.sampled_from(["\t", " ", "\u00a0", "\t\t"]),
       lead=st.sampled_from(["\t", "   ", "    ", "  "]), number=st.sampled_from(["1.", "1)", "1.\t", "1)\t"]))
def test_word_bullets_under_a_question_are_its_follow_ups(bullet, gap, lead, number):
    if bullet in TAB_ONLY and not gap.startswith("\t"):
        gap = "\t"
    second = number.replace("1", "2")
    body = (f"## Discussion Questions\n\n{number} What hazards do you see at your workplace?\n"
            f"{second} Have you ever raised a concern – what happened?\n"
            f"{lead}{bullet}{gap}Did management respond?\n{lead}{bullet}{gap}Was it in writing?\n")
    guide, warned = _read(body)
    assert [(q.text, q.followups) for q in guide.questions] == [
        ("What hazards do you see at your workplace?", ()),
        ("Have you ever raised a concern – what happened?", ("Did management respond?", "Was it in writing?"))], body
    assert warned == []


@pytest.mark.parametrize("bullet", ["•\t", "• ", "◦\t", "▪ "])
def test_word_bullets_elsewhere_are_a_list(tmp_path, bullet):
    body = (f"## Discussion questions\n\n1. Why?\n\n## Next steps\n\n{bullet}Talk to your safety rep\n"
            f"{bullet}Read the HSE leaflet\n\t◦\tpage 2\n\nA row of dots:\n\n• • •\n\n```\n•\tas typed\n```\n")
    guide, _ = _read(body, tmp_path)
    html = guide.html["participant"]
    assert re.search(r"<ul>\s*<li>Talk to your safety rep</li>\s*<li>Read the HSE leaflet<ul>\s*<li>page 2</li>", html)
    assert "<p>• • •</p>" in html and "•   as typed" in html  # an ornament, and code, as typed
    assert [q.text for q in guide.questions] == ["Why?"]


def test_a_list_of_questions_in_word_bullets_is_the_questions(tmp_path):
    guide, warned = _read("## Discussion questions\n\n•\tWho?\n•\tWhy?\n\t▪\tReally?\n", tmp_path)
    assert [(q.number, q.text, q.followups) for q in guide.questions] == [(1, "Who?", ()), (2, "Why?", ("Really?",))]
    assert warned == []


def test_words_second_level_o_before_a_tab_is_a_follow_up(tmp_path):
    body = "## Discussion questions\n\n1. Why?\n2. Have you raised a concern?\n\to\tDid management respond?\n"
    guide, warned = _read(body, tmp_path)
    assert warned == [] and guide.questions[1].followups == ("Did management respond?",)
    result = build_one(tmp_path / "g.md", tmp_path / "out", editions=("questions",))
    assert result.ok, result.errors  # the handout's own check knows Word's `o` too


# --- 9: lettered follow-ups --------------------------------------------------------------------------
LETTERS = {"a.": ("a.", "b.", "c."), "a)": ("a)", "b)", "c)"), "(a)": ("(a)", "(b)", "(c)"), "A.": ("A.", "B.", "C."),
           "i.": ("i.", "ii.", "iii."), "(i)": ("(i)", "(ii)", "(iii)")}


@settings(max_examples=40, deadline=None)
@given(style=st.sampled_from(sorted(LETTERS)), lead=st.sampled_from(["   ", "\t", "    ", "  "]),
       gap=st.sampled_from([" ", "\t"]), count=st.integers(1, 3), blank=st.booleans())
def test_lettered_follow_ups_are_follow_ups_with_their_letters(style, lead, gap, count, blank):
    labels = LETTERS[style][:count]
    asks = ("Who gained?", "Who lost?", "Who paid?")[:count]
    sep = "\n\n" if blank else "\n"
    lettered = sep.join(f"{lead}{label}{gap}{ask}" for label, ask in zip(labels, asks))
    body = (f"## Discussion questions\n\n1. What did the general strike of 1926 achieve?{sep}{lettered}{sep}"
            f"2. Why did the TUC call it off?\n")
    guide, warned = _read(body)
    assert [(q.text, q.followups) for q in guide.questions] == [
        ("What did the general strike of 1926 achieve?", tuple(f"{label} {ask}" for label, ask in zip(labels, asks))),
        ("Why did the TUC call it off?", ())], body
    assert warned == []


def test_a_lettered_line_out_of_order_is_warned_and_a_wrapped_initial_is_text(tmp_path):
    body = ("## Discussion questions\n\n1. What did\n   A. J. Cook demand?\n2. When?\n   c. Late?\n"
            "3. Why?\n   a. One?\n   c. Three?\n")
    guide, warned = _read(body, tmp_path)
    assert [(q.text, q.followups) for q in guide.questions] == [
        ("What did A. J. Cook demand?", ()), ("When? c. Late?", ()), ("Why?", ("a. One? c. Three?",))]
    assert [line for line, _ in warned] == [10, 13]
    assert "'c.' starts a line under a question" in warned[0][1] and "'c.' is out of order (after 'a' comes 'b')" in warned[1][1]


# --- 12: questions headings as groups write them -----------------------------------------------------
ACCEPTED = ["Discuss", "For discussion", "Let's discuss", "Let’s Discuss!", "Group discussion", "Discussion Guide",
            "Talking points", "Conversation starters", "Things to think about", "Points to ponder", "Food for thought",
            "Reflection", "Think about", "À débattre", "Para conversar", "Zum Nachdenken", "Gesprächsimpulse",
            "Denkanstöße:", "Pistes de réflexion", "Para reflexionar"]


@pytest.mark.parametrize("heading", ACCEPTED)
def test_a_questions_heading_as_groups_write_it_heads_the_questions(tmp_path, heading):
    guide, warned = _read(f"## {heading}\n\n1. Why did the strike end?\n2. Who gained?\n", tmp_path)
    assert [q.text for q in guide.questions] == ["Why did the strike end?", "Who gained?"] and warned == []


@pytest.mark.parametrize("heading, said", [("Discussion of the text", "looks like a questions heading"),
                                           ("Around the table", "which is not a questions heading")])
def test_a_heading_that_is_not_one_is_one_warning_not_three(tmp_path, heading, said):
    _guide, warned = _read(f"## {heading}\n\n1. Why did the strike end?\n2. Who gained?\n", tmp_path)
    assert len(warned) == 1 and warned[0][0] == 5 and said in warned[0][1], warned
    assert "no question handout is made" in warned[0][1]


# --- 15: a question ends before its timing or its footnote's mark ---------------------------------------
@pytest.mark.parametrize("end", ["? (15 min)", "?[^3]", "? (see p. 4)", "?* (10 mins)", "? [20 min]"])
def test_a_question_ending_with_a_time_or_a_mark_has_its_follow_ups_unwarned(tmp_path, end):
    body = f"## Discussion questions\n\n1. What is structure?\n2. Why do informal elites form{end}\n   - Is this inevitable?\n"
    guide, warned = _read(body + "\n[^3]: Michels.\n" if "^3" in end else body, tmp_path)
    assert guide.questions[1].followups == ("Is this inevitable?",) and warned == []


def test_a_question_that_stops_mid_sentence_is_still_warned(tmp_path):
    _guide, warned = _read("## Discussion questions\n\n1. What did the general strike of (1926)\n- achieve?\n", tmp_path)
    assert [line for line, m in warned if "stops mid-sentence" in m] == [8]


# --- 17: to-dos are not questions ---------------------------------------------------------------------
@pytest.mark.parametrize("todo", ["- [ ] Book the room", "- [x] Print handouts", "* [X] Print handouts",
                                  "3. [ ] Book the room", "- [] Book the room"])
@pytest.mark.parametrize("lead_in", ["", "Before next time:\n\n"])
def test_a_to_do_under_the_questions_is_refused_at_its_line(tmp_path, todo, lead_in):
    body = f"## Discussion questions\n\n1. Who has the right to the city?\n2. What is accumulation?\n\n{lead_in}{todo}\n- [ ] Two\n"
    errors = _refused(body, tmp_path)
    line = 5 + body.split("\n").index(todo)
    assert len(errors) == 1 and errors[0][0] == line, errors
    assert "to-do" in errors[0][1] and "::: facilitator" in errors[0][1]


def test_to_dos_elsewhere_or_for_the_leader_are_no_error(tmp_path):
    body = ("## Discussion questions\n\n1. Who has the right to the city?\n\n::: facilitator\n- [ ] Book the room\n:::\n\n"
            "2. Did you vote?\n   - [ ] Yes\n   - [ ] No\n\n## Before next time\n\n- [ ] Print handouts\n")
    guide, warned = _read(body, tmp_path)
    assert [(q.text, q.followups) for q in guide.questions] == [
        ("Who has the right to the city?", ()), ("Did you vote?", ("[ ] Yes", "[ ] No"))] and warned == []


# --- 20: a session numbered in words ------------------------------------------------------------------
@pytest.mark.parametrize("heading, advised", [("Session One", "Session 2"), ("Session I", "Session 2"),
                                              ("Session II: The strike", "Session 2: The strike"),
                                              ("Part 2: The strike", "Session 2: The strike"),
                                              ("Session Three", "Session 3"), ("Séance deux", "Séance 2")])
def test_a_session_numbered_in_words_gets_advice_that_gives_it_its_own_handout(tmp_path, heading, advised):
    body = (f"## Session 1: Intro\n\n### Discussion questions\n\n1. Why?\n\n## {heading}\n\n### Discussion questions\n\n"
            "1. How?\n")
    _guide, warned = _read(body, tmp_path)
    assert len(warned) == 1 and warned[0][0] == 11, warned
    assert f"write '## {advised}'" in warned[0][1] and "###" not in warned[0][1]
    again, said = _read(body.replace(f"## {heading}\n", f"## {advised}\n"), tmp_path)
    assert said == [] and [(s.title, s.number) for s in again.sections if s.session] == [
        ("Session 1: Intro", 1), (advised, int(re.search(r"\d", advised).group(0)))]


def test_a_guides_parts_numbered_in_words_are_not_sessions_and_not_warned(tmp_path):
    body = ("## Part one: armed with organisation\n\n### Discussion questions\n\n1. Why?\n\n"
            "## Part two: defeat\n\n### Discussion questions\n\n1. How?\n")
    _guide, warned = _read(body, tmp_path)
    assert warned == []


# --- 26: a picture between two questions --------------------------------------------------------------
def test_a_picture_between_two_questions_is_warned_and_the_advice_puts_it_on_the_handout(tmp_path):
    (tmp_path / "church.png").write_bytes(_png())
    body = "## Discussion questions\n\n1. What did the Chartists demand?\n\n![A Chartist meeting](church.png)\n\n2. Who came?\n"
    _guide, warned = _read(body, tmp_path)
    assert len(warned) == 1 and warned[0][0] == 9 and "this picture stands between two questions" in warned[0][1]
    again, said = _read(body.replace("\n![", "\n    !["), tmp_path)
    assert said == [] and '<img alt="A Chartist meeting"' in again.questions[0].html


# --- the handout itself, from a paste out of Word ------------------------------------------------------
def test_a_guide_pasted_from_word_gets_a_handout_with_every_follow_up_on_its_own_line(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(HEAD + "Discussion Questions\n\n1)\tWhat hazards do you see at your workplace?\n"
                    "2)\tHave you ever raised a concern?\n\t•\tDid management respond?\n\t\t◦\tWas it in writing?\n"
                    "3)\tWhat did the strike achieve?\n\ta.\tWho gained?\n\tb.\tWho lost?\n", encoding="utf-8")
    result = build_one(path, tmp_path / "build", editions=("questions",))
    assert result.ok, result.errors
    from pypdf import PdfReader

    lines = [" ".join(row.split()) for page in PdfReader(tmp_path / "build" / "g" / "g-questions.pdf").pages
             for row in page.extract_text().split("\n")]
    for said in ("Have you ever raised a concern?", "Did management respond?", "What did the strike achieve?",
                 "a. Who gained?", "b. Who lost?"):
        assert any(row.endswith(said) and len(row) <= len(said) + 4 for row in lines), (said, lines)
    assert any("Was it in writing?" in row for row in lines)


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
