"""What a print shop's order form asks of a press PDF: trim size, bleed, pages, colour.

Said in the file's own metadata (Subject and Keywords for people, one key each for
software) and in the build's summary, so nobody has to open the file to order it.
"""

from __future__ import annotations

import re

from pypdf import PdfReader

MM = 72 / 25.4


def describe(trim: tuple[float, float], bleed_mm: float, pages: int, colour: bool) -> dict[str, str | int]:
    """What a print shop's order form asks, from the press PDF itself."""
    w, h = trim[0] / MM, trim[1] / MM
    named = {(148, 210): "A5", (140, 216): "half Letter, 5.5 × 8.5 in"}.get((round(w), round(h)))
    return {"trim": f"{w:.0f} × {h:.0f} mm" + (f" ({named})" if named else ""), "bleed": f"{bleed_mm:g} mm",
            "pages": pages, "colour": "colour (RGB)" if colour else "black and white"}


def press_metadata(info: dict) -> dict[str, str]:
    """The description as document information: Subject for people, one key each for forms."""
    return {"/Subject": summary(info), "/Keywords": f"trim {info['trim']}; bleed {info['bleed']}; "
            f"{info['pages']} pages; {info['colour']}; crop marks; saddle-stitch",
            "/SGTrimSize": str(info["trim"]), "/SGBleed": str(info["bleed"]),
            "/SGPageCount": str(info["pages"]), "/SGColour": str(info["colour"])}


def brief(info: dict) -> str:
    """The description in a line of the build's summary."""
    return f"{info['trim']} + {info['bleed']} bleed, {info['pages']} pp, {info['colour']}"


def summary(info: dict) -> str:
    return (f"Press PDF: {info['trim']} trim, {info['bleed']} bleed and crop marks, "
            f"{info['pages']} pages (a multiple of 4, for saddle-stitching), {info['colour']}")


_NUMBER = rb"(-?(?:\d+\.?\d*|\.\d+))\s+"
_RGB = re.compile(rb"(?<![\w.])" + _NUMBER * 3 + rb"(?:rg|RG|sc|SC|scn|SCN)(?!\w)")
_CMYK = re.compile(rb"(?<![\w.])" + _NUMBER * 4 + rb"(?:k|K)(?!\w)")


def colour(reader: PdfReader) -> bool:
    """Whether anything on the pages is not grey: a colour set with unequal parts, a colour
    image, a shading. When in doubt, colour: a shop asked for grey would lose it."""
    def walk(resources, data: bytes, depth: int) -> bool:
        for r, g, b in _RGB.findall(data) + [m[:3] for m in _CMYK.findall(data)]:
            if len({round(float(v), 3) for v in (r, g, b)}) > 1:
                return True
        resources = resources.get_object() if resources is not None else {}
        if resources.get("/Shading") or resources.get("/Pattern") and b"/Pattern" in data:
            return True
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                space = xobject.get("/ColorSpace")
                space = space.get_object() if space is not None else None
                if not (space == "/DeviceGray" or xobject.get("/ImageMask")):
                    return True
            elif xobject.get("/Subtype") == "/Form" and depth < 8 and walk(xobject.get("/Resources"), xobject.get_data(), depth + 1):
                return True
        return False

    def data(page) -> bytes:
        contents = page.get_contents()  # a stream is a dictionary: empty ones are false
        return contents.get_data() if contents is not None else b""

    return any(walk(page.get("/Resources"), data(page), 0) for page in reader.pages)
