"""`studyguide new`: a guide to start from, with every feature of the format shown."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from studyguide.errors import GuideError


def slugify(title: str) -> str:
    """'Trotsky: the leader…' -> 'trotsky-the-leader'; letters of any script kept."""
    spaced = re.sub(r"[^\w\s'’]", " ", title).replace("'", "").replace("’", "")  # dashes part words, apostrophes do not
    ascii_ = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not slug:  # a title in another script
        slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "guide"


def new_guide(title: str, folder: Path = Path("guides"), slug: str | None = None, today: dt.date | None = None,
              settled: frozenset[str] = frozenset()) -> Path:
    """guides/<slug>/guide.md; the keys studyguide.toml settles (`settled`) are left out of its
    front matter, so that the group's defaults apply instead of being overridden."""
    from studyguide.render.html import environment

    from studyguide.slugs import guide_folder

    slug = slug if slug is not None else slugify(title)
    path = guide_folder(folder, slug) / "guide.md"
    if path.exists() or (folder / f"{slug}.md").exists():
        raise GuideError.at(path if path.exists() else folder / f"{slug}.md", None, "a guide of that name exists already")
    text = environment().get_template("new-guide.md.j2").render(title=title, date=(today or dt.date.today()).isoformat())
    text = "\n".join(line for line in text.split("\n") if line.split(":", 1)[0] not in settled)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never replace, nor follow a link made meanwhile
        handle.write(text + "\n")
    return path
