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
from pathlib import Path

NEVER = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal", "noscript",
         "xmp", "plaintext", "noembed", "noframes", "template", "foreignobject", "handler", "listener"}
URLS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping", "srcset",
        "to", "values", "from", "by", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "srcdoc", "imagesrcset"}
LOADS = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "imagesrcset", "ping", "action",
         "formaction", "codebase", "manifest", "icon"}  # (and `href`, but on `<a>` and `<area>`: a link, followed by a click)
SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
PICTURE = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif)[;,]")
UNSEEN = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]+")
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|^(?:https?|ftp|file):", re.I)
# What a browser reads other than Python's parsers do, never in a page of ours: said before it is parsed at all.
ODD = re.compile(r"<!\[CDATA\[|<!-->|<!--->|--!>|<\s*/?\s*(?:script|noscript|xmp|plaintext|noembed|noframes|template|"
                 r"iframe|frame|object|embed|applet|portal)\b", re.I)


def _scheme(value: str) -> str:
    return UNSEEN.sub("", value).lower()


def _name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _element(tag: str, attrs: dict, remote: bool) -> list[str]:
    found = [f"<{tag}>"] if tag in NEVER else []
    for name, value in attrs.items():
        name, value = _name(name), value or ""
        plain = _scheme(value)
        pieces = [_scheme(piece) for piece in re.split(r",\s+|;", value)]
        if name.startswith("on"):
            found.append(f"<{tag} {name}=…>")
        elif name == "http-equiv" and plain not in ("content-type", "content-language", "x-ua-compatible"):
            found.append(f"<{tag} http-equiv={plain[:20]}>")
        elif name in URLS and any(piece.startswith(SCHEMES) for piece in pieces) \
                and not (tag in ("img", "source") and name in ("src", "srcset") and PICTURE.match(plain)):
            found.append(f"<{tag} {name}=\"{plain[:24]}…\">")
        elif (name in LOADS or name in ("href", "xlink:href") and tag not in ("a", "area")) and any(
                REMOTE.match(piece.split()[0] if piece.split() else piece) for piece in pieces) \
                and not (remote and tag in ("img", "source") and name in ("src", "srcset")):
            found.append(f"<{tag} {name}=\"{plain[:40]}\">")
        elif name == "style" and remote_in_css(value):
            found.append(f"<{tag} style=…{remote_in_css(value)[0][:40]}>")
    return found


def live_parts(markup: str, remote: bool = False) -> list[str]:
    """What in `markup` a browser would run, or load from elsewhere by itself (deduplicated, in order). Read as a
    browser reads it (the HTML5 parser WeasyPrint uses), after the forms no page of ours holds are refused outright.
    `remote`: the guide may show pictures from the web."""
    import tinyhtml5

    found = [f"'{m.group(0)}'" for m in ODD.finditer(markup)]
    tree = tinyhtml5.parse(markup)
    for element in tree.iter():
        tag = _name(element.tag)
        if not tag:
            continue
        found += _element(tag, dict(element.attrib), remote)
        if tag == "style":
            found += [f"<style> {url}" for url in remote_in_css("".join(element.itertext()))]
    return list(dict.fromkeys(found))


def _unescaped(css: str) -> str:
    """CSS as its parser reads it: comments out, escapes (`\\75 rl(`, `\\68ttp`) read."""
    css = re.sub(r"/\*.*?(?:\*/|$)", "", css, flags=re.S)
    css = re.sub(r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?", lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) < 0x110000
                 else "\ufffd", css)
    return re.sub(r"\\(.)", r"\1", css, flags=re.S)


def remote_in_css(css: str) -> list[str]:
    """Each load from elsewhere in a stylesheet (anything naming another site: `@import "https://…"`,
    `url(//…)`, `image-set("http…")`), and each script-like value (`expression(`, `javascript:`)."""
    plain = _unescaped(css)
    found = [m.group(0) for m in re.finditer(r"expression\s*\(|(?:java|vb)script\s*:|-moz-binding|behavior\s*:", plain, re.I)]
    found += [m.group(0)[:60] for m in re.finditer(r"(?:\b[a-z][a-z0-9+.-]*:)?//[^\s'\")]+|\b(?:https?|ftp|file):[^\s'\")]*",
                                                   plain, re.I) if not m.group(0).lower().startswith("data:")]
    return found


def line_of(path: Path | None, needles: list[str]) -> int | None:
    """The first line of the template or stylesheet that holds what was found (its attribute, its address or its
    tag: a guess, for the message), or None."""
    if path is None or not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").lower().splitlines()
    for needle in needles:
        for word in reversed(re.findall(r"[a-z][\w:./-]{2,}", needle.lower())):
            for number, text in enumerate(lines, 1):
                if word in text:
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


def check_outputs(targets: dict[Path, bytes], theme: Path | None, remote: bool = False) -> list:
    """A Diagnostic for each made web page, e-book part or stylesheet with a live part, at its template's line."""
    import io
    import zipfile

    said = []
    for path, data in targets.items():
        if path.suffix == ".html" and (found := live_parts(data.decode("utf-8", "replace"), remote)):
            said.append(_said(_source(theme, "page.html.j2" if path.name == "index.html" else "guide.html.j2"),
                              found, f"the web page {path.name}"))
        elif path.suffix == ".epub":
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                for member in book.namelist():
                    if not member.endswith((".xhtml", ".html", ".css")):
                        continue  # (its pictures: not read)
                    text = book.read(member).decode("utf-8", "replace")
                    if member.endswith((".xhtml", ".html")) and (found := live_parts(text, remote)):
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
