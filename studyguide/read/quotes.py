"""Quotation marks as each language nests them, and plain text smartened like the body.

Smarty (in studyguide.read.reader) turns straight quotes curly, with the language's outer
double quotes; a quotation inside a quotation then comes out with the same marks
(Russian «…«…»…») or with English single quotes (German ‘…’). `renest` sets each
level in the language's own marks, by depth:

    de  „…‚…‘…“      ru, uk  «…„…“…»      fr  « … “…” … »      es  «…“…‘…’…”…»

English text keeps the marks its author chose (British single quotes are not
"wrong"). An apostrophe (’ between letters) is never taken for a closing quote.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyguide.model import FrontMatter, ReadingText

# Smarty's outer marks by language, as entities: (left double, right double); single quotes stay ‘ ’
# because Python-Markdown's smarty uses the right single quote for apostrophes.
QUOTES = {
    "de": ("&bdquo;", "&ldquo;"),
    "fr": ("&laquo;&#8239;", "&#8239;&raquo;"),
    "ru": ("&laquo;", "&raquo;"),
    "uk": ("&laquo;", "&raquo;"),
    "es": ("&laquo;", "&raquo;"),
    "el": ("&laquo;", "&raquo;"),
}
# Each level's (open, close), outermost first; the language's smarty marks are level 0.
LEVELS: dict[str, list[tuple[str, str]]] = {
    "de": [("„", "“"), ("‚", "‘")],
    "ru": [("«", "»"), ("„", "“")],
    "uk": [("«", "»"), ("„", "“")],
    "fr": [("«\u202f", "\u202f»"), ("“", "”")],
    "es": [("«", "»"), ("“", "”"), ("‘", "’")],
    "el": [("«", "»"), ("“", "”")],
}
ENGLISH = [("“", "”"), ("‘", "’")]
ENTITIES = re.compile(r"&(?:[lr]squo|[lr]dquo|bdquo|sbquo|laquo|raquo|#8239);")
BLOCK_RE = re.compile(r"</?(?:p|li|dd|dt|td|th|h[1-6]|blockquote|figcaption|div|section|ol|ul|table)\b[^>]*>")
VERBATIM_RE = re.compile(r"<(code|pre|script|style|svg)\b.*?</\1>", re.S)
LETTER = re.compile(r"\w")
CLOSERS = set("»“”’‘.!?,;:)")


def levels(lang: str) -> list[tuple[str, str]]:
    return LEVELS.get(lang.split("-")[0].lower(), ENGLISH)


def _tokens(lang: str) -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    """The marks smarty writes for `lang`, each as (double|single, opens?)."""
    outer = levels(lang)[0]
    kinds = {outer[0].strip("\u202f"): ("double", True), outer[1].strip("\u202f"): ("double", False),
             "‘": ("single", True), "’": ("single", False)}
    pattern = re.compile("\u202f?(?:" + "|".join(re.escape(k) for k in kinds) + ")\u202f?")
    return pattern, kinds


def renest_text(text: str, lang: str, stack: list[str] | None = None) -> str:
    """One run of text (a block's), its quotation marks set by depth; `stack` carries
    the open marks across the text pieces of one block."""
    if levels(lang) is ENGLISH:
        return text
    pattern, kinds = _tokens(lang)
    marks = levels(lang)
    stack = [] if stack is None else stack
    out, last = [], 0
    for match in pattern.finditer(text):
        token = match.group(0).strip("\u202f")
        kind, opens = kinds[token]
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if kind == "single" and not opens and (LETTER.match(after) or "single" not in stack):
            continue  # an apostrophe: don’t, Marx’ (no single quote is open)
        if opens and kind == "single" and LETTER.match(before):
            continue  # a letter before: not an opening mark
        if opens and kind == "double" and stack and not LETTER.match(after) and (LETTER.match(before) or before in CLOSERS):
            opens = False  # `…"word""`: smarty opened what closes (a mark after a word, before no word)
        if opens:
            mark = marks[len(stack) % len(marks)][0]
            stack.append(kind)
        elif kind in stack:
            while stack and stack.pop() != kind:
                pass
            mark = marks[len(stack) % len(marks)][1]
        else:
            continue  # a close with nothing open: left as written
        out.append(text[last:match.start()] + mark)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def renest_html(markup: str, lang: str) -> str:
    """`renest_text` over the text of HTML, block by block, code left alone."""
    if levels(lang) is ENGLISH:
        return markup
    markup = ENTITIES.sub(lambda m: html.unescape(m.group(0)), markup)
    kept: list[str] = []
    markup = VERBATIM_RE.sub(lambda m: kept.append(m.group(0)) or f"\x00{len(kept) - 1}\x00", markup)
    out, stack = [], []
    for piece in re.split(r"(<[^>]*>)", markup):
        if piece.startswith("<"):
            if BLOCK_RE.fullmatch(piece):
                stack = []
            out.append(piece)
        else:
            out.append(french_spaces(renest_text(piece, lang, stack), lang))
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], "".join(out))


def french_spaces(text: str, lang: str) -> str:
    """In French the space inside « » and before ? ! ; : is a thin one that never breaks: typed as an
    ordinary space (or two), `» ?` could open a line of its own and `«` end one."""
    if lang.split("-")[0].lower() != "fr":
        return text
    text = re.sub(r"«[ \t\u00a0\u202f]+", "«\u202f", text)
    text = re.sub(r"[ \t\u00a0\u202f]+»", "\u202f»", text)
    text = re.sub(r"(?<=\S)[ \t\u00a0\u202f]+([?!;])", "\u202f\\1", text)
    return re.sub(r"(?<=\w)[ \t\u202f]+:(?=\s|$)", "\u00a0:", text)


def smarten(text: str, lang: str = "en", nest: bool = True) -> str:
    """Plain text (front matter) with the body's typography: curly quotes and
    apostrophes, dashes, ellipsis, nested quotes by language (`nest=False`: the
    marks smarty would write, for text that `renest_html` will see later)."""
    outer = levels(lang)[0] if lang.split("-")[0].lower() in LEVELS else ENGLISH[0]
    text = text.replace("---", "—").replace("--", "–").replace("...", "…")
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r"(^|[\s(\[{—–/\"“„«])'", r"\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[{—–/‘])"', lambda m: m.group(1) + outer[0], text)
    text = text.replace('"', outer[1])
    return renest_text(text, lang) if nest else text


SMART_FIELDS = ("title", "subtitle", "short_title", "group", "duration", "rights", "license", "source")
READING_FIELDS = ("title", "author", "publication", "pages")


def smart_meta(meta: FrontMatter) -> FrontMatter:
    """A guide's front matter with its words smartened (never its URLs, dates or file names)."""
    import dataclasses

    lang = meta.lang
    changes = {f: smarten(getattr(meta, f), lang) for f in SMART_FIELDS
               if hasattr(meta, f) and isinstance(getattr(meta, f), str)}
    changes["authors"] = tuple(smarten(a, lang) for a in meta.authors)
    changes["reading"] = tuple(dataclasses.replace(r, **{f: smarten(getattr(r, f), lang) for f in READING_FIELDS
                                                         if isinstance(getattr(r, f), str)}) for r in meta.reading)
    return dataclasses.replace(meta, **changes)


def smart_article(article: ReadingText | None, lang: str) -> ReadingText | None:
    """A reproduced reading's front matter, smartened like the guide's."""
    import dataclasses

    if article is None:
        return None
    return dataclasses.replace(article, **{f: smarten(getattr(article, f), lang)
                                           for f in ("title", "author", "publication", "standfirst")
                                           if isinstance(getattr(article, f), str)})
