"""Images that travel with the reading. A guide must build where it is, offline,
and load nothing remote: so each image the article shows is copied from the
saved page's folder ("Web page, complete": any name, spaces and accents
included) or, when asked, downloaded, into the guide's own folder. An image we
cannot bring is left out, its caption kept, and the user told."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from studyguide.files import write_atomically
from studyguide.importer.fetch import IMAGE_LIMIT, FetchError, fetch
from studyguide.importer.tree import Image
from studyguide.importer.scaffold import slugify

MAX_IMAGES = 40
TOTAL_LIMIT = 40_000_000
REMOTE_IN_SVG = re.compile(r"""(?:href|src)\s*=\s*["']\s*(?:[a-z][a-z0-9+.-]*:|//)(?!#)""", re.I)


def kind_of(data: bytes) -> str | None:
    """The image format from its first bytes (never from the name a site gave it)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")) or data[:4] == b"RIFF" and data[8:12] == b"WEBP" or data[:2] in (b"BM",) \
            or data[4:12] in (b"ftypavif", b"ftypheic"):
        return "convert"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None


def usable(data: bytes) -> tuple[bytes, str] | None:
    """The image as PNG, JPEG or a self-contained SVG, or None when it is not one we can print."""
    what = kind_of(data)
    if what in ("png", "jpg"):
        try:
            from PIL import Image as Picture

            with Picture.open(io.BytesIO(data)) as picture:
                picture.verify()  # a truncated or broken file would only fail at the build
        except Exception:
            return None
        return data, what
    if what == "svg":
        text = data.decode("utf-8", errors="replace")
        if REMOTE_IN_SVG.search(text.replace('xmlns="http', "").replace("xmlns:xlink=\"http", "")) or "<script" in text.lower():
            return None  # it would load something from elsewhere, or run
        return data, "svg"
    if what == "convert":
        try:
            from PIL import Image as Picture

            with Picture.open(io.BytesIO(data)) as picture:
                picture.seek(0)
                out = io.BytesIO()
                picture.convert("RGBA").save(out, "PNG")
                return out.getvalue(), "png"
        except Exception:
            return None
    return None


def saved_folders(page: Path) -> list[Path]:
    """The folders a browser saves a page's files into: 'Title_files', 'Titel-Dateien', 'Titre_fichiers'…"""
    stem = page.stem
    return [p for p in sorted(page.parent.iterdir()) if p.is_dir() and p.name.startswith(stem[: max(1, len(stem) - 2)])] \
        if page.parent.is_dir() else []


def local_file(src: str, page: Path | None) -> Path | None:
    """The saved copy of an image, inside the saved page's folder only."""
    if page is None:
        return None
    root = page.parent.resolve()
    parts = urlsplit(src)
    candidates = []
    if not parts.scheme and not src.startswith(("/", "\\")):
        candidates.append(page.parent / unquote(parts.path))
    name = unquote(Path(parts.path).name) if parts.path else ""
    if name:
        for folder in saved_folders(page):
            candidates.extend(folder.rglob(glob_escape(name)))
    for candidate in candidates:
        try:
            real = candidate.resolve()
        except OSError:
            continue
        if real.is_relative_to(root) and real.is_file() and real.stat().st_size <= IMAGE_LIMIT:
            return real
    return None


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def place(images: list[Image], page: Path | None, page_url: str | None, folder: Path, download: bool,
          timeout: float = 20.0) -> list[str]:
    """Copy or download each image into `folder/images`; set `target`; return warnings."""
    warnings: list[str] = []
    written: dict[bytes, str] = {}
    total = 0
    for number, image in enumerate(images):
        if number >= MAX_IMAGES:
            warnings.append(f"image left out (more than {MAX_IMAGES} images): {image.src}")
            continue
        data, why = None, None
        if image.src.startswith("data:"):
            data = data_uri(image.src)
            why = None if data else "an inline image that cannot be read"
        else:
            found = local_file(image.src, page)
            if found:
                data = found.read_bytes()
            else:
                address = urljoin(page_url, image.src) if page_url else image.src
                if download and urlsplit(address).scheme in ("http", "https"):
                    try:
                        data, _, _ = fetch(address, IMAGE_LIMIT, timeout)
                    except FetchError as exc:
                        why = str(exc)
                elif urlsplit(address).scheme in ("http", "https"):
                    why = "on the web, not saved with the page: use --fetch-images to download it"
                else:
                    why = "not found beside the saved page (save it as 'Web page, complete')"
        ready = usable(data) if data else None
        if data and not ready:
            why = "not an image studyguide can print (PNG, JPEG, GIF, WebP or SVG without external parts)"
        if ready and total + len(ready[0]) > TOTAL_LIMIT:
            ready, why = None, f"the article's images pass {TOTAL_LIMIT // 1_000_000} MB in all"
        if not ready:
            said = "; its caption is kept" if (image.caption or image.alt) and not image.quiet else ""
            warnings.append(f"image left out ({why}): {shorten(image.src)}{said}")
            continue
        content, ext = ready
        total += len(content)
        if content in written:
            image.target = written[content]
            continue
        image.target = free_name(folder / "images", name_for(image.src, number), ext, content)
        written[content] = image.target
    return warnings


def data_uri(src: str) -> bytes | None:
    import base64

    match = re.match(r"data:[^,;]*(;[^,]*)?,(.*)", src, re.S)
    if not match:
        return None
    try:
        return base64.b64decode(match.group(2)) if match.group(1) and "base64" in match.group(1) else unquote(match.group(2)).encode()
    except ValueError:
        return None


def name_for(src: str, number: int) -> str:
    stem = Path(unquote(urlsplit(src).path)).stem if not src.startswith("data:") else ""
    slug = slugify(stem)[:50].strip("-") if stem else ""
    return slug if slug.isascii() and slug and slug != "guide" else f"image-{number + 1}"


def free_name(folder: Path, stem: str, ext: str, content: bytes) -> str:
    """A name in the guide's images folder that is not some other file already."""
    n = 1
    while True:
        name = f"{stem}.{ext}" if n == 1 else f"{stem}-{n}.{ext}"
        target = folder / name
        if target.is_symlink():  # never written through, never replaced
            pass
        elif not target.exists() or target.is_file() and target.read_bytes() == content:
            write_atomically({target: content}, root=folder.parent)  # images/ itself must not be a link
            return f"images/{name}"
        n += 1


def shorten(src: str) -> str:
    return src if len(src) <= 90 else src[:60] + "…" + src[-20:]
