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


def test_a_question_with_a_footnote_reaches_the_handout_with_its_note_under_it(tmp_path):
    """Seen: a footnote in a question ran its text into the question, and the lock refused the guide."""
    write(tmp_path, {"g.md": """
        ---
        title: Notes
        ---
        Intro.

        ## Discussion questions

        1. Was Trotsky right about the army?[^army] Why?
            - And in 1921?[^kr]
        2. A question with a quote inside:
            > The quoted line.
        3. The last question?

        [^army]: The Red Army, founded in 1918.
        [^kr]: Kronstadt.
        """})
    result = build_one(tmp_path / "g.md", tmp_path / "out", editions=("participant", "questions"))
    assert result.ok, result.errors
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out/g/g-questions.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    at = lines.index("1. Was Trotsky right about the army?1 Why?")
    assert lines[at + 1] == "1 The Red Army, founded in 1918."
    rest = " ".join(lines[at + 2:])
    assert rest.index("And in 1921?2") < rest.index("Kronstadt.") < rest.index("2. A question with a quote inside:")
    assert "2. A question with a quote inside:" in lines and "The quoted line." in lines  # a quote, not "> The…"
    assert not any(">" in line for line in lines)


def test_an_abbreviation_definition_is_not_printed_as_text(tmp_path):
    write(tmp_path, {"g.md": """
        ---
        title: Abbr
        ---
        The TUC met.

        ::: facilitator
        Remind them what the NUM was.

        *[NUM]: National Union of Mineworkers
        :::

        *[TUC]: Trades Union Congress
        """})
    guide = read(tmp_path / "g.md")
    assert '<abbr title="Trades Union Congress">TUC</abbr>' in guide.html["participant"]
    assert "*[" not in guide.html["participant"] and "*[" not in guide.html["facilitator"]
    assert "Mineworkers" not in guide.html["participant"]


def test_a_heading_straight_after_a_table_is_a_heading(tmp_path):
    """Python-Markdown made `## Discussion questions` the table's last row: the questions lost their heading."""
    write(tmp_path, {"g.md": """
        ---
        title: Table
        ---
        | Week | Reading |
        |---|---|
        | 1 | Part one |
        ## Discussion questions
        1. Why?
        2. Why not?
        """})
    guide = read(tmp_path / "g.md")
    assert [q.text for q in guide.questions] == ["Why?", "Why not?"]
    assert "Discussion questions</td>" not in guide.html["participant"]


def test_two_sections_with_one_title_keep_their_own_questions_in_the_e_book(tmp_path):
    import zipfile

    write(tmp_path, {"g.md": """
        ---
        title: Two
        ---
        ## Discussion questions

        1. First?

        ## Something

        Text.

        ## Discussion questions

        1. Second?
        """})
    result = build_one(tmp_path / "g.md", tmp_path / "out", editions=("participant", "epub"))
    assert result.ok, result.errors
    nav = zipfile.ZipFile(tmp_path / "out/g/g.epub").read("EPUB/nav.xhtml").decode()
    first, second = nav.split(">Discussion questions</a>")[1:3]
    assert "First?" in first and "Second?" not in first.split("Something")[0] and "Second?" in second


def test_every_handout_the_editions_declare_is_checked_the_leaders_and_the_sessions_too(tmp_path):
    """The second lock reads which outputs are handouts from the editions (`Output.asks`):
    a theme that drops a question from the facilitator's handout alone fails the build."""
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "questions.html.j2").read_text()
    (theme / "questions.html.j2").write_text(
        template.replace("for q in questions", "for q in (questions[:-1] if notes else questions)"))
    write(tmp_path, {"g.md": GUIDE})
    result = build_one(tmp_path / "g.md", tmp_path / "out", theme=theme,
                       editions=("participant", "questions", "facilitator-handout"))
    assert not result.ok
    assert "facilitator handout" in str(result.errors[0]) and "What would you ask the author?" in str(result.errors[0])
    fine = build_one(tmp_path / "g.md", tmp_path / "out2", theme=theme, editions=("participant", "questions"))
    assert fine.ok, fine.errors
