"""The catalogue: `index.html` listing every guide built in a folder, with its files."""

from __future__ import annotations

import json
from pathlib import Path

from .files import write_atomically

LABELS = {
    "participant": "Participant edition (PDF)",
    "facilitator": "Facilitator edition (PDF)",
    "booklet": "Booklet to print and fold (PDF)",
    "questions": "Question handout (PDF)",
    "questions-2up": "Question handout, two per sheet (PDF)",
    "press": "Print-shop PDF with bleed and crop marks",
}


def printing(record: dict) -> str:
    """What to tell the printer, said once here for the catalogue and the CLI."""
    sheet = "A4" if record.get("paper", "a4") == "a4" else "Letter"
    sheets = record.get("sheets", 0)
    return (
        f"{sheets} sheet{'s' if sheets != 1 else ''} of {sheet}: print double-sided, "
        "flip on short edge, at 100 % (actual size); fold the stack in half and staple on the fold."
    )


def size_label(path: Path) -> str:
    size = path.stat().st_size if path.exists() else 0
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def write_catalogue(out: Path, theme: Path | None = None) -> Path:
    from .render import environment

    guides = []
    for record_file in sorted(out.glob("*/guide.json")):
        try:
            record = json.loads(record_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        links = []
        for key, name in record.get("files", {}).items():
            label = LABELS.get(key) or f"Question handout, {key.rsplit('-', 2)[-2]} {key.rsplit('-', 1)[-1]} (PDF)"
            links.append({"href": f"{record['slug']}/{name}", "label": label, "size": size_label(record_file.parent / name)})
        guides.append({**record, "links": links, "printing": printing(record)})
    guides.sort(key=lambda g: (g.get("date") or "", g["title"]), reverse=True)
    html = environment(theme).get_template("catalogue.html.j2").render(guides=guides)
    target = out / "index.html"
    write_atomically({target: html.encode("utf-8")})
    return target
