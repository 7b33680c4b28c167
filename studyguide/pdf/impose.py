"""Impose: pages of a PDF onto sheets for a saddle-stitched booklet (pypdf).

Each source page becomes one Form XObject, drawn on its sheet with a `cm`
transform: the page's content stream is copied as it is, never parsed, which is
what keeps a 64-page booklet well under a second.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

from studyguide.errors import GuideError
from studyguide.papers import PAPERS
from studyguide.pdf.printshop import colour, describe, press_metadata

MM = 72 / 25.4
SHEETS = {name: p.landscape for name, p in PAPERS.items()}  # landscape, points
BLANK = -1  # a page left white
NOTES = -2  # a ruled notes page


@dataclass(frozen=True)
class Options:
    paper: str = "a4"
    long_edge: bool = False
    creep: float | None = None  # paper thickness in mm; None: 0.1 mm above 28 pages, else none
    signature: int | None = None  # pages per signature, a multiple of 4
    rtl: bool = False  # a right-to-left booklet: stapled on the right, every side mirrored


@dataclass
class Imposition:
    pdf: bytes
    sheets: int
    pages: int  # after padding
    warnings: list[str] = field(default_factory=list)


def padded(count: int, notes: bool = True) -> list[int]:
    """Source page indexes padded to a multiple of 4, blanks before the back cover."""
    missing = -count % 4
    filler = [NOTES if notes and missing >= 2 else BLANK] * missing
    if count <= 1:
        return list(range(count)) + filler + ([BLANK] * 4 if count == 0 else [])
    return list(range(count - 1)) + filler + [count - 1]


def saddle_sides(pages: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Per sheet (outermost first): front and back as 1-based page numbers, left to right."""
    assert pages % 4 == 0, pages
    return [((pages - 2 * k, 2 * k + 1), (2 * k + 2, pages - 2 * k - 1)) for k in range(pages // 4)]


def mirrored(sides: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sides of a booklet bound on the right (Arabic, Hebrew…): each side's two
    pages swap halves, so page 1 is the outer sheet's left half and the pages turn leftwards."""
    return [((front[1], front[0]), (back[1], back[0])) for front, back in sides]


def signatures(sequence: list[int], size: int | None) -> list[list[int]]:
    if not size or size >= len(sequence):
        return [sequence]
    if size % 4:
        raise GuideError.at("--signature", None, f"a signature holds a multiple of 4 pages, not {size}")
    return [sequence[i : i + size] for i in range(0, len(sequence), size)]


def _xobject(writer: PdfWriter, page) -> tuple[IndirectObject, tuple[float, float, float, float]]:
    """The page as a Form XObject: its content stream copied, not parsed."""
    box = page.mediabox
    x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, ArrayObject):
        data = b"\n".join(part.get_object().get_data() for part in contents)
        form = DecodedStreamObject()
        form.set_data(data)
        form = form.flate_encode()
    elif contents is not None:
        form = contents.clone(writer, force_duplicate=True)
    else:
        form = DecodedStreamObject()
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (x0, y0, x1, y1)),
        }
    )
    resources = page.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.clone(writer)
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"].clone(writer)
    return writer._add_object(form), (x0, y0, x1 - x0, y1 - y0)


def _side(writer: PdfWriter, size: tuple[float, float], placed: list[tuple[tuple, float, float]], turn: bool,
          extra: str = "") -> None:
    """One sheet side: each form drawn at (dx, dy) with its scale; `turn` rotates by 180°.
    Everything drawn on the side, `extra` included, is one content stream, added as an
    indirect object: a /Contents array holding a stream itself is blank in PDFium."""
    sheet_w, sheet_h = size
    ops = ["-1 0 0 -1 %.3f %.3f cm" % (sheet_w, sheet_h)] if turn else []
    resources = DictionaryObject()
    for n, ((ref, (x0, y0, _w, _h)), scale, dx, dy) in enumerate(placed):
        name = f"/P{n}"
        resources[NameObject(name)] = ref
        ops.append(f"q {scale:.5f} 0 0 {scale:.5f} {dx - x0 * scale:.3f} {dy - y0 * scale:.3f} cm {name} Do Q")
    page = writer.add_blank_page(sheet_w, sheet_h)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): resources})
    stream = DecodedStreamObject()
    stream.set_data(("q\n" + "\n".join(ops) + "\nQ\n" + extra).encode())
    page[NameObject("/Contents")] = writer._add_object(stream)


def _fit(form: tuple, half: float, height: float) -> tuple[float, float, float]:
    """Scale (1 unless the page is not half the sheet) and offsets centring it in its half."""
    _ref, (_x0, _y0, w, h) = form
    scale = min(half / w, height / h)
    if abs(scale - 1) <= 0.005:
        scale = 1.0
    return scale, (half - w * scale) / 2, (height - h * scale) / 2


def _finish(writer: PdfWriter, reader: PdfReader, long_edge: bool = False, metadata: dict | None = None) -> bytes:
    prefs = writer.create_viewer_preferences()
    prefs.duplex = NameObject("/DuplexFlipLongEdge" if long_edge else "/DuplexFlipShortEdge")
    prefs.print_scaling = NameObject("/None")
    info = {k: v for k, v in (reader.metadata or {}).items() if isinstance(k, str)}
    writer.add_metadata({**info, **(metadata or {})})
    return _write(writer, reader)


def _write(writer: PdfWriter, reader: PdfReader) -> bytes:
    """The header says the version the source's features need (its own, and 1.4 at least:
    WeasyPrint's pages carry transparency groups); pypdf would write 1.3."""
    found = re.match(r"%PDF-(\d+)\.(\d+)", reader.pdf_header or "")
    version = max((int(found[1]), int(found[2])) if found else (1, 4), (1, 4))
    writer.pdf_header = "%PDF-{}.{}".format(*version)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def impose(source: bytes, options: Options = Options(), notes_page: bytes | None = None,
           metadata: dict | None = None) -> Imposition:
    """Lay the pages of `source` two to a side for saddle-stitching, sheet by sheet."""
    reader = PdfReader(io.BytesIO(source))
    size = SHEETS[options.paper]
    half = size[0] / 2
    writer = PdfWriter()
    forms: dict[int, tuple] = {}
    if notes_page is not None:
        forms[NOTES] = _xobject(writer, PdfReader(io.BytesIO(notes_page)).pages[0])
    sequence = padded(len(reader.pages), notes=NOTES in forms)
    creep = options.creep if options.creep is not None else (0.1 if len(sequence) > 28 else 0.0)
    scaled = False
    sheets = 0
    for chunk in signatures(sequence, options.signature):
        order = saddle_sides(len(chunk))
        for k, sides in enumerate(mirrored(order) if options.rtl else order):
            shift = k * creep * MM  # inner sheets' pages move toward the spine
            for turn, pair in ((False, sides[0]), (options.long_edge, sides[1])):
                placed = []
                for slot, number in enumerate(pair):
                    index = chunk[number - 1]
                    if index == BLANK:
                        continue
                    if index not in forms:
                        forms[index] = _xobject(writer, reader.pages[index])
                    scale, dx, dy = _fit(forms[index], half, size[1])
                    scaled = scaled or scale != 1.0
                    placed.append((forms[index], scale, slot * half + dx + (shift if slot == 0 else -shift), dy))
                _side(writer, size, placed, turn)
            sheets += 1
    warnings = [f"pages are not half the {options.paper.upper()} sheet: scaled to fit and centred"] if scaled else []
    return Imposition(_finish(writer, reader, options.long_edge, metadata), sheets, len(sequence), warnings)


def two_up(source: bytes, paper: str) -> bytes:
    """Two copies of a one-page handout side by side on a landscape sheet, with a
    dashed line to cut along; a longer one is printed 1-up, its pages side by side."""
    reader = PdfReader(io.BytesIO(source))
    size = SHEETS[paper]
    half = size[0] / 2
    writer = PdfWriter()
    forms = [_xobject(writer, page) for page in reader.pages]
    pairs = [(forms[0], forms[0])] if len(forms) == 1 else [tuple(forms[i:i + 2]) for i in range(0, len(forms), 2)]
    for pair in pairs:
        placed = []
        for slot, form in enumerate(pair):
            scale, dx, dy = _fit(form, half, size[1])
            placed.append((form, scale, slot * half + dx, dy))
        _side(writer, size, placed, False)
        if len(forms) == 1:
            _cut_line(writer, writer.pages[-1], half, size[1])
    return _finish(writer, reader)


def _cut_line(writer: PdfWriter, page, x: float, height: float) -> None:
    """A thin grey dashed line down the middle of the sheet, where the copies are cut apart."""
    stream = DecodedStreamObject()
    stream.set_data(f"q 0.6 G 0.4 w [4 3] 0 d {x:.3f} 0 m {x:.3f} {height:.3f} l S Q\n".encode())
    contents = page.raw_get("/Contents")  # the reference: a stream cannot sit directly in an array
    page[NameObject("/Contents")] = ArrayObject([contents, writer._add_object(stream)])


def press(source: bytes, bleed_mm: float = 3.0, slug_mm: float = 9.0, notes_page: bytes | None = None,
          told: dict | None = None) -> bytes:
    """Single pages for a print shop: TrimBox = the page, BleedBox 3 mm beyond it,
    crop marks outside the bleed, no links. The pages are white to their edges, so
    the bleed is the page's own margin colour and no second layout is needed.
    Padded to a multiple of 4 as the booklet is (notes pages before the back cover),
    so the shop can saddle-stitch it; its metadata says what it is (`describe`), and so
    does `told` when given (for the build's summary)."""
    reader = PdfReader(io.BytesIO(source))
    writer = PdfWriter()
    bleed, offset = bleed_mm * MM, (bleed_mm + slug_mm) * MM
    forms: dict[int, tuple] = {}
    if notes_page is not None:
        forms[NOTES] = _xobject(writer, PdfReader(io.BytesIO(notes_page)).pages[0])
    sequence = padded(len(reader.pages), notes=NOTES in forms)
    trim = (float(reader.pages[-1].mediabox.width), float(reader.pages[-1].mediabox.height)) if reader.pages else (0, 0)
    for index in sequence:
        if index not in forms and index != BLANK:
            forms[index] = _xobject(writer, reader.pages[index])
        w, h = forms[index][1][2:] if index != BLANK else trim
        size = (w + 2 * offset, h + 2 * offset)
        marks = []
        for x in (offset, offset + w):
            marks += [f"{x:.3f} 0 m {x:.3f} {offset - bleed:.3f} l", f"{x:.3f} {offset + h + bleed:.3f} m {x:.3f} {size[1]:.3f} l"]
        for y in (offset, offset + h):
            marks += [f"0 {y:.3f} m {offset - bleed:.3f} {y:.3f} l", f"{offset + w + bleed:.3f} {y:.3f} m {size[0]:.3f} {y:.3f} l"]
        placed = [(forms[index], 1.0, offset, offset)] if index != BLANK else []
        _side(writer, size, placed, False, "q 0.25 w 0 0 0 1 K\n" + "\n".join(marks) + " S Q\n")
        sheet = writer.pages[-1]
        sheet.trimbox = RectangleObject((offset, offset, offset + w, offset + h))
        sheet.bleedbox = RectangleObject((offset - bleed, offset - bleed, offset + w + bleed, offset + h + bleed))
    info = describe(trim, bleed_mm, len(sequence), colour(reader))
    if told is not None:
        told.update(info)
    writer.create_viewer_preferences().print_scaling = NameObject("/None")
    source_info = {k: v for k, v in (reader.metadata or {}).items() if isinstance(k, str)}
    writer.add_metadata({**source_info, **press_metadata(info)})
    return _write(writer, reader)


def impose_file(source: Path, target: Path, options: Options) -> Imposition:
    """`studyguide impose`: any PDF, not only ours."""
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise GuideError.at(source, None, f"cannot read: {exc.strerror or exc}") from None
    if not data.lstrip()[:5] == b"%PDF-":
        raise GuideError.at(source, None, "cannot impose this PDF: it is not a PDF file")
    from studyguide.read.pdfreading import unlocked

    data = unlocked(data, source)  # an empty user password: decrypted; a real one: refused in a line
    try:
        result = impose(data, options)
    except GuideError:
        raise
    except Exception as exc:  # pypdf's many ways of saying "not a PDF"
        raise GuideError.at(source, None, f"cannot impose this PDF: {exc}") from None
    return result
