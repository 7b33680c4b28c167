"""The text of a reading PDF that a reader can see, read from its pixels.

A PDF holds text nobody sees: a line whited out with a rectangle (the usual way a
note is "removed" without a redaction tool), text in the paper's colour, invisible
text (render mode 3), text too small to read, text off the page or outside the crop
box, text printed over other text. Each page is drawn by PDFium with its text and
without it (as build/ink.py does for the handouts); a character is seen when leaving
it out changes the pixels of its glyph's box. Only seen characters are the reading's
text on the web page and in the EPUB; a page holding unseen text prints as a picture
of itself (300 dpi), so the unseen text is not in the participant PDF to be copied."""

from __future__ import annotations

import ctypes
import io
import unicodedata

SCALE = 2.0  # 144 dpi, as build/ink.py
CONTRAST = 40
MIN_HEIGHT = 3.0  # points: the loose box (ascent to descent) of text smaller than about 2.5 pt
PICTURE_DPI = 300
INVISIBLE = (3, 7)  # render modes that paint nothing: invisible, clip only


def seen_text(data: bytes) -> tuple[list[str], list[int]]:
    """Per page: the seen text (lines as "\\n"), and how many characters were unseen."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    texts, unseen = [], []
    try:
        for page in document:
            text, hidden = _page(page)
            texts.append(text)
            unseen.append(hidden)
    finally:
        document.close()
    return texts, unseen


def _page(page) -> tuple[str, int]:
    import pypdfium2.raw as raw
    from PIL import ImageChops

    from studyguide.build.ink import _without_text

    textpage = page.get_textpage()
    inked = page.render(scale=SCALE).to_pil().convert("L")
    width, height = inked.size
    chars = []
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, index)
        char = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        chars.append((index, char))
    drawn = {index for index, char in chars if _counts(char) and _drawn(textpage, raw, index)}  # before the text is undrawn
    _without_text(page.raw, raw)
    ink = ImageChops.difference(inked, page.render(scale=SCALE).to_pil().convert("L"))
    boxes = {}
    for index, char in chars:
        if not _counts(char):
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        if right > left and top > bottom:
            boxes[index] = _device(page.raw, raw, width, height, left, bottom, right, top)
    over = _over_other_text(boxes, dict(chars))
    out, hidden, seen = [], 0, True
    for index, char in chars:
        if char == "\r":
            continue
        if not _counts(char):
            out.append(char if char.isspace() else "")
            continue
        if index in boxes:  # else as the letter before it: a ligature's second letter (no box of its own)
            seen = index not in over and index in drawn and _changed(ink, boxes[index])
        out.append(char if seen else " ")
        hidden += not seen
    return "".join(out), hidden


def _counts(char: str) -> bool:
    """A character whose being seen matters: not a space, a format character or an accent drawn with its letter."""
    return not (char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me"))


def _device(page, raw, width: int, height: int, left: float, bottom: float, right: float, top: float):
    """The box in the rendered bitmap's pixels (the page's rotation and crop box applied by PDFium)."""
    xs, ys = [], []
    for x, y in ((left, bottom), (right, top), (left, top), (right, bottom)):
        dx, dy = ctypes.c_int(), ctypes.c_int()
        raw.FPDF_PageToDevice(page, 0, 0, width, height, 0, x, y, ctypes.byref(dx), ctypes.byref(dy))
        xs.append(dx.value), ys.append(dy.value)
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def _drawn(textpage, raw, index: int) -> bool:
    """Painted in a mode that paints, at a size a reader can read."""
    item = raw.FPDFText_GetTextObject(textpage.raw, index)
    if item and raw.FPDFTextObj_GetTextRenderMode(item) in INVISIBLE:
        return False
    rect = raw.FS_RECTF()
    if raw.FPDFText_GetLooseCharBox(textpage.raw, index, ctypes.byref(rect)):
        return abs(rect.top - rect.bottom) >= MIN_HEIGHT
    return True


def _changed(ink, box) -> bool:
    """Ink in the box's upper and lower halves, the whole box on the paper."""
    left, top, right, bottom = box
    if left < 0 or top < 0 or right > ink.width or bottom > ink.height:
        return False
    middle = (top + bottom + 1) // 2
    for half in ((left, top, right, middle), (left, max(top, middle - 1), right, bottom)):
        if ink.crop(half).getextrema()[1] < CONTRAST:
            return False
    return True


def _over_other_text(boxes: dict, chars: dict) -> set[int]:
    """Characters printed on top of a different character (each centre inside the other's box): neither can be read,
    and one of them may be a line hidden under another."""
    found: set[int] = set()
    rows: dict[int, list[int]] = {}
    for index, (left, top, right, bottom) in boxes.items():
        for row in range(top // 16, bottom // 16 + 1):
            rows.setdefault(row, []).append(index)
    for members in rows.values():
        if len(members) > 400:
            members = members[:400]
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                if chars[a] != chars[b] and _inside(boxes[a], boxes[b]) and _inside(boxes[b], boxes[a]):
                    found.update((a, b))
    return found


def _inside(box, other) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return other[0] <= x <= other[2] and other[1] <= y <= other[3]


def as_pictures(data: bytes, numbers: set[int]) -> bytes:
    """The PDF with the pages `numbers` (from 1) replaced by a picture of what a viewer shows of them."""
    import pikepdf
    import pypdfium2 as pdfium
    from pikepdf import Array, Dictionary, Name

    document = pdfium.PdfDocument(data)
    pictures = {}
    try:
        for number in sorted(numbers):
            page = document[number - 1]
            width, height = page.get_size()
            image = page.render(scale=PICTURE_DPI / 72).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=92, dpi=(PICTURE_DPI, PICTURE_DPI))
            pictures[number] = (width, height, image.size, buffer.getvalue())
    finally:
        document.close()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, (width, height, (pw, ph), jpeg) in pictures.items():
            picture = pdf.make_stream(jpeg, Type=Name.XObject, Subtype=Name.Image, Width=pw, Height=ph,
                                      ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Filter=Name.DCTDecode)
            obj = pdf.pages[number - 1].obj
            for key in ("/Annots", "/Group"):
                if key in obj:
                    del obj[key]
            obj.MediaBox = obj.CropBox = Array([0, 0, width, height])
            obj.Rotate = 0
            obj.Resources = Dictionary(XObject=Dictionary(Page=picture))
            obj.Contents = pdf.make_stream(f"q {width:.4f} 0 0 {height:.4f} 0 0 cm /Page Do Q".encode())
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
