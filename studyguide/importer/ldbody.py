"""An article whose whole text the page gives only in its metadata: JSON-LD's `articleBody` (a page
built by JavaScript, or one that shows its opening above a paywall). trafilatura reads it as one
paragraph; its paragraphs are put back as the metadata has them, and the import says where the text
came from, so that the organiser compares it with the page."""

from __future__ import annotations

import html
import json
import re

KEYS = ("articleBody", "reviewBody")
BLOCK_TAG = re.compile(r"(?i)<br\s*/?>|</?(?:p|div|h[1-6]|li|blockquote|section)\b[^>]*>")


def ld_bodies(tree) -> list[str]:
    """The article texts the page's JSON-LD gives (`articleBody`), in the page's order."""
    bodies: list[str] = []
    for script in tree.iter("script"):
        text = script.text or ""
        if (script.get("type") or "").lower() != "application/ld+json" or not any(key in text for key in KEYS):
            continue
        try:
            data = json.loads(text, strict=False)  # real pages carry raw line ends inside their strings
        except ValueError:
            continue
        _collect(data, bodies, 0)
    return list(dict.fromkeys(bodies))


def _collect(node, bodies: list[str], depth: int) -> None:
    if depth > 8:
        return
    for item in node if isinstance(node, list) else [node]:
        if not isinstance(item, dict):
            continue
        bodies.extend(item[key] for key in KEYS if isinstance(item.get(key), str) and item[key].strip())
        for inside in ("@graph", "mainEntity"):
            if isinstance(item.get(inside), (list, dict)):
                _collect(item[inside], bodies, depth + 1)


def paragraphs(body: str) -> list[str]:
    """A JSON-LD body's paragraphs: split at its blank lines (or, with none, at its line ends), or at
    the paragraphs of the HTML some sites write there."""
    text = html.unescape(body)
    if BLOCK_TAG.search(text):
        text = re.sub(r"<[^>]+>", "", BLOCK_TAG.sub("\n\n", text))
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(part.split()) for part in parts if part.strip()]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def from_metadata(blocks: list, bodies: list[str], shown: list[str]) -> tuple[list, str | None]:
    """The walk's blocks with a JSON-LD body that trafilatura ran into one paragraph given back its
    paragraphs, and a warning when the article's text came from the metadata: a body the page's own
    paragraphs (`shown`) do not hold."""
    from studyguide.importer.tree import escape, escape_start, strip_markdown

    if not bodies:
        return blocks, None
    split = {_squeezed(" ".join(paragraphs(body))): paragraphs(body) for body in bodies}
    visible = {_squeezed(text) for text in shown}
    out: list = []
    taken = False
    for block in blocks:
        found = split.get(_squeezed(strip_markdown(block))) if isinstance(block, str) and not block.startswith(
            ("#", "- ", "1. ", "|", ">")) else None
        if found is None or _squeezed(" ".join(found)) in visible:
            out.append(block)
            continue
        taken = True
        out.extend(escape_start(escape(part)) for part in found)
    if not taken:
        return blocks, None
    return out, ("the article's text was read from the page's metadata (its JSON-LD articleBody), not from what the "
                 "page shows (a page built by JavaScript, or one behind a paywall): compare the reading with the "
                 "article in the browser")
