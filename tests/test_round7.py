"""Round seven: what the fourth red teams found (an attacker, new organisers, saved pages
from new corpora), each a case written the way they wrote it."""

from __future__ import annotations

import base64

import pytest

from studyguide.config import loads
from studyguide.errors import GuideError
from studyguide.read.reader import read

from .conftest import build_one, pdf_text, write

HEAD = "---\ntitle: Round seven\n---\n\n## Summary\n\nThe council met.\n\n"
QUESTIONS = "\n\n## Discussion questions\n\n1. Why did it meet?\n"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _guide(tmp_path, body: str, name: str = "g.md"):
    path = tmp_path / name
    path.write_text(HEAD + body + QUESTIONS, encoding="utf-8")
    return path


def _messages(path, level: str = "error") -> list[str]:
    try:
        return [d.message for d in read(path).warnings if d.level == level]
    except GuideError as error:
        return [d.message for d in error.diagnostics if d.level == level]


# A role line in bold names who leads: printed with the reader's warning, and the check after
# the build (which shares no code with the reader) agrees, so `check` predicts `build`.
@pytest.mark.parametrize("line", [
    "**Facilitator:** Aisha",
    "*Moderator:* Ann Smith",
    "**Moderator**: Ann Smith",
    "**Facilitator** – Aisha",
    "| Facilitator: | Aisha |",
    "- **Facilitator:** Aisha\n- **Note-taker:** Ben",
    "> **Moderator:** Welcome, everyone, to tonight's debate.",
    "**MODERATOR:** Welcome to the panel. **SPEAKER 1:** Thank you.",
    "**Tutor:** Dr R. Okafor (office hours Tue 2–3)",
    "| Role | Name |\n|---|---|\n| **Chair** | Dolores |\n| **Facilitator** | Aisha |\n| **Host** | Priya |",
])
def test_a_role_named_in_bold_builds_as_check_says(tmp_path, line):
    path = _guide(tmp_path, line)
    assert _messages(path) == []
    result = build_one(path, tmp_path / "build", editions=("participant",))
    assert result.ok, result.errors


@pytest.mark.parametrize("line", [
    "| **Facilitator notes** | steer them to 1905 |",
    "|**Facilitator notes:** steer them to 1905|",
    "::**facilitator**",
    "**Facilitator notes:** steer them to 1905",
])
def test_a_label_in_bold_or_in_a_cell_is_still_refused(tmp_path, line):
    assert _messages(_guide(tmp_path, line))


# studyguide.toml's values print on every guide: judged as front matter is.
@pytest.mark.parametrize("entry", [
    'group = "Thursday group (facilitator only: the key code is 4471)"',
    'place = "Room 4 (Facilitator notes: ask Ann for the key, code 4471)"',
    'rights = "Facilitator notes: skip pages 3 and 4 of the reading"',
    'license = "CC BY-SA (leader only: we have no permission for page 5)"',
    'group = "Thursday group. Leader only: the key is under the mat"',
])
def test_a_leaders_words_in_studyguide_toml_are_refused_at_their_line(entry):
    with pytest.raises(GuideError) as error:
        loads('lang = "en"\n' + entry + "\n")
    assert error.value.diagnostics[0].line == 2


def test_ordinary_values_in_studyguide_toml_are_kept():
    config = loads('group = "Thursday group"\nplace = "Room 4, Unite House"\nrights = "Printed for members"\n')
    assert config.values["place"] == "Room 4, Unite House"


@pytest.mark.parametrize("front", [
    "subtitle: |\n  A guide for the Thursday group\n  Moderator notes: skip part two if we run late\n",
    "group: >\n  Thursday group.\n  Leader only: the key is under the mat\n",
    'subtitle: "A guide for the group. Moderator notes: skip part two if we run late"\n',
    'place: "Room 5. Host notes: bring the urn"\n',
])
def test_a_label_on_a_later_line_or_inside_a_front_matter_value_is_refused(tmp_path, front):
    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n" + front + "---\n\n## Summary\n\nText." + QUESTIONS, encoding="utf-8")
    assert any("in the front matter would be printed" in m for m in _messages(path))


def test_front_matter_values_that_only_mention_leaders_are_printed(tmp_path):
    path = tmp_path / "g.md"
    path.write_text("---\ntitle: Leaders of the strike\nsubtitle: |\n  What the leaders said.\n  Notes on 1926.\n"
                    "group: \"Host: Priya's kitchen\"\n---\n\n## Summary\n\nText." + QUESTIONS, encoding="utf-8")
    assert _messages(path) == []


# Questions pasted from Word or Google Docs: `1.` and a no-break space is still a list.
def test_a_numbered_list_with_no_break_spaces_reaches_the_handout(tmp_path):
    body = "## Discussion questions\n\n1.\u00a0What does “just transition” mean to you?\n2.\u202fWhich jobs are at risk?\n"
    path = tmp_path / "g.md"
    path.write_text(HEAD + body, encoding="utf-8")
    guide = read(path)
    assert [q.number for q in guide.questions] == [1, 2]
    result = build_one(path, tmp_path / "build", editions=("questions",))
    assert result.ok, result.errors
    text = " ".join(pdf_text(tmp_path / "build" / "g" / "g-questions.pdf"))
    assert "What does “just transition” mean to you?" in text and "Which jobs are at risk?" in text


# A session heading that prints "Session 3" is a session, however it was typed.
@pytest.mark.parametrize("heading", ["Ses\u00adsion 3: the party", "\u200bSession 3: the party",
                                     "Se\u0301ssion 3: the party", "\u0405ession 3: the party",
                                     "Ｓｅｓｓｉｏｎ 3: the party", "Session\u00a03: the party"])
def test_a_session_heading_with_unseen_or_look_alike_letters_gets_its_handout(tmp_path, heading):
    body = "".join(f"## {h}\n\n### Discussion questions\n\n1. {q}?\n\n" for h, q in
                   [("Session 1: the manifesto", "Alpha"), ("Session 2: the strike", "Gamma"), (heading, "Epsilon")])
    path = tmp_path / "g.md"
    path.write_text(HEAD + body, encoding="utf-8")
    result = build_one(path, tmp_path / "build", editions=("questions",))
    assert result.ok, result.errors
    third = tmp_path / "build" / "g" / "g-questions-session-3.pdf"
    assert third.is_file() and "Epsilon" in " ".join(pdf_text(third))


def test_a_session_heading_inside_a_facilitator_block_is_refused_at_its_line(tmp_path):
    body = ("## Session 1: the manifesto\n\n### Discussion questions\n\n1. Alpha?\n\n::: facilitator\nWrap up by seven.\n\n"
            "## Session 2: the strike\n:::\n\n### Discussion questions\n\n1. Gamma?\n")
    path = tmp_path / "g.md"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(GuideError) as error:
        read(path)
    said = [d for d in error.value.diagnostics if "inside a facilitator block" in d.message]
    assert said and said[0].line == HEAD.count("\n") + body.split("\n").index("## Session 2: the strike") + 1


# A rebuild takes away what the last build made and this one does not (a picture moved into a
# note, a session taken out): the guide's folder is what an organiser publishes.
def test_a_rebuild_takes_away_the_files_it_no_longer_makes(tmp_path):
    folder = write(tmp_path, {"ans/answer-key.png": PNG, "ans/mine.txt": "the organiser's own file"})
    guide = folder / "ans" / "ans.md"
    sessions = "## Session 1\n\n### Discussion questions\n\n1. Why?\n\n## Session 2\n\n### Discussion questions\n\n1. How?\n"
    guide.write_text(HEAD + "![The answers to the quiz](answer-key.png)\n\n" + sessions, encoding="utf-8")
    out = tmp_path / "build"
    editions = ("participant", "web", "questions")
    assert build_one(guide, out, editions=editions).ok
    built = out / "ans"
    assert (built / "assets" / "answer-key.png").is_file() and (built / "ans-questions-session-2.pdf").is_file()
    (built / "notes.txt").write_text("put here by hand")
    guide.write_text(HEAD + "::: facilitator\n![The answers to the quiz](answer-key.png)\n:::\n\n"
                     + sessions.split("## Session 2")[0], encoding="utf-8")
    assert build_one(guide, out, editions=editions).ok
    assert not (built / "assets" / "answer-key.png").exists()
    assert not (built / "ans-questions-session-2.pdf").exists() and not (built / "ans-questions-session-1.pdf").exists()
    assert (built / "notes.txt").is_file() and (built / "ans.pdf").is_file() and (built / "index.html").is_file()
    # a build of one edition leaves the others' files as they were
    assert build_one(guide, out, editions=("participant",), force=True).ok
    assert (built / "index.html").is_file() and (built / "ans-questions.pdf").is_file()


# Saved pages.
FILLER = "The strike began on the third of May when the miners were locked out of the pits by the owners."


def _page(middle: str = "", head: str = "") -> str:
    paras = [f"<p>{FILLER} Paragraph {i} tells more of what happened in the coalfields that week.</p>" for i in range(12)]
    return (f"<html><head><title>The lockout</title>{head}</head><body><article><h1>The lockout</h1>"
            + "".join(paras[:6]) + middle + "".join(paras[6:]) + "</article></body></html>")


def _imported(tmp_path, page: str) -> str:
    from studyguide.importer.run import import_source

    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    _article, reading, _ = import_source(source, tmp_path / "guides", slug="lockout")
    return reading.read_text(encoding="utf-8")


@pytest.mark.parametrize("middle", [
    "<div>" + "<font size=2>x " * 300 + "</div>",  # an old site's unclosed <font>s
    "<div>" + "<span>" * 300 + "embed" + "</span>" * 300 + "</div>",
    "<svg>" + "<g>" * 300 + "</g>" * 300 + "</svg>",
])
def test_a_page_nested_past_256_levels_is_read_to_its_end(tmp_path, middle):
    reading = _imported(tmp_path, _page(middle))
    assert all(f"Paragraph {i} " in reading for i in range(12))


def test_text_the_page_hides_is_left_out_and_said(tmp_path, capsys):
    reading = _imported(tmp_path, _page("<p hidden>SECRET one</p><p style='font-size:0'>SECRET two</p>"
                                        "<div style='display: none'>SECRET three</div>"))
    assert "SECRET" not in reading and all(f"Paragraph {i} " in reading for i in range(12))


def test_a_long_passage_hidden_behind_read_more_is_kept(tmp_path):
    rest = "".join(f"<p>{FILLER} The rest, part {i}, which a click shows.</p>" for i in range(8))
    reading = _imported(tmp_path, _page(f"<div hidden class='read-more'>{rest}</div>"))
    assert "The rest, part 7" in reading


@pytest.mark.parametrize("published,printed", [
    ("2031-13-45T99:99:99Z", None), ("2024-02-30", None), ("2099-05-01", None), ("2024-02-29T10:00:00Z", "2024-02-29"),
])
def test_a_date_that_is_no_day_or_is_yet_to_come_is_not_printed(tmp_path, published, printed):
    reading = _imported(tmp_path, _page(head=f'<meta property="article:published_time" content="{published}">'))
    front = reading.split("---")[1]
    assert (f"date: '{printed}'" in front or f"date: {printed}" in front) if printed else "date:" not in front


def test_an_address_with_percent_signs_is_not_an_obsidian_comment(tmp_path):
    link = '<a href="https://example.org/report?utm=%%CAMPAIGN%%">the report</a>'
    reading = _imported(tmp_path, _page(f"<p>{FILLER} The second paragraph cites {link} again.</p>"))
    assert "the report" in reading
    path = _guide(tmp_path, "See [the report](https://example.org/r?utm=%%CAMPAIGN%%) now.")
    assert _messages(path) == []
    assert _messages(_guide(tmp_path, "See [the report](https://example.org/) %%steer them%%", "h.md"))


# A leader's label with what qualifies it: refused by the reader, and found by the check after the build.
QUALIFIED = ["Facilitator notes (private): steer them toward the general council's betrayal in May.",
             "Tutor's notes for week 3: the answer to question 1 is that the TUC called it off.",
             "## Session leader notes\n\nIf the room is quiet, start with question 1 and mention Citrine.",
             "FACILITATORS' NOTES (CONFIDENTIAL): steer them toward the betrayal.",
             "Leader's notes for week 3: the answer is the TUC.", "## Leader-only notes\n\nMention Citrine.",
             "## Facilitator/leader notes\n\nMention Citrine.", "## Facilitator's eyes only\n\nMention Citrine.",
             "## Group leader's notes\n\nMention Citrine.", "## Notes (facilitator)\n\nMention Citrine.",
             "## Organiser's notes for week 3\n\nMention Citrine.", "## Teacher's notes (answers)\n\nMention Citrine."]


@pytest.mark.parametrize("line", QUALIFIED)
def test_a_qualified_label_is_refused_and_found_after_the_build(tmp_path, line):
    from studyguide.build.leaks import notes_in

    assert _messages(_guide(tmp_path, line))
    notes, _rest = notes_in(line + "\n")
    assert notes, line


@pytest.mark.parametrize("line", ["## Writing your tutor notes\n\nTutor notes are for you and the next tutor.",
                                  "## Leaders of the strike (1926)\n\nThey met in May.", "## Notes for week 3\n\nRead ch. 4.",
                                  "## Group leaders\n\nEach group chooses one.", "## Session 2 notes\n\nRead ch. 4."])
def test_headings_that_only_mention_leaders_are_printed(tmp_path, line):
    assert _messages(_guide(tmp_path, line)) == []


def test_a_themes_participant_templates_are_not_given_the_notes(tmp_path):
    """A theme that shares one template between the leader's handout and the group's, hiding the
    notes from print only, cannot put them in the group's metadata or links: it never gets them."""
    from pypdf import PdfReader

    from studyguide.files import TEMPLATES

    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "questions.html.j2").read_text(encoding="utf-8")
    sneak = ('<meta name="keywords" content="{% for q in guide.questions %}{{ q.notes_html | join(" ") | striptags }}'
             '{% endfor %}{{ guide.facilitator_text | join(" ") }}{{ guide.body }}">')
    (theme / "questions.html.j2").write_text(template.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + sneak))
    guide = (tmp_path / "g.md")
    guide.write_text(HEAD + "## Discussion questions\n\n1. Why did it meet?\n\n   ::: facilitator\n   Zanzibar: push on 1848.\n"
                     "   :::\n", encoding="utf-8")
    result = build_one(guide, tmp_path / "out", theme=theme, editions=("questions", "facilitator-handout"))
    assert result.ok, result.errors
    group = PdfReader(tmp_path / "out" / "g" / "g-questions.pdf").metadata
    assert "Zanzibar" not in str(group) and "1848" not in str(group)
    leader = PdfReader(next((tmp_path / "out" / "g" / "facilitator").glob("*questions.pdf"))).metadata
    assert "Zanzibar" in str(leader)  # the leader's handout, from the same template, still has them


# A no-break or zero-width space inside a label (Word, Google Docs, Option-Space, French typing) is a space.
@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007", "\u3000", "\u200b", "\ufeff"])
@pytest.mark.parametrize("line", ["Facilitator{}notes: steer them to 1905.", "Notes for the{}leader: steer them to 1905.",
                                  "**Facilitator{}notes:** steer them.", "Answer{}key: the TUC called it off.",
                                  "For{}leaders: steer them to 1905."])
def test_a_label_with_an_odd_space_in_it_is_refused_and_found_after_the_build(tmp_path, space, line):
    from studyguide.build.leaks import notes_in

    text = line.format(space)
    assert _messages(_guide(tmp_path, text))
    assert notes_in(text + "\n")[0]


def test_a_no_break_space_between_words_is_not_a_label(tmp_path):
    assert _messages(_guide(tmp_path, "We walked 10\u00a0km to the Facilitator\u00a0Centre, where Ann\u00a0Smith spoke.")) == []


def test_words_on_a_notes_opening_line_are_kept_whole(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(HEAD + "::: facilitator Check the room is booked for the next session.\n:::\n\n"
                    "::: Facilitator notes: Ask for volunteers for next month's host.\n:::\n" + QUESTIONS, encoding="utf-8")
    html = read(path).html["facilitator"]
    assert "Check the room is booked for the next session." in html
    assert "Ask for volunteers for next month’s host." in html or "Ask for volunteers for next month's host." in html


def test_a_poems_lines_ended_by_a_backslash_keep_their_breaks(tmp_path):
    guide = read(_guide(tmp_path, "Let us go then, you and I,\\\nWhen the evening is spread out against the sky\\\n"
                                  "Like a patient etherised upon a table;\n\n```\na code line\\\nnext\n```"))
    html = guide.html["participant"]
    assert "you and I,<br" in html and "sky<br" in html and "\\" not in html.split("<pre")[0]
    assert "a code line\\" in html  # in code, a backslash is a backslash


def test_a_timeline_keeps_its_years(tmp_path):
    path = _guide(tmp_path, "## Timeline\n\n1917. The February and October revolutions.\n\n1921. Kronstadt; the NEP.\n\n"
                            "1924. Lenin dies.")
    assert _messages(path, "warning") == []
    result = build_one(path, tmp_path / "build", editions=("participant",))
    assert result.ok, result.errors
    text = " ".join(pdf_text(tmp_path / "build" / "g" / "g.pdf"))
    assert "1924. Lenin dies." in text and "1919" not in text
    guide = read(path)
    assert [q.number for q in guide.questions] == [1]


@pytest.mark.parametrize("line", ["Question 3: Why does Stevens stay silent?", "Q4. What does Miss Kenton want?",
                                  "**Question 5.** Who gains from the silence?", "Q: Was it history's biggest fraud?"])
def test_a_question_written_as_a_paragraph_is_warned_about_at_its_line(tmp_path, line):
    path = _guide(tmp_path, "## Chapter 5\n\n" + line)
    warned = [d for d in read(path).warnings if "written as a paragraph" in d.message]
    assert warned and warned[0].line == (HEAD + "## Chapter 5\n\n").count("\n") + 1


def test_a_reading_from_a_book_needs_no_address(tmp_path):
    write(tmp_path, {"g/guide.md": HEAD + QUESTIONS,
                     "g/reading.md": "---\ntitle: The Lady with the Dog\nauthor: Anton Chekhov\n"
                                     "publication: The Lady with the Dog and Other Stories (1917)\n---\n\nIt was said.\n"})
    guide = read(tmp_path / "g" / "guide.md")
    assert not [d for d in guide.warnings if "the reading has no" in d.message]


def test_a_script_inside_an_opening_paragraph_prints_neither_the_script_nor_the_opening_twice(tmp_path):
    paras = "".join(f"<p>{FILLER} Part {i} of the story.</p>" for i in range(2, 6))
    page = (f"<html><head><title>The lockout</title></head><body><div class='top'><article><h1>The lockout</h1>"
            f"<p>The strike began on Monday<script>googletag.cmd.push(function(){{}});</script> morning, when the miners "
            f"were locked out of the pits by the owners and the union called its members out.</p>"
            f"<p>The union said that<noscript>Enable JavaScript</noscript> wages had not risen for years, and the "
            f"owners wanted longer hours for less pay in every pit.</p><div class='body'>{paras}</div></article></div></body></html>")
    reading = _imported(tmp_path, page)
    assert "googletag" not in reading and "Enable JavaScript" not in reading
    assert reading.count("wages had not risen") == 1 and reading.count("locked out of the pits by the owners and") == 1


def test_a_page_written_in_decomposed_letters_is_read_once(tmp_path):
    import unicodedata

    german = ["Der Streik begann am Montag früh, als die Bergleute vor den Toren der Zeche standen und warteten.",
              "Die Gewerkschaft erklärte, dass die Löhne seit Jahren nicht gestiegen seien und die Schichten länger würden.",
              "Am Abend kamen die Frauen mit Brot und Kaffee zu den Streikposten an der Zeche am Rande der Stadt.",
              "Am zweiten Tag sprach der Vorsitzende vor der Versammlung im Saal der Gewerkschaft über die Forderungen.",
              "Am dritten Tag stimmten die Mitglieder mit großer Mehrheit für die Fortsetzung des Streiks bis zum Ende."]
    page = unicodedata.normalize("NFD", "<html lang='de'><head><title>Streik</title></head><body><article><h1>Streik</h1>"
                                 + "".join(f"<p>{p}</p>" for p in german) + "</article></body></html>")
    from studyguide.importer.run import import_source

    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    _article, reading, _ = import_source(source, tmp_path / "guides", slug="streik")
    text = reading.read_text(encoding="utf-8")
    assert text.count("Der Streik begann") == 1 and "früh" in text


@pytest.mark.parametrize("box", ["cmp cmp-text", "trusted-content"])
def test_an_article_block_named_like_a_consent_platform_is_kept(tmp_path, box):
    middle = f"<div class='{box}'><p>{FILLER} The union said that wages had not risen in years.</p></div>"
    reading = _imported(tmp_path, _page(middle))
    assert "wages had not risen in years" in reading


def test_json_ld_of_other_types_is_read_or_left_out_never_a_traceback(tmp_path):
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": 1676551869, '
          '"headline": ["The lockout", "B"], "description": {"x": 1}}</script>'
          '<meta property="og:title" content="Galena IL is a B&amp;amp;B Kinda Town">')
    reading = _imported(tmp_path, _page(head=ld))
    front = reading.split("---")[1]
    assert "2023-02-16" in front and "title: Galena IL is a B&B Kinda Town" in front


def test_the_measure_of_what_was_left_out_is_linear(tmp_path):
    from studyguide.importer.html import Holds

    text = " ".join(f"Paragraph {i} says the council of delegates met in the workshop on day {i}." for i in range(20000))
    holds = Holds(text)
    assert "Paragraph 19999 says the council of delegates met in the workshop on day 19999." in holds
    assert "Paragraph 20001 says the council of delegates met in the workshop on day 20001." not in holds


def test_inline_code_is_imported_as_the_page_writes_it(tmp_path):
    code = "<code>my_var = arr[0] * 2 &amp;&amp; x &lt; y</code> and <code>a`b</code>"
    reading = _imported(tmp_path, _page(f"<p>{FILLER} Run {code} in the shell.</p>"))
    assert "`my_var = arr[0] * 2 && x < y`" in reading and "``a`b``" in reading


def test_line_breaks_in_a_paragraph_are_kept(tmp_path):
    poem = "<p>Roses are red,<br>violets are blue,<br>- the branch is out<br>1. and so are you</p>"
    reading = _imported(tmp_path, _page(poem))
    assert "Roses are red,\\\nviolets are blue,\\\n\\- the branch is out\\\n1\\. and so are you" in reading
    folder = tmp_path / "guides" / "lockout"
    (folder / "guide.md").write_text(HEAD + QUESTIONS, encoding="utf-8")
    result = build_one(folder, tmp_path / "build", editions=("participant",))
    assert result.ok, result.errors
    assert "violets are blue, - the branch is out 1. and so are you" in " ".join(
        pdf_text(tmp_path / "build" / "lockout" / "lockout.pdf"))
    article = read(folder / "guide.md").article.html
    assert "violets are blue,<br" in article and "the branch is out<br" in article


@pytest.mark.parametrize("line", ["(Facilitator only) steer them toward the general council.",
                                  "[Leader only] the answer is the TUC.", ".. admonition:: Facilitator notes",
                                  "{% if facilitator %}steer them{% endif %}", "ifdef::facilitator[]",
                                  '<aside class="notes">steer them</aside>', "[steer them]{.leader-notes}",
                                  "Text.\n{: hidden }", 'Text.\n{: style="display:none" }', "Text.\n{: class=leader-notes }"])
def test_other_programs_ways_of_keeping_text_for_the_leader_are_refused(tmp_path, line):
    assert _messages(_guide(tmp_path, line))


@pytest.mark.parametrize("line", ["The leaders (only the brave) met.", "The group leader only wanted peace.",
                                  "## Heading {#intro .wide}", "Text.\n{: .lead }", "A set {1, 2, 3} only.",
                                  "Use `{: hidden }` to hide a paragraph in MkDocs."])
def test_brackets_and_braces_that_hide_nothing_are_printed(tmp_path, line):
    assert _messages(_guide(tmp_path, line)) == []


@pytest.mark.parametrize("lang,line", [
    ("ar", "ملاحظات للميسر: وجّههم نحو عام 1905"), ("ru", "Только для ведущего: направьте их к 1905 году."),
    ("fa", "یادداشت های تسهیل گر: آنها را هدایت کنید"), ("fa", "يادداشت‌های تسهيل‌گر: آنها را هدایت کنید"),
    ("ja", "ファシリテーター用メモ：1905年に導いてください。"), ("de", "Moderationshinweise: lenken Sie sie zu 1905."),
    ("es", "Notas para quien facilita: guíelos hacia 1905."), ("pt", "Notas para quem facilita: guie-os."),
    ("zh", "给主持人的提示：引导他们到1905年。")])
def test_the_leaders_label_as_typed_in_other_languages_is_refused_and_found_after_the_build(tmp_path, lang, line):
    from studyguide.build.leaks import notes_in

    path = tmp_path / "g.md"
    path.write_text(f"---\ntitle: T\nlang: {lang}\n---\n\n## Summary\n\nText.\n\n{line}\n" + QUESTIONS, encoding="utf-8")
    assert _messages(path)
    assert notes_in(line + "\n")[0]


def _warned(path, words: str) -> list[int]:
    return [d.line for d in read(path).warnings if words in d.message]


def test_a_level_2_heading_that_ends_a_session_above_its_questions_is_warned_about(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(HEAD + "## Session 1: Bourgeois\n\nWe read.\n\n## Key terms\n\nBourgeoisie\n: The class.\n\n"
                    "### Discussion questions\n\n1. Alpha?\n\n## Session 2: Proletarians\n\n## Summary of section two\n\n"
                    "Text.\n\n### Questions\n\n1. Gamma?\n", encoding="utf-8")
    lines = (HEAD + "## Session 1: Bourgeois\n\nWe read.\n\n").count("\n") + 1
    assert lines in _warned(path, "is a level-2 heading, so it ends")
    assert len(_warned(path, "is a level-2 heading, so it ends")) == 2


def test_an_underlined_session_heading_glued_to_the_last_question_is_warned_about(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(HEAD + "## Session 1\n\n### Discussion questions\n\n1. Alpha?\n2. Beta?\nSession 2: the strike\n"
                    "---------------------\n\n### Discussion questions\n\n1. Gamma?\n", encoding="utf-8")
    assert _warned(path, "is underlined as a heading") == [(HEAD + "## Session 1\n\n### Discussion questions\n\n1. Alpha?\n"
                                                            "2. Beta?\n").count("\n") + 1]


@pytest.mark.parametrize("block", ["> 1. Qone discuss the miners' leaders.\n> 2. Qtwo consider the general council.",
                                   "<details><summary>Open the list</summary>\n\n1. Done discuss the railwaymen.\n"
                                   "2. Dtwo consider the dockers.\n\n</details>",
                                   "The miners\n: Why did they strike?\n\nThe council\n: Why did it call it off?"])
def test_questions_the_handout_cannot_read_under_a_questions_heading_are_warned_about(tmp_path, block):
    path = tmp_path / "g.md"
    path.write_text(HEAD + "## Discussion questions\n\n1. Real one?\n\n## Questions to consider\n\n" + block + "\n",
                    encoding="utf-8")
    assert _warned(path, "will not reach the handout")


def test_a_bare_embed_does_not_swallow_the_rest_of_the_article(tmp_path):
    paras = [f"<p>{FILLER} Paragraph {i} tells more of what happened in the coalfields that week.</p>" for i in range(8)]
    page = ("<html><head><title>Embed</title></head><body><div class='post-body'>" + "".join(paras[:4])
            + "<embed src='x.swf'>" + "".join(paras[4:]) + "</div></body></html>")
    reading = _imported(tmp_path, page)
    assert all(f"Paragraph {i} " in reading for i in range(8))


def test_the_articles_own_headings_are_kept_whatever_their_word(tmp_path):
    body = "".join(f"<h2>{h}</h2><p>The phone's {h.lower()} section says a great deal about what the council of delegates "
                   f"wanted from the device, at length.</p>" for h in ("Design", "Features", "Analysis", "Verdict"))
    reading = _imported(tmp_path, f"<html><head><title>Review</title></head><body><article><h1>Review</h1>{body}"
                                  "</article></body></html>")
    assert "## Features" in reading and "## Analysis" in reading


def test_a_code_block_named_for_a_role_is_refused(tmp_path):
    assert _messages(_guide(tmp_path, "~~~ leader\nThe leader says this at ten past.\n~~~"))
    from studyguide.build.leaks import notes_in

    assert notes_in("~~~ leader\nThe leader says this at ten past.\n~~~\n")[0]


def test_a_picture_named_with_spaces_is_found_or_explained(tmp_path):
    (tmp_path / "Banner photo.png").write_bytes(PNG)
    said = _messages(_guide(tmp_path, "![The banner](Banner photo.png)"))
    assert said and "<Banner photo.png>" in said[0]
    assert _messages(_guide(tmp_path, "![The banner](<Banner photo.png>)", "h.md")) == []
    (tmp_path / "march.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    assert any("HEIC" in m for m in _messages(_guide(tmp_path, "![The march](march.HEIC)", "i.md")))


def test_a_character_no_font_has_is_named_once_at_its_line(tmp_path):
    path = _guide(tmp_path, "📌 We meet on the second Sunday.")
    result = build_one(path, tmp_path / "build", editions=("participant", "large-print"))
    assert result.ok, result.errors
    said = [w.message for w in result.warnings if "1F4CC" in w.message]
    assert len(said) == 1 and said[0].startswith("no font has")


def test_the_catalogue_web_page_and_epub_print_the_titles_marks_as_the_pdf_does(tmp_path):
    path = tmp_path / "g.md"
    path.write_text("---\ntitle: \"Chekhov, 'The Lady with the Dog'\"\n---\n\n## Summary\n\nText." + QUESTIONS,
                    encoding="utf-8")
    result = build_one(path, tmp_path / "build", editions=("participant", "web", "epub"))
    assert result.ok, result.errors
    import zipfile

    curly = "Chekhov, ‘The Lady with the Dog’"
    assert curly in (tmp_path / "build" / "g" / "index.html").read_text(encoding="utf-8")
    assert curly in (tmp_path / "build" / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "build" / "g" / "g.epub") as book:
        assert any(curly in book.read(name).decode() for name in book.namelist() if name.endswith(".opf"))


def test_a_page_that_goes_on_over_more_pages_is_said_to(tmp_path):
    from studyguide.importer.run import import_source

    page = _page("<nav class='pagination'>Page 1 of 3 <a href='?page=2'>Next page »</a></nav>")
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    article, _reading, _ = import_source(source, tmp_path / "guides", slug="lockout")
    assert any("goes on over more pages" in w for w in article.warnings)


def test_a_paragraph_pasted_with_a_leading_tab_is_warned_about(tmp_path):
    path = _guide(tmp_path, "\tOne member said: 'I do 14 visits a day and get paid for 9 hours. The rest is\n\tdriving.'")
    assert _warned(path, "starts with a tab or four spaces")
    assert not _warned(_guide(tmp_path, "- An item\n\n    its second paragraph, indented under it as Markdown wants it to be.",
                              "h.md"), "starts with a tab")


def test_an_article_body_in_chunks_is_read_to_its_end(tmp_path):
    first = "".join(f"<p>{FILLER} Chunk one, paragraph {i}.</p>" for i in range(5))
    second = "".join(f"<p>{FILLER} Chunk two, paragraph {i}, the essay's ending.</p>" for i in range(4))
    page = (f"<html><head><title>Lessons</title></head><body><article><h1>Lessons</h1>"
            f"<div class='body__inner-container'>{first}</div><div class='ad'>Advertisement</div>"
            f"<div class='body__inner-container'>{second}</div></article></body></html>")
    reading = _imported(tmp_path, page)
    assert all(f"Chunk two, paragraph {i}" in reading for i in range(4))


def test_a_heading_about_several_sessions_is_none_of_them(tmp_path):
    body = ("## Session 1–4 overview\n\nWhat we read.\n\n## Session 1: the strike\n\n### Discussion questions\n\n1. Why?\n\n"
            "## Session 2 – 1926\n\n### Discussion questions\n\n1. How?\n")
    path = tmp_path / "g.md"
    path.write_text(HEAD + body, encoding="utf-8")
    guide = read(path)
    assert [s.number for s in guide.sections if s.session] == [1, 2]
    assert not [d for d in guide.warnings if "session" in d.message.lower()]


def test_a_technical_texts_host_only_is_printed(tmp_path):
    assert _messages(_guide(tmp_path, "A cookie may be set for the origin server (host only), as RFC 6265 says.")) == []


@pytest.mark.parametrize("written,printed", [("Name *", None), ("Account You're logged", None),
                                             ("Googletag Cmd Push Dfp Ad Pg Author Sec 1", None),
                                             ("Steven Shepard Link Copied", "Steven Shepard"),
                                             ("Abraham Riesman Follow @abrahamjoseph", "Abraham Riesman"),
                                             ("Emily Kirkpatrick Updated", "Emily Kirkpatrick"), ("Ann Name-Smith", "Ann Name-Smith")])
def test_an_author_is_a_name_not_a_forms_label_or_a_buttons(written, printed):
    from studyguide.importer.meta import clean_author

    assert clean_author(written) == printed


def test_front_matter_messages_say_what_to_write(tmp_path):
    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\nauthor: Ann Smith\ntime: 7:30\n---\n\n## Summary\n\nText." + QUESTIONS, encoding="utf-8")
    said = [d.message for d in read(path).warnings]
    assert "unknown key 'author' is ignored (did you mean 'authors'?)" in said
    assert any("read on a 24-hour clock as 07:30" in m and "19:30" in m for m in said)
    path.write_text("---\ntitle: T\ntags: history, unions\nreading: The Road to Wigan Pier\n---\n\n## Summary\n\nText."
                    + QUESTIONS, encoding="utf-8")
    said = _messages(path)
    assert any("write tags: [history, unions]" in m for m in said) and any("reading: {title:" in m for m in said)


def test_a_questions_list_that_asks_nothing_is_warned_about(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(HEAD + "## Last time: minutes\n\n### Discussion\n\n- Ann reported on the housing campaign.\n"
                    "- Agreed to write to the council.\n- Bob will book the room.\n" + QUESTIONS, encoding="utf-8")
    assert _warned(path, "asks nothing")
    assert not _warned(_guide(tmp_path, "", "h.md"), "asks nothing")


def test_a_guide_notepad_saved_as_unicode_is_read_and_ansi_is_told_how_to_save(tmp_path):
    path = tmp_path / "g.md"
    path.write_bytes((HEAD + "Café." + QUESTIONS).encode("utf-16"))
    assert "Café" in read(path).html["participant"]
    path.write_bytes((HEAD + "Café." + QUESTIONS).encode("cp1252"))
    assert any("Encoding: UTF-8" in m for m in _messages(path))
    path.write_text("---\ntitle: T\npaper: A5\n---\n\n## Summary\n\nText." + QUESTIONS, encoding="utf-8")
    assert any("'a4' already makes A5 pages" in m for m in _messages(path))


@pytest.mark.parametrize("rule", ["ol.questions > li:nth-child(2) { visibility: hidden }",
                                  "ol.questions > li:nth-child(2) { opacity: 0 }",
                                  "ol.questions > li:nth-child(2) { color: transparent }"])
def test_a_theme_that_hides_a_question_on_the_handout_fails_the_build(tmp_path, rule):
    """The second lock reads what a reader can see on the handout, not only what it holds."""
    from studyguide.files import TEMPLATES

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "questions.css").write_text((TEMPLATES / "questions.css").read_text(encoding="utf-8") + "\n" + rule + "\n")
    path = tmp_path / "g.md"
    path.write_text(HEAD + "## Discussion questions\n\n1. Why did the council meet?\n2. What did the branch count?\n"
                    "3. Who held the strike fund?\n", encoding="utf-8")
    result = build_one(path, tmp_path / "out", theme=theme, editions=("questions",))
    assert not result.ok and "What did the branch count?" in str(result.errors[0])
    assert build_one(path, tmp_path / "fine", editions=("questions",)).ok


def test_a_label_in_a_reading_is_told_to_be_reworded_there(tmp_path):
    write(tmp_path, {"g/guide.md": HEAD + QUESTIONS,
                     "g/reading.md": "---\ntitle: The panel\npublication: The Paper\n---\n\n"
                                     "**Moderator's note:** the panel was recorded in May.\n"})
    said = _messages(tmp_path / "g" / "guide.md")
    assert said and all("facilitator' and ':::'" not in m for m in said) and any("reword the line" in m for m in said)


def test_a_box_the_page_holds_twice_is_printed_once(tmp_path):
    box = ("<h5>Tubman's Hymnal</h5><p>Some of my relatives escaped on the Underground Railroad, and this hymnal "
           "travelled with them through every station of the way north.</p>")
    reading = _imported(tmp_path, _page(f"<div class='g-desktop-only'>{box}</div><div class='g-mobile-only'>{box}</div>"))
    assert reading.count("Some of my relatives escaped") == 1


def test_the_shared_record_names_no_path_of_the_organisers_machine(tmp_path):
    import json

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\nsubtitel: A slip\n---\n\n## Summary\n\nText." + QUESTIONS, encoding="utf-8")
    first = build_one(path, tmp_path / "build", editions=("participant",))
    assert first.ok and first.warnings
    record = (tmp_path / "build" / "g" / "guide.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in record and json.loads(record)["warnings"][0][0] == "g.md"
    again = build_one(path, tmp_path / "build", editions=("participant",))  # nothing changed: said again from the record
    assert again.skipped and [str(d) for d in again.warnings] == [str(d) for d in first.warnings]


@pytest.mark.parametrize("heading", ["Module 2", "Unit 3: wages", "Seminar 1", "Day 2", "Workshop 4", "第2讲"])
def test_other_words_for_a_session_are_warned_about(tmp_path, heading):
    path = _guide(tmp_path, f"## {heading}\n\nWe read chapter two.")
    assert _warned(path, "looks like a session")


@pytest.mark.parametrize("line", ["[Continue reading the main story](https://www.nytimes.com#after-bottom)",
                                  "[Go Back to Top. Skip To: Start of Article.]",
                                  "Thank you for signing up to Android Central. You will receive a verification email shortly.",
                                  "There was a problem. Please refresh the page and try again.", "What’s Your Reaction?",
                                  "Be sure to annoy your liberal friends and family – share this post with them!"])
def test_a_sites_own_messages_are_furniture(line):
    from studyguide.importer.furniture import kind

    assert kind(line) == "site message"


def test_sentences_like_them_are_the_articles():
    from studyguide.importer.furniture import kind

    assert kind("The strike continued reading the main story of the day.") is None
    assert kind("Back to top of the mine, the miners went.") is None
