"""Laying a guide out again from the pages a fix touches (studyguide.pdf.relayout) must
give the PDF that laying it out from the start gives, to the byte; where it cannot be
sure, it lays the guide out from the start. The guides are generated, as a writer's
would be: long words where pages end, footnotes long enough to be carried over pages,
lists, quotations, tables that run over pages, sessions, emphasis."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from studyguide.pdf import boxfix, relayout, write
from studyguide.read.reader import read
from studyguide.render.html import render_guide
from tests.conftest import build_one

LONG = ["internationalisation", "counterrevolutionary", "representatives", "organisationally", "uncompromisingly",
        "industrialisation", "parliamentarianism", "demonstrations", "extraordinarily", "correspondence"]
COMMON = ("the council of delegates met in workshop and argued over strike fund while members asked what "
          "history meant").split()
ROOT = Path(__file__).resolve().parent.parent


def _words(rng: random.Random, n: int, emphasis: float = 0.0) -> str:
    out = []
    for _ in range(n):
        word = rng.choice(LONG) if rng.random() < 0.2 else rng.choice(COMMON)
        out.append(f"*{word} {rng.choice(LONG)}*" if rng.random() < emphasis else word)
    return " ".join(out)


def notes_guide(seed: int) -> str:
    """Paragraphs thick with long words and footnotes of every length."""
    rng = random.Random(seed)
    notes, body = [], []
    for p in range(14):
        words = _words(rng, rng.randint(40, 140)).split()
        for i in range(len(words)):
            if rng.random() < 0.025:
                notes.append(f"[^{len(notes) + 1}]: {_words(rng, rng.choice([6, 15, 40, 90]))}.")
                words[i] += f"[^{len(notes)}]"
        body.append(" ".join(words).capitalize() + ".")
        if rng.random() < 0.2:
            body.append(f"## Part {p}")
    return "\n".join(["---", f"title: Relayout notes {seed}", "date: 2026-11-26", "---", "", "## Summary", "",
                      "\n\n".join(body), "", "## Discussion questions", "", "1. What did the council decide?", "",
                      *notes, ""])


def mixed_guide(seed: int) -> str:
    """Sessions or parts, with paragraphs, lists, quotations, tables and subheadings."""
    rng = random.Random(seed)
    notes: list[str] = []

    def para(n: int) -> str:
        text = _words(rng, n, 0.05)
        if rng.random() < 0.5:
            notes.append(f"[^{len(notes) + 1}]: {_words(rng, rng.choice([8, 30, 70]))}.")
            text += f"[^{len(notes)}] " + _words(rng, 20)
        return text.capitalize() + "."

    sessions = rng.random() < 0.5
    parts = []
    for s in range(rng.randint(3, 6)):
        parts.append(f"## Session {s + 1}" if sessions else f"## Part {s + 1}")
        for _ in range(rng.randint(1, 5)):
            kind = rng.random()
            if kind < 0.55:
                parts.append(para(rng.randint(30, 150)))
            elif kind < 0.7:
                parts.append("\n".join(f"- {_words(rng, rng.randint(5, 40), 0.05)}" for _ in range(rng.randint(2, 6))))
            elif kind < 0.8:
                parts.append("> " + para(rng.randint(20, 80)))
            elif kind < 0.9:
                parts.append("| Year | Event |\n|---|---|\n" + "\n".join(
                    f"| {1900 + i} | {_words(rng, rng.randint(3, 25))} |" for i in range(rng.randint(3, 30))))
            else:
                parts.append(f"### {_words(rng, 3).capitalize()}\n\n" + para(rng.randint(20, 90)))
        if sessions:
            parts.append("### Discussion questions\n\n" + "\n".join(f"{i + 1}. {_words(rng, 10)}?" for i in range(3)))
    if not sessions:
        parts.append("## Discussion questions\n\n1. What did the council decide?")
    return "\n".join(["---", f"title: Relayout mix {seed}", "date: 2026-11-26", "---", "", "## Summary", "",
                      para(60), "", "\n\n".join(parts), "", *notes, ""])


def laid_out(path: Path, edition: str, monkeypatch, partial: bool = True, theme: Path | None = None,
             made: list | None = None) -> tuple[bytes, dict]:
    """The edition's PDF, and how its refinements were laid out (`made` is given the Rendered)."""
    html = render_guide(read(path, theme=theme), edition, theme)
    relayout.COUNTS.clear()
    with monkeypatch.context() as patch:
        if not partial:
            patch.setattr(relayout, "supported", lambda: False)
        rendered = write.html_to_pdf(html, path.parent.resolve())
    if made is not None:
        made.append(rendered)
    return rendered.pdf, dict(relayout.COUNTS)


def from_the_start(rendered: write.Rendered, path: Path) -> bytes:
    """The markup a refinement ended with, laid out by WeasyPrint alone, from its first page,
    with no refinement: what the PDF made with fixes in the box tree must be, to the byte."""
    return write.html_to_pdf(re.sub(r' data-refine="[a-z]+"', "", rendered.markup, count=1), path.parent.resolve()).pdf


# Each case was picked for what its refinement does: words kept whole in paragraphs with
# footnotes, widows given to paragraphs and list items (inherited by their anonymous boxes),
# notes carried over pages, headings the contents points to moving, two passes.
CASES = [
    ("mixed", 2, "participant"),  # 8 pages: whole words, widows, a carried note
    ("mixed", 5, "large-print"),  # widows in large print, notes carried
    ("mixed", 7, "facilitator"),  # two passes
    ("notes", 3, "participant"),
    ("notes", 1, "participant"),  # two passes, notes carried
]


@pytest.mark.parametrize("kind,seed,edition", CASES)
def test_fixes_made_in_the_box_tree_give_the_bytes_of_laying_out_the_fixed_markup_from_the_start(
        tmp_path, monkeypatch, kind, seed, edition):
    """Fixes made as the pages are first made (asmade.py) and in part afterwards (relayout.py)
    must give the PDF that the markup they stand for gives, laid out from its first page."""
    path = tmp_path / f"{kind}-{seed}.md"
    path.write_text((notes_guide if kind == "notes" else mixed_guide)(seed), encoding="utf-8")
    made: list = []
    whole, counts = laid_out(path, edition, monkeypatch, partial=False, made=made)
    assert counts.get("partial", 0) == 0 and counts.get("full", 0) >= 1  # refined, from the start
    part, counts = laid_out(path, edition, monkeypatch, made=made)
    assert counts.get("as made", 0) + counts.get("partial", 0) >= 1 and not counts.get("full"), counts
    assert 'class="whole"' in made[1].markup or "widows:" in made[1].markup
    assert part == from_the_start(made[1], path)
    away = [[w for w in m.warnings if w.startswith("footnote")] for m in made]
    assert len(away[1]) <= len(away[0])  # notes as well brought home as by refining from the start


@pytest.mark.parametrize("kind,seed,edition", [CASES[0], CASES[4]])
def test_laying_out_again_in_part_gives_the_bytes_of_laying_out_from_the_start(tmp_path, monkeypatch, kind, seed,
                                                                                edition):
    """Where a fix is left to refine's passes (its element began on an earlier page), the pages
    it touches are made again in part: here every fix is, as before fixes were made on the way."""
    from studyguide.pdf import asmade

    path = tmp_path / f"{kind}-{seed}.md"
    path.write_text((notes_guide if kind == "notes" else mixed_guide)(seed), encoding="utf-8")
    whole, counts = laid_out(path, edition, monkeypatch, partial=False)
    monkeypatch.setattr(asmade, "made_as_we_go", lambda markup: lambda laid, made, index: False)
    part, counts = laid_out(path, edition, monkeypatch)
    assert counts.get("partial", 0) >= 1 and not counts.get("full"), counts  # refined in part, and kept
    assert part == whole


def test_fixes_made_as_the_pages_are_made_over_more_guides(tmp_path, monkeypatch):
    """More generated guides than the cases above: fixed as made, the same bytes as the markup
    laid out from the start."""
    for seed in (21, 24):
        path = tmp_path / f"mixed-{seed}.md"
        path.write_text(mixed_guide(seed), encoding="utf-8")
        made: list = []
        part, counts = laid_out(path, "participant", monkeypatch, made=made)
        assert counts.get("as made", 0) >= 1, (seed, counts)
        assert part == from_the_start(made[0], path), seed


def test_a_relayout_that_changes_the_text_is_thrown_away(tmp_path, monkeypatch):
    """The check after the relayout does not share its code: a fix that lost a word (here,
    made to) is caught by reading the text back, and the guide is laid out from the start."""
    path = tmp_path / "notes-3.md"
    path.write_text(notes_guide(3), encoding="utf-8")
    whole, _ = laid_out(path, "participant", monkeypatch, partial=False)
    keep_whole = boxfix.keep_whole

    def losing(laid, element, word):
        from weasyprint.formatting_structure.boxes import TextBox

        found = keep_whole(laid, element, word)
        for box, _ in boxfix._boxes(boxfix._block_of(laid, element)):
            if isinstance(box, TextBox) and box.text == word:
                box.text = word[:-1]  # a letter lost
        return found

    monkeypatch.setattr(boxfix, "keep_whole", losing)
    part, counts = laid_out(path, "participant", monkeypatch)
    assert counts.get("refused", 0) >= 1 and counts.get("full", 0) >= 1 and not counts.get("as made")
    assert part == whole


def test_a_note_the_first_layout_lost_is_not_taken_for_a_relayout_error(tmp_path, monkeypatch):
    """WeasyPrint's first layout of this guide, made in order without fixes, drops a footnote's
    note (the call on page 4, the note nowhere). The guide as printed sets it, and is what its
    markup gives when laid out from the start."""
    path = tmp_path / "notes-5.md"
    path.write_text(notes_guide(5), encoding="utf-8")
    made: list = []
    part, counts = laid_out(path, "participant", monkeypatch, made=made)
    assert part == from_the_start(made[0], path)
    from tests.conftest import pdf_text

    assert any("8. strike asked what fund" in page for page in pdf_text(part))


@pytest.mark.parametrize("rule", [
    '@import url("more.css");',  # which styles .whole
    'body::before { content: "Branch members only"; position: fixed; top: 0; }',  # on every page measured
])
def test_a_theme_that_styles_what_the_fixes_set_is_laid_out_from_the_start(tmp_path, monkeypatch, rule):
    """A fix made in the box tree stands for `.whole` and a `widows` attribute as our
    stylesheets read them; a theme that says more (the rules: the table below) is not
    second-guessed."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "guide.css").write_text(f"@import url(defaults/guide.css);\n{rule}\n", encoding="utf-8")
    (theme / "more.css").write_text(".whole { letter-spacing: 0.5pt; }\n", encoding="utf-8")
    path = tmp_path / "mixed-2.md"
    path.write_text(mixed_guide(2), encoding="utf-8")
    _, counts = laid_out(path, "participant", monkeypatch, theme=theme)
    assert counts.get("partial", 0) == 0 and counts.get("full", 0) >= 1


def test_a_theme_that_leaves_them_alone_keeps_the_speed(tmp_path, monkeypatch):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "guide.css").write_text("@import url(defaults/guide.css);\nh1 { color: #222; }\n", encoding="utf-8")
    path = tmp_path / "mixed-2.md"
    path.write_text(mixed_guide(2), encoding="utf-8")
    made: list = []
    part, counts = laid_out(path, "participant", monkeypatch, theme=theme, made=made)
    assert counts.get("as made", 0) + counts.get("partial", 0) >= 1 and not counts.get("full")
    assert part == from_the_start(made[0], path)


@pytest.mark.parametrize("css,says", [
    ("h2 + p { color: red }", True), ("a ~ b{}", True), ("li:first-child { }", True), ("p:has(> img) {}", True),
    ("p > img:only-child { width: 2em }", True), ("tr:nth-child(2n) {}", True), ("p:empty { }", True),
    (".whole{}", True), ("p { widows: 3 }", True), ("body::before { position: fixed }", True),
    ("h1 { string-set: t content(); } @page { @top-left { content: element(x) } } div { position: running(x) }", True),
    ("h1 { color: red }", False), ("p { margin: calc(1em + 2px) }", False), ("/* p + q */ h1 {}", False),
    ('@page :blank { background: url("data:image/svg+xml,a") }', False), ("@page :first { margin: 0 }", False),
    ('h1::before { content: "a + b ~ c" }', False),
])
def test_what_a_themes_stylesheet_must_not_say_for_a_relayout(css, says):
    assert boxfix._says_too_much(css) is says


def _one_page_doc(html: str):
    import weasyprint

    return relayout.render(weasyprint.HTML(string=html), None,
                           stylesheets=[weasyprint.CSS(string="@page { size: A6; margin: 10mm } p { hyphens: auto }")])


def test_a_word_is_not_kept_whole_in_the_box_tree_of_a_paragraph_with_an_image():
    """Our stylesheets style `p > img:only-child`; the markup's span would end that match,
    which only laying out the markup shows: the fix is left to a layout from the start."""
    document = _one_page_doc('<html lang="en"><p>Representatives <img src="data:image/svg+xml,'
                             '%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 height=%2210%22/%3E"> '
                             'met the representatives.</p><p>The representatives met.</p></html>')
    first, second = list(document._laid.html.etree_element.iter("p"))
    assert not boxfix.keep_whole(document._laid, first, "representatives")
    assert boxfix.keep_whole(document._laid, second, "representatives")


def test_no_relayout_over_a_table_row_split_across_pages():
    """Laying out a row split over a break changes its cells in the kept box tree."""
    cell = " ".join(["The council of delegates met in the workshop."] * 40)
    document = _one_page_doc(f'<html lang="en"><p>Before the table.</p><table><tr><td>{cell}</td></tr></table>'
                             + "".join(f"<p>Paragraph {n} after the table.</p>" for n in range(30)) + "</html>")
    split = relayout.split_rows(document)
    assert split and min(split) >= 1
    assert relayout.relayout(document, [min(split)]) is None
    last = len(document.pages) - 1
    assert max(split) < last and relayout.relayout(document, [last]) is not None  # after the row: as usual
    # a long table of short rows, its head drawn again on every page: no row is split
    rows = "".join(f"<tr><td>{1900 + n}</td><td>The council met.</td></tr>" for n in range(80))
    document = _one_page_doc(f'<html lang="en"><table><thead><tr><th>Year</th><th>Event</th></tr></thead>'
                             f'<tbody>{rows}</tbody></table></html>')
    assert len(document.pages) >= 3 and relayout.split_rows(document) == set()


def test_another_weasyprint_is_laid_out_from_the_start(tmp_path, monkeypatch):
    """The relayout mirrors WeasyPrint 70's pagination: another release is not trusted with it."""
    import weasyprint

    path = tmp_path / "mixed-4.md"
    path.write_text(mixed_guide(4), encoding="utf-8")
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert not relayout.supported()
    _, counts = laid_out(path, "participant", monkeypatch)
    assert counts.get("partial", 0) == 0 and counts.get("full", 0) >= 1


class _Box:
    """What carried_into reads of a laid-out box."""

    def __init__(self, tag: str, element: object = None, children: tuple = (), floated: bool = False) -> None:
        self.element_tag, self.element, self.children, self.floated = tag, element, list(children), floated

    def is_floated(self) -> bool:
        return self.floated

    def is_absolutely_positioned(self) -> bool:
        return False


def _page(calls: tuple = (), notes: tuple = (), floated: bool = False) -> _Box:
    root = _Box("html", children=[_Box("p::footnote-call", n) for n in calls] + ([_Box("div", floated=True)] if floated else []))
    return _Box("page", children=[root, _Box("@footnote", children=[_Box("span::footnote-marker", n) for n in notes])])


@pytest.mark.parametrize("pages,marked", [
    ([_page(), _page(), _page()], set()),
    ([_page(("a",), ("a",)), _page(), _page()], set()),  # the note on its call's page
    ([_page(("a",)), _page((), ("a",)), _page()], {1}),  # carried to the next page
    ([_page(("a",)), _page(), _page((), ("a",)), _page()], {1, 2}),  # carried over a page, as WeasyPrint does
    ([_page(("a", "b")), _page((), ("a",)), _page((), ("b",))], {1, 2}),
    ([_page(("a",)), _page(), _page()], {1, 2}),  # a note never placed: every page after its call
    ([_page(), _page(floated=True), _page()], {1}),  # a float broken over the break
    ([_page(floated=True), _page()], set()),  # the first page always starts clean
])
def test_pages_that_begin_with_what_the_page_before_handed_on(pages, marked):
    """Such a page is never made again without the page before it (relayout widens its start)."""
    assert relayout.carried_into(pages) == marked


def test_bench_guide_refines_in_part(tmp_path, monkeypatch):
    """The benchmark's guides are the ones the speed is measured on: their refinement is
    laid out in part, and gives the same bytes."""
    from studyguide.bench.corpus import guide

    path = tmp_path / "bench.md"
    path.write_text(guide(16, 5), encoding="utf-8")
    made: list = []
    part, counts = laid_out(path, "participant", monkeypatch, made=made)
    assert counts.get("as made", 0) + counts.get("partial", 0) >= 1 and not counts.get("full")
    assert part == from_the_start(made[0], path)
    shutil.rmtree(tmp_path / "build", ignore_errors=True)


def test_when_measuring_fails_after_fixes_in_the_box_tree_the_plain_layout_is_written_whole(tmp_path, monkeypatch):
    """Measuring reads WeasyPrint's boxes; if that fails (a release that changed them), the
    guide is written as WeasyPrint alone lays it out, never pages that fixes in the box tree
    (made as the pages were made, or by a relayout) left half finished."""
    from studyguide.pdf import refine

    path = tmp_path / "notes-3.md"
    path.write_text(notes_guide(3), encoding="utf-8")
    html = render_guide(read(path), "participant")
    with monkeypatch.context() as patch:
        patch.setattr(refine, "refine_layout", lambda kind, document, *rest: (document, []))
        patch.setattr(relayout, "supported", lambda: False)
        first = write.html_to_pdf(html, path.parent.resolve())
    measure = refine.pages

    def failing(document, marker="data-q"):
        if relayout.COUNTS["partial"] or relayout.COUNTS["as made"]:
            raise AttributeError("'PageBox' object has no attribute 'children'")
        return measure(document, marker)

    relayout.COUNTS.clear()
    monkeypatch.setattr(refine, "pages", failing)
    made = write.html_to_pdf(html, path.parent.resolve())
    assert relayout.COUNTS["as made"] >= 1
    assert any("could not be measured" in warning for warning in made.warnings)
    assert made.pdf == first.pdf and made.pages == first.pages
