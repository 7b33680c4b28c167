"""Round ten: what the last stop left open (a picture dropped without a word)."""

from __future__ import annotations

import re
import subprocess

import pytest

from studyguide.read.lint import lint


def _refused_at_its_line(tmp_path, line: str, lang: str = "en") -> None:
    """The reader refuses `line`, standing at the guide's line 10 (tests.test_round8._read_line), at that line."""
    from studyguide.errors import GuideError
    from tests.test_round8 import _read_line

    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, line, lang)
    assert any(d.line == 10 and d.level == "error" for d in raised.value.diagnostics), raised.value.diagnostics


def _warned(line: str) -> list[str]:
    return [d.message for d in lint("g.md", f"## Summary\n\n{line}\n", 5) if "picture" in d.message]


@pytest.mark.parametrize("line", [
    '<img src="file:///home/ann/map.png" alt="map">',
    "<IMG SRC='FILE:///C:/Users/ann/map.png'>",
    "<img alt=map src=file:map.png>",
    '<img src="javascript:alert(1)">',
    '<img src="&#106;avascript:alert(1)">',
    "![map](vbscript:x)",
    "![map](tel:123)",
    '<img src="//evil.example/x.png">',
])
def test_a_picture_the_sanitizer_drops_is_said_at_its_line(line):
    (message,) = _warned(line)
    assert "left out" in message or "never loaded" in message


@pytest.mark.parametrize("line", [
    "![map](map.png)", '<img src="map.png" alt="map">', "![map](pictures/map%20old.png)",
    "![map](https://example.org/map.png)", '<img src="data:image/png;base64,AAAA" alt="dot">',
    "![map](file:///x.png)",  # refused at its line already, as an error (pictureurls)
    "`<img src=\"file:///x.png\">` in code",
])
def test_a_picture_that_is_loaded_or_refused_elsewhere_is_not_warned_of(line):
    assert _warned(line) == []


# A heading of the answers after the questions, at any level: in a study guide, the leader's.
@pytest.mark.parametrize("heading", ["## Answers", "# Answers", "## Answer guide", "## Answers (for the leader)",
                                     "### Solutions", "## Réponses", "## Respuestas", "### Lösungen", "## **Answers**"])
def test_a_heading_of_answers_is_refused_and_seen_by_the_check(tmp_path, heading):
    from studyguide.build.leaks import notes_in

    _refused_at_its_line(tmp_path, f"{heading}\n\n1. In 1905, after Bloody Sunday.")
    assert any("1905" in text for _, text in notes_in(f"{heading}\n\n1. In 1905, after Bloody Sunday.\n")[0])


@pytest.mark.parametrize("heading", ["## Quiz answers", "## Answering the critics", "## Solutions", "## Key",
                                     "## The answer of the Bolsheviks"])
def test_a_heading_that_only_speaks_of_answers_is_printed(tmp_path, heading):
    from tests.test_round8 import _read_line

    assert _read_line(tmp_path, f"{heading}\n\nThe party's answer came in 1905.").questions


def test_remarks_presenter_notes_are_refused_and_a_placeholder_is_not(tmp_path):
    """remark.js slides keep the presenter's notes after a line `???`; meeting minutes use `???` for
    "not known yet" above the next heading (the Node.js TSC's)."""
    from studyguide.build.leaks import notes_in
    from studyguide.errors import GuideError
    from tests.test_round8 import _read_line

    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, "???\nSteer them to 1905 if they are stuck.")
    assert [d.line for d in raised.value.diagnostics if d.level == "error"] == [10]
    assert any("1905" in text for _, text in notes_in("???\nSteer them to 1905.\n")[0])
    assert _read_line(tmp_path, "## Review of last meeting\n\n???").questions
    assert notes_in("???\n\n## Minutes\n")[0] == []


@pytest.mark.parametrize("line", [
    '[Ask them about 1905 first]{.comment-start id="0" author="Ann"}The strike began.[]{.comment-end id="0"}',
    "The strike began.[[a]](#cmnt1)",
    "[[a]](#cmnt_ref1)Leader: ask about 1905",
    '<span class="hidden-text">ask them about 1905</span>',
    '<div class="sr-only">ask them about 1905</div>',
    "<p class='noprint d-none'>ask them about 1905</p>",
])
def test_word_and_google_docs_comments_and_hiding_classes_are_refused(tmp_path, line):
    _refused_at_its_line(tmp_path, line)


def test_the_check_reads_a_converted_comment_as_a_note():
    from studyguide.build.leaks import notes_in

    for line in ('[Ask them about 1905]{.comment-start id="0"}The strike began.', "[[a]](#cmnt_ref1)Ask them about 1905"):
        assert any("1905" in text for _, text in notes_in(line + "\n")[0]), line


def _second_lock(tmp_path, line: str, printed: str) -> list:
    """What the check after the build finds when `line` stands in the guide and `printed` is on the page,
    whatever the reader made of it (the guide's body is swapped in after a clean reading)."""
    from dataclasses import replace

    from studyguide.build.leaks import leaks
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n## Summary\n\nParticipant text.\n\n## Discussion questions\n\n1. Why?\n",
                    encoding="utf-8")
    guide = read(path)
    guide = replace(guide, body=guide.body.replace("Participant text.", f"Participant text.\n\n{line}\n"))
    return leaks(guide, {"participant.pdf": f"Participant text. {printed} Why?"})


@pytest.mark.parametrize("line, printed", [
    ("<aside>Leader: skip question 3 and steer them to 1905.</aside>", "Leader: skip question 3 and steer them to 1905."),
    ("<dl><dt>Facilitator</dt><dd>skip question 3 and steer them to 1905</dd></dl>",
     "Facilitator skip question 3 and steer them to 1905"),
    ("<table><tr><td>Facilitator</td><td>skip question 3 and steer them to 1905</td></tr></table>",
     "Facilitator skip question 3 and steer them to 1905"),
])
def test_raw_html_blocks_are_read_as_lines_by_both_locks(tmp_path, line, printed):
    _refused_at_its_line(tmp_path, line)
    assert _second_lock(tmp_path, line, printed)


@pytest.mark.parametrize("line", ["<table><tr><td>Facilitator</td><td>Ann Smith</td></tr></table>",
                                  "<p>Our <em>leader</em> said no to the strike.</p>",
                                  "<div>Facilitators are welcome to stay.</div>"])
def test_raw_html_that_names_a_role_is_printed(tmp_path, line):
    from tests.test_round8 import _read_line

    assert _read_line(tmp_path, line).questions


@pytest.mark.parametrize("line", [
    *(f"Facilitator notes {mark} skip question 3 and steer them to 1905" for mark in ("|", "•", "//", "=", "~", "⇒", "->", "»")),
    "Leader: Ann. Skip question 3 and steer them to 1905.",
    "Leader: Zebra skip question 3 and steer them to 1905.",
    "Moderator: Ann, please skip question 3 and steer them to 1905.",
    "Tutor: Ann (skip question 3 and steer them to 1905)",
    "Leader: Ann. Ask them about 1905 before question 3.",
])
def test_a_label_with_another_mark_or_a_name_before_the_order_is_refused_by_both_locks(tmp_path, line):
    _refused_at_its_line(tmp_path, line)
    assert _second_lock(tmp_path, line, line)


@pytest.mark.parametrize("line", ["Chair: Ann. Start at seven.", "Convener: Maria. Ask questions any time!",
                                  "Host: Ann. If you are late, come in quietly.", "Chair: Ann Smith. Start time: seven.",
                                  "Leader: Ann Smith; Tutor: Bob Jones", "Chair: Ann Smith, Bob Jones"])
def test_who_leads_then_a_sentence_for_everyone_is_printed(tmp_path, line):
    from tests.test_round8 import _read_line

    assert _read_line(tmp_path, line).questions
    assert _second_lock(tmp_path, line, line) == []


@pytest.mark.parametrize("note", [
    ".. only:: facilitator\n\n   Steer them to 1905 if they are stuck.",
    "{# Steer them to 1905 if they are stuck. #}",
    "#+BEGIN_COMMENT\nSteer them to 1905 if they are stuck.\n#+END_COMMENT",
    "{{/* Steer them to 1905 if they are stuck. */}}",
    "{{!-- Steer them to 1905\nif they are stuck. --}}",
    "\\begin{comment}\nSteer them to 1905 if they are stuck.\n\\end{comment}",
])
def test_other_programs_comments_and_presenter_notes_are_refused_by_both_locks(tmp_path, note):
    _refused_at_its_line(tmp_path, note)
    assert _second_lock(tmp_path, note, "Steer them to 1905 if they are stuck.")


@pytest.mark.parametrize("line", ["## Background {#background}", "The fund grew {#fund}.", "x ^ y is a power",
                                  "Read {{ page.title }} aloud."])
def test_attribute_lists_and_carets_are_not_comments(tmp_path, line):
    from tests.test_round8 import _read_line

    assert _read_line(tmp_path, line).questions
    assert _second_lock(tmp_path, line, line) == []


@pytest.mark.parametrize("text, line", [
    ("1. Alpha? <!-- remember to skip question 2\n2. Beta? -->\n3. Gamma?", 10),
    ("Intro <!-- private thought\n\nNext paragraph -->", 10),
    ("Intro <! private thought >", 10),
    ("- item\n\n    <!-- a private thought\n\n    b -->", 12),
    ("<!-- kept -->\n\nIntro <!-- private thought\n\nNext -->", 12),
])
def test_an_html_comment_markdown_prints_is_refused_at_its_line(tmp_path, text, line):
    from studyguide.errors import GuideError
    from tests.test_round8 import _read_line

    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, text)
    assert [d.line for d in raised.value.diagnostics if d.level == "error"] == [line], raised.value.diagnostics


@pytest.mark.parametrize("text", ["Intro <!-- fine --> text", "<!-- a\n\nb -->", "Intro <!-- a private\nthought --> more",
                                  "Use `<!--` to open a comment.", "```html\n<p>x <!-- open\n\n```"])
def test_an_html_comment_markdown_reads_as_one_is_not_refused(tmp_path, text):
    from tests.test_round8 import _read_line

    assert _read_line(tmp_path, text).questions


@pytest.mark.parametrize("line, lang", [
    ("Anmerkung für die Kursleitung: Frage 3 überspringen.", "de"), ("Pour l'enseignant : sauter la question 3.", "fr"),
    ("Para la coordinación: saltar la pregunta 3.", "es"), ("Примечание для преподавателя: пропустить вопрос 3.", "ru"),
    ("למורה בלבד: לדלג על שאלה 3", "he"), ("للمعلم فقط: تخطي السؤال 3", "ar"), ("یادداشت برای تسهیلگر: سوال ۳ را رد کنید", "fa"),
    ("给老师的提示：跳过第三题", "zh"), ("主持人備註：跳過第三題", "zh-Hant"), ("先生へ：質問3を飛ばす", "ja"),
    ("सूत्रधार के लिए नोट्स: प्रश्न 3 छोड़ें", "hi"), ("Till ledaren: hoppa över fråga 3", "sv"),
    ("Moderatör notları: soru 3 atla", "tr"),
])
def test_leaders_labels_in_more_languages_are_refused_and_seen_by_the_check(tmp_path, line, lang):
    from studyguide.build.leaks import notes_in

    _refused_at_its_line(tmp_path, line, lang)
    assert notes_in(line + "\n")[0]


def test_a_pictures_title_is_read_like_a_links_by_both_locks(tmp_path):
    """Its title prints as the picture's caption: `![A map](map.png "Facilitator notes: …")` had printed."""
    from studyguide.errors import GuideError
    from tests.test_round8 import _read_line

    (tmp_path / "map.png").write_bytes(b"")
    line = '![A map of the route](map.png "Facilitator notes: steer them to 1905")'
    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, line)
    assert any(d.line == 10 and "tooltip" in d.message for d in raised.value.diagnostics), raised.value.diagnostics
    assert _second_lock(tmp_path, line, "A map of the route Facilitator notes: steer them to 1905")
    assert _second_lock(tmp_path, '![A map](map.png "The route in 1905")', "A map The route in 1905") == []


NOTE_GUIDE = ("---\ntitle: T\n---\n\n## Summary\n\nParticipant text here.\n\n::: facilitator\nZebraword secret note about "
              "1905 and the strike fund.\n:::\n\n## Discussion questions\n\n1. What happened?\n2. Why?\n")


def test_a_themes_template_that_links_outside_the_theme_is_refused(tmp_path):
    from studyguide.files import TEMPLATES
    from tests.conftest import build_one

    (tmp_path / "guides").mkdir()
    (tmp_path / "guides/g.md").write_text(NOTE_GUIDE, encoding="utf-8")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "src.txt").symlink_to(tmp_path / "guides/g.md")
    page = (TEMPLATES / "guide.html.j2").read_text(encoding="utf-8")
    (theme / "guide.html.j2").write_text(page.replace("<title>", '<meta name="x" content="{% include "src.txt" %}"><title>', 1))
    result = build_one(tmp_path / "guides/g.md", tmp_path / "out", theme=theme, editions=("participant",))
    assert not result.ok and "outside the theme's folder" in result.errors[0].message, result.errors
    assert not (tmp_path / "out/g").exists()


@pytest.mark.parametrize("where", ["guide.html.j2", "page.html.j2"])
def test_the_check_after_the_build_reads_a_pdfs_information_and_a_pages_attributes(tmp_path, where):
    """A theme that copied the guide into itself puts the note where no layout draws it: the PDF's Creator
    (from <meta name=generator>), an attribute of the web page. Read there too."""
    from studyguide.files import TEMPLATES
    from tests.conftest import build_one

    (tmp_path / "guides").mkdir()
    (tmp_path / "guides/g.md").write_text(NOTE_GUIDE, encoding="utf-8")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "src.txt").write_text(NOTE_GUIDE, encoding="utf-8")
    page = (TEMPLATES / where).read_text(encoding="utf-8")
    marked = re.sub(r'<meta name="generator"[^>]*>', '<meta name="generator" content="{% include "src.txt" %}">', page) \
        if where == "guide.html.j2" else page.replace("<title>", '<meta name="x" content="{% include "src.txt" %}"><title>', 1)
    assert marked != page
    (theme / where).write_text(marked, encoding="utf-8")
    result = build_one(tmp_path / "guides/g.md", tmp_path / "out", theme=theme, editions=("participant", "web"))
    assert not result.ok and "would reach participants" in result.errors[0].message, result.errors


def test_a_themes_stylesheet_cannot_draw_a_picture_only_the_notes_show(tmp_path):
    from PIL import Image

    from tests.conftest import build_one

    folder = tmp_path / "guides/g"
    folder.mkdir(parents=True)
    (folder / "guide.md").write_text("---\ntitle: T\n---\n\n## Summary\n\nParticipant text here.\n\n::: facilitator\n"
                                     "![Answer sheet](answers.png)\n:::\n\n## Discussion questions\n\n1. Why?\n",
                                     encoding="utf-8")
    Image.new("RGB", (60, 40), (200, 0, 0)).save(folder / "answers.png")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "guide.css").write_text('@import url(defaults/guide.css);\nbody::after { content: url("../guides/g/answers.png"); }\n'
                                     f'h2::after {{ content: url("{(folder / "answers.png").as_uri()}"); }}\n')
    result = build_one(folder / "guide.md", tmp_path / "out", theme=theme, editions=("participant", "facilitator"))
    assert result.ok, result.errors
    assert any("only the facilitator notes show it" in w.message for w in result.warnings)
    assert all("answers" not in w.message for w in result.warnings)  # the notes' file name is not in the shared record
    pictures = {name: subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout.count(" image ")
                for name, path in (("participant", tmp_path / "out/g/g.pdf"),
                                   ("facilitator", next((tmp_path / "out/g/facilitator").glob("*.pdf"))))}
    assert pictures["participant"] == 0 and pictures["facilitator"] >= 1, pictures


@pytest.mark.parametrize("line", ["F A C I L I T A T O R notes: skip question 3", "F.a.c.i.l.i.t.a.t.o.r notes: skip question 3",
                                  "F-a-c-i-l-i-t-a-t-o-r notes: skip question 3", "L.e.a.d.e.r: skip question 3"])
def test_a_label_spelt_out_letter_by_letter_is_refused_and_seen_by_the_check(tmp_path, line):
    from studyguide.build.leaks import notes_in
    from studyguide.errors import GuideError
    from tests.test_round8 import _read_line

    with pytest.raises(GuideError):
        _read_line(tmp_path, line)
    assert notes_in(line + "\n")[0]


@pytest.mark.parametrize("start", ["1", "5"])
def test_a_note_between_the_heading_and_a_list_needs_no_blank_lines(tmp_path, start):
    """The docs promise no blank lines around a note: between a heading and a list numbered from 5 it was
    refused ("could not be placed without changing the questions"), since `5.` cannot follow a paragraph."""
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text(f"---\ntitle: T\n---\n## Discussion questions\n::: facilitator\nTen minutes.\n:::\n{start}. First?\n"
                    f"{int(start) + 1}. Second?\n", encoding="utf-8")
    guide = read(path)
    assert [q.text for q in guide.questions] == ["First?", "Second?"]
    assert "Ten minutes" in guide.html["facilitator"] and "Ten minutes" not in guide.html["participant"]


@pytest.mark.parametrize("body", [
    "- What is the view?\n1. Read on\n2. What is the view?\n    a. And what follows?\n3. Read on\n",
    "* What does the union say?\n  * zqf0027 which matters most?\n*\tWhat does the flag mean?\n  + zqf0033 which matters most?\n",
])
def test_questions_that_read_alike_are_each_found_in_their_place_on_the_handout(tmp_path, body):
    """Two questions alike ("Read on"), or alike but for their digits: each was looked for at the first, so a
    follow-up of the second seemed to stand outside its question, and the handout was refused as unseen."""
    from tests.conftest import build_one

    (tmp_path / "g.md").write_text(f"---\ntitle: T\n---\n## Discussion questions\n\n{body}", encoding="utf-8")
    result = build_one(tmp_path / "g.md", tmp_path / "out", editions=("questions",))
    assert result.ok, result.errors


def test_deckset_notes_are_warned_of_and_a_pasted_wikipedia_reference_builds(tmp_path):
    """`^ ` opens Deckset's presenter notes, and every reference pasted from Wikipedia: said, not refused,
    and not read as a note by the check after the build (which would refuse the built guide)."""
    from tests.test_round8 import _read_line

    line = '^ Deutscher, Isaac (1954). "The Prophet Armed". Oxford University Press.'
    guide = _read_line(tmp_path, line)
    assert [d.line for d in guide.warnings if "Deckset" in d.message] == [10]
    assert _second_lock(tmp_path, line, line) == []


@pytest.mark.parametrize("line", ['Text <bdo dir="rtl">:seton rotatilicaF</bdo> skip question 3 and steer them to 1905.',
                                  "$\\text{Facilitator notes: skip question 3 and steer them to 1905}$"])
def test_a_label_turned_round_or_set_as_a_formulas_text_is_refused_and_seen_by_the_check(tmp_path, line):
    from studyguide.build.leaks import notes_in

    _refused_at_its_line(tmp_path, line)
    assert notes_in(line + "\n")[0]


def test_questions_in_a_callout_are_warned_of_at_the_callout(tmp_path):
    from studyguide.read.reader import read

    (tmp_path / "g.md").write_text("---\ntitle: T\n---\n## Summary\n\nText.\n\n> [!question] Discussion questions\n"
                                   "> 1. Why?\n> 2. How?\n\nMore text.\n", encoding="utf-8")
    guide = read(tmp_path / "g.md")
    assert [(d.line, "callout" in d.message) for d in guide.warnings if "no discussion questions" in d.message] == [(8, True)]
