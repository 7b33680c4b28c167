"""Round eight's leader's words: what a red team and new organisers typed for the leader that the
labels of hiding.py did not know, in the shapes they typed it.

`MORE` is matched against a whole label (folded, its colon gone), as hiding.WHOLE is; the tests
below read a whole line. Each says what it found, for the reader's message, or None.
"""

from __future__ import annotations

import re

# Who leads, as trainers, schools, churches and slide programs say it (beside hiding.ROLE).
LEADS = (r"(?:facilitat\w*|leaders?|lead|moderat(?:ors?|ion)|tutors?|hosts?|chair(?:s|person)?|teachers?|organi[sz]ers?|"
         r"instructors?|presenters?|speakers?|trainers?|coach(?:es)?|mentors?|tas?|coordinators?|educators?|lecturers?|"
         r"conven[eo]rs?)")
# What a leader's note is called: with a role next to it, a label (`Extra facilitator notes`, `Leader's cue`).
NOTE = (r"(?:notes?|prompts?|cues?|brief(?:ing)?s?|guidance|tips?|hints?|reminders?|script|crib(?: sheet)?|background|"
        r"manual|pointers?|instructions?|answers?|questions?|version|plan|copy|edition)")
BEFORE = r"(?:(?:a|an|the|my|our|extra|additional|private|more|further|quick|short|full|q\d+|question \d+|session|group|\w+'s) )*"
AFTER = (r"(?: \d+[a-z]?| (?:for|on|about|to) (?:questions? |q)?\d+(?:[-–]\d+)?| (?:for|on) (?:the )?(?:week|session|part|"
         r"meeting|day|chapter|module) \w+|,? continued| \([^()]{1,30}\))*")
MORE = re.compile(r"^\W*(?:"
    + BEFORE + LEADS + r"(?:'s|s')? (?:[\w-]+ )?" + NOTE + AFTER + r"|"
    + r"notes?\s*[:—–/-]\s*(?:for\s+)?(?:the\s+)?" + LEADS + r"(?:'s|s')?|"   # `Notes: facilitator`, `Notes / Facilitator`
    + r"(?:facilitat\w*|moderators?|tutors?)(?:'s|s')? (?:answer )?key|"  # not `host key` (Zoom's)
    + LEADS + r"(?:'s|s')?\s*(?:&|and|/|\+|,)\s*" + LEADS + r"(?:'s|s')? (?:[\w-]+ )?" + NOTE + AFTER + r"|(?:[\w-]+ ){0,2}questions? (?:for|to) (?:the )?"
    + LEADS + r"(?: to ask)?|private notes?|"
    + BEFORE + NOTE + r" (?:for|to) (?:the |our )?(?:session |discussion |group )?" + LEADS + r"(?: to ask)?" + AFTER + r"|"
    r"(?:\w+ ){0,3}" + NOTE + r" \((?:for )?(?:the )?" + LEADS + r"(?:'s)?(?: version| only)?\)|"
    r"facilitation (?:plan|notes?|guide)|(?:running|how to run|how to lead|how to facilitate) (?:the |this )?(?:session|"
    r"meeting|discussion)|if (?:the group|they|people) (?:is|are|get|gets|goes?) (?:quiet|stuck|silent)|"
    r"questions? (?:to ask )?if (?:they|the group|people) (?:get|gets|are|is|go|goes) (?:stuck|quiet|silent)|"
    r"questions? (?:the|a) " + LEADS + r" (?:might|could|can|should|may) ask|"
    r"(?:model|suggested|possible|expected|sample) (?:answers?|responses?)(?: to (?:the )?questions?(?: [\d–-]+)?)?|answers? to (?:the |these |our )?"
    r"(?:discussion )?questions?|answer (?:key|guide|sheet)|notes? on the questions|"
    r"to (?:the )?" + LEADS + r"|dear " + LEADS + r"|psst,? " + LEADS + r"|if you(?:'re| are) (?:leading|facilitating|"
    r"chairing|hosting|running (?:it|this|the session))|for whoever (?:leads|is leading|runs|chairs)(?: the \w+)?|"
    r"nb,? (?:for )?(?:the )?" + LEADS + r"|n\.b\.,? \((?:the )?" + LEADS + r"\)|to ?do \((?:the )?" + LEADS + r"\)|"
    r"staff only|not for (?:distribution|circulation|sharing)|do not (?:print|share|circulate|distribute)(?: (?:this|with "
    r"(?:the )?(?:group|participants|members)))?|don'?t (?:print|share)(?: this)?|internal notes?|notes? to self|"
    r"reminders? to self|for (?:your|my) eyes only|for me only|prep(?:aration)? notes?|crib sheet|"
    # Other languages, as the red teams typed them.
    r"notities voor de (?:begeleider|moderator|gespreksleider)|uwagi dla (?:prowadz\w*|moderator\w*)|appunti per chi "
    r"conduce|s[oó] para o (?:facilitador|mediador)\w*|anota[cç][oõ]es para o (?:mediador|facilitador)\w*|для модератор\w*|"
    r"anteckningar för samtalsledaren|catatan (?:untuk )?fasilitator|진행자 메모|ghi chú cho người điều phối|"
    r"noter til ordstyreren|vetäjän muistiinpanot|poznámky pro lektora|σημειώσεις για τον συντονιστή|maelezo kwa mwezeshaji|"
    r"kolaylaştırıcı notları|nodiadau i'r hwylusydd|nótaí don éascaitheoir|講師用メモ|進行メモ|ファシリ用|"
    r"(?:進行役|ファシリテーター|司会者?)(?:用|向け)の質問|主持人注意事项|讲师备注|仅供主持人|带领人备注|主持人的问题|"
    r"ملاحظات (?:لل|ال)(?:مشرف|م[يی]سر)|(?:لل|ال)م[يی]سر فقط|למנחה בלבד|संचालक के लिए नोट्स|शिक्षक के लिए|یادداشت برای مجری|"
    r"ناظم کے لیے نوٹس|(?:zusatz)?fragen f(?:ü|ue)r (?:die |den )?(?:moderation|leitung|moderator\w*)|questions pour "
    r"l'animat\w*|preguntas para (?:quien modera|el facilitador|la facilitadora)|вопросы для ведущ\w*|perguntas para o "
    r"facilitador|"
    # Round ten's: a teacher, a course's leader, a coordinator, in ten more languages.
    r"(?:(?:anmerkung|hinweis|notiz)(?:en|e)? )?f(?:ü|ue)r (?:die |den )?kursleit\w*|pour (?:l'|les )enseignant\w*|"
    r"para (?:la )?coordinaci[oó]n|(?:(?:примечани[ея]|заметк[аи]) )?для преподавател\w*|ל?מור(?:ה|ים) בלבד|למורה|"
    r"للمعلم(?:ين)?(?: فقط)?|یادداشت برای تسهیلگر|给老师的(?:提示|说明|备注)|主持人備註|主持人須知|(?:先生|講師)へ|"
    r"सूत्रधार के लिए(?: नोट्स)?|till ledaren|moderatör notları"
    r")\W*$", re.I)

# A heading of any level that holds the answers: in a study guide only the leader's (`## Answers` after the
# questions). A quiz the group marks itself can say so in its heading (`## Quiz answers`).
ANSWERS = re.compile(r"^\W*(?:answers?|answer (?:guide|sheet)|answers? \([^()]*\)|r[ée]ponses|respuestas|respostas|risposte|"
                     r"antworten|ответы|答案|解答|回答例|إجابات|תשובות)\W*$", re.I)
# A smaller heading that holds the leader's part (under the questions its list would be printed as questions).
UNDER = re.compile(r"^\W*(?:answers?|key|timings?|solutions?|l(?:ö|oe)sungen|soluciones|corrig[ée]s?|(?:model|suggested) responses?|(?:[\w'-]+ ){0,6}\((?:for )?(?:the )?"
                   r"(?:facilitat\w*|leaders?|moderators?|tutors?)\)|"
                   r"hints?(?: for the questions)?|questions?\W+(?:what to listen for|leader'?s crib))\W*$", re.I)

BARE = r"(?:facilitat(?:or|eur|rice|ore|ora)s?|moderators?|tutors?)"
# Verbs that tell whoever leads what to do: after a role (`Leader: skip question 3`), and, with a few more that a
# name never opens, after a facilitator, moderator or tutor (`Facilitator: read them the answer`).
DOING = set("""skip keep ask steer push move remind make avoid allow let give watch check start begin stop prompt
mention bring encourage invite split pair explain introduce hand pass collect wrap leave spend try don't dont expect
listen offer cut limit return emphasise emphasize stress highlight remember consider prepare print follow finish aim
drop save focus nudge challenge correct reveal wait probe redirect refer book if""".split())
ORDERS = DOING | {"draw", "read", "tell", "use"}
# A name, a contact, or who is still to be found: what a line `Facilitator: …` may hold and still only name who leads.
NAME = re.compile(r"(?:[A-Z][\w'’.-]*|[a-z]{1,3})(?:,?\s+(?:[A-Z][\w'’.-]*|[a-z]{1,3})){0,7}[.,;]?(?:\s*[(\[][^()\[\]]{0,80}[)\]])*"
                  r"(?:\s*[,;–—-]?\s*(?:[\w.+-]+@[\w.-]+|\+?[\d ()-]{6,}))*[.]?|(?i:tbc|tba|to be (?:confirmed|announced)|"
                  r"volunteers? (?:needed|wanted)|rotating|everyone|each of us|none|vacant)\W*")


def role_then(line: str) -> str | None:
    """`Facilitator: ask them about 1905` (with a colon, a dash, an arrow, a bar or an ellipsis), at the start of a
    line or a sentence: a facilitator, moderator or tutor with more than a name after is the leader's note."""
    line = re.sub(r"^\s*\[[ xX]\]\s*", "", line)  # a task list's box
    for found in re.finditer(r"(?:^|[.?!]\s+|\s[—–]\s)(?P<role>(?-i:[FMT])(?:acilitat(?:or|eur|rice|ore|ora)s?|oderators?|utors?))\s*(?::|\s[—–-]|→|->|\||\.{3}|…)\s*"
                             r"(?P<rest>\S.*)$", line, re.I):
        rest = found.group("rest").strip()
        if NAME.fullmatch(rest):
            continue  # who leads
        named = re.match(r"(?:[A-Z][\w.'’-]*,?\s+){0,4}[A-Z][\w'’-]*\s*[.—–-]\s+(?P<more>.*)", rest)  # `Ann Smith. ask …`
        for said in (rest, named.group("more") if named else ""):
            first = said.split()[0].strip(",:;") if said.split() else ""
            if (first[:1].islower() and not NAME.fullmatch(said)) or first.lower() in ORDERS:
                return found.group("role")  # a speaker in a transcript says `Welcome, everyone`: printed, warned about
    return None


# A role set off by markup with no separator after it (`<kbd>Facilitator</kbd> push them`, `**Leader** skip 3`),
# or a facilitator, moderator or tutor opening a line with an order (`Facilitator push them on dates`): a label.
SET_OFF = re.compile(r"^[^\w<*_`]{0,3}(?:<(?P<tag>kbd|b|strong|em|i|mark|u|span|code|small|samp|var|cite|q|abbr|dfn)\b[^>]*>|"
                     r"(?P<mark>\*\*|__|\*|_|`+))?\s*(?P<role>" + LEADS + r")\s*(?:</(?P=tag)\s*>|(?P=mark))?"
                     r"(?P<sep>\s*[^\w\s<*_`'’(\[]?)\s+(?P<next>[\w'’]+)(?![-\w])", re.I)


def set_off(line: str) -> str | None:
    found = SET_OFF.match(line)
    if not found or found.group("sep").strip() or (found.group("tag") or found.group("mark")) is None and (
            not re.fullmatch(BARE, found.group("role"), re.I) or found.group("role")[-1:].lower() == "s"):
        return None  # a separator is role_then's and instructed's; plain, only one facilitator, moderator or tutor
    said = found.group("next").replace("’", "'")
    marked = found.group("tag") or found.group("mark")
    if said.lower() in ORDERS or (marked and re.fullmatch(BARE, found.group("role"), re.I) and said[:1].islower()
                                     and found.group("role")[-1:].lower() != "s"):
        return found.group("role")
    return None


SHAPES = re.compile(
    r"^\W{0,3}[\[({]\s*" + BARE + r"\s*[\])}]\s*\w|"                         # `[Facilitator] tell them`
    r"[—–-]\s*(?:for\s+)?(?:the\s+)?" + LEADS + r"\s+only\W*$|"              # `… — facilitator only`
    r"(?:^|\s)[#@](?:facilitat\w*|leaders?|moderators?|tutors?)(?:[-_](?:notes?|only))?\b|"  # a tag
    r"\b(?:facilitator|leader|moderator|tutor)_(?:notes?|only)\b|"
    r"\[\[[^\]]*(?:facilitat|leader|moderator|tutor)[^\]]*\]\]|"             # an Obsidian link to the notes
    r"\[\^(?:facilitat\w*|leader|moderator|tutor)[^\]]*\]|"                  # a footnote named for the leader
    r"«\s*(?:facilitat\w*|leaders?|moderators?|tutors?)(?:'s|s')? notes?\s*»|"
    r"^\W*(?:dear|psst,?|hey,?)\s+(?:the\s+)?" + LEADS + r"\b|\bn\.?\s?b\.?\s*\(\s*(?:the\s+)?" + LEADS + r"\s*\)|"
    r"\((?:a\s+)?notes?\s+to\s+(?:self|me)\)|^\W{0,3}private\s*:\s|(?-i:^\W{0,3}(?:TODO|FIXME)\b)|"
    r"<summary>[^<]*\b(?:" + LEADS + r"|answers?|spoilers?|solutions?)\b[^<]*</summary>|"  # a box closed on screen, open on paper
    r"^\s*\|?\s*(?:questions?|q)\s*\|\s*(?:[\w-]+ )?answers?\s*\|", re.I)


def shaped(line: str) -> str | None:
    found = SHAPES.search(line)
    return found.group(0).strip() if found else None


# A hint or an answer after a question, on its own line: `…? Answer: …`, `…? // leader: …`, `…? (leader) …`.
HINT = re.compile(r"\?\s*[*_]*(?:(?:expected |model |suggested )answers?|answer|look for|listen for|hint)\s*[*_]*\s*:|"
                  r"//\s*" + LEADS + r"\s*:|\?\s*[\[(]\s*(?:for (?:the )?)?" + LEADS + r"\s*[\])]\s*\w|"
                  r"^\s*(?:[-*+]|\d{1,9}[.)])\s+[*_]*answers?\s*[*_]*\s*:\s*\S", re.I)


def hinted(line: str) -> str | None:
    found = HINT.search(line)
    return found.group(0).strip(" ?") if found else None


# An instruction to whoever leads, the way organisers type one aside: `(leader: skip this if …)`, `[host: keep it
# short]`, `(NB leader – keep it short)`; `Leader: skip question 3`, `… names. Chair: move on at 8.` In brackets a
# role and anything but a name (`(chair: Dolores)`); elsewhere a role and a verb to do (`Chair: Dolores`, `Host:
# Welcome back`, `Leaders: do they matter?`, in minutes, transcripts and questions, are printed).
ADDRESSED = (r"(?:discussion |group |session )?(?:leaders?|lead|hosts?|chair(?:person)?|organi[sz]ers?|facilitators?|moderators?|"
         r"tutors?|teachers?|instructors?|presenters?|coordinators?|conven[eo]rs?)(?:'s|s')?")
# Between the role and what it is told: who it is (`Facilitator (Ann): skip`, `Facilitator, Ann: skip`), then a mark.
WHO_THEN = r"(?:\s*\([^()]{1,40}\)|,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?\s*(?::|\s[—–-]|\s*→|\s*->)\s*"
# What a role is told besides a verb: the answer (`Leader: the answer is 1905`), a question to be skipped.
TOLD_ANSWER = re.compile(r"(?:the\s+)?(?:correct\s+|right\s+|model\s+)?(?:answers?|key)\b(?!\s+(?:questions?|terms?|points?|dates?)\b)|"
                         r".{0,60}\b(?:can|could|should|may|might)\s+be\s+(?:skipped|left\s+out|dropped|cut|shortened)\b", re.I)
ASIDE = re.compile(r"[(\[]\s*(?:n\.?\s?b\.?\W+)?(?P<role>" + ADDRESSED + r")\s*(?::|\s[—–-])\s*(?P<rest>[^)\]]+)", re.I)
# After the mark, who it is before what it is told: `Moderator: Ann, please skip …`, `Tutor: Ann (skip …)`, with any
# order; `Leader: Ann. Skip …`, `Leader: Zebra skip …`, a new sentence, only with what is done to the group
# (`Convener: Maria. Ask questions any time!` is said to everyone).
NAME_WORDS = r"(?-i:[A-Z])[\w'’-]*\.?(?:\s+(?-i:[A-Z])[\w'’-]*\.?){0,2}"
NAMED_THEN = r"(?:" + NAME_WORDS + r"\s*(?:,\s*(?:please\s+)?|\(\s*|\[\s*|\s+please\s+))"
TO_THE_GROUP = (r"(?:skip|steer|push|nudge|prompt|probe|redirect|reveal|wrap\s+up|cut)\b|(?:ask|remind|keep|give|let|tell|"
                r"encourage|invite|move|bring|get|make|help|pair|split|stop|push)\s+(?:them|the\s+group|people|participants|"
                r"everyone|the\s+room)\b")
INSTRUCTION = re.compile(r"(?:^|[.?!;…]\s+|\s[—–-]\s|\|\s*)[^\w(\[|]*(?:n\.?\s?b\.?\W+)?(?P<role>" + ADDRESSED + r")"
                         + WHO_THEN + r"(?P<verb>[a-z']+)(?P<rest>.*)", re.I)
NAMED_INSTRUCTION = re.compile(r"(?:^|[.?!;…]\s+|\s[—–-]\s|\|\s*)[^\w(\[|]*(?P<role>" + ADDRESSED + r")" + WHO_THEN
                               + r"(?:" + NAMED_THEN + r"(?P<verb>" + "|".join(sorted(DOING - {"if"})) + r")\b|"
                               + NAME_WORDS + r"\s*[.;:–—-]?\s*(?P<done>" + TO_THE_GROUP + r"))(?P<rest>.*)", re.I)
NAME_IN_BRACKETS = re.compile(r"(?:[A-Z][\w'’.-]*|[a-z]{1,3})(?:\s+(?:[A-Z][\w'’.-]*|[a-z]{1,3})){0,4}[.,;]?")  # `Dr R. Okafor`, `Ann de Vries`
def instructed(line: str) -> str | None:
    text = re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", line.replace("’", "'"))
    for found in ASIDE.finditer(text):
        if not NAME_IN_BRACKETS.fullmatch(found.group("rest").strip()):
            return f"({found.group('role')}: …)"
    for found in INSTRUCTION.finditer(text):
        if found.group("verb").lower() in DOING or TOLD_ANSWER.match(found.group("verb") + found.group("rest")):
            return f"{found.group('role')}: {found.group('verb')} …"
    found = NAMED_INSTRUCTION.search(text)
    return f"{found.group('role')}: … {(found.group('verb') or found.group('done')).split()[0]} …" if found else None


# Who leads, in the languages studyguide prints, as a line's label: `Ведущий: пропустить вопрос 3`, `主持人：从第二个问题开始`.
ROLES_ELSEWHERE = (r"(?:ведущ(?:ий|ая|ему|ей)|модератор[уа]?|фасилитатор[уа]?|moderat(?:or|orin|ion)|leitung|teamer(?:in)?|"
                   r"referent(?:in)?|anima(?:teur|trice)|mod[ée]rat(?:eur|rice)|format(?:eur|rice)|moderador[a]?|facilitador[a]?|"
                   r"coordinador[a]?|mediador[a]?|moderatore|facilitatore|conduttore|prowadz[aą]c[ya]|begeleider|gespreksleider|"
                   r"進行役|司会者?|ファシリテーター|講師|主持人|带领人|引导者|讲师|الميسّ?ر|المشرف|المنسق|מנח[הת]|המנח[הת]|"
                   r"संचालक|सूत्रधार|शिक्षक)")
ELSEWHERE = re.compile(r"(?:^|[.!?。！？]\s*)[^\w]*(?P<role>" + ROLES_ELSEWHERE + r")\s*[:：]\s*(?P<rest>\S.*)$", re.I)


GERMAN_ORDERS = re.compile(r"\b(?:überspringen|auslassen|weglassen|beginnen|anfangen|starten|fragen|nachfragen|erklären|"
                           r"vorlesen|lesen|hinweisen|achten|betonen|zeigen|verteilen|sammeln|kürzen|lenken|"
                           r"(?:über)?spring|lass|beginn|frag|erklär|lies|achte|zeig)\b", re.I)


def told_elsewhere(line: str) -> str | None:
    """A role of another language and what it is told (`Animateur : sauter la question 3`), not a name
    (`Ведущий: Иван Петров`, `主持人：张伟`): in a cased script its first word in lower case; in an
    uncased one (Chinese, Japanese, Arabic, Hebrew, Hindi) more than a name's length."""
    for found in ELSEWHERE.finditer(line):
        if found.group("role")[0].islower():
            continue  # `Note per il` / `conduttore: …`: a label wrapped over two lines, said at its first
        rest = found.group("rest").strip()
        first = rest.split()[0]
        letters = [c for c in rest if c.isalpha()]
        if not letters:
            continue
        if re.fullmatch(r"(?i)moderat(?:or|orin|ion)|leitung|teamer(?:in)?|referent(?:in)?", found.group("role")):
            if GERMAN_ORDERS.search(rest):  # German writes its nouns with capitals: a verb of what to do tells
                return found.group("role")
        elif letters[0].lower() != letters[0].upper():  # a cased script
            if first[:1].islower():
                return found.group("role")
        elif len(rest.split()) > 3 or (len(rest.split()) == 1 and len(letters) > 5):
            return found.group("role")
    return None
