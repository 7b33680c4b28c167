"""Pasted browser text: where its headline is, who wrote it and when, its lists, and its language.

A Ctrl+A, Ctrl+C of a news page starts with dozens of menu lines, some of them headline-like
("Join the union", "Australian edition", "Keyboard shortcuts for audio player"). The headline
is found from the other end: it stands just above the article's first paragraph, with only a
standfirst, a byline, a date, a caption or a sharing line between them. A byline may be a bare
name over a dateline ("Ana Martínez" / "Madrid - 14 nov 2026 - 06:00 CET"). A copy keeps the
page's lists as "- " and "1. " lines: they stay Markdown lists. The language is guessed from the
commonest words, and only when one language clearly wins (else none is written)."""

from __future__ import annotations

import datetime as dt
import re

from studyguide.importer.furniture import kind

# Month names and abbreviations in the languages a pasted dateline is met in (the full names of en/de/fr are in run.py).
MONTHS = {}
for _number, _names in enumerate((
        "jan january januar janvier enero ene gennaio janeiro", "feb february februar février fevrier febrero febbraio fevereiro",
        "mar march märz mars marzo março", "apr april avril abril aprile abr", "may mai mayo maggio maio",
        "jun june juni juin junio giugno junho", "jul july juli juillet julio luglio julho",
        "aug august août agosto ago", "sep sept september septembre septiembre settembre setembro set",
        "oct october oktober okt octobre octubre ottobre outubro out", "nov november novembre noviembre novembro",
        "dec december dezember dez décembre diciembre dic dicembre dezembro"), start=1):
    MONTHS.update({name: _number for name in _names.split()})
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?([a-zäéèû]{3,10})\.?\s+(?:de\s+)?(\d{4})\b", re.I)
MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+(?:(?:de|del|la|van|von|der|da|di|y|e|and|und|et)\s+)?[A-ZÀ-ÖØ-Þ][\w’'.-]+){1,5}$")
BYLINE = re.compile(r"^(?:by|von|par|por|di|door|de)\s+([A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'.-]+){1,3})\b(?!\s+\w)"
                    r"|^(?:by|von|par|por|di|door)\s+([A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'.-]+){1,3})\s*[(,]", re.I)
ABOUT = re.compile(r"(?i)^(?:(?:media|image|video|photo) (?:caption|copyright)|from the section|published|updated|posted|"
                   r"last updated|mis à jour|actualizado|aktualisiert|this article is (?:more than|over)|\d+ comments?|"
                   r"listen to this|reading time|\d+ min(?:ute)?s? read)\b|.*\s[–-]\s(?:video|audio|photos?|gallery)\b|.*[|•]$")
SENTENCE = (".", "!", "?", "…", "”", '"', "»")
LIST_ITEM = re.compile(r"^\s*(?:([-*•–])|(\d{1,2})[.)])\s+(\S.*)$")


def day_of(line: str) -> str | None:
    """The day a short dateline names ("Madrid - 14 nov 2026 - 06:00 CET", "04.05.2015 à 13h36", "Nov. 12, 2026")."""
    if len(line.split()) > 16:
        return None
    for pattern, order in ((DAY_MONTH_YEAR, (1, 2, 3)), (MONTH_DAY_YEAR, (2, 1, 3))):
        for found in pattern.finditer(line):
            day, month, year = (found.group(n) for n in order)
            number = MONTHS.get(month.lower().rstrip("."))
            if number:
                try:
                    return dt.date(int(year), number, int(day)).isoformat()
                except ValueError:
                    return None
    found = NUMERIC.search(line)
    if found:
        try:
            return (dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1))) if found.group(1)
                    else dt.date(*map(int, found.group(4, 5, 6)))).isoformat()
        except ValueError:
            return None
    return None


def is_name(line: str) -> bool:
    """A bare name, as bylines print it: two to four capitalised words."""
    text = line.strip()
    return bool(NAME.match(text)) and len(text) <= 40 and not kind(text)


def byline_of(line: str) -> str | None:
    found = BYLINE.match(line.strip())
    return (found.group(1) or found.group(2)) if found else None


def is_prose(line: str) -> bool:
    """A paragraph of the article: a sentence of fifteen words or more, not a script's or a form's."""
    text = line.strip().strip("*_").strip()  # (a paragraph in italics, pasted as Markdown: *…*)
    return not line.lstrip().startswith("#") and len(text.split()) >= 15 and text.endswith(SENTENCE) and not re.search(r"[{}=]|https?://", text) \
        and kind(text) is None


def headline_at(lines: list[str], title_like) -> dict:
    """Where, in the non-blank `lines`, the headline ("title"), a standfirst under it ("standfirst"), the first
    paragraph ("first") and the captions and labels between them ("about") are, found back from the first
    paragraph; {} where what stands above that paragraph is not a headline's company."""
    first = next((i for i, line in enumerate(lines) if is_prose(line)), None)
    if first is None:
        return {}
    found: dict = {"first": first, "about": set()}
    for at in range(first - 1, max(-1, first - 10), -1):
        line = lines[at].strip()
        if ABOUT.match(line):
            found["about"].add(at)
            continue
        if byline_of(line) or day_of(line) or kind(line):
            continue
        if is_name(line) and at + 1 < len(lines) and (day_of(lines[at + 1]) or byline_of(lines[at + 1])):
            continue  # "Ana Martínez" over her dateline
        if line.endswith(SENTENCE) and "standfirst" not in found and len(line.split()) < 60:
            found["standfirst"] = at
            continue
        if title_like(line) and not is_name(line):
            up = next((n for n in range(at - 1, max(-1, at - 3), -1) if not (ABOUT.match(lines[n]) or kind(lines[n]))), None)
            above = lines[up].strip() if up is not None else ""
            if title_like(above) and len(above.split()) >= 4 and len(line.split()) >= 10 and "standfirst" not in found \
                    and len(line.split()) >= 1.5 * len(above.split()) and not line.endswith(SENTENCE):
                return found | {"title": up, "standfirst": at}  # the headline, then its standfirst
            return found | {"title": at}
        return {}
    return {}


def author_and_date(lines: list[str]) -> tuple[str | None, str | None]:
    """A bare name over a dateline, and the dateline's day, near the top."""
    author = date = None
    for at, line in enumerate(lines[:30]):
        day = day_of(line)
        if day and date is None and len(line.split()) <= 12:
            date = day
            if at > 0 and is_name(lines[at - 1]) and author is None:
                author = lines[at - 1].strip()
        byline = byline_of(line)
        if byline and author is None and len(line.split()) <= 12:
            author = byline
    return author, date


def list_item(line: str) -> str | None:
    """A "- " or "1. " line of the page's list as a Markdown list item, its words escaped."""
    from studyguide.importer.tree import escape

    found = LIST_ITEM.match(line)
    if not found:
        return None
    mark = f"{int(found.group(2))}." if found.group(2) else "-"
    return f"{mark} {escape(found.group(3).strip())}"


def lists_joined(paragraphs: list[str]) -> list[str]:
    """Consecutive list items as one list (a blank line between two would make each its own)."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and re.match(r"^(?:-|\d+\.) ", paragraph) and re.match(r"^(?:-|\d+\.) ", out[-1].split("\n")[-1]):
            out[-1] += "\n" + paragraph
        else:
            out.append(paragraph)
    return out


WORDS = {
    "en": "the and of to in is that for with was on are by this have it as be from at not but which their".split(),
    "es": "el la los las de que y en un una por con para es se del al no su más pero como está sus".split(),
    "fr": "le la les de des et un une est que en du dans pour pas qui sur au avec il ce sont aux".split(),
    "de": "der die das und ist nicht ein eine zu den mit von sich des auf für im dem auch es werden".split(),
    "it": "il la di che e un una per non con del della sono è gli le da al si nel anche".split(),
    "pt": "o a os as de que e do da em um uma para com não é no na por se dos das".split(),
    "nl": "de het een en van is dat niet op te zijn met voor die er aan ook als maar bij".split(),
}


def language(text: str) -> str | None:
    """The language whose commonest words the text holds most, where it clearly wins."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    if len(tokens) < 60:
        return None
    scores = sorted(((sum(1 for t in tokens if t in set(words)), lang) for lang, words in WORDS.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= 10 and best >= 1.5 * second and best >= len(tokens) * 0.1 else None
