"""A picture's metadata taken out of the copies made for participants (the web page's
assets, the EPUB's images): a phone or a photo manager writes the caption typed for the
leader, the photographer's name and where the photo was taken (JPEG EXIF, XMP, IPTC,
comments; PNG text chunks; SVG <title>, <desc> and hidden text), and a copy as it was
published them with the page.

JPEG and PNG are rewritten segment by segment, never re-encoded: the pixels stay the
same bytes. What is kept is what draws the picture (a JPEG's JFIF and Adobe segments, a
PNG's critical chunks and those that set its colours or transparency), the colour
profile, and the EXIF orientation alone (written anew), so the photo still stands the
way it was taken. GIF comments and WebP EXIF/XMP go the same way. A file we cannot walk
is refused (None: its alt text is shown instead), never copied as it was.
"""

from __future__ import annotations

import io
import re
import struct
from xml.etree import ElementTree as ET

JPEG_KEPT = {0xE0, 0xE2, 0xEE}  # APP0 JFIF, APP2 (ICC profile, FlashPix: only ICC kept), APP14 Adobe
PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD",
            b"pHYs", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi"}
WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}


def stripped(data: bytes, suffix: str) -> bytes | None:
    """The picture without its metadata, by its kind (its suffix, checked against its first
    bytes already); None when it cannot be read as that kind."""
    suffix = suffix.lower()
    try:
        if suffix in (".jpg", ".jpeg"):
            return _jpeg(data)
        if suffix == ".png":
            return _png(data)
        if suffix == ".gif":
            return _gif(data)
        if suffix == ".webp":
            return _webp(data)
        if suffix == ".svg":
            return svg(data)
    except (ValueError, IndexError, struct.error, ET.ParseError):
        return None
    return data


def _orientation(exif_payload: bytes) -> int:
    """The EXIF orientation (1 when none or unreadable)."""
    from PIL import Image

    try:
        exif = Image.Exif()
        exif.load(exif_payload)
        value = exif.get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF: the photo as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _orientation_only(value: int) -> bytes:
    """A new EXIF (`Exif\\0\\0` and its TIFF) that says only how to turn the picture."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = value
    data = exif.tobytes()
    return data if data.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + data


def _jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG")
    out, at, turn = [b"\xff\xd8"], 2, 1
    while True:
        if data[at] != 0xFF:
            raise ValueError("not a marker")
        while data[at + 1] == 0xFF:  # fill bytes
            at += 1
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # standalone markers
            out.append(data[at:at + 2])
            at += 2
            continue
        if marker == 0xD9:
            out.append(data[at:at + 2])
            break
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if length < 2 or at + 2 + length > len(data):
            raise ValueError("a segment runs past the end")
        segment, payload = data[at:at + 2 + length], data[at + 4:at + 2 + length]
        if marker == 0xDA:  # start of scan: the picture itself, as it is, to the end
            if turn != 1:  # after JFIF's APP0, which comes first
                out.insert(2 if len(out) > 1 and out[1][:2] == b"\xff\xe0" else 1, _segment(0xE1, _orientation_only(turn)))
            out.append(data[at:])
            break
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            turn = _orientation(payload[6:]) if turn == 1 else turn
        elif marker == 0xFE or 0xE0 <= marker <= 0xEF:
            if marker in JPEG_KEPT and (marker != 0xE2 or payload.startswith(b"ICC_PROFILE\x00")) and \
                    (marker != 0xE0 or payload.startswith((b"JFIF\x00", b"JFXX\x00"))):
                out.append(segment)
        else:  # tables, frame headers: what draws the picture
            out.append(segment)
        at += 2 + length
    return b"".join(out)


def _segment(marker: int, payload: bytes) -> bytes:
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("segment too long")
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _png(data: bytes) -> bytes:
    import zlib

    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise ValueError("not a PNG")
    out, at, turn = [signature], 8, 1
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            raise ValueError("a chunk runs past the end")
        if kind in PNG_KEPT:
            out.append(data[at:end])
        elif kind == b"eXIf":
            turn = _orientation(data[at + 8:at + 8 + length])
        if kind == b"IEND":
            break
        at = end
    if turn != 1:  # after IHDR: browsers turn a PNG by its eXIf
        exif = _orientation_only(turn)[6:]
        chunk = struct.pack(">I4s", len(exif), b"eXIf") + exif + struct.pack(">I", zlib.crc32(b"eXIf" + exif))
        out.insert(2, chunk)
    return b"".join(out)


def _gif(data: bytes) -> bytes:
    """Comment and application blocks (XMP rides in one) dropped; NETSCAPE looping kept."""
    if not data.startswith((b"GIF87a", b"GIF89a")):
        raise ValueError("not a GIF")
    flags = data[10]
    at = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:at]]
    while True:
        block = data[at]
        if block == 0x3B:
            out.append(b"\x3b")
            return b"".join(out)
        if block == 0x21:
            label, start = data[at + 1], at
            at += 2
            first = at
            while data[at]:
                at += data[at] + 1
            at += 1
            keep = label in (0xF9, 0x01) or label == 0xFF and data[first + 1:first + 12] in (b"NETSCAPE2.0", b"ANIMEXTS1.0")
            if keep:
                out.append(data[start:at])
        elif block == 0x2C:
            start, flags = at, data[at + 9]
            at += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1  # + LZW minimum code size
            while data[at]:
                at += data[at] + 1
            at += 1
            out.append(data[start:at])
        else:
            raise ValueError("unknown GIF block")


def _webp(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    chunks, at = [], 12
    while at + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[at:at + 8])
        end = at + 8 + length + (length & 1)
        if end > len(data) + (length & 1):
            raise ValueError("a chunk runs past the end")
        if kind in WEBP_KEPT:
            chunk = data[at:end]
            if kind == b"VP8X":  # no longer says it has EXIF (0x08) or XMP (0x04)
                chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
            chunks.append(chunk)
        at = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


SVG_NS = "http://www.w3.org/2000/svg"
HIDDEN = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:;|$)", re.I)
WORDS = {"title", "desc", "metadata"}
TEXT = {"text", "tspan", "textPath"}


def svg(data: bytes) -> bytes:
    """An SVG (already through svgclean) without its title, description, metadata, comments, and
    text drawn nowhere (display: none, visibility: hidden, or an opacity of 0)."""
    root = ET.fromstring(data)  # comments are not kept by ElementTree's parser

    def hidden(node: ET.Element) -> bool:
        if node.get("display", "").strip().lower() == "none":
            return True
        if node.get("visibility", "").strip().lower() in ("hidden", "collapse"):
            return True
        if HIDDEN.search(node.get("style", "")):
            return True
        for key in ("opacity", "fill-opacity"):
            value = node.get(key, "").strip()
            if value and _zero(value):
                return True
        return False

    def walk(node: ET.Element) -> None:
        for child in list(node):
            name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if name in WORDS or (name in TEXT or _has_text(child)) and hidden(child):
                _drop(node, child)
            else:
                walk(child)

    walk(root)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _zero(value: str) -> bool:
    try:
        return float(value.rstrip("%")) <= 0
    except ValueError:
        return False


def _has_text(node: ET.Element) -> bool:
    return any(isinstance(n.tag, str) and n.tag.rsplit("}", 1)[-1] in TEXT for n in node.iter())


def _drop(parent: ET.Element, child: ET.Element) -> None:
    """The element gone, the text after it kept where it was."""
    if child.tail and child.tail.strip():
        children = list(parent)
        index = children.index(child)
        if index:
            children[index - 1].tail = (children[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def pixels_same(before: bytes, after: bytes) -> bool:
    """For tests and checks: the two decode to the same pixels."""
    from PIL import Image

    with Image.open(io.BytesIO(before)) as a, Image.open(io.BytesIO(after)) as b:
        return a.size == b.size and a.convert("RGBA").tobytes() == b.convert("RGBA").tobytes()
