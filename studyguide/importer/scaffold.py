"""`studyguide new`: a guide to start from, with every feature of the format shown."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from studyguide.errors import GuideError
from studyguide.files import TEMPLATES
from studyguide.i18n import words_for


def slugify(title: str) -> str:
    """'Trotsky: the leader…' -> 'trotsky-the-leader'; letters of any script kept."""
    spaced = re.sub(r"[^\w\s'’]", " ", title).replace("'", "").replace("’", "")  # dashes part words, apostrophes do not
    ascii_ = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not slug:  # a title in another script
        slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-")


def markdown_template(name: str):
    """A template that writes Markdown, not HTML: nothing in it is escaped as HTML would be."""
    import jinja2

    from studyguide.render.sandbox import ThemeSandbox

    env = ThemeSandbox(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
    env.filters["yaml"] = yaml_string
    return env.get_template(name)


def yaml_string(value: str) -> str:
    """A YAML double-quoted string the organiser can read: letters of any script kept as
    they are, only what YAML would not take as written (controls, line separators) escaped."""
    import json

    def kept(c: str) -> bool:  # YAML's printable characters, less its line breaks
        n = ord(c)
        return 0x20 <= n <= 0x7E or (0xA0 <= n <= 0xFFFD and not 0xD800 <= n <= 0xDFFF and c not in "\u2028\u2029") \
            or n >= 0x10000

    return "".join(c if kept(c) else f"\\u{ord(c):04x}" for c in json.dumps(value, ensure_ascii=False))


def new_guide(title: str, folder: Path = Path("guides"), slug: str | None = None, today: dt.date | None = None,
              settled: frozenset[str] = frozenset(), lang: str | None = None) -> Path:
    """guides/<slug>/guide.md, its headings and placeholders in `lang` (studyguide.toml's; English
    without one); the keys studyguide.toml settles (`settled`) are left out of its front matter,
    so that the group's defaults apply instead of being overridden."""
    from studyguide.slugs import guide_folder

    if not title.strip():
        raise GuideError.at(folder, None, 'a guide needs a title: studyguide new "The title of the guide"')
    slug = slug if slug is not None else slugify(title)
    if not slug:
        raise GuideError.at(folder, None, f"no file name can be made from the title {title!r}: give one with --slug")
    path = guide_folder(folder, slug) / "guide.md"
    if path.exists() or (folder / f"{slug}.md").exists():
        raise GuideError.at(path if path.exists() else folder / f"{slug}.md", None, "a guide of that name exists already")
    text = markdown_template("new-guide.md.j2").render(
        title=title, date=(today or dt.date.today()).isoformat(), lang=lang or "en", w=words_for(lang))
    text = "\n".join(line for line in text.split("\n") if line.split(":", 1)[0] not in settled)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never replace, nor follow a link made meanwhile
        handle.write(text + "\n")
    return path
