"""Session headings numbered in words or Roman numerals ("Session One", "Session I", "Séance deux"), or by a
word that is not the guide's word for a session ("Part 2: The strike").

They start no session (only a number in digits does), so their questions go on no session's
handout. The advice must work: a digit written in the heading's own words, and a number not
already taken, since "Session 1" twice would put two sessions' questions on one handout.
"""

from __future__ import annotations

import re

from studyguide.read.vocabulary import SESSION_STEMS, Vocabulary

WORDS = {w: n for n, group in enumerate((
    ("one", "first", "i", "un", "une", "premier", "première", "uno", "una", "primera", "primero", "eins", "erste", "ersten"),
    ("two", "second", "ii", "deux", "deuxième", "dos", "segunda", "segundo", "zwei", "zweite", "zweiten"),
    ("three", "third", "iii", "trois", "troisième", "tres", "tercera", "tercero", "drei", "dritte", "dritten"),
    ("four", "fourth", "iv", "quatre", "quatrième", "cuatro", "cuarta", "cuarto", "vier", "vierte", "vierten"),
    ("five", "fifth", "v", "cinq", "cinquième", "cinco", "quinta", "quinto", "fünf", "fünfte", "fünften"),
    ("six", "sixth", "vi", "sixième", "seis", "sexta", "sexto", "sechs", "sechste", "sechsten"),
    ("seven", "seventh", "vii", "sept", "septième", "siete", "séptima", "séptimo", "sieben", "siebte", "siebten"),
    ("eight", "eighth", "viii", "huit", "huitième", "ocho", "octava", "octavo", "acht", "achte", "achten"),
    ("nine", "ninth", "ix", "neuf", "neuvième", "nueve", "novena", "noveno", "neun", "neunte", "neunten"),
    ("ten", "tenth", "x", "dix", "dixième", "diez", "décima", "décimo", "zehn", "zehnte", "zehnten"),
    ("eleven", "eleventh", "xi", "onze", "once", "elf"),
    ("twelve", "twelfth", "xii", "douze", "doce", "zwölf")), start=1) for w in group}
HEAD = re.compile(r"^\W*(?P<word>[^\W\d_]+)\.?\s+(?:(?:no\.?|nr\.?|n[°º]|№|#)\s*)?(?P<digits>\d{1,3}\b)?"
                  r"(?P<spelled>[^\W\d_]+)?(?P<rest>.*)$")


def spelled_session(title: str, words: Vocabulary) -> tuple[str, int | None] | None:
    """(its session word, its number as written: a digit, a word, a Roman numeral, or None) for a
    `##` heading that reads as a session but starts none ("Session One", "Part 2: The strike");
    None for any other heading."""
    if words.session_number(title) is not None:
        return None
    found = HEAD.match(title.strip())
    if not found:
        return None
    word = found.group("word")
    if word.casefold() not in words.sessions and word.casefold() not in SESSION_STEMS:
        return None
    if found.group("digits"):
        return (word, int(found.group("digits"))) if words.near_session(title) else None
    if word.casefold() not in words.sessions:
        return None  # `Part one: armed with organisation`, `Week two`: a guide's parts, as often as a session
    number = WORDS.get((found.group("spelled") or "").casefold())
    rest = found.group("rest")
    # `Session One: the strike`, `Part II`, not `Day I arrived` (a sentence, not a number)
    if number is None or not re.match(r"\s*(?:$|[:.,;(\[–—-]|\s[^\w]|\s*[A-Z0-9])", rest) and rest.strip():
        return None
    return word, number


def renamed(title: str, words: Vocabulary, number: int) -> str:
    """The heading with a session word the guide knows and `number` in digits: `Session 2: The strike`."""
    found = HEAD.match(title.strip())
    own = found.group("word") if found and found.group("word").casefold() in words.sessions else None
    word = own or ("Session" if "session" in words.sessions else (words.sessions[-1].capitalize() if words.sessions else "Session"))
    rest = found.group("rest") if found else ""
    return f"{word} {number}{rest.rstrip()}"


def suggested(written: int | None, taken: set[int]) -> int:
    """The number to advise: as written unless another session has it, else the next after the highest."""
    return written if written and written not in taken else max(taken, default=0) + 1
