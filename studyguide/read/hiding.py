"""Ways people try to hide text from the group that would in fact print for it.

Each line outside a facilitator block is tried against the rules in `HIDING` (on its
view: unseen characters taken out, studyguide.read.unseen); the first that fits is
said at its line. Text that says it is the leader's (a heading *Moderator notes*, a
line *Facilitator:*, another editor's note syntax naming the leader) is refused;
so are syntaxes that hide text elsewhere but would print here (`hidden`,
`display:none`, comment blocks): what the organiser meant to hide is never printed. Multi-line spellings (an HTML tag whose class is
on its next line, an AsciiDoc comment block) are found by `across`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from studyguide.errors import Diagnostic
from studyguide.read.leaderwords import ANSWERS, MORE, NAME, UNDER, hinted, instructed, role_then, set_off, shaped, told_elsewhere

# Who leads, in the languages of the message catalogues (their own labels are added by the caller).
ROLE = (r"(?:facilitat\w*|leaders?|moderat(?:ors?|oren|orin\w*|ion|eur\w*|rice\w*)|tutors?|hosts?|chair(?:s|person|people)?|"
        r"conven[eo]rs?|organi[sz]ers?|teachers?|instructors?|animat(?:eur|rice|ion)\w*|moderador\w*|facilitador\w*|"
        r"quien modera|modera[cç][aã]o|ведущ\w*|модератор\w*|(?:لل|ال)?ميس[ّ]?ر|ل?מנחה|संचालक|進行役|主持人|تسهیلگر|"
        r"سہولت کار)")
ROLE_WORD = re.compile(ROLE + r"(?:'s|s')?", re.I)
# Alone, only these say "the leader's" (a heading `Leaders` or `Hosts` may be the group's subject).
BARE = r"(?:facilitat(?:or|eur|rice|ore|ora)|moderator|tutor)(?:'s|s')?"
SUFFIX = r"(?:'s|s')?\W*(?:notes?|only|guide|guidance|instructions?|tips?|script|answers?|prompts?|pointers?|reminders?|cues?)"
# Found anywhere in a heading, a lead-in or a callout's title.
LEADER_PHRASES = re.compile(
    r"facilitat\w*(?:'s|s')?\W*(?:notes?|only)\b|facilitators?(?:'s|s')?\W*(?:guide|instructions?|tips?)\b|^\W*" + BARE
    + r"\W*$|notes? (?:for|to) (?:the )?(?:facilitat\w*|leaders?|organi[sz]ers?|moderators?|tutors?|chair)\b|"
    r"^\W*(?:the )?(?:leaders?|moderators?|tutors?)(?:'s|s')? (?:notes?|only)\b|"
    r"for (?:the )?(?:facilitat\w*|leaders?) only|^\W*answer key\W*$|notes? pour l'animat\w*|^\W*pour l'animat(?:eur|rice)\w*|"
    r"moderationsnotiz\w*|hinweise f(?:ü|ue)r (?:die )?moderation|notas? para (?:el |la |o |a )?(?:facilitador\w*|moderador\w*)|"
    r"заметки для ведущ\w*|^\W*для ведущ(?:его|ей|их)\W*$", re.I)
# Round five (two red teams): labels that are the whole heading, lead-in or line (`Teaching notes`, `Suggested
# answers`, `Nur für die Moderation`), which said anywhere are an organiser's ordinary words ("Three possible answers
# to the housing crisis", "Der Kampf für die Leitung der Partei").
WHOLE = re.compile(r"^\W*(?:"
    r"teach(?:ing|er'?s?) notes?|(?:suggested|model|possible|sample|expected) answers?|answers? for (?:the )?\w+|"
    r"notes? (?:for|to) (?:the |our )?(?:\w+ )?(?:facilitat\w*|leaders?|organi[sz]ers?|moderators?|tutors?|chair)|"
    r"notes? (?:for|to) (?:the |our )?(?:person|people|one|whoever) (?:leading|running|chairing|hosting|facilitating)|"
    r"(?:notes? )?for whoever (?:leads|is leading|runs|chairs)|not for (?:the )?(?:participants|group|members)|(?:do not|don'?t) show (?:this )?(?:to )?(?:the )?(?:group|participants|members)|"
    r"(?:spoilers?|hints?|tips?|guidance|instructions?) for (?:the )?(?:facilitat\w*|leaders?|moderators?|tutors?|chair)|"
    r"(?:conven[eo]r|chair|instructor|host)(?:'s|s')? notes?(?: (?:for|on) .{1,30})?|"
    r"for (?:the |our )?(?:facilitat\w*|leaders?|moderators?|tutors?)(?:'s|s')? eyes only|"
    r"(?:facilitat\w*|leaders?|moderators?|tutors?)(?:'s|s')? (?:hints?|\(private\) notes?|private notes?)|"
    r"(?:facilitat\w*|leaders?|moderators?|tutors?),? privately|"
    r"only (?:the |our )?(?:facilitat\w*|leaders?|moderators?|tutors?) (?:reads?|sees?|needs?) this|notes? d'animation|"
    r".{0,40}\((?:for |only for )(?:the )?(?:facilitat\w*|leaders?|organi[sz]ers?|moderators?|tutors?|teachers?)(?: only)?\)|"
    r".{0,40}\((?:facilitat\w*|leaders?|organi[sz]ers?|moderators?|tutors?|teachers?) only\)|"
    r"(?:nur |anmerkungen |notizen |hinweise? )?f(?:ü|ue)r (?:die |den )?(?:moderation|moderator(?:en|in\w*)?|kursleit\w*|"
    r"leitung|teamer\w*|referent\w*|moderierende\w*|gespr(?:ä|ae)chsleitung)|musterl(?:ö|oe)sung\w*|l(?:ö|oe)sungshinweise.*|"
    r"r[ée]serv[ée]e?s? (?:à|a|aux) (?:l'|la |le |les )?(?:animat\w*|facilitat\w*|mod[ée]rat\w*|format(?:eur|rice)\w*)|"
    r"(?:notes? )?pour (?:l'|la |le |les )?(?:animat(?:eur|rice)\w*|mod[ée]rat(?:eur|rice)\w*|facilitat\w*|format(?:eur|rice)\w*)|"
    r"pistes de r[ée]ponses?|corrig[ée]s?|"
    r"(?:notas? |s[oó]lo |solamente |apenas |somente )?para (?:el |la |los |las |o |a |os |as |quien |quem )?"
    r"(?:facilitador\w*|moderador\w*|modera|coordinador\w*|dinamizador\w*|docente|professor\w*|mediador\w*|"
    r"persona que modera)|respuestas sugeridas|gabarito|"
    r"(?:note |solo )?per (?:il |la |chi )?(?:facilitat(?:ore|rice)|conduce|moderat(?:ore|rice)|condutt(?:ore|rice))|"
    r"(?:aantekeningen |alleen )?voor de (?:gespreksleider|begeleider|moderator)|"
    r"(?:notatki |tylko )?dla prowadz(?:ą|a)c\w*|(?:нотатки |тільки )?для ведуч\w*|примечания для преподавател\w*|"
    r"(?:только |примечани[ея] |заметк[аи] |подсказк[аи] )?для ведущ(?:его|ей|их)|moderationshinweis\w*|"
    r"hinweise zur moderation|(?:notas? )?para (?:quien|quem) (?:facilita|modera)|para la persona (?:facilitadora|que "
    r"facilita|que modera)|(?:ファシリテーター|進行役|司会者?)(?:用|向け)の?(?:メモ|ノート|注意)|संचालक के लिए|"
    r"给主持人(?:的(?:提示|说明|备注))?|主持人(?:备注|须知|提示|注)|"
    # Round eight (new organisers): the leader's notes as PowerPoint and the Romance languages' genitive say it,
    # a leader's word after a label in brackets (`Spoiler (leader)`), and more of the German, Russian, Japanese.
    r"(?:speaker|presenter|coordinator|convenor)(?:'s|s')? notes?|(?:prompts?|reminders?|pointers?|cues?) for (?:the )?"
    r"(?:facilitat\w*|leaders?|moderators?|tutors?|chair)|(?:\w+ )?(?:spoilers?|plan|notes?|answers?|hints?|tips?|guidance|"
    r"prompts?|script|crib|key|outline)\s*\((?:the )?(?:facilitat\w*|leaders?|moderators?|tutors?)\)|"
    r"notas? (?:del|de la|de los|de las|do|da|dos|das) (?:facilitador\w*|moderador\w*|coordinador\w*|dinamizador\w*|"
    r"mediador\w*|docente|profesor\w*|professor\w*)|(?:notes?|consignes?|remarques?|indications?) (?:de l'|du |de la |des |"
    r"à l'|à la |au |aux |pour l'|pour la |pour le |pour les )(?:animat(?:eur|rice)\w*|format(?:eur|rice)\w*|"
    r"mod[ée]rat(?:eur|rice)\w*|facilitat\w*)|(?:notizen |anmerkungen |hinweise? )?f(?:ü|ue)r (?:die |den )?(?:teamende\w*|"
    r"seminarleitung|kursleitung)|(?:teamer|moderations?|leitungs|kursleitungs)-?hinweis\w*|"
    r"(?:примечани[ея] |заметк[аи] |подсказк[аи] )?для модератор\w*|(?:ファシリテーター|進行役|司会者?)(?:用|向け)?の?"
    r"(?:メモ|ノート|注意)|(?:ファシリテーター|進行役|司会者?)へ(?:の(?:メモ|ノート))?"
    r")\W*$", re.I)
# A label that is nothing but that: `Facilitator notes`, `Notes for the chair`, `For leaders`, `Host notes`, `Tutor`.
LABEL = re.compile(r"^\W*(?:" + ROLE + SUFFIX + r"|" + BARE + r"|notes? (?:for|to) (?:the )?" + ROLE + r"|"
                   r"(?:only )?for (?:the |our )?(?:discussion |group |session |seminar )?" + ROLE + r"(?: only)?|answer key|notes? pour l'animat\w*|"
                   r"hinweise f(?:ü|ue)r (?:die )?moderation)\W*$", re.I)
USE_THE_FENCE = "put the leader's notes between '::: facilitator' and ':::'"
# For words that are the group's after all (a course on chairing, a note to members): the way to keep them printed.
REWORD = " (if it is meant for everyone, reword it: 'Tips for new facilitators', 'A note from the organiser:')"

CODE_FENCE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:`{3,}|~{3,})(?P<info>[^`]*)$")
GLUED = re.compile(r"\S.*?:{3,}[ \t]*\{?[ \t]*\.?facilitat", re.I)
HTML_BOX = re.compile(r"<[a-z][\w-]*\b[^>]*\s(?:class|id|data-[\w-]+)\s*=\s*[\"']?[^\"'>]*(?:facilitat|"
                      r"(?<![a-z])(?:leaders?|moderators?|tutors?|teachers?|instructors?|organi[sz]ers?)[-_ ]?"
                      r"(?:notes?|only|box|panel|guide|tips|answers?)(?![a-z])|"
                      r"(?<![a-z])(?:notes?|only)[-_ ]?(?:for[-_ ]?)?(?:the[-_ ]?)?(?:leaders?|moderators?|tutors?|teachers?)(?![a-z]))",
                      re.I)
# Words a participant is shown only on pointing at them, or only hears: a tooltip (`title="…"`, a link's title,
# an abbreviation's definition) and an image's description.
TOOLTIPS = re.compile(r"""\b(title|alt|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')|\]\(\s*<?[^\s)>\]]*>?\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\))|"""
                      r"""^\s{0,3}\[[^\]]+\]:\s*\S+\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\))|^\s*\*\[[^\]]*\]:\s*(.+)|!\[(?=([^\]]+)\])|(?<![!\]])\[(?=([^\]^][^\]]*)\]\()""",
                      re.I)
# Other programs' ways of keeping text for the leader, each printed here as written: a bracketed audience with no
# colon (`(Facilitator only) …`, `[Leader only]`), reST's admonition titled as the leader's, Liquid's and AsciiDoc's
# conditions on the leader, reveal.js's speaker notes.
_WHO = r"(?:facilitat\w*|leaders?|moderators?|tutors?|organi[sz]ers?|teachers?|instructors?)(?:'s|s')?"  # not `(host only)`
OTHER_SYNTAX = re.compile(
    r"[(\[]\s*(?:for\s+)?(?:the\s+)?" + _WHO + r"(?:\s+notes?)?\s+only\s*[)\]]|"
    r"[(\[]\s*(?:only\s+)?for\s+(?:the\s+)?" + _WHO + r"(?:\s+only)?\s*[)\]]|"
    r"^\s*\.\.\s+[\w-]+::\s*(?:[\w' ]*\s)?" + _WHO + r"\s*(?:notes?|only|guide)\b|"
    r"^\s*\.\.\s+only::.*" + _WHO + r"|"  # Sphinx: `.. only:: facilitator`
    r"\{%-?\s*(?:if|unless)\s+[\w.]*(?:facilitat|leader|moderat|tutor)|"
    r"^\s*(?:ifdef|ifndef|ifeval)::[\w,+-]*(?:facilitat|leader|moderat|tutor)|"
    r"<[a-z][\w-]*\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\bclass\s*=\s*[\"']?(?:[^\"'>]*\s)?(?:(?:speaker|presenter|facilitator|leader|teacher|"
    r"instructor|tutor|moderator)s?-?notes?|notes|facilitator|leader-only|instructor-only)(?![\w-])", re.I)
HIDDEN = re.compile(r"<[a-z][\w-]*\b[^>]*(?:\shidden\b|display\s*:\s*none|visibility\s*:\s*hidden|"
                    r"\sclass\s*=\s*[\"']?[^\"'>]*(?<![\w-])(?:hidden(?:-\w+)?|hide|d-none|sr-only|visually-hidden|invisible|"
                    r"no-?print|print-?hidden|hidden-print|screen-only)(?![\w-]))", re.I)
# Other programs' comments, which print here: Jinja `{# … #}`, Hugo `{{/* … */}}`, Handlebars `{{!-- … --}}`, Org
# `#+BEGIN_COMMENT`, LaTeX `\begin{comment}`.
FOREIGN_COMMENT = re.compile(r"^(?:[ \t]*>)*[ \t]{0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?P<open>\{#(?=[-\s])|\{\{-?\s*/\*|"
                             r"\{\{!(?:--)?|#\+begin_comment\b|\\begin\{comment\}|\{\s*/\*|"
                             r"\.\.(?=[ \t]+[^.\s])(?![ \t]+[\w-]+::))|(?P<mdx>\{\s*/\*.*?\*/\s*\})", re.I)
# A spoiler as Reddit writes it (`>! … !<`): hidden there until clicked, printed here.
SPOILER = re.compile(r">!(?!\s*$).*!<")  # `>! EXAMPLE:` alone opens MkDocs' example blocks
# Deckset's presenter notes open a line with `^ `; so does every reference pasted from Wikipedia ("^ Smith, …"):
# said, not refused.
DECKSET = re.compile(r"^[ \t]{0,3}\^[ \t]+\S")
# Comments from a word processor, carried into Markdown: pandoc's from Word (`[…]{.comment-start …}`), and
# Google Docs' exported ones (`[[a]](#cmnt1)` in the text, `[[a]](#cmnt_ref1)` before the comment's words).
COMMENTS = re.compile(r"\]\{[^{}]*\.comment-start\b|\[\[[a-z]{1,3}\]\]\(#cmnt(?:_ref)?\d+\)", re.I)
# An attribute list (`{: .x }`, `{#id .x key=value}`) that names the leader or hides its paragraph: printed all the same.
ATTR_CLASS = re.compile(r"\{:?[^{}]*(?:\.facilitat|(?:^|[\s.#])(?:hidden|display\s*[:=]\s*[\"']?\s*none|visibility\s*[:=]|"
                        r"style\s*=\s*[\"'][^\"']*(?:display\s*:\s*none|visibility\s*:\s*hidden))|"
                        r"(?:class|id)\s*=\s*[\"']?[^\"'}]*(?:facilitat|leader|moderat|tutor|notes?)|"
                        r"[.#][\w-]*(?:leader|moderat|tutor|notes?-for|for-(?:the-)?lead|only)[\w-]*)[^{}]*\}", re.I)
# Colons that are not colons (fullwidth, ratio, modifier letter, vertical form): a fence spelt with them.
LOOKALIKE = re.compile(r"^(?:[ \t]*>)*[ \t]*[:\uff1a\u2236\ua789\ufe13\ufe55\u02d0\u0589]{3,}[ \t]*\S*.*facilitat", re.I)
CALLOUT = re.compile(r"^\[!(?P<kind>[^\]]*)\][-+]?(?P<rest>.*)", re.I)
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`).*?(?<!`)\1(?!`)")  # `\`` opens none: Markdown prints it as a backtick
HEADING = re.compile(r"^(?:[ \t]*>)*[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
# What stands before a line's own words: quote markers, indentation, list markers, a footnote's or a term's mark.
CONTAINER = re.compile(r"^(?:[ \t]*>|[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])|[ \t]*\[\^[^\]]+\]:|[ \t]*:(?=[ \t])|[ \t]+)*")
BRACKET = re.compile(r"(?P<open>\(|(?<!!)\[|\{>>|\{--|\{==)\s*(?P<label>[^:()\[\]{}]{2,40}?)\s*:", re.I)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Characters a note syntax starts with: `::`, `;;;`, `!!!`, `{{<`, `{%`, `{>>`, `..`, `//`; not emphasis, quotes or brackets.
NOT_A_RUN = set("*_`'\"“”‘’«»„‚()[]#<>\\")


ARABIC_MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640]")  # harakat, shadda, tatweel: most Arabic is written without


APOSTROPHES = re.compile("[’‘´ʼ′`＇]")  # what keyboards and autocorrect type for an apostrophe


def folded(text: str) -> str:
    if not text.isascii():  # Arabic's marks and tatweel out, its yeh and kaf as Persian writes them
        text = ARABIC_MARKS.sub("", text).replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")
    text = " ".join(APOSTROPHES.sub("'", text).casefold().split())
    return MISSPELT.sub(_spelt, text) if "fac" in text else text


MISSPELT = re.compile(r"\bfac(?!ilita)[a-z]{5,10}\b")


def _spelt(found: re.Match) -> str:
    """`Faciliator`, `Facilitater`, `Facillitator`: a label typed in a hurry is the label (never `facilities`)."""
    import difflib

    word = found.group(0)
    close = max(difflib.SequenceMatcher(None, word, whole).ratio() for whole in ("facilitator", "facilitators"))
    return ("facilitators" if word.endswith("s") else "facilitator") if close >= 0.85 else word


@lru_cache(maxsize=32)
def _label_keys(labels: tuple[str, ...]) -> frozenset[str]:
    """The catalogues' labels as compared (is_label): folded, squeezed; made once per set of labels."""
    return frozenset(_squeezed(folded(label).strip(" :.-–—")) for label in labels if label)


def _squeezed(text: str) -> str:
    """Without spaces and zero-width non-joiners: Persian is typed with either between a word's parts."""
    return re.sub(r"[\s\u200c]", "", text)


def looks_like_leader_text(text: str, labels: tuple[str, ...] = ()) -> bool:
    """"Facilitator notes", "Notes for the leader", "Moderator notes", "For leaders", a catalogue's
    label…: words that say the text is the leader's, not any mention of facilitators."""
    lowered = folded(text)
    bare = lowered.strip(" :.-–—")
    if LEADER_PHRASES.search(lowered) or WHOLE.match(bare) or MORE.match(bare):
        return True
    squeezed = _squeezed(bare)
    return any(squeezed.startswith(key) and re.match(r"\W*(?:$|:)", squeezed[len(key):]) for key in _label_keys(tuple(labels)))


def _says_leader(text: str, labels) -> bool:
    return looks_like_leader_text(text, labels) or is_label(text, labels)


def _bare(label: str) -> bool:
    """Only a role (`Facilitator`, `Moderator's`): who leads, not the leader's words. A role run
    into its label (`Facilitatornotes`, a zero-width space taken out) is a label."""
    lowered = folded(label)
    return bool(re.fullmatch(r"\W*" + ROLE + r"(?:'s|s')?\W*", lowered, re.I)) and not re.search(
        r"(?:notes?|only|guide|instructions?|tips?|script|answers?)\W*$", lowered)


def is_label(text: str, labels: tuple[str, ...] = ()) -> bool:
    """Is the whole of `text` a label saying what follows is the leader's? Also with what
    qualifies it (`Facilitator notes (private)`, `Tutor's notes for week 3`, `Group leader's notes`,
    `Leader-only notes`, `Facilitator/leader notes`), where that leaves a label that is more than a role."""
    lowered = folded(text).strip(" :.-–—")
    if bool(LABEL.match(lowered) or WHOLE.match(lowered) or MORE.match(lowered)) or (
            labels and _squeezed(lowered) in _label_keys(tuple(labels))):
        return True
    if len(lowered) > 80 or not QUALIFIED.search(lowered):  # most lines: nothing that could qualify a label
        return False
    plain = unqualified(lowered)
    return plain != lowered and bool(LABEL.match(plain) or WHOLE.match(plain)) \
        and not re.fullmatch(r"\W*" + ROLE + r"(?:'s|s')?\W*", plain, re.I)


# What qualifies a label without changing whose it is: a bracket, the meeting it is for, who in the group leads.
QUALIFIER_TAIL = re.compile(r"\s*(?:\((?:private|confidential|internal|secret|answers?|spoilers?|[^()]{0,24}\bonly|"
                            r"not for [^()]{1,24}|do not [^()]{1,24}|(?:week|session|part|meeting|day) \w+|"
                            r"facilitat\w*|leaders?|tutors?|moderators?)\)|(?:,|\bfor\b|\bon\b|[-–—])\s*(?:the\s+)?(?:week|session|part|meeting|"
                            r"class|lesson|chapter|unit|day|module|today|tonight|this|next)\b[^()]{0,24})\s*$")
QUALIFIER_HEAD = re.compile(r"^(?:session|group|study|seminar|course|discussion|class|workshop|book club|reading group|"
                            r"meeting|circle)\s+(?=" + ROLE + ")")


QUALIFIED = re.compile(r"[(/]|\b(?:for|on|only|eyes)\b|[-–—,]\s*\w|^(?:session|group|study|seminar|course|discussion|class|"
                       r"workshop|book club|reading group|meeting|circle)\s")


def unqualified(lowered: str) -> str:
    """A folded label without its qualifiers (see is_label)."""
    role_in_brackets = re.fullmatch(r"(notes?)\s*\(\s*(" + ROLE + r")(?:'s|s')?(?:\s+only)?\s*\)", lowered)
    if role_in_brackets:  # `Notes (facilitator)`
        return f"{role_in_brackets.group(1)} for the {role_in_brackets.group(2)}"
    text = lowered
    for _ in range(2):
        text = QUALIFIER_TAIL.sub("", text)
    text = QUALIFIER_HEAD.sub("", text)
    text = re.sub(ROLE + r"(?:'s|s')?\s*/\s*(?=" + ROLE + ")", "", text)  # `Facilitator/leader notes`
    text = re.sub(r"\bonly\W+notes?\b", "only", text)  # `Leader-only notes`
    return re.sub(r"^(" + ROLE + r"(?:'s|s')?) eyes only$", r"\1 only", text)  # `Facilitator's eyes only`


@lru_cache(maxsize=4096)  # asked of each line by most of HIDING's tests: a tenth of reading a long guide
def own_words(line: str) -> str:
    """A line's words as they print, without what contains them (quote, list, footnote and term
    marks), its HTML tags and comments, emphasis and code marks, a link's address (its words stay:
    `[Facilitator notes][x]: …` prints as a label) and a footnote's mark (`notes[^n]:` prints `notes1:`)."""
    text = CONTAINER.sub("", line, count=1)
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"(?<!!)\[([^\]^][^\]]*)\](?:\([^)]*\)|\[[^\]]*\])", r"\1", text)
    text = re.sub(r"\[\^[^\]]+\]|`+", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)  # a picture prints no words: `![logo](l.png)Facilitator notes:`
    text = TAG.sub(" ", text)
    # `*` marks emphasis inside a word too (`Facili*tator*`); `_` only at a word's edge (snake_case is text).
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\*+|__|(?<!\w)_|_(?!\w)", "", text)).strip()


def punctuation_run(text: str) -> str:
    """The run of punctuation and symbols a line starts with (spaces between them allowed)."""
    run = re.match(r"(?:[^\w\s][ \t]*)+", text)
    if not run or run.group(0)[0] in NOT_A_RUN:
        return ""
    marks = run.group(0).replace(" ", "").replace("\t", "")
    return marks if len(marks) >= 2 and all(unicodedata.category(c)[0] in "PS" for c in marks) else ""


def fence_like(line: str, labels: tuple[str, ...] = ()) -> str | None:
    """A line that opens a note in some syntax: a run of two or more marks (`::`, `;;;`, `!!!`,
    `{{<`, `{>>`, `.. `) then a leader's word or label. Returns the run."""
    text = CONTAINER.sub("", line, count=1)
    run = punctuation_run(text)
    if not run or text.lstrip().startswith("!["):  # a picture: its description is judged by _titled
        return None
    if len(re.sub(r"[*_]", "", run)) < 2:  # `| **Chair** | Dolores |`: a table cell in bold (labels in cells: _tagged)
        return None
    rest = re.sub(r"^(?:[^\w\s][ \t]*)+", "", text)
    head = re.match(ROLE_WORD.pattern + r"[ \t]*(?:$|[^\w\s]|notes?\b|only\b)", rest, re.I)
    if set(run) <= set(".…"):  # an ellipsis before `leaders,` is a quotation; `.. facilitator::` is reST
        return run if re.match(ROLE + r"(?:'s|s')?[ \t]*(?:$|::|[:{}%>\"'(\[])", rest, re.I) else None
    quoted = re.findall(r"[\"“']([^\"”']{2,40})[\"”']", rest)
    if head or is_label(rest.strip(" {}%>/<\"'"), labels) or any(is_label(part, labels) for part in quoted):
        return run
    return None


def _code_block(line: str, labels) -> bool:
    code = CODE_FENCE.match(line)
    info = code.group("info") if code else ""
    words = re.sub(r"[-_.]+", " ", info)  # `notes-for-leader`, `leader_notes`
    return bool(code and ("facilitat" in info.casefold() or _says_leader(info, labels) or _says_leader(words, labels)
                          or any(is_label(part, labels) for part in re.split(r"[{}]", words))
                          or ROLE_WORD.fullmatch(folded(words).strip(" {}"))))  # ```leader: a block named for a role


def _callout(line: str, labels) -> bool:
    found = CALLOUT.match(own_words(line))
    if not found or not line.lstrip(" \t-*+0123456789.)").startswith(">"):
        return False
    kind, title = found.group("kind"), found.group("rest").strip()
    return bool(ROLE_WORD.fullmatch(folded(kind)) or ROLE_WORD.fullmatch(folded(title).strip(" :.")) or is_label(kind, labels)
                or is_label(title, labels) or looks_like_leader_text(kind + " " + title[:60], labels))


def _lead_in(line: str, labels) -> str | None:
    text = CONTAINER.sub("", line, count=1)
    found = re.match(r"(?:\*\*|__|\*|_)(?P<text>[^*_]{3,60}?)(?:\*\*|__|\*|_)[ \t]*:?", text)
    if found and re.fullmatch(r"\W*" + ROLE + r"(?:'s|s')?\W*", folded(found.group("text")), re.I) \
            and text[found.end():].strip():
        return None  # `**Moderator**: Jeff Sica`, as minutes name who chairs: warned about, as it is written plain
    return found.group("text").strip() if found and _says_leader(found.group("text"), labels) else None


def _headed(line: str, labels) -> str | None:
    """`Facilitator notes: …`, `Facilitator:` alone, `Notes for the leader` alone, in a list,
    a quote, a footnote or a term's definition: the label, when it says the text is the leader's."""
    text = own_words(line)
    if text.startswith("#"):  # a heading is _heading's; in code, a comment
        return None
    label, colon, after = (re.split(r"(:|\s[—–-]\s|\.\s|\s(?:\||•|·|//|=|~|⇒|→|->|=>|»|>>)\s)", text, maxsplit=1)
                           + ["", ""])[:3]
    if not re.search(r"\w", label):  # `.. Facilitator notes`: the marks open the line, they end no label
        label, colon, after = text, "", ""
    if colon and label.strip() and is_label(label, labels):
        bare = _bare(label)
        if not (bare and after.strip()):  # `Facilitator: Ann Smith` is warned about below
            return label.strip()
    if not colon and is_label(text, labels) \
            and not _bare(text):
        return text.strip()
    return None


# A label after the end of a sentence, a clause or a dash, inside a line: `… what did he mean? Facilitator
# notes: steer to 1905.` Looked for at every such place (a match does not use up the next one), ended by a
# colon, a dash, a full stop, an ellipsis, an arrow or an equals sign.
MID_LABEL = re.compile(r"(?:[.?!;…)\"”’»,:](?=\s)|\s[—–-](?=\s)|—)\s*(?=(?P<label>[^.:?!;—–,\"”(]{3,50}?)\s*"
                       r"(?::(?!//)|\s[-—–]\s|—|\.\s|…|→|=))")
# Inside a line only a label that says the words are the leader's own counts: `Possible answers: …` in a
# multiple-choice question, `For teachers: a lesson plan is online`, `Für die Moderation: Anna Schmidt` are
# the group's.
OWN_WORDS = re.compile(r"facilitat|\bnotes?\b|\bonly\b|\bhints?\b|privat|\beyes\b|notiz|hinweis|remarque|\bnotas?\b|"
                       r"\bnote\b|\bsolo\b|\bnur\b|seulement|réservé", re.I)


def _midline(line: str, labels) -> str | None:
    text = own_words(line)
    for found in MID_LABEL.finditer(text):
        label = found.group("label")
        if is_label(label, labels) and not _bare(label) \
                and (OWN_WORDS.search(folded(label)) or any(folded(given) == folded(label) for given in labels if given)):
            return label.strip()
    return None


def _named_leader(line: str, labels) -> str | None:
    text = own_words(line)
    found = re.match(r"(?P<label>\W*" + BARE + r")[ \t]*:", text, re.I)  # not `Host:` in an interview
    return found.group("label").strip() if found else None


def _glued(line: str, labels) -> bool:
    bare = CODE_SPAN.sub("", line)  # `::: facilitator` shown as code is not a fence
    from studyguide.read.fences import FENCE

    return bool(GLUED.match(bare.lstrip(" \t>"))) and not FENCE.match(bare)


def _heading(line: str, labels) -> str | None:
    found = HEADING.match(line)
    smaller = found and ((re.match(r"^(?:[ \t]*>)*[ \t]{0,3}#{3,}", line) or "(" in line) and UNDER.match(folded(found.group("text")))
                         or ANSWERS.match(folded(own_words(found.group("text")))))
    told = found and re.match(r"\W*" + BARE + r"\s*[:—–]\s*(?P<rest>.+)", folded(own_words(found.group("text"))))
    told = told and not NAME.fullmatch(own_words(found.group("text")).split(":", 1)[-1].strip())  # `### Facilitator: read this`
    return found.group("text") if found and (smaller or told or _says_leader(found.group("text"), labels)) else None


def _tagged(line: str, labels) -> str | None:
    """`<h3>Facilitator notes</h3>`, `<summary>Spoiler for the leader</summary>`, `<b>Moderator:</b>`."""
    if not TAG.search(line):
        return None
    text = own_words(line).rstrip(":").strip()
    return text if text and (is_label(text, labels) or looks_like_leader_text(text[:60], labels)) else None


def _bracketed(line: str, labels) -> str | None:
    """`(Facilitator only: …)`, `[Facilitator: …]`, `{>> Facilitator: … <<}`, `*(leader: …)*`."""
    for found in BRACKET.finditer(CODE_SPAN.sub("", line)):
        label = found.group("label")
        if is_label(label, labels):
            return found.group("open") + label.strip() + ": …"
    return None


def _titled(line: str, labels) -> str | None:
    """`<span title="Facilitator only: …">`, `[x](url "Facilitator: …")`, `*[TUC]: Facilitator: …`,
    `![Facilitator notes: …](a.png)`: shown on the web page and in the EPUB, read out by screen readers."""
    for text, described in _tooltips(line):
        if described and is_label(text, labels) and f"[{text}](" in line.replace(f"![{text}](", ""):
            continue  # a link's words that only name the notes (`see the [instructor notes](…)`): a link to them
        label = text.partition(":")[0] if ":" in text else ""
        bare = label and _bare(label)
        if is_label(text, labels) or looks_like_leader_text(text[:80], labels) or _bracketed(text, labels) \
                or (label and not bare and is_label(label, labels)) or (not described and _names_leader(text)):
            return _shown(text)
    return None


def _tooltips(line: str) -> list[tuple[str, bool]]:
    """(words, described) of each tooltip (`title`, a link's title, an abbreviation) and description
    (`alt`, `aria-label`, `![…]`, a link's words `[…](…)`: described, where naming who leads is only said)."""
    found = []
    for match in TOOLTIPS.finditer(line):
        text = next((g for g in match.groups()[1:] if g), "").strip()
        described = (match.group(1) or "").lower() in ("alt", "aria-label") or match.group(11) is not None \
            or match.group(12) is not None
        if text:
            found.append((text, described))
    return found


def _names_leader(text: str) -> bool:
    """`Facilitator: …`, `Moderator: …`: a bare leader's word, then the rest."""
    return ":" in text and bool(re.fullmatch(r"\W*" + BARE + r"\W*", folded(text.partition(":")[0])))


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _titled_named(line: str, labels) -> str | None:
    """`![Moderator: Ann Smith at the conference](a.png)`: naming who leads in a picture's description,
    or the leader's words? Said, as a line `Facilitator: …` is (in a tooltip it is refused, by _titled)."""
    return next((_shown(text) for text, described in _tooltips(line) if described and _names_leader(text)), None)


def _cell(line: str, labels) -> str | None:
    if line.count("|") < 2:
        return None
    for cell in line.strip().strip("|").split("|"):
        text = own_words(cell).strip()
        label, colon, _ = text.partition(":")
        bare = _bare(label)
        if label.strip() and is_label(label, labels) and not bare:
            return label
    return None


def _fence_like(line: str, labels) -> str | None:
    if CODE_SPAN.sub("", line) != line and not CODE_SPAN.sub("", line).strip():
        return None
    return fence_like(line, labels)


def _run_message(run: str) -> str:
    if set(run) <= set(":;：∶꞉︓﹕ː։"):
        return (f"this line looks like a facilitator fence but is typed '{run}': a fence is three ordinary colons "
                "(':::' alone on the closing line); as written, the note would be printed for participants")
    return (f"'{run} …' is another editor's way of writing notes; studyguide prints it like any text: " + USE_THE_FENCE)


HIDING = (  # (test, what to say, level): a test that returns a string puts it into what is said
    (_code_block, "a code block does not hide facilitator notes: " + USE_THE_FENCE, "error"),
    (lambda line, labels: bool(LOOKALIKE.match(line)) and not _plain_fence(line),
     "this fence is written with characters that look like colons but are not: type ':::' (three ordinary colons)",
     "error"),
    (_callout, "a callout ('> [!…]') does not hide facilitator notes: " + USE_THE_FENCE, "error"),
    (_lead_in, "'{}' in bold or italic hides nothing: the text would be printed for participants; " + USE_THE_FENCE,
     "error"),
    (_fence_like, None, "error"),
    (_heading, "the heading '{}' and the text under it would be printed for participants: " + USE_THE_FENCE + REWORD,
     "error"),
    (_tagged, "raw HTML does not hide facilitator notes: '{}' and the text under it would be printed for "
     "participants; " + USE_THE_FENCE, "error"),
    (_bracketed, "'{}' in brackets is printed like any text: " + USE_THE_FENCE, "error"),
    (lambda line, labels: instructed(CODE_SPAN.sub("", line)), "'{}' tells whoever leads what to do, and would be printed for participants: " + USE_THE_FENCE
     + " (if it is meant for everyone, reword it: 'Leaders often skip this')", "error"),
    (_cell, "a table cell headed '{}' would be printed for participants: " + USE_THE_FENCE, "error"),
    (_titled, "'{}' is shown to participants, as a tooltip or an image's description (the web page, the EPUB, "
     "screen readers): " + USE_THE_FENCE, "error"),
    (_headed, "a line headed '{}' would be printed for participants, and so would the text under it: "
     + USE_THE_FENCE + REWORD, "error"),
    (_midline, "'{}' inside a line is printed like any text, and so is what follows it: " + USE_THE_FENCE, "error"),
    (lambda line, labels: "%%" in re.sub(r"\]\(\s*<[^>]*>|\]\([^)\s]*|<https?://[^>\s]*>|https?://\S*", "]",
                                         CODE_SPAN.sub("", line)), "'%%…%%' (an Obsidian comment) is printed like any text: delete it, or "
     + USE_THE_FENCE, "error"),
    (_glued, "a facilitator fence must stand on a line of its own: start a new line before ':::'", "error"),
    (lambda line, labels: bool(HTML_BOX.search(line)), "raw HTML does not hide facilitator notes: " + USE_THE_FENCE,
     "error"),
    (lambda line, labels: bool(ATTR_CLASS.search(CODE_SPAN.sub("", line))), "an attribute list ({.facilitator}, {: hidden }, "
     "{: .leader-notes }) does not hide text: "
     + USE_THE_FENCE, "error"),
    (lambda line, labels: bool(HIDDEN.search(line)), "raw HTML 'hidden' or 'display:none' hides nothing here: the "
     "text is printed for participants (delete it, or " + USE_THE_FENCE + ")", "error"),
    (lambda line, labels: bool(re.search(r"\{%-?\s*comment\s*-?%\}", line)), "'{% comment %}' is printed like any "
     "text: delete it, or " + USE_THE_FENCE, "error"),
    (lambda line, labels: (m.group(0) if (m := OTHER_SYNTAX.search(CODE_SPAN.sub("", line))) else None),
     "'{}' marks text for the leader (as some other programs do), but studyguide prints it like any text: "
     + USE_THE_FENCE, "error"),
    (lambda line, labels: _foreign(line),
     "'{}' opens another program's comment (Jinja, Hugo, Handlebars, Org, LaTeX, MDX, reStructuredText); studyguide "
     "prints it and its text like any other: delete it, or " + USE_THE_FENCE, "error"),
    (lambda line, labels: bool(SPOILER.search(CODE_SPAN.sub("", line))), "a spoiler ('>! … !<') is hidden "
     "until clicked elsewhere, but studyguide prints it for participants: delete it, or " + USE_THE_FENCE, "error"),
    (lambda line, labels: bool(DECKSET.match(line)), "a line opening with '^ ' is a presenter's note in Deckset slides, "
     "but studyguide prints it for participants: if it is for the leader only, " + USE_THE_FENCE, "warning"),
    (lambda line, labels: bool(COMMENTS.search(CODE_SPAN.sub("", line))), "a comment from Word or Google Docs (carried "
     "over by the conversion) is printed like any text: delete it, or " + USE_THE_FENCE, "error"),
    (lambda line, labels: bool(re.search(r"\{>>.*?(?:<<\}|$)", line)), "a CriticMarkup comment '{>> … <<}' is "
     "printed like any text: delete it, or " + USE_THE_FENCE, "error"),
    (lambda line, labels: role_then(own_words(line)), "'{}:' followed by more than a name is the leader's note, and would "
     "be printed for participants: " + USE_THE_FENCE + " (to say who leads, write only the name: 'Facilitator: Ann Smith')",
     "error"),
    (lambda line, labels: told_elsewhere(own_words(line)), "'{}:' followed by what to do is the leader's note, and would be "
     "printed for participants: " + USE_THE_FENCE + " (to say who leads, write only the name)", "error"),
    (lambda line, labels: set_off(CONTAINER.sub("", line, count=1)), "'{}' set apart at the start of a line and followed "
     "by what to do is the leader's note, and would be printed for participants: " + USE_THE_FENCE, "error"),
    (lambda line, labels: shaped(CODE_SPAN.sub("", line)), "'{}' marks text for the leader, but studyguide prints it "
     "like any text: " + USE_THE_FENCE, "error"),
    (lambda line, labels: hinted(CODE_SPAN.sub("", line)), "'{}' after a question is the leader's answer or hint, and "
     "would be printed on the handout: " + USE_THE_FENCE + " under the question", "error"),
    (_named_leader, "a line starting '{}:' is printed for participants: if it is for the leader only, "
     + USE_THE_FENCE, "warning"),
    (_titled_named, "'{}' is shown to participants, as a tooltip or an image's description: if it is for the leader "
     "only, " + USE_THE_FENCE, "warning"),
)


def _foreign(line: str) -> str | None:
    """Another program's comment opening the line, or an MDX one anywhere outside code: what opens it."""
    found = FOREIGN_COMMENT.match(line) or FOREIGN_COMMENT.search(CODE_SPAN.sub("", line))
    return (found.group("open") or found.group("mdx")[:12]) if found and (found.group("open") or found.group("mdx")) else None


def _plain_fence(line: str) -> bool:
    from studyguide.read.fences import FENCE

    return bool(FENCE.match(line))


# Letters of other scripts that look like Latin ones: `Fасilitator` with a Cyrillic а and с reads as the label.
LOOKALIKE_LETTERS = str.maketrans(
    "аеорсхуіјѕԁһӏԛԝАВЕКМНОРСТХУІЈЅαοριντυχκΑΒΕΖΗΙΚΜΝΟΡΤΥΧᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢтгҺⱥ١ꙇϲϹϺςɩǀ",
    "aeopcxyijsdhlqwABEKMHOPCTXYIJSaopivtuxkABEZHIKMNOPTYXabcdefghijklmnoprstuvwyztrHalicCMcil")


@lru_cache(maxsize=1)
def _lookalikes() -> dict[int, str]:
    """LOOKALIKE_LETTERS, and every letter that Unicode's confusables give as the double of one
    ASCII letter (Latin `ɑ`, Armenian `օ`, Cherokee `Ꭺ`, Coptic `ⲟ`): read when a line has such a letter."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, doubles in confusables_data.items():
        for double in doubles:
            for one, other in ((char, double["c"]), (double["c"], char)):
                if len(one) == len(other) == 1 and not one.isascii() and other.isascii() and other.isalpha():
                    table.setdefault(ord(one), other)
    table.update(LOOKALIKE_LETTERS)
    return table


# A word spelt out letter by letter, one mark between its letters throughout (a space, a dot, a hyphen).
SPACED = re.compile(r"(?<![^\W\d_])[^\W\d_](?P<mark>[ .·_-])[^\W\d_](?:(?P=mark)[^\W\d_]){3,}(?![^\W\d_])")


def skeleton(line: str) -> str:
    """The line as a reader sees it: character references decoded (`F&#97;cilitator`, `&shy;`),
    compatibility forms made plain (full-width `ＦＡＣＩＬＩＴＡＴＯＲ`, as an input method types it),
    letters of other scripts that look Latin made Latin, unseen characters taken out."""
    from studyguide.read import unseen

    text = html.unescape(line) if "&" in line else line
    if "\u202e" in text or "\u2067" in text:  # a right-to-left override prints the letters after it reversed
        head, _, tail = text.replace("\u2067", "\u202e").partition("\u202e")
        text = head + tail.split("\u202c")[0][::-1] + "".join(tail.split("\u202c")[1:])
    text = SPACED.sub(lambda m: re.sub(r"[ .·_-]", "", m.group(0)), text)  # `F A C I L I T A T O R`, `L.e.a.d.e.r`
    if text.isascii():  # nothing to decompose or to make Latin
        return unseen.view(text)
    text = text.translate(LOOKALIKE_LETTERS)  # before NFKC too: it makes a lunate sigma `ϲ` a final sigma `ς`
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    text = unicodedata.normalize("NFKC", text)
    rare = any(ord(c) > 0xFF and c.isalnum() for c in text)  # past Latin-1: letters (and digits) of any script may stand in
    return unseen.view(text.translate(_lookalikes() if rare else LOOKALIKE_LETTERS))


BDO = re.compile(r"<bdo\b[^>]*\bdir\s*=\s*[\"']?rtl\b[^>]*>(.*?)</bdo\s*>", re.I)
TEX_TEXT = re.compile(r"\$*\\(?:text|textrm|textbf|textit|textsf|mathrm|mbox)\s*\{([^{}]*)\}\$*")
# Raw HTML's blocks: each begins a line of its own on the page (`<aside>Leader: skip …</aside>`), and a term or a
# cell is read with what follows it (`<dt>Facilitator</dt><dd>skip …</dd>`), as the Markdown forms are.
BLOCK_TAG = re.compile(r"<(/?)(p|div|aside|section|article|header|footer|nav|main|li|dt|dd|td|th|tr|table|thead|tbody|"
                       r"blockquote|figure|figcaption|h[1-6]|details|summary|br|hr|ul|ol|dl|center|caption)\b[^>]*>", re.I)


def html_blocks(line: str) -> list[str]:
    """The text of each block of raw HTML on the line, and `term: definition`, `cell: next cell`."""
    parts: list[tuple[str, str]] = []  # (the tag that opened it, its text)
    opened, at = "", 0
    for tag in BLOCK_TAG.finditer(line):
        text = line[at:tag.start()]
        if text.strip():
            parts.append((opened, text.strip()))
        opened = "" if tag.group(1) else tag.group(2).lower()
        at = tag.end()
    if line[at:].strip():
        parts.append((opened, line[at:].strip()))
    views = [text for _, text in parts]
    views += [f"{a}: {b}" for (tag_a, a), (tag_b, b) in zip(parts, parts[1:])
              if (tag_a, tag_b) in (("dt", "dd"), ("td", "td"), ("th", "td"), ("th", "th"))]
    return views


def hiding_attempt(line: str, number: int, path, labels: tuple[str, ...] = ()) -> list[Diagnostic]:
    """The first way of hiding text this line tries (a refusal before a warning), at its line: as
    typed, and then as read (`skeleton`), so a label spelt to slip past is found as well; and
    each block of raw HTML on it as a line of its own."""
    said = _attempt(line, number, path, labels)
    if said and said[0].level == "error":
        return said
    views = html_blocks(line) if BLOCK_TAG.search(line) else []
    # `<bdo dir="rtl">:seton rotatilicaF</bdo> skip …` prints "Facilitator notes: skip …"; LaTeX's `\text{…}` prints its words
    views += [found.group(1)[::-1] + line[found.end():] for found in BDO.finditer(line)]
    views += [TEX_TEXT.sub(r"\1", line)] if TEX_TEXT.search(line) else []
    if views:
        for view in views:
            inside = _attempt(view, number, path, labels)
            if inside and inside[0].level == "error":
                return inside
    read = skeleton(line)
    more = _attempt(read, number, path, labels) if read != line else []
    return more if more and (not said or more[0].level == "error") else said


def _attempt(line: str, number: int, path, labels: tuple[str, ...]) -> list[Diagnostic]:
    said = []
    for test, message, level in HIDING:
        found = test(line, labels)
        if found:
            text = _run_message(found) if message is None else message.format(found) if isinstance(found, str) else message
            said.append(Diagnostic(path, number, text, level))
    return sorted(said, key=lambda d: d.level != "error")[:1]  # an error before any warning


def leader_value(text: str, labels: tuple[str, ...] = ()) -> str | None:
    """A front-matter value (a subtitle, a group, a reading's standfirst) that says it is the
    leader's, as a line of the body would: front matter is printed for participants."""
    lines = [line for line in text.split("\n") if line.strip()]  # a block scalar's lines: each printed as a line
    for view in dict.fromkeys(v for part in dict.fromkeys([text, *lines]) for v in (part, skeleton(part))):
        if re.fullmatch(r"\S*[/.@]\S*", view.strip()):  # an address, a file, a date
            continue
        named = [m for m in BRACKET.finditer(view) if is_label(m.group("label"), labels)
                 and not re.fullmatch(r"\W*" + BARE + r"\W*", folded(m.group("label")))]  # "(tutor: Ann Smith)" names
        found = _headed(view, labels) or _tagged(view, labels) or (named[0].group(0) + " …" if named else None) \
            or _midline(view, labels)  # "Thursday group. Leader only: the key is under the mat"
        said = role_then(own_words(view)) or instructed(view) or set_off(view)  # "Facilitator: steer them to …"
        found = found or (f"{said}: …" if said and re.fullmatch(r"[\w'’]+", said) else said)
        if found or looks_like_leader_text(view[:120], labels):
            return found or (view if len(view) <= 40 else view[:40] + "…")
    return None


PRESENTER = re.compile(r"[ \t]*\?{3}[ \t]*")  # remark.js: what follows `???` on a slide is the presenter's


def across(lines: list[str], numbers: list[int], path) -> list[Diagnostic]:
    """Spellings over several lines: an HTML tag whose attributes run on (`<div` / `class="facilitator">`),
    and AsciiDoc comment blocks (`////` … `////`), printed like any text."""
    found: list[Diagnostic] = []
    comment_open = False
    for index, line in enumerate(lines[:-1]):  # an underlined heading, or a label ended by a line break
        words = own_words(line).rstrip("\\ ").strip()
        after = lines[index + 1]
        underlined = re.fullmatch(r"[ \t]{0,3}(?:=+|-+)[ \t]*", after) is not None and bool(words)
        broken = (line.endswith("\\") or line.endswith("  ")) and bool(after.strip()) \
            and not NAME.fullmatch(own_words(after).strip())  # `Facilitator` / `Ann Smith`: who leads
        if (underlined or broken) and (_says_leader(words, ()) or re.fullmatch(r"\W*" + BARE + r"\W*", folded(words))):
            found.append(Diagnostic(path, numbers[index], f"the heading '{words}' and the text under it would be printed "
                                    "for participants: " + USE_THE_FENCE if underlined else f"'{words}' on a line of its "
                                    "own, and the text after it, would be printed for participants: " + USE_THE_FENCE))
    found += _role_columns(lines, numbers, path)
    for index, line in enumerate(lines):
        if PRESENTER.fullmatch(line) and not re.match(r"[ \t]{0,3}(?:#|-{3,}[ \t]*$)", next(
                (more for more in lines[index + 1:] if more.strip()), "#")):  # `???` as a placeholder, then a heading
            found.append(Diagnostic(path, numbers[index], "'???' opens presenter notes in remark slides, but studyguide "
                                    "prints it and the text after it for participants: " + USE_THE_FENCE))
        if re.fullmatch(r"[ \t]*/{4,}[ \t]*", line):
            if not comment_open:
                found.append(Diagnostic(path, numbers[index], "an AsciiDoc comment block ('////') is printed like any "
                                        "text: delete it, or " + USE_THE_FENCE))
            comment_open = not comment_open
            continue
        if not re.search(r"<[a-zA-Z][\w-]*\b[^>]*$", line):
            continue
        tag = line
        for more in lines[index + 1:index + 12]:
            tag += " " + more
            if ">" in more:
                break
        if HTML_BOX.search(tag):
            found.append(Diagnostic(path, numbers[index], "raw HTML does not hide facilitator notes: " + USE_THE_FENCE))
        elif HIDDEN.search(tag):
            found.append(Diagnostic(path, numbers[index], "raw HTML 'hidden' or 'display:none' hides nothing here: the "
                                    "text is printed for participants (delete it, or " + USE_THE_FENCE + ")"))
    return found


def _cells(line: str) -> list[str]:
    return [own_words(cell).strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _role_columns(lines: list[str], numbers: list[int], path) -> list[Diagnostic]:
    """A table whose column is headed by a role (`| Question | Facilitator |`), or a row whose cell is one
    (`| 1 | Facilitator | Steer them to … |`): what the column or the next cell says is printed, like any
    cell. Names are printed (`| Session | Tutor |` over `| 1 | Ann Smith |`: who leads)."""
    found: list[Diagnostic] = []
    role = re.compile(r"\W*" + BARE + r"\W*")
    for index in range(len(lines) - 1):
        if "|" not in lines[index] or not re.fullmatch(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*",
                                                       lines[index + 1]):
            continue
        headed = [k for k, cell in enumerate(_cells(lines[index])) if role.fullmatch(folded(cell))]
        for row in range(index + 2, len(lines)):
            if "|" not in lines[row] or not lines[row].strip():
                break
            cells = _cells(lines[row])
            said = [cells[k] for k in headed if k < len(cells) and cells[k]]
            said += [cells[k + 1] for k, cell in enumerate(cells[:-1]) if role.fullmatch(folded(cell)) and cells[k + 1]]
            if any(not NAME.fullmatch(cell) for cell in said):
                found.append(Diagnostic(path, numbers[row], "a table column or cell headed by a role ('Facilitator', "
                                        "'Tutor', 'Moderator') is printed for participants, like any cell: "
                                        + USE_THE_FENCE + " (a column of names is printed)"))
                break
    return found
