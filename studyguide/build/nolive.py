"""After each build: no web page, e-book or stylesheet runs a script or loads from elsewhere.

The guide's own HTML is cleaned by the sanitizer (read/sanitize.py) before any template
sees it; a theme's templates and stylesheets are not, and a theme is passed between
groups. A `<script>`, an `onload=`, a `javascript:` link or a remote `@import` in a
theme's page would run in every member's browser (under `serve`, on the same address as
the facilitator editions). This check reads what was made, as a browser would parse it,
and shares no code with the sanitizer: a live part is refused, naming the template or
stylesheet it came from and its line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

NEVER = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal"}
URLS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping", "srcset",
        "to", "values", "from", "by", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "srcdoc"}
SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
PICTURE = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif)[;,]")
UNSEEN = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]+")
CSS_URL = re.compile(r"@import\s+(?:url\(\s*)?[\"']?\s*([^\"')\s;]+)|url\(\s*[\"']?\s*([^\"')\s]+)", re.I)


def _scheme(value: str) -> str:
    return UNSEEN.sub("", value).lower()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in NEVER:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name == "http-equiv" and value.strip().lower() == "refresh":
                self.found.append(f"<{tag} http-equiv=refresh>")
            elif name in URLS and any(part.startswith(SCHEMES) for part in
                                      (_scheme(piece) for piece in re.split(r",\s+|;", value))) \
                    and not (tag in ("img", "source") and name in ("src", "srcset") and PICTURE.match(_scheme(value))):
                self.found.append(f"<{tag} {name}=\"{_scheme(value)[:24]}…\">")
            elif name == "style" and remote_in_css(value, inline=True):
                self.found.append(f"<{tag} style=…{remote_in_css(value, inline=True)[0][:40]}>")

    handle_startendtag = handle_starttag


def live_parts(markup: str) -> list[str]:
    """What in `markup` a browser would run, or open elsewhere by itself (deduplicated, in order)."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    for style in re.findall(r"<style\b[^>]*>(.*?)</style>", markup, re.I | re.S):
        reader.found += [f"<style> {found}" for found in remote_in_css(style)]
    return list(dict.fromkeys(reader.found))


def remote_in_css(css: str, inline: bool = False) -> list[str]:
    """Each load from elsewhere in a stylesheet (a remote `@import`, `url(https://…)`,
    `url(//…)`), and each script-like value (`expression(`, `javascript:`)."""
    found = [m.group(0) for m in re.finditer(r"expression\s*\(|(?:java|vb)script\s*:|-moz-binding|behavior\s*:", css, re.I)]
    for match in CSS_URL.finditer(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        url = _scheme(match.group(1) or match.group(2) or "")
        if re.match(r"[a-z][a-z0-9+.-]*:", url) and not url.startswith(("data:image/", "data:font/", "data:application/font")) \
                or url.startswith("//") or url.startswith("\\\\"):
            found.append(url[:60])
    return found


def line_of(path: Path | None, needles: list[str]) -> int | None:
    """The first line of the template or stylesheet that holds one of `needles`' words (a guess, for the message)."""
    if path is None or not path.is_file():
        return None
    words = [re.sub(r"[<>=\"…].*", "", n.split()[0] if n.split() else n).strip("<@ ").lower() or n for n in needles]
    words += [re.sub(r"^<\w+\s+|=.*$", "", n).lower() for n in needles if " " in n]
    for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        lowered = text.lower()
        if any(w and w in lowered for w in words):
            return number
    return None


def _source(theme: Path | None, name: str) -> Path:
    from studyguide.files import TEMPLATES

    own = theme / name if theme is not None else None
    return own if own is not None and own.is_file() else TEMPLATES / name


def _said(where: Path, found: list[str], what: str):
    from studyguide.errors import Diagnostic

    return Diagnostic(where, line_of(where, found), f"{what} would run a script or load from elsewhere "
                      f"({', '.join(found[:3])}): studyguide's pages run no script and fetch nothing; take it out of "
                      f"{where.name}")


def check_outputs(targets: dict[Path, bytes], theme: Path | None) -> list:
    """A Diagnostic for each made web page, e-book part or stylesheet with a live part, at its template's line."""
    import io
    import zipfile

    said = []
    for path, data in targets.items():
        if path.suffix == ".html" and (found := live_parts(data.decode("utf-8", "replace"))):
            said.append(_said(_source(theme, "page.html.j2" if path.name == "index.html" else "guide.html.j2"),
                              found, f"the web page {path.name}"))
        elif path.suffix == ".epub":
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                for member in book.namelist():
                    text = book.read(member).decode("utf-8", "replace")
                    if member.endswith((".xhtml", ".html")) and (found := live_parts(text)):
                        said.append(_said(_source(theme, "guide.html.j2"), found, f"the e-book's {member}"))
                    elif member.endswith(".css") and (found := remote_in_css(text)):
                        said.append(_said(_source(theme, "epub.css"), found, "the e-book's stylesheet"))
    return said


def check_catalogue(page: str, css: bytes, theme: Path | None) -> None:
    """The catalogue and the stylesheet every page links: a TemplateError at the theme's line."""
    import jinja2

    for found, name in ((live_parts(page), "catalogue.html.j2"), (remote_in_css(css.decode("utf-8", "replace")), "web.css")):
        if found:
            said = _said(_source(theme, name), found, "the catalogue" if name.endswith(".j2") else "the pages' stylesheet")
            error = jinja2.TemplateError(said.message)
            error.filename, error.lineno = str(said.path), said.line
            raise error
