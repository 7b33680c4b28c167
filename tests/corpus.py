"""Guides written the ways organisers and attackers write them: the fail-closed corpus.

Each case is a guide body and what must come of it: either the questions (and their
follow-ups) every handout must carry, with no word of the facilitator's in anything
a participant gets; or a refusal at a given line. Facilitator text is written with
the marker word QUOKKA so that an independent reader (poppler, a zip reader) can look
for it in the files without sharing any code with studyguide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SECRET = "QUOKKA"  # in every facilitator sentence, and nowhere else


@dataclass(frozen=True)
class Case:
    name: str
    body: str
    questions: tuple[str, ...] = ()  # every question, in order, as the handout prints it
    followups: dict[int, tuple[str, ...]] = field(default_factory=dict)  # question index -> its follow-ups
    error: tuple[int, str] | None = None  # (line, words of the message) when the guide must be refused
    warning: tuple[int | None, str] | None = None  # a warning that must be given (the guide still builds)
    lang: str = "en"
    sessions: tuple[int, ...] = ()  # the session numbers that get their own handout
    front: str = ""  # extra front matter lines
    eol: str = "\n"  # how the file ends its lines

    def source(self) -> str:
        head = f"---\ntitle: Corpus {self.name}\nlang: {self.lang}\n{self.front}---\n"
        return (head + self.body.lstrip("\n")).replace("\n", self.eol)


QS = ("What does the author claim about the general strike?", "Which example convinced you most, and why?")
PLAIN = "\n## Discussion questions\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n"


def fence(opener: str, closer: str = ":::", indent: str = "") -> str:
    return (f"Some opening words about the reading.\n\n{indent}{opener}\n{indent}The leader says QUOKKA timing is "
            f"ten minutes for the first part.\n{indent}{closer}\n" + PLAIN)


CASES: list[Case] = [
    # --- the fence, spelt as people spell it -------------------------------------------------
    Case("documented", fence("::: facilitator"), QS),
    Case("glued", fence(":::facilitator"), QS),
    Case("capital", fence("::: Facilitator"), QS),
    Case("shouting", fence("::: FACILITATOR   "), QS),
    Case("braces", fence("::: {.facilitator}"), QS),
    Case("braces-extra", fence("::: {.facilitator .aside}"), QS),
    Case("extra-words", fence("::: facilitator notes"), QS),
    Case("four-colons", fence(":::: facilitator", "::::"), QS),
    Case("four-colons-nested-bare", "Intro.\n\n:::: facilitator\nQUOKKA first part of the plan.\n:::\n"
         "QUOKKA still inside, after a shorter fence.\n::::\n" + PLAIN, QS),
    Case("french-label", "Intro.\n\n::: Notes pour l’animation\nQUOKKA le plan de la séance.\n:::\n"
         "\n## Questions pour la discussion\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS, lang="fr"),
    Case("tab-indented", "Intro.\n\n\t::: facilitator\n\tQUOKKA tabbed note for whoever leads.\n\t:::\n" + PLAIN, QS),
    Case("crlf", (fence("::: facilitator")).replace("\n", "\r\n"), QS),
    # --- the fence where structure hides it --------------------------------------------------
    Case("after-paragraph-no-blank", "A paragraph about the reading.\n::: facilitator\nQUOKKA say this before the "
         "break.\n:::\nThe paragraph goes on.\n" + PLAIN, QS),
    Case("under-question-no-blank", "\n## Discussion questions\n\n1. " + QS[0] + "\n::: facilitator\nQUOKKA give them "
         "five minutes here.\n:::\n2. " + QS[1] + "\n", QS),
    Case("indented-under-question", "\n## Discussion questions\n\n1. " + QS[0] + "\n\n   ::: facilitator\n   QUOKKA "
         "per-question note for the leader.\n   :::\n\n2. " + QS[1] + "\n", QS),
    Case("in-list-item-marker", "\n## Discussion questions\n\n1. " + QS[0] + "\n- ::: facilitator\n  QUOKKA note "
         "opened by a bullet.\n  :::\n2. " + QS[1] + "\n", QS),
    Case("in-blockquote", "> A quotation from the text.\n> ::: facilitator\n> QUOKKA a note inside the quote.\n> :::\n"
         + PLAIN, QS),
    Case("in-footnote", "A claim.[^1]\n\n[^1]: A source.\n    ::: facilitator\n    QUOKKA the source is weak.\n"
         "    :::\n" + PLAIN, QS),
    Case("heading-in-block-with-toc", "[TOC]\n\n## Summary\n\nText.\n\n::: facilitator\n## QUOKKA plan heading\n\n"
         "QUOKKA plan.\n:::\n" + PLAIN, QS),
    Case("repeats-question", "Intro.\n\n::: facilitator\nAsk first: " + QS[0] + "\n:::\n" + PLAIN, QS),
    # --- refused, at the right line ------------------------------------------------------------
    Case("unknown-block", "Intro.\n\n::: note\nQUOKKA a pandoc note.\n:::\n" + PLAIN, error=(7, "unknown block")),
    Case("unknown-block-braces", "Intro.\n\n::: {.leader}\nQUOKKA a pandoc div.\n:::\n" + PLAIN, error=(7, "unknown block")),
    Case("unclosed", "Intro.\n\n::: facilitator\nQUOKKA never closed.\n" + PLAIN, error=(7, "not closed")),
    Case("misspelt-opener", "Intro.\n\n::: facilitaor\nQUOKKA misspelt opener.\n:::\n" + PLAIN, error=(7, "unknown block")),
    Case("stray-closer", "Intro.\n\nQUOKKA an opener someone deleted.\n:::\n" + PLAIN, error=(8, "closes no block")),
    Case("code-fence", "Intro.\n\n```facilitator\nQUOKKA in a code block.\n```\n" + PLAIN, error=(7, "code block")),
    Case("raw-div", 'Intro.\n\n<div class="facilitator">\nQUOKKA raw html.\n</div>\n' + PLAIN, error=(7, "raw HTML")),
    Case("heading-only", "Intro.\n\n## Facilitator notes\n\nQUOKKA under a heading.\n" + PLAIN,
         error=(7, "would be printed for participants")),
    Case("attribute", "Intro.\n\nQUOKKA a paragraph. {.facilitator}\n" + PLAIN, error=(7, "does not hide")),
    Case("footnote-inside-used-outside", "A claim.[^x]\n\n::: facilitator\nQUOKKA why.\n\n[^x]: QUOKKA the leader's "
         "source.\n:::\n" + PLAIN, error=(5, "inside the facilitator block")),
    Case("link-inside-used-outside", "See [the text][src].\n\n::: facilitator\n[src]: https://example.net/x "
         '"QUOKKA title"\n:::\n' + PLAIN, error=(5, "defined inside the facilitator block")),
    Case("nested-facilitator", "Intro.\n\n::: facilitator\nQUOKKA a.\n::: facilitator\nQUOKKA b.\n:::\n:::\n" + PLAIN,
         error=(9, "opens inside")),
    # --- questions, as people head and number them --------------------------------------------
    Case("for-discussion", "\n## Questions for discussion\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("trailing-colon", "\n### Discussion Questions:\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("to-discuss", "\n## Questions to discuss\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("questions-bold", "\n## **Questions**\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("paren-numbers", "\n## Discussion questions\n1) " + QS[0] + "\n2) " + QS[1] + "\n", QS),
    Case("star-bullets", "\n## Discussion questions\n\n* " + QS[0] + "\n* " + QS[1] + "\n", QS),
    Case("plus-bullets", "\n## Discussion questions\n\n+ " + QS[0] + "\n+ " + QS[1] + "\n", QS),
    Case("after-intro-no-blank", "\n## Discussion questions\n\nTake them in order:\n1. " + QS[0] + "\n2. " + QS[1] + "\n",
         QS),
    Case("followups-2", "\n## Discussion questions\n\n1. " + QS[0] + "\n  - Compare the two strikes.\n  - Is the "
         "claim fair?\n2. " + QS[1] + "\n", QS, {0: ("Compare the two strikes.", "Is the claim fair?")}),
    Case("followups-3", "\n## Discussion questions\n\n1. " + QS[0] + "\n   - Compare the two strikes.\n   - Is the "
         "claim fair?\n2. " + QS[1] + "\n", QS, {0: ("Compare the two strikes.", "Is the claim fair?")}),
    Case("followups-tab", "\n## Discussion questions\n\n1. " + QS[0] + "\n\t- Compare the two strikes.\n2. " + QS[1]
         + "\n", QS, {0: ("Compare the two strikes.",)}),
    Case("followups-star-under-paren", "\n## Discussion questions\n\n1) " + QS[0] + "\n   * Compare the two strikes.\n"
         "2) " + QS[1] + "\n   + Is the claim fair?\n", QS,
         {0: ("Compare the two strikes.",), 1: ("Is the claim fair?",)}),
    Case("subheadings-under-questions", "\n## Discussion questions\n\n#### On the reading\n\n1. " + QS[0] + "\n\n"
         "#### On today\n\n1. " + QS[1] + "\n", QS),
    Case("french-heading", "\n## Questions pour la discussion\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS, lang="fr"),
    Case("german-heading", "\n## Fragen zur Diskussion:\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS, lang="de"),
    Case("front-matter-heading", "\n## Things to talk about\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS,
         front="questions_heading: Things to talk about\n"),
    Case("near-miss-heading", "\n## Questions raised by the text\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n",
         warning=(5, "looks like a questions heading")),
    Case("questions-under-other-heading", "\n## Talking points\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n",
         warning=(5, "will not reach the handout")),
    Case("undefined-footnote", "A claim.[^missing]\n" + PLAIN, QS, warning=(5, "[^missing] is never written")),
    # --- sessions -----------------------------------------------------------------------------
    Case("seances", "\n## Séance 1\n\n### Questions pour la discussion\n\n1. " + QS[0] + "\n\n## Séance 2\n\n"
         "### Questions\n\n1. " + QS[1] + "\n", QS, lang="fr", sessions=(1, 2)),
    Case("sitzungen", "\n## Sitzung 1\n\n### Fragen\n\n1. " + QS[0] + "\n\n## Sitzung 2\n\n### Fragen\n\n1. "
         + QS[1] + "\n", QS, lang="de", sessions=(1, 2)),
    Case("zanyatiya", "\n## Занятие 1\n\n### Вопросы для обсуждения\n\n1. " + QS[0] + "\n\n## Занятие 2\n\n"
         "### Вопросы\n\n1. " + QS[1] + "\n", QS, lang="ru", sessions=(1, 2)),
    Case("session-gap", "\n## Session 1\n\n### Discussion questions\n\n1. " + QS[0] + "\n\n## Session 2\n\nA talk."
         "\n\n## Session 3\n\n### Discussion questions\n\n1. " + QS[1] + "\n", QS, sessions=(1, 3)),
]

# Front-matter and body errors come together, in line order.
BOTH_BROKEN = "---\ntitle: Trotsky: the leader\nlang: en\n---\nIntro.\n\n::: note\nx\n:::\n"

CASES.append(Case("fence-glued-to-text", "Intro. ::: facilitator\nQUOKKA glued.\n:::\n" + PLAIN,
                  error=(5, "on a line of its own")))

# Found by trying the product as an attacker would (round three): each a case from then on.
FOUR = ("What does the author claim about the general strike?", "Which example convinced you most, and why?",
        "Who armed whom, and why then?", "What would you ask the author?")
CASES += [
    Case("cr-only", "Intro.\n\n## Discussion questions\n\n1. " + QS[0] + "\n   ::: facilitator\n   QUOKKA old Mac "
         "line ends.\n   :::\n2. " + QS[1] + "\n", QS, eol="\r"),
    Case("fullwidth-colons", "Intro.\n\n：：： facilitator\nQUOKKA fullwidth.\n：：：\n" + PLAIN,
         error=(7, "look like colons")),
    Case("ratio-colons", "Intro.\n\n∶∶∶ facilitator\nQUOKKA ratio signs.\n∶∶∶\n" + PLAIN, error=(7, "look like colons")),
    Case("p-class", 'Intro.\n\n<p class="facilitator">QUOKKA a paragraph.</p>\n' + PLAIN, error=(7, "raw HTML")),
    Case("span-class", 'Text <span class="facilitator">QUOKKA inline.</span> more.\n' + PLAIN, error=(5, "raw HTML")),
    Case("inline-attribute", "Text [QUOKKA secret]{.facilitator} more.\n" + PLAIN, error=(5, "does not hide")),
    Case("bold-lead-in", "Intro.\n\n**Facilitator notes:** QUOKKA bold lead-in.\n" + PLAIN, error=(7, "hides nothing")),
    Case("plain-lead-in", "Intro.\n\nFacilitator notes: QUOKKA plain lead-in.\n" + PLAIN, error=(7, "headed")),
    Case("callout", "Intro.\n\n> [!facilitator]\n> QUOKKA an Obsidian callout.\n" + PLAIN, error=(7, "callout")),
    Case("words-on-opener", "Intro.\n\n::: facilitator QUOKKA words on the opening line\nMore for the leader.\n:::\n"
         + PLAIN, QS),
    Case("code-span-mention", "Organisers write `::: facilitator` to open a note.\n" + PLAIN, QS),
    Case("numbers-then-bullets", "\n## Discussion questions\n\n1. " + FOUR[0] + "\n2. " + FOUR[1] + "\n- " + FOUR[2]
         + "\n- " + FOUR[3] + "\n", FOUR),
    Case("bold-pseudo-heading", "Intro.\n\n**Discussion questions**\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("two-on-a-line", "\n## Discussion questions\n\n1. " + QS[0] + " 2. " + QS[1] + "\n",
         warning=(7, "several questions stand on one line")),
    Case("question-not-in-list", "\n## Discussion questions\n\n1. " + QS[0] + "\n\n> 2. " + QS[1] + "\n",
         warning=(9, "not in the list")),
]
CASES += [
    Case("link-to-heading-in-note", "Go to [the plan](#quokka-plan).\n\n::: facilitator\n## QUOKKA plan\n:::\n" + PLAIN,
         error=(5, "points at a heading inside a facilitator block")),
    Case("questions-heading-in-note", "Intro.\n\n::: facilitator\n## Discussion questions\n\nQUOKKA ask these slowly."
         "\n:::\n" + PLAIN, QS),
]

# --- questions lost or misplaced with exit 0 (red team round four: findings 5, 13, 15) ----------------
# Each question the organiser wrote reaches the handout, or the build says so at its line.
WRAP = "What did the general strike of"
CASES += [
    Case("lone-bullet-under-later-heading", PLAIN + "\n## Going further\n\n- Would you have called the strike off?\n",
         QS, warning=(10, "questions under 'Going further', which is not a questions heading")),
    Case("lone-number-under-part-two", "\n## Discussion questions\n\n1. " + QS[0] + "\n\n## Part two: the aftermath\n\n"
         "2. Who paid for the defeat?\n", QS[:1], warning=(9, "questions under 'Part two: the aftermath'")),
    Case("wrapped-year", "\n## Discussion questions\n\n1. " + WRAP + "\n1926. achieve, and why did it end?\n"
         "2. Who led it?\n", (WRAP, "achieve, and why did it end?", "Who led it?"),
         warning=(8, "'1926.' starts a new question here")),
    Case("wrapped-year-paren", "\n## Discussion questions\n\n1) " + WRAP + "\n1926) achieve, and why did it end?\n",
         (WRAP, "achieve, and why did it end?"), warning=(8, "'1926)' starts a new question here")),
    Case("wrapped-year-indented", "\n## Discussion questions\n\n1. " + WRAP + "\n   1926. achieve, and why did it "
         "end?\n2. Who led it?\n", (WRAP + " 1926. achieve, and why did it end?", "Who led it?")),
    Case("wrapped-bullet", "\n## Discussion questions\n\n1. " + WRAP + "\n- all those workers achieve?\n2. Who led it?\n",
         (WRAP, "all those workers achieve?", "Who led it?"), warning=(8, "'-' starts a new question here")),
    Case("wrapped-star-indented", "\n## Discussion questions\n\n1. " + WRAP + "\n   * all those workers achieve?\n"
         "2. Who led it?\n", (WRAP, "Who led it?"), {0: ("all those workers achieve?",)},
         warning=(8, "'*' starts a follow-up under the question above")),
    Case("wrapped-plus", "\n## Discussion questions\n\n1. " + WRAP + "\n+ all those workers achieve?\n",
         (WRAP, "all those workers achieve?"), warning=(8, "'+' starts a new question here")),
    Case("duplicate-session", "\n## Session 1\n\n### Questions\n\n1. " + QS[0] + "\n\n## Session 1\n\n### Questions\n\n"
         "1. " + QS[1] + "\n", error=(11, "a second session headed 'Session 1' (the first is at line 5)")),
    Case("session-1000", "\n## Session 1\n\n### Questions\n\n1. " + QS[0] + "\n\n## Session 1000\n\n### Questions\n\n"
         "1. " + QS[1] + "\n", QS, sessions=(1, 1000)),
    Case("session-implausible", "\n## Session 1\n\n### Questions\n\n1. " + QS[0] + "\n\n## Session 123456789012\n\n"
         "### Questions\n\n1. " + QS[1] + "\n", error=(11, "is not one a group meets for")),
    Case("session-level-1", "\n## Session 1\n\n### Questions\n\n1. " + QS[0] + "\n\n# Session 2\n\n### Questions\n\n"
         "1. " + QS[1] + "\n", QS, warning=(11, "is a level-1 heading")),
    Case("questions-heading-ends-session", "\n## Session 1\n\nText.\n\n## Discussion questions\n\n1. " + QS[0] + "\n\n"
         "## Session 2\n\nMore.\n\n## Discussion questions\n\n1. " + QS[1] + "\n", QS,
         warning=(9, "is a level-2 heading, so it ends 'Session 1'")),
    Case("empty-questions-heading", "\n## {.questions}\n\n1. " + QS[0] + "\n", warning=(5, "has no words before")),
    Case("not-in-list-marked-up", "\n## Discussion questions\n\n1. " + QS[0] + "\n\n> 2. Was the \"strike\" *really* "
         "[lost](https://example.org/x)?\n", QS[:1], warning=(9, "not in the list")),
    Case("no-questions-at-a-line", "Intro.\n\n## Summary\n\nThe reading, summed up.\n",
         warning=(9, "no discussion questions")),
    Case("escaped-in-question", "\n## Discussion questions\n\n1. Is 5\\* a fair mark for 1926\\. and its strike?\n2. "
         + QS[1] + "\n", ("Is 5* a fair mark for 1926. and its strike?", QS[1])),
    Case("import-placeholder", "\n## Discussion questions\n\n1. What is the article's main argument?\n2. " + QS[1] + "\n",
         ("What is the article’s main argument?", QS[1]), warning=(7, "left from the new-guide template")),
]
