"""The words that mark questions and sessions, from every message catalogue.

An organiser writes "Questions for discussion:" or "Séance 2" and expects the
handout to follow. The headings are matched loosely (case, trailing colon,
numbering, emphasis), in every language studyguide has words for, since a group
may write its guide in one language and its headings in another; a heading that
looks like one but is not is reported, never silently passed over.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studyguide.distribute.runsheet import MARK as MINUTES
from studyguide.i18n import catalogues, words_for

# Stems of words that suggest questions or sessions: a heading holding one that is not
# recognised is a near miss, reported with its line.
QUESTION_STEMS = ("question", "frage", "вопрос", "pregunta", "pergunta", "questõ", "discuss", "débat", "debat",
                  "diskussion", "обсужд", "prompt", "问题", "質問", "سؤال", "أسئلة", "שאל", "प्रश्न")
SESSION_STEMS = ("session", "séance", "seance", "sitzung", "sesión", "sessão", "занятие", "week", "meeting",
                 "part", "class", "lesson", "woche", "semaine", "неделя", "встреча", "treffen", "encontro",
                 "module", "unit", "seminar", "workshop", "lecture", "tutorial", "day", "evening", "einheit", "termin")
CJK_SESSION = re.compile(r"^第\s*\d{1,3}\s*(?:回|讲|講|课|課|次)")  # 第1回, 第2讲: the first meeting, the second lesson

# The word "questions" in the catalogues' languages (and the ones groups write in), as a heading names its list.
QUESTIONS_WORD = re.compile(r"(?<!\w)(?:questions|\w*fragen|preguntas|perguntas|questões|domande|pytania|вопросы|питання|"
                            r"soruları|sorular|vragen|frågor|spørsmål|kysymykset|otázky|pitanja)(?!\w)|質問|问题|問題|思考题|"
                            r"讨论题|討論題|أسئلة|שאלות|प्रश्न|سوالات|질문")
FAQ = re.compile(r"frequently|asked|faq|q ?& ?a|questions? (?:and|&) answers?|answers?|häufig|fréquentes|frecuentes|"
                 r"about (?:this|the) (?:guide|course|group)")

IMPLAUSIBLE = 10**9  # a session number no group reaches: refused at its heading


def normal(text: str) -> str:
    """A heading as compared: case folded, accents kept, numbering, emphasis and end punctuation gone."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    text = MINUTES.sub("", text)  # `Discussion questions (30 min)`: the run sheet's time for it, as it reads it
    text = re.sub(r"^[\s#*_\-–—•·\d.)\]:]*(?:[ivxlc]+[.)]\s+)?", "", text)
    text = re.sub(r"[\s*_:.!?…,;\-–—)]+$", "", text)
    return " ".join(text.replace("*", "").replace("_", " ").split())


@dataclass(frozen=True)
class Vocabulary:
    questions: frozenset[str]
    sessions: tuple[str, ...]  # folded words that start a session heading

    def is_questions(self, heading: str) -> bool:
        """A catalogue's heading ("Discussion questions", "Questions à débattre"), or a short heading
        that names questions ("Reading questions", "Questions for next time", "話し合いの質問"): its
        list goes to the handout, where a near miss would have lost it. Not a list of frequently
        asked questions, which is the guide's own text."""
        forms = [normal(form) for form in _as_seen(heading)]
        return any(form in self.questions for form in forms) or any(
            len(form.split()) <= 8 and QUESTIONS_WORD.search(form) and not FAQ.search(form)
            and not re.fullmatch(r"\W*\{[^{}]*\}\W*", form) for form in forms)  # `## {.questions}`: no title at all

    def session_number(self, heading: str) -> int | None:
        """The session's number ("Session 3: …" → 3), 0 for an unnumbered session, None for no session.
        Read as the organiser sees it too: a soft hyphen, a zero-width space, a full-width or Cyrillic
        letter in "Session" prints "Session", and the session's questions go to its handout."""
        for form in _as_seen(heading):
            number = self._session_number(form)
            if number is not None:
                return number
        return None

    def _session_number(self, heading: str) -> int | None:
        folded = unicodedata.normalize("NFC", heading).casefold().strip()
        folded = re.sub(r"^[^\w#]+(?=\w)", "", folded)  # `📚 Session 1`: a picture before the word
        for word in self.sessions:
            if folded.startswith(word) and (len(folded) == len(word) or not folded[len(word)].isalpha()):
                digits = re.match(r"\s*(?:no\.?|nr\.?|n[°º]|№|#)?\s*(\d+)\b", folded[len(word):])
                if not digits:  # `Session: the strike` is a session with no number; `Session questions` is none
                    return 0 if re.match(r"\s*(?:$|[:—–.-])", folded[len(word):]) else None
                span = re.match(r"\s*(?:[-–]|to|bis|à)\s*(\d{1,2})\b(?!\s*(?:[/.:]\s*\d|st\b|nd\b|rd\b|th\b|"
                                r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|févr|avr|mai|juin|juil|août|déc|ene|abr|"
                                r"ago|dic|märz|okt|dez)\w*))",
                                folded[len(word) + digits.end():])  # not `Session 1 — 3 December`, `Session 1 - 3/12`
                if span and int(span.group(1)) > int(digits.group(1)):
                    return None  # `Session 1–4 overview`: about several sessions, none of them (not `Session 3 – 1926`)

                # as written, however large ("Session 1000" is session 1000); past nine digits, IMPLAUSIBLE
                return int(digits.group(1)) if len(digits.group(1)) <= 9 else IMPLAUSIBLE
        return None

    def near_question(self, heading: str) -> bool:
        folded = normal(heading)
        return not self.is_questions(heading) and any(stem in folded for stem in QUESTION_STEMS) and not FAQ.search(folded)

    def near_session(self, heading: str) -> bool:
        folded = normal(heading)
        return self.session_number(heading) is None and (bool(
            re.match(r"(\w+)\s*\d{1,3}\b(?!\s*(?:[-–—]|to)\s*\d)", folded))
            and folded.split()[0].rstrip("0123456789") in SESSION_STEMS or bool(CJK_SESSION.match(folded)))


def _as_seen(heading: str) -> tuple[str, ...]:
    """The heading as written, then without what prints as nothing, then as its letters look."""
    if heading.isascii():
        return (heading,)
    from studyguide.read import unseen
    from studyguide.read.hiding import skeleton

    return tuple(dict.fromkeys((heading, unseen.view(heading), skeleton(heading))))


@lru_cache(maxsize=64)
def vocabulary(theme: Path | None = None, questions: tuple[str, ...] = (), sessions: tuple[str, ...] = ()) -> Vocabulary:
    """Every catalogue's words, and the guide's own (`questions_heading`, `session_heading`)."""
    heads: set[str] = set()
    words: set[str] = set()
    for lang in sorted(catalogues(theme)):
        catalogue = words_for(lang, theme)
        heads.add(normal(catalogue["questions"]))
        heads.update(normal(h) for h in catalogue.get("question_headings", ()))
        words.update(w.casefold() for w in catalogue.get("session_words", ()))
    heads.update(normal(h) for h in questions)
    words.update(w.casefold().strip() for w in sessions)
    return Vocabulary(frozenset(h for h in heads if h), tuple(sorted(words, key=len, reverse=True)))
