"""Round eight: what the fifth red teams found, and the pixel check of the handouts, each a
case written the way an attacker or an organiser wrote it."""

from __future__ import annotations

import pytest

from studyguide.build.ink import inked_text
from studyguide.build.leaks import fingerprint
from studyguide.pdf.write import html_to_pdf

from .conftest import build_one

HEAD = "---\ntitle: Round eight\n---\n\n## Summary\n\nThe council met.\n\n"
ASKED = ("## Discussion questions\n\n1. Why did the council meet?\n2. What did the branch count?\n"
         "3. Who held the strike fund?\n")


def _themed(tmp_path, rules: str):
    from studyguide.files import TEMPLATES

    theme = tmp_path / "theme"
    theme.mkdir(exist_ok=True)
    (theme / "questions.css").write_text((TEMPLATES / "questions.css").read_text(encoding="utf-8") + "\n" + rules + "\n")
    path = tmp_path / "g.md"
    path.write_text(HEAD + ASKED, encoding="utf-8")
    return build_one(path, tmp_path / "out", theme=theme, editions=("questions",))


# Ways a stylesheet hides a line that the layout's own reading (visibility, opacity, colour, size) does not list:
# the pixels of the finished PDF show them all.
@pytest.mark.parametrize("rule", [
    "text-indent: -9999px",
    "position: absolute; left: -300mm",
    "transform: scale(0)",
    "transform: translateX(-200mm)",
    "color: #fdfdfd",
    "color: white; background: white",
    "line-height: 0; overflow: hidden; max-height: 0",
    "position: relative } ol.questions > li:nth-child(2)::after { content: ''; position: absolute; inset: 0; "
    "background: white",
])
def test_a_question_a_theme_draws_where_no_one_can_see_it_fails_the_build(tmp_path, rule):
    result = _themed(tmp_path, f"ol.questions > li:nth-child(2) {{ {rule} }}")
    assert not result.ok and "What did the branch count?" in str(result.errors), result.errors
    assert not (tmp_path / "out" / "g").exists()


def test_a_dark_handout_and_pale_follow_ups_are_seen(tmp_path):
    result = _themed(tmp_path, "@page { background: #222 } body, ol.questions > li { color: #eee }")
    assert result.ok, result.errors


def test_the_pixels_read_what_is_drawn_and_nothing_hidden(tmp_path):
    html = ("<style>@page { size: A6; margin: 10mm } .w { color: #fff } .c { clip-path: inset(50%); }"
            ".o { position: relative } .o::after { content: ''; position: absolute; inset: 0; background: #fff }</style>"
            "<p>Seen office finance fjord.</p><p class=w>Whitewashed words.</p><p class=o>Covered words.</p>"
            "<p style='margin-left: -200mm'>Gone words.</p><p>Also seen.</p>")
    text = fingerprint(inked_text(html_to_pdf(html, tmp_path).pdf))
    assert text == fingerprint("Seen office finance fjord. Also seen.")


def test_a_mark_pdfium_gives_apart_from_its_letter_joins_its_word():
    from studyguide.build.promises import _unmarked

    assert _unmarked("كيف يصو ّ ر غوركي") == "كيف يصور غوركي"
    assert _unmarked("repeat سجلّ so often") == "repeat سجل so often"


# A label spelt with letters of any script that Unicode lists as doubles of Latin ones (beyond the Cyrillic and
# Greek table): refused by the reader, and found as a note by the check after the build, which reads them itself.
@pytest.mark.parametrize("line", [
    "Fɑcilitator notes: push them on 1905.",         # Latin alpha (IPA)
    "Facilitatօr notes: push them on 1905.",         # Armenian o
    "ᏞᎬᎪᎠᎬᎡ NOTES: push them on 1905.",              # Cherokee
    "Facilitatⲟr notes: push them on 1905.",         # Coptic o
    "## Fаcіlіtаtⲟr nоtеs",                          # mixed
    "**Lеаdеr ⲟnly:** push them on 1905.",
])
def test_a_label_in_look_alike_letters_of_any_script_is_refused_and_seen_by_the_check(tmp_path, line):
    from studyguide.build.leaks import notes_in
    from studyguide.errors import GuideError
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text(HEAD + line + "\n\nThe strike fund is in the blue tin.\n\n" + ASKED, encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read(path)
    assert any(d.line == 9 for d in raised.value.diagnostics), raised.value.diagnostics
    notes, _ = notes_in(line + "\n\nThe strike fund is in the blue tin.\n")
    assert notes and notes[0][0] == 1


def test_words_of_other_scripts_are_not_read_as_labels(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text(HEAD + "Заметки о книге: Горький пишет о матери.\n\nԱյս գիրքը մեր խմբի համար է.\n\n"
                    "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ: the Cherokee language.\n\n" + ASKED, encoding="utf-8")
    assert "Горький" in read(path).html["participant"]


def _read_line(tmp_path, line: str, lang: str = "en"):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text(f"---\ntitle: T\nlang: {lang}\n---\n\n## Summary\n\nText.\n\n{line}\n\n" + ASKED, encoding="utf-8")
    return read(path)


# Leaders' notes as new organisers typed them (genitives, PowerPoint's words, asides in brackets, an instruction
# after a role): refused at their line by the reader, and each a note to the check after the build, on its own.
@pytest.mark.parametrize("line", [
    *"""Notas del facilitador: si el grupo está callado, empezar por la pregunta 2.
Notas de la facilitadora: empezar por la pregunta 2.
Notas do facilitador: começar pela pergunta 2.
Notes de l’animateur : commencer par la question 2.
Consignes pour l’animateur : commencer par la question 2.
Note à l’animateur : commencer par la question 2.
Notes du formateur : commencer par la question 2.
Für die Teamenden: mit Frage 2 beginnen.
Teamer-Hinweis: mit Frage 2 beginnen.
Notizen für die Seminarleitung: mit Frage 2 beginnen.
Примечание для модератора: начать со второго вопроса.
進行役メモ：質問2から始める。
ファシリテーターへ：質問2から始める。
主持人注：从第二个问题开始。
给主持人：从第二个问题开始。
Facilitator guidance: steer them to 1905.
Prompt for facilitator: steer them to 1905.
Speaker notes: steer them to 1905.
Presenter notes: steer them to 1905.
Spoiler (leader): steer them to 1905.
For discussion leader: steer them to 1905.
We start with a round of names (leader: skip this if everyone knows each other).
[leader: skip if short of time]
(host: keep it to five minutes)
(NB leader – keep it short)
We start with names. Leader: keep it short.
Host: keep the intro to five minutes.
## Discussion questions (leader: skip Q3 if short of time)""".split("\n")])
def test_a_leaders_note_as_organisers_type_it_is_refused_and_seen_by_the_check(tmp_path, line):
    from studyguide.build.leaks import notes_in
    from studyguide.errors import GuideError

    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, line)
    assert any(d.line == 10 and d.level == "error" for d in raised.value.diagnostics), raised.value.diagnostics
    assert notes_in(line + "\n")[0]


@pytest.mark.parametrize("line", [
    "Chair: Dolores", "Host: Welcome back to the show.", "Leader: Sam Jones", "The leaders: Lenin and Trotsky.",
    "Leaders: do they matter?", "A good leader - keep calm and carry on.", "The meeting (chair: Dolores) voted to strike.",
    "We met at the hall (host: Priya Patel) on Monday.", "The strike leaders: who chose them?",
    '<span title="General Secretary (leader)">GS</span>',
])
def test_a_role_that_only_names_who_leads_is_printed(tmp_path, line):
    from studyguide.build.leaks import notes_in

    assert "Text." in _read_line(tmp_path, line).html["participant"]
    assert not notes_in(line + "\n")[0]


# An attacker's round four: the leader's words in the shapes they typed them, refused by the reader.
@pytest.mark.parametrize("line", """Facilitator: ask the group what they think about 1905 and push them on it.
Facilitator — ask the group what they think about 1906.
**Facilitator:** tell them the answer is 1905.
- [ ] Facilitator: tell them the answer is 1905.
1. What did Trotsky mean by permanent revolution? Facilitator: steer them to 1905 and the soviets.
1. Why did it fail? // leader: the TUC lost its nerve.
1. Why did it fail? (leader) the TUC lost its nerve.
1. Why did it fail? Answer: the TUC lost its nerve.
Facilitator: Ann Smith. tell them the answer is nineteen oh five
Facilitator notes for question 3: tell them the answer is nineteen oh five
Extra facilitator notes: the answer is 1905
A note for the facilitator: the answer is 1905
Facilitator note 1: the answer is 1905
### Timings (facilitator)
### Leader's briefing
### Answers to the questions
Trainer notes: the answer is 1905
Leader's cue: the answer is 1905
Dear facilitator, start with question 3
If you're leading: start with question 3
DO NOT PRINT: the answer is 1905
TODO: book the room and bring the key
[Facilitator] tell them the answer
the answer is 1905 — facilitator only
#facilitator the answer is 1905
Leader´s notes: the answer is 1905
Leaderʼs notes: the answer is 1905
> [!tip] Leader\\n> the answer is 1905
<details><summary>Leader</summary>the answer is 1905</details>
| Question | Answer |\\n|---|---|\\n| Q1 | 1905 |
Faϲilitator notes: the answer is 1905
Tuтor notes: the answer is 1905
Faci١itator notes: the answer is 1905
Notities voor de begeleider: het antwoord is 1905
Uwagi dla prowadzącego: odpowiedź to 1905
### Extra questions for the facilitator
### Questions the leader might ask
### Probing questions (leader)
### Questions if the group is quiet""".split("\n"))
def test_the_leaders_words_in_an_attackers_shapes_are_refused(tmp_path, line):
    from studyguide.errors import GuideError

    with pytest.raises(GuideError) as raised:
        _read_line(tmp_path, line.replace("\\n", "\n"))
    assert any(d.line == 10 and d.level == "error" for d in raised.value.diagnostics), raised.value.diagnostics


@pytest.mark.parametrize("line", """Facilitator: Ann Smith
Facilitator: Ann Smith (she/her), ann@union.org
Moderator: TBC
> **Moderator:** Welcome, everyone, to tonight's debate.
### Teacher's notes from Ruskin College, 1909
### Ten tips for organisers
## Model answers to the exam?
Tips for new facilitators: keep it short.
The speaker notes that wages fell in 1926.
- A: the first option
1. What should the union do next? Possible answers: strike, negotiate, or wait.
* Mikeal Rogers (facilitator)
Private property, said Proudhon, is theft.
### Вопросы для обсуждения""".split("\n"))
def test_lines_that_only_look_like_the_leaders_build(tmp_path, line):
    path = tmp_path / "g.md"
    path.write_text(f"---\ntitle: T\n---\n\n## Summary\n\nText.\n\n{line}\n\n" + ASKED, encoding="utf-8")
    result = build_one(path, tmp_path / "out", editions=("participant",))
    assert result.ok, result.errors


SESSIONS = ("## Session 1{a}\n\n### Discussion questions\n\n1. Why did the council meet?\n\n"
            "## Session 2{b}\n\n### Discussion questions\n\n2. What did the branch count?\n")


# A session titled with its date, or with a picture before its word, is a session with its own handout (it was
# read as a range of sessions, or as none, and its questions reached no session handout).
@pytest.mark.parametrize("a, b", [(" — 3 December", " — 10 December"), (" - 3/12", " - 10/12"), (" – 19:00", " – 19:00"),
                                  ("", ""), (": Labour", ": Action")])
def test_a_session_with_its_date_or_a_picture_gets_its_handout(tmp_path, a, b):
    from studyguide.read.reader import read

    for prefix in ("", "📚 "):
        path = tmp_path / "g.md"
        path.write_text(HEAD + SESSIONS.format(a=a, b=b).replace("## Session", "## " + prefix + "Session"), encoding="utf-8")
        guide = read(path)
        assert [q.part for q in guide.questions] and len({q.part for q in guide.questions}) == 2, a
        assert not [d for d in guide.warnings if "session" in d.message], guide.warnings


def test_a_line_opening_with_a_hashtag_is_text_and_ends_no_session(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(HEAD + SESSIONS.format(a="", b=": MeToo\n\n#MeToo began in 2006 with Tarana Burke.")
                    + "3. What do you make of the way the\n#MeToo campaign spread?\n", encoding="utf-8")
    result = build_one(path, tmp_path / "out", editions=("questions",))
    assert result.ok, result.errors
    from .conftest import pdf_text

    second = " ".join(pdf_text(tmp_path / "out" / "g" / "g-questions-session-2.pdf"))
    assert "#MeToo began" not in second and "What did the branch count?" in second
    assert "way the #MeToo campaign spread?" in second


def test_seminar_questions_under_a_seminar_are_no_session_and_facilitador_is_a_fence(tmp_path):
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\nsession_heading: Seminar\n---\n\n## Seminar 1: Labour\n\n### Seminar questions\n\n"
                    "1. What is labour?\n\n## Seminar 2: Action\n\n### Session questions\n\n2. What is action?\n\n"
                    "::: facilitador\nEmpezar por la pregunta 2.\n:::\n", encoding="utf-8")
    guide = read(path)
    assert not guide.warnings and "Empezar" not in guide.html["participant"]
    assert "Empezar" in guide.html["facilitator"]
