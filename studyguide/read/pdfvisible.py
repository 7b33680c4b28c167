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
import math
import unicodedata

SCALE = 2.0  # 144 dpi, as build/ink.py
CONTRAST = 40
NARROWEST = 0.08  # of its height: an "i" or "." is about 0.2
MIN_HEIGHT = 3.0  # points: the loose box (ascent to descent) of text smaller than about 2.5 pt
PICTURE_DPI = 300
INVISIBLE = (3, 7)  # render modes that paint nothing: invisible, clip only
MAX_OBJECTS = 40  # text objects over other text on one page, each drawn once more
MAX_REDRAWS = 400  # such drawings for the whole PDF: past them, text over text is taken as unseen


def seen_text(data: bytes) -> tuple[list[str], list[int]]:
    """Per page: the seen text (lines as "\\n"), and how many characters were unseen."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    texts, unseen = [], []
    budget = [MAX_REDRAWS]
    try:
        for page in document:
            text, hidden = _page(page, budget)
            texts.append(text)
            unseen.append(hidden)
    finally:
        document.close()
    return texts, unseen


def _page(page, budget: list[int]) -> tuple[str, int]:
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
    to_device = _device(page.raw, raw, width, height)
    boxes = {}
    for index, char in chars:
        if _counts(char):
            left, bottom, right, top = textpage.get_charbox(index)
            if right > left and top > bottom:
                boxes[index] = to_device(left, bottom, right, top)
    seen_alone = _overlapping(page, textpage, raw, inked, boxes, dict(chars), budget)
    _without_text(page.raw, raw)
    ink = ImageChops.difference(inked, page.render(scale=SCALE).to_pil().convert("L"))
    ink = ink.point(lambda v: 255 if v >= CONTRAST else 0)
    out, hidden, seen = [], 0, True
    for index, char in chars:
        if char == "\r":
            continue
        if not _counts(char):
            out.append(char if char.isspace() else "")
            continue
        if index in boxes:
            seen = seen_alone.get(index, True) and index in drawn and _changed(ink, boxes[index])
        else:  # as the letter just before it (a ligature's second letter), if there is one; a blank glyph is not seen
            seen = seen and index - 1 in boxes
        out.append(char if seen else " ")
        hidden += not seen
    return "".join(out), hidden


def _counts(char: str) -> bool:
    """A character whose being seen matters: not a space, a format character or an accent drawn with its letter."""
    return not (char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me"))


def _device(page, raw, width: int, height: int):
    """Page space to the rendered bitmap's pixels (the page's rotation and crop box applied by PDFium), as a function
    of a box: PDFium maps three points, the rest is the same affine map."""
    def point(x: float, y: float) -> tuple[int, int]:
        dx, dy = ctypes.c_int(), ctypes.c_int()
        raw.FPDF_PageToDevice(page, 0, 0, width, height, 0, x, y, ctypes.byref(dx), ctypes.byref(dy))
        return dx.value, dy.value

    big = 10_000.0
    (ox, oy), (ax, ay), (bx, by) = point(0, 0), point(big, 0), point(0, big)
    a, b, c, d = (ax - ox) / big, (ay - oy) / big, (bx - ox) / big, (by - oy) / big

    def box(left: float, bottom: float, right: float, top: float) -> tuple[int, int, int, int]:
        xs = [ox + a * x + c * y for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))]
        ys = [oy + b * x + d * y for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))]
        return math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)) + 1, math.ceil(max(ys)) + 1

    return box


def _drawn(textpage, raw, index: int) -> bool:
    """Painted in a mode that paints, at a size a reader can read."""
    item = raw.FPDFText_GetTextObject(textpage.raw, index)
    if item and raw.FPDFTextObj_GetTextRenderMode(item) in INVISIBLE:
        return False
    rect = raw.FS_RECTF()
    if raw.FPDFText_GetLooseCharBox(textpage.raw, index, ctypes.byref(rect)):
        sides = sorted((abs(rect.right - rect.left), abs(rect.top - rect.bottom)))  # text may be turned
        return sides[1] >= MIN_HEIGHT and sides[0] >= NARROWEST * sides[1]  # squeezed flat (Tz 2) is no letter
    return True


def _changed(ink, box) -> bool:
    """Ink in the box, the whole box on the paper; above and below the middle of a box more than
    a few pixels tall (a glyph cut in half by a clip is not read)."""
    left, top, right, bottom = box
    if left < 0 or top < 0 or right > ink.width or bottom > ink.height:
        return False
    found = ink.crop(box).getbbox()
    if found is None:
        return False
    if bottom - top <= 8:  # a full stop, a hyphen, a comma: a few pixels
        return True
    middle = (bottom - top) / 2
    return found[1] < middle and found[3] > middle


def _overlapping(page, textpage, raw, inked, boxes: dict, chars: dict, budget: list[int]) -> dict[int, bool]:
    """For characters whose box overlaps a different character's (text over text: a line may be hidden under another,
    in the paper's colour): whether leaving out their own text object alone changes their pixels. The letters of a
    ligature share one box and are not counted; past MAX_OBJECTS such objects on a page, none is taken as seen."""
    from PIL import ImageChops

    items = {index: raw.FPDFText_GetTextObject(textpage.raw, index) for index in boxes}
    owner = {index: ctypes.cast(item, ctypes.c_void_p).value or 0 for index, item in items.items()}
    candidates = _over_other_text(boxes, chars, owner)
    if not candidates:
        return {}
    objects: dict[int, tuple] = {}
    for index in candidates:
        objects.setdefault(owner[index], (items[index], []))[1].append(index)
    result = {index: False for index in candidates}
    if len(objects) > min(MAX_OBJECTS, budget[0]) or 0 in objects:
        return result
    budget[0] -= len(objects)
    for item, members in objects.values():
        mode = raw.FPDFTextObj_GetTextRenderMode(item)
        raw.FPDFTextObj_SetTextRenderMode(item, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
        alone = ImageChops.difference(inked, page.render(scale=SCALE).to_pil().convert("L"))
        raw.FPDFTextObj_SetTextRenderMode(item, mode)
        alone = alone.point(lambda v: 255 if v >= CONTRAST else 0)
        for index in members:
            result[index] = _changed(alone, boxes[index])
    return result


def _over_other_text(boxes: dict, chars: dict, owner: dict) -> set[int]:
    """Characters whose boxes overlap a different character's by a third of the smaller box or more, but for
    neighbours in one run of text (italic letters, tight kerning)."""
    cell = 24
    cells: dict[tuple[int, int], list[int]] = {}
    for index, (left, top, right, bottom) in boxes.items():
        for cx in range(left // cell, right // cell + 1):
            for cy in range(top // cell, bottom // cell + 1):
                cells.setdefault((cx, cy), []).append(index)
    found: set[int] = set()
    for members in cells.values():
        if len(members) > 60:
            found.update(members)  # sixty letters in one small square: nobody reads that
            continue
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                if chars[a] != chars[b] and (owner[a] != owner[b] or abs(a - b) > 2) and _overlap(boxes[a], boxes[b]):
                    found.update((a, b))
    return found


def _overlap(one, other) -> bool:
    width = min(one[2], other[2]) - max(one[0], other[0])
    height = min(one[3], other[3]) - max(one[1], other[1])
    if width <= 0 or height <= 0:
        return False
    if max(abs(p - q) for p, q in zip(one, other)) <= 1:
        return False  # one box: a ligature's letters
    smaller = min((one[2] - one[0]) * (one[3] - one[1]), (other[2] - other[0]) * (other[3] - other[1]))
    return width * height * 3 >= smaller


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
            x0, y0 = float(obj.CropBox[0]), float(obj.CropBox[1])
            if int(obj.get("/Rotate", 0)) % 360:  # the picture is upright: the page's links would point elsewhere
                x0 = y0 = 0
                obj.MediaBox = obj.CropBox = Array([0, 0, width, height])
                obj.Rotate = 0
                if "/Annots" in obj:
                    del obj["/Annots"]
            if "/Group" in obj:
                del obj["/Group"]
            obj.Resources = Dictionary(XObject=Dictionary(Page=picture))
            obj.Contents = pdf.make_stream(f"q {width:.4f} 0 0 {height:.4f} {x0:.4f} {y0:.4f} cm /Page Do Q".encode())
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
