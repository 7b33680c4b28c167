"""After each build: no facilitator sentence in anything a participant receives.

This check shares no code with the reader that takes the notes out: it finds the
notes in the guide's source with its own loose scan, line by line, on each line with
the characters nobody sees taken out (no-break and zero-width spaces, format and
control characters): a `:::` fence and any run of marks opening a note (`::`, `;;;`,
`!!!`, `{{<`, `{>>`) with a leader's word, up to its closing line; a heading, a label
line (`Facilitator:`, `Moderator notes`), a bold lead-in, a callout, an HTML element
of class facilitator, a bracketed `(Facilitator only: …)` and the text under each.
It then looks for runs of their words in the text each participant output holds.
Words the participant text itself contains (a question the leader repeats) are not
leaks. In the shared record (guide.json) it also looks for the short things only a
note names: a web address, an anchor, a file name.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import zipfile
from functools import lru_cache
from typing import Any

from studyguide.files import TEMPLATES
from studyguide.model import Guide

RUN = 6  # words in a probe: long enough to be the note's own, short enough to catch a clause
WHO = (r"(?:facilitat\w*|leaders?|moderat(?:ors?|ion|eur\w*|rice\w*)|tutors?|hosts?|chair(?:s|person|people)?|"
       r"conven[eo]rs?|organi[sz]ers?|teachers?|instructors?|animat(?:eur|rice|ion)\w*|moderador\w*|"
       r"facilitador\w*|quien modera|modera[cç][aã]o|ведущ\w*|модератор\w*|(?:لل|ال)?ميس[ّ]?ر|ل?מנחה|संचालक|"
       r"進行役|主持人|تسهیلگر|سہولت کار)(?:'s|s')?")
# A whole label: a role with `notes`/`only`, `notes for the …`, `for leaders`, `answer key`; alone, only a
# facilitator, moderator or tutor (a heading `Leaders` may be the group's subject).
LONE = r"(?:facilitat\w*|moderators?|tutors?)(?:'s|s')?"
LABEL = re.compile(r"\W*(?:" + WHO + r"\W*(?:notes?|only|guide|guidance|instructions?|tips?|script|answers?|prompts?|"
                   r"pointers?|reminders?|cues?)|" + LONE + r"|notes? (?:for|to) (?:the )?" + WHO + r"|(?:only )?for "
                   r"(?:the |our )?(?:discussion |group |session )?" + WHO + r"(?: only)?|answer key|"
                   r"(?:speaker|presenter|coordinator)(?:'s|s')? notes?|(?:prompts?|reminders?) for (?:the )?" + WHO + r"|"
                   r"(?:\w+ )?(?:spoilers?|plan|notes?|answers?|hints?|tips?|script|key)\s*\((?:the )?(?:facilitat\w*|"
                   r"leaders?|moderators?|tutors?)\)|"
                   r"notes? pour l'animat\w*|hinweise f(?:ü|ue)r (?:die )?moderation)\W*", re.I)
BARE = re.compile(r"\W*" + WHO + r"\W*", re.I)
MARKS = re.compile(r"^(?P<run>(?:[^\w\s*_`'\"“”‘’«»„‚()\[\]#<>\\][ \t]*){2,})(?P<rest>.*)$")
OUTER = re.compile(r"^(?:[ \t]*>|[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])|[ \t]*\[\^[^\]]+\]:|[ \t]*:(?=[ \t])|[ \t]+)*")
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|^\s*<h[1-6]\b", re.I)
CODE = re.compile(r"^[ \t]*(`{3,}|~{3,})(?P<info>.*)$")
BOXED = re.compile(r"\b(?:class|id)\s*=\s*[\"']?[^\"'>]*facilitat|\{[^}]*\.facilitat|\bclass\s*=\s*[\"']?(?:[^\"'>]*\s)?"
                   r"(?:(?:speaker|presenter|leader|teacher|instructor|tutor|moderator)s?-?notes?|notes)(?![\w-])", re.I)
BRACKET = re.compile(r"(?:\(|\[|\{>>|\{--|\{==)\s*([^:()\[\]{}]{2,40}?)\s*:")
LEADS = r"(?:facilitat\w*|leaders?|moderators?|tutors?|organi[sz]ers?|teachers?|instructors?)(?:'s|s')?"
AUDIENCE = re.compile(r"[(\[]\s*(?:for\s+)?(?:the\s+)?" + LEADS + r"(?:\s+notes?)?\s+only\s*[)\]]|"
                      r"[(\[]\s*(?:only\s+)?for\s+(?:the\s+)?" + LEADS + r"(?:\s+only)?\s*[)\]]", re.I)  # `(Leader only) …`
FILLER = set("\u3164\u115f\u1160\uffa0\u034f\u0085\u180e\u180b\u180c\u180d")


def _seen(line: str) -> str:
    """The line as an organiser sees it: what prints as nothing (or as a space) taken out."""
    kept: list[str] = []
    for index, char in enumerate(line):
        kind = unicodedata.category(char)
        if kind == "Zs" and char != " " and kept and kept[-1].isalnum() and line[index + 1:index + 2].isalnum():
            kept.append(" ")  # a no-break space between two words prints as a space
            continue
        if char in FILLER or (kind[0] in "ZC" and char not in " \t") or "\ufe00" <= char <= "\ufe0f":
            continue
        if kind in ("Mn", "Me") and (not kept or not kept[-1].isalnum()):
            continue
        kept.append(char)
    return "".join(kept)


_LATIN: dict[int, str] = {}


def _latin(line: str) -> str:
    """The line with each letter that Unicode's confusables list as one ASCII letter's double made
    that letter (`Fɑcilitatօr`): the check's own reading, not the reader's skeleton."""
    if not _LATIN:
        from confusable_homoglyphs.confusables import confusables_data

        for char, doubles in confusables_data.items():
            for other in (d["c"] for d in doubles):
                for one, ascii_ in ((char, other), (other, char)):
                    if len(one) == len(ascii_) == 1 and not one.isascii() and ascii_.isascii() and ascii_.isalpha():
                        _LATIN.setdefault(ord(one), ascii_)
    return unicodedata.normalize("NFKC", line).translate(_LATIN)


def _labels() -> tuple[str, ...]:
    """The catalogues' names for the notes (`Notes pour l'animation`, `Заметки для ведущего`)."""
    found = []
    for file in sorted((TEMPLATES / "i18n").glob("*.json")):
        try:
            found.append(_seen(json.loads(file.read_text(encoding="utf-8")).get("facilitator", "")))
        except (OSError, ValueError, AttributeError):
            continue
    return tuple(" ".join(label.replace("’", "'").casefold().split()) for label in found if label)


LABELS = _labels()


# Labels as typed in other languages, beyond the catalogues' own (checked here with a list of this module's own).
NATIVE = re.compile(r"(?:только |примечани[ея] |заметк[аи] )?для ведущ(?:его|ей|их)|moderationshinweis\w*|"
                    r"(?:notas? )?para (?:quien|quem) (?:facilita|modera)|para la persona facilitadora|"
                    r"(?:ファシリテーター|進行役|司会者?)(?:用|向け)の?(?:メモ|ノート)|संचालक के लिए|给主持人的(?:提示|说明|备注)|"
                    r"主持人(?:备注|须知|提示|注)|给主持人|notas? (?:del|de la|do|da) (?:facilitador\w*|moderador\w*|"
                    r"coordinador\w*)|(?:notes?|consignes?) (?:de l'|du |de la |à l'|pour l')(?:animat\w*|format\w*)|"
                    r"(?:notizen )?f(?:ü|ue)r (?:die )?(?:teamende\w*|seminarleitung)|teamer-?hinweis\w*|"
                    r"(?:примечани[ея] )?для модератор\w*|(?:進行役|司会者?|ファシリテーター)(?:メモ|へ)|"
                    r"(?:anmerkung\w* |hinweis\w* |notiz\w* )?f(?:ü|ue)r die kursleitung|pour l'enseignant\w*|"
                    r"para la coordinaci[oó]n|(?:примечание )?для преподавателя|למורה(?: בלבד)?|للمعلم فقط|"
                    r"یادداشت برای تسهیلگر|给老师的提示|主持人備註|先生へ|सूत्रधार के लिए नोट्स|till ledaren|moderatör notları")
# An aside to whoever leads, in brackets (`(leader: skip this if …)`, `[host – keep it short]`) or opening a
# sentence (`Chair: move on at 8.`): a role, then words that are not a name.
LEADING = (r"(?:nb\W+)?(?:discussion |group |session )?(?:leaders?|lead|hosts?|chair\w*|organi[sz]ers?|facilitat\w*|moderators?|"
           r"tutors?|teachers?|instructors?|presenters?|coordinators?|conven[eo]rs?)(?:'s|s')?"
           r"(?:\s*\([^()]{1,40}\)|,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?\s*(?::|\s[—–-]|\s*→|\s*->)\s*")
ASIDE = re.compile(r"[(\[]\s*" + LEADING + r"(?P<rest>[^)\]]+)", re.I)
TOLD_VERBS = (r"(?:(?:skip|keep|ask|steer|push|move|remind|avoid|allow|"
              r"give|watch|check|start|begin|stop|prompt|mention|encourage|invite|explain|spend|don'?t|cut|limit|"
              r"emphasi[sz]e|stress|remember|prepare|nudge|reveal|wait|probe|if)\b|(?:the\s+)?(?:correct\s+)?answers?\b|"
              r"[^.|]{0,60}\b(?:can|could|should|may)\s+be\s+(?:skipped|dropped|cut|left\s+out)\b)")
TOLD = re.compile(r"(?:^|[.?!;…]\s+|\|\s*)[^\w|]*" + LEADING + r"(?:"
                  # `Leader: Ann. Skip …`: a name, a new sentence, and what is done to the group
                  r"(?-i:[A-Z])[\w'’-]*\.?(?:\s+(?-i:[A-Z])[\w'’-]*\.?){0,2}\s*[.;:–—-]?\s*(?:skip|steer|push|nudge|prompt|"
                  r"probe|reveal|cut|(?:ask|remind|tell|give|let|keep|move|get)\s+(?:them|the\s+group|people|everyone)\b)|"
                  # `Moderator: Ann, please …`, `Tutor: Ann (skip …)`: a name, then any order
                  r"(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}\s*(?:,\s*(?:please\s+)?|\(\s*|\[\s*|\s+please\s+))?"
                  + TOLD_VERBS + r")", re.I)


def _respelt(found: re.Match) -> str:
    """A misspelt facilitator (`faciliator`, `facillitator`), read by this module's own measure."""
    word = found.group(0)
    shared = sum(1 for a, b in zip(word, "facilitator") if a == b) + sum(1 for a, b in zip(word[::-1], "rotatilicaf") if a == b)
    return "facilitator" if len(set(word) - set("facilitators")) == 0 and abs(len(word) - 11) <= 2 and shared >= 8 else word


def _plain(text: str) -> str:
    """Arabic without its marks and tatweel, with Persian's yeh and kaf; Persian without its non-joiners."""
    text = re.sub(r"[\u064b-\u0652\u0670\u0640\u200c]", "", text)
    return text.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")


def _label(text: str, bare_ok: bool = True) -> bool:
    text = " ".join(text.replace("’", "'").casefold().split()).strip(" :.-–—")
    text = re.sub(r"\bfac(?!ilita)[a-z]{5,10}\b", _respelt, text) if "fac" in text else text
    if NATIVE.fullmatch(text) or _plain(text).replace(" ", "") in {_plain(label).replace(" ", "") for label in LABELS}:
        return True
    if not text or (not bare_ok and BARE.fullmatch(text) and not re.search(r"(?:notes?|only)$", text)):
        return False
    if LABEL.fullmatch(text) or text in LABELS:
        return True
    # with what qualifies it: `(private)`, `for week 3`, `Session leader notes`, `Leader-only notes`, `Notes (tutor)`
    plain = re.sub(r"\s*(?:\([^()]*\)|,?\s*(?:for|on|[-–—])\s+(?:the )?(?:week|session|part|meeting|class|lesson|day|"
                   r"today|tonight|this|next)\b.*)$", "", text)
    plain = re.sub(r"^(?:session|group|study|seminar|course|discussion|class|workshop|book club|reading group|meeting)\s+",
                   "", plain)
    plain = re.sub(r"\bonly\W+notes?$|\beyes only$", "only", re.sub(r"^\w+(?:'s|s')?\s*/\s*", "", plain))
    if re.fullmatch(r"notes?\s*\(\s*" + WHO + r"\s*\)", text):
        return True
    return plain != text and not BARE.fullmatch(plain) and bool(LABEL.fullmatch(plain))


def _words_of(line: str) -> str:
    """A line's own words: container marks, HTML tags and emphasis marks gone."""
    text = OUTER.sub("", line, count=1)
    text = re.sub(r"</?[a-zA-Z][^>]*>|!\[[^\]]*\]\([^)]*\)", " ", text)  # tags, and pictures (they print no words)
    return re.sub(r"\*+|__|(?<!\w)_|_(?!\w)", "", text).strip()  # `Facili*tator*`: a star inside a word too


def _opener(line: str) -> tuple[str, str] | None:
    """(kind, run) when the line opens a note: a run of marks and a leader's word or label."""
    text = OUTER.sub("", line, count=1)
    marks = MARKS.match(text)
    if marks and all(unicodedata.category(c)[0] in "PS" for c in marks.group("run").replace(" ", "").replace("\t", "")):
        rest = marks.group("rest")
        if set(marks.group("run").replace(" ", "")) <= set(".…"):  # an ellipsis; `.. facilitator::` (reST) is a note
            return ("fence", "..") if re.match(WHO + r"[ \t]*(?:$|::|[:{}%>\"'(\[])", rest, re.I) else None
        if re.match(WHO + r"[ \t]*(?:$|[^\w\s]|notes?\b|only\b)", rest, re.I) or any(
                _label(part) for part in re.findall(r"[\"“']([^\"”']{2,40})[\"”']", rest)) or _label(rest.strip(" {}%>/<")):
            return "fence", marks.group("run").replace(" ", "")
        if re.match(r":{3,}\s*\S", text) and re.search(r"facilitat|animation|moderat|ведущ", rest, re.I):
            return "fence", marks.group("run").replace(" ", "")
    glued = re.search(r"(:{3,})[ \t]*\{?[ \t]*\.?facilitat", re.sub(r"(`+).*?\1", "", text), re.I)
    return ("fence", glued.group(1)) if glued else None


# Round eight: more of what organisers and an attacker typed for the leader, read by this module's own rules.
WHOS = (r"(?:facilitat\w*|leaders?|lead|moderators?|tutors?|hosts?|chairs?|teachers?|organi[sz]ers?|instructors?|"
        r"presenters?|speakers?|trainers?|coach(?:es)?|mentors?|tas?|coordinators?|educators?|lecturers?|conven[eo]rs?)")
KINDS = (r"(?:notes?|prompts?|cues?|brief(?:ing)?s?|guidance|tips?|hints?|reminders?|script|crib(?: sheet)?|background|"
         r"manual|pointers?|instructions?|answers?|questions?|version|plan|copy|edition)")
FIRST = r"(?:(?:a|an|the|my|our|extra|additional|private|more|further|q\d+|session|group|backup|probing|prompting|follow-up) )*"
THEN = r"(?: \d+| (?:for|on) (?:question |q)?\d+|,? continued| \([^()]{1,30}\))*"
LABELLED = re.compile(FIRST + WHOS + r"(?:'s|s')? (?:[\w-]+ )?" + KINDS + THEN + r"|"
                      + r"notes?\s*[:—–/-]\s*(?:for\s+)?(?:the\s+)?" + WHOS + r"(?:'s|s')?|"
                      + r"(?:facilitat\w*|moderators?|tutors?)(?:'s|s')? (?:answer )?key|"
                      + WHOS + r"(?:'s|s')?\s*(?:&|and|/|\+|,)\s*" + WHOS + r"(?:'s|s')? (?:[\w-]+ )?" + KINDS + THEN + r"|"
                      + FIRST + KINDS + r" (?:for|to) (?:the |our )?(?:session |discussion |group )?" + WHOS +
                      r"(?: to ask)?|(?:[\w'-]+ ){0,4}\((?:for )?(?:the )?(?:facilitat\w*|leaders?|moderators?|tutors?)(?:'s)?"
                      r"(?: version| only)?\)|to (?:the )?" + WHOS + r"|if you(?:'re| are) (?:leading|facilitating|chairing|"
                      r"hosting)|for whoever (?:leads|runs|chairs)(?: the \w+)?|staff only|not for (?:distribution|circulation)|"
                      r"do not (?:print|share|circulate)(?: [\w ]{0,30})?|internal notes?|notes? to self|reminders? to self|"
                      r"for (?:your|my) eyes only|for me only|prep notes?|crib sheet|private notes?|"
                      r"(?:model|suggested|expected) (?:answers?|responses?)(?: to (?:the )?questions?.*)?|answers? to (?:the )?(?:discussion )?"
                      r"questions|"
                      r"facilitation (?:plan|notes?)|notities voor de (?:begeleider|moderator|gespreksleider)|uwagi dla "
                      r"(?:prowadz\w*|moderator\w*)|appunti per chi conduce|"
                      r"s[oó] para o (?:facilitador|mediador)|anota[cç][oõ]es para o (?:mediador|facilitador)|для модератор\w*|"
                      r"anteckningar för samtalsledaren|catatan (?:untuk )?fasilitator|"
                      r"진행자 메모|講師用メモ|進行メモ|ファシリ用|主持人注意事项|讲师备注|仅供主持人|带领人备注|主持人的问题|"
                      r"ملاحظات (?:لل|ال)(?:مشرف|م[يی]سر)|(?:لل|ال)م[يی]سر فقط|למנחה בלבד|संचालक के लिए नोट्स|शिक्षक के लिए|"
                      r"یادداشت برای مجری|ناظم کے لیے نوٹس|\w*fragen f(?:ü|ue)r (?:die |den )?(?:moderation|leitung|moderator\w*)|"
                      r"questions pour l'animat\w*|"
                      r"preguntas para (?:quien modera|el facilitador|la facilitadora)|вопросы для ведущ\w*|perguntas para o "
                      r"(?:facilitador|mediador)|(?:進行役|ファシリテーター|司会者?)(?:用|向け)の質問",
                      re.I)
MARKED = re.compile(r"^\W{0,3}[\[({]\s*(?:facilitat\w*|moderators?|tutors?)\s*[\])}]\s*\w|[—–-]\s*(?:for\s+)?(?:the\s+)?"
                    + WHOS + r"\s+only\W*$|(?:^|\s)[#@](?:facilitat\w*|leaders?|moderators?|tutors?)\b|\[\[[^\]]*(?:facilitat|"
                    r"leader|moderator|tutor)[^\]]*\]\]|\[\^(?:facilitat|leader|moderator|tutor)[^\]]*\]|<summary>[^<]*\b(?:"
                    + WHOS + r"|answers?|spoilers?)\b[^<]*</summary>|^\W*(?:dear|psst,?)\s+(?:the\s+)?" + WHOS + r"\b|"
                    r"\((?:a\s+)?notes?\s+to\s+self\)|\?\s*[*_]*(?:(?:expected |model |suggested )answers?|answer|look for|hint)\s*[*_]*:|"
                    r"//\s*" + WHOS + r"\s*:|\?\s*[\[(]\s*(?:for (?:the )?)?" + WHOS + r"\s*[\])]\s*\w|"
                    r"(?-i:^[^\w`]{0,3}(?:TODO|FIXME)\b)|^\W{0,3}private\s*:\s", re.I)
SAID_BY = re.compile(r"(?:^|[.?!]\s+|\s[—–]\s)(?-i:[FMT])(?:acilitat\w*|oderators?|utors?)\s*(?::|\s[—–-]|→|->|\||\.{3}|…)\s*(?P<rest>\S.*)$",
                     re.I)


# A role in keys, bold or code with no colon, then an order: `<kbd>Facilitator</kbd> push them`, `**Leader** skip 3`.
SET_APART = re.compile(r"^\W{0,3}(?:<(kbd|b|strong|em|i|mark|u|span|code|small|samp|var|cite|q|abbr|dfn)\b[^>]*>\s*"
                       r"(?P<a>" + WHOS + r")\s*</\1\s*>|(\*\*|__|\*|_|`+)\s*(?P<b>" + WHOS + r")\s*\3|"
                       r"(?-i:(?P<c>[FMT](?:acilitator|oderator|utor))))\s+(?P<verb>(?-i:[a-z])[\w'’]*)(?![-\w])", re.I)
APOSTROPHE = re.compile("[’‘´ʼ′`＇]")
ORDERS = set("ask push steer skip keep start begin stop move remind avoid allow give watch check prompt mention explain "
             "encourage invite spend don't dont make let tell nudge reveal wait probe".split())


# Roles of other languages as a line's label, and what they are told (this module's own list and rule).
ELSEWHERE = re.compile(r"(?:^|[.!?。！？]\s*)\W*(?P<role>ведущ\w*|модератор\w*|фасилитатор\w*|anima(?:teur|trice)|mod[ée]rat(?:eur|rice)|"
                       r"format(?:eur|rice)|moderador[a]?|facilitador[a]?|coordinador[a]?|mediador[a]?|moderatore|facilitatore|"
                       r"conduttore|prowadz\w*|begeleider|gespreksleider|進行役|司会者?|ファシリテーター|講師|主持人|带领人|引导者|讲师|"
                       r"الميسّ?ر|المشرف|المنسق|מנח[הת]|המנח[הת]|संचालक|सूत्रधार|शिक्षक|moderat(?:or|orin|ion)|leitung)\s*[:：]\s*"
                       r"(?P<rest>\S.*)$", re.I)


def _told_elsewhere(own: str) -> bool:
    for found in ELSEWHERE.finditer(own):
        rest = found.group("rest")
        letters = [c for c in rest if c.isalpha()]
        if not letters:
            continue
        if re.fullmatch(r"(?i)moderat\w*|leitung", found.group("role")):
            if re.search(r"(?i)\b(?:überspringen|auslassen|weglassen|beginnen|anfangen|fragen|erklären|vorlesen|betonen)\b", rest):
                return True
        elif letters[0].lower() != letters[0].upper():
            if rest[:1].islower():
                return True
        elif len(rest.split()) > 3 or (len(rest.split()) == 1 and len(letters) > 5):
            return True
    return False


def _said_by_leader(own: str) -> bool:
    """`Facilitator: ask them about 1905`: a role then words a name is not made of (`Facilitator: Ann Smith`,
    `Moderator: TBC`, `Tutor: Dr R. Okafor, ann@union.org` name who leads)."""
    for found in SAID_BY.finditer(re.sub(r"^\s*\[[ xX]\]\s*", "", own)):
        rest = re.sub(r"\S+@\S+|https?://\S+|\[[^\]]*\]|\([^)]*\)", "", found.group("rest")).strip()
        after_name = re.sub(r"^(?:[A-Z][\w.'’-]*,?\s+){0,4}[A-Z][\w'’-]*\s*[.—–-]\s+", "", rest)  # `Ann Smith. ask …`
        for said in {rest, after_name}:
            first = said.split()[0] if said.split() else ""
            if (first[:1].islower() and not re.fullmatch(r"(?:to|tbc|tba|rotating|everyone|volunteers?)\W*", first)) \
                    or first.lower().strip(",:") in ORDERS:
                return True
    return False


# Where raw HTML starts a block of its own on the page; a term and its definition, a cell and the next, read as one.
CELLS = re.compile(r"<(?:dt|dd|td|th|p|div|aside|section|li|blockquote|figcaption|summary|br)\b[^>]*>", re.I)


def _kind(lines: list[str], index: int) -> tuple[str, str] | None:
    line = lines[index]
    turned = re.search(r"<bdo\s[^>]*rtl[^>]*>([^<]*)</bdo>", line, re.I)  # printed turned round: `:seton rotatilicaF`
    if turned and _kind([turned.group(1)[::-1] + line[turned.end():]], 0):
        return "paragraph", ""
    if "\\text" in line or "\\mbox" in line:  # LaTeX's text in a formula, printed as its words
        plain = re.sub(r"\$*\\(?:text\w*|mbox|mathrm)\{([^{}]*)\}\$*", r"\1", line)
        if plain != line and _kind([plain], 0):
            return "paragraph", ""
    pieces = [p.strip() for p in re.split(r"<[^<>]*>", re.sub(r"</(?:dt|td|th)\s*>\s*<(?:dd|td)\b[^>]*>", ": ", line))
              if p.strip()] if CELLS.search(line) else []
    if len(pieces) > 1 or (pieces and pieces[0] != _words_of(line).strip()):
        if any(_kind([piece], 0) for piece in pieces):
            return "paragraph", ""
    code = CODE.match(line)
    if code:
        info = code.group("info")
        return ("code", code.group(1)) if re.search(r"facilitat", info, re.I) or _label(info.strip(" {}.")) or any(
            _label(w) for w in re.split(r"[{}]", info)) or BARE.fullmatch(info.strip(" {}.").lower()) else None
    opened = _opener(line)
    if opened:
        return opened
    foreign = re.match(r"^(?:[ \t]*>)*[ \t]{0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(\{#[-\s]|\{\{-?\s*/\*|\{\{!|#\+begin_comment\b|"
                       r"\{\s*/\*|\\begin\{comment\}|\.\.\s+only::.*(?:facilitat|leader|moderat|tutor)|"
                       r"\.\.[ \t]+(?![\w-]+::)[^.\s].*$)", line, re.I)
    if re.search(r"\{\s*/\*.*?\*/\s*\}", re.sub(r"`[^`]*`", "", line)):  # an MDX comment inside a line
        return "line", ""
    if re.search(r">!(?!\s*$).*!<", line):  # a spoiler as Reddit writes it
        return "paragraph", ""
    if foreign and foreign.group(1).startswith("..") and "::" not in foreign.group(1) and _label(
            _words_of(foreign.group(1)[2:]).strip()):
        foreign = None  # `.. Facilitator notes` over the note: a label, read below with the text under it
    if foreign:  # another program's comment (Jinja, Hugo, Handlebars, Org, LaTeX, MDX, reST), Sphinx's `only`
        opening = foreign.group(1).lower()
        closer = {"{#": "#}", "{{": "}}", "{/": "*/}", "{ ": "*/", "#+": "#+end_comment", "\\b": "\\end{comment}"}.get(
            opening[:2], "")
        if closer and closer in line.lower()[foreign.end():]:
            return "line", ""  # closed where it opens
        return ("indented", "") if opening.startswith("..") else ("comment", closer)
    own = _words_of(line)
    if HEADING.match(line) and (_label(own.lstrip("#").strip(" #")) or re.search(r"facilitat\w*\W*notes?", own, re.I)):
        return "section", ""
    under = lines[index + 1] if index + 1 < len(lines) else ""
    if (line.endswith("\\") or line.endswith("  ")) and under.strip() and re.fullmatch(
            r"\W*(?:facilitat\w*|moderators?|tutors?)\W*", own.rstrip("\\ "), re.I) and re.search(r"(?:^|\s)[a-z]{2,}", under):
        return "paragraph", ""  # `Facilitator\` and the leader's words on the next line
    if own and re.fullmatch(r"[ \t]{0,3}(?:=+|-+)[ \t]*", under) and (_label(own.rstrip("\\ ")) or re.fullmatch(
            r"\W*(?:facilitat\w*|moderators?|tutors?)\W*", own.rstrip("\\ "), re.I)):
        return "section", ""  # an underlined heading: `Facilitator` / `-----------`
    if re.fullmatch(r"[ \t]*\?\?\?[ \t]*", line) and not re.match(r"[ \t]{0,3}(?:#|-{3,}[ \t]*$)", next(
            (more for more in lines[index + 1:] if more.strip()), "#")):
        return "section", ""  # remark.js: the presenter's notes follow `???`
    callout = re.match(r"^[ \t>]*(?:[-*+][ \t]+)?>[ \t]*\[!([^\]]*)\][-+]?(.*)$", line)
    if callout and (_label(callout.group(1)) or _label(callout.group(2))):
        return "quote", ""
    tag = line + " " + " ".join(lines[index + 1:index + 4]) if re.search(r"<[a-zA-Z][\w-]*\b[^>]*$", line) else line
    if BOXED.search(tag):
        return "element", ""
    if re.search(r"\]\{[^{}]*\.comment-start\b|\[\[[a-z]{1,3}\]\]\(#cmnt_ref\d+\)", line, re.I):
        return "paragraph", ""  # a Word comment (pandoc) or a Google Docs one, as converted: a reviewer's words
    label, colon, after = re.sub(r"\s(?:\||•|·|//|=|~|⇒|→|->|=>|»|>>)\s", ": ", own.replace("\uff1a", ":"),
                                 count=1).partition(":")  # `ファシリテーター用メモ：`, `Facilitator notes | …`
    bold = re.match(r"^(?:\*\*|__|\*|_)([^*_]{3,60}?)(?:\*\*|__|\*|_)(.*)$", OUTER.sub("", line, count=1))
    if bold and _label(bold.group(1), bare_ok=not re.sub(r"^\W+", "", bold.group(2))):  # `**Facilitator:** Ann`: who leads
        return "paragraph", ""
    if _label(label, bare_ok=not after.strip()) and (colon or not BARE.fullmatch(label.strip())):
        return ("paragraph", "") if after.strip() else ("section", "")
    if HEADING.match(line) and re.match(r"^[ \t]{0,3}#{3,}", line) and re.fullmatch(
            r"\W*(?:answers?|key|timings?|solutions?|l(?:ö|oe)sungen|soluciones|corrig[ée]s?|(?:model|suggested) "
            r"responses?)\W*", own.lstrip("#").strip(" #"), re.I):
        return "section", ""  # under the questions, a list printed as questions
    if HEADING.match(line) and re.fullmatch(r"\W*(?:answers?(?: guide| sheet| \(.*\))?|answer (?:guide|sheet)|r[ée]ponses|"
                                            r"respuestas|respostas|risposte|antworten|ответы|答案|解答|回答例|إجابات|תשובות)\W*",
                                            own.lstrip("#").strip(" #"), re.I):
        return "section", ""  # `## Answers`: in a study guide, the leader's
    told = HEADING.match(line) and re.match(r"\W*(?:facilitat\w*|moderators?|tutors?)\s*[:—–]\s*(?P<rest>\S.*)",
                                             own.lstrip("#").strip(" #"), re.I)
    if told and not re.fullmatch(r"(?:[A-Z][\w'’.-]*\s*){1,4}[.,]?|(?i:tbc|tba)", told.group("rest").strip()):
        return "section", ""  # `### Facilitator: read this first`
    if HEADING.match(line) and LABELLED.fullmatch(" ".join(APOSTROPHE.sub("'", own.lstrip("#").strip(" #:")).split())):
        return "section", ""
    lead, colon, after = own.replace("\uff1a", ":").partition(":")
    if colon and LABELLED.fullmatch(" ".join(APOSTROPHE.sub("'", lead).strip(" *_").split())):
        return ("paragraph", "") if after.strip() else ("section", "")
    apart = SET_APART.match(OUTER.sub("", line, count=1))
    if apart and (apart.group("verb").lower().replace("’", "'") in ORDERS | {"read", "draw", "use"} or (
            re.fullmatch(r"facilitat(?:or|eur|rice|ore|ora)|moderator|tutor", apart.group("a") or apart.group("b") or "", re.I))):
        return "line", ""
    if MARKED.search(line) or (STRICT[0] and (_said_by_leader(own) or _told_elsewhere(own))):
        return "line", ""
    if any(_label(found) for found in BRACKET.findall(line)) or AUDIENCE.search(line) or TOLD.search(own) or any(
            re.search(r"\b[a-z]{4,}", aside.group("rest")) for aside in ASIDE.finditer(line)):
        return "line", ""
    for title in re.findall(r"\]\([^)\s]*\s+[\"'(]([^\"')]+)[\"')]\s*\)|\btitle\s*=\s*[\"']([^\"']+)", line):
        said = "".join(title).strip()  # a picture's or a link's title: a caption on the page, a tooltip on screen
        if _label(said.partition(":")[0].strip()) or _label(said) or TOLD.search(said):
            return "line", ""
    if line.count("|") >= 2 and _role_column(lines, index):
        return "line", ""
    if line.count("|") >= 2 and any(_label(c.partition(":")[0], bare_ok=False)  # `| Facilitator: | Ann |`: who leads
                                    for c in line.strip().strip("|").split("|")):
        return "line", ""
    return None


def _end(lines: list[str], index: int, kind: str, run: str) -> int:
    """The index after the last line of the note that opens at `index`."""
    for after in range(index + 1, len(lines)):
        line = lines[after]
        bare = OUTER.sub("", line, count=1).strip()
        if kind == "fence" and bare and re.fullmatch(r"[^\w\s]+", bare.replace(" ", "")):
            if set(run) != {":"} or (set(bare) == {":"} and len(bare) >= len(run)):
                return after + 1
        elif kind == "fence" and re.search(r"/\s*" + WHO + r"|endcomment", bare, re.I):
            return after + 1
        elif kind == "code" and bare.startswith(run):
            return after + 1
        elif kind == "section" and HEADING.match(line):
            return after
        elif kind == "paragraph" and not line.strip():
            return after
        elif kind == "quote" and not line.lstrip(" \t-*+").startswith(">"):
            return after
        elif kind == "element" and "</" in line:
            return after + 1
        elif kind == "comment" and run in line.lower():
            return after + 1
        elif kind == "indented" and line.strip() and not line[:1].isspace():
            return after
    return len(lines) if kind != "line" else index + 1


STRICT = [True]  # a role and a sentence is a note in a guide; in a reading, a transcript's speaker


def notes_in(source: str, reading: bool = False) -> tuple[list[tuple[int, str]], str]:
    """([(line, text) of each note line, its opening line too], the source without them)."""
    notes, rest = _notes_in(source, not reading)
    return list(notes), rest


@lru_cache(maxsize=4)
def _notes_in(source: str, strict: bool = True) -> tuple[tuple[tuple[int, str], ...], str]:
    """Read once per source: the checks after a build ask four or five times."""
    STRICT[0] = strict
    lines = [_seen(line) for line in source.split("\n")]
    raw = source.split("\n")
    notes, rest, index = [], [], 0
    while index < len(lines):
        kind = _kind(lines, index)
        if kind is None and re.search(r"\w[\u200b\u2060\ufeff]+\w", raw[index]):  # a zero-width space between words
            kind = _kind([*lines[:index], _seen(re.sub(r"(?<=\w)[\u200b\u2060\ufeff]+(?=\w)", " ", raw[index]))], index)
        spelt = re.sub(r"\b(?:[A-Za-z][ .\-_·]){4,}[A-Za-z]\b", lambda m: re.sub(r"[^A-Za-z]", "", m.group(0)), lines[index])
        if kind is None and spelt != lines[index]:  # a word spelt out letter by letter: `F A C I L I T A T O R notes`
            kind = _kind([*lines[:index], spelt, *lines[index + 1:]], index)
        if kind is None and any(ord(c) > 0xFF and c.isalpha() for c in lines[index]):  # look-alike letters
            kind = _kind([*lines[:index], _latin(lines[index]), *lines[index + 1:]], index)
        if kind is None:
            rest.append(raw[index])
            index += 1
            continue
        stop = _end(lines, index, *kind) if kind[0] != "line" else index + 1
        if kind[0] == "element" and "</" in lines[index]:
            stop = index + 1
        for number in range(index, max(stop, index + 1)):
            notes.append((number + 1, raw[number]))
        index = max(stop, index + 1)
    return tuple(notes), "\n".join(rest)


def words(text: str) -> list[str]:
    """Markdown or markup as plain words: lower case, letters and digits only, after NFKC (text pasted from a
    PDF keeps its ligatures, `ﬁnal`, which a PDF's text reads back from the drawn glyph as `final`)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\]\(\s*<?[^\s)>]*>?\s+[\"'(]([^\"')]*)[\"')]\s*\)", r" \1 ", text)  # a title is: a picture's caption
    text = re.sub(r"\]\([^)]*\)", " ", text)  # link targets are not printed
    text = re.sub(r"</?[a-zA-Z][^<>]*>", " ", text)  # nor tags: `<aside>Leader: skip …</aside>` prints no "aside"
    return re.findall(r"[^\W_]+", text.lower())


def fingerprint(text: str) -> str:
    """Letters and digits only, after NFKC (see words): immune to line breaks, hyphenation and running heads' spacing."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def probes(guide: Guide, shortest: int = 16) -> list[tuple[int, str, str]]:
    """(line, words, fingerprint) of every run of the notes' words that the rest of the
    source lacks (a note may repeat a question: that is no leak). `shortest`: the fewest letters
    a run needs (fewer may stand in any text; a kept file, taken away on a match, reads shorter)."""
    notes, rest = notes_in(guide.body)
    reading = getattr(guide.article, "body", "") or ""
    more, rest_too = notes_in(reading, reading=True)  # a reading's notes are refused when read; looked for all the same
    notes += [(None, line) for _, line in more]  # (said without a line: it stands in another file)
    allowed = fingerprint(" ".join(words(rest + "\n" + rest_too)))
    run = [(number, word) for number, line in notes for word in words(line)]
    found = []
    for start in range(0, max(1, len(run) - RUN + 1)):
        window = run[start:start + RUN]
        key = fingerprint("".join(w for _, w in window))
        if len(key) >= shortest and key not in allowed:
            first = window[0][0]
            found.append((None if first is None else first + guide.body_line - 1, " ".join(w for _, w in window), key))
    for block in _blocks(notes):  # a note shorter than a run, its fence's words left out
        said = [(number, word) for number, line in (block[1:] if len(block) > 1 else block) for word in words(line)]
        key = fingerprint("".join(w for _, w in said))
        if len(said) < RUN and len(key) >= shortest and key not in allowed and all(key != k for *_, k in found):
            first = said[0][0]
            found.append((None if first is None else first + guide.body_line - 1, " ".join(w for _, w in said), key))
    return found


def _blocks(notes: list[tuple[int | None, str]]) -> list[list[tuple[int | None, str]]]:
    """The note lines, a list a block (lines that follow one another)."""
    blocks: list[list[tuple[int | None, str]]] = []
    for number, line in notes:
        if blocks and number is not None and blocks[-1][-1][0] == number - 1:
            blocks[-1].append((number, line))
        else:
            blocks.append([(number, line)])
    return blocks


def text_of(markup: str) -> str:
    """What markup says to anyone who opens it: its text, and also what a page does not draw but a
    reader of its source, a search engine or a screen reader gets (attribute values, comments)."""
    hidden = re.findall(r"<!--(.*?)-->", markup, re.S) + [
        value for pair in re.findall(r"\s[\w:-]+\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", markup) for value in pair if value]
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<!--.*?-->", " ", markup, flags=re.S)) + " " + " ".join(hidden))


def pdf_text(data: bytes) -> str:
    """The pages' text, then the document's information (pdf_info)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document) + " " + pdf_info(document)
    finally:
        document.close()


def pdf_info(pdf: Any) -> str:
    """A PDF's document information (title, author, subject, keywords, creator: a theme's `<meta
    name=generator>` becomes its Creator): not drawn, so not in a layout's text, but shown by every
    viewer and read by search engines. `pdf`: its bytes, or a pypdfium2 document."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf) if isinstance(pdf, bytes) else pdf
    try:
        return " ".join(str(value) for value in document.get_metadata_dict(skip_empty=True).values())
    finally:
        if document is not pdf:
            document.close()


def epub_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return " ".join(text_of(book.read(name).decode("utf-8", "replace")) for name in book.namelist()
                        if name.endswith((".xhtml", ".html", ".ncx", ".opf")))


FRAGMENT = re.compile(r"https?://[^\s)>\]\"'<]+|\]\(\s*<?([^)\s>]+)|(?:src|href)\s*=\s*[\"']([^\"']+)|"
                      r"([\w.%-]+\.(?:png|jpe?g|gif|svg|webp|avif|pdf|md|html?|docx?|odt|xlsx?|pptx?|mp[34]|csv|txt))\b",
                      re.I)
STRUCTURE = {"reading.md", "reading.pdf", "guide.md"}  # names the format itself gives, not a note's


def fragments(guide: Guide) -> list[tuple[int, str]]:
    """(line, fragment) for each web address, anchor and file name a note names that nothing else in
    the guide does: short, but a leak all the same when it turns up in the shared record."""
    notes, rest = notes_in(guide.body)
    rest = rest.casefold()
    found: dict[str, int] = {}
    for number, line in notes:
        for match in FRAGMENT.finditer(_seen(line)):
            for piece in [match.group(0) if match.group(0).lower().startswith("http") else None, *match.groups()]:
                if not piece:
                    continue
                piece = piece.strip("<>\"'")
                for part in [piece, *piece.split("#")[1:]] if "#" in piece else [piece]:
                    part = part.lstrip("#").strip()
                    if len(part) >= 5 and part.casefold() not in rest and part.casefold() not in STRUCTURE \
                            and not part.casefold().startswith(guide.slug.casefold()):  # our own files' names
                        found.setdefault(part, number + guide.body_line - 1)
    return [(line, piece) for piece, line in found.items()]


def leaks(guide: Guide, texts: dict[str, str], shortest: int = 16) -> list[tuple[str, int, str]]:
    """(output, line of the note, its words) for each run of a note's words found in a
    participant output, given as the text it holds (drawn text, markup or an extract);
    in a record (a `.json`), each address, anchor or file name only a note names too."""
    runs = probes(guide, shortest)
    found = []
    for where, text in texts.items():
        if where.endswith(".json"):
            lowered = text.casefold()
            found += [(where, line, piece) for line, piece in fragments(guide) if piece.casefold() in lowered]
        if not runs:
            continue
        haystack = fingerprint(text_of(text) if "<" in text else text)
        seen_lines = set()
        for number, run, key in runs:
            if number not in seen_lines and key in haystack:
                seen_lines.add(number)
                found.append((where, number, run))
    return found


def _role_column(lines: list[str], index: int) -> bool:
    """A row of a table with a column headed `Facilitator` (or a cell saying so before another), where that
    column holds more than a name."""
    split = lambda row: [_words_of(c).strip() for c in row.strip().strip("|").split("|")]  # noqa: E731
    role = re.compile(r"\W*(?:facilitat\w*|moderators?|tutors?)\W*", re.I)
    start = index
    while start > 0 and "|" in lines[start - 1]:
        start -= 1
    header = split(lines[start]) if start + 1 < len(lines) and re.fullmatch(r"[\s|:-]+", lines[start + 1]) and "-" in lines[start + 1] else []
    cells = split(lines[index])
    said = [cells[k] for k, cell in enumerate(header) if role.fullmatch(cell) and k < len(cells) and index > start + 1]
    said += [cells[k + 1] for k, cell in enumerate(cells[:-1]) if role.fullmatch(cell)]
    return any(re.search(r"(?:^|\s)[a-z]{2,}", cell) for cell in said if cell)
