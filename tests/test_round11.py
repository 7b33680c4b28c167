"""Round eleven: other programs' ways of hiding text, which print here, refused at their line and seen by the check."""

from __future__ import annotations

import pytest

from studyguide.build.leaks import notes_in
from tests.test_round10 import _refused_at_its_line
from tests.test_round8 import _read_line

HIDDEN_ELSEWHERE = [
    '<div class="notes">Skip question two if the room is quiet.</div>',  # impress.js, some reveal.js decks
    "<section class='speaker-notes'>Skip question two if the room is quiet.</section>",
    '<p class="lead presenter-notes">Skip question two if the room is quiet.</p>',
    '<div class="facilitator">Skip question two if the room is quiet.</div>',
    "{/* Skip question two if the room is quiet. */}",  # MDX
    ".. Skip question two if the room is quiet.",  # a reStructuredText comment
    ">! Skip question two if the room is quiet. !<",  # a Reddit spoiler
    ">!Skip question two if the room is quiet.!<",
    "The answer is >!the soviet of 1905!<.",
]


@pytest.mark.parametrize("line", HIDDEN_ELSEWHERE)
def test_text_hidden_by_another_program_is_refused_and_seen_by_the_check(tmp_path, line):
    _refused_at_its_line(tmp_path, line)
    assert notes_in(f"Intro.\n\n{line}\n\nAfter.\n")[0], "the check after the build reads it as a note"


@pytest.mark.parametrize("line", [
    '<div class="footnotes">See the sources.</div>', '<div class="notes-list">See the sources.</div>',
    '<p class="keynotes">Read the article.</p>', '<section class="note">Read the article first.</section>', "... and so the strike went on.", "Wait.. what happened next?",
    "> ! Bring the article.", ">! EXAMPLE: a strike fund",  # MkDocs' own docs open an example so "`{/* a comment in MDX */}` is how MDX writes a comment.",
    ".. note:: Bring the article.",
])
def test_text_that_only_looks_like_it_prints(tmp_path, line):
    _read_line(tmp_path, line)
    assert notes_in(f"Intro.\n\n{line}\n\nAfter.\n")[0] == []
