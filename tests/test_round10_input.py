"""Round ten, the red team's input: ligatures, an output folder among the guides, broken pictures, UTF-16,
a self-multiplying SVG, an empty folder, absurd durations, a follow-up indented by one space."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from studyguide.errors import GuideError
from tests.conftest import check_in, cli_in, write

HEAD = "---\ntitle: {title}\ndate: 2026-12-03\n---\n\n"


def guide(title: str, body: str) -> str:
    return HEAD.format(title=title) + body


run = cli_in  # the CLI in this process, in `cwd`


def png(size=(60, 40), colour="red") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_mandelbrot((160, 120), (-2, -1, 1, 1), 40).convert("RGB").save(out, "JPEG")
    return out.getvalue()


# -- 1: ligatures, as text copied from a PDF arrives ----------------------------------------------------------

LIGATURES = "## Discussion questions\n\n1. What was the ﬁnal word of the ﬂoor?\n2. Why did the sta\ufb00 leave?\n"


def test_a_question_with_ligatures_builds_and_is_on_the_handout(tmp_path):
    write(tmp_path, {"guides/g1/guide.md": guide("Ligatures", LIGATURES)})
    done = run(tmp_path, "build", "guides", "-o", "out", "--editions", "questions", "-j", "1")
    assert done.exit_code == 0, done.output
    from studyguide.build.leaks import pdf_text

    (handout,) = (tmp_path / "out/g1").glob("*questions.pdf")
    text = " ".join(pdf_text(handout.read_bytes()).split())
    assert "final word of the floor" in text and "staff leave" in text


def _read(tmp_path: Path, body: str):
    from studyguide.read.reader import read

    path = write(tmp_path, {"g.md": guide("G", body)}) / "g.md"
    return read(path)


def test_the_read_back_checks_still_fail_a_question_really_missing(tmp_path):
    from studyguide.build.promises import check_questions, check_seen

    found = _read(tmp_path, LIGATURES)
    whole = "Discussion questions 1 What was the final word of the floor? 2 Why did the staff leave?"
    check_seen(found, {"questions": (whole, (1, 2))})
    check_questions(found, {"questions": (whole, (1, 2))})
    short = "Discussion questions 1 What was the final word of the floor?"
    for check in (check_seen, check_questions):
        with pytest.raises(GuideError, match="question 2|staﬀ leave"):
            check(found, {"questions": (short, (1, 2))})
    with pytest.raises(GuideError, match="question 1"):  # a ligature's letters are not any letters
        check_seen(found, {"questions": (whole.replace("final", "fnal"), (1, 2))})


def test_a_note_written_with_ligatures_is_found_in_an_output_that_reads_as_letters(tmp_path):
    from studyguide.build.promises import check_leaks

    found = _read(tmp_path, "::: facilitator\nThe ﬁnal answer is the ﬂow of the sta\ufb00 ﬁghting back\n:::\n\n"
                            "## Discussion questions\n\n1. Why?\n")
    with pytest.raises(GuideError, match="facilitator notes would reach participants"):
        check_leaks(found, {"g.pdf": "Cover. The final answer is the flow of the staff fighting back. Why?"})
    check_leaks(found, {"g.pdf": "Cover. Why?"})


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ?", min_size=1, max_size=40))
def test_a_ligature_and_its_letters_read_the_same(text):
    from studyguide.build.promises import fingerprint

    tied = text.replace("ffi", "\ufb03").replace("fi", "\ufb01").replace("fl", "\ufb02").replace("ff", "\ufb00")
    assert fingerprint(tied) == fingerprint(text)


# -- 2: an output folder among the guides ---------------------------------------------------------------------

def _organiser(tmp_path: Path) -> bytes:
    cover = png(colour="blue")
    write(tmp_path, {"guides/g3/guide.md": guide("G3", "![our cover](cover.png)\n\n## Discussion questions\n\n1. Why?\n"),
                     "guides/g3/cover.png": cover, "guides/loose.md": guide("Loose", "Text.\n")})
    return cover


@pytest.mark.parametrize("args", [
    ("build", "guides", "-o", "guides"),
    ("build", "guides", "-o", "guides/g3"), ("build", "guides", "-o", "./guides/../guides"),
    ("build", "guides/g3", "-o", "guides"), ("build", "guides/g3/guide.md", "-o", "guides"),
    ("build", "guides/g3", "-o", "guides/g3/build"), ("build", "guides/loose.md", "-o", "guides"),
    ("watch", "guides", "-o", "guides"), ("serve", "guides", "-o", "guides/g3"),
])
def test_an_output_folder_among_the_guides_is_refused_and_nothing_is_written(tmp_path, args):
    cover = _organiser(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    done = run(tmp_path, *args, "--editions", "participant,web")
    assert done.exit_code == 2, done.output
    assert "Error: the output folder" in done.output and "--out build" in done.output, done.output
    assert "Traceback" not in done.output
    assert (tmp_path / "guides/g3/cover.png").read_bytes() == cover
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_output_folders_apart_from_the_guides_are_taken(tmp_path):
    from studyguide.build.outplace import clash

    _organiser(tmp_path)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        for paths, out in [(["guides"], "build"), (["guides"], "."), (["guides/g3"], "guides/other"),
                           (["guides"], "guides/out"),  # beside the loose guides, as `build . -o build` is
                           (["guides/loose.md"], "out"), (["guides/g3/guide.md"], "elsewhere/deep")]:
            assert clash([Path(p) for p in paths], Path(out)) is None, (paths, out)
    finally:
        os.chdir(old)


def test_a_build_never_writes_over_a_file_it_read(tmp_path):
    from studyguide.build.outplace import overwrites

    _organiser(tmp_path)
    source = tmp_path / "guides/g3/guide.md"
    said = overwrites(source, {tmp_path / "guides/g3/cover.png"}, [tmp_path / "out/g3/g3.pdf", tmp_path / "guides/g3/./cover.png"])
    assert said and "would write over" in said.message and said.path == source
    assert overwrites(source, {tmp_path / "guides/g3/cover.png"}, [tmp_path / "out/g3/cover.png"]) is None
    assert overwrites(source, set(), [source]) is not None


# -- 3, 4, 5: a broken picture, UTF-16, a self-multiplying SVG ------------------------------------------------

def billion_laughs(levels: int = 10, copies: int = 10) -> bytes:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" '
             'height="100"><defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels):
        parts.append(f'<g id="l{level}">' + "".join(f'<use xlink:href="#l{level - 1}" x="{k}"/>' for k in range(copies)) + "</g>")
    parts.append(f'</defs><use xlink:href="#l{levels - 1}"/></svg>')
    return "".join(parts).encode()


PICTURE = "Text.\n\n![a map](x.{suffix})\n\n## Discussion questions\n\n1. Why?\n"
BROKEN = {
    "truncated png": ("png", lambda: png((200, 150))[:300]),
    "truncated jpeg": ("jpg", lambda: jpeg()[: len(jpeg()) // 2]),
    "avif": ("avif", lambda: b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 200),
    "a pdf named png": ("png", lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    "empty": ("png", lambda: b""),
    "html saved as jpg": ("jpg", lambda: b"<!doctype html><title>404</title>"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_picture_that_cannot_be_read_is_an_error_at_its_line_in_check(tmp_path, kind):
    suffix, data = BROKEN[kind]
    said = check_in(tmp_path, {"guides/g/guide.md": guide("G", PICTURE.format(suffix=suffix)), f"guides/g/x.{suffix}": data()})
    assert f"guides/g/guide.md:8: error: the picture 'x.{suffix}' cannot be read: it is not a PNG, JPEG, GIF, WebP or " \
           "SVG file, or it is damaged" in said, said


@pytest.mark.parametrize("suffix, data", [("png", png), ("jpg", jpeg), ("png", jpeg)])  # a JPEG named .png is drawn
def test_a_picture_that_reads_is_not_refused(tmp_path, suffix, data):
    said = check_in(tmp_path, {"guides/g/guide.md": guide("G", PICTURE.format(suffix=suffix)), f"guides/g/x.{suffix}": data()})
    assert "no problems found" in said, said


def test_a_cut_off_jpeg_is_refused_after_weasyprint_let_pillow_pass_it(tmp_path):
    import weasyprint  # noqa: F401 - sets Pillow's LOAD_TRUNCATED_IMAGES
    from PIL import ImageFile

    from studyguide.read.picturefiles import unreadable

    picture = tmp_path / "x.jpg"
    picture.write_bytes(jpeg()[:1500])
    assert ImageFile.LOAD_TRUNCATED_IMAGES and unreadable(picture)
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # put back as it was


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_guide_saved_as_utf16_without_its_mark_is_refused_as_not_utf8(tmp_path, encoding):
    text = guide("Unicode", "## Discussion questions\n\n1. Why?\n").replace("\n", "\r\n")
    said = check_in(tmp_path, {"guides/utf16.md": text.encode(encoding)})
    assert "guides/utf16.md: error: the file is not UTF-8 (it looks like UTF-16" in said and "save it again as UTF-8" in said
    assert "front matter" not in said


def test_a_guide_saved_as_utf16_with_its_mark_is_read(tmp_path):
    said = check_in(tmp_path, {"guides/utf16.md": guide("Unicode é", "## Discussion questions\n\n1. Why?\n").encode("utf-16")})
    assert "no problems found" in said, said


def test_a_reading_and_studyguide_toml_in_utf16_are_refused_as_not_utf8(tmp_path):
    from studyguide.config import load

    said = check_in(tmp_path, {"guides/r/guide.md": guide("R", "## Discussion questions\n\n1. Why?\n").replace(
        "date:", "reading: {title: Art, file: reading.md}\ndate:"),
        "guides/r/reading.md": "---\ntitle: Art\n---\n\nThe text of it.\n".encode("utf-16-le")})
    assert "guides/r/reading.md: error: the file is not UTF-8 (it looks like UTF-16" in said, said
    for encoding in ("utf-16-le", "utf-16"):
        (tmp_path / "studyguide.toml").write_bytes('[build]\nout = "x"\n'.encode(encoding))
        with pytest.raises(GuideError, match="it looks like UTF-16"):
            load(tmp_path)


def test_a_self_multiplying_svg_is_refused_at_once_at_its_line(tmp_path):
    started = time.monotonic()
    said = check_in(tmp_path, {"guides/g/guide.md": guide("G", PICTURE.format(suffix="svg")), "guides/g/x.svg": billion_laughs()})
    assert time.monotonic() - started < 10
    assert "guides/g/guide.md:8: error: the picture 'x.svg' cannot be drawn: it copies its own parts into copies of " \
           "copies" in said, said


@pytest.mark.parametrize("svg", [
    b'<svg xmlns="http://www.w3.org/2000/svg"><use href="#a" id="a"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><rect/><use href="#a"/></g></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><defs><pattern id="p"><rect fill="url(#p)"/></pattern></defs>'
    b'<rect fill="url(#p)"/></svg>',
    ('<svg xmlns="http://www.w3.org/2000/svg"><defs>' + "".join(f'<g id="g{i}"><use href="#g{i + 1}"/></g>' for i in range(3000))
     + '<rect id="g3000"/></defs><use href="#g0"/></svg>').encode(),
    billion_laughs(6, 20),
])
def test_svgs_that_draw_themselves_are_refused_by_the_cleaning(svg):
    from studyguide.render.svgclean import Multiplying, clean

    with pytest.raises(Multiplying):
        clean(svg)


def test_an_svg_that_uses_its_parts_a_sane_number_of_times_is_kept():
    from studyguide.render.svgclean import clean

    assert b"use" in clean(billion_laughs(3, 10))  # a hundred squares drawn from one
    assert b"url(#g)" in clean(b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
                               + b'<rect fill="url(#g)"/>' * 500 + b"</svg>")


def test_one_build_refuses_each_bad_input_at_its_line_and_builds_the_rest(tmp_path):
    write(tmp_path, {
        "guides/good/guide.md": guide("Good", LIGATURES), "guides/good/map.png": png(),
        "guides/broken/guide.md": guide("Broken", PICTURE.format(suffix="png")), "guides/broken/x.png": b"%PDF-1.4\n",
        "guides/laughs/guide.md": guide("Laughs", PICTURE.format(suffix="svg")), "guides/laughs/x.svg": billion_laughs(),
        "guides/utf16.md": guide("Unicode", "## Discussion questions\n\n1. Why?\n").encode("utf-16-le"),
    })
    started = time.monotonic()
    done = run(tmp_path, "build", "guides", "-o", "out", "--editions", "questions", "-j", "1")
    assert time.monotonic() - started < 60
    assert done.exit_code == 1 and "Traceback" not in done.output and "internal error" not in done.output, done.output
    assert "guides/broken/guide.md:8: error: the picture 'x.png' cannot be read" in done.output
    assert "guides/laughs/guide.md:8: error: the picture 'x.svg' cannot be drawn" in done.output
    assert "guides/utf16.md: error: the file is not UTF-8 (it looks like UTF-16" in done.output
    assert "UnidentifiedImageError" not in done.output and "BytesIO" not in done.output
    assert list((tmp_path / "out/good").glob("*questions.pdf"))
    assert not (tmp_path / "out/broken").exists() and not (tmp_path / "out/laughs").exists()


# -- 6, 7, 8: an empty folder, impose's sheets, durations, a follow-up indented by one space ----------------------

def test_check_on_a_folder_without_guides_is_a_usage_error_as_build_is(tmp_path):
    (tmp_path / "empty").mkdir()
    for command in ("check", "build"):
        done = run(tmp_path, command, "empty")
        assert done.exit_code == 2 and "no guides found in empty" in done.output, done.output
        assert "no problems found" not in done.output


def test_impose_says_one_sheet(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(4):
        writer.add_blank_page(420, 595)
    with open(tmp_path / "four.pdf", "wb") as handle:
        writer.write(handle)
    done = run(tmp_path, "impose", "four.pdf", "booklet.pdf")
    assert done.exit_code == 0, done.output
    assert ": 1 sheet;" in done.output and "1 sheets" not in done.output


@pytest.mark.parametrize("duration", ["99999999999999999999 minutes", "99999999999999999999", "30 hours", "0 min",
                                      "25:00", "9" * 400 + " hours", "1441 min"])
def test_a_duration_no_meeting_has_is_an_error_at_its_line(tmp_path, duration):
    said = check_in(tmp_path, {"guides/g.md": guide("G", "## Discussion questions\n\n1. Why?\n").replace(
        "date:", f"time: '19:00'\nduration: {duration}\ndate:")})
    assert "guides/g.md:4: error: 'duration'" in said and "is not the length of one meeting" in said, said


@pytest.mark.parametrize("duration", ["90 min", "1h30", "24 hours", "1.5 hours", "2 heures", "1:30", "90"])
def test_a_meeting_s_length_is_taken(tmp_path, duration):
    said = check_in(tmp_path, {"guides/g.md": guide("G", "## Discussion questions\n\n1. Why?\n").replace(
        "date:", f"time: '19:00'\nduration: {duration}\ndate:")})
    assert "no problems found" in said, said


@pytest.mark.parametrize("body, lines", [
    ("1. Alpha?\n - follow?\n2. Beta?\n", [9]),
    ("1. Alpha?\n * follow?\n + and this?\n2. Beta?\n", [9, 10]),
    ("- Alpha?\n\n - follow?\n", [10]),
    ("1) Alpha?\n   - indented well?\n - not this one?\n", [10]),
    ("1. Alpha?\n  - follow?\n2. Beta?\n", []),  # 2, 3 or 4 spaces: a follow-up, as the docs say
    ("1. Alpha?\n    - follow?\n", []),
    ("1. Alpha?\n 2. Beta?\n", []),  # a number is a question whatever its indent
    (" - Alpha?\n - Beta?\n", []),  # a list written one space in throughout
    ("A paragraph.\n - item\n", []),
    ("1. Alpha?\n\n```\n - code\n```\n", []),
])
def test_a_follow_up_indented_by_one_space_is_warned_at_its_line_and_read_as_before(tmp_path, body, lines):
    found = _read(tmp_path, "## Discussion questions\n\n" + body)
    warned = [d.line for d in found.warnings if "indented by one space" in d.message]
    assert warned == lines
    if lines:
        assert all("indent it by 2 to 4 spaces" in d.message for d in found.warnings if d.line in lines)


def test_the_library_s_build_into_the_guides_folder_writes_over_nothing(tmp_path):
    """The CLI refuses such a folder first; `build()` called alone still keeps the organiser's cover."""
    from studyguide.build.run import Settings, build

    cover = _organiser(tmp_path)
    (tmp_path / "guides/loose.md").unlink()
    (result,) = build([tmp_path / "guides"], Settings(out=tmp_path / "guides", jobs=1, editions=("web",)))
    assert not result.ok and "would write over" in result.errors[0].message and "cover.png" in result.errors[0].message
    assert (tmp_path / "guides/g3/cover.png").read_bytes() == cover
    assert sorted(p.name for p in (tmp_path / "guides/g3").iterdir()) == ["cover.png", "guide.md"]
