"""A reading PDF read once, made safe to bind, with the text a reader sees of it.

`prepared` is what the reader (its text for the web page and EPUB), the layout
(`bind`, once per edition) and `studyguide import` use: the structure made safe
(pdfclean: hidden layers refused, comments out, boxes and rotation as viewers
read them), unseen text taken out or its page printed as a picture (pdfscrub,
pdfvisible; pdfcross reads the text a second way for what PDFium never sees and
refuses a font whose text cannot be read back), and a leader's label typed on a
page refused as in reading.md."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studyguide.errors import Diagnostic, GuideError


@dataclass(frozen=True)
class Prepared:
    """The reading as it may be bound (hidden layers refused, comments out, unseen text pictured) and its seen text."""

    data: bytes
    texts: tuple[str, ...]
    warnings: tuple[Diagnostic, ...]


_PREPARED: dict[tuple[str, str], Prepared] = {}


def prepared(data: bytes, where: Path | str) -> Prepared:
    """Read once per file and content: the layout of each edition binds the same pages."""
    import hashlib

    from pikepdf import PdfError as PikepdfError
    from pypdf.errors import PyPdfError

    key = (hashlib.sha256(data).hexdigest(), str(where))
    ready = _PREPARED.get(key)
    if ready is None:
        try:
            ready = _prepare(data, where)
        except GuideError:
            raise
        except (RecursionError, MemoryError, OverflowError, ValueError, TypeError, KeyError, AttributeError, IndexError,
                RuntimeError, OSError, ArithmeticError, PikepdfError, PyPdfError) as exc:  # qpdf, PDFium, pypdf
            # on a file past what they read
            raise GuideError.at(where, None, f"the PDF could not be read ({type(exc).__name__}): save it again from "
                                             "its viewer (print to PDF) and build again") from None
        if len(_PREPARED) >= 2:
            _PREPARED.clear()
        _PREPARED[key] = ready
    return ready


def _prepare(data: bytes, where: Path | str) -> Prepared:
    from studyguide.read.pdfclean import structure
    from studyguide.read.pdfcross import fonts_and_masks, second_texts, unseen_words
    from studyguide.read.pdfreading import MAX_PAGES, unlocked
    from studyguide.read.pdfvisible import as_pictures, seen_text

    clean, found = structure(unlocked(data, where), where, MAX_PAGES)
    unreadable, masked = fonts_and_masks(clean)
    for number, names in sorted(unreadable.items())[:1]:
        raise GuideError.at(where, None, f"page {number} draws text in the font {names[0]}, which the PDF gives no "
                                         "Unicode for (no ToUnicode map): its text reads back as garbage, so studyguide "
                                         "can neither check it for a leader's note nor put it on the web page and EPUB; "
                                         "save the reading again from a program that writes the map (print it to PDF "
                                         "from a current viewer, or export it again), or give the reading as text")
    texts, unseen = seen_text(clean)
    # Text PDFium leaves out altogether (size 0, a zero matrix) is read by pypdf, as Poppler reads it.
    seconds = second_texts(clean)
    missed = {number: len(unseen_words(seen, second)) for number, (seen, second)
              in enumerate(zip(texts, seconds), start=1)}
    missed = {number: count for number, count in missed.items() if count and not unseen[number - 1]}
    missed.update({number: missed.get(number, 0) for number in masked if not unseen[number - 1]})
    pictured = {number for number, count in enumerate(unseen, start=1) if count} | set(missed)
    if pictured:
        clean = as_pictures(clean, pictured)
    for number in sorted(pictured):
        if number in missed:
            note = " It reads as a leader's note: keep those in guide.md." if labels([seconds[number - 1] or ""],
                                                                                  where) else ""
            found.append(Diagnostic(where, None, f"page {number} holds text no reader sees but a PDF viewer still "
                                                 f"copies and finds ({missed[number] or 'some'} words: at size 0, "
                                                 "scaled to nothing, or in a mask or pattern): it is left off the web "
                                                 "page and EPUB, and the page prints as a picture so that text is not "
                                                 "copied with the PDF; delete that text from the PDF to print the page "
                                                 "as text." + note, "warning"))
            continue
        found.append(Diagnostic(where, None, f"page {number} holds text no reader can see ({unseen[number - 1]} "
                                             "characters: covered, in the paper's colour, invisible, too small, off the "
                                             "page or printed over other text): it is left off the web page and EPUB, and "
                                             "the page prints as a picture so that text is not copied with the PDF; delete "
                                             "that text from the PDF (a whited-out line is still there) to print the page "
                                             "as text", "warning"))
    notes(texts, where)
    # What another reader reads of the pages printed as text: a label it finds there is refused too.
    notes([second or "" if number not in pictured else "" for number, second in enumerate(seconds, start=1)], where)
    return Prepared(clean, tuple(texts), tuple(found))


def notes(texts: list[str], where: Path | str) -> None:
    """A leader's label typed on a page of the PDF is refused as the same line in reading.md is."""
    found = labels(texts, where)
    if found:
        raise GuideError(found)


def labels(texts: list[str], where: Path | str) -> list[Diagnostic]:
    """The errors reading.md would have for the pages' text, page by page."""
    from studyguide.read.pdfcross import unspaced
    from studyguide.read.reader import reading_notes

    found = []
    for number, text in enumerate(texts, start=1):
        body = "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
        joined = unspaced(body)  # a heading set letter-spaced reads back `F A C I L I T A T O R`
        for version in (body, joined) if joined != body else (body,):
            found += [Diagnostic(where, None, f"page {number}: {d.message}", d.level)
                      for d in reading_notes(Path(where), version, 1) if d.level == "error"]
    return list(dict.fromkeys(found))
