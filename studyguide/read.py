"""Read a guide file: front matter + Markdown -> a typed Guide (Pelican's `read` shape)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions.toc import slugify_unicode

from .errors import Diagnostic, GuideError
from .frontmatter import parse, parse_article, split
from .glyphs import uncovered
from .mdext import FENCE_END, FENCE_START, StudyGuideExtension
from .model import Guide, ReadingText, slug_for
from .sanitize import MAX_DEPTH, TooDeep, sanitize
from .typography import Typography

IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
# Quotation marks by language: (left double, right double); single quotes stay ‘ ’
# because Python-Markdown's smarty uses the right single quote for apostrophes.
QUOTES = {
    "de": ("&bdquo;", "&ldquo;"),
    "fr": ("&laquo;&#8239;", "&#8239;&raquo;"),
    "ru": ("&laquo;", "&raquo;"),
    "uk": ("&laquo;", "&raquo;"),
    "es": ("&laquo;", "&raquo;"),
    "el": ("&laquo;", "&raquo;"),
}
MAX_BYTES = 2_000_000
MAX_NESTING = 20  # block quotes and lists inside one another


def markdown_for(lang: str, keep_facilitator: bool) -> tuple[markdown.Markdown, StudyGuideExtension]:
    from .render import words_for

    ext = StudyGuideExtension(keep=keep_facilitator, label=words_for(lang)["facilitator"])
    left, right = QUOTES.get(lang.split("-")[0].lower(), ("&ldquo;", "&rdquo;"))
    md = markdown.Markdown(
        extensions=["tables", "footnotes", "def_list", "attr_list", "smarty", "toc", "sane_lists", ext,
                    Typography(lang)],  # figures with captions, nested quotes by language (studyguide.typography)
        extension_configs={
            "smarty": {"substitutions": {"left-double-quote": left, "right-double-quote": right}},
            "toc": {"slugify": slugify_unicode, "permalink": False},
            "footnotes": {"BACKLINK_TEXT": ""},
        },
        output_format="html",
    )
    return md, ext


def load_text(path: Path, max_bytes: int, what: str = "guide") -> str:
    """A guide's (or reading's) text: readable, within the size limit, UTF-8, LF line ends."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GuideError.at(path, None, f"cannot read the {what}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise GuideError.at(path, None, f"the {what} is {len(raw):,} bytes; the limit is {max_bytes:,} (--max-size)")
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GuideError.at(path, line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None


def read(path: Path, max_bytes: int = MAX_BYTES, defaults: dict | None = None) -> Guide:
    """The guide at `path`; `defaults` (studyguide.toml's) fill what its front matter leaves out."""
    path = Path(path)
    text = load_text(path, max_bytes)
    yaml_text, body, body_line = split(text, path)
    meta, warnings = parse(yaml_text, path, defaults)
    vet(path, text, body, body_line, warnings)

    # One parse: the facilitator edition, and the participant edition as the same tree less its boxes.
    md, data = markdown_for(meta.lang, keep_facilitator=True)
    facilitator, dropped = clean(path, lambda: md.convert(body))
    participant, dropped_too = clean(path, lambda: data.participant_html)
    html = {"facilitator": facilitator, "participant": participant}
    removed = set(dropped) | set(dropped_too)
    facilitator_text = list(data.facilitator_text)
    article = read_article(path, meta, max_bytes, warnings)
    if removed:
        warnings.append(Diagnostic(path, None, f"raw HTML removed: {', '.join(sorted(removed))}", "warning"))
    return Guide(
        path=path,
        slug=slug_for(path),
        meta=meta,
        html=html,
        sections=data.sections,
        questions=data.questions,
        terms=data.terms,
        facilitator_text=facilitator_text,
        warnings=warnings,
        article=article,
    )


def vet(path: Path, text: str, body: str, body_line: int, warnings: list[Diagnostic]) -> None:
    """What Markdown would pass over silently: the body's problems, letters the fonts lack."""
    check_body(body, body_line, path)
    missing, boxes = uncovered(path, text)
    if missing:
        raise GuideError(missing)
    warnings.extend(boxes)


def clean(path: Path, convert) -> tuple[str, list[str]]:
    """Markdown's output, sanitized; too deep a nesting is the guide's error, not a crash."""
    try:
        return sanitize(convert())
    except (TooDeep, RecursionError):
        raise GuideError.at(path, None, f"elements nest more than {MAX_DEPTH} levels deep") from None


def article_path(path: Path, meta) -> Path | None:
    """The reproduced reading: `reading: {file: …}`, or `reading.md` beside a folder guide."""
    named = next((r.file for r in meta.reading if r.file), None)
    if named:
        return path.parent / named
    beside = path.parent / "reading.md"
    return beside if path.name == "guide.md" and beside.is_file() else None


def read_article(path: Path, meta, max_bytes: int, warnings: list[Diagnostic]) -> ReadingText | None:
    source = article_path(path, meta)
    if source is None:
        return None
    text = load_text(source, max_bytes, "reading")
    yaml_text, body, body_line = split(text, source)
    values, found = parse_article(yaml_text, source)
    warnings.extend(found)
    vet(source, text, body, body_line, warnings)
    md, _ = markdown_for(meta.lang, keep_facilitator=False)
    markup, _removed = clean(source, lambda: md.convert(body))
    # The reading's headings sit under its title, and its ids never clash with the guide's.
    markup = re.sub(r"<(/?)h2\b", r"<\1h3", markup).replace(' id="', ' id="reading-')
    return ReadingText(path=source, html=markup, body=body, body_line=body_line, **values)


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


def check_body(body: str, first_line: int, path: Path) -> None:
    """Problems Markdown would pass over silently, found with their lines."""
    errors = []
    open_at = None
    for number, line in prose_lines(body, first_line):
        depth = len(re.match(r"^(?:[ \t]*>)*", line).group(0).replace(" ", "").replace("\t", ""))
        depth += (len(line) - len(line.lstrip(" "))) // 4
        if depth > MAX_NESTING:
            raise GuideError.at(path, number, f"nesting is {depth} levels deep; the limit is {MAX_NESTING}")
        if FENCE_START.match(line):
            if open_at is not None:
                errors.append(Diagnostic(path, number, f"a facilitator block opens inside the one opened at line {open_at}"))
            open_at = number
        elif FENCE_END.fullmatch(line) and open_at is not None:
            open_at = None
        for target in IMAGE_RE.findall(line):
            parts = urlsplit(target)
            if parts.scheme or target.startswith("#"):
                continue
            if not (path.parent / unquote(parts.path)).is_file():
                errors.append(Diagnostic(path, number, f"image not found: {target}"))
    if open_at is not None:
        errors.append(Diagnostic(path, open_at, "facilitator block is not closed: add a line ':::' after it"))
    if errors:
        raise GuideError(errors)
