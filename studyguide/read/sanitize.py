"""Raw HTML in a guide is data too. What Markdown made of a guide passes an
allowlist (nh3, the Rust `ammonia` sanitizer, which parses as a browser does):
only the elements and attributes a study guide needs, and links and images only
to http:, https:, mailto: or a relative address. A browser's way of reading a
scheme (entities, tabs, newlines and control characters dropped) is applied
before the scheme is judged, so `java&#9;script:` is `javascript:` here too.

A first pass over the markup bounds nesting (TooDeep) and names what is dropped."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

from studyguide.errors import Diagnostic

DROPPED = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
           "template", "link", "meta", "base", "form", "input", "button", "textarea", "select", "audio", "video",
           "svg", "math"}
VOID = {"area", "br", "col", "hr", "img", "input", "source", "track", "wbr", "link", "meta", "base", "embed", "param"}
MAX_DEPTH = 100
SCHEMES = {"http", "https", "mailto"}

TAGS = (nh3.ALLOWED_TAGS - {"map", "area"}) | {"section", "tfoot", "main", "article", "aside", "figure", "figcaption",
                                              "caption", "small", "details", "summary", "abbr", "cite", "dfn"}
GLOBAL = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby", "aria-labelledby"}
ATTRIBUTES = {
    "*": GLOBAL,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type", "reversed", "style"},  # style: our numbering ("counter-reset"), filtered below
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers", "align", "style"},  # style: Markdown tables' text-align
    "th": {"colspan", "rowspan", "headers", "scope", "align", "style"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "col": {"span"},
    "colgroup": {"span"},
}
STYLE_PROPERTIES = {"text-align", "counter-reset"}
_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


class TooDeep(Exception):
    pass


def url_allowed(url: str) -> bool:
    """Whether a browser would take `url` (already free of entities) to an allowed
    place: http, https, mailto, or relative to the page. Read the way the WHATWG
    URL parser reads it: leading and trailing spaces and controls stripped, tabs
    and newlines removed anywhere. Anything odd left (a control character, a colon
    before the first slash without a known scheme, `//host`) is refused."""
    value = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    if re.search(r"[\x00-\x1f\x7f]", value):
        return False
    scheme = _SCHEME_RE.match(value)
    if scheme:
        return scheme.group(1).lower() in SCHEMES
    head = re.split(r"[/?#]", value, maxsplit=1)[0]
    if ":" in head:  # a scheme spelled with letters a browser may fold (full-width, accents): refuse
        return False
    return not value.startswith(("//", "\\\\", "/\\", "\\/"))


def file_link(url: str) -> bool:
    """A link to a file beside the guide (`leaflet.pdf`, `../week1/`): a PDF laid it out as `file:///home/…`,
    the organiser's own path, and an e-book lacks the file; the web page keeps it (a page of the same site).
    A link within the page (`#terms`) is not one."""
    value = url.strip()
    return bool(value) and not value.startswith("#") and _SCHEME_RE.match(value) is None and not value.startswith("//")


FILE_HREF_RE = re.compile(r"""(<a\b(?:[^>"']|"[^"]*"|'[^']*')*?)\s+href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
                          re.I)


def without_file_links(markup: str) -> str:
    """Links to files taken off (their words stay): for a PDF or an e-book, which cannot carry the file; and any
    link a reader may not follow (`file:`, a theme's `{{ stylesheets[0] }}`), which the guide's own text never has."""
    def keep(m: re.Match) -> str:
        value = html.unescape(m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None
                              else m.group(4) or "")
        return m.group(1) if file_link(value) or not url_allowed(value) else m.group(0)

    return FILE_HREF_RE.sub(keep, markup)


DATA_IMAGE_RE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and DATA_IMAGE_RE.match(value.strip()):
        return value  # an image carried inline: nothing fetched, no script (not SVG)
    if name in ("href", "src", "cite") and not url_allowed(value):
        return None
    return value


def _noting(images: list[str]):
    def attribute(tag: str, name: str, value: str) -> str | None:
        kept = _attribute(tag, name, value)
        if kept is not None and tag == "img" and name == "src":
            images.append(kept)
        return kept

    return attribute


class _Depth(HTMLParser):
    """Counts nesting and names the elements the allowlist will drop."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.removed: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.removed.append(tag)
        for name, value in attrs:
            if name == "rel" and "attachment" in (value or "").lower().split():
                self.removed.append(f"{tag} rel=attachment")
        if tag not in VOID:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise TooDeep

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.removed.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)


def sanitize(markup: str, images: list[str] | None = None) -> tuple[str, list[str]]:
    """The markup without what a guide may not bring; and what was removed. The
    images it keeps are added to `images` as they pass: what a build will read.

    Raises TooDeep when elements nest more than MAX_DEPTH levels.
    """
    parser = _Depth()
    parser.feed(markup)
    parser.close()
    clean = nh3.clean(markup, tags=TAGS, clean_content_tags=DROPPED - VOID, attributes=ATTRIBUTES,
                      attribute_filter=_attribute if images is None else _noting(images), url_schemes=SCHEMES | {"data"}, link_rel=None, strip_comments=True,
                      filter_style_properties=STYLE_PROPERTIES)
    return clean, parser.removed


REMOTE_SRC_RE = re.compile(r'(<img\b[^>]*?)\ssrc="([^"]*)"')


def local_only(markup: str) -> str:
    """Markup for a page opened later, elsewhere (web page, EPUB): no image that
    would be fetched from another host when the page is opened."""
    def keep(match: re.Match) -> str:
        src = html.unescape(match.group(2))
        remote = _SCHEME_RE.match(src.strip()) is not None or src.strip().startswith(("//", "\\"))
        return match.group(1) if remote and not src.strip().lower().startswith("data:") else match.group(0)

    return REMOTE_SRC_RE.sub(keep, markup)


def front_matter_urls(path, meta, article) -> list[Diagnostic]:
    """Addresses from front matter become links on the web page and in the PDF:
    the same allowlist as raw HTML, refused with the file that holds them."""
    found = []
    for reading in meta.reading:
        if reading.url and not url_allowed(reading.url):
            found.append(Diagnostic(path, None, f"reading url {reading.url!r}: only http:, https: or mailto: "
                                                      "addresses, or a relative one, are allowed"))
    if article is not None and article.url and not url_allowed(article.url):
        found.append(Diagnostic(article.path, None, f"url {article.url!r}: only http:, https: or mailto: addresses, "
                                                    "or a relative one, are allowed"))
    return found
