"""The text a reader can see on a printed page, read from the PDF's pixels.

The handout's promise (every question on it) is checked twice: against what the
layout drew (`Rendered.shown`, which reads WeasyPrint's boxes and their styles),
and here, against the finished PDF alone, drawn by PDFium as a viewer would. Each
page is drawn twice, with its text and without it; a character counts as seen when
leaving it out changes the pixels of its glyph's box, in the box's upper half and
its lower half. This shares nothing with the layout, so a theme's stylesheet that
hides a question in a way nobody listed (a clip, a negative indent, a box painted
over it, a colour like the paper's, a transform that moves it off the page) fails
the build as the listed ways do.
"""

from __future__ import annotations

import unicodedata

SCALE = 2.0  # 144 dpi: a hairline stroke of body text still darkens a whole pixel
CONTRAST = 40  # grey levels (of 255) the text must change somewhere in each half of a glyph's box


def inked_text(data: bytes) -> str:
    """The PDF's text with every character nobody could see replaced by a space."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from PIL import ImageChops

    document = pdfium.PdfDocument(data)
    pages = []
    try:
        for page in document:
            height = page.get_height()
            text = page.get_textpage()
            chars = [(raw.FPDFText_GetUnicode(text, i), text.get_charbox(i)) for i in range(text.count_chars())]
            inked = page.render(scale=SCALE).to_pil().convert("L")
            _without_text(page.raw, raw)
            ink = ImageChops.difference(inked, page.render(scale=SCALE).to_pil().convert("L"))
            kept: list[str] = []
            seen = False
            for code, (left, bottom, right, top) in chars:
                char = chr(code) if 0 < code < 0x110000 else " "
                if char.isspace():
                    kept.append(char)
                    continue
                box = (int(left * SCALE), int((height - top) * SCALE),
                       int(right * SCALE + 0.999), int((height - bottom) * SCALE + 0.999))
                if box[2] > box[0] and box[3] > box[1] and not unicodedata.combining(char):
                    seen = _changed(ink, box)
                # else as the letter before it: a ligature's second letter (no box of its own), an accent (small)
                kept.append(char if seen else " ")
            pages.append("".join(kept))
    finally:
        document.close()
    return "\n".join(pages)


def _without_text(holder, raw, form: bool = False) -> None:
    """Every text object of the page, and of the forms it draws (an imposed sheet's pages), left undrawn."""
    count = raw.FPDFFormObj_CountObjects if form else raw.FPDFPage_CountObjects
    get = raw.FPDFFormObj_GetObject if form else raw.FPDFPage_GetObject
    for index in range(count(holder)):
        item = get(holder, index)
        kind = raw.FPDFPageObj_GetType(item)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            raw.FPDFTextObj_SetTextRenderMode(item, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            _without_text(item, raw, form=True)


def _changed(ink, box: tuple[int, int, int, int]) -> bool:
    """Ink in the box's upper and lower halves: a glyph half cut away by a clip is not read."""
    left, top, right, bottom = box
    if left < 0 or top < 0 or right > ink.width or bottom > ink.height:
        return False  # off the paper, in part or whole
    middle = (top + bottom + 1) // 2
    for half in ((left, top, right, middle), (left, max(top, middle - 1), right, bottom)):
        if ink.crop(half).getextrema()[1] < CONTRAST:
            return False
    return True
