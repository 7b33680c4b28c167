"""The message catalogues (`i18n/<lang>.json`, a theme's first): the fixed words
printed in each language, and the words that mark questions and sessions."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from studyguide.files import TEMPLATES
from studyguide.render.scripts import direction


@lru_cache(maxsize=32)
def words_for(lang: str, theme: Path | None = None) -> dict:
    """The fixed words the templates print, from the message catalogue for `lang`
    (`i18n/<lang>.json`, a theme's first), falling back to the language, then English."""
    english = json.loads((TEMPLATES / "i18n" / "en.json").read_text(encoding="utf-8"))
    for tag in (lang, lang.split("-")[0]):
        for folder in ([theme] if theme else []) + [TEMPLATES]:
            path = Path(folder) / "i18n" / f"{tag.lower()}.json"
            if path.is_file():
                return {**english, **json.loads(path.read_text(encoding="utf-8")), "lang": tag, "dir": direction(lang)}
    return {**english, "lang": "en", "dir": direction(lang)}


def catalogues(theme: Path | None = None) -> set[str]:
    """The languages that have a message catalogue."""
    folders = ([theme] if theme else []) + [TEMPLATES]
    return {p.stem for f in folders for p in (Path(f) / "i18n").glob("*.json")}
