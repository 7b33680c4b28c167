"""The guide beside an imported reading: a skeleton to start from, or (with
`import --force`) the existing guide's `reading` made to name the new article,
so that its cover, QR code and handout do not go on naming the old one. Only the
front matter's `reading` (and `lang`, and a title we made) is rewritten; the
organiser's own words, comments and other keys stay as they were."""

from __future__ import annotations

import datetime as dt
import re

import yaml

TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000)


# An imported guide was dated the day of the import: its cover, calendar event and feed said so, though the
# group meets another day. The key is written commented out, for the organiser to fill in.
UNDATED = f"# date: {dt.date.today().year}-MM-DD    (the meeting's day, for the cover and the calendar: remove the # and write it)\n"


def skeleton(article, entry: dict, lang: str | None = None) -> str:
    """The guide to start from, in the imported page's language (else `lang`, studyguide.toml's):
    its headings are ones `read` knows, so its questions reach the handout as written."""
    from studyguide.i18n import say, words_for

    words = words_for(article.lang or lang)
    front = {"title": say(words, "skeleton_title", title=article.title)}  # no date: see UNDATED
    if article.lang and article.lang.split("-")[0] != "en":
        front["lang"] = article.lang
    front["reading"] = entry
    where = ("The reading is printed after the cover: the pages of the PDF beside this file." if article.file
             else "The reading is printed after the cover, from reading.md beside this file.")
    title, rest = dump(front).split("\n", 1)
    return ("---\n" + title + "\n" + UNDATED + rest + "---\n\n"
            f"<!-- {where} -->\n\n"
            f"## {words['skeleton_summary']}\n\n{words['skeleton_article_summary_hint']}\n\n"
            f"## {words['questions']}\n\n1. {words['skeleton_article_question_1']}\n"
            f"2. {words['skeleton_article_question_2']}\n")


def made_title(title: object) -> str | None:
    """The start of a title the skeleton wrote ("Reading guide: ", "Guide de lecture : "), in any language."""
    from studyguide.i18n import catalogues, words_for

    if not isinstance(title, str):
        return None
    starts = {words_for(lang)["skeleton_title"].split("{title}")[0] for lang in catalogues()}
    return next((start for start in sorted(starts, key=len, reverse=True) if start and title.startswith(start)), None)


def update_reading(text: str, entry: dict, article, old_title: str | None = None) -> str:
    """`text` (a guide file) with its front matter's `reading` naming the new article.

    Of several readings, the one replaced is the imported one (its file, or the
    old reading's title); the others are kept."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("it has no front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise ValueError("its front matter is not closed") from None
    old = yaml.safe_load("\n".join(lines[1:end])) or {}
    if not isinstance(old, dict):
        raise ValueError("its front matter is not 'key: value' lines")
    readings = old.get("reading")
    if isinstance(readings, list) and len(readings) > 1:
        def imported(r) -> bool:
            return isinstance(r, dict) and (r.get("file") in ("reading.md", "reading.pdf") or old_title and r.get("title") == old_title)

        at = next((i for i, r in enumerate(readings) if imported(r)), 0)
        value = readings[:at] + [entry] + readings[at + 1:]
    else:
        value = entry
    front = replace_key(lines[1:end], "reading", dump({"reading": value}).rstrip("\n").split("\n"))
    if article.lang:
        front = replace_key(front, "lang", [f"lang: {article.lang}"], only_if_present=article.lang.startswith("en"))
    start = made_title(old.get("title"))
    if start:
        front = replace_key(front, "title", dump({"title": f"{start}{article.title}"}).rstrip("\n").split("\n"))
    return "\n".join([lines[0], *front, *lines[end:]])


def replace_key(front: list[str], key: str, new: list[str], only_if_present: bool = False) -> list[str]:
    """The front matter's lines with top-level `key` (and its indented or listed lines) replaced."""
    start = next((i for i, line in enumerate(front) if (m := TOP_KEY.match(line)) and m.group(1) == key), None)
    if start is None:
        return front if only_if_present else front + new
    stop = start + 1
    while stop < len(front) and (not front[stop].strip() or front[stop][0] in " \t-"):
        stop += 1
    while stop > start + 1 and not front[stop - 1].strip():
        stop -= 1
    return front[:start] + new + front[stop:]
