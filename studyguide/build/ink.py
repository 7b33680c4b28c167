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
    """The PDF's text with every word nobody could see replaced by spaces. A word is read whole (the box
    around its letters): a letter of it cut away while the rest shows is not told apart."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from PIL import ImageChops

    document = pdfium.PdfDocument(data)
    pages = []
    try:
        for page in document:
            height = page.get_height()
            text = page.get_textpage()
            chars = _paired([(raw.FPDFText_GetUnicode(text, i), text.get_charbox(i)) for i in range(text.count_chars())])
            inked = page.render(scale=SCALE, grayscale=True).to_pil()
            _without_text(page.raw, raw)
            ink = ImageChops.difference(inked, page.render(scale=SCALE, grayscale=True).to_pil())
            kept: list[str] = []
            word: list[tuple[str, tuple]] = []
            for code, box in [*chars, (32, (0, 0, 0, 0))]:
                char = chr(code) if 0 < code < 0x110000 else " "
                if not char.isspace():
                    word.append((char, box))
                    continue
                if word:
                    kept.append(_word(word, ink, height))
                    word = []
                kept.append(char)
            pages.append("".join(kept[:-1]))
    finally:
        document.close()
    return "\n".join(pages)


def _paired(chars: list[tuple[int, tuple]]) -> list[tuple[int, tuple]]:
    """PDFium gives a letter past U+FFFF (`𠮷`, `𝔼`) as its two UTF-16 halves: one letter again, in the
    first half's box (or the second's, where the first has none)."""
    out: list[tuple[int, tuple]] = []
    index = 0
    while index < len(chars):
        code, box = chars[index]
        if 0xD800 <= code < 0xDC00 and index + 1 < len(chars) and 0xDC00 <= chars[index + 1][0] < 0xE000:
            low, other = chars[index + 1]
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            box = box if box[2] > box[0] and box[3] > box[1] else other
            index += 1
        out.append((code, box))
        index += 1
    return out


def _word(word: list[tuple[str, tuple]], ink, height: float) -> str:
    """The word, or as many spaces, by the ink in the box around its letters (those with a box of their own:
    a ligature's second letter and a combining accent have none worth reading)."""
    boxes = [box for char, box in word if box[2] > box[0] and box[3] > box[1] and not unicodedata.combining(char)]
    if all(unicodedata.combining(char) for char, _ in word):
        return "".join(char for char, _ in word)  # an accent PDFium gives apart from its letter: as its letter is
    if boxes:
        left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
        box = (int(left * SCALE), int((height - top) * SCALE), int(right * SCALE + 0.999), int((height - bottom) * SCALE + 0.999))
        if _changed(ink, box):
            return "".join(char for char, _ in word)
    return " " * len(word)


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
