"""Lists as people type them, rewritten into the dialect Python-Markdown reads.

Editors (GitHub, Obsidian, VS Code, Typora) nest lists at 2, 3 or 4 spaces or a
tab, number with `1.` or `1)`, bullet with `-`, `*` or `+`, and start a list on
the line after a paragraph. Python-Markdown wants 4 spaces a level, `1.`, and a
blank line before a list; given anything else it glues follow-ups into their
question, which drops questions from the handout. So lists are re-indented here,
before parsing: a marker standing where the text of the item above starts is that
item's child, and so is a list of the other kind (bullets under a number) indented
two columns or more; a line indented under an item belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from studyguide.read.lettered import lettered

MARKER = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<space> +|$)(?P<text>.*)$")
RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
CODE = re.compile(r"^ *(`{3,}|~{3,})")
HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
# A footnote's text or a term's definition: what is indented under it is its own, lists too.
CONTAINER = re.compile(r"^ {0,3}(?:\[\^[^\]]+\]:|:[ \t])")
STEP = 4  # Python-Markdown's indentation for a nested block


@dataclass
class _Item:
    marker_at: int  # its marker's column in the source
    content_at: int  # where its text starts in the source
    depth: int
    ordered: bool = False
    loose: bool = False  # a blank line stood inside it
    symbol: str = ""  # its marker: "-", "*", "+", or its number and delimiter ("2.")
    number: int = 0
    lettered: bool = False  # a follow-up lettered as written (`a.`, `(b)`): studyguide.read.lettered
    letters: str = ""  # the last letter of the lettered follow-ups under it


# Bullets as Word, Google Docs and Notion paste them into plain text: `•<tab>`, `◦`, `▪`, the Symbol font's private
# letters; and, only before a tab (else they are words or punctuation), Word's third level `§` (Wingdings' square), a
# dash or an arrow, and Word's second level `o`. Read as `-`, so follow-ups stay under their question and a list is a
# list (the build's own check of the handout, promises.py, knows these bullets by its own pattern).
WORD_BULLET = re.compile(r"^( *)(?:[•◦▪▫‣⁃●○■∙·\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc](?=[ \t\u00a0])|"
                         r"[§–—➢➤►→✓✔o](?=\t))(?=[ \t\u00a0]+[^\s•◦▪·]*\w)")


def _expand(line: str, bullets: bool = True) -> str:
    """Leading tabs as spaces (tab stops of 4), and the tabs right after a list marker
    (`2.<tab>Second?`, as editors type it: CommonMark reads it as a marker) or the no-break
    spaces there, the rest of the line untouched; a pasted bullet (`•<tab>`) as `-` unless
    `bullets` is false (in code)."""
    lead = len(line) - len(line.lstrip(" \t"))
    line = line[:lead].expandtabs(STEP) + line[lead:]
    if bullets:
        line = WORD_BULLET.sub(r"\1-", line, count=1)
    # What prints as nothing before a heading's `#`, a quote's `>` or a list's marker (a zero-width space, a
    # byte-order mark, a soft hyphen): Markdown would print `## Session 2` as text, or run two questions into one
    line = re.sub(r"^[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+(?=[ \t]*(?:#|>|[-*+][ \t\u00a0]|\d{1,9}[.)．]))",
                  "", line)
    line = re.sub(r"^( *\d{1,9})．[ \t\u00a0\u3000]*(?=[^\d\s])", r"\1. ", line)  # `2．`, as a Chinese or Japanese input method types it
    # `1.` and a no-break space, as Word and Google Docs paste a numbered list: a list all the same
    line = re.sub(r"^( *(?:[-*+]|\d{1,9}[.)]))[\u00a0\u202f\u2007\u3000]+(?=\S)", r"\1 ", line)
    marker = re.match(r" *(?:[-*+]|\d{1,9}[.)])(?=[ \t]*\t)[ \t]+", line)
    return marker.group(0).expandtabs(STEP) + line[marker.end():] if marker else line


YEAR_ITEM = re.compile(r"^( {0,3})(1\d{3}|20\d{2})\.(?=[ \t])")


def prose(lines: list[str]) -> Iterator[tuple[int, str | None]]:
    """(index, line) of each line outside fenced code, a fence's own line as (index, None): what the
    passes over the source read, code left as written."""
    fence: str | None = None
    for index, line in enumerate(lines):
        code = CODE.match(line)
        if code:
            fence = None if fence and code.group(1).startswith(fence[0]) and len(code.group(1)) >= len(fence) else \
                (fence or code.group(1))
            yield index, None
        elif fence is None:
            yield index, line


def years_as_typed(source: str) -> str:
    """A timeline written a year a line (`1917. The revolutions.` / `1921. Kronstadt.`) is not a
    numbered list: Markdown would print 1917, 1918, 1919, and tell the group Lenin died in 1919.
    Where the years of a run of such paragraphs (each after a blank line) do not follow one another,
    each stays as typed."""
    lines = source.split("\n")
    runs: list[list[int]] = [[]]
    for index, line in prose(lines):
        if line is None:  # a code fence: a run does not go on across it
            runs.append([])
        elif YEAR_ITEM.match(line) and (index == 0 or not lines[index - 1].strip()):  # a year opening a paragraph
            runs[-1].append(index)
        elif line.strip() and not line.startswith((" ", "\t")) and runs[-1] and MARKER.match(line):
            runs.append([])  # another list
        elif HEADING.match(line.lstrip()):
            runs.append([])
    for run in runs:
        years = [int(YEAR_ITEM.match(lines[i]).group(2)) for i in run]
        if len(years) > 1 and any(b != a + 1 for a, b in zip(years, years[1:])):
            for i in run:
                lines[i] = YEAR_ITEM.sub(r"\1\2\\.", lines[i], count=1)
    return "\n".join(lines)


def hard_breaks(source: str) -> str:
    """A line ending in a backslash breaks there (CommonMark's hard line break, as Typora, Obsidian,
    GitHub and pandoc write a poem's lines); Python-Markdown knows only two trailing spaces, and
    printed the backslash with the lines run together."""
    lines = source.split("\n")
    for index, line in prose(lines):
        if line is not None and re.search(r"(?<!\\)(?:\\\\)*\\$", line) and index + 1 < len(lines) \
                and lines[index + 1].strip():
            lines[index] = line[:-1] + "  "
    return "\n".join(lines)


def hashtags(source: str) -> str:
    """A line opening with a hashtag (`#MeToo began in 2006`, `#1 priority`, an Obsidian tag line) is text, as
    CommonMark, GitHub and Obsidian read it: Python-Markdown made it a heading, which ended the session above
    it without a word and sent the next session's questions to the wrong handout. `## Title` stays a heading."""
    lines = source.split("\n")
    for index, line in prose(lines):
        if line is not None and re.match(r" {0,3}#[^\s#]", line):
            lines[index] = re.sub(r"^( {0,3})#", r"\1\\#", line, count=1)
    return "\n".join(lines)


def normalize(source: str, glued: list[tuple[int, str]] | None = None) -> tuple[str, list[int]]:
    """The source with lists re-indented; and for each output line, the input line it came from
    (a blank line inserted before a list that interrupts a paragraph repeats its neighbour's).
    `glued` collects (input line, message) for each marker that, standing directly under an
    item's text, may have been meant as the rest of that text (a wrapped "1926." or "- ")."""
    source = hashtags(hard_breaks(years_as_typed(source)))
    out: list[str] = []
    above = ""  # the line before, as written
    origin: list[int] = []
    stack: list[_Item] = []
    previous_blank = True
    previous_text = False  # the line before was paragraph text (a list may interrupt it)
    previous_row = False  # the line before was a table's row
    fence: str | None = None
    inside = False  # in a footnote's text or a term's definition (CONTAINER), as written
    for number, raw in enumerate(source.split("\n")):
        line = _expand(raw, bullets=fence is None)
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)

        def emit(text: str) -> None:
            out.append(text)
            origin.append(number)

        if fence is None and CONTAINER.match(line):
            # Python-Markdown reads what is indented under it as the note's or the definition's: a
            # list there (a note's sources) is not the questions' list, nor a list of its own.
            stack.clear()
            inside = True
        if inside and fence is None:
            if stripped and previous_blank and indent < STEP and not CONTAINER.match(line):
                inside = False  # back at the margin after a blank line: the note has ended
            else:
                emit(line)
                previous_blank, previous_text, previous_row = not stripped, bool(stripped), False
                continue

        if fence is not None:  # inside a fenced code block: keep it as it is, under its item
            emit(_under(stack, indent, stripped) if stack else line)
            if stripped.startswith(fence):
                fence = None
            continue
        if not stripped:
            emit("")
            previous_blank, previous_text, previous_row = True, False, False
            for item in stack:
                item.loose = True
            continue
        code = CODE.match(line)
        letter = lettered(stack, line, indent, previous_blank, _ends_sentence(above)) if stack and not code else None
        if isinstance(letter, str):
            if glued is not None:
                glued.append((number, letter))
            letter = None
        elif letter is not None:  # `   a. Who gained?` under a question: its follow-up, lettered as written
            line = letter[0]
            indent, stripped = len(line) - len(line.lstrip(" ")), line.lstrip(" ")
        marker = MARKER.match(line) if not RULE.match(line) and not code else None
        if marker and not previous_blank and not stack and previous_text:
            # CommonMark: a bullet list, or one numbered from 1, may interrupt a paragraph.
            number_ = marker.group("marker")[:-1]
            if marker.group("marker") in "-*+" or number_ == "1":
                if marker.group("text").strip():
                    emit("")
            else:
                marker = None
        if marker and stack and not previous_blank and indent >= stack[-1].content_at + STEP:
            marker = None  # deep inside an item's paragraph: text, not a list
        if marker and stack and not previous_blank and previous_text and letter is None:
            marker, said = _under_text(stack, marker, indent, above)
            if said and glued is not None:
                glued.append((number, said))
            if marker is None:  # the rest of the item's text: its number is words, not a list
                stripped = re.sub(r"^(\d+)([.)])", r"\1\\\2", stripped)
        if marker:
            ordered = marker.group("marker")[0].isdigit()
            popped = stack[next((k for k, item in enumerate(stack) if not _holds(item, indent, ordered)), len(stack)):]
            # After an item with a blank line inside, Python-Markdown reads the next marker as text
            # unless a blank line comes first.
            sibling = next((i for i in popped if i.depth == len(stack) - len(popped)), None)
            if not previous_blank and (any(i.loose for i in popped) or (stack and not popped and stack[-1].loose)
                                       or (sibling is not None and sibling.ordered != ordered)):
                emit("")  # (bullets after numbers: a list of their own, not text glued to the last number)
                for item in stack[:len(stack) - len(popped)]:
                    item.loose = True  # that blank line stands inside them: their next marker needs one too
            del stack[len(stack) - len(popped):]
            depth = len(stack)
            space = marker.group("space")
            content = indent + len(marker.group("marker")) + (len(space) if 0 < len(space) <= 4 else 1)
            symbol = marker.group("marker")
            place = int(symbol[:-1]) if ordered else 0
            if ordered and sibling is not None and sibling.ordered and place not in (sibling.number, sibling.number + 1):
                place = sibling.number + 1  # as printed: a list counts on from its first number
            stack.append(_Item(indent, content, depth, ordered, symbol=symbol, number=place, lettered=letter is not None))
            if letter is not None:
                letter[1].letters = letter[2]
            if ordered:  # `1)` and `003.` as Python-Markdown reads them
                symbol = f"{int(symbol[:-1])}."
            text = marker.group("text") or "&nbsp;"  # a bare `-` would underline the line above as a heading
            emit(" " * (STEP * depth) + symbol + " " + text)
            previous_blank, previous_text, previous_row, above = False, True, False, stripped
            continue
        if HEADING.match(stripped) and previous_row and not previous_blank:
            emit("")  # a heading ends a table (Python-Markdown would make it the table's last row)
        if stripped.startswith(">") and previous_text and not previous_blank:
            emit("")  # CommonMark: a quote may interrupt a paragraph; Python-Markdown would print the ">"
            for item in stack:
                item.loose = True
        if stack and (previous_blank or _starts_block(stripped, line)):
            while stack and indent < stack[-1].marker_at + 2:
                stack.pop()
        if stack:
            if previous_blank or indent >= stack[-1].marker_at + 2:
                emit(_under(stack, indent, stripped))
            else:  # a lazy continuation line: it stays in the paragraph above
                emit(" " * (STEP * (stack[-1].depth + 1)) + stripped)
        else:
            emit(line)
        if code:
            fence = code.group(1)[0] * len(code.group(1))
        previous_blank, above = False, stripped
        previous_text = not code and not stripped.startswith(("#", "|", ">", "<"))
        previous_row = not code and stripped.startswith("|")
    return "\n".join(out), origin


def glued_markers(source: str) -> list[tuple[int, str]]:
    """(line index, message) for each list marker glued under an item's text that may be the
    rest of it: the handout would print it as a question of its own and drop the marker."""
    found: list[tuple[int, str]] = []
    normalize(source, found)
    return found


def _under_text(stack: list[_Item], marker: re.Match, indent: int, above: str) -> tuple[re.Match | None, str]:
    """A marker on the line after an item's text, with no blank line between: what it is
    (the marker, or None for the rest of the text above), and what to tell the organiser.

    CommonMark's reading is kept: a list inside an item may interrupt its text only if it is
    a bullet or starts at 1; a number at the list's own column is the next item. But a number
    out of the list's sequence ("1926." under "1. What did the strike of"), or a bullet under a
    numbered item whose text stops mid-sentence, was most likely a wrapped line: warned."""
    symbol = marker.group("marker")
    ordered = symbol[0].isdigit()
    number = int(symbol[:-1]) if ordered else 0
    inner = stack[-1]
    child = _holds(inner, indent, ordered)
    if ordered and number != 1 and child:
        return None, ""  # the item's next line, as CommonMark reads it ("   1926. achieve"): nothing is lost
    at = next((i for i in stack if not _holds(i, indent, ordered)), inner)  # the item this marker follows
    written = symbol
    escaped = f"{symbol[:-1]}\\{symbol[-1]}" if ordered else f"\\{symbol}"
    written_above = int(at.symbol[:-1]) if at.ordered and at.symbol[:-1].isdigit() else None
    if ordered and not child and at.ordered and number not in (at.number, at.number + 1) \
            and number != (written_above or 0) + 1:  # `8.` then `9.`: in the order written, nothing glued
        return marker, (f"'{written}' starts a new question here (a list item of its own), not the rest of the line "
                        f"above: it prints as number {at.number + 1}, and '{symbol[:-1]}' is lost. If it continues the "
                        f"line above, join the two lines (or write '{escaped}'); if it is a new question, number it "
                        f"{at.number + 1}")
    # a bullet follow-up under a number; or a list of another kind (or bullet) after the item above
    other = (inner.ordered and not ordered) if child else (at.ordered != ordered or at.symbol != symbol and not ordered)
    if other and not _ends_sentence(above):
        what = ("a follow-up under the question above" if child or at.depth else
                "a new question here (a list item of its own)")
        return marker, (f"'{written}' starts {what}, not the rest of the line above, which stops mid-sentence: "
                        f"if it continues that line, join the two lines (or write '{escaped}'); if not, end the "
                        "line above with its punctuation or put a blank line before this one")
    return marker, ""


def _ends_sentence(text: str) -> bool:
    """Does a line end as a question, sentence or lead-in ends ("…why?", "…as follows:")?"""
    # What may follow the end of a question and print after it: a footnote's mark (`…form?[^3]`), a time for the
    # run sheet or an aside in brackets (`…form? (15 min)`), an attribute list (`{.lead}`)
    while True:
        cut = re.sub(r"\s*(?:\[\^[^\]\s]+\]|\{[^{}]*\}|\([^()]*\)|\[[^\[\]]*\])$", "", text)
        if cut == text or not cut.strip():
            break
        text = cut
    text = re.sub(r"[\s*_)\]\"'”’»›>]+$", "", text)
    return not text or text[-1] in "?？؟!！.。:：;；…"


def _holds(item: _Item, indent: int, ordered: bool) -> bool:
    """Does a marker at `indent` start a list inside `item`? Where its text starts (CommonMark),
    or two columns in for a list of the other kind: follow-up bullets at 2 spaces under `1.`."""
    return indent >= item.content_at or (ordered != item.ordered and indent >= item.marker_at + 2)


def _starts_block(stripped: str, line: str) -> bool:
    """A heading, rule, quote, table or code fence ends a list even without a blank line."""
    return stripped.startswith(("#", ">", "|", "```", "~~~")) or bool(RULE.match(line))


def _under(stack: list[_Item], indent: int, stripped: str) -> str:
    """A line inside the innermost item: at that item's new content column, keeping any
    extra indentation it had beyond the item's text (code blocks, nested paragraphs)."""
    item = stack[-1]
    extra = max(0, indent - item.content_at)
    return " " * (STEP * (item.depth + 1) + extra) + stripped
