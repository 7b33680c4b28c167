"""Near misses: headings, lists and lines that look like questions or sessions but will
not be taken as such, and what `studyguide new` left for the organiser to replace.
Each is a warning at its line: the questions would otherwise be missing from the handout."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import Diagnostic
from studyguide.read import fences
from studyguide.read.vocabulary import Vocabulary

# What `studyguide new` writes for the organiser to replace.
PLACEHOLDERS = ("Your name", "example.org/the-article", "The title of the article or book", "Summarise the reading in your own words",
                "The first question for the group?", "A follow-up prompt.")


def near_misses(path: Path, text: str, parts: fences.Split, data, words: Vocabulary) -> list[Diagnostic]:
    """Headings and lists that look like questions or sessions but will not be taken as such:
    the questions would be missing from the handout, so each is named at its line."""
    found = []
    rows = parts.participant.split("\n")

    def line_of(said: str, pattern: str | None = None) -> int | None:
        probe = " ".join(said.split())[:30]
        for row, number in zip(rows, parts.lines):
            if (pattern and re.search(pattern, row)) or (probe and probe in " ".join(row.split())):
                return number
        return None

    for tag, title, marked in data.headings:
        if marked:
            continue
        where = line_of(title, rf"^\s*#+\s*{re.escape(title[:30])}")
        if words.near_question(title):
            found.append(Diagnostic(path, where, f"the heading '{title}' looks like a questions heading but is not one: "
                                    "its list will not reach the handout. Write 'Discussion questions', add {.questions} "
                                    "after the heading, or name it in questions_heading", "warning"))
        elif tag == "h2" and words.near_session(title):
            found.append(Diagnostic(path, where, f"the heading '{title}' looks like a session but is not one: write "
                                    "'Session 1' (or name the word in session_heading) to give it its own handout", "warning"))
    for kind, what in data.unparsed:
        if kind == "paragraph":
            found.append(Diagnostic(path, line_of(what), "this looks like a question (or a list of them) under the "
                                    "questions heading but is not in the list: it will not reach the handout; put each "
                                    "question on its own line, numbered '1.', with a blank line before the list",
                                    "warning"))
        else:
            found.append(Diagnostic(path, line_of(what, rf"^\s*#+\s*{re.escape(what[:30])}"),
                                    f"questions under '{what}', which is not a questions heading, will not reach the "
                                    "handout: add {.questions} to the heading, or name it 'Discussion questions'", "warning"))
    for question in data.questions:
        if re.search(r"[?？]\s+\d{1,3}[.)]\s+\S", question.text):
            found.append(Diagnostic(path, line_of(question.text), "several questions stand on one line: the handout "
                                    "prints them as one; put each on its own line, numbered", "warning"))
    for number, row in enumerate(text.split("\n"), start=1):
        for placeholder in PLACEHOLDERS:
            if placeholder in row:
                found.append(Diagnostic(path, number, f"'{placeholder}' is left from the new-guide template: "
                                        "replace it or delete the line", "warning"))
    return found
