"""A picture file that cannot be drawn, found when the guide is read.

A truncated PNG, an AVIF, a PDF or an empty file saved as `map.png` was left out of the PDF with a
warning in Python's words (`UnidentifiedImageError: cannot identify image file <_io.BytesIO …>`), or,
for a truncated JPEG, failed the PDF's own check as an internal error. Each is an error at the
picture's line instead, in `check` too. The picture is decoded as the layout would decode it (Pillow,
which WeasyPrint uses): a JPEG at an eighth of its size, which still reads all of its data.
"""

from __future__ import annotations

from pathlib import Path

CANNOT_READ = ("cannot be read: it is not a PNG, JPEG, GIF, WebP or SVG file, or it is damaged (open it in a "
               "picture program and save it again as PNG or JPEG)")
# An SVG drawing under another picture's name: the PDF drew it, past the SVG cleaning that only `.svg` names get,
# and the web page and the EPUB left it out without a word.
SVG_NAMED = "is an SVG drawing saved under a name for another kind of picture: rename it to end in .svg"
_KNOWN: dict[tuple[str, int, int], str | None] = {}  # (path, size, mtime) → why not: a guide is read again on each save


def unreadable(picture: Path) -> str | None:
    """Why the picture cannot be drawn, or None (an SVG is svgclean's to judge)."""
    try:
        info = picture.stat()
    except OSError:
        return None  # said elsewhere (not found)
    key = (str(picture.resolve()), info.st_size, info.st_mtime_ns)
    if key not in _KNOWN:
        _KNOWN[key] = _why(picture)
    return _KNOWN[key]


def _why(picture: Path) -> str | None:
    try:
        with open(picture, "rb") as handle:
            head = handle.read(512).lower()
    except OSError:
        return None  # a file we may not open is said elsewhere, as before
    if picture.suffix.lower() not in (".svg", ".svgz") and b"<svg" in head and not head.lstrip().startswith(
            (b"<!doctype html", b"<html")):
        return SVG_NAMED
    return None if _readable(picture) else CANNOT_READ


def _readable(picture: Path) -> bool:
    import warnings

    from PIL import Image, ImageFile

    try:
        with open(picture, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return True  # a file we may not open is said elsewhere, as before
    if picture.suffix.lower() in (".svg", ".svgz") or b"<svg" in head.lower():
        return True  # an HTML page saved as map.jpg is no SVG: Pillow refuses it below
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a very large picture: Pillow's DecompressionBombWarning is not ours to say
        try:
            with Image.open(picture) as image:
                kind = image.format
                if kind == "PNG":
                    image.verify()  # every chunk read and its checksum compared: a cut-off file fails
                    return True
                if kind == "JPEG":
                    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
                try:  # WeasyPrint, once imported, lets Pillow pass a cut-off file; the PDF's JPEG is then broken
                    image.load()
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = truncated
        except Image.DecompressionBombError:
            return True  # too large to decode here; the layout says so as it always did
        except Exception:  # noqa: BLE001 - Pillow raises many kinds (OSError, SyntaxError, ValueError, struct.error)
            return False
    return True
