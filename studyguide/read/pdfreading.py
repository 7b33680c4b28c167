"""A PDF as the reading (`reading: {file: article.pdf}`): its pages bound into
the guide after the cover, each scaled to the page.

The layout reserves one empty page per PDF page (named `reading-pdf-page-N`),
so page numbers, the contents and the booklet's imposition count them like
any other page; after layout, each reserved page gets the PDF page drawn on it,
rotation applied, scaled to fit and centred. The pages bound and the text the
web page and the EPUB show are the PDF as pdfsafe prepares it: what a reader of
the PDF sees, not all it holds (hidden layers, comments, whited-out text)."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from studyguide.errors import Diagnostic, GuideError
from studyguide.model import ReadingText

MAX_BYTES = 50_000_000
MAX_PAGES = 400
ANCHOR = "reading-pdf-page-"


@dataclass(frozen=True)
class PdfReading(ReadingText):
    """A reading whose text is a PDF's pages, not Markdown."""

    pages: int = 0
    bound: bytes = dataclasses.field(default=b"", repr=False, compare=False)  # the pages as they are bound (pdfsafe)


def open_pdf(data: bytes, where: Path | str):
    import pypdf
    from pypdf.errors import PdfReadError

    data = unlocked(data, where)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise GuideError.at(where, None, "the PDF is locked with a password: save an unlocked copy")
        count = len(reader.pages)
    except GuideError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise GuideError.at(where, None, f"not a PDF that can be read ({type(exc).__name__}): save it again from its viewer") from None
    if count == 0:
        raise GuideError.at(where, None, "the PDF has no pages")
    if count > MAX_PAGES:
        raise GuideError.at(where, None, f"the PDF has {count} pages; a reading may have {MAX_PAGES}")
    return reader


def unlocked(data: bytes, where: Path | str) -> bytes:
    """A PDF encrypted with an empty user password (any viewer opens it without asking),
    decrypted by qpdf (pikepdf), which reads every cipher; pypdf needs `cryptography` for AES.
    One that asks for a password is refused in a line."""
    import pikepdf

    if b"/Encrypt" not in data:  # the trailer (never compressed) names the encryption
        return data
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if not pdf.is_encrypted:
                return data
            out = io.BytesIO()
            with warnings.catch_warnings():  # pikepdf's advice about form widgets: the widgets go (safe_annotations)
                warnings.simplefilter("ignore")
                pdf.save(out, encryption=False, deterministic_id=True)
            return out.getvalue()
    except pikepdf.PasswordError:
        raise GuideError.at(where, None, "the PDF is locked with a password: save an unlocked copy") from None
    except pikepdf.PdfError:
        return data  # pypdf says what it cannot read


def text_html(texts: list[str]) -> str:
    """The PDF's text as paragraphs, for the web page and the EPUB."""
    out = []
    for text in texts:
        for para in re.split(r"\n\s*\n|(?<=[.!?»”\"])\n(?=[A-ZÀ-ÖØ-Þ«„“\"])", text):
            para = re.sub(r"[-\u2010\u00ad\x02]\n(?=[a-zà-ÿß])", "", para)  # a word broken at the line end
            para = " ".join(para.split())
            if para:
                out.append(f"<p>{html.escape(para)}</p>")
    return "\n".join(out)


def read_pdf(path: Path, meta, warnings: list[Diagnostic]) -> PdfReading:
    """The reading's facts from the guide's `reading` entry that names the file, the text from the PDF."""
    from studyguide.render.glyphs import uncovered

    try:
        info = path.stat()
    except OSError as exc:
        raise GuideError.at(path, None, f"cannot read the reading: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise GuideError.at(path, None, "the reading must be a regular file")
    if info.st_size > MAX_BYTES:
        raise GuideError.at(path, None, f"the PDF is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}")
    from studyguide.read.pdfsafe import prepared

    data = path.read_bytes()
    ready = prepared(data, path)
    reader = open_pdf(ready.data, path)
    warnings.extend(font_warnings(unlocked(data, path), path))
    warnings.extend(ready.warnings)
    texts = list(ready.texts)
    if not any(t.strip() for t in texts):
        warnings.append(Diagnostic(path, None, "the PDF has no text (a scan?): its pages print, but the web page "
                                               "and EPUB show no text for it", "warning"))
    errors, boxes = uncovered(path, "\n".join(texts))
    warnings.extend(Diagnostic(d.path, None, d.message.replace("a guide in", "the web page and EPUB, in")
                               + "; the PDF's pages print with its own fonts", "warning") for d in errors)
    entry = next((r for r in meta.reading if r.file and Path(r.file).name == path.name), None)
    title = entry.title if entry else None
    if not title:
        try:
            title = (reader.metadata.title if reader.metadata else None) or path.stem
        except Exception:
            title = path.stem
    fields = {k: getattr(entry, k) for k in ("author", "publication", "issue", "date", "url")} if entry else {}
    return PdfReading(path=path, title=str(title), html=text_html(texts), body="", pages=len(reader.pages),
                      bound=ready.data, **fields)


def font_warnings(data: bytes, path: Path) -> list[Diagnostic]:
    """The fonts the reading does not embed: the standard 14 print with the viewer's or printer's
    own (a warning, stricter for a print shop); any other font would print as a guess: refused."""
    import pikepdf

    from studyguide.pdf.preflight import standard, unembedded

    try:
        fonts = unembedded(data)
    except pikepdf.PdfError:
        return []  # pypdf has read it; the layout's preflight has the last word
    other = [(page, name) for page, name in fonts if not standard(name)]
    if other:
        page, name = other[0]
        raise GuideError.at(path, None, f"page {page} uses the font {name}, which the PDF does not embed: it would print "
                                        "in whatever font the printer picks; save the reading again with its fonts embedded")
    return [Diagnostic(path, None, f"page {page} uses the font {name} without embedding it: the PDFs print it with the "
                                   "viewer's or printer's own; a print shop may refuse the press PDF for it (save the "
                                   "reading again with its fonts embedded)", "warning") for page, name in fonts]


def for_print(article, page_height: str):
    """The reading as the PDF editions set it: one reserved page per PDF page."""
    if not isinstance(article, PdfReading):
        return article
    reserved = "".join(f'<div class="reading-pdf-page" id="{ANCHOR}{n}"></div>' for n in range(1, article.pages + 1))
    style = ("<style>@page reading-pdf { margin: 0; @top-left { content: none; } @top-right { content: none; } "
             "@top-center { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } "
             "@bottom-center { content: none; } } "
             f".reading-pdf-page {{ page: reading-pdf; break-before: page; height: calc({page_height} - 1pt); margin: 0; }}</style>")
    return dataclasses.replace(article, html=style + reserved)


def bind(article, pdf: bytes) -> bytes:
    """`pdf` with the reading's pages drawn on the pages reserved for them."""
    if not isinstance(article, PdfReading):
        return pdf
    import pypdf
    from pypdf import Transformation

    from studyguide.read.pdfsafe import prepared

    out = pypdf.PdfReader(io.BytesIO(pdf))
    places = {}
    for name, destination in out.named_destinations.items():
        if str(name).startswith(ANCHOR) and str(name)[len(ANCHOR):].isdigit():
            places[int(str(name)[len(ANCHOR):])] = out.get_destination_page_number(destination)
    if not places:
        return pdf
    # The pages as read (a layout in another process gets them with the article, not reading the file again).
    bound = article.bound or prepared(article.path.read_bytes(), article.path).data
    source = pypdf.PdfWriter(clone_from=open_pdf(bound, article.path))
    writer = pypdf.PdfWriter(clone_from=out)
    for number, index in sorted(places.items()):
        if number > len(source.pages):
            continue
        page = source.pages[number - 1]
        safe_annotations(page)
        page.transfer_rotation_to_content()
        box = page.cropbox
        x0, y0 = float(box.left), float(box.bottom)
        width, height = float(box.width), float(box.height)
        target = writer.pages[index]
        tw, th = float(target.mediabox.width), float(target.mediabox.height)
        scale = min(tw / width, th / height)
        moved = Transformation().translate(-x0, -y0).scale(scale, scale).translate((tw - width * scale) / 2, (th - height * scale) / 2)
        target.merge_transformed_page(page, moved, over=False)
    no_actions(writer)
    # The header names the newer of the two files' versions (pypdf would write 1.3).
    versions = [tuple(map(int, re.findall(r"\d+", h or "1.4")[:2])) for h in (out.pdf_header, source.pdf_header)]
    writer.pdf_header = "%PDF-{}.{}".format(*max(versions + [(1, 4)]))
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


# Marks on the page that do nothing when opened; a Link only with an allowed URI.
ANNOTATIONS = {"/Link", "/Text", "/FreeText", "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Square",
               "/Circle", "/Line", "/Polygon", "/PolyLine", "/Ink", "/Stamp", "/Caret", "/Popup"}


def link_allowed(uri) -> bool:
    """The HTML sanitiser's rule (http, https, mailto), with a scheme: a PDF has no page to be relative to."""
    from studyguide.read.sanitize import url_allowed

    text = str(uri)
    return url_allowed(text) and re.match(r"\s*(https?|mailto):", text, re.I) is not None


def safe_annotations(page) -> None:
    """The reading's annotations as the participant's PDF may carry them: a link to the web
    or an address stays a link; scripts, launches, form submissions, links into other files
    (and into the reading's own pages, which are not where they were) go, as do attachments,
    media and form fields."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") not in ANNOTATIONS:
            continue
        action = annotation.get("/A")
        action = action.get_object() if action is not None else None
        for key in ("/A", "/AA", "/Dest", "/PA"):
            annotation.pop(NameObject(key), None)
        if annotation.get("/Subtype") == "/Link":
            uri = action.get("/URI") if isinstance(action, DictionaryObject) and action.get("/S") == "/URI" else None
            if uri is None or not link_allowed(uri.get_object()):
                continue
            annotation[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                             NameObject("/URI"): TextStringObject(str(uri.get_object()))})
        kept.append(reference)
    page[NameObject("/Annots")] = kept


def no_actions(writer) -> None:
    """Nothing runs when the bound PDF is opened or its pages shown."""
    from pypdf.generic import NameObject

    root = writer._root_object
    for key in ("/OpenAction", "/AA"):
        root.pop(NameObject(key), None)
    names = root.get("/Names")
    if names is not None:
        names.get_object().pop(NameObject("/JavaScript"), None)
    for page in writer.pages:
        page.pop(NameObject("/AA"), None)


def pypdf_metadata(data: bytes, where):
    """The document's information dictionary (title, author), as the file has it."""
    from pypdf.errors import PyPdfError

    try:
        return open_pdf(data, where).metadata
    except (GuideError, PyPdfError, ValueError, TypeError, KeyError, AttributeError):
        return None


def article_from_pdf(data: bytes, where, url: str | None = None):
    """`studyguide import article.pdf`: the PDF kept whole, its title and author from its metadata or first line."""
    from studyguide.importer.run import Article
    from studyguide.read.pdfsafe import prepared

    ready = prepared(data, where)  # what a reader sees of it: a hidden first line is no title
    texts = list(ready.texts)
    info = pypdf_metadata(data, where) or {}
    title = str(info.get("/Title") or "").strip()
    if not title or re.fullmatch(r"(untitled|microsoft word - .*|.*\.(docx?|pdf|odt))", title, re.I):
        lines = [line.strip() for line in texts[0].split("\n") if len(line.split()) >= 2] if texts else []
        title = lines[0][:150] if lines else Path(str(where)).stem.replace("_", " ").replace("-", " ")
    author = str(info.get("/Author") or "").strip() or None
    article = Article(title=title, body="", author=author, url=url)
    if not any(t.strip() for t in texts):
        article.warnings.append("the PDF has no text (a scan?): its pages print, but the web page and EPUB show no text for it")
    return article
