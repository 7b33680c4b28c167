"""After each build, the two locks: no facilitator word in anything participants get
(`check_leaks`, with the scan in studyguide.build.leaks), and every question the organiser
wrote on the handout, as its own item (`check_questions`).

Like the leak check, this shares no code with the reader: it walks the source lines
itself (headings, list markers at the list's own indentation, the notes taken out by
the leak check's scan) and compares them with the text the handout's layout drew.
A section counts as a questions section when any of its items is on the handout;
there, every item must be, and as many items as the source holds.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

from studyguide.errors import Diagnostic, GuideError
from studyguide.build.leaks import fingerprint, notes_in, words
from studyguide.model import Guide

HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
RUN_ON = re.compile(r"^[ \t]*(?![!<|>\[`~:{=#]|\*\[|-{3}|_{3}|\*{3})\S")
# A list item's marker: Markdown's, and the bullets Word pastes as text (its second level `o` only before a tab).
ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•◦▪▫‣⁃●○■∙·\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc]|\d{1,9}[.)]|[o§](?=\t))"
                  r"[ \t\u00a0]+(?P<text>\S.*)$")


def regions(source: str) -> list[list[tuple[int, int, str, str]]]:
    """The list items under each heading: (line, indent, kind, text)."""
    found: list[list[tuple[int, int, str, str]]] = [[]]
    for number, line in enumerate(source.split("\n"), start=1):
        if HEADING.match(line):
            found.append([])
            continue
        item = ITEM.match(line)
        if item:
            kind = "number" if item.group("marker")[0].isdigit() else "bullet"
            found[-1].append((number, len(item.group("indent").expandtabs(4)), kind, item.group("text")))
    return found


def unasked(guide: Guide, handout: str, name: str) -> list[Diagnostic]:
    """Items of a questions section that the handout does not carry, or carries glued to another."""
    notes, _rest = notes_in(guide.body)
    drawn = Drawn(handout)
    found = []
    source = _with_blanks(guide.body, notes)
    rows = source.split("\n")
    for items in regions(source):
        if not items:
            continue
        top = min(indent for _, indent, _, _ in items)
        kind = next(k for _, indent, k, _ in items if indent == top)
        asked = [(line, text) for line, indent, k, text in items if indent == top and k == kind]
        on_sheet = [(line, text) for line, text in asked if _key(text) and _key(text) in drawn]
        if not on_sheet or not any(len(_key(text)) >= 16 or drawn.numbered(_key(text)) for _, text in on_sheet):
            continue  # not a questions section (a near miss is warned about when the guide is read); `- Strike`, found
            # inside a question on the handout, makes no list of key events a questions section
        for line, text in asked:
            if _key(text) and _key(text) not in drawn:
                found.append(Diagnostic(guide.path, line + guide.body_line - 1, f"this question is not on the {name}: "
                                        f"“{text[:60]}”; nothing was written"))
        for line, text in _run_on(rows, [line for line, _ in on_sheet]):
            if _key(text) not in drawn:  # a wrapped line of a question, lost ("1926. achieve…")
                found.append(Diagnostic(guide.path, line + guide.body_line - 1, f"this line of a question is not on "
                                        f"the {name}: “{text[:60]}”; nothing was written"))
        parsed = [q for q in guide.questions if any(_same(q.text, text) for _, text in asked)]
        if not found and len(parsed) < len(on_sheet):
            line = on_sheet[0][0] + guide.body_line - 1
            found.append(Diagnostic(guide.path, line, f"{len(on_sheet)} questions are written here but the {name} "
                                    f"numbers {len(parsed)}: questions were run together; put each on its own line, "
                                    "numbered, with follow-ups indented under it"))
    return found


def _run_on(rows: list[str], starts: list[int]) -> list[tuple[int, str]]:
    """The lines of words written straight under each item line (no blank line, marker or
    heading between): the rest of its question, wrapped. Lines of markup (pictures, HTML,
    link and footnote definitions, tables, fences, abbreviations) are not words to find."""
    found = []
    for start in starts:
        for number in range(start + 1, len(rows) + 1):
            row = rows[number - 1]
            if not row.strip() or HEADING.match(row) or ITEM.match(row) or not RUN_ON.match(row):
                break
            if len(_key(html.unescape(row))) >= 3:
                found.append((number, html.unescape(row.strip())))
    return found


class Drawn:
    """The handout's text as letters and digits. A question with a footnote is drawn with
    the footnote's number after the call ("army?1 Why?"): it is found with or without it."""

    def __init__(self, text: str) -> None:
        self.exact = fingerprint(text)
        self.bare = re.sub(r"\d+", "", self.exact)

    def __contains__(self, key: str) -> bool:
        return key in self.exact or (bool(key) and re.sub(r"\d+", "", key) in self.bare)

    def numbered(self, key: str) -> bool:
        """Drawn as an item of the handout's list: right after its number (`2whydidit`)."""
        return bool(key) and re.search(r"\d" + re.escape(key), self.exact) is not None


def _with_blanks(body: str, notes: list[tuple[int, str]]) -> str:
    """The body with the notes' lines blanked, so line numbers hold."""
    lines = body.split("\n")
    for number, _ in notes:
        lines[number - 1] = ""
    return "\n".join(lines)


def _same(parsed: str, written: str) -> bool:
    """A question as read and as written (the written line may be only its first line)."""
    one, other = fingerprint(parsed), _key(written)
    return bool(one and other) and (one.startswith(other[:40]) or other.startswith(one[:40]))


def _key(text: str) -> str:
    """What is compared: the item's words as drawn (emphasis, links and escapes gone), its first 60 letters."""
    text = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", text)  # an autolink is drawn as its address
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # a picture is drawn, its description is not
    text = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]|\[\^[^\]]+\]|</?[A-Za-z!?][^>]*>", "", text)  # `2 < 3 and 4 > 1` is text
    text = re.sub(r"\{[^}]*\}\s*$", "", text)
    return fingerprint(html.unescape(text))[:60]


def participant_texts(made: list) -> dict[str, str]:
    """What each file the group receives says, for the leak check (read back where the layout
    did not tell it: the booklet and press are the participant pages, imposed)."""
    from studyguide.build.leaks import pdf_info
    from studyguide.build.readback import text as pdf_text

    texts = {}
    for edition, outputs in made:
        for output in outputs if edition.participants else ():
            if output.text is not None:
                texts[output.key] = output.text + (" " + pdf_info(output.data) if output.name.endswith(".pdf") else "")
            elif output.name.endswith(".pdf"):
                texts[output.key] = pdf_text(output.data)
    return texts



def check_leaks(guide: Guide, texts: dict[str, str]) -> None:
    """The second lock: whatever the reader did, no run of a note's words in a participant output."""
    from studyguide.build.leaks import leaks

    leaked = leaks(guide, texts)
    if leaked:
        raise GuideError([Diagnostic(guide.path, line, f"facilitator notes would reach participants in the {where}: "
                                     f"“{words}…” (the note written here); nothing was written") for where, line, words in leaked])


def handout_texts(made: list) -> dict[str, tuple[str, tuple[int, ...]]]:
    """{key: (text drawn, numbers of the questions it must carry)} of every handout any edition made,
    the leader's too: the editions say which outputs are handouts (`Output.asks`), not this module."""
    from studyguide.build.readback import text as pdf_text

    return {o.key: (o.shown if o.shown is not None else o.text if o.text is not None else pdf_text(o.data), o.asks)
            for _, outputs in made for o in outputs if o.asks is not None}


def check_questions(guide: Guide, handouts: dict[str, tuple[str, tuple[int, ...]]]) -> None:
    """Every question and follow-up the reader found is on each handout meant to carry it, as the
    layout drew it; and, on a handout of every question, by a scan of the source that shares
    nothing with the reader, every question written."""
    every = {q.number for q in guide.questions}
    for key, (text, asks) in handouts.items():
        name = f"{key} handout" if not key.endswith("handout") else key.replace("-", " ")
        if set(asks) == every:
            missed = unasked(guide, text, name)
            if missed:
                raise GuideError(missed)
        drawn = Drawn(text)
        missing = [q for q in guide.questions if q.number in asks
                   for said in (q.text, *q.followups) if fingerprint(said)[:60] not in drawn]
        if missing:
            raise GuideError.at(guide.path, None, f"question {missing[0].number} (“{missing[0].text[:60]}”) is missing "
                                                  f"from the {name}; nothing was written")


def seen_texts(made: list) -> dict[str, tuple[str, tuple[int, ...]]]:
    """{key: (the part of its text a reader can see, questions it must carry)} of every handout PDF,
    read from its pixels (studyguide.build.ink), which no part of the layout had a hand in."""
    from studyguide.build.readback import inked

    return {o.key: (inked(o.data), o.asks) for _, outputs in made for o in outputs
            if o.asks is not None and o.name.endswith(".pdf")}


def _unordered(found: list[str]) -> list[str]:
    """Each word by its letters: PDFium gives `COP26` in an Arabic line in the order it is drawn, `26COP`.
    Digits are left out, as Drawn leaves them out: a footnote's call is drawn glued to its word (`community1`); and
    so are the characters that print as nothing (Persian's zero-width non-joiner in `می‌گوید`), which neither
    PDFium nor Poppler gives back."""
    return [key for word in found if (key := "".join(sorted(c for c in re.sub(r"\d+", "", word)
                                                            if unicodedata.category(c) != "Cf")))]


def check_seen(guide: Guide, handouts: dict[str, tuple[str, tuple[int, ...]]]) -> None:
    """Every question shows on each handout meant to carry it, its end as well as its start (a theme's
    `line-clamp` cuts it short), and each follow-up shows after its own question and before the next one
    (a short follow-up's words are found anywhere). PDFium gives a right-to-left phrase in the order it is
    drawn, not read: a question with one is looked for word by word."""
    for handout, (inked, asks) in handouts.items():
        drawn, shown = Drawn(inked), Counter(_unordered(words(_unmarked(inked))))
        asked = [q for q in guide.questions if q.number in asks]
        starts, at = [], 0  # each question looked for after the one before: two may read alike ("Read on")
        for question in asked:
            key = re.sub(r"\d+", "", fingerprint(question.text))[:60]
            found = drawn.bare.find(key, at)
            if found < 0:
                found = drawn.bare.find(key)
            else:
                at = found + max(1, len(key))
            starts.append(found)
        for index, question in enumerate(asked):
            later = [start for start in starts[index + 1:] if start > starts[index]]
            span = drawn.bare[starts[index]:min(later) if later else None] if starts[index] >= 0 else ""
            for said in (question.text, *question.followups):
                if RIGHT_TO_LEFT.search(said):
                    seen = not Counter(_unordered(words(_unmarked(said)))) - shown
                    misordered = [run.strip(" ?!.,;:") for run, key, back in _left_to_right_runs(said)
                                  if key not in drawn.bare and back not in drawn.bare]
                    if seen and misordered:  # its words all there, but a left-to-right run of them out of order
                        raise GuideError.at(guide.path, _line_of(guide, said), f"the words “{misordered[0][:60]}” of "
                                            f"question {question.number} are printed out of order on the {handout} "
                                            "handout (words of two directions in one line): a bug of studyguide's; "
                                            "nothing was written")
                else:
                    whole = fingerprint(said)
                    seen = not whole or (whole in drawn and (  # whole: a theme may cut out its middle (`li em`)
                        said == question.text or not starts[index] >= 0 or re.sub(r"\d+", "", whole)[:60] in span))
                if not seen:
                    name = f"{handout} handout" if not handout.endswith("handout") else handout.replace("-", " ")
                    what = f"question {question.number}" if said == question.text else \
                        f"the follow-up to question {question.number}"
                    raise GuideError.at(guide.path, _line_of(guide, said), f"{what} (“{said[:60]}”) cannot be "
                                        f"seen on the {name}: it is in the PDF, but drawn where no one can see it "
                                        "(clipped, covered, cut short, off the page, or the colour of the paper): look "
                                        "at the theme's stylesheet, if the guide has one; nothing was written")


def _left_to_right_runs(said: str) -> list[tuple[str, str, str]]:
    """The runs of two or more left-to-right words in a line with right-to-left ones, by their letters (as Drawn.bare),
    in their order and word by word turned round: Poppler gives such a run in its order, PDFium in its order or, at
    times, its words the other way round ("Kapital Das"); a run set in pieces in the wrong order is neither."""
    runs = re.split(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+", _unmarked(said))
    return [(run, key, re.sub(r"\d+", "", fingerprint(" ".join(reversed(re.findall(r"[^\W_]+", run))))))
            for run in runs if len(re.findall(r"[^\W\d_]{2,}", run)) >= 2 and (key := re.sub(r"\d+", "", fingerprint(run)))]


def _line_of(guide: Guide, said: str) -> int | None:
    """The line of the guide where `said` (a question or a follow-up, as read) is written, when one line holds it."""
    key = fingerprint(said)[:30]
    lines = [number for number, line in enumerate(guide.body.split("\n"), start=guide.body_line)
             if key and key in fingerprint(line)]
    return lines[0] if len(lines) == 1 else None


def _unmarked(text: str) -> str:
    """Without combining marks, which PDFium may give before or after their letter, or apart from it
    between spaces (`سجّل`, `سجلّ`, `يصو ّ ر`), nor the characters that print as nothing (Persian's zero-width
    non-joiner in `می‌گوید`, which neither reader gives back)."""
    kept: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if unicodedata.category(char) == "Cf":
            continue
        if not unicodedata.combining(char):
            kept.append(char)
        elif kept and kept[-1] == " " and text[index:index + 1] == " ":  # a mark standing apart: its word joined
            while kept and kept[-1] == " ":
                kept.pop()
            while text[index:index + 1] == " ":
                index += 1
    return "".join(kept)


RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
