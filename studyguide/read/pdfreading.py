"""A PDF as the reading (`reading: {file: article.pdf}`): its pages bound into
the guide after the cover, each scaled to the page.

The layout reserves one empty page per PDF page (named `reading-pdf-page-N`),
so page numbers, the contents and the booklet's imposition count them like
any other page; after layout, each reserved page gets the PDF page drawn on it,
rotation applied, scaled to fit and centred. Its text, read out of the PDF,
is what the web page and the EPUB show, and is checked against the fonts."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import stat
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


def open_pdf(data: bytes, where: Path | str):
    import pypdf
    from pypdf.errors import PdfReadError

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


def page_texts(reader) -> list[str]:
    texts = []
    for page in reader.pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # pypdf's text extraction fails on odd fonts: the page still prints
            texts.append("")
    return texts


def text_html(texts: list[str]) -> str:
    """The PDF's text as paragraphs, for the web page and the EPUB."""
    out = []
    for text in texts:
        for para in re.split(r"\n\s*\n|(?<=[.!?»”\"])\n(?=[A-ZÀ-ÖØ-Þ«„“\"])", text):
            para = re.sub(r"-\n(?=[a-zà-ÿß])", "", para)
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
    reader = open_pdf(path.read_bytes(), path)
    texts = page_texts(reader)
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
    return PdfReading(path=path, title=str(title), html=text_html(texts), body="", pages=len(reader.pages), **fields)


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

    out = pypdf.PdfReader(io.BytesIO(pdf))
    places = {}
    for name, destination in out.named_destinations.items():
        if str(name).startswith(ANCHOR) and str(name)[len(ANCHOR):].isdigit():
            places[int(str(name)[len(ANCHOR):])] = out.get_destination_page_number(destination)
    if not places:
        return pdf
    source = pypdf.PdfWriter(clone_from=open_pdf(article.path.read_bytes(), article.path))
    writer = pypdf.PdfWriter(clone_from=out)
    for number, index in sorted(places.items()):
        if number > len(source.pages):
            continue
        page = source.pages[number - 1]
        page.transfer_rotation_to_content()
        box = page.cropbox
        x0, y0 = float(box.left), float(box.bottom)
        width, height = float(box.width), float(box.height)
        target = writer.pages[index]
        tw, th = float(target.mediabox.width), float(target.mediabox.height)
        scale = min(tw / width, th / height)
        moved = Transformation().translate(-x0, -y0).scale(scale, scale).translate((tw - width * scale) / 2, (th - height * scale) / 2)
        target.merge_transformed_page(page, moved, over=False)
    # The header names the newer of the two files' versions (pypdf would write 1.3).
    versions = [tuple(map(int, re.findall(r"\d+", h or "1.4")[:2])) for h in (out.pdf_header, source.pdf_header)]
    writer.pdf_header = "%PDF-{}.{}".format(*max(versions + [(1, 4)]))
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


def article_from_pdf(data: bytes, where, url: str | None = None):
    """`studyguide import article.pdf`: the PDF kept whole, its title and author from its metadata or first line."""
    from studyguide.importer.run import Article

    reader = open_pdf(data, where)
    texts = page_texts(reader)
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    if not title or re.fullmatch(r"(untitled|microsoft word - .*|.*\.(docx?|pdf|odt))", title, re.I):
        lines = [line.strip() for line in texts[0].split("\n") if len(line.split()) >= 2] if texts else []
        title = lines[0][:150] if lines else Path(str(where)).stem.replace("_", " ").replace("-", " ")
    author = str(info.get("/Author") or "").strip() or None
    article = Article(title=title, body="", author=author, url=url)
    if not any(t.strip() for t in texts):
        article.warnings.append("the PDF has no text (a scan?): its pages print, but the web page and EPUB show no text for it")
    return article
