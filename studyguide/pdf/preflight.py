"""Preflight: every PDF is checked before it replaces the last good one.

Lenient readers (pypdf, Poppler) draw files that strict ones (PDFium, a print
shop's RIP) leave blank, so a PDF that only "opens" proves nothing. This reads
each file as qpdf does (pikepdf): it must parse without a warning or a repaired
object, every page must draw something, every font must be embedded, the page
boxes must nest, and the header must claim the version its features need.
Structure only, no rendering: a few milliseconds a file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf

PAINT = re.compile(rb"(?<![\w/.])(?:Tj|TJ|'|\"|f\*?|F|[Bb]\*?|S|s|sh|BI|Do)(?![\w*])")
DRAWN = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do(?![\w*])")
V15 = re.compile(rb"/Type\s*/(?:ObjStm|XRef)\b|/JPXDecode\b")
TOLERANCE = 0.01  # points


class PreflightError(Exception):
    """A PDF we made fails its check: our bug, never the guide's, and the earlier file is kept."""


def check_files(files: dict[Path, bytes]) -> None:
    """Check every PDF among files about to be written; raise on the first that fails."""
    for path, data in files.items():
        if Path(path).suffix.lower() == ".pdf":
            check(path, data)


def check(path: Path | str, data: bytes, *, inherited: list[str] = (), blank_sides: bool = False) -> None:
    """Raise PreflightError naming `path` if `data` has a problem. `inherited`: problems
    the source PDF had already (`studyguide impose` of someone else's file), not ours;
    `blank_sides`: a booklet of someone else's file may have a sheet side left white."""
    found = [p for p in problems(data, blank_sides) if p not in inherited]
    if found:
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        raise PreflightError(f"{path} failed its preflight check: {'; '.join(found[:3])}{more}; "
                             "it was not written, the earlier file is kept")


def problems(data: bytes, blank_sides: bool = False) -> list[str]:
    """What is wrong with the PDF `data`, in words; empty when nothing is."""
    try:
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False)
    except pikepdf.PdfError as exc:
        return [f"does not parse: {exc}"]
    with pdf:
        found = [_said(p) for p in pdf.check_pdf_syntax() + pdf.get_warnings()]
        if found:
            return found
        walk = _Walk(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            if not walk.paints(page.obj, page.obj.get("/Resources")) and not blank_sides:
                found.append(f"page {number} draws nothing")
            found += [f"page {number}: {p}" for p in _boxes(page.obj)]
        found += [f"font {name} is not embedded" for name in sorted(walk.unembedded)]
        needed = max(walk.version, _document_version(pdf, data))
        have = max(_version(str(pdf.pdf_version)), _version(str(pdf.Root.get("/Version", "/1.0"))[1:]))
        if have < needed:
            found.append("the header says %PDF-{}.{} but the file uses PDF {}.{} features".format(*have, *needed))
        return found


def _said(problem: str) -> str:
    """qpdf's words, without its name for an in-memory file."""
    return "qpdf: " + re.sub(r"^WARNING: |stream <_io\.BytesIO object at 0x[0-9a-f]+> ", "", problem)


def _version(text: str) -> tuple[int, int]:
    found = re.match(r"(\d+)\.(\d+)", text)
    return (int(found[1]), int(found[2])) if found else (1, 0)


def _document_version(pdf: pikepdf.Pdf, data: bytes) -> tuple[int, int]:
    if "/OCProperties" in pdf.Root or V15.search(data):
        return (1, 5)
    if "/MarkInfo" in pdf.Root:
        return (1, 4)
    return (1, 0)


class _Walk:
    """Pages and the forms they draw, each object looked at once: what paints,
    which fonts are not embedded, and which features set the version needed."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.forms: dict[tuple[int, int], bool] = {}
        self.fonts: set[tuple[int, int]] = set()
        self.states: set[tuple[int, int]] = set()
        self.unembedded: set[str] = set()
        self.version = (1, 0)

    def paints(self, holder: pikepdf.Object, resources, depth: int = 0) -> bool:
        """Whether `holder` (a page or a form) has a painting operator, directly or in a form it draws."""
        if holder.get("/Group") is not None and holder.Group.get("/S") == "/Transparency":
            self.version = max(self.version, (1, 4))
        resources = resources if isinstance(resources, pikepdf.Dictionary) else pikepdf.Dictionary()
        self._fonts(resources)
        self._states(resources)
        data = _contents(holder)
        drawn = set(DRAWN.findall(data))
        painted = any(m.group() != b"Do" for m in PAINT.finditer(data))
        xobjects = resources.get("/XObject") or pikepdf.Dictionary()
        for name in drawn:
            xobject = xobjects.get("/" + name.decode("latin-1"))
            if xobject is None:
                continue
            if xobject.get("/Subtype") == "/Image":
                painted = True
                if "/SMask" in xobject:
                    self.version = max(self.version, (1, 4))
            elif xobject.get("/Subtype") == "/Form" and depth < 12:
                key = xobject.objgen
                if key not in self.forms or key == (0, 0):
                    self.forms[key] = False  # a form drawing itself paints nothing more
                    self.forms[key] = self.paints(xobject, xobject.get("/Resources", resources), depth + 1)
                painted = painted or self.forms[key]
        return painted

    def _fonts(self, resources: pikepdf.Dictionary) -> None:
        for name, font in (resources.get("/Font") or pikepdf.Dictionary()).items():
            key = font.objgen
            if key != (0, 0) and key in self.fonts:
                continue
            self.fonts.add(key)
            if not _embedded(font):
                self.unembedded.add(str(font.get("/BaseFont", name)).lstrip("/"))

    def _states(self, resources: pikepdf.Dictionary) -> None:
        for state in (resources.get("/ExtGState") or pikepdf.Dictionary()).values():
            key = state.objgen
            if key != (0, 0) and key in self.states:
                continue
            self.states.add(key)
            if any(key in state for key in ("/SMask", "/CA", "/ca", "/BM", "/AIS", "/TK")):  # PDF 1.4's
                self.version = max(self.version, (1, 4))


def _contents(holder: pikepdf.Object) -> bytes:
    if isinstance(holder, pikepdf.Stream):
        return holder.read_bytes()
    contents = holder.get("/Contents")
    if contents is None:
        return b""
    parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return b"\n".join(part.read_bytes() for part in parts if isinstance(part, pikepdf.Stream))


def _embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _boxes(page: pikepdf.Dictionary) -> list[str]:
    """ArtBox ⊆ TrimBox ⊆ BleedBox ⊆ CropBox ⊆ MediaBox, among the boxes the page sets
    (one left out stands for its default, the CropBox, and is not compared)."""
    chain = []
    for name in ("/ArtBox", "/TrimBox", "/BleedBox", "/CropBox", "/MediaBox"):
        value = page.get(name)
        if value is not None:
            x0, y0, x1, y1 = (float(v) for v in value)
            chain.append((name[1:], (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
    if not chain or chain[-1][0] != "MediaBox":
        return ["no MediaBox"]
    found = []
    for (inner, a), (outer, b) in zip(chain, chain[1:]):
        if a[0] < b[0] - TOLERANCE or a[1] < b[1] - TOLERANCE or a[2] > b[2] + TOLERANCE or a[3] > b[3] + TOLERANCE:
            found.append(f"the {inner} is not within the {outer}")
    found += [f"the {name} is empty" for name, (x0, y0, x1, y1) in chain if x1 - x0 <= 0 or y1 - y0 <= 0]
    return found
