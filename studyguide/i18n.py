"""The message catalogues (`i18n/<lang>.json`): every word studyguide prints or
writes that is not the organiser's, in each language, and the words that mark
questions and sessions. English is the fallback for a word a catalogue lacks; a
theme's catalogue overrides single words of the built-in one."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from studyguide.files import TEMPLATES
from studyguide.render.scripts import direction

TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@lru_cache(maxsize=32)
def words_for(lang: str | None, theme: Path | None = None) -> dict:
    """The words for `lang` ("pt-BR" falls back to "pt", then to English): English,
    under the built-in catalogue, under the theme's, so a theme may change one word."""
    lang = lang if lang and TAG.fullmatch(lang) else "en"  # a language code, never a path
    words = _load(TEMPLATES / "i18n" / "en.json")
    if theme:
        words.update(_load(Path(theme) / "i18n" / "en.json"))
    for tag in (lang, lang.split("-")[0]):
        layers = [Path(folder) / "i18n" / f"{tag.lower()}.json" for folder in [TEMPLATES] + ([theme] if theme else [])]
        if any(layer.is_file() for layer in layers):
            for layer in layers:
                words.update(_load(layer))
            return {**words, "lang": tag, "dir": direction(lang)}
    return {**words, "lang": "en", "dir": direction(lang)}


def catalogues(theme: Path | None = None) -> set[str]:
    """The languages that have a message catalogue."""
    folders = ([theme] if theme else []) + [TEMPLATES]
    return {p.stem for f in folders for p in (Path(f) / "i18n").glob("*.json")}


def plural(lang: str, n: int) -> str:
    """The CLDR plural category of `n` (whole numbers) in `lang`: which form of a counted word to print."""
    base = lang.split("-")[0].lower()
    if base in ("ja", "zh"):
        return "other"
    if base in ("fr", "hi", "fa"):
        return "one" if n in (0, 1) else "other"
    if base == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"
    if base == "ar":
        small = n % 100
        return {0: "zero", 1: "one", 2: "two"}.get(n) or ("few" if 3 <= small <= 10 else "many" if small >= 11 else "other")
    if base == "he" and n == 2:
        return "two"
    return "one" if n == 1 else "other"


def say(words: dict, key: str, **values) -> str:
    """The catalogue's `key` filled in; a counted word ({"one": …, "other": …}) in the form `n` asks for."""
    text = words[key]
    if isinstance(text, dict):
        text = text.get(plural(words.get("lang", "en"), int(values.get("n", 0)))) or text["other"]
    return text.format(**values)


def say_html(words: dict, key: str, **values) -> Markup:
    """As `say`, for a page: the words escaped, a value given as Markup kept as markup."""
    text = words[key]
    if isinstance(text, dict):
        text = text.get(plural(words.get("lang", "en"), int(values.get("n", 0)))) or text["other"]
    return Markup(escape(text)).format(**values)


def lead(label: str) -> str:
    """A label before its text: "Reading: " with a space, "読む文献：" without (a full-width colon holds its own)."""
    return label if label.endswith(("：", "　")) else label + " "
