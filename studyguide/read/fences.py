"""Facilitator blocks taken out of the source lines before Markdown sees them.

Markdown decides what is a block by blank lines, indentation and laziness; an
organiser decides by what they typed. So the `:::` fences are found here, line by
line, however they are spelt or indented, and the participant edition is parsed
from source that never held the notes: nothing a parser forgives can carry a note
into it. Any `:::` line this module cannot place is an error at its line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from studyguide.errors import Diagnostic

# What may stand before a fence on its line: block quote markers, indentation, a list marker.
PREFIX = r"(?P<prefix>(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)"
FENCE = re.compile(PREFIX + r"(?P<colons>:{3,})[ \t]*(?P<rest>.*?)[ \t]*$")
# Other ways people try to hide text from the group, which would print for it.
CODE_FENCE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?P<info>[^`\s{}]*)")
GLUED = re.compile(r"\S.*?:{3,}[ \t]*\{?[ \t]*\.?facilitat", re.I)
HTML_BOX = re.compile(r"<[a-z][\w-]*\b[^>]*\b(?:class|id)\s*=\s*[\"']?[^\"'>]*facilitat", re.I)
ATTR_CLASS = re.compile(r"\{[^}]*\.facilitat[^}]*\}", re.I)
# Colons that are not colons (fullwidth, ratio, modifier letter, vertical form): a fence spelt with them.
LOOKALIKE = re.compile(r"^(?:[ \t]*>)*[ \t]*[:\uff1a\u2236\ua789\ufe13\ufe55\u02d0\u0589]{3,}[ \t]*\S*.*facilitat", re.I)
LEAD_IN = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:\*\*|__|\*|_)(?P<text>[^*_]{3,60}?)(?:\*\*|__|\*|_)[ \t]*:?")
CALLOUT = re.compile(r"^(?:[ \t]*>)+[ \t]*\[!(?P<kind>[^\]]*)\](?P<rest>.*)", re.I)
CODE_SPAN = re.compile(r"(`+).*?\1")
HEADING = re.compile(r"^(?:[ \t]*>)*[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
LEADER_PHRASES = re.compile(
    r"facilitat\w*(?:'s|s')?\W*(?:notes?|only|guide|instructions?|tips?)\b|^\W*facilitat\w*\W*$|"
    r"notes? (?:for|to) (?:the )?(?:facilitat\w*|leaders?|organi[sz]ers?)|leaders?(?:'s|s')? (?:notes?|only|guide)|"
    r"for (?:the )?(?:facilitat\w*|leaders?) only|notes? pour l'animat\w*|pour l'animat\w*|"
    r"moderationsnotiz\w*|hinweise f(?:ü|ue)r (?:die )?moderation|notas? para (?:el |la )?(?:facilitador\w*|moderador\w*)|"
    r"заметки (?:для )?ведущ\w*|для ведущ\w*")


@dataclass
class Note:
    """One facilitator block: where it stood, what it holds (Markdown, unindented)."""

    line: int  # the opening fence's line in the file
    end: int  # the closing fence's line
    indent: str  # the container prefix of its lines (quote markers and indentation)
    text: str
    token: str = ""


@dataclass
class Split:
    """The body as the participant edition sees it, and as the facilitator edition does."""

    participant: str  # the body with every block's lines removed
    facilitator: str  # each block replaced by one line holding its token
    notes: list[Note] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # participant line index -> line in the file
    diagnostics: list[Diagnostic] = field(default_factory=list)


def is_facilitator(rest: str, labels: tuple[str, ...] = ()) -> bool:
    """`facilitator`, `Facilitator`, `{.facilitator}`, `facilitator notes`, or a label of ours."""
    words = " ".join(re.sub(r"[{}.#=\"']", " ", rest.replace("’", "'")).split()).casefold()
    return "facilitat" in words or any(" ".join(re.sub(r"[{}.#=\"']", " ", label.replace("’", "'")).split()).casefold()
                                       in words for label in labels if label)


def opener_words(rest: str, labels: tuple[str, ...] = ()) -> str:
    """What an opening line says beyond naming the block (`facilitator notes`, a label of ours)."""
    text = re.sub(r"\{[^}]*\}", " ", rest.replace("’", "'"))
    for label in labels:
        text = re.sub(re.escape(label.replace("’", "'")), " ", text, flags=re.I)
    text = re.sub(r"(?i)\b(?:\.?facilitat\w*(?:'s)?|notes?|for|the|leader(?:'s)?)\b", " ", text)
    return " ".join(text.split()).strip(" :.-–—")


def looks_like_leader_text(text: str) -> bool:
    """"Facilitator notes", "Notes for the leader", "Leader's notes", "Notes pour l'animation"…:
    words that say the text is the leader's, not any mention of facilitators."""
    lowered = " ".join(text.casefold().replace("’", "'").split())
    return bool(LEADER_PHRASES.search(lowered))


def strip_prefix(line: str, prefix: str) -> str:
    """A content line without the block's container prefix (as far as it has it)."""
    quotes = prefix.count(">")
    rest = line
    for _ in range(quotes):
        match = re.match(r"[ \t]*>", rest)
        if not match:
            break
        rest = rest[match.end():]
    width = len(re.sub(r"^(?:[ \t]*>)*", "", prefix).expandtabs(4))
    expanded = rest.expandtabs(4)
    strip = min(width, len(expanded) - len(expanded.lstrip(" ")))
    return expanded[strip:]


def split(body: str, first_line: int, path: Path | str, labels: tuple[str, ...] = ()) -> Split:
    """Find every facilitator block; report every `:::` line that is not one, or is not closed."""
    lines = body.split("\n")
    nonce = hashlib.sha256(body.encode()).hexdigest()[:10].upper()
    diagnostics: list[Diagnostic] = []
    notes: list[Note] = []
    participant: list[str] = []
    kept: list[int] = []
    facilitator: list[str] = []
    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        match = FENCE.match(line)
        if match and match.group("rest"):
            rest = match.group("rest")
            if not is_facilitator(rest, labels):
                diagnostics.append(Diagnostic(path, number, f"unknown block '{match.group('colons')} {rest}': the only "
                                              "block studyguide knows is '::: facilitator' (notes only the leader sees)"))
                # Its closing ':::' belongs to it: one error for the block, not a second for its end.
                end = _closing(lines, index, len(match.group("colons")), path, first_line, labels, [])
                stop = end + 1 if end is not None else index + 1
                for offset in range(index, stop):
                    participant.append(lines[offset]), kept.append(first_line + offset)
                    facilitator.append(lines[offset])
                index = stop
                continue
            end = _closing(lines, index, len(match.group("colons")), path, first_line, labels, diagnostics)
            prefix = match.group("prefix")
            container = re.sub(r"(?:[-*+]|\d{1,9}[.)])[ \t]+$", "", prefix)
            if container != prefix:  # `1. ::: facilitator`: the item is the note's own
                container = " " * len(prefix.expandtabs(4))
            stop = end if end is not None else len(lines)
            text = "\n".join(strip_prefix(inner, container) for inner in lines[index + 1:stop])
            said = opener_words(rest, labels)
            if said:  # `::: facilitator Ask this first`: the words on the opening line are the note's first
                text = said + "\n\n" + text
            if re.search(r"\{[^}]*=", rest):
                diagnostics.append(Diagnostic(path, number, "attributes on a facilitator fence are not printed: put "
                                              "the words inside the block", "warning"))
            token = f"SGNOTE{nonce}X{len(notes) + 1:04d}Z"
            notes.append(Note(number, first_line + stop, container, _dedent(text), token))
            facilitator.append(f"{container}{token}")  # a list marker before the fence is not a new item
            index = stop + 1
            continue
        if match:  # a bare `:::` with no block open
            diagnostics.append(Diagnostic(path, number, "this ':::' closes no block: a facilitator block opens with "
                                          "'::: facilitator' (check the spelling of the line that opens it)"))
        else:
            diagnostics.extend(_hiding_attempt(line, number, path))
        participant.append(line), kept.append(number), facilitator.append(line)
        index += 1
    return Split("\n".join(participant), "\n".join(facilitator), notes, kept, diagnostics)


def _closing(lines: list[str], start: int, colons: int, path, first_line: int, labels,
             diagnostics: list[Diagnostic]) -> int | None:
    """The index of the line closing the block opened at `start`: a bare run of at least as many colons."""
    for index in range(start + 1, len(lines)):
        match = FENCE.match(lines[index])
        if not match:
            continue
        number = first_line + index
        if not match.group("rest"):
            if len(match.group("colons")) >= colons:
                return index
            continue  # a shorter bare fence inside `::::` stays inside
        what = "a facilitator block" if is_facilitator(match.group("rest"), labels) else f"the block '{match.group('rest')}'"
        diagnostics.append(Diagnostic(path, number, f"{what} opens inside the facilitator block opened at line "
                                      f"{first_line + start}: close that one first with a line '{':' * colons}'"))
    diagnostics.append(Diagnostic(path, first_line + start, f"facilitator block is not closed: add a line "
                                  f"'{':' * colons}' after it (until then, everything below it is treated as notes)"))
    return None


def _leader_line(line: str) -> bool:
    return bool(re.match(r"^[ \t]*(?:facilitator(?:'s)? notes?|notes? for (?:the )?(?:facilitator|leader)|"
                         r"leader(?:'s)? notes?)[ \t]*:", line.replace("’", "'"), re.I))


def _callout(line: str) -> bool:
    found = CALLOUT.match(line)
    return bool(found and looks_like_leader_text(found.group("kind") + " " + found.group("rest")[:40]))


def _lead_in(line: str) -> str | None:
    found = LEAD_IN.match(line)
    return found.group("text").strip() if found and looks_like_leader_text(found.group("text")) else None


def _glued(line: str) -> bool:
    bare = CODE_SPAN.sub("", line)  # `::: facilitator` shown as code is not a fence
    return bool(GLUED.match(bare.lstrip(" \t>"))) and not FENCE.match(bare)


def _heading(line: str) -> str | None:
    found = HEADING.match(line)
    return found.group("text") if found and looks_like_leader_text(found.group("text")) else None


USE_THE_FENCE = "put the leader's notes between '::: facilitator' and ':::'"
# Spellings that would print for the group what the writer meant for the leader: (test, what to say, level);
# a test that returns a string puts it into what is said.
HIDING = (
    (lambda line: bool((code := CODE_FENCE.match(line)) and "facilitat" in code.group("info").casefold()),
     "a code block does not hide facilitator notes: " + USE_THE_FENCE, "error"),
    (lambda line: bool(LOOKALIKE.match(line)) and not FENCE.match(line),
     "this fence is written with characters that look like colons but are not: type ':::' (three ordinary colons)",
     "error"),
    (_callout, "a callout ('> [!…]') does not hide facilitator notes: " + USE_THE_FENCE, "error"),
    (_lead_in, "'{}' in bold or italic hides nothing: the text would be printed for participants; " + USE_THE_FENCE,
     "error"),
    (_leader_line, "a line headed 'Facilitator notes:' would be printed for participants: " + USE_THE_FENCE, "error"),
    (lambda line: "%%" in line, "'%%…%%' (an Obsidian comment) is printed like any text: delete it, or "
     + USE_THE_FENCE, "warning"),
    (_glued, "a facilitator fence must stand on a line of its own: start a new line before ':::'", "error"),
    (lambda line: bool(HTML_BOX.search(line)), "raw HTML does not hide facilitator notes: " + USE_THE_FENCE, "error"),
    (lambda line: bool(ATTR_CLASS.search(line)), "the attribute {.facilitator} does not hide text: " + USE_THE_FENCE,
     "error"),
    (_heading, "the heading '{}' and the text under it would be printed for participants: " + USE_THE_FENCE, "error"),
)


def _hiding_attempt(line: str, number: int, path) -> list[Diagnostic]:
    """The first way of hiding text this line tries, as a diagnostic at its line."""
    for test, message, level in HIDING:
        found = test(line)
        if found:
            return [Diagnostic(path, number, message.format(found) if isinstance(found, str) else message, level)]
    return []


def _dedent(text: str) -> str:
    rows = text.split("\n")
    widths = [len(r) - len(r.lstrip(" ")) for r in rows if r.strip()]
    cut = min(widths) if widths else 0
    return "\n".join(r[cut:] for r in rows).strip("\n")
