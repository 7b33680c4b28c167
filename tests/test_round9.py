"""Round nine: what the last red team left open (a role set apart with no colon after it)."""

from __future__ import annotations

import pytest

from tests.conftest import build_one
from tests.test_round8 import _read_line


# A role in keys, bold, italics or code, with no colon, then what to do: the leader's note. The reader refuses it
# at its line, and the check after the build reads it as a note with rules of its own.
@pytest.mark.parametrize("line", """<kbd>Facilitator</kbd> push them on dates
**Facilitator** the answer is bread
**Leader** skip question 3 if short of time
*Tutor* read the passage aloud first
`Moderator` explain the term before question 2
<b>Chair</b> keep it to ten minutes
- **Facilitator** steer them to 1905
> __Facilitator__ tell them the answer
Facilitator push them on dates
Tutor remind them of the 1905 strike""".split("\n"))
def test_a_role_set_apart_then_an_order_is_refused_and_seen_by_the_check(tmp_path, line):
    from studyguide.build.leaks import notes_in
    from studyguide.errors import GuideError

    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, line)
    assert any(d.line == 10 and d.level == "error" for d in raised.value.diagnostics), raised.value.diagnostics
    assert notes_in(line + "\n")[0]


@pytest.mark.parametrize("line", """**Facilitators** are welcome to stay for the social.
Facilitator training is on Tuesday.
Moderator check-in at six.
**Facilitator** Ann Smith
Facilitators keep time in most unions.
**Teacher** Ann Smith leads this week.
Leadership matters in a strike.""".split("\n"))
def test_a_role_set_apart_before_a_name_or_a_sentence_is_printed(tmp_path, line):
    from studyguide.build.leaks import notes_in

    assert line.split()[-1].strip(".") in _read_line(tmp_path, line).html["participant"]
    assert not notes_in(line + "\n")[0]


def test_a_file_meant_as_a_guide_but_named_otherwise_is_warned_about(tmp_path):
    """Notepad's `week3.md.txt`, `Week3.MD`, a folder's `Guide.md`: named at the command line, never skipped unsaid."""
    import subprocess
    import sys

    guide = "---\ntitle: Week three\n---\n\n## Discussion questions\n\n1. Why?\n"
    folder = tmp_path / "guides"
    (folder / "wk4").mkdir(parents=True)
    for name in ("week3.md.txt", "Week5.MD", "notes.markdown", "wk4/Guide.md", "plain.txt"):
        (folder / name).write_text(guide)
    (folder / "shopping.txt").write_text("milk, bread\n")  # a text file that is no guide: not named
    (folder / "room.jpg").write_bytes(b"\xff\xd8")
    (folder / "Week 6.docx").write_bytes(b"PK\x03\x04")
    done = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True)
    warned = [line for line in done.stderr.splitlines() if ": warning: not built:" in line]
    assert sorted(line.split(":")[0] for line in warned) == [
        "guides/Week 6.docx", "guides/Week5.MD", "guides/notes.markdown", "guides/plain.txt", "guides/week3.md.txt",
        "guides/wk4/Guide.md"]
    assert "rename it 'week3.md'" in done.stderr and "rename this file 'guide.md'" in done.stderr
    assert done.returncode == 2 and "Traceback" not in done.stderr  # and no guide found: the usage error as before


def test_the_checks_read_back_in_the_children_refuse_as_the_worker_would(tmp_path):
    """Side by side (-j 2, one guide), each child reads back the PDFs it made (readback.py): a question a theme
    hides on the handout still fails the build, and a clean guide is written whole, checked the same way."""
    from studyguide.build.run import Settings, build
    from studyguide.files import TEMPLATES

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "questions.css").write_text((TEMPLATES / "questions.css").read_text(encoding="utf-8")
                                         + "\nol.questions > li:nth-child(2) { color: #fdfdfd }\n")
    for name, themed in (("hidden", theme), ("clean", None)):
        path = tmp_path / f"{name}.md"
        path.write_text("---\ntitle: T\n---\n\n## Summary\n\nThe council met.\n\n## Discussion questions\n\n"
                        "1. Why did the council meet?\n2. What did the branch count?\n", encoding="utf-8")
        [result] = build([path], Settings(out=tmp_path / name, jobs=2, theme=themed,
                                          editions=("participant", "facilitator", "questions", "booklet")))
        if themed:
            assert not result.ok and "What did the branch count?" in str(result.errors), result.errors
            assert not (tmp_path / name / name).exists()
        else:
            assert result.ok, result.errors
            assert {f.name for f in result.files} >= {"clean.pdf", "clean-questions.pdf", "clean-booklet.pdf"}


def test_a_footnote_used_only_in_a_note_but_written_at_the_foot_is_named_for_what_it_is(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Summary\n\nText.\n\n::: facilitator\nRemember the trap.[^t]\n:::\n\n"
                    "## Discussion questions\n\n1. Why?\n\n[^t]: The answer is bread.\n", encoding="utf-8")
    guide = read(path)
    said = [d for d in guide.warnings if "[^t]" in d.message]
    assert [(d.line, d.level) for d in said] == [(17, "warning")], guide.warnings
    assert "only inside the facilitator block at line 10" in said[0].message
    assert "bread" not in guide.html["participant"]


def test_sessions_listed_out_of_date_order_are_warned_about_at_the_late_one(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\nsessions:\n  - date: 2026-12-10\n  - date: 2026-12-03\n  - date: 2026-12-17\n"
                    "  - date: 2026-12-17\n---\n\n## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    said = [d for d in read(path).warnings if "dated" in d.message]
    assert [(d.line, d.level) for d in said] == [(5, "warning")], said  # two on one day: no warning
    assert "session 2 is dated 2026-12-03, before session 1 (2026-12-10)" in said[0].message


def test_front_matter_keys_capitalised_as_word_writes_them_are_read(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\nTitle: Test\nDate: 2026-12-03\nPaper: letter\nGroup: Thursday group\n---\n\n"
                    "## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    guide = read(path)
    assert (guide.meta.title, guide.meta.paper, guide.meta.group, str(guide.meta.date)) == (
        "Test", "letter", "Thursday group", "2026-12-03")
    assert not guide.warnings
    path.write_text("---\ntitle: A\nTitle: B\n---\n\n## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    guide = read(path)  # both spellings: the lower-case one is the key, the other is named
    assert guide.meta.title == "A" and [(d.line, "'Title'" in d.message) for d in guide.warnings] == [(3, True)]


def test_obsidian_pictures_links_and_callouts_print_as_they_show_in_obsidian(tmp_path):
    from PIL import Image

    from studyguide.read.reader import read

    Image.new("RGB", (8, 8), "red").save(tmp_path / "church.png")
    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Summary\n\nRead [[E. P. Thompson]] and [[Thompson#Preface|the preface]].\n\n"
                    "![[church.png]]\n\n![[church.png|The chapel]]\n\n> [!note] Before we meet\n> Read the Preface.\n\n"
                    "Code: `![[keep.png]]` stays.\n\n```\n[[kept]]\n```\n\n## Discussion questions\n\n"
                    "1. Is class a thing?\n   - See [[Marx]] on this.\n", encoding="utf-8")
    guide = read(path)
    html = guide.html["participant"]
    assert html.count('src="church.png"') == 2 and 'alt="The chapel"' in html
    assert "Read E. P. Thompson and the preface." in html and "<strong>Before we meet</strong><br" in html
    assert "![[keep.png]]" in html and "[[kept]]" in html  # code is left as typed
    assert guide.questions[0].followups == ("See Marx on this.",)


def test_a_note_between_two_lists_of_questions_is_on_the_leaders_handout_under_the_question_above(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Discussion questions\n\n1. What did the Chartists demand?\n\n"
                    "::: facilitator\nGive them the six points if they are stuck.\n:::\n\n"
                    "2. Which demands have been won?\n3. Which have not?\n", encoding="utf-8")
    guide = read(path)
    assert [len(q.notes_html) for q in guide.questions] == [1, 0, 0]
    assert "six points" in guide.questions[0].notes_html[0] and "six points" not in guide.html["participant"]


def test_french_spaces_typed_as_ordinary_ones_never_open_or_end_a_line(tmp_path):
    """`« … » ?` typed with ordinary spaces: no line of the PDF (Poppler's lines, 17 widths) starts with `»`, `?`,
    `!`, `;` or `:`, and none ends with `«`."""
    import re
    import subprocess

    from studyguide.pdf.write import html_to_pdf
    from studyguide.read.quotes import renest_html

    said = "Proudhon a écrit « la propriété, c’est le vol » ? Oui ! Note : voir le chapitre ; la suite « plus tard »."
    body = renest_html(f"<p>{said}</p>", "fr")
    assert re.search(r"[«] | [»?!;:]", body) is None, body
    paragraphs = "".join(f"<p style='width: {w}mm; text-align: left'>{body[3:-4]}</p>" for w in range(30, 81, 3))
    (tmp_path / "f.pdf").write_bytes(html_to_pdf(f"<html lang=fr><body>{paragraphs}</body></html>", tmp_path).pdf)
    lines = subprocess.run(["pdftotext", str(tmp_path / "f.pdf"), "-"], capture_output=True, text=True).stdout.split("\n")
    assert sum("Proudhon" in line for line in lines) == 17
    assert not [line for line in lines if re.match(r"\s*[»?!;:]", line) or line.rstrip().endswith("«")]


def test_an_english_question_in_a_hebrew_guide_ends_with_its_question_mark_on_the_handout_and_the_web(tmp_path):
    import pypdfium2 as pdfium

    from studyguide.build.run import Settings, build

    path = tmp_path / "he.md"
    path.write_text("---\ntitle: קבוצת קריאה\nlang: he\n---\n\n## שאלות לדיון\n\n1. מה אומר רולס על צדק?\n"
                    "2. What does John Rawls say about justice?\n", encoding="utf-8")
    [result] = build([path], Settings(out=tmp_path / "out", jobs=1, editions=("questions", "web")))
    assert result.ok, result.errors
    pages = [page.get_textpage() for page in pdfium.PdfDocument((tmp_path / "out/he/he-questions.pdf").read_bytes())]
    text = next(t for t in pages if "justice" in t.get_text_range())
    said = text.get_text_range()
    at = said.index("justice")
    mark = said.find("?", at)
    assert mark > at and text.get_charbox(mark)[0] > text.get_charbox(at)[0], said  # the `?` drawn to the right of "justice"
    web = (tmp_path / "out/he/index.html").read_text(encoding="utf-8")
    assert '<li id="question-2" dir="ltr">What does John Rawls' in web
    assert '<li id="question-1">' in web


def test_a_table_pasted_with_tabs_is_named_and_tabbed_lists_and_code_are_not(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Summary\n\nYear\tEvent\n1905\tThe soviet\n1917\tThe revolution\n\n"
                    "One\ttab in a sentence.\n\n```\na\tb\nc\td\n```\n\n\tindented\tcode\n\tmore\tcode\n\n"
                    "## Discussion questions\n\n1)\tWhy?\n2)\tHow?\n", encoding="utf-8")
    said = [d for d in read(path).warnings if "tabs" in d.message]
    assert [(d.line, d.level) for d in said] == [(7, "warning")], said
    assert "lines 7-9" in said[0].message and "Markdown table" in said[0].message


def test_the_hint_for_a_title_in_curly_quotes_gives_straight_ones(tmp_path):
    from studyguide.errors import GuideError
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: “Trotsky: the leader”\n---\n\n## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read(path)
    assert 'straight quotes, not curly ones: title: "Trotsky: the leader"' in str(raised.value)


def test_a_paragraphs_first_word_is_not_hyphenated_alone_when_only_a_space_overflows(tmp_path):
    """WeasyPrint 70 hyphenated "Wel-" alone on a line when the text before an `<em>` fitted but for its last
    space (pdf/linebreak.py): the paragraph's first line holds its words, and no word is lost."""
    import subprocess

    from studyguide.pdf.write import html_to_pdf

    said = "Welcome! Over three evenings we’ll read Marilynne Robinson’s <em>Gilead</em>, a letter from the elderly" \
           " Reverend John Ames to his young son."
    html = ("<html lang=en><style>@page { size: 700px 400px; margin: 10px } p { width: 484px; hyphens: auto; "
            f"font: 16px serif; text-align: justify }}</style><p>{said}</p>")
    (tmp_path / "w.pdf").write_bytes(html_to_pdf(html, tmp_path).pdf)
    lines = [line for line in subprocess.run(["pdftotext", str(tmp_path / "w.pdf"), "-"], capture_output=True,
                                             text=True).stdout.split("\n") if line.strip()]
    assert lines[0].startswith("Welcome! Over three evenings"), lines
    assert " ".join(lines).replace("‐ ", "") == said.replace("<em>", "").replace("</em>", "")


# Red team round five: the leader's words in shapes the rules missed, refused by the reader at their line, and
# read as notes by the check after the build with rules of its own.
@pytest.mark.parametrize("line", """Facili*tator* notes: steer them to the TUC's betrayal
*F*acilitator notes: steer them to the TUC's betrayal
| 1 | Leader: skip question 3 if we run late |
Leader: the answer is 1905, the dress rehearsal.
Teacher: the answer is the TUC's betrayal.
Facilitator (Ann): skip question 3 if we run late.
Facilitator, Ann: skip question 3 if we run late.
Leader → skip question 3 if we run late.
Leader: Question 3 can be skipped if we run late.
Lead: skip question 3 if we run late.
### Notes: facilitator
### Notes — facilitator
### Notes / Facilitator
### Facilitator & tutor notes
### Facilitator: read this first
### Facilitator's copy
### Facilitator edition
### Facilitator key
### Faciliator notes
Facilitator\\n-----------
Tutor\\n===
Facilitator\\\\\\nSteer them to the betrayal of the miners.
| Question | Facilitator |\\n|---|---|\\n| 1 | Steer them to the betrayal of the miners |
| 1 | Facilitator | Steer them to the betrayal |\\n|---|---|---|\\n| 2 | Facilitator | Ask about 1905 |
Ведущий: пропустить вопрос 3, если не хватает времени.
Animateur : sauter la question 3 si on manque de temps.
Moderation: Frage 3 überspringen, wenn die Zeit knapp ist.
Moderador: saltar la pregunta 3 si falta tiempo.
主持人：从第二个问题开始
מנחה: לדלג על שאלה 3 אם אין זמן""".split("\n"))
def test_red_team_five_leaders_words_are_refused_and_seen_by_the_check(tmp_path, line):
    from studyguide.build.leaks import notes_in
    from studyguide.errors import GuideError

    text = line.replace("\\\\", "\\").replace("\\n", "\n")
    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, text + ("\nSteer them to the betrayal." if text.endswith(("---", "===")) else ""))
    assert any(d.level == "error" and d.line in (10, 11, 12) for d in raised.value.diagnostics), raised.value.diagnostics
    assert notes_in(text + "\n\nSteer them to the betrayal.\n")[0]


@pytest.mark.parametrize("line", """### Facilitator: Ann Smith
### Notes on the leaders
### The key facts
Leaders and organisers\\n----------------------
Facilitator  \\nAnn Smith, ann@union.org
| Session | Facilitator |\\n|---|---|\\n| 1 | Ann Smith |
| Year | Leader |\\n|---|---|\\n| 1905 | Trotsky chaired the soviet |
[host key]: https://support.zoom.us/host-key
Ведущий: Иван Петров
Animatrice : Marie Dupont
Leitung: die Gruppe selbst
主持人：张伟
Teacher training: the union's courses""".split("\n"))
def test_red_team_five_lines_that_only_look_like_the_leaders_are_printed(tmp_path, line):
    text = line.replace("\\n", "\n")
    guide = _read_line(tmp_path, text)
    assert not [d for d in guide.warnings if d.level == "error"]


def test_front_matter_and_settings_values_telling_the_leader_what_to_do_are_refused(tmp_path):
    from studyguide.errors import GuideError
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: The General Strike\nsubtitle: \"Facilitator: steer them to the TUC's betrayal\"\n"
                    "group: \"Thursday group (leader: skip part 3 if we run late)\"\n---\n\n## Discussion questions\n\n"
                    "1. Why did the strike end?\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read(path)
    assert [(d.line, d.level) for d in raised.value.diagnostics] == [(3, "error"), (4, "error")]
    path.write_text("---\ntitle: T\nsubtitle: \"Moderator: Ann Smith\"\ngroup: \"Adult class (tutor: Ann Smith)\"\n---\n\n"
                    "## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    assert read(path).meta.group == "Adult class (tutor: Ann Smith)"


@pytest.mark.parametrize("lang, body", [
    ("en", "## Key events\n\n- Strike\n- Lockout\n\n## Discussion questions\n\n1. Why did the strike end after nine days?\n"
           "2. What did the lockout do to the miners?\n"),
    ("ja", "## Discussion questions\n\n1. 𠮷田さんはなぜ反対したのでしょうか？\n2. What is 𝔼[X] here?\n"),
    ("ar", "## Discussion questions\n\n1. ما رأيك في مؤتمر COP26؟\n"),
    ("he", "## Discussion questions\n\n1. מה דעתך על UK2020 ועל GDP2?\n"),
])
def test_guides_the_handouts_checks_refused_build(tmp_path, lang, body):
    """False refusals the red team found: short items elsewhere taken for questions, a letter past U+FFFF read
    as two halves, a word of letters and digits drawn in another order in a right-to-left line."""
    path = tmp_path / "g.md"
    path.write_text(f"---\ntitle: T\nlang: {lang}\n---\n\n{body}", encoding="utf-8")
    result = build_one(path, tmp_path / "out", editions=("questions",))
    assert result.ok, result.errors


def test_a_theme_that_cuts_the_middle_out_of_a_question_fails_the_build(tmp_path):
    from studyguide.files import TEMPLATES

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "questions.css").write_text((TEMPLATES / "questions.css").read_text(encoding="utf-8")
                                         + "\nli em { display: none }\n", encoding="utf-8")
    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Discussion questions\n\n1. Why did the general strike of 1926 fail so "
                    "quickly in the coalfields of South Wales and Durham, *where the owners locked out the miners for seven "
                    "months*, and what should the Miners' Federation and its members have done next?\n", encoding="utf-8")
    result = build_one(path, tmp_path / "out", theme=theme, editions=("questions",))
    assert not result.ok and "question 1" in str(result.errors), result.errors


def test_a_short_note_in_files_kept_from_an_earlier_build_takes_them_away(tmp_path):
    path = tmp_path / "g.md"
    head = "---\ntitle: T\n---\n\n## Discussion questions\n\n1. Who armed the workers in 1905?\n"
    path.write_text(head + "   - It was Trotsky.\n", encoding="utf-8")
    assert build_one(path, tmp_path / "out", editions=("participant", "questions")).ok
    path.write_text(head + "\n::: facilitator\nIt was Trotsky.\n:::\n", encoding="utf-8")
    result = build_one(path, tmp_path / "out", editions=("participant",))
    assert result.ok, result.errors
    assert [w for w in result.warnings if "kept from an earlier build, taken away" in w.message]
    assert not (tmp_path / "out/g/g-questions.pdf").exists()


def test_a_handout_kept_from_before_a_question_was_added_is_taken_away(tmp_path):
    path = tmp_path / "g.md"
    head = "---\ntitle: T\n---\n\n## Discussion questions\n\n1. Who armed the workers in 1905?\n"
    path.write_text(head, encoding="utf-8")
    assert build_one(path, tmp_path / "out", editions=("participant", "questions")).ok
    path.write_text(head + "2. What did the soviet decide about the strike?\n", encoding="utf-8")
    result = build_one(path, tmp_path / "out", editions=("participant",))
    assert result.ok, result.errors
    assert [w for w in result.warnings if "lacks question 2" in w.message], result.warnings
    assert not (tmp_path / "out/g/g-questions.pdf").exists() and (tmp_path / "out/g/g.pdf").exists()


def test_a_session_numbered_0_is_warned_about_at_its_heading(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Session 0: introductions\n\n### Discussion questions\n\n1. Who are we?\n\n"
                    "## Session 1: the manifesto\n\n### Discussion questions\n\n1. What is it for?\n\n"
                    "## Session: the strike of 1905\n\n### Discussion questions\n\n1. Why 1905?\n", encoding="utf-8")
    said = [(d.line, d.level) for d in read(path).warnings if "numbered 0" in d.message]
    assert said == [(5, "warning")]


def test_a_guide_with_only_sessions_takes_its_place_in_the_catalogue_by_its_first_meeting(tmp_path):
    from studyguide.build.run import Settings, build

    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "old.md").write_text("---\ntitle: Old guide\ndate: 2026-11-01\n---\n\n## Discussion questions\n\n1. Why?\n")
    (folder / "met.md").write_text("---\ntitle: Meetings guide\nsessions:\n  - date: 2026-12-03\n  - date: 2026-12-10\n"
                                   "---\n\n## Discussion questions\n\n1. Why?\n")
    (folder / "none.md").write_text("---\ntitle: Undated guide\n---\n\n## Discussion questions\n\n1. Why?\n")
    assert all(r.ok for r in build([folder], Settings(out=tmp_path / "out", jobs=1, editions=("participant",))))
    page = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert page.index("Meetings guide") < page.index("Old guide") < page.index("Undated guide")
