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
from studyguide.read import unseen
from studyguide.read.hiding import across, fence_like, hiding_attempt, skeleton
from studyguide.read.wraps import wrapped

# What may stand before a fence on its line: block quote markers, indentation, a list marker.
PREFIX = r"(?P<prefix>(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)"
FENCE = re.compile(PREFIX + r"(?P<colons>:{3,})[ \t]*(?P<rest>.*?)[ \t]*$")
HEADING = re.compile(r"^(?:[ \t]*>)*[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
ITEM = re.compile(r"^(?P<indent>(?:[ \t]*>)*[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+\S")

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
    rest, labels = unseen.view(rest), tuple(unseen.view(label) for label in labels)
    words = " ".join(re.sub(r"[{}.#=\"']", " ", rest.replace("’", "'")).split()).casefold()
    return "facilitat" in words or "facilitador" in words or any(" ".join(re.sub(r"[{}.#=\"']", " ", label.replace("’", "'")).split()).casefold()
                                       in words for label in labels if label)


def opener_words(rest: str, labels: tuple[str, ...] = ()) -> str:
    """What an opening line says beyond naming the block (`facilitator notes`, a label of ours)."""
    text = re.sub(r"^\{[^}]*\}", " ", rest.replace("’", "'")).strip()  # only the block's name goes: the words stay
    folded = text.casefold()
    label = next((label for label in sorted(labels, key=len, reverse=True)
                  if label and folded.startswith(label.replace("’", "'").casefold())), None)
    if label:
        text = text[len(label):]
    else:
        text = re.sub(r"(?i)^\.?facilitat\w*(?:'s)?(?:[ \t]+notes?)?(?:[ \t]+(?:for|to)[ \t]+the[ \t]+(?:leader|facilitator)s?)?"
                      r"(?![\w'])", "", text)
    text = re.sub(r"^\s*\{[^}]*\}", "", text)
    return " ".join(text.split()).lstrip(" :.-–—")


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
    """Find every facilitator block; report every `:::` line that is not one, or is not closed.
    Fences are found in each line's view (unseen characters out): a block typed with a
    no-break space is still a block, taken out, and the character is refused at its line."""
    lines = body.split("\n")
    views = [unseen.view(line) for line in lines]
    labels = tuple(unseen.view(label) for label in labels)
    nonce = hashlib.sha256(body.encode()).hexdigest()[:10].upper()
    diagnostics: list[Diagnostic] = list(_unseen_in_fences(lines, views, first_line, path, labels))
    notes: list[Note] = []
    participant: list[str] = []
    kept: list[int] = []
    facilitator: list[str] = []
    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        match = FENCE.match(views[index])
        if match and match.group("rest"):
            rest = match.group("rest")
            if not is_facilitator(rest, labels):
                diagnostics.append(Diagnostic(path, number, f"unknown block '{match.group('colons')} {rest}': the only "
                                              "block studyguide knows is '::: facilitator' (notes only the leader sees)"))
                # Its closing ':::' belongs to it: one error for the block, not a second for its end.
                end = _closing(views, index, len(match.group("colons")), path, first_line, labels, [])
                stop = end + 1 if end is not None else index + 1
                for offset in range(index, stop):
                    participant.append(lines[offset]), kept.append(first_line + offset)
                    facilitator.append(lines[offset])
                index = stop
                continue
            end = _closing(views, index, len(match.group("colons")), path, first_line, labels, diagnostics)
            prefix = match.group("prefix")
            container = re.sub(r"(?:[-*+]|\d{1,9}[.)])[ \t]+$", "", prefix)
            if container != prefix:  # `- ::: facilitator` under a question: the item is the note's own
                diagnostics.extend(_own_item(views, index, prefix, number, path))
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
            before = facilitator[-1] if facilitator else ""
            facilitator.append(f"{container}{token}")  # a list marker before the fence is not a new item
            after = lines[stop + 1] if stop + 1 < len(lines) else ""
            if not container and (not before.strip() or re.match(r" {0,3}#", before)) \
                    and re.match(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]", after):
                # Between a heading and a list (`5.` cannot follow a paragraph in Markdown): the token is a paragraph
                # of its own, and the list after it starts as it does for participants.
                facilitator.append("")
            index = stop + 1
            continue
        if match:  # a bare `:::` with no block open
            diagnostics.append(Diagnostic(path, number, "this ':::' closes no block: a facilitator block opens with "
                                          "'::: facilitator' (check the spelling of the line that opens it)"))
        else:
            said = hiding_attempt(views[index], number, path, labels)
            if not said and ZERO_WIDTH.search(line):  # `Notes for the` + a zero-width space + `leader:`: read spaced too
                said = hiding_attempt(unseen.view(ZERO_WIDTH.sub(" ", line)), number, path, labels)
            if said and said[0].message.startswith("the heading '") and _fence_follows(views, index, labels):
                title = said[0].message.split("'")[1]
                said = [Diagnostic(path, number, f"the heading '{title}' is printed for participants, though the notes "
                                   "under it are hidden: move the heading inside the '::: facilitator' block")]
            diagnostics.extend(said)
        participant.append(line), kept.append(number), facilitator.append(line)
        index += 1
    errors = {d.line for d in diagnostics if d.level == "error"}
    diagnostics += wrapped([unseen.view(row) for row in participant], kept, path, labels, errors)
    seen = across([unseen.view(row) for row in participant], kept, path)
    diagnostics += seen + [d for d in across([skeleton(row) for row in participant], kept, path) if d not in seen]
    named = [d for d in diagnostics if d.level == "warning" and d.message.startswith("a line starting '")]
    diagnostics = [d for d in diagnostics if d not in named[1:]]  # a transcript's `Moderator:` lines: said once
    return Split("\n".join(participant), "\n".join(facilitator), notes, kept, diagnostics)


ZERO_WIDTH = re.compile(r"(?<=\w)[\u200b\u2060\ufeff\u180e]+(?=\w)")  # where a space was, between two words


def _fence_follows(views: list[str], index: int, labels) -> bool:
    """The next line with words opens a facilitator block."""
    following = next((line for line in views[index + 1:] if line.strip()), "")
    match = FENCE.match(following)
    return bool(match and match.group("rest") and is_facilitator(match.group("rest"), labels))


def _unseen_in_fences(lines: list[str], views: list[str], first_line: int, path, labels) -> list[Diagnostic]:
    """A line that is a fence (or a note syntax) once its unseen characters are taken out, but holds some
    where the fence is: refused at its line, naming them (opening and closing lines alike)."""
    found = []
    for index, (line, seen) in enumerate(zip(lines, views)):
        if line == seen or not (FENCE.match(seen) or fence_like(seen, labels)):
            continue
        hidden = unseen.before_words(line)
        if hidden:
            names = ", ".join(unseen.named(char) for char in hidden)
            found.append(Diagnostic(path, first_line + index, f"an invisible character {names} stands where a "
                                    "facilitator fence is: Markdown would print the note for participants; delete the "
                                    "line and type it again as ':::' (ordinary colons and spaces)"))
    return found


def _own_item(views: list[str], index: int, prefix: str, number: int, path) -> list[Diagnostic]:
    """`2. ::: facilitator`: a numbered item of its own (or a bullet in a list of bullets) that a
    handout would number as a question. Under a numbered question, `- ::: facilitator` is its note."""
    marker = re.search(r"([-*+]|\d{1,9}[.)])[ \t]+$", prefix).group(1)
    indent = len(re.sub(r"(?:[-*+]|\d{1,9}[.)])[ \t]+$", "", prefix).expandtabs(4))
    bullet_list = False
    for earlier in reversed(views[:index]):
        item = ITEM.match(earlier)
        if item and len(item.group("indent").expandtabs(4)) == indent:
            bullet_list = item.group("marker") in "-*+"
            break
        if item and len(item.group("indent").expandtabs(4)) < indent:
            break
    if marker[0].isdigit() or bullet_list:
        return [Diagnostic(path, number, "a facilitator block cannot be a list item of its own (the handout would "
                                         f"number '{marker} ::: facilitator' as a question): put it under the question, "
                                         "indented, without a number or bullet")]
    return []


def _closing(lines: list[str], start: int, colons: int, path, first_line: int, labels,
             diagnostics: list[Diagnostic]) -> int | None:
    """The index of the line closing the block opened at `start`: a bare run of at least as many colons."""
    for index in range(start + 1, len(lines)):
        match = FENCE.match(unseen.view(lines[index]))
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


def _dedent(text: str) -> str:
    rows = text.split("\n")
    widths = [len(r) - len(r.lstrip(" ")) for r in rows if r.strip()]
    cut = min(widths) if widths else 0
    return "\n".join(r[cut:] for r in rows).strip("\n")
