"""The web side: `index.html` listing every guide built in a folder, and a page
per guide with its cover, its files to download and its text to read.
Offline, no JavaScript, readable on a phone."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .files import TEMPLATES, write_atomically

LABELS = {
    "participant": "Participant edition (PDF)",
    "facilitator": "Facilitator edition (PDF)",
    "booklet": "Booklet to print and fold (PDF)",
    "questions": "Question handout (PDF)",
    "questions-2up": "Question handout, two per sheet, to cut (PDF)",
    "press": "Print-shop PDF with bleed and crop marks",
    "large-print": "Large-print edition (PDF)",
    "epub": "E-book (EPUB)",
}


def label(key: str) -> str:
    if key.startswith("questions-session-"):
        return f"Question handout, session {key.rsplit('-', 1)[-1]} (PDF)"
    return LABELS.get(key, key)


def printing(record: dict) -> str:
    """What to tell the printer, said once here for the web pages and the CLI."""
    sheet = "A4" if record.get("paper", "a4") == "a4" else "Letter"
    sheets = record.get("sheets", 0)
    return (
        f"{sheets} sheet{'s' if sheets != 1 else ''} of {sheet}: print double-sided, "
        "flip on short edge, at 100 % (actual size); fold the stack in half and staple on the fold."
    )


def size_label(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def cover_png(pdf: bytes, width: int = 300) -> bytes:
    """Page 1 as a PNG thumbnail (pdfium renders, Pillow encodes)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width / page.get_width()).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


def assets(guide, markup: str) -> dict[str, bytes]:
    """Images the guide's page shows, copied beside it (inside the guide's folder only)."""
    found = {}
    root = guide.folder.resolve()
    for src in re.findall(r'src="([^"]+)"', markup):
        src = html.unescape(src)
        parts = urlsplit(src)
        if parts.scheme or src.startswith("/"):
            continue
        path = (guide.folder / unquote(parts.path)).resolve()
        if path.is_file() and path.is_relative_to(root):
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def guide_page(guide, files: dict[str, bytes], names: dict[str, str], pages: int, sheets: int,
               theme: Path | None = None) -> dict[str, bytes]:
    """The guide's web page and what it shows: {file name: bytes}, names relative to its folder."""
    from markupsafe import Markup

    from .render import environment

    links = [{"href": names[key], "label": label(key), "size": size_label(len(data))} for key, data in files.items()]
    body = guide.html["participant"]
    from .render import DEFAULT_RIGHTS, words_for

    page = environment(theme).get_template("page.html.j2").render(
        meta=guide.meta, body=Markup(body), links=links, pages=pages, article=guide.article, words=words_for(guide.meta.lang, theme),
        rights=guide.meta.rights or DEFAULT_RIGHTS,
        printing=printing({"sheets": sheets, "paper": guide.meta.paper}) if "booklet" in files else None,
    )
    out = {"index.html": page.encode("utf-8")}
    if "participant" in files:
        out["cover.png"] = cover_png(files["participant"])
    out.update(assets(guide, body + (guide.article.html if guide.article else "")))
    return out


def write_catalogue(out: Path, theme: Path | None = None) -> Path:
    from .render import environment, stylesheet

    guides = []
    for record_file in sorted(out.glob("*/guide.json")):
        try:
            record = json.loads(record_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        links = []
        for key, name in record.get("files", {}).items():
            target = record_file.parent / name
            size = target.stat().st_size if target.exists() else 0
            links.append({"href": f"{record['slug']}/{name}", "label": label(key), "size": size_label(size)})
        has_cover = (record_file.parent / "cover.png").is_file()
        guides.append({**record, "links": links, "printing": printing(record), "cover": has_cover,
                       "booklet": "booklet" in record.get("files", {})})
    guides.sort(key=lambda g: (g.get("date") or "", g["title"]), reverse=True)
    page = environment(theme).get_template("catalogue.html.j2").render(guides=guides)
    target = out / "index.html"
    write_atomically({target: page.encode("utf-8"), out / "style.css": stylesheet("web.css", theme).read_bytes()})
    return target
