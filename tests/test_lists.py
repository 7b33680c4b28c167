"""Lists as editors write them: the CommonMark spec's list examples, read through our
re-indenting pass and Python-Markdown, give the spec's lists: the same items, in the
same nesting. Where we differ on purpose, or Python-Markdown cannot follow, it is said."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from studyguide.read.lists import normalize

EXAMPLES = json.loads((Path(__file__).parent / "data/commonmark/lists.json").read_text(encoding="utf-8"))
DIFFERENT = {
    # On purpose: forgiving where CommonMark is strict, so no follow-up is glued into its question.
    299: "bullets two columns under `10)` are its follow-ups (CommonMark: a new list)",
    314: "items indented 1 to 4 spaces stay items (CommonMark: the last is the item above's text)",
    315: "a number indented 4 spaces under an item nests (CommonMark: text)",
    291: "a list indented 4 spaces is a list (CommonMark: code)",
    303: "a change of bullet continues the list (the handout numbers questions through anyway)",
    304: "a change from `.` to `)` continues the list",
    268: "Python-Markdown takes a 10-digit number as a list",
    # Python-Markdown's limits inside list items: code fences, block quotes, setext headings, wide markers.
    259: "content after a marker with 5 spaces", 278: "content after a marker with 5 spaces",
    282: "an item that starts with a blank line", 302: "a setext heading inside an item",
    320: "a code fence inside an item",
}


def lists_in(markup: str) -> list[tuple[str, int, str]]:
    """(tag or 'li', depth, start or the item's own text) in document order."""
    if not markup.strip():
        return []
    found: list[tuple[str, int, str]] = []

    def walk(element, depth: int) -> None:
        for child in element:
            if child.tag in ("ol", "ul"):
                found.append((child.tag, depth, str(int(child.get("start", "1"))) if child.tag == "ol" else ""))
                for item in child.iterchildren("li"):
                    parts = [item.text or ""]
                    for sub in item:
                        if sub.tag not in ("ol", "ul"):
                            parts.append(sub.text_content())
                        parts.append(sub.tail or "")
                    found.append(("li", depth, " ".join(" ".join(parts).replace("\xa0", " ").split())))
                    walk(item, depth + 1)
            else:
                walk(child, depth)

    walk(lxml_html.fragment_fromstring(markup, create_parent="div"), 0)
    return found


@pytest.mark.parametrize("example", [
    pytest.param(e, marks=pytest.mark.xfail(reason=DIFFERENT[e["example"]], strict=True)) if e["example"] in DIFFERENT
    else e for e in EXAMPLES], ids=[f"spec-{e['example']}" for e in EXAMPLES])
def test_spec_list_example(example: dict) -> None:
    ours = markdown.markdown(normalize(example["markdown"])[0], extensions=["sane_lists", "fenced_code"])
    assert lists_in(ours) == lists_in(example["html"]), example["markdown"]


def test_most_of_the_spec_holds() -> None:
    assert len(EXAMPLES) == 75 and len(DIFFERENT) <= 14


@pytest.mark.parametrize("source, expected", [
    ("1. Q one\n  - f1\n  - f2\n2. Q two\n", [("ol", 0, "1"), ("li", 0, "Q one"), ("ul", 1, ""), ("li", 1, "f1"),
                                               ("li", 1, "f2"), ("li", 0, "Q two")]),
    ("1) Q one\n   * f1\n2) Q two\n", [("ol", 0, "1"), ("li", 0, "Q one"), ("ul", 1, ""), ("li", 1, "f1"),
                                      ("li", 0, "Q two")]),
    ("1. Q one\n\t- f1\n2. Q two\n", [("ol", 0, "1"), ("li", 0, "Q one"), ("ul", 1, ""), ("li", 1, "f1"),
                                     ("li", 0, "Q two")]),
    ("Intro:\n1. Q one\n2. Q two\n", [("ol", 0, "1"), ("li", 0, "Q one"), ("li", 0, "Q two")]),
    ("1. Q one\n  2. Q two\n", [("ol", 0, "1"), ("li", 0, "Q one"), ("li", 0, "Q two")]),  # never a lost question
    ("- Q one\n\n  more of it\n- Q two\n", [("ul", 0, ""), ("li", 0, "Q one more of it"), ("li", 0, "Q two")]),
    ("- a\n- \n- b\n", [("ul", 0, ""), ("li", 0, "a"), ("li", 0, ""), ("li", 0, "b")]),
])
def test_lists_people_type(source: str, expected: list) -> None:
    assert lists_in(markdown.markdown(normalize(source)[0], extensions=["sane_lists"])) == expected
