"""Obsidian's own Markdown, as organisers who keep their notes there paste it: `![[map.png]]` shows a
picture, `[[Page]]` links to another note, `> [!note] Title` opens a callout. Python-Markdown knows
none of them, so the picture went missing without a word and the rest printed as typed.

Each is written as the Markdown it means, line for line (no line is added or taken away, so every
message still names the line as written): the picture as a picture, a link's words as words, a
callout as a quotation with its title in bold. Code (fenced, indented or in backticks) is left as it
is. A callout titled for the leader never gets here: the reader refuses it first (hiding.py).
"""

from __future__ import annotations

import re

from studyguide.read.codefences import outside_code

EMBED = re.compile(r"!\[\[([^\[\]|#^\n]+?\.(?:png|jpe?g|gif|webp|svg|avif|heic|heif|tiff?|bmp))(?:\|([^\[\]\n]*))?\]\]", re.I)
WIKILINK = re.compile(r"(?<!!)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
CALLOUT = re.compile(r"^(?P<quote>(?:[ \t]*>)+)[ \t]*\[!(?P<kind>[\w-]+)\][-+]?[ \t]*(?P<title>.*)$")


def plain(text: str) -> str:
    """`text` with Obsidian's embeds, wikilinks and callouts written as Markdown."""
    if "[[" not in text and "[!" not in text:
        return text
    lines = text.split("\n")
    for index, line in list(outside_code(lines)):
        if line.startswith(("    ", "\t")) and not line.lstrip().startswith((">", "-", "*", "+")) \
                and not re.match(r"\s*\d+[.)]", line):
            continue  # an indented code block (or a list's continuation, which holds no such thing)
        lines[index] = _line(line)
    return "\n".join(lines)


def _line(line: str) -> str:
    callout = CALLOUT.match(line)
    if callout:
        title = callout.group("title").strip() or callout.group("kind").replace("-", " ").capitalize()
        line = f"{callout.group('quote')} **{title}**  "  # a line of its own, as Obsidian shows it
    pieces = re.split(r"(`+[^`]*`+)", line)  # code spans kept as they are
    for at in range(0, len(pieces), 2):
        piece = EMBED.sub(lambda m: f"![{_alt(m.group(2))}](<{m.group(1).strip()}>)", pieces[at])
        pieces[at] = WIKILINK.sub(lambda m: (m.group(2) or m.group(1).split("#")[0] or m.group(1)).strip(), piece)
    return "".join(pieces)


def _alt(after_bar: str | None) -> str:
    """`![[map.png|300]]` gives a width, `![[map.png|The strike map]]` a description."""
    return "" if not after_bar or re.fullmatch(r"\s*\d+(?:x\d+)?\s*", after_bar) else after_bar.strip()
