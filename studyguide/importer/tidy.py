"""The walk's blocks tidied: what a page shows twice, or shows around the article.

The headline again at the top, bold inside headings, headings with nothing under them
(pull quotes, teasers), one placeholder image shown again and again, a trail of teaser
pictures after the text, and a picture's caption printed a second time (a page gives
the words in its `alt` and again in its `<figcaption>`, which trafilatura keeps as text)."""

from __future__ import annotations

import re
from collections import Counter

from studyguide.importer.meta import normal
from studyguide.importer.tree import Image, strip_markdown as _plain


def tidy_headings(blocks: list, title: str, removed: list) -> list:
    """The headline again near the top, bold inside headings, and headings with no text after them (pull quotes, teasers)."""
    out = []
    for number, block in enumerate(blocks):
        if isinstance(block, str) and block.startswith("#"):
            if number < 3 and normal(_plain(block)) == normal(title):
                removed.append((0, "headline again", _plain(block)))
                continue
            block = re.sub(r"^(#+ )\*\*(.+)\*\*$", r"\1\2", block)
        out.append(block)
    while out and isinstance(out[-1], str) and out[-1].startswith("#"):
        removed.append((0, "heading with no text after it", _plain(out.pop())))
    return out


def standfirst_once(blocks: list, standfirst: str | None, removed: list) -> list:
    """The standfirst, printed under the title, again as the body's first heading or paragraph (wsj.com,
    salon.com): taken out of the body."""
    if not standfirst:
        return blocks
    for at, block in enumerate(blocks[:3]):
        if isinstance(block, str) and normal(_plain(block)) == normal(standfirst):
            removed.append((0, "standfirst again", standfirst[:80]))
            return blocks[:at] + blocks[at + 1:]
    return blocks


def without_image_furniture(blocks: list, removed: list) -> list:
    """Placeholders (one image shown again and again) and a trail of teaser pictures after the text; one
    description given to many pictures (the headline, "Illustration for article titled …") said once."""
    seen = Counter(b.src for b in blocks if isinstance(b, Image))
    said = Counter(normal(b.caption or b.alt) for b in blocks if isinstance(b, Image) and len((b.caption or b.alt).split()) >= 3)
    told: set[str] = set()
    out = []
    for block in blocks:
        if isinstance(block, Image) and seen[block.src] > 1:
            removed.append((0, "repeated image", block.alt or block.src))
            continue
        words = normal(block.caption or block.alt) if isinstance(block, Image) else ""
        if words and said[words] >= 3:
            if words in told:
                block.quiet = True
            else:
                removed.append((0, f"description given to {said[words]} pictures, kept once", (block.caption or block.alt)[:80]))
                told.add(words)
        out.append(block)
    tail = len(out)
    while tail and isinstance(out[tail - 1], Image):
        tail -= 1
    if len(out) - tail >= 2:
        removed.extend((0, "images after the article", b.alt or b.src) for b in out[tail:])
        out = out[:tail]
    return out


def captions_once(blocks: list, removed: list) -> list:
    """A short text right after a picture that says what its description says (most of the
    same words) is its caption, printed under it once: the Guardian's figures came out as the
    description in italics, then the caption again as a list item."""
    out: list = []
    for block in blocks:
        image = next((b for b in reversed(out[-2:]) if isinstance(b, Image)), None)
        text = _plain(re.sub(r"^[-*+] |^\d+\. ", "", block)) if isinstance(block, str) and "\n" not in block else ""
        if image is not None and text and len(text) < 600 and not image.quiet and not block.startswith("#") \
                and _alike(text, image.caption or image.alt):  # (a heading under a picture is the article's)
            removed.append((0, "caption again", text[:80]))
            image.caption = image.caption or text
            continue
        out.append(block)
    return out


def _alike(text: str, described: str) -> bool:
    said = Counter(re.findall(r"\w+", normal(text)))
    known = Counter(re.findall(r"\w+", normal(described)))
    total = sum(said.values())
    if 2 <= total < 4:  # a piece of the caption ("*Alien*(pictured) and" under phys.org's picture)
        return f" {normal(text)} " in f" {normal(described)} "
    return total >= 4 and sum((said & known).values()) >= 0.6 * total
