"""Fonts for every script, from the machine: the bundled Noto Serif/Sans stay the
type of every guide; a letter they lack is set in the Noto family for its script
(scripts.py), found through fontconfig and embedded by WeasyPrint as the subset
the guide uses. Nothing is downloaded and nothing large enters the package.

How: every stylesheet names only "SG Serif" and "SG Sans". One fontconfig rule per
family appends the Noto families after it (and, for Chinese, Japanese and Korean,
puts the locale's CJK face first), so each `font:` declaration in any theme falls
back to the right family, in a fixed order, never to whatever a machine has.

Pango substitutes font patterns with fontconfig's *current* configuration (not
WeasyPrint's own), so the rules go there, once per process.
"""

from __future__ import annotations

import shutil
import subprocess
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from studyguide.render.scripts import CJK, CJK_FACES, SCRIPTS, STYLES, Script

BUNDLED = {"serif": "SG Serif", "sans": "SG Sans"}


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    file: str
    index: int
    ranges: tuple[tuple[int, int], ...]

    def covers(self, code: int) -> bool:
        return any(start <= code <= end for start, end in self.ranges)


def _ranges(charset: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in charset.split():
        first, _, last = part.partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return tuple(out)


def searchable() -> bool:
    """Can fonts be looked up at all? (fontconfig's fc-list, installed with Pango.)"""
    return shutil.which("fc-list") is not None


def _fc_list(fields: str) -> list[list[str]]:
    """fc-list's answer, one list of tab-separated fields per face; none without fontconfig."""
    program = shutil.which("fc-list")
    if program is None:
        return []
    try:
        listing = subprocess.run([program, "-f", fields + r"\n", ":family"], capture_output=True, text=True,
                                 timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split("\t") for line in listing.splitlines() if "Noto" in line]


@lru_cache(maxsize=1)
def families() -> frozenset[str]:
    """The Noto families installed: all the fontconfig rules need (fast: no charsets)."""
    return frozenset(name for fields in _fc_list("%{family}") for name in fields[0].split(","))


@lru_cache(maxsize=1)
def installed() -> dict[str, tuple[Face, ...]]:
    """The Noto faces fontconfig knows, by family name, with what each covers: one fc-list,
    cached for the process, asked only when a guide has letters the bundled fonts lack."""
    faces: dict[str, list[Face]] = {}
    for fields in _fc_list(r"%{family}\t%{style}\t%{index}\t%{file}\t%{charset}"):
        if len(fields) != 5:
            continue
        names, style, index, file, charset = fields
        for family in names.split(","):
            faces.setdefault(family, []).append(Face(family, style.split(",")[0], file, int(index or 0), _ranges(charset)))
    return {family: tuple(found) for family, found in faces.items()}


def fallback(kind: str) -> tuple[str, ...]:
    """The families tried after the bundled one, in order, for "serif" or "sans": those
    scripts.py names, then every other Noto family installed (for the scripts it does
    not name), alphabetically. Colour emoji are left out: a printed guide is not a chat."""
    named = [f for script in SCRIPTS.values() for f in getattr(script, kind)]
    others = sorted(f for f in families() if "Emoji" not in f and "CJK" not in f and f not in named)
    return tuple(dict.fromkeys(named + others))


def has_font(script: Script) -> bool:
    faces = installed()
    return any(family in faces for family in script.families)


@lru_cache(maxsize=1)
def _fallback_ranges() -> tuple[list[int], list[int]]:
    """Every range the fallback families cover, merged: (starts, ends) for bisect."""
    faces = installed()
    spans = sorted(r for family in set(fallback("serif") + fallback("sans")) for face in faces.get(family, ())
                   for r in face.ranges)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def covers(code: int) -> bool:
    """Would one of the machine's Noto fallback families draw this character?"""
    starts, ends = _fallback_ranges()
    i = bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def forget() -> None:
    """Look at the machine's fonts again (after installing some, or in tests)."""
    families.cache_clear()
    installed.cache_clear()
    _fallback_ranges.cache_clear()


def embedded(kind: str, code: int) -> str | None:
    """The family that would draw `code` after the bundled one (for reports and tests)."""
    faces = installed()
    return next((family for family in fallback(kind) for face in faces.get(family, ()) if face.covers(code)), None)


def rules() -> str:
    """The fontconfig rules: after each bundled family, the Noto families for every script."""
    def families(names) -> str:
        return "".join(f"<string>{escape(name)}</string>" for name in names)

    out = []
    for kind, bundled in BUNDLED.items():
        test = f'<test name="family"><string>{bundled}</string></test>'
        out.append(f'<match target="pattern">{test}<edit name="family" mode="append" binding="strong">'
                   f'{families(fallback(kind))}</edit></match>')
        # A language written in its own style of a script (Urdu in Nastaliq): its face
        # before the script's usual one, still after the bundled face (appended later,
        # so inserted nearer the bundled family).
        for tag, styled in STYLES.items():
            out.append(f'<match target="pattern">{test}<test name="lang" compare="contains"><string>{tag}</string></test>'
                       f'<edit name="family" mode="append" binding="strong">{families(styled)}</edit></match>')
        # CJK text sets its punctuation and Latin in the CJK face too: put it first.
        # Most specific tags first, since each prepends directly before the bundled family.
        cjk = getattr(CJK, kind)[0].replace(" SC", "")
        for tag, region in sorted(CJK_FACES.items(), key=lambda item: -len(item[0])) + [("zh", "SC")]:
            out.append(f'<match target="pattern">{test}<test name="lang" compare="contains"><string>{tag}</string></test>'
                       f'<edit name="family" mode="prepend" binding="strong">{families([f"{cjk} {region}"])}</edit></match>')
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            + "\n".join(out) + "\n</fontconfig>\n")


_configured = False


def configure() -> None:
    """Load the rules into fontconfig's current configuration, once per process.
    Called before the first layout (pdf.font_config)."""
    global _configured
    if _configured:
        return
    import cffi

    ffi = cffi.FFI()
    ffi.cdef("typedef struct _FcConfig FcConfig; FcConfig *FcConfigGetCurrent(void);"
             "int FcConfigParseAndLoadFromMemory(FcConfig *, const unsigned char *, int);"
             "int FcConfigSetRescanInterval(FcConfig *, int);")
    lib = None
    for name in ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll", "fontconfig-1", "fontconfig"):
        try:
            lib = ffi.dlopen(name)
            break
        except OSError:
            continue
    if lib is None:  # WeasyPrint itself could not run without it
        return
    config = lib.FcConfigGetCurrent()
    lib.FcConfigParseAndLoadFromMemory(config, rules().encode(), 1)
    # A rescan would build a new current configuration without these rules.
    lib.FcConfigSetRescanInterval(config, 0)
    _configured = True
