"""Property: for random guides with facilitator notes spelt and placed at random, no
word of a note reaches anything made for participants, and the leader keeps every note."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.errors import GuideError
from studyguide.read.reader import read

WORD = st.sampled_from(["strike", "union", "reading", "council", "history", "the", "party", "workers", "question"])
SPELLING = st.tuples(
    st.integers(3, 5),  # colons
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["facilitator", "Facilitator", "FACILITATOR", "{.facilitator}", "{ .facilitator }", ".facilitator",
                     "facilitator notes", "Facilitator's notes", "facilitators"]),
)


@st.composite
def note(draw, secret: str) -> list[str]:
    """A note's lines: paragraphs, a list, emphasis, a heading, each holding the secret."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["para", "list", "heading", "emphasis"]))
        words = " ".join(draw(st.lists(WORD, min_size=2, max_size=6)))
        if kind == "para":
            lines += [f"{words} {secret} {words}.", ""]
        elif kind == "list":
            lines += [f"- {secret} {words}", f"- {words} {secret}", ""]
        elif kind == "heading":
            lines += [f"## {secret} {words}", ""]
        else:
            lines += [f"*{secret}* and **{words} {secret}**", ""]
    return lines


@st.composite
def guide(draw) -> tuple[str, str]:
    secret = "QUOKKA" + str(draw(st.integers(100, 999)))
    colons, space, word = draw(SPELLING)
    opener = ":" * colons + space + word
    closer = ":" * draw(st.integers(colons, colons + 1))
    inner = draw(note(secret))
    body = ["Opening words about the reading."]
    place = draw(st.sampled_from(["top", "glued", "question", "question-glued", "quote", "footnote", "end", "heading"]))
    indent = draw(st.sampled_from(["", " ", "  ", "   ", "    ", "\t"]))
    block = [opener, *inner, closer]
    questions = ["## Discussion questions", "", "1. What is the first question?", "2. And the second?"]
    if place == "top":
        body += ["", *block, "", *questions]
    elif place == "glued":
        body += [*block, "More words.", "", *questions]
    elif place == "question":
        body += ["", *questions[:3], "", *[indent + line if line else "" for line in block], "", questions[3]]
    elif place == "question-glued":
        body += ["", *questions[:3], *[indent + line for line in block], questions[3]]
    elif place == "quote":
        body += ["", "> A quotation.", *["> " + line for line in block], "", *questions]
    elif place == "footnote":
        body[0] += "[^1]"
        body += ["", *questions, "", "[^1]: A source.", *["    " + line for line in block]]
    elif place == "heading":
        body += ["", "## Summary", *block, "", *questions]
    else:
        body += ["", *questions, "", *block]
    head = "---\ntitle: Random\n---\n"
    return head + "\n".join(body) + "\n", secret


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(guide())
def test_no_note_reaches_a_participant(tmp_path, case) -> None:
    source, secret = case
    path = tmp_path / "g.md"
    path.write_text(source, encoding="utf-8")
    try:
        result = read(path)
    except GuideError as error:  # a refusal is closed, but these are all valid: say which one failed
        raise AssertionError(f"refused:\n{source}\n{error}") from None
    participant = result.html["participant"] + " ".join(
        q.text + q.html + " ".join(q.followups + q.followups_html) for q in result.questions)
    participant += " ".join(s.title for s in result.sections) + " ".join(t.term + t.definition for t in result.terms)
    assert secret not in participant, source
    assert re.sub(r"\W", "", secret) in result.html["facilitator"], source  # the leader keeps the note
    assert [q.text for q in result.questions] == ["What is the first question?", "And the second?"], source


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(guide())
def test_no_note_reaches_a_built_participant_file(tmp_path_factory, case) -> None:
    """The same, through the whole build, every participant file read back by poppler or as bytes."""
    import shutil
    import subprocess

    from .conftest import build_one

    if not shutil.which("pdftotext"):
        return
    source, secret = case
    root = tmp_path_factory.mktemp("random")
    (root / "g.md").write_text(source, encoding="utf-8")
    result = build_one(root / "g.md", root / "out")
    assert result.ok, result.errors
    for file in (root / "out").rglob("*"):
        if not file.is_file() or "facilitator" in file.relative_to(root / "out").as_posix():
            continue
        if file.suffix == ".pdf":
            text = subprocess.run(["pdftotext", str(file), "-"], capture_output=True, text=True, check=True).stdout
        else:
            text = file.read_bytes().decode("utf-8", "replace")
            if file.suffix == ".epub":
                import io
                import zipfile

                with zipfile.ZipFile(io.BytesIO(file.read_bytes())) as book:
                    text = " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
        assert secret not in text, (file.name, source)


# Fences as they come out of word processors and other editors: characters nobody sees before, inside
# and after the colons; runs of other marks (`::`, `;;;`, `!!!`, `{{`, `..`) before a leader's word.
UNSEEN = st.sampled_from([chr(c) for c in (0x00A0, 0x3000, 0x0085, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F,
                                           0x000B, 0x000C, 0x001D, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060,
                                           0xFEFF, 0x3164, 0x115F, 0x1160, 0xFFA0, 0x00AD, 0x180E, 0x061C, 0x034F,
                                           0x202A, 0x2061, 0x0301, 0xFE0F)])
MARK = st.sampled_from(list(":;：∶!?%$.~=+/^&@{}|-") + ["::", ";;", "!!"])
LEADER = st.sampled_from(["facilitator", "Facilitator", "FACILITATOR notes", "{.facilitator}", "facilitator-only",
                          "Moderator notes", "leader", "tutor notes", "host notes", "Notes for the leader", "answer key"])


@st.composite
def spelt_fence(draw) -> tuple[str, str]:
    """(opening line, closing line) of a fence mistyped or typed with invisible characters."""
    if draw(st.booleans()):  # three colons, invisible characters dropped in
        opener, closer = list(":::"), list(":::")
        for _ in range(draw(st.integers(1, 3))):
            where = draw(st.sampled_from(["opener", "closer", "both"]))
            char, at = draw(UNSEEN), draw(st.integers(0, 3))
            if where in ("opener", "both"):
                opener.insert(at, char)
            if where in ("closer", "both"):
                closer.insert(at, char)
        return "".join(opener) + draw(st.sampled_from([" ", "", "\u00a0"])) + draw(LEADER), "".join(closer)
    run = "".join(draw(st.lists(MARK, min_size=2, max_size=4)))
    if set(run) == {":"} and len(run) >= 3:
        run = ";" + run
    return run + draw(st.sampled_from([" ", ""])) + draw(LEADER), run


@st.composite
def mistyped_guide(draw) -> tuple[str, str, int]:
    secret = "QUOKKA" + str(draw(st.integers(100, 999)))
    opener, closer = draw(spelt_fence())
    indent = draw(st.sampled_from(["", "   ", "> "]))
    body = ["Opening words about the reading.", "", indent + opener, f"{indent}The leader says {secret} at ten past.",
            indent + closer, "", "## Discussion questions", "", "1. What is the first question?", "2. And the second?"]
    return "---\ntitle: Random\n---\n" + "\n".join(body) + "\n", secret, 6


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mistyped_guide())
def test_a_mistyped_fence_is_refused_or_kept_from_participants(tmp_path, case) -> None:
    """Both locks, each on its own: the reader refuses the line or keeps the note from participants;
    the after-build check's own scan counts the note's words as a note's."""
    from studyguide.build.leaks import notes_in

    source, secret, line = case
    path = tmp_path / "g.md"
    path.write_bytes(source.encode("utf-8"))
    try:
        result = read(path)
    except GuideError as error:
        assert any(d.level == "error" and d.line in (line, line + 2) for d in error.diagnostics), (source, str(error))
    else:
        assert secret not in result.html["participant"], repr(source)
        assert secret in result.html["facilitator"], repr(source)
    notes, rest = notes_in(source)
    assert secret not in rest, repr(source)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["strike", "union", "reading", "the", "workers", "1926", "—", "(see p. 4)"]),
                          st.lists(UNSEEN, max_size=2)), min_size=3, max_size=12))
def test_invisible_characters_in_prose_are_not_refused(tmp_path, words) -> None:
    """A no-break space in `10 km` or a joiner in a word is no fence: nothing refused, nothing lost."""
    prose = " ".join(word + "".join(chars) for word, chars in words)
    path = tmp_path / "g.md"
    path.write_bytes(("---\ntitle: Prose\n---\n" + prose + "\n\n## Discussion questions\n\n1. Why?\n").encode("utf-8"))
    try:
        read(path)
    except GuideError as error:
        assert not any(d.level == "error" and "facilitator" in d.message for d in error.diagnostics), (prose, str(error))


TRICKY = st.sampled_from([
    "Facilitator: Ann Smith", "Host: Bob", "### Leaders", "## The moderator's dilemma", "> ... leaders, who struck",
    "(see the leader's speech: p. 4)", "| Chair | Ann |", "|---|---|", "-- Leaders, unite", '!!! note "Reading"',
    "Text {>> check the date <<} more.", "**Teachers** were on strike too.", "The tutor notes that the strike held.",
    "For leaders", "Notes for the leader", "Facilitator notes", "Moderator:", "> [!quote] Trotsky, leader of the army",
    "Organisers: the branch", "{{< figure >}}", "%% draft %%", "Tutor", "<b>Leaders</b>", "[Host only: welcome]",
    ":: facilitator", "\u00a0::: facilitator", "Some words\u00a0about 10\u00a0km.", "////", "{% comment %}"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TRICKY, st.lists(WORD, min_size=6, max_size=9)), min_size=1, max_size=6))
def test_what_the_reader_passes_the_second_lock_passes(tmp_path, rows) -> None:
    """The two locks agree: a guide `check` finds clean is never failed by the after-build scan (which
    would refuse at build what check let through), and a line either refuses never leaks."""
    from studyguide.build.leaks import leaks

    lines = []
    for tricky, words in rows:
        lines += [tricky, " ".join(words) + ".", ""]
    source = "---\ntitle: Tricky\n---\n" + "\n".join(lines) + "\n## Discussion questions\n\n1. Why?\n"
    path = tmp_path / "g.md"
    path.write_bytes(source.encode("utf-8"))
    try:
        guide = read(path)
    except GuideError:
        return
    assert leaks(guide, {"participant": guide.html["participant"]}) == [], source
