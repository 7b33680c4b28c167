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
    Case("named-questions-heading", "\n## Questions raised by the text\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("reading-questions-heading", "\n## Reading questions\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n", QS),
    Case("near-miss-heading", "\n## Discussion of the text\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n",
         warning=(5, "looks like a questions heading")),
    Case("questions-under-other-heading", "\n## Around the table\n\n1. " + QS[0] + "\n2. " + QS[1] + "\n",
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

# Round four: fences with a typo or a character nobody sees, other editors' note syntaxes, labels that
# hide nothing (each refused at its line); hiding syntaxes that print (warned about); a fence as a list item.
NOTE = "The leader says QUOKKA timing is ten minutes for the first part."
CASES += [
    Case("two-colons", fence(":: facilitator", "::"), error=(7, "typed '::'")),
    Case("semicolons", fence(";;; facilitator", ";;;"), error=(7, "typed ';;;'")),
    Case("fullwidth-two", fence("：： facilitator", "：："), error=(7, "typed '：：'")),
    Case("formfeed", fence("\f::: facilitator", "\f:::"), error=(7, "U+000C")),
    Case("facilitator-colon-line", "Intro.\n\nFacilitator:\n" + NOTE + "\n" + PLAIN, error=(7, "headed 'Facilitator'")),
    Case("facilitator-only-colon", "Intro.\n\n**For leaders:**\n" + NOTE + "\n" + PLAIN, error=(7, "hides nothing")),
]
# Every space or invisible character before a fence, and between its colons: opening and closing lines.
for point in (0x00A0, 0x3000, 0x0085, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x000B, 0x200B, 0x2060, 0xFEFF,
              0x3164, 0x115F, 0xFFA0, 0x180E, 0x061C, 0x034F):
    CASES.append(Case(f"lead-{point:04x}", fence(f"{chr(point)}::: facilitator", f"{chr(point)}:::"),
                      error=(7, f"U+{point:04X}")))
for point in (0x00A0, 0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x3164, 0x202A, 0x2061, 0x0301):
    CASES.append(Case(f"inner-{point:04x}", fence(f"::{chr(point)}: facilitator", f"::{chr(point)}:"),
                      error=(7, f"U+{point:04X}")))
CASES.append(Case("closing-only-zwsp", fence("::: facilitator", ":::\u200b"), error=(9, "U+200B")))
CASES += [  # what docs/guide-format.md says is refused
    Case("setext-label", "Intro.\n\nFacilitator notes\n-----------------\n\n" + NOTE + "\n" + PLAIN, error=(7, "headed")),
    Case("html-heading", "Intro.\n\n<h3>Facilitator notes</h3>\n\n" + NOTE + "\n" + PLAIN, error=(7, "raw HTML")),
    Case("div-class-next-line", 'Intro.\n\n<div\n  class="facilitator">\n\n' + NOTE + "\n\n</div>\n" + PLAIN,
         error=(7, "raw HTML")),
    Case("list-bold-label", "Intro.\n\n- **Facilitator notes:** " + NOTE + "\n" + PLAIN, error=(7, "hides nothing")),
    Case("numbered-bold-label", "Intro.\n\n1. **Facilitator notes:** " + NOTE + "\n" + PLAIN, error=(7, "hides nothing")),
    Case("quote-label", "Intro.\n\n> Facilitator notes: " + NOTE + "\n" + PLAIN, error=(7, "headed")),
    Case("callout-titled", "Intro.\n\n> [!facilitator] Timing\n> " + NOTE + "\n" + PLAIN, error=(7, "callout")),
    Case("callout-in-list", "Intro.\n\n- > [!facilitator]\n  > " + NOTE + "\n" + PLAIN, error=(7, "callout")),
    Case("callout-folded", "Intro.\n\n> [!note]- Facilitator\n> " + NOTE + "\n" + PLAIN, error=(7, "callout")),
    Case("details-summary", "Intro.\n\n<details><summary>Facilitator notes</summary>\n\n" + NOTE + "\n\n</details>\n"
         + PLAIN, error=(7, "raw HTML")),
    Case("deflist-label", "Intro.\n\nFacilitator notes\n: " + NOTE + "\n" + PLAIN, error=(7, "headed")),
    Case("table-label", "Intro.\n\n| Who | Notes |\n|---|---|\n| Facilitator notes: | " + NOTE + " |\n" + PLAIN,
         error=(9, "table cell")),
    Case("footnote-label", "Text.[^f]\n\n[^f]: Facilitator notes: " + NOTE + "\n" + PLAIN, error=(7, "headed")),
]
CASES += [  # other editors' ways of writing notes
    Case("mkdocs", 'Intro.\n\n!!! facilitator "Notes"\n    ' + NOTE + "\n" + PLAIN, error=(7, "another editor's")),
    Case("mkdocs-folded", 'Intro.\n\n??? note "Facilitator notes"\n    ' + NOTE + "\n" + PLAIN,
         error=(7, "another editor's")),
    Case("hugo", "Intro.\n\n{{< facilitator >}}\n" + NOTE + "\n{{< /facilitator >}}\n" + PLAIN,
         error=(7, "another editor's")),
    Case("hugo-percent", "Intro.\n\n{{% facilitator %}}\n" + NOTE + "\n{{% /facilitator %}}\n" + PLAIN,
         error=(7, "another editor's")),
    Case("myst", "Intro.\n\n```{admonition} Facilitator notes\n" + NOTE + "\n```\n" + PLAIN, error=(7, "code block")),
    Case("critic", "Intro.\n\n{>> Facilitator: " + NOTE + " <<}\n" + PLAIN, error=(7, "another editor's")),
    Case("critic-inline", "Intro {>> Facilitator: " + NOTE + " <<} more.\n" + PLAIN, error=(5, "in brackets")),
    Case("rst-directive", "Intro.\n\n.. facilitator::\n\n   " + NOTE + "\n" + PLAIN, error=(7, "another editor's")),
    Case("asciidoc-label", "Intro.\n\n////\nFacilitator notes\n" + NOTE + "\n////\n" + PLAIN, error=(8, "headed")),
    Case("liquid-label", "Intro.\n\n{% comment %}\nFacilitator notes\n" + NOTE + "\n{% endcomment %}\n" + PLAIN,
         error=(8, "headed")),
    Case("parens-only", "Intro.\n\n(Facilitator only: " + NOTE + ")\n" + PLAIN, error=(7, "in brackets")),
    Case("square-label", "Intro.\n\n[Facilitator: " + NOTE + "]\n" + PLAIN, error=(7, "in brackets")),
    Case("moderator-heading", "Intro.\n\n### Moderator notes\n\n" + NOTE + "\n" + PLAIN, error=(7, "the heading")),
    Case("tutor-heading", "Intro.\n\n### Tutor notes\n\n" + NOTE + "\n" + PLAIN, error=(7, "the heading")),
    Case("for-leaders-heading", "Intro.\n\n### For leaders\n\n" + NOTE + "\n" + PLAIN, error=(7, "the heading")),
    Case("host-heading", "Intro.\n\n### Host notes\n\n" + NOTE + "\n" + PLAIN, error=(7, "the heading")),
    Case("chair-heading", "Intro.\n\n### Notes for the chair\n\n" + NOTE + "\n" + PLAIN, error=(7, "the heading")),
    Case("answer-key-heading", "Intro.\n\n### Answer key\n\n" + NOTE + "\n" + PLAIN, error=(7, "the heading")),
    Case("german-heading-label", "Intro.\n\n### Hinweise für die Moderation\n\n" + NOTE + "\n" + PLAIN, lang="de",
         error=(7, "the heading")),
    Case("russian-heading-label", "Intro.\n\n### Заметки для ведущего\n\n" + NOTE + "\n" + PLAIN, lang="ru",
         error=(7, "the heading")),
    # a fence written as a list item of its own: the handout would number it
    Case("numbered-fence-item", "\n## Discussion questions\n\n1. " + QS[0] + "\n2. ::: facilitator\n   " + NOTE
         + "\n   :::\n3. " + QS[1] + "\n", error=(8, "list item of its own")),
    Case("bullet-fence-item", "\n## Discussion questions\n\n- " + QS[0] + "\n- ::: facilitator\n  " + NOTE
         + "\n  :::\n- " + QS[1] + "\n", error=(8, "list item of its own")),
]
# Meant to be hidden, so refused (one guide, every syntax: each error is checked in test_failclosed.py); plain text
# that only mentions who leads, no-break spaces and joiners in prose, an ellipsis before "leaders": built as written.
PRINTED = ("Intro.\n\n////\nA comment for whoever edits this.\n////\n\n{% comment %}\nCheck the dates.\n"
           "{% endcomment %}\n\n<div hidden>\n\nA draft paragraph to finish.\n\n</div>\n\n"
           '<p style="display:none">A draft paragraph.</p>\n\nIntro {>> check this date <<} more.\n' + PLAIN)
PRINTED_WARNINGS = ((7, "AsciiDoc comment"), (11, "{% comment %}"), (15, "'hidden'"), (21, "display:none"),
                    (23, "CriticMarkup"))
CASES += [
    Case("hiding-syntaxes-printed", PRINTED, error=PRINTED_WARNINGS[0]),
    Case("leader-words-in-prose", "Facilitator: Ann Smith\n\nThe role of the leader in the strike committee was "
         "never settled.\n\n> ... leaders, who had called the strike, called it off.\n>\n> ...leaders.\n\n"
         "## The moderator's dilemma\n\nThe chair of the meeting ruled on it: 10\u00a0km of picket lines, a\u200b"
         "zero-width space.\n" + PLAIN, QS, warning=(5, "starting 'Facilitator:'")),
    Case("bullet-fence-under-numbered", "\n## Discussion questions\n\n1. " + QS[0] + "\n- ::: facilitator\n  " + NOTE
         + "\n  :::\n2. " + QS[1] + "\n", QS),
]
# Round five (a red team's): what says "the leader's" in other words, languages and places, spelt to slip past
# (a character reference, full-width letters, Cyrillic look-alikes), in a tooltip, in the front matter; control
# characters; ids of ours. Each refused at its line. And what must still build: "## Question 1" and "## The reading"
# as headings, an emoji with its variation selector, a link titled plainly.
CASES += [
    Case(name, "Intro.\n\n" + line + "\n\n" + NOTE + "\n" + PLAIN, lang=lang, error=(7, said))
    for name, line, lang, said in (
        ("teaching-notes", "### Teaching notes", "en", "the heading"),
        ("suggested-answers", "### Suggested answers", "en", "the heading"),
        ("person-leading", "### Notes for the person leading", "en", "the heading"),
        ("audience-in-brackets", "### Behind the scenes (for organisers only)", "en", "the heading"),
        ("discussion-leaders", "### Notes for discussion leaders", "en", "the heading"),
        ("spoiler-summary", "<details><summary>Spoiler for the leader</summary>", "en", "raw HTML"),
        ("german-nur", "### Nur für die Moderation", "de", "the heading"),
        ("german-moderatoren", "### Nur für Moderatoren", "de", "the heading"),
        ("german-anmerkungen", "### Anmerkungen für die Moderation", "de", "the heading"),
        ("french-reserve", "### Réservé à l'animateur", "fr", "the heading"),
        ("spanish-solo", "### Solo para el facilitador", "es", "the heading"),
        ("spanish-quien", "**Para quien modera:** " + NOTE, "es", "hides nothing"),
        ("portuguese-notas", "### Notas para o facilitador", "pt", "the heading"),
        ("abbr-title", "*[TUC]: Facilitator: " + NOTE, "en", "tooltip"),
        ("span-title", '<span title="Facilitator only: ' + NOTE + '">hover</span>', "en", "tooltip"),
        ("link-title", '[hint](https://example.org "Facilitator: ' + NOTE + '")', "en", "tooltip"),
        ("reference-title", '[hint]: https://example.org "Notes for the leader: ' + NOTE + '"', "en", "tooltip"),
        ("entity-in-label", "F&#97;cilitator notes: " + NOTE, "en", "headed"),
        ("shy-in-label", "Fac&shy;ilitator notes: " + NOTE, "en", "headed"),
        ("fullwidth-label", "ＦＡＣＩＬＩＴＡＴＯＲ NOTES: " + NOTE, "en", "headed"),
        ("cyrillic-lookalikes", "Fасilitator notes: " + NOTE, "en", "headed"),
        ("greek-lookalikes", "### Mοderatοr nοtes", "en", "the heading"),
        ("div-leader-class", '<div class="leader-notes">' + NOTE + "</div>", "en", "raw HTML"),
        ("data-audience", '<div data-audience="facilitator">', "en", "raw HTML"),
        ("heading-with-our-id", "## Background {#question-2}", "en", "the id 'question-2'"),
        ("control-character", "A line pasted from a PDF\x08 with a backspace.", "en", "U+0008"),
    )
]
CASES += [
    Case("front-subtitle", PLAIN, front='subtitle: "Facilitator notes: ' + NOTE + '"\n', error=(4, "front matter")),
    Case("front-group", PLAIN, front='group: "(Facilitator only: ' + NOTE + ')"\n', error=(4, "front matter")),
    Case("front-reading-pages", PLAIN, front='reading: {title: An article, pages: "Facilitator notes: read pages 3-4 '
         'only, QUOKKA"}\n', error=(4, "front matter")),
    Case("front-escape", PLAIN, front='subtitle: "A strike\\x1b in 1926"\n', error=(4, "U+001B")),
    Case("headings-like-ours", "## Question 1\n\nBackground to the first question.\n\n## The reading\n\nWhat we read.\n"
         "\n## Contents\n\nWhat the guide holds.\n" + PLAIN, QS),
    Case("emoji-selector", "We loved it \u2764\ufe0f and \u270c\ufe0f, [the TUC](https://www.tuc.org.uk \"Trades Union "
         "Congress\") too, and the leader who armed the workers (organisers of the strike) spoke.\n" + PLAIN, QS),
]
CASES += [
    Case("fence-in-details", "Intro.\n\n<details>\n\n::: facilitator\n" + NOTE + "\n:::\n\n</details>\n" + PLAIN,
         error=(9, "where Markdown is not read")),
    Case("fence-in-pre", "Intro.\n\n<pre>\n::: facilitator\n" + NOTE + "\n:::\n</pre>\n" + PLAIN,
         error=(8, "where Markdown is not read")),
    Case("complex-key", PLAIN, front="? [a, b]\n: c\n", error=(4, "a key must be a plain word")),
]
