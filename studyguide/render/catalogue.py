"""The web side: `index.html` listing every guide built in a folder, and a page
per guide with its cover, its files to download and its text to read.
Offline, no JavaScript, readable on a phone."""

from __future__ import annotations

import html
import io
from dataclasses import asdict
import re
import stat
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from studyguide.files import write_atomically
from studyguide.i18n import lead, say, say_html, words_for
from studyguide.papers import paper
from studyguide.read.quotes import smart_meta
from studyguide.record import records
from studyguide.render.imagemeta import stripped
from studyguide.render.svgclean import cleaned as cleaned_svg

OWN_FILES = ("index.html", "style.css")  # the catalogue's files in OUT/: no guide may take these names (slugs.py)


def label(key: str, words: dict | None = None) -> str:
    """What an output is, in the words' language (English without them)."""
    from studyguide.editions import label as edition_label

    return edition_label(key, words)


def shared(key: str) -> bool:
    """May the group's pages link this file? Only editions made for participants."""
    from studyguide.editions import for_participants

    return for_participants(key)


def printing(sheets: int, paper_name: str, long_edge: bool = False, lang: str | None = None,
             theme: Path | None = None) -> str:
    """What to tell the printer, said once here for the web pages and the CLI, in `lang` (English by default)."""
    words = words_for(lang, theme)
    sheet = words.get(f"paper_{paper(paper_name).name}") or paper(paper_name).label
    return say(words, "print_line", sheets=say(words, "print_sheets", n=sheets, paper=sheet),
               how=words["print_long_edge" if long_edge else "print_short_edge"])


def size_label(size: int, words: dict | None = None) -> str:
    """A file's size as the words' language writes it: "1.2 MB", "1,2 Mo", "340 kB"."""
    words = words or words_for("en")
    if size >= 1_000_000:
        return say(words, "size_mb", n=f"{size / 1_000_000:.1f}".replace(".", words["decimal_point"]))
    return say(words, "size_kb", n=max(1, round(size / 1000)))


def cover_png(pdf: bytes, width: int = 300) -> bytes:
    """Page 1 as a PNG thumbnail (pdfium renders, Pillow encodes)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width / page.get_width()).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


IMAGE_TYPES = {".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
               ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".svg": ()}
MAX_IMAGE_BYTES = 50_000_000
IMG_RE = re.compile(r"<img\b[^>]*>")
SRC_RE = re.compile(r'(\s)src="([^"]*)"')
ALT_RE = re.compile(r'\salt="([^"]*)"')


def _image(root: Path, folder: Path, src: str) -> tuple[str, bytes] | None:
    """(path relative to the guide's folder, bytes) when `src` names an image file
    inside it: by its suffix and its first bytes, never a guide's source or notes."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or src.startswith(("/", "\\")):
        return None
    path = (folder / unquote(parts.path)).resolve()
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if not path.is_relative_to(root):
        return None
    try:
        if not stat.S_ISREG(path.stat().st_mode) or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    name, suffix = path.relative_to(root).as_posix(), path.suffix.lower()
    if kind is None or kind and not data.startswith(kind):
        # A JPEG saved as map.png (a phone's or a browser's download): the PDF draws it, so the web page and the
        # EPUB show it too, under its own kind's name (map.png.jpg: no other picture of the guide's has that name).
        suffix = next((real for real, heads in IMAGE_TYPES.items() if heads and data.startswith(heads)
                       and (real != ".webp" or data[8:12] == b"WEBP")), "")
        if not suffix and (data := _as_png(data)) is not None:  # a BMP, a TIFF, an icon: drawn in the PDF, and
            suffix = ".png"  # shown on the page as PNG, which every browser and reader shows
        if not suffix:
            return None
        name += suffix
    if suffix == ".svg" and (data := cleaned_svg(data)) is None:  # its scripts and remote loads taken out: svgclean.py
        return None
    if (data := stripped(data, suffix)) is None:  # its caption, author, place: imagemeta.py
        return None
    return name, data


def _as_png(data: bytes) -> bytes | None:
    """A picture WeasyPrint draws (through Pillow) but browsers and e-readers may not (BMP, TIFF, ICO), as PNG."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("BMP", "DIB", "TIFF", "ICO", "PPM", "TGA", "PCX"):
                    return None
                out = io.BytesIO()
                image.convert("RGBA" if "A" in image.getbands() else "RGB").save(out, "PNG")
                return out.getvalue()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds: not a picture we can show, as before
        return None


def local_images(guide, markup: str, prefix: str, remote: bool = False) -> tuple[str, dict[str, bytes]]:
    """The markup with each image the guide shows moved under `prefix` (so no name
    of the guide's can replace a generated file), and those images' bytes by their
    new names. An image that is not a file of the guide's (a remote one too, unless
    the guide opted in) is replaced by its alt text: opening the page fetches
    nothing from elsewhere, and shows no broken image."""
    from studyguide.read.sanitize import local_only

    root, found = guide.folder.resolve(), {}

    def move(match: re.Match) -> str:
        tag = match.group(0)
        source = SRC_RE.search(tag)
        src = html.unescape(source.group(2)) if source else ""
        if src.startswith("data:") or (remote and urlsplit(src).scheme in ("http", "https")):
            return tag
        image = _image(root, guide.folder, src) if src else None
        if image is None:
            alt = ALT_RE.search(tag)
            return f'<span class="image-refused">{alt.group(1) if alt else ""}</span>'  # alt: already escaped
        name = prefix + image[0]
        found[name] = image[1]
        return tag[:source.start(2)] + html.escape(quote(name), quote=True) + tag[source.end(2):]

    markup = IMG_RE.sub(move, markup)
    return (markup if remote else local_only(markup)), found


def assets(guide, markup: str) -> dict[str, bytes]:
    """Images the guide's pages show, by their paths in its folder (the EPUB's)."""
    return {name: data for name, data in local_images(guide, markup, "")[1].items()}


def guide_page(guide, files: dict[str, bytes], names: dict[str, str], pages: int, sheets: int,
               theme: Path | None = None, remote: bool = False, long_edge: bool = False) -> dict[str, bytes]:
    """The guide's web page and what it shows: {file name: bytes}, names relative to its folder.
    The group's page: the leader's files are not linked from it."""
    import dataclasses
    import functools

    from markupsafe import Markup

    from studyguide.render.html import environment
    from studyguide.render.scripts import block_directions, direction

    words = words_for(guide.meta.lang, theme)
    links = [{"href": quote(names[key]), "label": label(key, words), "size": size_label(len(data), words)}
             for key, data in files.items() if key in names and shared(key)]
    body, images = local_images(guide, guide.html["participant"], "assets/", remote)
    article = guide.article
    if article is not None:
        article_html, more = local_images(guide, article.html, "assets/", remote)
        article, images = dataclasses.replace(article, html=article_html), {**images, **more}
    page = environment(theme).get_template("page.html.j2").render(
        meta=smart_meta(guide.meta), body=Markup(block_directions(body, direction(guide.meta.lang))), links=links, pages=pages, article=article, words=words,
        rights=guide.meta.rights or words["rights_default"], say=functools.partial(say_html, words), lead=lead,
        printing=printing(sheets, guide.meta.paper, long_edge, guide.meta.lang, theme) if "booklet" in files else None,
    )
    out = {"index.html": page.encode("utf-8")}
    if "participant" in files:
        out["cover.png"] = cover_png(files["participant"])
    out.update(images)
    return out


MADE_FROM = re.compile(rb"<!-- studyguide: made from ([0-9a-f]{64}) with ([^>]*)-->\n?\Z")


def _inputs(out: Path, theme: Path | None, lang: str | None) -> str:
    """What the catalogue and the files beside it are made from, as one digest: each guide
    folder's own files (its record and calendar whole, the others by name, kind and size:
    what the page shows of them), our code and templates, the theme and the language.
    Never a file's time, so that a build made again elsewhere is the same to the byte."""
    import hashlib

    from studyguide import __version__
    from studyguide.build.incremental import CODE, folder_digest
    from studyguide.files import TEMPLATES
    from studyguide.record import NAME

    digest = hashlib.sha256(f"{__version__}\0{lang}\0".encode())
    for folder in (CODE, TEMPLATES, *([theme] if theme else [])):
        digest.update(folder_digest(Path(folder).resolve()))
    for record_file in sorted(out.glob(f"*/{NAME}")):
        for file in sorted(record_file.parent.iterdir()):
            info = file.lstat()
            size = info.st_size if stat.S_ISREG(info.st_mode) else 0  # a folder's size is the file system's, not ours
            digest.update(f"{file.relative_to(out)}\0{stat.S_IFMT(info.st_mode)}\0{size}\0".encode())
            if file.name == NAME or file.suffix == ".ics":
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _sum(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def _made_from(out: Path, key: str) -> bool:
    """Are the catalogue's files all there, whole, and made from these very inputs (its page
    says so at its foot, with each file's checksum)? Then a run that built nothing has
    nothing to write (a fifth of a no-op run); a file damaged or edited is made again."""
    try:
        page = (out / OWN_FILES[0]).read_bytes()
    except OSError:
        return False
    found = MADE_FROM.search(page)
    if not found or found.group(1).decode() != key:
        return False
    sums = dict(item.split("=", 1) for item in found.group(2).decode().split() if "=" in item)
    if sums.pop(OWN_FILES[0], None) != _sum(page[:found.start()]) or OWN_FILES[1] not in sums:
        return False
    for name, checksum in sums.items():
        path = out / name
        try:
            if path.is_symlink() or _sum(path.read_bytes()) != checksum:
                return False
        except OSError:
            return False
    return True


def write_catalogue(out: Path, theme: Path | None = None, lang: str | None = None) -> Path:
    """The catalogue in the group's language (`lang` of studyguide.toml; English without one);
    each guide's entry keeps its own title, marked with its own language."""
    import functools

    from markupsafe import Markup

    from studyguide.distribute.calendar import sessions_in
    from studyguide.render.html import environment, longdate, published_css
    from studyguide.render.scripts import direction

    made_from = _inputs(out, theme, lang)
    if _made_from(out, made_from):
        return out / OWN_FILES[0]
    words = words_for(lang, theme)
    guides = []
    for record_file, record in records(out):
        links = []
        for key, name in record.files.items():
            if not shared(key):
                continue
            target = record_file.parent / name
            size = target.stat().st_size if target.exists() else 0
            links.append({"href": f"{record.slug}/{name}", "label": label(key, words), "size": size_label(size, words)})
        has_cover = (record_file.parent / "cover.png").is_file()
        sessions = sessions_in(record_file.parent / f"{record.slug}.ics")  # when and where, as the cover says
        guides.append({**asdict(record), "links": links, "cover": has_cover,
                       "printing": printing(record.sheets, record.paper, record.long_edge, lang, theme),
                       "page": record.web and (record_file.parent / "index.html").is_file(),
                       "booklet": "booklet" in record.files, "sessions": sessions, "when": longdate(record.date, words) if record.date else None,
                       "own": Markup('lang="{}" dir="{}"').format(record.lang, direction(record.lang))
                       if record.lang else Markup('dir="auto"')})
    def when(guide: dict) -> str:  # a guide with only a `sessions` list is placed by its first meeting
        first = min((s.date for s in guide["sessions"] if getattr(s, "date", None)), default=None)
        return str(guide.get("date") or (first.isoformat() if first else ""))

    guides.sort(key=lambda g: (when(g), g["title"]), reverse=True)
    from studyguide.distribute.extras import catalogue_extras

    extras = catalogue_extras(out, guides, words)  # feed.xml, and calendar.ics when a guide names its sessions
    page = environment(theme).get_template("catalogue.html.j2").render(
        guides=guides, extras=sorted(extras), words=words, say=functools.partial(say_html, words), lead=lead)
    target = out / OWN_FILES[0]
    beside = {OWN_FILES[1]: published_css("web.css", theme), **extras}
    from studyguide.build.nolive import check_catalogue

    check_catalogue(page, beside[OWN_FILES[1]], theme)  # a theme's script or remote load: refused, nothing written
    sums = " ".join(f"{name}={_sum(data)}" for name, data in sorted({OWN_FILES[0]: page.encode("utf-8"), **beside}.items()))
    page += f"<!-- studyguide: made from {made_from} with {sums} -->\n"
    wanted = {target: page.encode("utf-8"), **{out / name: data for name, data in beside.items()}}
    changed = {path: data for path, data in wanted.items() if not _holds(path, data)}
    if changed:  # a no-op run leaves the files (and their times) alone
        write_atomically(changed)
    return target


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_bytes() == data
    except OSError:
        return False
