"""Round six: what the third red teams found, and the shortcuts taken for speed, each
checked against the slow definition it stands in for."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.read import unseen
from studyguide.read.hiding import skeleton


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
