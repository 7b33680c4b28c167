"""References that cross a facilitator block's edge: a footnote, a link definition or
a heading written inside a note but used outside it. Participants would see a bare
`[^1]` or a dead link (and another tool might print the note), so each is refused at
its line; footnotes never written or never used are warned about."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic
from studyguide.read.fences import HEADING, Split

FOOTNOTE_DEF = re.compile(r"^(?:[ \t]*>)*[ \t]*\[\^(?P<label>[^\]\s]+)\]:")
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
LINK_DEF = re.compile(r"^(?:[ \t]*>)*[ \t]{0,3}\[(?P<label>[^\]^][^\]]*)\]:[ \t]*\S")
LINK_REF = re.compile(r"\]\[(?P<label>[^\]]*)\]|\[(?P<short>[^\]^][^\]]*)\](?![(\[:])")


# The ids studyguide gives its own parts (a question, the reading, the cover, the contents, notes and
# their calls, the e-book's files): a heading spelt the same ("## Question 1", "## The reading") gets
# another, or a link would land on the wrong one and the e-book would not validate.
OURS = re.compile(r"(?:question-\d+|the-reading|cover(?:-image)?|contents|toc|text|nav|uid|css|img.*|note-.*|call-.*|"
                  r"reading-.*|runsheet-.*|studyguide-.*)")


def heading_slug(value: str, separator: str) -> str:
    """A heading's id (Python-Markdown's slugify_unicode), never one of OURS."""
    from markdown.extensions.toc import slugify_unicode

    slug = slugify_unicode(value, separator)
    return slug + separator + "section" if OURS.fullmatch(slug.lower()) else slug


def _anchor(text: str) -> str:
    """A heading's anchor as the contents and links name it."""
    return heading_slug(re.sub(r"\s*\{[^}]*\}\s*$", "", text), "-").lower()


def crossings(split_: Split, path: Path | str, first_line: int) -> list[Diagnostic]:
    """Footnotes and link definitions written inside a block but used outside it: an
    error, because the participant text would show the bare reference (or, in another
    tool, the note); and references nobody defined, or definitions nobody uses."""
    found: list[Diagnostic] = []
    inside_notes: dict[str, int] = {}
    inside_links: dict[str, int] = {}
    inside_refs: dict[str, int] = {}
    for note in split_.notes:
        for offset, row in enumerate(note.text.split("\n"), start=1):
            if m := FOOTNOTE_DEF.match(row):
                inside_notes.setdefault(m.group("label"), note.line + offset)
            elif m := LINK_DEF.match(row):
                inside_links.setdefault(m.group("label").casefold(), note.line + offset)
            for ref in FOOTNOTE_REF.finditer(row):
                inside_refs.setdefault(ref.group("label"), note.line + offset)
    defined: dict[str, int] = {}
    used: dict[str, int] = {}
    links: dict[str, int] = {}
    participant = split_.participant.split("\n")
    for row, number in zip(participant, split_.lines):
        if m := FOOTNOTE_DEF.match(row):
            defined.setdefault(m.group("label"), number)
            row = row[m.end():]
        elif m := LINK_DEF.match(row):
            links.setdefault(m.group("label").casefold(), number)
            continue
        for ref in FOOTNOTE_REF.finditer(row):
            used.setdefault(ref.group("label"), number)
    for row, number in zip(participant, split_.lines):
        if LINK_DEF.match(row):
            continue
        for ref in LINK_REF.finditer(row):
            label = (ref.group("label") or ref.group("short") or "").casefold()
            if label in inside_links and label not in links:
                found.append(Diagnostic(path, number, f"the link [{label}] is defined inside the facilitator block at line "
                                        f"{inside_links[label]}: define it outside the block, or use it only inside"))
    inside_headings = {_anchor(m.group("text")) for note in split_.notes for row in note.text.split("\n")
                       if (m := HEADING.match(row))}
    for row, number in zip(participant, split_.lines):
        for target in re.findall(r"\]\(#([^)\s]+)\)", row):
            if target.lower() in inside_headings:
                found.append(Diagnostic(path, number, f"the link to #{target} points at a heading inside a facilitator "
                                        "block, which participants do not have: link to a heading outside it"))
    for row, number in zip(participant, split_.lines):
        for given in re.findall(r"\{[^}]*#([^\s}]+)[^}]*\}|\bid\s*=\s*[\"']([^\"']+)", row):
            name = next(g for g in given if g)
            if OURS.fullmatch(name.lower()):
                found.append(Diagnostic(path, number, f"the id '{name}' is one studyguide gives its own part (a question, "
                                        "the reading, the cover, the contents, a note): links to it would land on the "
                                        "wrong place and the e-book would be invalid; choose another"))
    for label, number in used.items():
        if label in defined:
            continue
        if label in inside_notes:
            found.append(Diagnostic(path, number, f"the footnote [^{label}] is written inside the facilitator block at line "
                                    f"{inside_notes[label]}: participants would see a bare [^{label}]; move the footnote "
                                    "out of the block, or the reference into it"))
        else:
            found.append(Diagnostic(path, number, f"the footnote [^{label}] is never written: add a line "
                                    f"'[^{label}]: …' (it would print as [^{label}])", "warning"))
    for label, number in defined.items():
        if label not in used and label in inside_refs:
            found.append(Diagnostic(path, number, f"the footnote [^{label}] is referred to only inside the facilitator "
                                    f"block at line {inside_refs[label]}: it is printed nowhere, and the leader's edition "
                                    f"shows a bare [^{label}]; move the footnote into the block", "warning"))
        elif label not in used:
            found.append(Diagnostic(path, number, f"the footnote [^{label}] is written but never referred to: "
                                    f"add [^{label}] where it belongs, or delete it", "warning"))
    return found
