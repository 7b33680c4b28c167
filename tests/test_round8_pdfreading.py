"""A reading PDF shows less than it holds (red team 12, findings 11, 12, 13, 24, 28, 29):
text nobody sees (whited out, white, invisible, tiny, off the page, outside the crop
box, under other text) is neither published on the web page and in the EPUB nor left
in the participant PDF to be copied; a hidden layer is refused; comments are taken out
with a warning; a leader's label typed on a page is refused as in reading.md; a page
with /Rotate 45 prints its text; a malformed PDF is an error at the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from studyguide.build.run import Settings, build

from .conftest import check_in, pdf_text, write

GUIDE = ("---\ntitle: {slug}\nreading: {{title: The leaflet, file: reading.pdf, publication: The Paper}}\n---\n\n"
         "Intro.\n\n## Discussion questions\n\n1. What did the strike win?\n")
LINE = "BT /F1 14 Tf 60 {y} Td ({text}) Tj ET\n"


def make_pdf(pages: list[bytes | dict], root: dict | None = None) -> bytes:
    """Pages of 420 x 595 pt in Helvetica; a dict page gives `content` and any page keys (CropBox, Rotate, Annots,
    Properties for the resources, XObject)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for page in pages:
        page = page if isinstance(page, dict) else {"content": page}
        resources = Dictionary(Font=Dictionary(F1=font))
        for key in ("Properties", "XObject"):
            if key in page:
                resources[Name("/" + key)] = page[key](pdf) if callable(page[key]) else page[key]
        obj = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 420, 595]), Resources=resources,
                         Contents=pdf.make_stream(page["content"]))
        for key, value in page.items():
            if key not in ("content", "Properties", "XObject"):
                obj[Name("/" + key)] = value(pdf) if callable(value) else value
        pdf.pages.append(pikepdf.Page(obj))
    for key, value in (root or {}).items():
        pdf.Root[Name("/" + key)] = value(pdf) if callable(value) else value
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def line(text: str, y: int = 500) -> bytes:
    return LINE.format(y=y, text=text).encode()


def plain(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(buffer, qdf=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    return buffer.getvalue()


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return " ".join(book.read(n).decode() for n in book.namelist() if n.endswith((".xhtml", ".html")))


def check(tmp_path: Path, cases: dict[str, bytes]) -> str:
    return check_in(tmp_path, {**{f"guides/{n}/guide.md": GUIDE.format(slug=n) for n in cases},
                               **{f"guides/{n}/reading.pdf": data for n, data in cases.items()}})


VISIBLE = "The strike began at dawn."
HIDDEN = {  # page content that hides "zqxsecret ..." from any reader, each its own way
    "whited out": line(VISIBLE) + line("Leader zqxsecret whiteout", 470) + b"1 1 1 rg 50 460 330 30 re f\n",
    "white text": line(VISIBLE) + b"1 1 1 rg " + line("Leader zqxsecret white", 470),
    "tiny": line(VISIBLE) + b"BT /F1 1 Tf 60 470 Td (Leader zqxsecret tiny) Tj ET\n",
    "off the page": line(VISIBLE) + line("Leader zqxsecret offpage", 700),
    "under other text": b"1 1 1 rg " + line("Leader zqxsecret under", 500) + b"0 0 0 rg " + line(VISIBLE),
    "clipped away": line(VISIBLE) + b"q 0 0 1 1 re W n " + line("Leader zqxsecret clipped", 470) + b"Q\n",
    "invisible midway": b"BT /F1 14 Tf 60 500 Td (" + VISIBLE.encode() + b") Tj 3 Tr 0 -30 Td (Leader zqxsecret mixed) Tj ET\n",
    "squeezed": line(VISIBLE) + b"BT /F1 14 Tf 2 Tz 60 470 Td (Leader zqxsecret squeezed) Tj ET\n",
}
TAKEN_OUT = {  # nothing of it drawn: taken out of the drawing, the page stays text
    "invisible text objects": line(VISIBLE) + b"BT 3 Tr /F1 14 Tf 60 470 Td (Leader zqxsecret ocr layer) Tj ET\n"
                              b"BT /F1 14 Tf 60 440 Td (Leader zqxsecret ocr) ' (zqxsecret two) Tj ET 0 Tr\n",
    "invisible": line(VISIBLE) + b"3 Tr " + line("Leader zqxsecret invisible", 470).replace(b"BT", b"BT 3 Tr"),
    "actual text": b"/Span << /ActualText (Leader zqxsecret actualtext) >> BDC " + line(VISIBLE) + b"EMC\n",
}


def test_text_no_reader_sees_is_not_published_nor_left_in_the_participant_pdf(tmp_path):
    pages = [line("An ordinary page of the reading.")] + list(HIDDEN.values())
    pages.append({"content": line(VISIBLE) + line("Leader zqxsecret outside crop", 100), "CropBox": Array([0, 300, 420, 595])})
    pages += list(TAKEN_OUT.values())
    pages.append({"content": line(VISIBLE), "XObject": lambda pdf: Dictionary(Unused=pdf.make_stream(
        line("Leader zqxsecret never drawn"), Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 420, 595])))})
    write(tmp_path, {"guides/h/guide.md": GUIDE.format(slug="h"), "guides/h/reading.pdf": make_pdf(pages)})
    out = tmp_path / "build"
    [result] = build([tmp_path / "guides/h/guide.md"], Settings(out=out, jobs=1, editions=("participant", "epub", "web")))
    assert result.ok, result.errors
    said = [str(d) for d in result.warnings]
    pictured = [n for n in range(1, len(pages) + 1) if any(f"warning: page {n} holds text no reader can see" in s for s in said)]
    assert pictured == list(range(2, len(HIDDEN) + 3)), said  # every page with hidden text, and only those
    web, book = (out / "h/index.html").read_text(), epub_text(out / "h/h.epub")
    participant = (out / "h/h.pdf").read_bytes()
    text = " ".join(pdf_text(participant))
    for published in (web, book, text, plain(participant).decode("latin-1")):
        assert "zqxsecret" not in published
    for published in (web, book):
        assert published.count(VISIBLE) == len(pages) - 1 and "An ordinary page of the reading." in published
    assert "An ordinary page of the reading." in text  # a clean page stays text in the PDF
    assert text.count(VISIBLE) == len(TAKEN_OUT) + 1  # and so do pages whose hidden text could be taken out


def test_a_hidden_layer_is_refused_and_a_shown_one_prints(tmp_path):
    def layered(default: dict, usage: dict | None = None, member=None):
        pdf = pikepdf.new()
        ocg = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Leader notes"), **(usage or {})))
        config = Dictionary(**{k: (Array([ocg]) if v == "ocg" else v) for k, v in default.items()})
        font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
        resources = Dictionary(Font=Dictionary(F1=font))
        if member == "form":  # a form drawn only while its layer is shown
            resources.XObject = Dictionary(Fm=pdf.make_stream(line("Layer zqxsecret text", 470), Type=Name.XObject,
                                                              Subtype=Name.Form, BBox=Array([0, 0, 420, 595]), OC=ocg,
                                                              Resources=Dictionary(Font=Dictionary(F1=font))))
            content = line(VISIBLE) + b"/Fm Do\n"
        else:
            resources.Properties = Dictionary(L1=member(pdf, ocg) if callable(member) else ocg)
            content = line(VISIBLE) + b"/OC /L1 BDC " + line("Layer zqxsecret text", 470) + b"EMC\n"
        if member == "inline":  # the layer written into the drawing, not named in the resources
            content = line(VISIBLE) + b"/OC << /Type /OCG /Name (Leader notes) >> BDC " + line("Layer zqxsecret", 470) + b"EMC\n"
        pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 420, 595]), Resources=resources,
                                                 Contents=pdf.make_stream(content))))
        if member == "inherited":  # the resources on the page tree's node, as some programs write them
            pdf.Root.Pages.Resources = resources
            del pdf.pages[0].obj["/Resources"]
        pdf.Root.OCProperties = Dictionary(OCGs=Array([ocg]), D=config)
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()

    cases = {
        "layer-off": layered({"OFF": "ocg"}),
        "base-off": layered({"BaseState": Name.OFF}),
        "no-print": layered({}, {"Usage": Dictionary(Print=Dictionary(PrintState=Name.OFF))}),
        "all-off": layered({}, member=lambda pdf, g: Dictionary(Type=Name.OCMD, OCGs=Array([g]), P=Name.AllOff)),
        "not-on": layered({}, member=lambda pdf, g: Dictionary(Type=Name.OCMD, VE=Array([Name.Not, g]))),
        "inline": layered({}, member="inline"),
        "form-off": layered({"OFF": "ocg"}, member="form"),
        "inherited-off": layered({"OFF": "ocg"}, member="inherited"),
        "shown-layer": layered({"ON": "ocg"}),
    }
    output = check(tmp_path, cases)
    for slug in ("layer-off", "base-off", "no-print", "all-off", "not-on", "form-off", "inherited-off"):
        assert (f"guides/{slug}/reading.pdf: error: page 1 has a hidden layer ('Leader notes') that a viewer does not "
                "show (or does not print)") in output, output
        assert "export the PDF without hidden layers" in output
    assert ("guides/inline/reading.pdf: error: page 1 has a layer (optional content) written into its drawing rather "
            "than named in its resources") in output
    assert "guides/shown-layer/reading.pdf: error" not in output  # a layer shown is printed as shown
    out = tmp_path / "build"
    [result] = build([tmp_path / "guides/shown-layer/guide.md"], Settings(out=out, jobs=1, editions=("participant",)))
    assert result.ok and "Layer zqxsecret text" in " ".join(pdf_text(out / "shown-layer/shown-layer.pdf"))


def test_comments_are_taken_out_with_a_warning_and_links_stay(tmp_path):
    def comments(pdf):
        popup = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Popup, Rect=Array([200, 300, 400, 400])))
        appearance = pdf.make_stream(b"BT /Helv 12 Tf 2 5 Td (zqxsecret freetext drawn) Tj ET", Type=Name.XObject,
                                     Subtype=Name.Form, BBox=Array([0, 0, 300, 20]))
        return Array([
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([60, 400, 80, 420]),
                                         Contents=String("Facilitator: zqxsecret sticky"), Popup=popup, Open=True)),
            popup,
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([60, 300, 360, 320]),
                                         Contents=String("zqxsecret freetext"), DA=String("/Helv 12 Tf 0 g"),
                                         AP=Dictionary(N=appearance))),
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Highlight, Rect=Array([60, 495, 250, 515]),
                                         QuadPoints=Array([60, 515, 250, 515, 60, 495, 250, 495]),
                                         Contents=String("zqxsecret highlight remark"))),
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([60, 200, 200, 220]),
                                         Contents=String("zqxsecret link description"),
                                         A=Dictionary(S=Name.URI, URI=String("https://example.org/strike")))),
        ])

    data = make_pdf([{"content": line(VISIBLE), "Annots": comments}, line("Second page.")])
    write(tmp_path, {"guides/c/guide.md": GUIDE.format(slug="c"), "guides/c/reading.pdf": data})
    out = tmp_path / "build"
    [result] = build([tmp_path / "guides/c/guide.md"], Settings(out=out, jobs=1, editions=("participant", "large-print")))
    assert result.ok, result.errors
    warned = [str(d) for d in result.warnings if "are left out of the guide" in str(d)]
    assert warned == [f"{tmp_path / 'guides/c/reading.pdf'}: warning: page 1: its sticky notes, text boxes, highlights "
                      "and drawn marks are left out of the guide (comments may be notes not meant for the group); to print "
                      "them, flatten them into the page in the PDF program (or export the PDF without comments to be rid "
                      "of this warning)"], warned
    for name in ("c.pdf", "c-large-print.pdf"):
        data = (out / "c" / name).read_bytes()
        assert b"zqxsecret" not in plain(data), name
        with pikepdf.open(io.BytesIO(data)) as pdf:
            kinds = {str(a.Subtype) for page in pdf.pages for a in page.obj.get("/Annots", [])}
            uris = {str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", []) if "/A" in a and "/URI" in a.A}
        assert kinds == {"/Link"} and "https://example.org/strike" in uris, (name, kinds, uris)


def test_a_leaders_label_typed_in_the_pdf_is_refused_as_in_reading_md(tmp_path):
    cases = {
        "label": make_pdf([line(VISIBLE), line(VISIBLE) + line("Facilitator notes: tell them it is 1905.", 470)]),
        "leader": make_pdf([line("Leader: skip question 3 if time is short.")]),
        "name": make_pdf([line("Host: Welcome back to the group.") + line(VISIBLE, 470)]),
    }
    output = check(tmp_path, cases)
    assert "guides/label/reading.pdf: error: page 2: a line headed 'Facilitator notes'" in output, output
    assert "guides/leader/reading.pdf: error: page 1: " in output, output
    assert "guides/name/reading.pdf: error" not in output  # a name after a role prints


def test_a_page_turned_by_an_odd_rotate_prints_its_text(tmp_path):
    turns = {"r45": 45, "r90s": String("90"), "r30": 30.5, "r450": 450, "rm90": -90, "r90f": 90.0}
    upright = ("r45", "r90s", "r30")  # not a quarter turn: ignored, as viewers ignore it
    write(tmp_path, {**{f"guides/{n}/guide.md": GUIDE.format(slug=n) for n in turns},
                     **{f"guides/{n}/reading.pdf": make_pdf([{"content": line(VISIBLE), "Rotate": r}]) for n, r in turns.items()}})
    out = tmp_path / "build"
    results = build(sorted((tmp_path / "guides").glob("*/guide.md")), Settings(out=out, jobs=1, editions=("participant", "web")))
    assert all(r.ok for r in results), [r.errors for r in results]
    import pypdfium2 as pdfium

    for slug in turns:
        assert VISIBLE in (out / slug / "index.html").read_text()
        document = pdfium.PdfDocument(out / slug / f"{slug}.pdf")
        try:
            index = next(i for i in range(len(document)) if VISIBLE in document[i].get_textpage().get_text_range())
            page = document[index].render(scale=1).to_pil().convert("L")
            assert page.getextrema()[0] < 128, slug  # ink on the page
            text = document[index].get_textpage()
            first = text.get_charbox(0)  # upright: the line runs across the page, as every viewer shows it
            last = text.get_charbox(len(VISIBLE) - 1)
            across, down = abs(last[0] - first[0]), abs(last[1] - first[1])
            assert (across > 100 and down < 2) if slug in upright else (down > 100 and across < 20), (slug, across, down)
        finally:
            document.close()


def raw_pdf(mediabox: bytes = b"[0 0 420 595]", page_extra: bytes = b"", size: bool = True) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R " + page_extra + b" >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream = line(VISIBLE)
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        if body is None:
            body = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< " + (b"/Size 6 " if size else b"") + b"/Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


def test_malformed_reading_pdfs_are_errors_at_the_file_not_internal_errors(tmp_path):
    cases = {
        "nosize": raw_pdf(size=False),
        "zero": raw_pdf(b"[0 0 0 0]"),
        "three": raw_pdf(b"[0 0 595]"),
        "word": raw_pdf(b"[0 0 /A4 842]"),
        "rotstr": raw_pdf(page_extra=b"/Rotate (90)"),
        "nopages": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "cropout": raw_pdf(page_extra=b"/CropBox [1000 1000 2000 2000]"),
    }
    output = check(tmp_path, cases)
    for slug in ("zero", "nopages", "cropout"):
        assert f"guides/{slug}/reading.pdf: error: " in output, (slug, output)
    assert "guides/zero/reading.pdf: error: page 1 shows 0 × 0 pt of paper" in output
    assert "guides/cropout/reading.pdf: error: page 1 shows 0 × 0 pt of paper" in output
    for slug in ("nosize", "rotstr", "three", "word"):  # what every viewer opens, read as they read it (qpdf and
        # PDFium take a MediaBox that is no rectangle for US Letter)
        assert f"guides/{slug}/reading.pdf: error" not in output, output
