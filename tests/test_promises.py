"""The second lock on "every question reaches the handout": a theme (or a bug) that drops
or glues a question fails the build at the question's line, and yesterday's files stay."""

from __future__ import annotations

from studyguide.files import TEMPLATES
from studyguide.build.promises import unasked
from studyguide.read.reader import read

from .conftest import build_one, write

GUIDE = """
    ---
    title: Promises
    ---
    Intro.

    ## Discussion questions

    1. What does the author claim about the strike?
    2. Which example convinced you most?
    3. What would you ask the author?
    """


def test_a_theme_that_drops_a_question_fails_the_build(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "questions.html.j2").read_text()
    assert "for q in questions" in template
    (theme / "questions.html.j2").write_text(template.replace("for q in questions", "for q in questions[:-1]"))
    write(tmp_path, {"g.md": GUIDE})
    (tmp_path / "out/g").mkdir(parents=True)
    (tmp_path / "out/g/g-questions.pdf").write_bytes(b"yesterday")
    result = build_one(tmp_path / "g.md", tmp_path / "out", theme=theme)
    assert [str(e) for e in result.errors][0].startswith(f"{tmp_path / 'g.md'}:10: error: ")
    assert "What would you ask the author?" in str(result.errors[0])
    assert (tmp_path / "out/g/g-questions.pdf").read_bytes() == b"yesterday"


def test_questions_run_together_are_caught_by_the_count(tmp_path):
    write(tmp_path, {"g.md": GUIDE})
    guide = read(tmp_path / "g.md")
    whole = "Discussion questions 1. What does the author claim about the strike? 2. Which example convinced you most? " \
            "3. What would you ask the author?"
    assert unasked(guide, whole, "handout") == []
    missing = whole.replace("3. What would you ask the author?", "")
    assert [d.line for d in unasked(guide, missing, "handout")] == [10]
    glued = guide.questions[:1]
    guide.questions = [glued[0].__class__(None, 1, guide.questions[0].text + " " + guide.questions[1].text, ""),
                       guide.questions[2]]
    [problem] = unasked(guide, whole, "handout")
    assert problem.line == 8 and "run together" in problem.message
