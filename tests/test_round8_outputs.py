"""Round eight, what reaches the published folder (red12 findings 4, 14, 23, 31, 32): a theme's
template is sandboxed; yesterday's files of editions not rebuilt are read against today's notes;
pictures lose their metadata; guide.json says nothing only a note gives; the EPUB is valid."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from studyguide.files import TEMPLATES
from studyguide.render.imagemeta import pixels_same, stripped

from .conftest import build_one, pdf_text, write

SECRET = "Zqxsecret the answer to question two is nineteen oh five, tell them at the end."
GUIDE = f"""---
title: Stale guide
date: 2026-12-03
---

Intro.

## Summary

{{para}}

## Discussion questions

1. What is the first question?
2. What is the second question?
"""


# 1. A theme's template runs in a sandbox ------------------------------------------------------------------

def _theme_with(tmp_path: Path, template: str, snippet: str) -> Path:
    theme = tmp_path / "theme"
    theme.mkdir(exist_ok=True)
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assert "</body>" in text
    (theme / template).write_text(text.replace("</body>", snippet + "</body>", 1), encoding="utf-8")
    return theme


@pytest.mark.parametrize("snippet", [
    # the finding's: from a tuple to Python's builtins, then open()
    '{%- set ns = namespace(w=none) %}{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__ == '
    '"catch_warnings" %}{% set ns.w = c %}{% endif %}{% endfor %}{{ ns.w()._module.__builtins__["open"]("/etc/hostname").read() }}',
    '{{ (guide.path.parent / "copied-notes.html").write_text(body) }}',  # what the sandbox alone lets through
    '{{ guide.path.read_text() }}',
    '{{ guide.folder.joinpath("copied-notes.html").open("w").write(body) }}',
    '{{ lipsum.__globals__["os"].system("touch copied-notes.html") }}',
    '{{ cycler.__init__.__globals__.os.popen("hostname").read() }}',
    '{{ self._TemplateReference__context.environment.globals }}',
    '{{ meta.__class__.__init__.__globals__ }}',
    '{{ "{0.__class__.__mro__}".format(body) }}',
    '{{ words.update({"notes": "x"}) }}',
])
def test_a_theme_template_that_reaches_for_python_fails_at_its_line(tmp_path, snippet):
    write(tmp_path, {"g/guide.md": GUIDE.format(para="Some words.")})
    theme = _theme_with(tmp_path, "guide.html.j2", snippet)
    line = next(n for n, text in enumerate((theme / "guide.html.j2").read_text().split("\n"), 1) if snippet[:20] in text)
    result = build_one(tmp_path / "g" / "guide.md", tmp_path / "out", theme=theme, editions=("participant", "facilitator"))
    assert not result.ok
    [error] = result.errors
    assert str(error.path).endswith("guide.html.j2") and error.line == line and "template error" in error.message, error
    assert "Traceback" not in error.message
    assert not list(tmp_path.rglob("copied-notes.html")) and not (tmp_path / "out" / "g").exists()


def test_a_theme_catalogue_that_reaches_for_python_is_reported_not_a_traceback(tmp_path):
    write(tmp_path, {"g/guide.md": GUIDE.format(para="Some words.")})
    theme = _theme_with(tmp_path, "catalogue.html.j2", "{{ ().__class__.__base__ }}")
    results = __import__("studyguide.build.run", fromlist=["build"]).build(
        [tmp_path / "g" / "guide.md"], __import__("studyguide.build.run", fromlist=["Settings"]).Settings(
            out=tmp_path / "out", jobs=1, theme=theme, editions=("participant",)))
    catalogue = [r for r in results if r.slug == "(catalogue)"]
    assert catalogue and "template error" in catalogue[0].errors[0].message
    assert str(catalogue[0].errors[0].path).endswith("catalogue.html.j2") and catalogue[0].errors[0].line


def test_what_a_theme_may_do_still_works(tmp_path):
    """Macros, namespaces, loops' cycles, formats, filters, the data's own methods: a theme's ordinary tools."""
    snippet = ('{% macro tag(x) %}<i>{{ x }}</i>{% endmacro %}{% set ns = namespace(n=0) %}'
               '{% for s in sections %}{% set ns.n = ns.n + 1 %}{{ loop.cycle("odd", "even") }}{% endfor %}'
               '<p id="themed">{{ tag(meta.title|upper) }} {{ ns.n }} {{ "{} of {}".format(1, 2) }} '
               '{{ created.isoformat() if created else "" }} {{ words.get("notes", "") }} {{ [3, 1, 2]|sort|join(",") }}'
               ' {{ guide.questions|length }} {{ dict(a=1).items()|list }}</p>')
    write(tmp_path, {"g/guide.md": GUIDE.format(para="Some words.")})
    theme = _theme_with(tmp_path, "guide.html.j2", snippet)
    result = build_one(tmp_path / "g" / "guide.md", tmp_path / "out", theme=theme, editions=("participant",))
    assert result.ok, result.errors
    text = " ".join(pdf_text(tmp_path / "out" / "g" / "g.pdf"))
    assert "oddeven STALE GUIDE 2 1 of 2 2026-12-03" in text and "1,2,3 2 [('a', 1)]" in text


def test_packaged_templates_render_as_they_did_before_the_sandbox(monkeypatch):
    """Every packaged template, through the sandbox and through a plain Environment: the same text."""
    import jinja2

    from studyguide.distribute.signin import render_sign_in
    from studyguide.read.reader import read
    from studyguide.render import html as render_html
    from studyguide.render.catalogue import guide_page

    guide = read(Path(__file__).parent.parent / "guides" / "trotsky-armed-the-workers.md")

    def everything() -> list[str]:
        render_html.environment.cache_clear()
        return [*(render_html.render_guide(guide, e) for e in ("participant", "facilitator", "large-print")),
                render_html.render_questions(guide), render_html.render_questions(guide, notes=True, size="half"),
                render_html.render_notes("a4", "en"), guide_page(guide, {}, {}, 4, 1)["index.html"].decode(),
                render_sign_in(guide)]

    sandboxed = everything()
    assert isinstance(render_html.environment(), jinja2.sandbox.SandboxedEnvironment)
    monkeypatch.setattr(render_html, "ThemeSandbox", jinja2.Environment)
    plain = everything()
    render_html.environment.cache_clear()
    assert sandboxed == plain


# 2. Yesterday's files of editions not made again, against today's notes ----------------------------------

def test_files_kept_from_an_earlier_build_that_hold_a_new_note_are_taken_away(tmp_path):
    guide = tmp_path / "g-stale" / "guide.md"
    write(tmp_path, {"g-stale/guide.md": GUIDE.format(para=SECRET)})
    out = tmp_path / "out"
    first = build_one(guide, out, editions=("participant", "large-print", "booklet", "epub", "web", "questions"))
    assert first.ok, first.errors
    folder = out / "g-stale"
    (folder / "organisers-own.epub").write_bytes((folder / "g-stale.epub").read_bytes())  # not ours: stays
    (folder / "hello.txt").write_text(SECRET)
    # The organiser sees the slip, makes it a note, and rebuilds only what they need today.
    guide.write_text(GUIDE.format(para=f"::: facilitator\n{SECRET}\n:::"), encoding="utf-8")
    second = build_one(guide, out, editions=("participant", "questions"))
    assert second.ok, second.errors
    gone = {"g-stale.epub": "epub", "index.html": "web", "g-stale-booklet.pdf": "booklet",
            "g-stale-large-print.pdf": "large-print"}
    for name, edition in gone.items():
        assert not (folder / name).exists(), name
        said = [w for w in second.warnings if Path(w.path) == folder / name]
        assert said and f"--editions {edition}" in said[0].message and "Zqxsecret" not in said[0].message, second.warnings
    assert (folder / "organisers-own.epub").exists() and (folder / "hello.txt").exists()
    assert "Zqxsecret" not in " ".join(pdf_text(folder / "g-stale.pdf"))
    made = json.loads((folder / "facilitator" / "made.json").read_text())
    assert not set(gone) & set(made) and "cover.png" in made
    # Made again, they come back, without the note.
    third = build_one(guide, out, editions=("participant", "epub", "web"))
    assert third.ok and (folder / "g-stale.epub").exists() and (folder / "index.html").exists()
    assert "Zqxsecret" not in (folder / "index.html").read_text()


def test_kept_files_without_the_note_stay(tmp_path):
    guide = tmp_path / "g" / "guide.md"
    write(tmp_path, {"g/guide.md": GUIDE.format(para="Nothing secret here at all.")})
    assert build_one(guide, tmp_path / "out", editions=("participant", "epub")).ok
    guide.write_text(GUIDE.format(para="Nothing secret here at all.\n\n::: facilitator\nA brand new note, never printed.\n:::"))
    again = build_one(guide, tmp_path / "out", editions=("participant",))
    assert again.ok and (tmp_path / "out" / "g" / "g.epub").exists() and not again.warnings, again.warnings


# 3. Pictures lose their metadata, keep their pixels -------------------------------------------------------

def _photo(turned: int = 1) -> bytes:
    picture = Image.new("RGB", (80, 40), "navy")
    for x in range(40):
        picture.putpixel((x, 5), (255, 0, 0))
    exif = Image.Exif()
    exif[0x010E] = "Facilitator: zqxsecret exif caption"  # ImageDescription, where Photos/Lightroom put a caption
    exif[0x013B] = "zqxsecret Artist Ann Smith"
    exif[0x0112] = turned
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)})  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, comment=b"zqxsecret jpeg comment", quality=92,
                 icc_profile=b"\0" * 128 + b"acsp", xmp=b"<x:xmpmeta>zqxsecret xmp</x:xmpmeta>")
    return out.getvalue()


def _png() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Facilitator: zqxsecret png comment")
    info.add_itxt("Description", "zqxsecret png itxt")
    info.add_text("Author", "zqxsecret author", zip=True)
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (10, 200, 30, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def test_stripped_jpeg_keeps_its_pixels_and_its_turn():
    for turn in (1, 6, 8):
        before = _photo(turn)
        after = stripped(before, ".jpg")
        assert b"zqxsecret" in before and b"zqxsecret" not in after
        assert pixels_same(before, after)
        with Image.open(io.BytesIO(after)) as picture:
            exif = picture.getexif()
            assert exif.get(0x0112, 1) == turn and set(exif) <= {0x0112} and not exif.get_ifd(0x8825)
            assert picture.size == (80, 40)


@pytest.mark.parametrize("kind, make", [
    (".png", _png),
    (".gif", lambda: _saved("GIF", comment=b"zqxsecret gif comment")),
    (".webp", lambda: _saved("WEBP", lossless=True, exif=b"Exif\0\0zqxsecret", xmp=b"<x>zqxsecret xmp</x>")),
])
def test_stripped_pictures_keep_their_pixels(kind, make):
    before = make()
    after = stripped(before, kind)
    assert b"zqxsecret" in before and b"zqxsecret" not in after and pixels_same(before, after)


def _saved(kind: str, **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 16), "teal").save(out, kind, **options)
    return out.getvalue()


def test_a_cut_picture_is_refused_not_copied():
    assert stripped(_photo()[:300], ".jpg") is None and stripped(_png()[:60], ".png") is None


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><!-- Facilitator: zqxsecret svg comment -->'
       '<title>zqxsecret svg title</title><desc>Leader notes: zqxsecret svg desc</desc><metadata>zqxsecret svg metadata'
       '</metadata><rect width="100" height="50" fill="teal"/><text x="5" y="30" display="none">zqxsecret hidden</text>'
       '<text x="5" y="40" style="visibility:hidden">zqxsecret hidden 2</text><g opacity="0"><text>zqxsecret clear</text>'
       '</g><text x="5" y="20">Shown words</text></svg>')


def test_the_web_page_and_the_epub_carry_no_picture_metadata(tmp_path):
    write(tmp_path, {"g/guide.md": GUIDE.format(para="![the branch](photo.jpg)\n\n![a pic](pic.png)\n\n![a chart](chart.svg)"),
                     "g/photo.jpg": _photo(6), "g/pic.png": _png(), "g/chart.svg": SVG})
    result = build_one(tmp_path / "g" / "guide.md", tmp_path / "out", editions=("participant", "epub", "web"))
    assert result.ok, result.errors
    folder = tmp_path / "out" / "g"
    copies = {p.name: p.read_bytes() for p in (folder / "assets").iterdir()}
    with zipfile.ZipFile(folder / "g.epub") as book:
        copies.update({"epub:" + n: book.read(n) for n in book.namelist() if "/images/" in n})
    assert len(copies) == 6
    for name, data in copies.items():
        assert b"zqxsecret" not in data, name
    assert b"Shown words" in copies["chart.svg"] and pixels_same(_photo(6), copies["photo.jpg"])


# 4. guide.json: nothing only a note gives --------------------------------------------------------------------

def test_guide_json_says_nothing_of_where_a_note_is_or_how_long_it_runs(tmp_path):
    write(tmp_path, {"runsheet.md": """
        ---
        title: Runsheet leak
        date: 2026-12-03
        time: "19:00"
        duration: 90 minutes
        ---

        Intro.

        ## Session plan

        ### Opening round (10 min)

        ::: facilitator
        ### Zqxsecret split them into the rest (100 min)

        1. Zqxsecret ask about nineteen oh five (20 min)
        :::

        ## Discussion questions

        1. What is the first question? (10 min)
        """})
    result = build_one(tmp_path / "runsheet.md", tmp_path / "out", editions=("participant",))
    assert result.ok, result.errors
    said = [w for w in result.warnings if "min" in w.message]
    assert said, result.warnings  # the organiser is still told
    shared = (tmp_path / "out" / "runsheet" / "guide.json").read_text()
    assert "120 min" not in shared and "Zqxsecret" not in shared  # the question inside the 100-min heading counts inside it
    assert all(line not in range(15, 20) for _, line, _ in json.loads(shared)["warnings"])
    leader = json.loads((tmp_path / "out" / "runsheet" / "facilitator" / "inputs.json").read_text())
    assert any("120 min" in message for _, _, message in leader["warnings"])
    again = build_one(tmp_path / "runsheet.md", tmp_path / "out", editions=("participant",))
    assert again.skipped and any("120 min" in w.message for w in again.warnings)  # from the leader's part


# 5. The EPUB passes epubcheck --------------------------------------------------------------------------------

def test_obsolete_html_and_a_repeated_id_make_a_valid_epub(tmp_path):
    jar = Path("/usr/share/java/epubcheck.jar")
    if not (shutil.which("java") and jar.is_file()):
        pytest.skip("needs EPUBCheck (Debian: apt install epubcheck)")
    write(tmp_path, {"g/guide.md": """
        ---
        title: Old HTML
        ---

        Text <center>c</center> here.

        <center>A block centred</center>

        Text <tt>mono</tt>, <big>big</big>, <strike>gone</strike>, <acronym title="x">ABC</acronym>, <font color="red">red</font>.

        ## Part {#part}

        One.

        ## Part two {#part}

        Two.

        <table><tr><td align="center" valign="top" bgcolor="#eee">x</td></tr></table>

        Some<dir><li>one</li></dir>

        ![a pic](pic.webp)

        ## Discussion questions

        1. What is the first question?
        """, "g/pic.webp": _saved("WEBP", lossless=True)})
    result = build_one(tmp_path / "g" / "guide.md", tmp_path / "out", editions=("epub",))
    assert result.ok, result.errors
    book = tmp_path / "out" / "g" / "g.epub"
    quick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # a JVM that starts in a third of the time
    done = subprocess.run(["java", *quick, "-jar", str(jar), str(book)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "0 errors" in done.stdout + done.stderr, done.stdout + done.stderr
    with zipfile.ZipFile(book) as archive:
        text = archive.read("EPUB/text.xhtml").decode()
    assert 'id="part"' in text and 'id="part-2"' in text and "<code>mono</code>" in text and "<s>gone</s>" in text
    assert "text-align: center" in text and "A block centred" in text
