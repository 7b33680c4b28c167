"""Does the bundled type cover the guide? A letter no font has would be set in
whatever font a machine happens to have, or as an empty box: an error naming its
script, rather than a surprise at the printer. Symbols (emoji) only warn."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from .errors import Diagnostic
from .files import TEMPLATES


@lru_cache(maxsize=1)
def coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for font in sorted((TEMPLATES / "fonts").glob("*.ttf")):
        with TTFont(font, lazy=True) as face:
            covered.update(face.getBestCmap())
    return frozenset(covered)


def script(char: str) -> str:
    """'ARABIC LETTER ALEF' -> 'Arabic'."""
    name = unicodedata.name(char, "")
    return name.split(" ")[0].title() if name else f"U+{ord(char):04X}"


def uncovered(path: Path, text: str, first_line: int = 1) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(errors, warnings): the first line where each script or symbol the fonts lack appears."""
    covered = coverage()
    errors: dict[str, Diagnostic] = {}
    warnings: dict[str, Diagnostic] = {}
    for number, line in enumerate(text.split("\n"), start=first_line):
        for char in line:
            code = ord(char)
            if code < 0x80 or code in covered or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"):
                continue
            if unicodedata.category(char)[0] in "LM":
                name = script(char)
                errors.setdefault(name, Diagnostic(path, number, f"the bundled fonts have no {name} letters "
                                                  f"(first: '{char}', U+{code:04X}); a guide in {name} needs a font that covers it"))
            else:
                warnings.setdefault(char, Diagnostic(path, number, f"the bundled fonts have no '{char}' (U+{code:04X}, "
                                                     f"{unicodedata.name(char, '?').lower()}): it will print as a box", "warning"))
    return list(errors.values()), list(warnings.values())
