"""A reading PDF's text read a second way, to catch what the pixel check cannot see.

pdfvisible reads the text PDFium finds and keeps what changes the pixels. Text
PDFium leaves out altogether (at font size 0, under a zero text matrix, a zero
`cm` or a form with a zero /Matrix) is neither seen nor unseen there, yet Poppler
(pdftotext, Evince and Okular's search and copy) extracts it. So each page's text
is read again with pypdf, which reads the drawing as written; a word in it that
the seen text lacks is text no reader sees, and its page prints as a picture. Text
inside a soft mask or a pattern (a mask is never painted) counts the same. A font
with no way to Unicode (no ToUnicode, codes that name no letter) draws text that
reads back as garbage: nothing can check it for a leader's label, and the web page
would publish the garbage, so a page drawing words in one is refused."""

from __future__ import annotations

import io
import re
import unicodedata

SHOWS = {"Tj", "TJ", "'", '"'}
MAX_STREAMS = 5000  # content streams walked per PDF (forms drawing forms)
DISTINCT = 4  # codes a font without Unicode shows on a page before it is taken for words (bullets are one or two)
# Predefined CMaps that are Unicode, and the CJK collections whose CMaps PDFium and Poppler map to Unicode.
UNICODE_CMAP = re.compile(r"/Uni\w*-(?:UCS2|UTF8|UTF16|UTF32)-[HV]")
COLLECTIONS = {"Japan1", "GB1", "CNS1", "Korea1", "KR"}
NAMED_ENCODINGS = {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding", "/MacExpertEncoding", "/PDFDocEncoding"}


def second_texts(data: bytes) -> list[str | None]:
    """Per page, the text pypdf extracts (None where it cannot: the page is then taken as holding unseen text)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    texts: list[str | None] = []
    for page in reader.pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # noqa: BLE001 - pypdf's many failures on odd drawings; fail closed: the page is pictured
            texts.append(None)
    return texts


def _words(text: str) -> list[str]:
    """Runs of letters of one script, or of digits: the two readers order a right-to-left line with a Latin word
    or a number in it differently (`COP26.שלום` and `שלוםCOP26`)."""
    words = []
    for run in re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFKC", text).casefold()):
        start = 0
        for n in range(1, len(run) + 1):
            if n == len(run) or _script(run[n]) != _script(run[start]):
                words.append(run[start:n])
                start = n
    return words


def _script(char: str) -> str:
    if char.isdigit():
        return "digit"
    return unicodedata.name(char, "?").split(" ", 1)[0] if ord(char) > 0x7F else "LATIN"


def unseen_words(seen: str, second: str | None) -> list[str]:
    """The words of the second reading found nowhere in the seen text (spaces aside: the two readers break
    words and lines differently). A page the second reader could not read is one unseen word."""
    if second is None:
        return ["?"]
    joined = "".join(re.findall(r"\w+", unicodedata.normalize("NFKC", seen).casefold()))
    return [word for word in _words(second) if word not in joined and word[::-1] not in joined]  # right to left


def fonts_and_masks(data: bytes) -> tuple[dict[int, list[str]], set[int]]:
    """Per page (from 1), the fonts without Unicode that show words; and the pages with text in a soft mask or a
    pattern (drawn as a mask or a fill, never as letters a reader sees, though a text extractor may read it)."""
    import pikepdf

    unreadable: dict[int, list[str]] = {}
    masked: set[int] = set()
    budget = [MAX_STREAMS]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            shown: dict[str, set[bytes]] = {}
            fonts: dict[str, object] = {}
            todo = [(page.obj, page.obj.get("/Resources"), False, None)]
            seen: set = set()
            while todo and budget[0] > 0:
                stream, resources, hidden, font = todo.pop()
                budget[0] -= 1
                own = stream.get("/Resources")
                resources = own if isinstance(own, pikepdf.Dictionary) else resources
                for child, child_hidden, child_font, has_text in _walk(pdf, stream, resources, hidden, font,
                                                                       shown, fonts):
                    if has_text and child_hidden:
                        masked.add(number)
                    if child is None:
                        continue
                    key = child.objgen if child.objgen != (0, 0) else id(child)
                    if (key, child_hidden) not in seen:
                        seen.add((key, child_hidden))
                        todo.append((child, resources, child_hidden, child_font))
            if budget[0] <= 0:
                masked.add(number)  # past what is read: fail closed, the page prints as a picture
            names = [_font_name(fonts[key]) for key, codes in shown.items()
                     if len(codes) >= DISTINCT and unmapped(fonts[key], codes)]
            if names:
                unreadable[number] = names
    return unreadable, masked


def _walk(pdf, stream, resources, hidden: bool, font, shown: dict, fonts: dict):
    """One content stream: records the codes each font shows; yields the streams it draws (forms; for soft masks
    and patterns, marked hidden) and whether text is shown hidden."""
    import pikepdf

    page_like = isinstance(stream, pikepdf.Dictionary) and stream.get("/Type") == pikepdf.Name.Page
    try:
        instructions = pikepdf.parse_content_stream(pikepdf.Page(stream) if page_like else stream)
    except (pikepdf.PdfError, TypeError, ValueError):
        yield None, True, font, True  # a drawing that cannot be read: taken as hiding text (its page pictured)
        return
    current = font
    text_here = False
    for instruction in instructions:
        operator = str(getattr(instruction, "operator", ""))
        operands = list(getattr(instruction, "operands", []))
        if operator == "Tf" and operands:
            current = _resource(resources, "/Font", operands[0])
        elif operator in SHOWS and operands:
            text_here = True
            if isinstance(current, pikepdf.Dictionary):
                key = str(current.objgen if current.objgen != (0, 0) else id(current))
                fonts[key] = current
                shown.setdefault(key, set()).update(_codes(operands[-1]))
        elif operator == "Do" and operands:
            xobject = _resource(resources, "/XObject", operands[0])
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == pikepdf.Name.Form:
                yield xobject, hidden, current, False
        elif operator == "gs" and operands:
            state = _resource(resources, "/ExtGState", operands[0])
            mask = state.get("/SMask") if isinstance(state, pikepdf.Dictionary) else None
            group = mask.get("/G") if isinstance(mask, pikepdf.Dictionary) else None
            if isinstance(group, pikepdf.Stream):
                yield group, True, None, False
    patterns = resources.get("/Pattern") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(patterns, pikepdf.Dictionary):
        for _, pattern in patterns.items():
            if isinstance(pattern, pikepdf.Stream):  # a tiling pattern draws its cell with a content stream
                yield pattern, True, None, False
    if text_here and hidden:
        yield None, True, current, True


def _resource(resources, kind: str, name):
    import pikepdf

    group = resources.get(kind) if isinstance(resources, pikepdf.Dictionary) else None
    return group.get(str(name)) if isinstance(group, pikepdf.Dictionary) else None


def _codes(operand) -> set[bytes]:
    import pikepdf

    if isinstance(operand, pikepdf.Array):
        return set().union(*(_codes(item) for item in operand)) if len(operand) else set()
    if isinstance(operand, pikepdf.String):
        raw = bytes(operand)
        return {raw[i:i + 1] for i in range(len(raw))}
    return set()


def _font_name(font) -> str:
    import pikepdf

    name = re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont", font.get("/Name", ""))).lstrip("/"))
    kind = "Type 3" if font.get("/Subtype") == pikepdf.Name.Type3 else str(font.get("/Subtype", "")).lstrip("/")
    return name or f"(a {kind} font without a name)"


def unmapped(font, codes: set[bytes] = frozenset()) -> bool:
    """No way from the font's codes to letters: no ToUnicode, and an encoding that names no glyphs by their letters.
    `codes`: those the page shows in it (a symbolic TrueType font whose codes are the letters' own is read)."""
    import pikepdf

    if not isinstance(font, pikepdf.Dictionary) or "/ToUnicode" in font:
        return False
    subtype = str(font.get("/Subtype", ""))
    encoding = font.get("/Encoding")
    if subtype == "/Type0":
        if isinstance(encoding, pikepdf.Name) and UNICODE_CMAP.fullmatch(str(encoding)):
            return False
        descendants = font.get("/DescendantFonts")
        info = descendants[0].get("/CIDSystemInfo") if isinstance(descendants, pikepdf.Array) and len(descendants) \
            and isinstance(descendants[0], pikepdf.Dictionary) else None
        ordering = str(info.get("/Ordering", "")) if isinstance(info, pikepdf.Dictionary) else ""
        return not (ordering in COLLECTIONS and isinstance(encoding, pikepdf.Name)
                    and str(encoding) not in ("/Identity-H", "/Identity-V"))
    if isinstance(encoding, pikepdf.Dictionary):
        differences = encoding.get("/Differences")
        names = [str(item)[1:] for item in differences if isinstance(item, pikepdf.Name)] \
            if isinstance(differences, pikepdf.Array) else []
        return not _names_read(names) if names or subtype == "/Type3" else False
    if isinstance(encoding, pikepdf.Name):
        return str(encoding) not in NAMED_ENCODINGS
    if subtype == "/Type3":
        return True
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return False  # one of the standard 14: its encoding is known
    if subtype == "/TrueType" and "/FontFile2" in descriptor:
        flags = int(descriptor.get("/Flags", 0)) if isinstance(descriptor.get("/Flags"), int) else 0
        # Symbolic: its codes go straight to glyphs, naming no letter, but where each code shown draws the glyph
        # named for the character of that code (older Word and Distiller subsets), as readers take it.
        return not flags & 32 and not _codes_are_letters(descriptor.FontFile2, codes)
    return False  # a Type 1 program names its glyphs (its built-in encoding)


def _codes_are_letters(program, codes: set[bytes]) -> bool:
    """Each code shown (but a tenth) draws, by the font's own cmap, the glyph its post table names for the
    character of that code (`A` for 0x41): text readers, which take the code for the character, read it right."""
    from fontTools.agl import toUnicode
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(program.read_bytes()))
        names = font.getGlyphOrder()
        tables = [t for t in font["cmap"].tables if (t.platformID, t.platEncID) in ((3, 0), (1, 0))]
        if not codes or not tables or font["post"].formatType != 2.0:
            return False
        right = 0
        for code in (c[0] for c in codes):
            glyph = next((t.cmap.get(offset + code) for t in tables for offset in (0xF000, 0) if t.cmap.get(offset + code)),
                         None)
            right += glyph is not None and glyph in names and toUnicode(glyph) == bytes([code]).decode("cp1252", "replace")
        return right * 10 >= len(codes) * 9
    except Exception:  # noqa: BLE001 - a font program fontTools cannot read: no letters known
        return False


def _names_read(names: list[str]) -> bool:
    """Most glyph names are letters' names (`A`, `uni0041`, `f_i`), not numbers (`g3`, `glyph12`, `cid40`)."""
    from fontTools.agl import toUnicode

    if not names:
        return False
    known = sum(1 for name in names if toUnicode(name))
    return known * 10 >= len(names) * 9


def unspaced(text: str) -> str:
    """Letter-spaced words joined: a heading set with tracking reads back `F A C I L I T A T O R N O T E S`.
    Where the joined letters begin with a leader's word and a note's word, a space goes between them."""
    from studyguide.read.leaderwords import LEADS, NOTE

    split = re.compile(rf"({LEADS}(?:['’]?s)?)({NOTE})(.*)", re.I)

    def join(match: re.Match) -> str:
        word = match.group(0).replace(" ", "")
        parts = split.fullmatch(word)
        return " ".join(p for p in parts.groups() if p) if parts else word

    return re.sub(r"(?<!\S)(?:\S ){2,}\S(?!\S)", join, text)
