"""What a guide may load while it is laid out: files in its own folder, the
templates and fonts in use, and `data:` URIs. Nothing else, unless the guide or
the command opts in to the network. Each refusal is kept to be reported."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

# Every local file a layout in this process loaded: the guide's build records them
# as its inputs (each guide is built in a process of its own).
OPENED: set[Path] = set()
MAX_PIXELS = 40_000_000  # a raster image is decoded whole: 12000×12000 is 576 MB before it is drawn


def too_many_pixels(path: Path, limit: int = MAX_PIXELS) -> str | None:
    """Why a raster image is refused before it is decoded (its header says its size), or None."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    bound, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # we only read the header: say its size
    try:
        with warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None  # not a raster image Pillow knows (an SVG): WeasyPrint reports what it cannot use
    finally:
        Image.MAX_IMAGE_PIXELS = bound
    if width * height > limit:
        return f"the image is {width}×{height} pixels; the limit is {limit // 1_000_000} megapixels"
    return None


# The picture modes WeasyPrint 70 writes into a PDF correctly (it turns 1, P and I into RGB itself, but I clipped).
DRAWN_MODES = {"1", "P", "L", "LA", "RGB", "RGBA", "CMYK"}


def eight_bits(path: Path) -> bytes | None:
    """A PNG of 8 bits a channel for a picture WeasyPrint would write broken (a 16-bit greyscale PNG or TIFF, as
    scanners and GIMP save them, becomes a stream of the wrong length that Poppler and PDFium draw as a black box);
    None for a picture it writes well."""
    import io
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            if image.format in ("JPEG", "MPO") or image.mode in DRAWN_MODES:
                return None
            image = ImageOps.exif_transpose(image)  # as WeasyPrint turns it (the EXIF is not kept)
            if image.mode.startswith("I") or image.mode == "F":
                grey = image.convert("F")
                low, high = grey.getextrema()
                if low >= 0 and high <= 255 and image.mode == "F":
                    scale, shift = 1.0, 0.0
                elif low >= 0 and high <= 65535:
                    scale, shift = 1 / 257, 0.0  # 16 bits to 8
                else:
                    scale = 255 / (high - low) if high > low else 1.0
                    shift = -low * scale
                image = grey.point(lambda v: v * scale + shift).convert("L")
            else:
                image = image.convert("RGBA" if "A" in image.getbands() or "a" in image.getbands() else "RGB")
            out = io.BytesIO()
            image.save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None  # WeasyPrint reports what it cannot use


class Converted(URLFetcherResponse):
    """A picture converted in memory: WeasyPrint would read a response with a file's path from the file again."""

    path = None


class GuardedFetcher(URLFetcher):
    def __init__(self, roots: list[Path], allow_remote: bool = False, aliases: dict[Path, Path] | None = None,
                 withheld: frozenset[Path] = frozenset()) -> None:
        super().__init__(timeout=10, allow_redirects=allow_remote)
        self.roots = [Path(root).resolve() for root in roots]
        self.withheld = {Path(path).resolve() for path in withheld}  # pictures only the leader's notes show
        # A theme's `defaults/x` is the packaged `x`, so a theme can build on the defaults.
        self.aliases = {Path(a).resolve(): Path(b).resolve() for a, b in (aliases or {}).items()}
        self.allow_remote = allow_remote
        self.refused: list[tuple[str, str]] = []

    def refuse(self, url: str, why: str) -> None:
        self.refused.append((url, why))
        raise URLFetchingError(f"studyguide refused {url}: {why}")

    def svg(self, url: str, path: Path):
        from weasyprint.urls import URLFetcherResponse

        from studyguide.render.svgclean import Unreadable, clean

        try:
            data = clean(path.read_bytes())
        except Unreadable as exc:
            self.refuse(url, f"not an SVG picture studyguide can use: {exc}")
        except OSError as exc:
            self.refuse(url, exc.strerror or str(exc))
        from studyguide.read.pictureurls import extreme_numbers

        why = extreme_numbers(data)
        if why:
            self.refuse(url, why)
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": "image/svg+xml"})

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            for alias, target in self.aliases.items():
                if path.is_relative_to(alias):
                    path = (target / path.relative_to(alias)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                self.refuse(url, "outside the guide's folder")
            if not path.is_file():
                self.refuse(url, "no such file")
            if path in self.withheld:  # asked for by a stylesheet (a theme's `content: url(…)`), not by these pages
                self.refuse("a picture the stylesheet asks for", "only the facilitator notes show it, so it is not "
                            "drawn for participants")  # its name is the notes' too: not said in the shared record
            OPENED.add(path)
            why = too_many_pixels(path)
            if why:
                self.refuse(url, why)
            if path.suffix.lower() == ".svg":  # drawn as the web page and the EPUB show it
                return self.svg(url, path)
            converted = eight_bits(path)
            if converted is not None:
                return Converted(path.as_uri(), converted, {"Content-Type": "image/png"})
            return super().fetch(path.as_uri(), headers)
        if scheme in ("http", "https"):
            if self.allow_remote:
                return super().fetch(url, headers)
            self.refuse(url, "remote resources are off (set 'remote: true' or use --allow-remote)")
        self.refuse(url, f"'{scheme or url}' resources are not loaded")
