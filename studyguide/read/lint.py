"""Warnings about a guide's body that no parser raises: malformed links, empty
sections, images without alt text. Shared by `check` and `build`, which report the same."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studyguide.errors import Diagnostic
from studyguide.read.shallow import one_space_followups

LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)[^)]*\)|<((?:https?|mailto|ftp):[^>\s]*)>|"
                     r"^\s{0,3}\[[^\]^][^\]]*\]:\s*<?([^\s>]+)|<a\s[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
SCHEMES = {"http", "https", "mailto", "tel", "ftp"}
# `<this>`, `<Name>`: text in angle brackets that Markdown passes on as a tag, and the sanitizer drops.
UNKNOWN_TAG = re.compile(r"(?<!\\)</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
# A picture's address: raw HTML's `<img src=…>`, and Markdown's `![…](…)` (a `file:` one is pictureurls' error).
PICTURE_RE = re.compile(r"<img\s[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))|!\[[^\]]*\]\(\s*<?([^)\s>]*)", re.I)
QUESTION_ITEM = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]*$")


def _known_tags() -> frozenset[str]:
    from studyguide.read.sanitize import DROPPED, TAGS

    return frozenset(TAGS | DROPPED | {"html", "head", "body", "title", "font", "center", "nobr", "tt", "big", "strike"})


KNOWN_TAGS = _known_tags()


def lint(path: Path, body: str, first_line: int) -> list[Diagnostic]:
    """Warnings about the body: malformed links, empty sections."""
    found = one_space_followups(body, first_line, path)
    heading: tuple[int, str] | None = None
    before = ""  # the line above, as written
    listed = False  # the block above is a list (an indented line under it is the item's)
    for number, line in prose_lines(body, first_line):
        above, before = before, line
        if line.lstrip().startswith(("```", "~~~")):
            continue
        if re.match(r"\s*(?:[-*+]|\d{1,9}[.)])\s", line):
            listed = True
        elif line.strip() and not line[:1].isspace():
            listed = False
        if not above.strip() and not listed and re.match(r"(?:\t| {4,})(?=\S)", line) and \
                len(re.findall(r"[^\W\d_]{2,}", line)) >= 8:  # Word's first-line indent, pasted
            found.append(Diagnostic(path, number, "this paragraph starts with a tab or four spaces, so Markdown prints "
                                    "it as code (small fixed-width type, cut off at the page's edge): take the "
                                    "indent away", "warning"))
        if line.startswith("## ") or line.rstrip() == "##":
            if heading:
                found.append(Diagnostic(path, heading[0], f"section '{heading[1]}' is empty", "warning"))
            heading = (number, line[3:].strip())
        elif line.strip() and not line.startswith("#"):
            heading = None
        for tag in UNKNOWN_TAG.finditer(re.sub(r"`[^`]*`", "", line)):
            if tag.group(1).lower() not in KNOWN_TAGS:
                shown = tag.group(0) if len(tag.group(0)) <= 40 else tag.group(0)[:39] + "…"
                found.append(Diagnostic(path, number, f"'{shown}' is read as an HTML tag that prints nothing, and "
                                        f"is dropped: to print it, write '&lt;{shown[1:]}'", "warning"))
        if QUESTION_ITEM.match(line):
            found.append(Diagnostic(path, number, "an empty numbered item: it prints as a question with no words", "warning"))
        for _ in re.finditer(r"!\[\s*\]\(", line):
            found.append(Diagnostic(path, number, "an image without alt text: say what it shows in ![…]", "warning"))
        for match in PICTURE_RE.finditer(re.sub(r"`[^`]*`", "", line)):
            target = next(g for g in match.groups() if g is not None)
            problem = picture_problem(target, raw=match.group(4) is None)
            if problem:
                found.append(Diagnostic(path, number, f"the picture '{target[:80]}' {problem}", "warning"))
        for match in LINK_RE.finditer(line):
            target = next(g for g in match.groups() if g is not None)
            if leader_file(target):
                found.append(Diagnostic(path, number, f"link '{target}' leads to a facilitator's file or a guide's "
                                        "source, notes and all: take it out (participants get this page)"))
                continue
            problem = link_problem(target)
            if problem:
                found.append(Diagnostic(path, number, f"link '{target}' {problem}", "warning"))
    if heading:
        found.append(Diagnostic(path, heading[0], f"section '{heading[1]}' is empty", "warning"))
    return found


def leader_file(target: str) -> bool:
    """A link into a `facilitator/` folder, or to a guide's Markdown source: the web page would link the notes."""
    from studyguide.read.sanitize import file_link

    value = html.unescape(target).strip()
    if not file_link(value):
        return False
    where = unquote(re.split(r"[?#]", value, maxsplit=1)[0].replace("\\", "/").casefold())
    return "facilitator" in where.split("/") or re.search(r"\.(?:md|markdown|mdown|mkd)$", where) is not None


def leader_links(path: Path, body: str, first_line: int, markup: str) -> list[Diagnostic]:
    """Links into `facilitator/` or to a guide's source in what participants get, as Markdown made them: a link
    whose address or words wrap onto the next line passes the line-by-line look (`lint`), not this one."""
    from studyguide.read.sanitize import FILE_HREF_RE

    found = []
    for match in FILE_HREF_RE.finditer(markup):
        target = html.unescape(next((g for g in match.groups()[1:] if g is not None), ""))
        if leader_file(target):
            stem = re.split(r"[/?#]", target.rstrip("/"))[-1] or target
            lines = [n for n, line in enumerate(body.split("\n"), first_line) if stem and stem in line]
            found.append(Diagnostic(path, lines[0] if lines else None, f"link '{target}' leads to a facilitator's "
                                    "file or a guide's source, notes and all: take it out (participants get this page)"))
    return list({(d.line, d.message): d for d in found}.values())


def link_problem(target: str) -> str | None:
    from studyguide.read.sanitize import file_link, url_allowed

    if not target:
        return "is empty"
    parts = urlsplit(target)
    if parts.scheme and parts.scheme.lower() not in SCHEMES:
        return f"uses the scheme '{parts.scheme}'"
    if parts.scheme in ("http", "https", "ftp") and (not parts.netloc or "." not in parts.netloc and parts.netloc != "localhost"):
        return "has no host (write it as https://example.org/…)"
    value = html.unescape(target)
    if file_link(value) and url_allowed(value) and not re.search(r"(?:\.html?|/)(?:[?#].*)?$", value, re.I):
        return ("is a link to a file, which no PDF or e-book carries with it: there it is printed as plain words "
                "(on the web page it works only if you put the file beside the page); to link it everywhere, put it "
                "on the web and link its address")
    if not url_allowed(html.unescape(target)):  # as the sanitizer judges it (`&#106;avascript:`, `//host`, `tel:`)
        return ("leads nowhere a reader may go (only http:, https:, mailto: or an address in the guide's folder): "
                "it is printed as plain words")
    return None



def picture_problem(target: str, raw: bool = True) -> str | None:
    """Why a picture would be left out of every edition without a word (the sanitizer drops its
    address): a scheme other than http(s). A Markdown picture's `file:` address is refused at its
    line already (pictureurls); raw HTML's is removed, as the round-one tests require, and said here."""
    from studyguide.read.sanitize import DATA_IMAGE_RE, url_allowed

    value = html.unescape(target).strip()
    if not value or DATA_IMAGE_RE.match(value) or (url_allowed(value) and not value.lower().startswith(("mailto:", "tel:"))):
        return None
    if value.lower().startswith("file:"):
        return ("is a file: address, which is never loaded: copy the picture into the guide's folder and name it "
                "by its file name") if raw else None
    return "is not loaded (only a file in the guide's folder, or an http: or https: address): it is left out"


def without_comments(body: str) -> str:
    """HTML comments blanked out, their lines kept, so that line numbers still hold."""
    return re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), body, flags=re.S)


def prose_lines(body: str, first_line: int):
    """(line number, line) for the body's lines outside code blocks and HTML comments."""
    in_code = False
    for number, line in enumerate(without_comments(body).split("\n"), start=first_line):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if not in_code:
            yield number, line


def lint_reading(article) -> list[Diagnostic]:
    """A reproduced reading should say where it is from, and carry no site furniture."""
    from studyguide.importer.furniture import kind

    found = []
    if not article.publication:  # a book, a poem typed up from print, has a publication and no address: complete
        missing = " and ".join(k for k in ("publication", "url") if not getattr(article, k))
        found.append(Diagnostic(article.path, 1, f"the reading has no {missing}: its source line will be incomplete "
                                "(name the book, paper or site it is from)", "warning"))
    for number, line in enumerate(article.body.split("\n"), start=article.body_line):
        what = kind(line)
        if what:
            found.append(Diagnostic(article.path, number, f"looks like site furniture ({what}): {line.strip()}", "warning"))
    return found
