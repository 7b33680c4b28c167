"""Round six: what the third red teams found, and the shortcuts taken for speed, each
checked against the slow definition it stands in for."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.errors import GuideError
from studyguide.read import unseen
from studyguide.read.hiding import skeleton
from studyguide.read.reader import read

from .conftest import build_one, pdf_text, write


def _view_by_letter(line: str) -> str:
    out: list[str] = []
    for char in line:
        if unseen.unseen(char):
            continue
        if unicodedata.category(char) in ("Mn", "Me") and (not out or not out[-1].isalnum()):
            continue
        out.append(char)
    return "".join(out)


def test_an_ascii_lines_view_is_its_view_letter_by_letter():
    for code in range(128):
        for line in (f"a{chr(code)}b", f"{chr(code)}::: facilitator", f"::{chr(code)}:"):
            assert unseen.view(line) == _view_by_letter(line), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F, exclude_characters="&"), max_size=40))
def test_ascii_text_is_its_own_skeleton_but_for_what_it_hides(line):
    assert skeleton(line) == _view_by_letter(line)


def test_the_control_character_found_is_unicodes_first_control_character():
    for code in range(0, min(sys.maxunicode, 0x3000)):
        char = chr(code)
        wanted = char if char not in "\t\n" and unicodedata.category(char) == "Cc" else None
        assert unseen.control_character(f"ok{char}") == wanted, hex(code)


# Paragraphs Markdown would take minutes over ---------------------------------------------

HEAD = "---\ntitle: Costly\n---\n\n## Discussion questions\n\n1. Why?\n\n"


@pytest.mark.parametrize("paragraph", ["[" * 30000, "![a" * 3000, "<a " * 5000, "`a" * 3000, "*a" * 3000,
                                       "*[A]: b\n" * 1500, "a\n===\n" * 600 + "x\n" * 100, "[^" * 2000])
def test_a_paragraph_markdown_would_take_minutes_over_is_refused_at_its_line(tmp_path, paragraph):
    guide = write(tmp_path, {"costly.md": HEAD + "Some words first.\n\n" + paragraph + "\n"}) / "costly.md"
    done = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "build", str(guide), "-o", str(tmp_path / "out"),
                           "--editions", "participant"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert re.search(rf"costly\.md:{HEAD.count(chr(10)) + 3}: error: this paragraph (holds|runs for) [\d,]+ ", done.stderr), \
        done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out" / "costly" / "costly.pdf").exists()


def test_a_guide_of_many_headings_and_links_is_read_as_written(tmp_path):
    sections = "".join(f"Part {n}\n-------\n\nSee [the notes](https://example.org/{n}) and `code`.\n\n" for n in range(400))
    guide = write(tmp_path, {"long.md": HEAD + sections}) / "long.md"
    assert read(guide).html["participant"].count("<h2") >= 400


# Red team 3 (structure): labels wrapped over lines, labels inside a line, fences in front matter ---------

WRAPPED = {  # body text: the line the refusal names
    "Facilitator\nnotes: they will ask about 1905": 1,
    "**Facilitator\nnotes:** steer them to 1905": 1,
    "Facilitator\nonly: steer them": 1,
    "Teaching\nnotes: steer them": 1,
    "Suggested\nanswers: yes, 1905": 1,
    "[Facilitator\nonly: steer them]": 1,
    "Some text (Facilitator\nonly: steer them).": 1,
    "> Facilitator\n> notes: steer them": 1,
    "Facilitator\nnotes\n-----\n\nsteer them": 1,
    "Text.[^1]\n\n[^1]: Facilitator\n    notes: steer them": 3,
    "Term\n:   Facilitator\n    notes: steer them": 2,
    "Facili-\ntator notes: steer them": 1,
    "Notes for\nthe facilitator: steer them": 1,
    "1. First question?\n   Facilitator\n   notes: steer them": 2,
    "1. First question?\n    - Facilitator\n      only: steer them": 2,
    "What did he mean? Facilitator notes: steer them to 1905.": 1,
    "We meet at seven. **Facilitator notes:** steer them": 1,
    "Read it first — Leader only: steer them": 1,
    "```notes-for-leader\nsteer them\n```": 1,
    "~~~ answers_for_the_tutor\nsteer them\n~~~": 1,
}
PRINTED = [  # as organisers write, about the person leading: printed
    "The group's\nfacilitator notes that the room is booked.",
    "We thank our\nfacilitator: Ann Smith, who leads.",
    "Read the chapter on\nleadership: what makes a leader?",
    "Teaching\nis hard; notes: see page 4.",
    "We meet at 7. Facilitator: Ann Smith.",
    "He said so. The leaders: Lenin and Trotsky.",
    "Ask the facilitator: she knows the way.",
    "```python\nprint('notes')\n```",
]
TOP = "---\ntitle: Wrapped\n---\n\n## Summary\n\n"
QUESTIONS = "\n\n## Discussion questions\n\n1. Why?\n2. How?\n"


@pytest.mark.parametrize("body", list(WRAPPED))
def test_a_leaders_label_wrapped_or_inside_a_line_is_refused_at_its_line(tmp_path, body):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    guide.write_text(TOP + body + QUESTIONS, encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        read(guide)
    errors = [d for d in caught.value.diagnostics if d.level == "error"]
    assert errors and errors[0].line == TOP.count("\n") + WRAPPED[body], [str(d) for d in errors]


@pytest.mark.parametrize("body", PRINTED)
def test_words_about_whoever_leads_wrapped_over_lines_are_printed(tmp_path, body):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    guide.write_text(TOP + body + QUESTIONS, encoding="utf-8")
    assert len(read(guide).questions) == 2


@pytest.mark.parametrize("front", ['subtitle: |\n  ::: facilitator\n  steer them\n  :::',
                                   'title: "Strikes ::: facilitator steer them :::"',
                                   'group: "::: {.facilitator}"'])
def test_a_facilitator_fence_in_the_front_matter_is_refused(tmp_path, front):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    title = "" if front.startswith("title") else "title: Strikes\n"
    guide.write_text(f"---\n{title}{front}\n---\n{QUESTIONS}", encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        read(guide)
    assert any("front matter" in d.message and d.level == "error" for d in caught.value.diagnostics)


# Questions: a note's list is the note's; headings that start nothing; what the check compares ----------

def test_a_list_in_a_footnote_or_a_definition_stays_there_and_is_no_question(tmp_path):
    guide = write(tmp_path, {"g.md": """\
        ---
        title: Sources
        ---

        ## Key terms

        Term
        :   Meaning:

            - a point of the definition

        ## Discussion questions

        1. First question[^n]?
        2. Second question?

        [^n]: A note, see:

            1. the first source
            2. the second source
        """}) / "g.md"
    read_guide = read(guide)
    assert [q.text for q in read_guide.questions] == ["First question?", "Second question?"]
    html = read_guide.html["participant"]
    assert html.index("the first source") > html.index('class="footnote') or "footnote" in html[html.index("the first source") - 400:]


@pytest.mark.parametrize("heading", ["<h2>Session 2: the strike</h2>", "> ## Session 2: the strike",
                                     "- ## Session 2: the strike", " ## Session 2: the strike",
                                     "> ## Discussion questions"])
def test_a_session_or_questions_heading_markdown_does_not_count_is_warned_at_its_line(tmp_path, heading):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    guide.write_text("---\ntitle: Sessions\n---\n\n## Session 1: the call\n\nText.\n\n### Discussion questions\n\n"
                     f"1. One?\n\n{heading}\n\nText.\n\n### Discussion questions\n\n1. Two?\n", encoding="utf-8")
    warned = [d for d in read(guide).warnings if d.line == 13]
    assert warned and "heading" in warned[0].message, [str(d) for d in read(guide).warnings]


def test_a_questions_heading_with_the_run_sheets_minutes_is_a_questions_heading(tmp_path):
    guide = write(tmp_path, {"g.md": "---\ntitle: Timed\n---\n\n## Discussion questions (30 min)\n\n1. One?\n2. Two?\n"})
    read_guide = read(guide / "g.md")
    assert [q.text for q in read_guide.questions] == ["One?", "Two?"] and not read_guide.warnings


@pytest.mark.parametrize("question", ["Read <https://example.org/a> first?", "Look at ![the map](map.svg) here?",
                                      "See [![the map](map.svg)](https://example.org) here?", "Is x &amp; y one?",
                                      "Is 2 < 3 and 4 > 1 here?", "Was 5 < 6 > 4 true?", "Is x &lt; y?"])
def test_questions_with_addresses_pictures_and_signs_reach_the_handout_and_build(tmp_path, question):
    guide = write(tmp_path, {"g.md": f"---\ntitle: Signs\n---\n\n## Discussion questions\n\n1. {question}\n2. Second?\n",
                             "map.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" '
                                        'height="9"/></svg>'}) / "g.md"
    result = build_one(guide, tmp_path / "out", editions=("participant", "questions"))
    assert result.ok, [str(d) for d in result.errors]
    handout = " ".join(pdf_text(tmp_path / "out" / "g" / "g-questions.pdf"))
    assert "Second?" in handout and question.split()[0] in handout and question.split()[-1] in handout
