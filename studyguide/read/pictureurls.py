"""Pictures refused at their line before anything is laid out.

A picture named by a `file:` URL (`![map](file:///home/ann/map.png)`, `<img src="file:…">`):
the layout loads nothing outside the guide's folder, and the web page's sanitiser
drops a `file:` address, so such a picture was left out of every output without a
word. It is an error at its line instead, as a path outside the folder is.
An SVG with a number no PDF can hold once drawn (`1e38`, `scale(1e30)`) failed the
PDF's own check as an internal error; it is an error naming the picture."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic

# `![…](file:…)`, `<img … src="file:…">`, and a reference `[name]: file:…` a picture may use.
FILE_URL = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(file:[^)\s>]*)"
                      r"|<img\b[^>]*?\bsrc\s*=\s*[\"']?\s*(file:[^\"'\s>]*)"
                      r"|^\s{0,3}\[[^\]]+\]:\s*<?\s*(file:\S*?)>?(?:\s|$)"
                      r"|\burl\(\s*[\"']?\s*(file:[^\"')\s]*)", re.I)


SVG = re.compile(r"!\[[^\]]*\]\(\s*<?([^)>\s]+\.svg)\b|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+\.svg)\b", re.I)
MAX_SVG = 20_000_000  # bytes read to look for numbers; a larger file is svgclean's to refuse


def file_pictures(body: str, first_line: int, path: Path) -> list[Diagnostic]:
    """An error for each picture named by a `file:` URL, and each SVG too large in its numbers, at its line."""
    from urllib.parse import unquote, urlsplit

    from studyguide.pdf.fetch import extreme_numbers
    from studyguide.read.lint import prose_lines
    from studyguide.render.svgclean import Unreadable, clean

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
