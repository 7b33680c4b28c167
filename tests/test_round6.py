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


@pytest.mark.parametrize("paragraph", ["[" * 30000, "![a" * 3000, "<a " * 5000, "`a" * 3000, "*a" * 6000,
                                       "*[A]: b\n" * 3500, "a\n===\n" * 1600, "[^" * 2000, '"' * 20000,
                                       "{" * 20000, "[a](b) " * 6000])
def test_a_paragraph_markdown_would_take_minutes_over_is_refused_at_its_line(tmp_path, paragraph):
    guide = write(tmp_path, {"costly.md": HEAD + "Some words first.\n\n" + paragraph + "\n"}) / "costly.md"
    with pytest.raises(GuideError) as caught:
        read(guide)
    said = [str(d) for d in caught.value.diagnostics if d.level == "error"]
    assert len(said) == 1 and re.search(rf"costly\.md:{HEAD.count(chr(10)) + 3}: error: this paragraph or list (holds|runs for) "
                                        r"[\d,]+ ", said[0]), said


def test_the_build_refuses_a_costly_paragraph_with_its_line_and_writes_nothing(tmp_path):
    guide = write(tmp_path, {"costly.md": HEAD + "[" * 30000 + "\n"}) / "costly.md"
    done = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "build", str(guide), "-o", str(tmp_path / "out"),
                           "--editions", "participant"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and f"costly.md:{HEAD.count(chr(10)) + 1}: error: this paragraph or list holds 30,000" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out" / "costly" / "costly.pdf").exists()


def test_a_paragraph_of_marks_markdown_reads_quickly_is_read(tmp_path):
    guide = write(tmp_path, {"marks.md": HEAD + "](" * 20000 + "\n\n" + "(" * 20000 + "\n"}) / "marks.md"
    assert read(guide).questions  # (our link-title pattern once took minutes over the first)


@pytest.mark.parametrize("paragraph", [
    "".join(f"- *The Book of Strikes, vol. {n}*, by A. Author (1901)\n" for n in range(520)),  # 1,040 asterisks
    "".join(f"**Ann:** I think we should go on strike, said speaker {n}.\n" for n in range(300)),
    "".join(f'"Are you coming to the meeting?" she asked. "Yes," he said. ({n})\n' for n in range(300)),
    "".join(f"- [Report {n}](https://example.org/strike_report_{n}_final.pdf)\n" for n in range(1010)),
    "".join(f"A line of the long poem, number {n}, and its words\n" for n in range(1050))])
def test_long_lists_poems_and_dialogue_are_read(tmp_path, paragraph):
    """Red team 4: the first limits refused these, which Markdown reads in under half a second."""
    guide = write(tmp_path, {"long.md": HEAD + "Words first.\n\n" + paragraph}) / "long.md"
    assert read(guide).questions


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
    # red team 4: the same, spelt past the first rules
    "Facilitator\n<b>notes</b>: steer them": 1,
    "What did he mean? Facilitator\n<span>notes</span>: steer them": 1,
    "Facilitator\n```notes```: steer them": 1,
    "[Facilitator notes][x]: steer them.\n\n[x]: https://example.org": 1,
    "Facilitator notes[^n]: steer them.\n\n[^n]: A note.": 1,
    "Facilitator <!-- x --> notes: steer them": 1,
    "What did he mean, facilitator notes: steer them": 1,
    "Question three: facilitator notes: steer them": 1,
    'He said "no." Facilitator notes: steer them': 1,
    "What did he mean?—Facilitator notes: steer them": 1,
    "It ended in 1926 (see ch. 4) Facilitator notes: steer them": 1,
    "What did he mean? FACILITATOR NOTES - steer them": 1,
    "Text. Facilitator notes → steer them": 1,
    "For the leader's eyes only: steer them.": 1,
    "What did he mean? Moderator hints: steer them": 1,
    "Facilitator (private) notes: steer them": 1,
    "Only the leader reads this: steer them": 1,
    "Notes d'animation : orienter vers 1905": 1,
    "Hinweise für die\nGesprächsleitung: auf 1905 lenken": 1,
    "Solo para la\npersona que modera: hacia 1905": 1,
    "Notas para o\nmediador: rumo a 1905": 1,
    "Note per il\nconduttore: verso il 1905": 1,
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
    # red team 4: honest lines the first rules refused
    "1. What should the union do next? Possible answers: strike, negotiate, or wait.",
    "Questions about the venue? For the organisers: call Ann on 0161 555 1234.",
    "A big thank-you to everyone who came. For our hosts: we could not have done it without you.",
    "This pamphlet is for everyone. For teachers: there is a lesson plan online.",
    "Week 3 - Teacher's guide: chapters 1 and 2 of Freire (1970).",
    "Fragen zur Anmeldung? Für die Moderation: Anna Schmidt, 030 555 123.",
    "¿Dudas sobre el lugar? Para el coordinador: escribir a ana@ejemplo.org.",
    "Des questions ? Pour les animateurs : rendez-vous à 18 h devant la salle.",
    "Dúvidas? Para o professor: enviar e-mail até sexta-feira.",
    "*   **Moderator**: Jeff Sica, SIG UI",
    "As an example, see the [instructor notes](https://example.org/guide/) for the lesson.",
    "We read the\n<b>whole</b> text together.",
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


def test_a_front_matter_value_may_show_the_fence_in_backticks(tmp_path):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    guide.write_text('---\ntitle: "Training: using `::: facilitator` blocks"\n---\n' + QUESTIONS, encoding="utf-8")
    assert read(guide).meta.title == "Training: using `::: facilitator` blocks"


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


# Red team 3 (saved pages): spaces, quoted posts, lists of links, dates, consent boxes, paywalls, error pages --

FILLER = ("This sentence is here so that the paragraph reads as the prose of an article, long enough for any "
          "extractor to keep it whole, with words about the strike and the union and the meeting.")


def _page(body: str, head: str = "<title>Bus drivers vote to strike</title>") -> str:
    return (f"<!doctype html><html lang='en'><head>{head}<meta name='author' content='Ann Writer'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article><h1>Bus drivers vote to strike</h1>"
            f"<p>The drivers met on Monday. {FILLER}</p>{body}<p>The last paragraph of the article ends it here. {FILLER}</p>"
            f"</article></main><footer>© 2024 The Daily Paper</footer></body></html>")


def _imported(tmp_path, page: str):
    from studyguide.importer.run import import_source

    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    article, reading, _guide = import_source(source, tmp_path / "guides", slug="strike")
    return article, reading.read_text(encoding="utf-8")


def test_the_space_between_two_formatted_words_is_kept(tmp_path):
    _, reading = _imported(tmp_path, _page(f"<p>As <b>Ankush Dua</b> <i>reported</i>, <a href='https://example.org/m'>"
                                           f"Mashable</a> <em>agrees</em>: <strong>Bold:</strong> <em>italic</em>. {FILLER}</p>"))
    assert "**Ankush Dua** *reported*" in reading and "Mashable](<https://example.org/m>) *agrees*" in reading
    assert "**Bold:** *italic*" in reading


def test_a_quoted_post_is_kept_as_a_quotation(tmp_path):
    tweet = ("<div class='social-media-embed'><blockquote class='twitter-tweet'><p lang='en'>The drivers are right and "
             "the company knows it, said the post everyone shared.</p>— Jo Bloggs (@jo) <a href='https://twitter.com/jo/"
             "status/1'>May 1, 2024</a></blockquote></div>")
    _, reading = _imported(tmp_path, _page(f"<p>People online agreed. {FILLER}</p>{tweet}"))
    assert "> The drivers are right and the company knows it" in reading


def test_a_list_of_links_the_extractor_drops_is_warned_about(tmp_path):
    links = "".join(f"<li><a href='https://example.org/{n}'>Report on housing, volume {n}</a></li>" for n in range(3))
    article, reading = _imported(tmp_path, _page(f"<p>The union cites three reports, listed below. {FILLER}</p><ul>{links}</ul>"))
    if "Report on housing, volume 1" not in reading:
        assert any("list item" in w and "Report on housing" in w for w in article.warnings), article.warnings


def test_a_year_in_the_text_or_the_footer_is_not_a_date_of_publication(tmp_path):
    article, reading = _imported(tmp_path, _page(f"<p>In 2016 the last strike ended. {FILLER}</p>"))
    assert article.date is None and "date:" not in reading.split("---")[1]
    dated = _page("", head="<title>Bus drivers vote to strike</title>"
                           "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>")
    (tmp_path / "dated").mkdir()
    assert _imported(tmp_path / "dated", dated)[0].date == "2024-03-05"


def test_a_cookie_box_is_taken_out_and_a_paywall_is_said(tmp_path):
    consent = ("<div class='consent-banner'><h2>We value your privacy</h2><p>We and our 843 partners use cookies and "
               "similar technologies to store and access information on your device, to personalise ads and content."
               "</p><button>Accept all</button></div>")
    wall = ("<div class='paywall'><h2>Subscribe to continue reading</h2><p>You have reached your limit of free articles "
            "this month. Subscribe now for unlimited access.</p></div>")
    page = _page(wall).replace("<nav>", consent + "<nav>")
    article, reading = _imported(tmp_path, page)
    assert "843 partners" not in reading and "limit of free articles" not in reading
    assert any("cookie" in kind for _, kind, _ in article.removed)
    assert any("paywall" in w for w in article.warnings), article.warnings


@pytest.mark.parametrize("title", ["Page not found | The Daily Paper", "404", "Sorry, we can't find that page"])
def test_a_page_not_found_is_refused(tmp_path, title):
    page = (f"<!doctype html><html><head><title>{title}</title></head><body><main><h1>{title.split('|')[0]}</h1><p>The "
            "page you were looking for may have been moved, deleted or may never have existed. Please check the "
            "address and try again, or go back to the home page and search for the article you want.</p></main></body></html>")
    with pytest.raises(GuideError) as caught:
        _imported(tmp_path, page)
    assert "page not found" in str(caught.value)


@pytest.mark.parametrize("written, author", [
    ("Nathan Willis March 6, 2013", "Nathan Willis"), ("Aleš Vávra před 2 hodinami", "Aleš Vávra"),
    ("By Sam Smith, 12 March 2020", "Sam Smith"), ("Jo Bloggs 2 hours ago", "Jo Bloggs"), ("Sam Smith 10:30", "Sam Smith"),
    ("Joe Wee Monday; February", "Joe Wee"), ("J J", None), ("Last Updated:", None),
    ("Theresa May", "Theresa May"), ("Anna Mai", "Anna Mai"), ("Jane Doe", "Jane Doe"), ("A. B. Cook", "A. B. Cook")])
def test_a_bylines_date_is_not_the_authors_name(written, author):
    from studyguide.importer.meta import clean_author

    assert clean_author(written) == author


@pytest.mark.parametrize("written, line, said", [
    ("1. What is <this>?\n2. Two?", 7, "'<this>' is read as an HTML tag"),
    ("1. Is <Name> right?\n2. Two?", 7, "'<Name>' is read as an HTML tag"),
    ("1. One?\n2.\n3. Three?", 8, "an empty numbered item"),
    ("1. One?\n    - a follow-up?\n\n    Words after the follow-ups.\n2. Two?", 10, "after the question's follow-ups"),
])
def test_words_the_handout_would_drop_or_move_are_warned_about_at_their_line(tmp_path, written, line, said):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    guide.write_text(f"---\ntitle: Lost\n---\n\n## Discussion questions\n\n{written}\n", encoding="utf-8")
    warned = [d for d in read(guide).warnings if said in d.message]
    assert warned and warned[0].line == line, [str(d) for d in read(guide).warnings]


def test_tags_autolinks_and_signs_are_not_taken_for_dropped_tags(tmp_path):
    guide = write(tmp_path, {"g.md": "---\ntitle: Fine\n---\n\n## Discussion questions\n\n1. Is <b>this</b> at "
                                     "<https://example.org> or <ann@example.org>, and is 2 < 3 > 1?\n2. `<code>` too?\n"})
    assert not read(guide / "g.md").warnings


def test_a_transcripts_speakers_are_imported_and_the_guide_builds(tmp_path):
    lines = "".join(f"<p><b>{who}:</b> {said} {FILLER}</p>" for who, said in [
        ("MODERATOR", "Good evening and welcome to the debate."), ("SMITH", "Thank you, it is good to be here."),
        ("Moderator", "And your answer on wages?"), ("Chair", "We close there.")])
    article, reading = _imported(tmp_path, _page(lines))
    assert "MODERATOR: Good evening" in reading and "**SMITH:**" in reading and "Chair: We close" in reading
    result = build_one(tmp_path / "guides" / "strike" / "guide.md", tmp_path / "out", editions=("participant",))
    assert not result.errors, [str(d) for d in result.errors]
    assert "MODERATOR: Good evening" in " ".join(pdf_text(tmp_path / "out" / "strike" / "strike.pdf"))


def test_a_pictures_caption_given_twice_is_printed_once_and_other_text_stays():
    from studyguide.importer.tidy import captions_once
    from studyguide.importer.tree import Image

    picture = Image(src="a.jpg", alt="Drivers at the depot gate on Monday morning.")
    removed: list = []
    blocks = captions_once([picture, "- Drivers at the depot gate, Monday morning", "The drivers then voted."], removed)
    assert blocks == [picture, "The drivers then voted."] and picture.caption == "Drivers at the depot gate, Monday morning"
    assert [kind for _, kind, _ in removed] == ["caption again"]
    other = Image(src="b.jpg", alt="A map", caption="The route of the march")
    assert captions_once([other, "The march left at noon and reached the square by two."], []) == \
        [other, "The march left at noon and reached the square by two."]


@pytest.mark.parametrize("link, said", [
    ("[a](&#106;avascript:alert(1))", "leads nowhere"), ("[a](%6Aavascript:x)", "leads nowhere"),
    ("[a](//example.org/x)", "leads nowhere"), ("[a](tel:+441234567)", "leads nowhere"),
    ('<a href="javascript:y">a</a>', "uses the scheme 'javascript'"), ("[a][r]\n\n[r]: vbscript:x", "uses the scheme"),
    ("[a](javascript:x)", "uses the scheme 'javascript'")])
def test_a_link_the_page_would_print_as_plain_words_is_warned_about(tmp_path, link, said):
    guide = write(tmp_path, {"g.md": ""}) / "g.md"
    guide.write_text(f"---\ntitle: Links\n---\n\nSee {link}.\n\n## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    assert any(said in d.message and d.line in (5, 7) for d in read(guide).warnings), [str(d) for d in read(guide).warnings]


def test_good_links_are_not_warned_about(tmp_path):
    guide = write(tmp_path, {"g.md": "---\ntitle: Links\n---\n\nSee [a](https://example.org/a_(b)), [b](notes.html#x), "
                                     "[c](mailto:ann@example.org), [d][r], <https://example.org>.\n\n"
                                     "[r]: https://example.org/r\n\n## Discussion questions\n\n1. Why?\n"}) / "g.md"
    assert not read(guide).warnings


def test_a_list_of_questions_in_html_is_warned_about_at_the_heading(tmp_path):
    guide = write(tmp_path, {"g.md": "---\ntitle: Html\n---\n\n## Discussion questions\n\n<ol>\n<li>One?</li>\n"
                                     "<li>Two?</li>\n</ol>\n"}) / "g.md"
    assert all(d.line == 5 for d in read(guide).warnings) and read(guide).warnings


def test_a_table_for_layout_is_read_as_its_paragraphs_lists_and_headings():
    from lxml import etree

    from studyguide.importer.tree import walk_tree

    xml = ("<main><table><row><cell><head rend='h2'>The rant</head><p>The first paragraph of the page.</p>"
           "<p>The replies came in groups:</p><list rend='ul'><item>You are wrong.</item><item>Try another player.</item>"
           "</list></cell><cell><p>A second column, read after the first.</p></cell></row></table>"
           "<table><row><cell>Year</cell><cell>Strikes</cell></row><row><cell>1926</cell><cell>1</cell></row></table></main>")
    blocks = walk_tree(etree.fromstring(xml)).blocks
    assert blocks == ["## The rant", "The first paragraph of the page.", "The replies came in groups:",
                      "- You are wrong.\n- Try another player.", "A second column, read after the first.",
                      "| Year | Strikes |\n|---|---|\n| 1926 | 1 |"]


def test_a_numbered_list_inside_a_numbered_list_stays_numbered():
    from lxml import etree

    from studyguide.importer.tree import walk_tree

    xml = "<main><list rend='ol'><item>Step one<list rend='ol'><item>a</item><item>b</item></list></item></list></main>"
    assert walk_tree(etree.fromstring(xml)).blocks == ["1. Step one\n    1. a\n    1. b"]


def test_a_front_page_of_headlines_is_said_not_to_be_an_article(tmp_path):
    items = "".join(f"<li><h3><a href='/s{n}'>Headline number {n} about the strike and the union vote</a></h3>"
                    f"<p>Short teaser {n} for the story.</p></li>" for n in range(8))
    page = (f"<!doctype html><html><head><title>Example News</title></head><body><main><h2>Top stories</h2><ul>{items}"
            "</ul></main></body></html>")
    article, _ = _imported(tmp_path, page)
    assert any("list of articles" in w for w in article.warnings), article.warnings


def test_an_article_with_a_long_list_is_not_taken_for_a_front_page(tmp_path):
    steps = "".join(f"<li>Step {n}: do the thing the union asked of every member at the meeting.</li>" for n in range(12))
    article, _ = _imported(tmp_path, _page(f"<p>What to do next. {FILLER}</p><ol>{steps}</ol>"))
    assert not any("list of articles" in w for w in article.warnings), article.warnings


@pytest.mark.parametrize("line, what", [
    ("Loading Comments…", "comments"), ("12 Comments", "comments"), ("Explore further", "links elsewhere"),
    ("Weiterlesen", "links elsewhere"), ("Teilen auf", "sharing"), ("Previous article", "links elsewhere"),
    ("Citation: Whales (2017, May 3) retrieved 4 May 2017 from https://phys.org/news/x.html", "citation notice"),
    ("captions settings, opens captions settings dialog", "video player"), ("نسخة للطباعة", "pdf notice")])
def test_more_of_a_sites_furniture_is_known(line, what):
    from studyguide.importer.furniture import kind

    assert kind(line) == what


@pytest.mark.parametrize("line", ["The comments were many.", "Next week the union meets.", "Previous strikes failed.",
                                  "Share the load, said the steward."])
def test_the_articles_own_sentences_are_not_furniture(line):
    from studyguide.importer.furniture import kind

    assert kind(line) is None


def test_a_picture_of_the_article_the_reading_lacks_is_named():
    """trafilatura dropped eHow's step pictures and their captions; the page's own figures are the second measure."""
    from lxml import html as lxml_html

    from studyguide.importer.html import pictures_left_out
    from studyguide.importer.tree import Image, Walk

    tree = lxml_html.document_fromstring(
        "<html><body><article><p>Text.</p><figure><img src='a.jpg' alt='Paint the letters of the banner.'></figure>"
        "<figure><img src='b.jpg' alt='Hang it from the bridge.'></figure><aside><figure><img src='c.jpg' "
        "alt='Another story about the strike.'></figure></aside><div class='related'><figure><img src='d.jpg' "
        "alt='Related story about pay.'></figure></div><figure><img src='e.jpg' alt='Logo'></figure></article></body></html>")
    walk = Walk(blocks=["Text.", Image(src="b.jpg", alt="Hang it from the bridge.")])
    assert pictures_left_out(tree, walk) == ["Paint the letters of the banner."]
    walk.blocks.append("*Paint the letters of the banner.*")
    assert pictures_left_out(tree, walk) == []


def test_words_between_two_questions_are_warned_about_at_their_line(tmp_path):
    guide = write(tmp_path, {"g.md": "---\ntitle: Between\n---\n\n## Discussion questions\n\nA sentence first.\n\n"
                                     "1. One?\n2. Two?\n\nRead page 4 before the next one.\n\n3. Three?\n\nAfter the last.\n"})
    warned = read(guide / "g.md").warnings
    assert [(d.line, d.message[:39]) for d in warned] == [(12, "these words stand between two questions")]
