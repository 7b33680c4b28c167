"""Near misses: headings, lists and lines that look like questions or sessions but will
not be taken as such, and what `studyguide new` and `studyguide import` left for the
organiser to replace. Each is named at its line: the questions would otherwise be missing
from the handout, or on the wrong one."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from studyguide.errors import Diagnostic, GuideError
from studyguide.read import fences, lists
from studyguide.read.frontmatter import split
from studyguide.read.lint import prose_lines
from studyguide.read.spelled import renamed, spelled_session, suggested
from studyguide.read.vocabulary import Vocabulary

# What the skeletons of `studyguide new` and `studyguide import` write for the organiser to
# replace, in every language (the message catalogues' skeleton_* texts), and the example URL.
SKELETON_KEYS = ("skeleton_author", "skeleton_reading_title", "skeleton_summary_hint", "skeleton_article_summary_hint",
                 "skeleton_question_1", "skeleton_follow_up", "skeleton_question_2", "skeleton_article_question_1",
                 "skeleton_article_question_2", "skeleton_opening",
                 "skeleton_further_item", "skeleton_term_meaning")
PLACEHOLDERS = ("Your name", "example.org/the-article", "The title of the article or book", "Summarise the reading in your own words",
                "The first question for the group?", "A follow-up prompt.", "What is the article's main argument?",
                "Summarise the article's argument")
MOST_SESSIONS = 9999  # a session numbered past this is a slip ("Session 10000"), not a plan
HEADING_ROW = re.compile(r"^ {0,3}#{1,6}(\s|$)")
UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")


def fold(text: str) -> str:
    """Letters and digits only, case folded: a line as written and as rendered compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


class Lines:
    """Where a heading or paragraph, as the reader rendered it, stands in the file."""

    def __init__(self, parts: fences.Split) -> None:
        self.rows = parts.participant.split("\n")
        self.numbers = parts.lines
        self.folded = [fold(row) for row in self.rows]
        self.starts = []
        at = 0
        for key in self.folded:
            self.starts.append(at)
            at += len(key)
        self.joined = "".join(self.folded)
        # The heading rows, found once: looked for again at each heading, they cost a guide of
        # 2,000 headings half a minute.
        self.headings = [row for row in range(len(self.rows)) if HEADING_ROW.match(self.rows[row]) or (
            row + 1 < len(self.rows) and self.rows[row].strip() and UNDERLINE.match(self.rows[row + 1]))]

    def line(self, row: int | None) -> int | None:
        return self.numbers[row] if row is not None and 0 <= row < len(self.numbers) else None

    def heading(self, title: str, after: int) -> int | None:
        """The row of the first heading after row `after` that reads `title`."""
        headings = self.headings[bisect.bisect_right(self.headings, after):]
        for size in (24, 12, 6):  # shorter when a link's address stands inside the title as written
            probe = fold(title)[:size]
            found = next((row for row in headings if probe in self.folded[row]), None)
            if found is not None:
                return found
        return None

    def text(self, said: str, after: int) -> int | None:
        """The row where `said` (a paragraph or item, perhaps over several lines) starts, after row `after`."""
        key = fold(said)
        begin = self.starts[after] if 0 <= after < len(self.starts) else 0
        for size in (32, 16, 8):
            if key[:size]:
                found = self.joined.find(key[:size], begin)
                if found >= 0:
                    return bisect.bisect_right(self.starts, found) - 1
        return None


@lru_cache(maxsize=8)
def placeholders(theme: Path | None = None) -> tuple[str, ...]:
    """The skeleton's example texts in every catalogue; a long one by its first sentence."""
    from studyguide.i18n import catalogues, words_for

    found = set(PLACEHOLDERS)
    for lang in catalogues(theme):
        words = words_for(lang)
        for key in SKELETON_KEYS:
            said = words.get(key)
            if isinstance(said, str) and said.strip():
                found.add(re.split(r"(?<=[.:。：;])\s", said.strip(), maxsplit=1)[0])
    return tuple(sorted((p.replace("’", "'") for p in found if len(p) >= 4 or not p.isascii()), key=len, reverse=True))


def near_misses(path: Path, text: str, parts: fences.Split, data, words: Vocabulary,
                theme: Path | None = None) -> list[Diagnostic]:
    """Headings and lists that look like questions or sessions but will not be taken as such:
    the questions would be missing from the handout, so each is named at its line."""
    found: list[Diagnostic] = []
    lines = Lines(parts)
    rows: list[int | None] = []  # each heading's row, in order: a title written twice is found twice
    after = -1
    for _tag, title, _marked in data.headings:
        row = lines.heading(title, after)
        rows.append(row)
        after = row if row is not None else after

    near: set[int] = set()  # the headings said to be near misses: the lists under them are not said again
    taken: set[int] = set()  # the session numbers so far: advice never gives one twice
    none = "" if data.questions else " (the guide has no other questions, so no question handout is made)"
    inside = 0  # the level of the questions heading the headings below stand under (0: none)
    for index, ((tag, title, marked), row) in enumerate(zip(data.headings, rows)):
        where = lines.line(row)
        level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
        inside = level if marked else (inside if level > inside else 0)
        if inside and not marked and re.search(r"[?？؟]\s*$", title) and (not data.questions or re.match(
                r"\W*(?:q(?:uestion)?\s*)?\d{1,3}\s*[.):]", title, re.I)):  # (else the title of the questions below it)
            found.append(Diagnostic(path, where, f"the heading '{title}' under the questions heading is a question "
                                    "written as a heading: it will not reach the handout; put it in the numbered list "
                                    "('1. …?')", "warning"))
        if re.fullmatch(r"\{[^{}]*\}", title.strip()):
            found.append(Diagnostic(path, where, f"the heading '{title}' has no words before its '{{…}}': it is printed "
                                    "as written and marks nothing. Write its title first: '## Discussion questions "
                                    "{.questions}'", "warning"))
        elif marked:
            continue
        elif words.near_question(title):
            near.add(index)
            found.append(Diagnostic(path, where, f"the heading '{title}' looks like a questions heading but is not one: "
                                    f"its list will not reach the handout{none}. Write 'Discussion questions', add "
                                    "{.questions} after the heading, or name it in questions_heading", "warning"))
        elif tag == "h2" and (words.near_session(title) or spelled_session(title, words) is not None):
            as_written = spelled_session(title, words)
            instead = renamed(title, words, suggested(as_written[1] if as_written else None, taken)) if as_written \
                else "Session 1"
            digits = as_written is None or (as_written[0].casefold() not in words.sessions
                                            and re.match(r"\W*\w+\W+\d", title) is not None)
            also = (f" (or name '{as_written[0]}' in session_heading)" if as_written else
                    " (or name the word in session_heading)") if digits else ""  # (a number in words: only digits do)
            found.append(Diagnostic(path, where, f"the heading '{title}' looks like a session but is not one: write "
                                    f"'## {instead}'{also} to give it its own handout", "warning"))
            taken.add(int(re.search(r"\d+", instead).group(0)))
        if tag == "h2" and words.session_number(title):
            taken.add(words.session_number(title))
    found += _sessions(path, data, words, [lines.line(r) for r in rows])
    found += _contained(path, lines, words)
    for kind, what, under in data.unparsed:
        title = data.headings[under][1] if 0 <= under < len(data.headings) else ""
        if re.fullmatch(r"\{[^{}]*\}", title.strip()):
            continue  # said at the heading
        start = rows[under] if 0 <= under < len(rows) and rows[under] is not None else -1
        if kind == "between":
            found.append(Diagnostic(path, lines.line(lines.text(what, start)), "these words stand between two "
                                    "questions: the handout prints the questions only, so they are on the guide but "
                                    "not on the handout; put them in a question, or before the list", "warning"))
        elif kind == "picture":
            above, _, shown = what.rpartition("\n")
            after = lines.text(above, start) if above else None
            found.append(Diagnostic(path, lines.line(lines.text(shown, start if after is None else after)), "this "
                                    "picture stands between two questions: the handout prints the questions only, so "
                                    "it is in the guide but not on the handout. To print it there, indent it under the "
                                    "question it belongs to (four spaces); else move it before the list", "warning"))
        elif kind == "plain":
            found.append(Diagnostic(path, lines.line(lines.text(what, start)), f"'{what}' is a paragraph, not a heading "
                                    "(a paste from Word loses heading styles): the list under it is taken as the "
                                    f"questions all the same, but it prints as plain words; write "
                                    f"'{_level(data, under)} {what.rstrip(' :：')}'", "warning"))
        elif kind == "orphan":  # (no heading above them at all: the first question says where)
            near.add(under)
            found.append(Diagnostic(path, lines.line(lines.text(what, start)), "these questions stand under no "
                                    f"heading, so they will not reach the handout{none}: put '## Discussion questions' "
                                    "on a line of its own above them", "warning"))
        elif kind == "todo":
            found.append(Diagnostic(path, lines.line(lines.text(what, start)), f"'{what}' is a to-do (a task-list "
                                    "item) in the questions list: the handout would print it (and any to-do below it) "
                                    "as a numbered question. Move the to-dos out of the questions, under a heading of their own (such as "
                                    "'## Before next time'), or into a '::: facilitator' block"))
        elif kind == "after":
            found.append(Diagnostic(path, lines.line(lines.text(what, start)), "these words stand after the question's "
                                    "follow-ups, but the handout prints them before the follow-ups: move them above "
                                    "the follow-ups, or make them a follow-up", "warning"))
        elif kind == "paragraph":
            row = lines.text(what, start)  # (in HTML, the words are not as written: the heading's line, then)
            found.append(Diagnostic(path, lines.line(row if row is not None else start), "this looks like a question (or a list "
                                    "of them) under the questions heading but is not in the list: it will not reach the "
                                    "handout; put each question on its own line, numbered '1.', with a blank line before "
                                    "the list", "warning"))
        elif under not in near:  # (a near miss's list: said at its heading, once)
            row = start if title == what and start >= 0 else lines.text(what, start)
            near.add(under)
            advice = (f"put '{_level(data, under)} Discussion questions' on a line of its own above them" if
                      words.session_number(what) is not None else  # (renamed, the session would be gone)
                      "add {.questions} to the heading, or name it 'Discussion questions'")
            found.append(Diagnostic(path, lines.line(row), f"questions under '{what}', which is not a questions heading, "
                                    f"will not reach the handout{none}: {advice}", "warning"))
    for question in data.questions:
        if re.search(r"[?？]\s+\d{1,3}[.)]\s+\S", question.text):
            found.append(Diagnostic(path, lines.line(lines.text(question.text, -1)), "several questions stand on one "
                                    "line: the handout prints them as one; put each on its own line, numbered", "warning"))
    found += [Diagnostic(path, lines.line(row), message, "warning") for row, message in lists.glued_markers(parts.participant)]
    leftovers = placeholders(theme)
    try:
        body_line = split(text, path)[2]
    except GuideError:
        body_line = 1
    kept = set(parts.lines)
    for number, row in enumerate(text.split("\n"), start=1):
        if number >= body_line and number not in kept:
            continue  # a facilitator note's line: a warning never quotes one (the warnings are published)
        row = row.replace("’", "'")
        core = _core(row)
        for placeholder in leftovers:
            # a short one ("Ihr Name", "Une relance.") only as a whole line, item or value: it is also prose
            if placeholder in row and (len(placeholder) >= 24 or placeholder in PLACEHOLDERS or core == placeholder):
                found.append(Diagnostic(path, number, f"'{placeholder}' is left from the new-guide template (studyguide new or import): "
                                        "replace it or delete the line", "warning"))
                break
    found += _not_asked(path, data, lines)
    for (tag, title, _marked), row in zip(data.headings, rows):  # `## Session 0: introductions`
        if tag == "h2" and words.session_number(title) == 0 and re.search(r"(?<![\d.,])0(?![\d.,])", title):
            found.append(Diagnostic(path, lines.line(row), f"'{title}' is numbered 0, but sessions are numbered from 1: "
                                    "its handout, run sheet and calendar would call it session 1 and the next one "
                                    "session 2; number the sessions from 1", "warning"))
    found += _labelled_questions(path, parts, {d.line for d in found})
    found += _underlined_after_a_list(path, parts)
    if not data.questions and not near:  # (else said at the heading whose questions they are)
        asked = next((r for (_tag, _title, marked), r in zip(data.headings, rows) if marked and r is not None), None)
        last = max((k for k, row in enumerate(lines.rows) if row.strip()), default=None)
        boxed = next((k for k, row in enumerate(lines.rows) if CALLOUT_ASKS.match(row)), None)
        found.append(Diagnostic(path, lines.line(boxed if boxed is not None else asked if asked is not None else last),
                                "no discussion questions (a heading 'Discussion questions' over a numbered list): "
                                "no question handout is made" + (" (questions in a callout, '> [!question]', are text in "
                                                                 "a box: write them under such a heading instead)"
                                                                 if boxed is not None else ""), "warning"))
    return found


CALLOUT_ASKS = re.compile(r"^[ \t]*>[ \t]*\[!(?:questions?|faq|discuss\w*|help)\][-+]?", re.I)  # Obsidian's box of questions


def _sessions(path: Path, data, words: Vocabulary, at: list[int | None]) -> list[Diagnostic]:
    """Session headings that would put questions on the wrong handout, or on none."""
    found: list[Diagnostic] = []
    seen: dict[str, int | None] = {}
    numbered: dict[int, int | None] = {}
    session = ""  # the session the last `##` heading started, if it did
    between: Diagnostic | None = None  # a `##` questions heading after a session, until another session follows
    ender: tuple | None = None  # (title, line, session): a `##` heading that ended a session, questions perhaps below it
    for (tag, title, marked), where in zip(data.headings, at):
        number = words.session_number(title)
        if tag == "h2" and number is None and spelled_session(title, words) is not None:
            session, ender = "", None  # `## Session One`: said at the heading, with a number that works
            continue
        if tag == "h2" and number is None:
            if marked and session and between is None:  # (after the last session: the whole guide's questions)
                between = Diagnostic(path, where, f"'{title}' is a level-2 heading, so it ends '{session}': its "
                                     "questions go on the guide's handout but not on the session's. Make it "
                                     f"'### {title}' to keep them in the session", "warning")
            ender = (title, where, session) if session else ender if not marked else None
            session = ""
        elif marked and ender is not None and between is None:  # `## Key terms` / `### Discussion questions`
            between = Diagnostic(path, ender[1], f"'{ender[0]}' is a level-2 heading, so it ends '{ender[2]}': the "
                                 "questions below it go on the guide's handout but not on the session's. Make it "
                                 f"'### {ender[0]}' to keep them in the session", "warning")
            ender = None
        if number is not None:
            ender = None
        if tag == "h2" and number is not None and between is not None:
            found.append(between)
            between = None
        if number is None:
            continue
        if tag != "h2":
            found.append(Diagnostic(path, where, f"'{title}' is a level-{tag[1]} heading: only a level-2 heading "
                                    f"('## {title}') starts a session, with its own page and question handout; "
                                    "its questions go on the guide's handout only", "warning"))
            continue
        key = " ".join(title.casefold().split())
        if number > MOST_SESSIONS:
            found.append(Diagnostic(path, where, f"'{title}': a session number past {MOST_SESSIONS} is not one a "
                                    "group meets for; write the session's own number ('## "
                                    f"{_renumbered(title, max(numbered, default=0) + 1)}')"))
        elif key in seen:
            first = f" (the first is at line {seen[key]})" if seen[key] else ""
            found.append(Diagnostic(path, where, f"a second session headed '{title}'{first}: each session's handout "
                                    "would carry both sessions' questions under one title; give each session its own "
                                    f"number ('## {_renumbered(title, max(numbered, default=0) + 1)}')"))
        elif number and number in numbered:
            first = f" (the first is at line {numbered[number]})" if numbered[number] else ""
            found.append(Diagnostic(path, where, f"a second session numbered {number}{first}: the session handouts "
                                    "are numbered by their place instead; give each session its own number", "warning"))
        session = title
        seen.setdefault(key, where)
        if number:
            numbered.setdefault(number, where)
    if between is not None and "the questions below it" in between.message:  # the last session's, lost the same way
        found.append(between)
    return found


# `Question 3: Why …?`, `Q4. What …?`, `**Question 5.** Who …?`, `Q: Was it …?`: a question written as a paragraph.
LABELLED = re.compile(r"^ {0,3}(?:>[ \t]*)*(?:\*\*|__|\*|_)?[ \t]*(?:q|question|frage|pregunta|pergunta|domanda)[ \t]*"
                      r"\d{0,3}[ \t]*[:.)](?:\*\*|__|\*|_)?[ \t]+\S.*[?？][\s*_]*$", re.I)


def _labelled_questions(path: Path, parts: fences.Split, said: set) -> list[Diagnostic]:
    """A question written as a paragraph, labelled as one, is printed in the guide but is no item
    of a questions list: the handout would go without it, so it is named at its line."""
    found = []
    for index, row in lists.prose(parts.participant.split("\n")):
        number = parts.lines[index]
        if row is not None and number not in said and LABELLED.match(row):
            found.append(Diagnostic(path, number, "this question is written as a paragraph, so it will not reach the "
                                    "handout: put it in the numbered list under the questions heading ('1. Why …?')",
                                    "warning"))
    return found


ASKING = re.compile(r"[?？؟]|^\W*(?:why|how|what|who|whom|whose|when|where|which|is|are|was|were|do|does|did|can|could|"
                    r"should|would|will|has|have|had|discuss|consider|compare|describe|explain|explore|imagine|think|"
                    r"reflect|say|tell|list|name|choose|decide|find|look|read|share|suggest)\b", re.I)


def _not_asked(path: Path, data, lines: Lines) -> list[Diagnostic]:
    """A questions heading over a list that asks nothing (minutes under `### Discussion`): the handout
    would print it as questions, and number the real ones after it. Kept, and said at its first item."""
    found, groups = [], {}
    for question in data.questions:
        groups.setdefault((question.part, question.section), []).append(question)
    for (_, section), asked in groups.items():
        english = all(re.fullmatch(r"[\x00-\u024f\u2000-\u206f]*", q.text) for q in asked) and any(
            re.search(r"\b(?:the|and|to|of|will|we)\b", q.text, re.I) for q in asked)  # the words ASKING knows
        if len(asked) >= 2 and english and not any(ASKING.search(q.text) for q in asked):
            found.append(Diagnostic(path, lines.line(lines.text(asked[0].text, -1)), f"the list under '{section}' asks "
                                    f"nothing (no question marks), yet it goes on the handout as questions "
                                    f"{asked[0].number}–{asked[-1].number}: if it is not questions, rename the heading",
                                    "warning"))
    return found


def _underlined_after_a_list(path: Path, parts: fences.Split) -> list[Diagnostic]:
    """A heading underlined (`Session 2` / `---`) straight after a list's last line: Markdown joins the
    line to the item above (a question "…? Session 2"), and the session and its handout are gone."""
    rows = parts.participant.split("\n")
    found, in_list = [], False
    for index, row in lists.prose(rows[:-1]):
        if row is None or not row.strip():
            in_list = False
        elif lists.MARKER.match(row.expandtabs(4)):
            in_list = True
        elif in_list and not row.startswith((" ", "\t")) and re.fullmatch(r" {0,3}(?:-{2,}|={2,})[ \t]*", rows[index + 1]):
            found.append(Diagnostic(path, parts.lines[index], f"'{row.strip()}' is underlined as a heading, but it follows "
                                    "the list without a blank line, so it is printed as part of the item above (and "
                                    "is no heading): put a blank line before it", "warning"))
    return found


def _level(data, under: int) -> str:
    """The `#`s a questions heading needs under heading `under`: `###` inside a `##` section, which a `##` would end."""
    return "###" if any(tag in ("h2", "h3", "h4", "h5", "h6") for tag, _t, _m in data.headings[:under + 1]) else "##"


def _renumbered(title: str, number: int) -> str:
    """The title with the number the organiser probably meant."""
    return re.sub(r"\d+", str(number), title, count=1) if re.search(r"\d", title) else f"{title} {number}"


def _core(row: str) -> str:
    """A line without its list marker, YAML key, brackets and quotes: what an organiser typed there."""
    row = re.sub(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+", "", row)
    row = re.sub(r"^\s*[A-Za-z_][\w-]*\s*:\s", "", row)
    return row.strip().strip("[]\"' ").strip()


# A heading Markdown does not make a heading of the guide: written in HTML, or inside a quote or a list item.
HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(?P<title>.*?)</h\1\s*>", re.I)
CONTAINED_HEADING = re.compile(r"^(?:[ \t]*>)+[ \t]*#{1,6}[ \t]+(?P<title>.*?)[ \t#]*$|"
                               r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+#{1,6}[ \t]+(?P<item>.*?)[ \t#]*$|"
                               r"^[ \t]{1,}#{1,6}[ \t]+(?P<indented>.*?)[ \t#]*$")


def _contained(path: Path, lines: Lines, words: Vocabulary) -> list[Diagnostic]:
    """A session or questions heading written in HTML, in a quote, in a list item or indented:
    it prints, but starts no session and heads no questions, so the questions under it go on
    another session's handout, or on none; said at its line."""
    found = []
    for row, text in prose_lines("\n".join(lines.rows), 0):  # an example in code (or a comment) is not a heading
        if text.startswith(("    ", "\t")) and not text.strip().startswith(("<", "#")):
            continue
        html = HTML_HEADING.search(text)
        contained = CONTAINED_HEADING.match(text) if not html else None
        if not (html or contained):
            continue
        title = re.sub(r"<[^>]+>", "", html.group("title")) if html else next(g for g in contained.groups() if g is not None)
        how = "written in HTML" if html else "inside a quote, a list item or indented"
        if words.session_number(title) is not None:
            found.append(Diagnostic(path, lines.line(row), f"the heading '{title.strip()}' is {how}, so it starts no "
                                    "session: its questions go on the session before's handout. Write it on a line of "
                                    f"its own at the margin: '## {title.strip()}'", "warning"))
        elif words.is_questions(title):
            found.append(Diagnostic(path, lines.line(row), f"the heading '{title.strip()}' is {how}, so the questions "
                                    "under it will not reach the handout. Write it on a line of its own at the margin: "
                                    f"'## {title.strip()}'", "warning"))
    return found
