"""Does the type cover the guide? The bundled Noto Serif/Sans set Latin, Greek and
Cyrillic; every other script is set in the machine's Noto family for it (fonts.py).
A letter no font of ours has would be set in whatever font a machine happens to
have, or as an empty box: an error naming its script, its line and what to install,
rather than a surprise at the printer. Symbols (emoji) only warn."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from studyguide.render import fonts
from studyguide.errors import Diagnostic
from studyguide.files import TEMPLATES
from studyguide.render.scripts import install_hint, script_name, script_of


@lru_cache(maxsize=1)
def coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for font in sorted((TEMPLATES / "fonts").glob("*.ttf")):
        with TTFont(font, lazy=True) as face:
            # Numbered glyph names: the font's own are decoded from its `post` table, five
            # times slower than the character map itself, and only the codes are wanted.
            face.setGlyphOrder([f"g{n}" for n in range(face["maxp"].numGlyphs)])
            covered.update(code for code, glyph in face.getBestCmap().items() if glyph != "g0")
    return frozenset(covered)


def script(char: str) -> str:
    """'ARABIC LETTER ALEF' -> 'Arabic'; a Han, kana or Hangul character -> 'CJK'."""
    return script_name(char)


SKIPPED = ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn")


def ignorable(code: int) -> bool:
    """Variation selectors (the U+FE0F a phone puts after ❤ to ask for the colour emoji) and the
    combining grapheme joiner: marks that choose a form and print as nothing when a font lacks
    them (the text shaper hides them), not letters of a script."""
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F or code == 0x034F


def uncovered(path: Path, text: str, first_line: int = 1) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(errors, warnings): the first line where each script or symbol the fonts lack appears."""
    covered = coverage()
    errors: dict[str, Diagnostic] = {}
    warnings: dict[str, Diagnostic] = {}
    seen: set[int] = set()
    for number, line in enumerate(text.split("\n"), start=first_line):
        for char in line:
            code = ord(char)
            if code < 0x80 or code in covered or code in seen or unicodedata.category(char) in SKIPPED or ignorable(code):
                continue
            seen.add(code)
            if fonts.covers(code):
                continue
            name, known = script(char), script_of(char)
            if known is not None and not fonts.has_font(known):
                unseen = "" if fonts.searchable() else " (fontconfig's fc-list, which finds fonts, is missing too)"
                errors.setdefault(name, Diagnostic(path, number, f"{name} text (first: '{char}', U+{code:04X}) needs a "
                                                   f"font for {name} and this machine has none{unseen}: {install_hint(known)}"))
            elif unicodedata.category(char)[0] in "LM":
                fonts_named = "the bundled fonts nor the Noto fonts" if known is None else f"the {name} fonts"
                errors.setdefault(name, Diagnostic(path, number, f"neither {fonts_named} on this machine have the {name} "
                                                   f"letter '{char}' (U+{code:04X}); a guide in {name} needs a Noto font "
                                                   "that covers it"))
            else:
                warnings.setdefault(char, Diagnostic(path, number, f"no font has '{char}' (U+{code:04X}, "
                                                     f"{unicodedata.name(char, '?').lower()}): it will print as a box", "warning"))
    return list(errors.values()), list(warnings.values())
