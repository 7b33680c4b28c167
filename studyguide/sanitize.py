"""Raw HTML in a guide is data too: scripts, frames, objects, styles and
attachments are dropped, and nesting is bounded, before WeasyPrint sees it."""

from __future__ import annotations

import html
from html.parser import HTMLParser

DROPPED = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
           "template", "link", "meta", "base", "form", "input", "button", "textarea", "select", "audio", "video"}
VOID = {"area", "br", "col", "hr", "img", "input", "source", "track", "wbr", "link", "meta", "base", "embed", "param"}
MAX_DEPTH = 100


class TooDeep(Exception):
    pass


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping: list[str] = []
        self.depth = 0
        self.removed: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.skipping:
            if tag == self.skipping[-1] and not closed and tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in DROPPED:
            self.removed.append(tag)
            if not closed and tag not in VOID:
                self.skipping.append(tag)
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                continue
            if name == "rel" and "attachment" in value.lower().split():
                self.removed.append(f"{tag} rel=attachment")
                continue
            if name in ("href", "src") and value.strip().lower().startswith(("javascript:", "vbscript:")):
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}{' /' if closed else ''}>")
        if not closed and tag not in VOID:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise TooDeep

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in DROPPED:
            return
        self.depth = max(0, self.depth - 1)
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")


def sanitize(markup: str) -> tuple[str, list[str]]:
    """The markup without what a guide may not bring; and what was removed.

    Raises TooDeep when elements nest more than MAX_DEPTH levels.
    """
    parser = _Sanitizer()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out), parser.removed
