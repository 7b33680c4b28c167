"""Pictures refused at their line before anything is laid out.

A picture named by a `file:` URL (`![map](file:///home/ann/map.png)`):
the layout loads nothing outside the guide's folder, and the web page's sanitiser
drops a `file:` address, so such a picture was left out of every output without a
word. It is an error at its line instead, as a path outside the folder is.
An SVG with a number no PDF can hold once drawn (`1e38`, `scale(1e30)`) failed the
PDF's own check as an internal error; it is an error naming the picture."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic

# `![…](file:…)`, and a reference `[name]: file:…` a picture may use. (Raw HTML's `<img src="file:…">` is
# refused when laid out, with the rest of the raw HTML that loads from elsewhere: tests/test_hostile.py.)
FILE_URL = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(file:[^)\s>]*)"
                      r"|^\s{0,3}\[[^\]]+\]:\s*<?\s*(file:\S*?)>?(?:\s|$)", re.I)
SVG = re.compile(r"!\[[^\]]*\]\(\s*<?([^)>\s]+\.svg)\b|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+\.svg)\b", re.I)
MAX_SVG = 20_000_000  # bytes read to look for numbers; a larger file is svgclean's to refuse
LARGEST = 1e9  # a coordinate or scale in an SVG; past about 9e18 the PDF's numbers cannot be read (qpdf, viewers)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def extreme_numbers(data: bytes) -> str | None:
    """Why a (cleaned) SVG is refused for a number no PDF can hold once drawn (`1e38`, `scale(1e30)`), or None.
    Its attributes and styles are read, not its names, text or embedded pictures."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None  # svgclean refuses what it cannot read
    for node in root.iter():
        values = [value for key, value in node.attrib.items()
                  if not key.rsplit("}", 1)[-1].lower().endswith(("id", "href", "class"))]
        if str(node.tag).rsplit("}", 1)[-1] == "style" and node.text:
            values.append(node.text)
        for value in values:
            for match in NUMBER.finditer(value):
                try:
                    size = abs(float(match.group()))
                except (ValueError, OverflowError):
                    size = float("inf")
                if not size <= LARGEST:
                    return (f"a number in the picture ({match.group()[:24]}) is too large to draw in a PDF (the limit "
                            f"is {LARGEST:.0e}): scale the drawing down in its program and save it again")
    return None


def file_pictures(body: str, first_line: int, path: Path) -> list[Diagnostic]:
    """An error for each picture named by a `file:` URL, and each SVG too large in its numbers, at its line."""
    from urllib.parse import unquote, urlsplit

    from studyguide.read.lint import prose_lines
    from studyguide.render.svgclean import Multiplying, Unreadable, clean

    found = []
    folder = path.parent.resolve()
    for number, line in prose_lines(body, first_line):
        for match in SVG.finditer(line):
            target = next(group for group in match.groups() if group)
            if urlsplit(target).scheme:
                continue
            picture = (path.parent / unquote(urlsplit(target).path)).resolve()
            try:
                if not picture.is_relative_to(folder) or not picture.is_file() or picture.stat().st_size > MAX_SVG:
                    continue
                why = extreme_numbers(clean(picture.read_bytes()))
            except Multiplying as exc:  # its drawing would not end: refused here, not at the time limit
                why = str(exc)
            except (OSError, Unreadable):
                continue  # said elsewhere (not found, unreadable)
            if why:
                found.append(Diagnostic(path, number, f"the picture '{target[:80]}' cannot be drawn: {why}"))
        for match in FILE_URL.finditer(line):
            url = next(group for group in match.groups() if group)
            found.append(Diagnostic(path, number, f"the image '{url[:80]}' is a file: address, which is never loaded "
                                                  "(nothing outside the guide's folder is read): copy the picture into "
                                                  "the guide's folder and name it by its file name, ![…](map.png)"))
    return found
