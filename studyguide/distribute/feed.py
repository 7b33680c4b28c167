"""The catalogue as an Atom feed (`feed.xml`, RFC 4287), newest guide first, so members
can subscribe. Each entry links the guide's page and the files the group receives,
never the facilitator's (nothing in a `facilitator/` folder). Standard library only."""

from __future__ import annotations

import datetime as dt
import mimetypes
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

from studyguide.files import source_date_epoch

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TYPES = {".pdf": "application/pdf", ".epub": "application/epub+zip", ".ics": "text/calendar"}


def leader_only(key: str, name: str) -> bool:
    return key == "facilitator" or "facilitator" in Path(name).parts[:-1]


def _when(record: dict, record_file: Path) -> str:
    """The guide's date at midnight UTC; a guide without one: SOURCE_DATE_EPOCH, else when
    the guide was last changed (never when it was built: the same guide built twice makes
    the same feed, and the catalogue's page, which carries the feed's checksum, with it)."""
    if record.get("date"):
        try:
            return dt.datetime.combine(dt.date.fromisoformat(record["date"]), dt.time(), dt.timezone.utc).isoformat()
        except ValueError:
            pass
    epoch = source_date_epoch()
    from studyguide.record import leader_source

    named = record.get("source") if isinstance(record.get("source"), str) else leader_source(record_file)
    source = record_file.parent.parent / named if named else None
    if epoch is not None:
        seconds = epoch
    elif source is not None and source.is_file():
        seconds = source.stat().st_mtime
    else:
        seconds = record_file.stat().st_mtime if record_file.exists() else 0
    return dt.datetime.fromtimestamp(int(seconds), dt.timezone.utc).isoformat()


def _href(base: str | None, path: str) -> str:
    return f"{base.rstrip('/')}/{path}" if base else path


def feed(out: Path, records: list[dict], title: str = "Study guides", lang: str | None = None) -> bytes:
    """`records`: the guides' `guide.json` contents, newest first (as the catalogue lists them);
    `title` and `lang`: the group's language's, an entry in another language saying its own."""
    from studyguide.editions import label
    from studyguide.i18n import words_for

    words = words_for(lang)
    ET.register_namespace("", ATOM)
    base = next((r.get("base_url") for r in records if r.get("base_url")), None)
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang} if lang else {})
    ET.SubElement(root, f"{{{ATOM}}}title").text = title
    ET.SubElement(root, f"{{{ATOM}}}id").text = _href(base, "") if base else "urn:studyguide:catalogue"
    entries = [(r, _when(r, out / r["slug"] / "guide.json")) for r in records]
    ET.SubElement(root, f"{{{ATOM}}}updated").text = max((w for _, w in entries), default="1970-01-01T00:00:00+00:00")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = next((r["group"] for r in records if r.get("group")), title)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=_href(base, "feed.xml"))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_href(base, "index.html"))
    for record, updated in sorted(entries, key=lambda e: (e[1], e[0]["title"]), reverse=True):
        slug = record["slug"]
        own = record.get("lang")
        entry = ET.SubElement(root, f"{{{ATOM}}}entry", {XML_LANG: own} if own and own != lang else {})
        ET.SubElement(entry, f"{{{ATOM}}}title").text = record["title"]
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _href(base, f"{quote(slug)}/") if base else f"urn:studyguide:{slug}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_href(base, f"{quote(slug)}/index.html"))
        for key, name in record.get("files", {}).items():
            if leader_only(key, name):
                continue
            path = out / slug / name
            kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(name)[0] or "application/octet-stream"
            attributes = {"rel": "enclosure", "type": kind, "href": _href(base, f"{quote(slug)}/{quote(name)}"),
                          "title": label(key, words)}
            if path.is_file():
                attributes["length"] = str(path.stat().st_size)
            ET.SubElement(entry, f"{{{ATOM}}}link", **attributes)
        summary = "; ".join(" — ".join(x for x in (r.get("title"), r.get("author")) if x) for r in record.get("reading", []))
        if record.get("subtitle") or summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = " · ".join(x for x in (record.get("subtitle"), summary) if x)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
