"""The tree walk keeps every word of whatever shape trafilatura's XML takes:
bodies in <div>s, paragraphs in paragraphs, lists in quotes, tables, links."""

from __future__ import annotations

import html as html_lib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from studyguide.importer.tree import coverage, walk_tree
from studyguide.read.reader import check_body, markdown_for

WORD = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäéß")), min_size=2, max_size=8)
TEXT = st.lists(WORD, min_size=0, max_size=4).map(" ".join)
INLINE = st.sampled_from(["hi#i", "hi#b", "ref", "lb", "code"])
BLOCK = st.sampled_from(["p", "div", "quote", "head", "list", "table", "graphic"])


@st.composite
def element(draw, depth: int = 0):
    """A trafilatura-like element, as XML text."""
    tag = draw(BLOCK) if depth < 4 else "p"
    if tag == "graphic":
        return f'<graphic src="/img/{draw(WORD)}.png" alt="{draw(TEXT)}"/>'
    if tag == "list":
        items = draw(st.lists(TEXT, min_size=1, max_size=3))
        return "<list>" + "".join(f"<item>{t}</item>" for t in items) + "</list>"
    if tag == "table":
        rows = draw(st.lists(st.lists(TEXT, min_size=1, max_size=3), min_size=1, max_size=3))
        return "<table>" + "".join("<row>" + "".join(f"<cell>{c}</cell>" for c in r) + "</row>" for r in rows) + "</table>"
    if tag == "head":
        return f'<head rend="h{draw(st.integers(1, 4))}">{draw(TEXT)}</head>'
    parts = [draw(TEXT)]
    for _ in range(draw(st.integers(0, 3))):
        if depth < 4 and draw(st.booleans()):
            parts.append(draw(element(depth + 1)))
        else:
            kind = draw(INLINE)
            if kind == "lb":
                parts.append("<lb/>")
            elif kind == "ref":
                parts.append(f'<ref target="https://example.org/{draw(WORD)}">{draw(TEXT)}</ref>')
            elif kind == "code":
                parts.append(f"<code>{draw(TEXT)}</code>")
            else:
                parts.append(f'<hi rend="{kind[2:]}">{draw(TEXT)}</hi>')
        parts.append(draw(TEXT))
    return f"<{tag}>" + " ".join(parts) + f"</{tag}>"


@settings(max_examples=int(__import__("os").environ.get("TREE_EXAMPLES", "150")), deadline=None)
@given(st.lists(element(), min_size=1, max_size=5))
def test_every_word_of_any_tree_is_kept_and_reads_as_markdown(children):
    root = etree.fromstring("<main>" + "".join(children) + "</main>")
    words = " ".join(root.itertext()) + " " + " ".join(g.get("alt", "") for g in root.iter("graphic"))
    walk = walk_tree(root, base_url="https://example.org/a")
    markdown = "\n\n".join(b if isinstance(b, str) else f"*{b.alt}*" for b in walk.blocks)
    check_body(markdown, 1, __import__("pathlib").Path("reading.md"))  # nothing Markdown would pass over
    md, _ = markdown_for("en")
    shown = html_lib.unescape(re.sub(r"<[^>]+>", " ", md.convert(markdown)))
    assert coverage(shown, words) == 1.0, (words, markdown)
    assert len(walk.images) == len(list(root.iter("graphic")))


def test_a_reading_short_of_trafilaturas_words_says_what_it_left_out():
    from studyguide.importer.html import coverage_warning

    paragraphs = [f"Paragraph {n} tells of the strike in its week number {n}, with the names of everyone there." for n in range(40)]
    reference = "\n".join(paragraphs)
    assert coverage_warning("\n\n".join(paragraphs), reference) is None
    assert coverage_warning("\n\n".join(paragraphs[:39]), reference) is None  # 97.5 %: within the margin
    said = coverage_warning("\n\n".join(paragraphs[:30]), reference)
    assert said.startswith("the reading holds 7") and "“Paragraph 30 tells of the strike" in said and "and 7 more" in said


TAGS = ["p", "div", "h2", "h3", "ul", "li", "ol", "table", "tr", "td", "blockquote", "a href='https://x.org/a b'", "em",
        "strong", "br", "pre", "code", "figure", "figcaption", "section", "aside", "span"]
PIECES = ("the strike lasted eleven weeks :: ::: facilitator # 1. - * _ ` [ ] { } < > & &amp; | --- === ! ( ) é ß "
          "\\ \x08 \x00").split(" ")


@st.composite
def page(draw):
    """A malformed article page: tags opened and closed at random, Markdown and HTML characters in the text."""
    parts = ["<html><body><article><h1>A title of some words</h1>"]
    for _ in range(draw(st.integers(20, 100))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag.split()[0]}>")
        elif kind == 2:
            parts.append(f'<img src="{draw(st.sampled_from(["/a.png", "x y.png", "p_files/a.png", "p_files/broken.png"]))}">')
        else:
            parts.append(" ".join(draw(st.lists(st.sampled_from(PIECES), min_size=3, max_size=25))))
    return "".join(parts)


@settings(max_examples=int(__import__("os").environ.get("PAGE_EXAMPLES", "25")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(page())
def test_any_page_imports_as_a_reading_that_reads_or_is_refused_with_a_message(tmp_path_factory, html):
    from studyguide.errors import GuideError
    from studyguide.importer.run import import_source
    from studyguide.read.reader import read

    root = tmp_path_factory.mktemp("page")
    (root / "p.html").write_text(html, encoding="utf-8")
    (root / "p_files").mkdir()
    from PIL import Image as Picture

    Picture.new("RGB", (4, 4)).save(root / "p_files/a.png")
    (root / "p_files/broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    try:
        _, reading, guide = import_source(root / "p.html", root / "guides", slug="s")
    except GuideError as error:
        assert all(str(d).startswith(f"{root / 'p.html'}: error: ") for d in error.diagnostics)
        return
    read(guide)  # every image it names is there, no fence, no raw HTML: it reads as any guide does
    assert "broken" not in reading.read_text() and "\x00" not in reading.read_text()


def test_a_page_whose_text_reads_as_notes_is_refused_at_import(tmp_path):
    """Found by the property above: '| :: facilitator' in an article made a reading no build could read."""
    import pytest

    from studyguide.errors import GuideError
    from studyguide.importer.run import import_source

    page = tmp_path / "p.html"
    page.write_text("<html><body><article><h1>A title of some words</h1><p>" + "The branch met. " * 12
                    + "</p><p>| :: facilitator</p><p>" + "More of the article. " * 12 + "</p></article></body></html>")
    with pytest.raises(GuideError, match=r"p\.html: error: the article has a line studyguide would take for the "
                                         r"leader's notes \(“\| :: facilitator”\)"):
        import_source(page, tmp_path / "guides", slug="s")
    assert not (tmp_path / "guides").exists() or not any((tmp_path / "guides").rglob("*.md"))
