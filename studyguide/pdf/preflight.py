"""Preflight: every PDF is checked before it replaces the last good one.

Lenient readers (pypdf, Poppler) draw files that strict ones (PDFium, a print
shop's RIP) leave blank, so a PDF that only "opens" proves nothing. This reads
each file as qpdf does (pikepdf): it must parse without a warning or a repaired
object, every page must draw something, every font must be embedded, the page
boxes must nest, and the header must claim the version its features need.
Two exceptions, both the reading's and said when the guide is read: a page of a
PDF reading may be blank (as a scanned chapter's often is), and a build's files
may name the standard 14 fonts without embedding them, as a PDF reading may (every
viewer and printer has them; WeasyPrint always embeds its own, so this hides no
fault of ours).
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
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
               "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
               "Courier-BoldOblique", "Symbol", "ZapfDingbats"}


class PreflightError(Exception):
    """A PDF we made fails its check: our bug, never the guide's, and the earlier file is kept."""


def check_files(files: dict[Path, bytes], read=None) -> None:
    """Check every PDF among files about to be written; raise on the first that fails. `read(data)`:
    its problems, as `problems(data, standard_fonts=True)` gives them (perhaps found earlier, elsewhere)."""
    for path, data in files.items():
        if Path(path).suffix.lower() == ".pdf":  # a PDF reading may name the standard fonts: the reader has warned
            _refuse(path, read(data) if read else problems(data, standard_fonts=True))


def check(path: Path | str, data: bytes, *, inherited: list[str] = (), blank_sides: bool = False,
          standard_fonts: bool = False) -> None:
    """Raise PreflightError naming `path` if `data` has a problem. `inherited`: problems
    the source PDF had already (`studyguide impose` of someone else's file), not ours;
    `blank_sides`: a booklet of someone else's file may have a sheet side left white;
    `standard_fonts`: the standard 14 fonts may be named without being embedded."""
    _refuse(path, [p for p in problems(data, blank_sides, standard_fonts) if p not in inherited])


def _refuse(path: Path | str, found: list[str]) -> None:
    if found:
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        raise PreflightError(f"{path} failed its preflight check: {'; '.join(found[:3])}{more}; "
                             "it was not written, the earlier file is kept")


def _local_links(page) -> list[str]:
    """A link annotation to a file (`file:///home/…`): it names the organiser's own folders, and opens nothing
    anywhere else. The layout takes such links off; this is the check that it did."""
    found = []
    for annotation in page.get("/Annots", None) or []:
        try:
            action = annotation.get("/A")
            uri = str(action.get("/URI")) if action is not None and "/URI" in action else ""
        except (AttributeError, TypeError, ValueError):
            continue
        if uri and not re.match(r"(?i)(?:https?|mailto|ftp):", uri):
            found.append(uri)
    return found


def problems(data: bytes, blank_sides: bool = False, standard_fonts: bool = False) -> list[str]:
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
        readings = _reading_pages(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            if not walk.paints(page.obj, page.obj.get("/Resources")) and not blank_sides and number not in readings:
                found.append(f"page {number} draws nothing")
            found += [f"page {number}: {p}" for p in _boxes(page.obj)]
            found += [f"page {number} links to a file on this computer ({uri[:60]})" for uri in _local_links(page.obj)]
        found += [f"font {name} is not embedded" for name in sorted(walk.unembedded)
                  if not (standard_fonts and standard(name))]
        needed = max(walk.version, _document_version(pdf, data))
        have = max(_version(str(pdf.pdf_version)), _version(str(pdf.Root.get("/Version", "/1.0"))[1:]))
        if have < needed:
            found.append("the header says %PDF-{}.{} but the file uses PDF {}.{} features".format(*have, *needed))
        return found


def standard(font: str) -> bool:
    """One of the 14 fonts a PDF may name without embedding (PDF 1.7, 9.6.2.2)."""
    return font.split("+", 1)[-1] in STANDARD_14


def unembedded(data: bytes) -> list[tuple[int, str]]:
    """(page number, font name) for each font the PDF uses without embedding it, at its first page."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        walk = _Walk(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            before = set(walk.unembedded)
            walk.paints(page.obj, page.obj.get("/Resources"))
            found += [(number, name) for name in sorted(walk.unembedded - before)]
    return found


def _reading_pages(pdf: pikepdf.Pdf) -> set[int]:
    """The pages a PDF reading was drawn on (the layout's named destinations say which)."""
    from studyguide.read.pdfreading import ANCHOR

    index = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    names = pdf.Root.get("/Names")
    tree = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
    items = list(pikepdf.NameTree(tree).items()) if tree is not None else []
    if isinstance(pdf.Root.get("/Dests"), pikepdf.Dictionary):
        items += [(key[1:], value) for key, value in pdf.Root.Dests.items()]
    found = set()
    for name, value in items:
        if str(name).startswith(ANCHOR):
            value = value.get("/D") if isinstance(value, pikepdf.Dictionary) else value
            if isinstance(value, pikepdf.Array) and len(value) and isinstance(value[0], pikepdf.Dictionary):
                found.add(index.get(value[0].objgen))
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
