"""Red team 5, findings 1.7, 1.8, 1.11, 3.1, 3.2 and two minor ones, each read back with
both PDFium (pypdfium2) and Poppler (pdftotext, pdftoppm), the readers the group uses:

- text PDFium never sees but Poppler copies (size 0, a zero text matrix, a zero `cm`, a
  form with a zero /Matrix, text in a soft mask) prints its page as a picture;
- a leader's heading set letter-spaced with TJ tracking is refused like the plain one;
- a font with no Unicode (its text reads back as garbage) drawing words is refused;
- a page with a stray `Q` is drawn by both engines;
- a 16-bit greyscale PNG or TIFF is drawn as its picture, not a black box;
- a `file:` picture, and an SVG with a number no PDF holds, are errors at their line."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from PIL import Image

from studyguide.build.run import Settings, build

from .conftest import check_in, write

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils (pdftotext, pdftoppm) is not installed")

GUIDE = ("---\ntitle: {slug}\nreading: {{title: The leaflet, file: reading.pdf, publication: The Paper}}\n---\n\n"
         "Intro.\n\n## Discussion questions\n\n1. What did the strike win?\n")
VISIBLE = "The strike began at dawn."
NOTE = "Facilitator notes: zqxsecret steer them towards the soviets"


def line(text: str, y: int = 500, size: int = 14) -> bytes:
    return f"BT /F1 {size} Tf 60 {y} Td ({text}) Tj ET\n".encode()


def make_pdf(pages: list[dict], fonts=None) -> bytes:
    """Pages of 420 x 595 pt; each a dict with `content`, and `XObject` / `ExtGState` resources made from the PDF."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for page in pages:
        resources = Dictionary(Font=Dictionary(F1=font, **(fonts(pdf) if fonts else {})))
        for key in ("XObject", "ExtGState"):
            if key in page:
                resources[Name("/" + key)] = page[key](pdf, resources)
        pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 420, 595]), Resources=resources,
                                                 Contents=pdf.make_stream(page["content"]))))
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def poppler_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def pdfium_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def drawn(path: Path, number: int) -> dict[str, Image.Image]:
    """Page `number` (from 1) as each engine draws it, in grey at 50 dpi."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        pictures = {"pdfium": document[number - 1].render(scale=50 / 72).to_pil().convert("L")}
    finally:
        document.close()
    png = subprocess.run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", "50", "-gray", "-png", str(path)],
                         capture_output=True, check=True).stdout
    pictures["poppler"] = Image.open(io.BytesIO(png)).convert("L")
    return pictures


def check(tmp_path: Path, files: dict[str, str | bytes]) -> str:
    return check_in(tmp_path, files)


def form(content: bytes, **keys):
    def make(pdf, resources):
        return Dictionary(Fm=pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 420, 595]),
                                             Resources=Dictionary(Font=resources.Font), **keys))
    return make


def soft_mask(pdf, resources):
    group = pdf.make_stream(line(NOTE, 470), Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 420, 595]),
                            Group=Dictionary(S=Name.Transparency, CS=Name.DeviceGray),
                            Resources=Dictionary(Font=resources.Font))
    return Dictionary(GS1=Dictionary(Type=Name.ExtGState, SMask=Dictionary(S=Name.Luminosity, G=group)))


NEVER_SEEN = {  # text PDFium leaves out of its text altogether, which Poppler extracts
    "size 0": line(VISIBLE) + line(NOTE, 470, size=0),
    "zero text matrix": line(VISIBLE) + f"BT /F1 14 Tf 0 0 0 0 60 470 Tm ({NOTE}) Tj ET\n".encode(),
    "zero cm": line(VISIBLE) + b"q 0 0 0 0 0 0 cm " + line(NOTE, 470) + b"Q\n",
}


def test_text_pdfium_never_sees_prints_its_page_as_a_picture_and_a_stray_q_draws(tmp_path):
    stray = "A page drawn after a stray restore."
    pages = [{"content": line("An ordinary page of the reading.")}]
    pages += [{"content": content} for content in NEVER_SEEN.values()]
    pages.append({"content": line(VISIBLE) + b"q /Fm Do Q\n", "XObject": form(line(NOTE, 470), Matrix=Array([0] * 6))})
    pages.append({"content": line(VISIBLE) + b"q /GS1 gs 0 0 420 595 re f Q\n", "ExtGState": soft_mask})
    pages.append({"content": b"Q Q " + line(stray) + b"q 1 0 0 1 0 0 cm"})  # a restore with nothing saved, a save left open
    write(tmp_path, {"guides/h/guide.md": GUIDE.format(slug="h"), "guides/h/reading.pdf": make_pdf(pages)})
    out = tmp_path / "build"
    [result] = build([tmp_path / "guides/h/guide.md"], Settings(out=out, jobs=1, editions=("participant", "web")))
    assert result.ok, result.errors
    said = [str(d) for d in result.warnings]
    pictured = [n for n in range(1, len(pages) + 1)
                if any(f"warning: page {n} holds text no reader sees but a PDF viewer still copies" in s for s in said)]
    assert pictured == list(range(2, len(pages))), said  # each hiding place, and only those
    assert any("page 2 holds" in s and "It reads as a leader's note" in s for s in said), said  # said, not printed
    participant = out / "h/h.pdf"
    poppler, pdfium = poppler_pages(participant), pdfium_pages(participant)
    for text in (" ".join(poppler), " ".join(pdfium), (out / "h/index.html").read_text()):
        assert "zqxsecret" not in text and "Facilitator" not in text
        assert "An ordinary page of the reading." in text and stray in text  # the clean pages stay text
    [number] = [n for n, text in enumerate(poppler, start=1) if stray in text]
    for engine, picture in drawn(participant, number).items():  # Poppler drew the stray Q's page blank
        dark = sum(picture.histogram()[:128])
        assert dark > 20, f"{engine} draws page {number} blank"


GARBAGE_FONT = "ABCDEF+Obscure"


def symbolic_font(pdf, ascii: bool = False) -> dict:
    """NotoSans subset as a symbolic TrueType with a (3,0) cmap at 0xF021… and no ToUnicode, as red team 5 made it:
    its text extracts as `#$%)*)0$…`. `ascii`: as older Word subsets, each code the letter's own, glyphs named."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = TTFont(Path(__file__).parent.parent / "templates/fonts/NotoSans-Regular.ttf")
    chars = sorted(set(NOTE))
    options = subset.Options()
    options.notdef_outline = True
    options.glyph_names = ascii
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    codes = {c: ord(c) if ascii else 0x21 + i for i, c in enumerate(chars)}
    glyphs = {codes[c]: font.getBestCmap()[ord(c)] for c in chars}
    tables = []
    for platform, encoding, offset in ((1, 0, 0), (3, 0, 0xF000)):
        table = CmapSubtable.newSubtable(4)
        table.platformID, table.platEncID, table.language = platform, encoding, 0
        table.cmap = {offset + code: glyph for code, glyph in glyphs.items()}
        tables.append(table)
    font["cmap"].tables = tables
    font["post"].formatType = 2.0 if ascii else 3.0
    buffer = io.BytesIO()
    font.save(buffer)
    program = pdf.make_stream(buffer.getvalue())
    upm, metrics = font["head"].unitsPerEm, font["hmtx"]
    first, last = min(glyphs), max(glyphs)
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/" + GARBAGE_FONT), Flags=4, ItalicAngle=0,
                            FontBBox=Array([-600, -300, 2800, 1100]), Ascent=1069, Descent=-293, CapHeight=714,
                            StemV=80, FontFile2=program)
    widths = Array([int(metrics[glyphs[c]][0] * 1000 / upm) if c in glyphs else 0 for c in range(first, last + 1)])
    return {"F2": pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/" + GARBAGE_FONT),
                                               FirstChar=first, LastChar=last, Widths=widths,
                                               FontDescriptor=pdf.make_indirect(descriptor)))}, codes


def garbage_pdf(ascii: bool = False) -> bytes:
    made = {}

    def fonts(pdf):
        if "F2" not in made:
            made["F2"], made["codes"] = symbolic_font(pdf, ascii)
        return made["F2"]

    pdf_bytes = make_pdf([{"content": b""}], fonts=fonts)  # the font made once, to know its codes
    codes = made["codes"]
    shown = bytes(codes[c] for c in NOTE).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf.pages[0].obj.Contents = pdf.make_stream(line(VISIBLE) + b"BT /F2 14 Tf 60 470 Td (" + shown + b") Tj ET\n")
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def tracked(word: str, amount: int) -> bytes:
    """A heading set letter-spaced as designers do: each letter its own string, moved apart in TJ."""
    letters = b" ".join(b"(%s)%d" % (bytes([c]), -amount) if c != 32 else b"%d" % (-3 * amount) for c in word.encode())
    return b"BT /F1 11 Tf 60 520 Td [" + letters + b"] TJ 0 -16 Td (Steer them to the soviets when they stall.) Tj ET\n"


def type3_font(pdf) -> dict:
    """A Type 3 font whose glyphs are named g1, g2…: no letter in any of them."""
    procs = Dictionary({f"/g{n}": pdf.make_stream(b"500 0 0 0 400 600 d1 0 0 400 600 re f") for n in range(1, 9)})
    return {"F3": pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 500, 700]), FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
        CharProcs=procs, FirstChar=65, LastChar=72, Widths=Array([500] * 8), Resources=Dictionary(),
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65] + [Name(f"/g{n}") for n in range(1, 9)]))))}


def test_tracked_labels_and_fonts_without_unicode_are_refused(tmp_path):
    cases = {f"track-{n}": make_pdf([{"content": line(VISIBLE) + tracked(word, amount)}])
             for n, (word, amount) in enumerate([("FACILITATOR NOTES", 150), ("FACILITATOR NOTES", 300),
                                                 ("Facilitator notes", 120), ("LEADER'S NOTES", 200),
                                                 ("TUTOR NOTES", 150), ("MODERATOR", 250)])}
    cases["garbage"] = garbage_pdf()
    cases["ascii-codes"] = garbage_pdf(ascii=True)  # the same note, in a font readers read: refused for its label
    cases["type3"] = make_pdf([{"content": line(VISIBLE) + b"BT /F3 14 Tf 60 470 Td (ABCDEFGH) Tj ET\n"}], fonts=type3_font)
    cases["type3-bullet"] = make_pdf([{"content": line(VISIBLE) + b"BT /F3 14 Tf 40 500 Td (A) Tj ET\n"}], fonts=type3_font)
    cases["spaced-control"] = make_pdf([{"content": line(VISIBLE) + tracked("SPACED OUT HEADING", 150)}])
    files = {f"guides/{slug}/guide.md": GUIDE.format(slug=slug) for slug in cases}
    files.update({f"guides/{slug}/reading.pdf": data for slug, data in cases.items()})
    output = check(tmp_path, files)
    for slug in cases:
        if slug.startswith("track-"):
            assert f"guides/{slug}/reading.pdf: error: page 1: " in output, (slug, output)
    assert ("guides/garbage/reading.pdf: error: page 1 draws text in the font Obscure, which the PDF gives no "
            "Unicode for (no ToUnicode map)") in output, output
    assert "guides/type3/reading.pdf: error: page 1 draws text in the font" in output, output
    assert "guides/ascii-codes/reading.pdf: error: page 1: a line headed 'Facilitator notes'" in output, output
    for slug in ("type3-bullet", "spaced-control"):  # a bullet in a symbol font, a letter-spaced heading of no role
        assert f"guides/{slug}/reading.pdf: error" not in output, output


def test_sixteen_bit_pictures_are_drawn_by_both_engines(tmp_path):
    ramp = Image.new("I;16", (240, 160))
    ramp.putdata([(x * 65535) // 239 for y in range(160) for x in range(240)])
    folder = tmp_path / "guides/scan"
    folder.mkdir(parents=True)
    ramp.save(folder / "scan.png")
    ramp.save(folder / "scan.tif")
    write(tmp_path, {"guides/scan/guide.md": "---\ntitle: Scan\n---\n\n## Summary\n\n![A scanned leaflet](scan.png)\n\n"
                                             "![The same, as TIFF](scan.tif)\n\n## Discussion questions\n\n"
                                             "1. What does the leaflet say?\n"})
    out = tmp_path / "build"
    [result] = build([folder / "guide.md"], Settings(out=out, jobs=1, editions=("participant",)))
    assert result.ok and not result.warnings, (result.errors, result.warnings)
    path = out / "scan/scan.pdf"
    with pikepdf.open(path) as pdf:
        images = {x.objgen: pikepdf.PdfImage(x) for page in pdf.pages for x in page.get_images().values()}.values()
        assert len(images) >= 2
        for image in images:
            picture = image.as_pil_image().convert("L")
            assert picture.size == (240, 160) and picture.getpixel((0, 80)) < 10 and picture.getpixel((239, 80)) > 245
    [number] = [n for n, text in enumerate(poppler_pages(path), start=1) if "Summary" in text]
    for engine, page in drawn(path, number).items():
        greys = sum(page.histogram()[60:200])  # a ramp has every grey; a black box none
        assert greys > 1000, f"{engine} does not draw the pictures"


def test_file_pictures_and_svgs_with_huge_numbers_are_errors_at_their_line(tmp_path):
    outside = tmp_path / "outside.png"
    Image.new("RGB", (4, 4)).save(outside)
    spellings = [f"![pic]({outside.as_uri()})", f"![pic](<{outside.as_uri()}>)", f"![pic](FILE://{outside})",
                 "![pic](file:/etc/hostname)", "![pic](file://localhost/tmp/x.png)"]
    body = "".join(f"{s}\n\n" for s in spellings)
    huge = {"big.svg": '<polyline points="0,0 1e38,1e38" stroke="blue"/>',
            "scaled.svg": '<rect width="300" height="200" transform="scale(1e30)"/>',
            "fine.svg": '<rect id="path123456789012345" width="300" height="200" fill="#123456"/>'}
    files = {f"guides/p/{name}": f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">{shape}</svg>'
             for name, shape in huge.items()}
    files["guides/p/guide.md"] = ("---\ntitle: Pictures\n---\n\n## Summary\n\n" + body
                                  + "".join(f"![{name}]({name})\n\n" for name in huge)
                                  + "## Discussion questions\n\n1. Why?\n")
    output = check(tmp_path, files)
    for number in range(7, 7 + 2 * len(spellings), 2):
        assert f"guides/p/guide.md:{number}: error: the image 'file:" in output.replace("'FILE:", "'file:"), output
    assert output.count("is a file: address") == len(spellings), output
    first_svg = 7 + 2 * len(spellings)
    for number, name in ((first_svg, "big"), (first_svg + 2, "scaled")):
        assert f"guides/p/guide.md:{number}: error: the picture '{name}.svg' cannot be drawn" in output, output
    assert "fine.svg" not in output
