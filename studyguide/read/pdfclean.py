"""A reading PDF made safe to bind before any of it is printed or published.

A PDF shows less than it holds: layers turned off, comments (sticky notes, text
boxes, highlights with a remark), whatever lies outside its crop box. An organiser
who keeps leader's notes there sees a clean page and would hand the notes to the
group. So, read with qpdf (pikepdf), which opens what viewers open: a hidden layer
is refused (it cannot be shown as the viewer shows it without rewriting the page);
comments and form fields are taken out with a warning naming the page; each page
is drawn through a form clipped to its crop box, its boxes and rotation read as a
viewer reads them (a /Rotate that is no multiple of 90 is ignored, as viewers do);
a box that cannot be read is an error naming the page, never a traceback."""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path

from studyguide.errors import Diagnostic, GuideError

INHERITED = ("/MediaBox", "/CropBox", "/Rotate", "/Resources")
MIN_SIDE, MAX_SIDE = 3.0, 14400.0  # the PDF reference's limits for a page's side, in points
KINDS = {"/Text": "sticky notes", "/FreeText": "text boxes", "/Widget": "form fields", "/FileAttachment": "attachments",
         "/Sound": "sounds", "/Movie": "media", "/Screen": "media", "/RichMedia": "media", "/Redact": "redaction marks"}
MARKS = "highlights and drawn marks"


def structure(data: bytes, where: Path | str, max_pages: int) -> tuple[bytes, list[Diagnostic]]:
    """The PDF rewritten page by page as it may be bound, and the warnings about what was taken out."""
    import pikepdf

    from studyguide.read.pdflayers import hidden_layers

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise GuideError.at(where, None, "the PDF is locked with a password: save an unlocked copy") from None
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise GuideError.at(where, None, f"not a PDF that can be read ({type(exc).__name__}): save it again from its viewer") from None
    found: list[Diagnostic] = []
    with pdf:
        try:
            pages = list(pdf.pages)
        except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
            raise GuideError.at(where, None, f"the PDF's list of pages cannot be read ({type(exc).__name__}): "
                                             "save it again from its viewer (print to PDF)") from None
        if not pages:
            raise GuideError.at(where, None, "the PDF has no pages")
        if len(pages) > max_pages:
            raise GuideError.at(where, None, f"the PDF has {len(pages)} pages; a reading may have {max_pages}")
        hidden_layers(pdf, pages, where)  # before anything of a page is rewritten
        for number, page in enumerate(pages, start=1):
            kinds = one_page(pdf, page, number, where)
            if kinds:
                found.append(Diagnostic(where, None, f"page {number}: its {', '.join(kinds)} are left out of the guide "
                                                     "(comments may be notes not meant for the group); to print them, "
                                                     "flatten them into the page in the PDF program (or export the PDF "
                                                     "without comments to be rid of this warning)", "warning"))
        for key in ("/OCProperties", "/AcroForm", "/OpenAction", "/AA", "/Names", "/Outlines"):
            if key in pdf.Root:
                del pdf.Root[key]
        out = io.BytesIO()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        except (pikepdf.PdfError, RuntimeError, ValueError, OverflowError) as exc:
            raise GuideError.at(where, None, f"the PDF cannot be rewritten ({type(exc).__name__}): "
                                             "save it again from its viewer (print to PDF)") from None
    return out.getvalue(), found


def inherited(page, key: str):
    """A page's attribute, from the page or the nearest of its parents (the page tree may loop)."""
    node, seen = page, set()
    while node is not None and node.objgen not in seen:
        seen.add(node.objgen)
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def box(value, name: str, number: int, where) -> list[float] | None:
    """A rectangle as four finite numbers, normalised; an error naming the page if it is not one."""
    import pikepdf

    if value is None:
        return None
    bad = f"page {number}'s {name} is not a rectangle of four numbers: save the PDF again from its viewer (print to PDF)"
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        raise GuideError.at(where, None, bad)
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        raise GuideError.at(where, None, bad) from None
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        raise GuideError.at(where, None, bad)
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def one_page(pdf, page, number: int, where) -> list[str]:
    """The page's boxes, rotation and marks as a viewer shows them; the names of what was taken out."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    from studyguide.read.pdfscrub import UnnamedLayer, scrub_page

    obj = page.obj
    for key in INHERITED:  # each page carries its own: the tree above it is not kept
        value = inherited(obj, key)
        if value is not None and key not in obj:
            obj[key] = value
    media = box(obj.get("/MediaBox"), "MediaBox", number, where)
    if media is None:
        raise GuideError.at(where, None, f"page {number} has no MediaBox (no size): save the PDF again from its viewer")
    crop = box(obj.get("/CropBox"), "CropBox", number, where) or media
    crop = [max(crop[0], media[0]), max(crop[1], media[1]), min(crop[2], media[2]), min(crop[3], media[3])]
    width, height = crop[2] - crop[0], crop[3] - crop[1]
    unit = obj.get("/UserUnit")
    if unit is not None and not number_is(unit, 1):
        raise GuideError.at(where, None, f"page {number} sets a UserUnit (a page {width:g} units of {unit} points): "
                                         "save the PDF again from its viewer (print to PDF)")
    if width < MIN_SIDE or height < MIN_SIDE or width > MAX_SIDE or height > MAX_SIDE:
        raise GuideError.at(where, None, f"page {number} shows {max(width, 0):g} × {max(height, 0):g} pt of paper (its "
                                         "MediaBox and CropBox): no page to print; save the PDF again from its viewer")
    rotate = obj.get("/Rotate")
    turn = _quarter_turns(rotate)
    for key in ("/TrimBox", "/BleedBox", "/ArtBox", "/UserUnit", "/AA", "/Thumb", "/B", "/PieceInfo", "/Tabs"):
        if key in obj:
            del obj[key]
    obj.MediaBox, obj.CropBox, obj.Rotate = Array(crop), Array(crop), turn % 360
    kinds = comments(obj)
    # The page drawn through a form whose box is the crop box: nothing outside it is drawn, and a stray Q
    # in the page's own content cannot undo the clip (a form's state is its own).
    if not isinstance(obj.get("/Resources"), Dictionary):
        obj.Resources = Dictionary()
    try:
        page.contents_coalesce()
        drawing = obj.Contents.read_bytes() if "/Contents" in obj else b""
    except (pikepdf.PdfError, AttributeError, TypeError, ValueError):
        raise GuideError.at(where, None, f"page {number}'s content cannot be read (a damaged stream): save the PDF "
                                         "again from its viewer (print to PDF)") from None
    form = pdf.make_stream(drawing, Type=Name.XObject, Subtype=Name.Form, BBox=Array(crop), Resources=obj.Resources)
    if isinstance(obj.get("/Group"), Dictionary):
        form.Group = obj.Group
    try:
        scrub_page(form)
    except UnnamedLayer:
        raise GuideError.at(where, None, f"page {number} has a layer (optional content) written into its drawing "
                                         "rather than named in its resources: the guide cannot tell whether viewers "
                                         "show it; export the PDF without layers (flatten it) and build again") from None
    except (pikepdf.PdfError, ValueError, TypeError) as exc:
        raise GuideError.at(where, None, f"page {number}'s content cannot be read ({type(exc).__name__}): save the PDF "
                                         "again from its viewer (print to PDF)") from None
    obj.Contents = pdf.make_stream(b"q /StudyguideReading Do Q")
    obj.Resources = Dictionary(XObject=Dictionary(StudyguideReading=form))
    return kinds


def _quarter_turns(rotate) -> int:
    """/Rotate as viewers take it: a whole multiple of 90 (90.0 too); anything else, no turn."""
    from decimal import Decimal

    if isinstance(rotate, bool) or not isinstance(rotate, (int, Decimal)):
        return 0
    try:
        value = Decimal(rotate)
    except (ValueError, ArithmeticError):
        return 0
    return int(value) % 360 if value.is_finite() and value % 90 == 0 and abs(value) < 10**6 else 0


def number_is(value, wanted: float) -> bool:
    try:
        return float(value) == wanted
    except (TypeError, ValueError):
        return False


def comments(obj) -> list[str]:
    """Every annotation but a link taken off the page; what kinds they were, for the warning."""
    from pikepdf import Array, Dictionary

    annotations = obj.get("/Annots")
    if annotations is None:
        return []
    kept, kinds = Array(), []
    for annotation in annotations if isinstance(annotations, Array) else []:
        if not isinstance(annotation, Dictionary):
            continue
        subtype = str(annotation.get("/Subtype", ""))
        if subtype == "/Link":
            for key in ("/Contents", "/RC", "/T", "/AP", "/OC", "/Popup", "/NM"):
                if key in annotation:
                    del annotation[key]
            kept.append(annotation)
        elif subtype != "/Popup":  # a popup is its comment's window: said with the comment
            kind = KINDS.get(subtype, MARKS)
            if kind not in kinds:
                kinds.append(kind)
    obj.Annots = kept
    return kinds
