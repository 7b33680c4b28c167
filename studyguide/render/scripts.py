"""Writing systems: which script a letter belongs to, which way a language runs,
and which Noto families set it. Knowledge only (no fontconfig, no WeasyPrint):
fonts.py finds the families on the machine, glyphs.py checks a guide against them.

The bundled Noto Serif/Sans cover Latin, Greek and Cyrillic; every other script
is set in the Noto family named here, found on the machine, and embedded as the
subset the guide uses. The order of FALLBACK is the order fontconfig tries them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "ckb", "dv", "syr", "iw"})
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})


@dataclass(frozen=True)
class Script:
    name: str
    serif: tuple[str, ...]  # Noto families, preferred first
    sans: tuple[str, ...]
    debian: str = "fonts-noto-core"
    brew: str = ""  # Homebrew cask

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.serif + self.sans))


def _s(name: str, serif: str | None = None, sans: str | None = None, **kw) -> Script:
    serif_families = (serif or f"Noto Serif {name}",) + ((sans or f"Noto Sans {name}"),)
    sans_families = ((sans or f"Noto Sans {name}"),) + ((serif or f"Noto Serif {name}"),)
    brew = kw.pop("brew", "font-" + (sans or f"Noto Sans {name}").lower().replace(" ", "-"))
    return Script(name, serif_families, sans_families, brew=brew, **kw)


CJK = Script("CJK", ("Noto Serif CJK SC", "Noto Sans CJK SC"), ("Noto Sans CJK SC", "Noto Serif CJK SC"),
             debian="fonts-noto-cjk", brew="font-noto-serif-cjk-sc font-noto-sans-cjk-sc")
SCRIPTS = {s.name: s for s in (
    _s("Arabic", serif="Noto Naskh Arabic", sans="Noto Sans Arabic", brew="font-noto-naskh-arabic font-noto-sans-arabic"),
    _s("Hebrew"), _s("Devanagari"), _s("Bengali"), _s("Gurmukhi"), _s("Gujarati"), _s("Oriya"), _s("Tamil"),
    _s("Telugu"), _s("Kannada"), _s("Malayalam"), _s("Sinhala"), _s("Thai"), _s("Lao"), _s("Khmer"),
    _s("Myanmar"), _s("Georgian"), _s("Armenian"), _s("Ethiopic"), _s("Tibetan"),
    _s("Syriac", serif="Noto Sans Syriac"), _s("Thaana", serif="Noto Sans Thaana"), CJK,
)}

# Unicode blocks, (first, last, script). Characters in no block here are left to
# the bundled fonts' own coverage (glyphs.py).
BLOCKS = sorted([
    (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"), (0xFB1D, 0xFB4F, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x0870, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"), (0x0700, 0x074F, "Syriac"), (0x0780, 0x07BF, "Thaana"),
    (0x0900, 0x097F, "Devanagari"), (0xA8E0, 0xA8FF, "Devanagari"), (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"), (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Oriya"), (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"), (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"), (0x1200, 0x139F, "Ethiopic"), (0x1780, 0x17FF, "Khmer"),
    (0x1100, 0x11FF, "CJK"), (0x2E80, 0x2FDF, "CJK"), (0x3000, 0x303F, "CJK"), (0x3040, 0x30FF, "CJK"),
    (0x3100, 0x31FF, "CJK"), (0x3200, 0x4DBF, "CJK"), (0x4E00, 0x9FFF, "CJK"), (0xA960, 0xA97F, "CJK"),
    (0xAC00, 0xD7FF, "CJK"), (0xF900, 0xFAFF, "CJK"), (0xFE30, 0xFE4F, "CJK"), (0xFF00, 0xFFEF, "CJK"),
    (0x20000, 0x3134F, "CJK"),
])
_STARTS = [b[0] for b in BLOCKS]

# Han characters are drawn differently in each CJK locale: the guide's `lang` picks the face.
CJK_FACES = {"ja": "JP", "ko": "KR", "zh-tw": "TC", "zh-hant": "TC", "zh-hk": "HK", "zh-mo": "HK"}
# Some languages are written in their own style of a script: {lang: families}. Urdu
# is at home in Nastaliq (Noto Nastaliq Urdu), but WeasyPrint 70 maps each glyph to one
# string in the PDF, and Nastaliq shares its contextual glyphs between many letters:
# its PDFs read back (copy, search, screen readers) as gibberish. Urdu is set in
# Naskh, whose text reads back, until WeasyPrint writes ActualText.
STYLES: dict[str, tuple[str, ...]] = {}


def script_of(char: str) -> Script | None:
    """The script whose Noto family draws `char`, if it is one of ours."""
    code = ord(char)
    i = bisect_right(_STARTS, code) - 1
    if i >= 0 and BLOCKS[i][0] <= code <= BLOCKS[i][1]:
        return SCRIPTS[BLOCKS[i][2]]
    return None


def script_name(char: str) -> str:
    """A name to tell an organiser: 'Arabic', 'CJK', else the first word of the Unicode name."""
    found = script_of(char)
    if found:
        return found.name
    name = unicodedata.name(char, "")
    return name.split(" ")[0].title() if name else f"U+{ord(char):04X}"


def primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def direction(lang: str) -> str:
    """'rtl' for a language written right to left, else 'ltr'."""
    return "rtl" if primary(lang) in RTL_LANGUAGES else "ltr"


def script_sheets(lang: str, pages: bool = False) -> list[str]:
    """The stylesheets a document in `lang` adds after its own: the script rules, and
    for a right-to-left guide's A5 pages the mirrored cover margins."""
    return ["scripts.css"] + (["rtl-pages.css"] if pages and direction(lang) == "rtl" else [])


def east_asian_width(text: str) -> int:
    """Width in Latin-letter units: a wide (CJK) character counts as two.
    The handout shares out its writing space by this, not by len()."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def install_hint(script: Script) -> str:
    """What to install, said for each system an organiser may use."""
    family = script.serif[0] if script is not CJK else "Noto Serif CJK and Noto Sans CJK"
    return (f"install {script.debian} (Debian, Ubuntu: apt install {script.debian}), "
            f"or {family} (macOS: brew install --cask {script.brew}; Windows: from fonts.google.com/noto, "
            "'Install for all users')")


BLOCK_RE = re.compile(r"<(p|li|h[1-6]|dt|dd|td|th|figcaption)(\s[^>]*)?>", re.I)
TAG_RE = re.compile(r"<[^>]*>")


def first_strong(text: str) -> str | None:
    """'rtl' or 'ltr' from the first letter with a direction (HTML's dir=auto rule)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def block_directions(html: str, base: str) -> str:
    """In a guide that mixes directions (an Arabic paragraph in an English guide, an
    English one in a Hebrew guide), each paragraph, item, heading and cell gets the
    direction of its first letter, as a browser's dir="auto" would (WeasyPrint has no
    dir="auto"): its full stop and its alignment then fall at its own end. A guide in
    one direction is returned as it was."""
    text = TAG_RE.sub(" ", html)
    other = "rtl" if base == "ltr" else "ltr"
    if not any(first_strong(char) == other for char in text):
        return html

    def annotate(match: re.Match) -> str:
        attributes = match.group(2) or ""
        if re.search(r"\sdir=", attributes):
            return match.group(0)
        end = html.find("</" + match.group(1), match.end())
        found = first_strong(TAG_RE.sub(" ", html[match.end(): end if end > 0 else None]))
        return f'<{match.group(1)}{attributes} dir="{found}">' if found and found != base else match.group(0)

    from studyguide.render.bidiruns import held_runs

    return held_runs(BLOCK_RE.sub(annotate, html), base)
