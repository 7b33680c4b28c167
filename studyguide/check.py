"""`studyguide check`: what a build would object to, and what a reader would
trip over, found without laying out a page (fast enough for a pre-commit hook)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .build import find_guides
from .errors import Diagnostic, GuideError
from .frontmatter import split
from .model import slug_for
from .read import prose_lines, read
from .render import catalogues
from .sanitize import front_matter_urls
from .slugs import problem as slug_problem

LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)[^)]*\)|<((?:https?|mailto|ftp):[^>\s]*)>")
SCHEMES = {"http", "https", "mailto", "tel", "ftp"}


def lint(path: Path, body: str, first_line: int) -> list[Diagnostic]:
    """Warnings about the body: malformed links, empty sections."""
    found = []
    heading: tuple[int, str] | None = None
    for number, line in prose_lines(body, first_line):
        if line.lstrip().startswith(("```", "~~~")):
            continue
        if line.startswith("## ") or line.rstrip() == "##":
            if heading:
                found.append(Diagnostic(path, heading[0], f"section '{heading[1]}' is empty", "warning"))
            heading = (number, line[3:].strip())
        elif line.strip() and not line.startswith("#"):
            heading = None
        for _ in re.finditer(r"!\[\s*\]\(", line):
            found.append(Diagnostic(path, number, "an image without alt text: say what it shows in ![…]", "warning"))
        for match in LINK_RE.finditer(line):
            target = match.group(1) if match.group(1) is not None else match.group(2)
            problem = link_problem(target)
            if problem:
                found.append(Diagnostic(path, number, f"link '{target}' {problem}", "warning"))
    if heading:
        found.append(Diagnostic(path, heading[0], f"section '{heading[1]}' is empty", "warning"))
    return found


def link_problem(target: str) -> str | None:
    if not target:
        return "is empty"
    parts = urlsplit(target)
    if not parts.scheme:
        return None  # a relative link or an anchor
    if parts.scheme.lower() not in SCHEMES:
        return f"uses the scheme '{parts.scheme}'"
    if parts.scheme in ("http", "https", "ftp") and (not parts.netloc or "." not in parts.netloc and parts.netloc != "localhost"):
        return "has no host (write it as https://example.org/…)"
    return None


def check_article(article) -> list[Diagnostic]:
    """A reproduced reading should say where it is from, and carry no site furniture."""
    from .furniture import kind

    found = []
    if not article.publication or not article.url:
        missing = " and ".join(k for k in ("publication", "url") if not getattr(article, k))
        found.append(Diagnostic(article.path, 1, f"the reading has no {missing}: its source line will be incomplete", "warning"))
    for number, line in enumerate(article.body.split("\n"), start=article.body_line):
        what = kind(line)
        if what:
            found.append(Diagnostic(article.path, number, f"looks like site furniture ({what}): {line.strip()}", "warning"))
    return found


def check(paths: list[Path], max_bytes: int = 2_000_000) -> list[Diagnostic]:
    """Every error and warning for the guides under `paths`."""
    found: list[Diagnostic] = []
    seen: dict[str, Path] = {}
    for path in find_guides(paths):
        slug = slug_for(path)
        if slug in seen:
            found.append(Diagnostic(path, None, f"another guide is also named '{slug}': {seen[slug]}"))
            continue
        seen[slug] = path
        why = slug_problem(slug)  # the same rules as build's
        if why:
            found.append(Diagnostic(path, None, why))
            continue
        try:
            guide = read(path, max_bytes)
        except GuideError as error:
            found.extend(error.diagnostics)
            continue
        found.extend(guide.warnings)
        found.extend(front_matter_urls(guide))
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        _, body, first_line = split(text, path)
        found.extend(lint(path, body, first_line))
        if guide.article:
            found.extend(check_article(guide.article))
        if guide.meta.lang.split("-")[0].lower() not in catalogues() and guide.meta.lang.lower() not in catalogues():
            found.append(Diagnostic(path, None, f"no message catalogue for lang '{guide.meta.lang}': "
                                                "the fixed words will be printed in English", "warning"))
        if not guide.questions:
            found.append(Diagnostic(path, None, "no discussion questions (a heading 'Discussion questions' over a numbered list)", "warning"))
    return found
