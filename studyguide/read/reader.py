"""Read a guide file: front matter + Markdown -> a typed Guide (Pelican's `read` shape)."""

from __future__ import annotations

import html
import os
import re
import stat
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from studyguide.errors import Diagnostic, GuideError, in_line_order
from studyguide.read.comments import printed_comments
from studyguide.read.hiding import USE_THE_FENCE
from studyguide.read import fences, lists, obsidian
from studyguide.read.crossings import crossings, heading_slug
from studyguide.read.frontmatter import parse, parse_article, split
from studyguide.render.glyphs import uncovered
from studyguide.i18n import catalogues, words_for
from studyguide.read.limits import costly
from studyguide.read.lint import leader_links, lint, lint_reading, prose_lines
from studyguide.read.nearmiss import near_misses
from studyguide.read.pasted import tab_tables
from studyguide.read.pictureurls import file_pictures
from studyguide.read.picturefiles import unreadable
from studyguide.read.utf16 import SAVE_AGAIN, looks_utf16
from studyguide.read.mdext import StudyGuideExtension
from studyguide.model import Guide, ReadingText, slug_for
from studyguide.read.sanitize import MAX_DEPTH, TooDeep, front_matter_urls, sanitize
from studyguide.read.quotes import QUOTES
from studyguide.read.typography import Typography
from studyguide.read.vocabulary import Vocabulary, vocabulary

IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s>]+))([^)]*)\)?")
MAX_BYTES = 2_000_000
MAX_NESTING = 20  # block quotes and lists inside one another


def markdown_for(lang: str, notes: dict[str, str] | None = None,
                 vocabulary: Vocabulary | None = None) -> tuple[markdown.Markdown, StudyGuideExtension]:
    """A Markdown converter in our dialect; `notes` (token -> box) makes it the facilitator edition's."""
    ext = StudyGuideExtension(notes=notes or {}, vocabulary=vocabulary)
    left, right = QUOTES.get(lang.split("-")[0].lower(), ("&ldquo;", "&rdquo;"))
    md = markdown.Markdown(
        extensions=["tables", "footnotes", "def_list", "abbr", "attr_list", "smarty", "toc", "sane_lists", "fenced_code", ext,
                    Typography(lang)],  # figures with captions, nested quotes by language (studyguide.read.typography)
        extension_configs={
            "smarty": {"substitutions": {"left-double-quote": left, "right-double-quote": right}},
            "toc": {"slugify": heading_slug, "permalink": False},
            "footnotes": {"BACKLINK_TEXT": ""},
        },
        output_format="html",
    )
    return md, ext


def load_text(path: Path, max_bytes: int, what: str = "guide") -> str:
    """A guide's (or reading's) text: a regular file, within the size limit (told by its
    size before a byte is read: no device, pipe or endless file), UTF-8, LF line ends."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise GuideError.at(path, None, f"cannot read the {what}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise GuideError.at(path, None, f"cannot read the {what}: it is a folder, a device or a pipe, not a file")
        if info.st_size > max_bytes:
            raise GuideError.at(path, None, f"the {what} is {info.st_size:,} bytes; the limit is {max_bytes:,} (--max-size)")
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise GuideError.at(path, None, f"cannot read the {what}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise GuideError.at(path, None, f"the {what} is over {max_bytes:,} bytes, the limit (--max-size)")
    try:
        # Windows (CR LF) and old Mac (CR) line ends alike: every reader of ours then sees the same lines; and a
        # file Windows Notepad saved as "Unicode" (UTF-16, which says so in its first two bytes) read as such.
        if raw[:2] not in (b"\xff\xfe", b"\xfe\xff") and looks_utf16(raw):  # no mark to read it by: said, not guessed
            raise GuideError.at(path, None, SAVE_AGAIN)
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GuideError.at(path, line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}): save it again as "
                                        "UTF-8 (in Notepad: Save as, then Encoding: UTF-8; in Word: Plain Text, then "
                                        "Unicode (UTF-8))") from None


def read(path: Path, max_bytes: int = MAX_BYTES, defaults: dict | None = None, theme: Path | None = None) -> Guide:
    """The guide at `path`; `defaults` (studyguide.toml's) fill what its front matter leaves out.

    Every problem in the file is found before one GuideError is raised with all of
    them (warnings too), in line order: fixing the front matter never reveals a
    second batch of errors in the body."""
    path = Path(path)
    text = load_text(path, max_bytes)
    yaml_text, body, body_line = split(text, path)
    body, found = costly(path, body, body_line)  # refused, and not read further
    try:
        meta, warnings = parse(yaml_text, path, defaults)
        found += warnings
    except GuideError as error:
        meta, found = None, found + error.diagnostics
    lang = meta.lang if meta else (defaults or {}).get("lang", "en")
    words = vocabulary(theme, meta.questions_heading if meta else (), meta.session_heading if meta else ())
    parts = fences.split(body, body_line, path, labels=_labels(theme))
    found += parts.diagnostics + crossings(parts, path, body_line) + vet(path, text, body, body_line)
    found += sessions_in_notes(parts.notes, words, path)
    kept = set(parts.lines)  # warnings about the body speak of what participants get, never quote a note
    found += lint(path, "\n".join(row if body_line + n in kept else ""
                                   for n, row in enumerate(body.split("\n"))), body_line)
    if any(d.level == "error" for d in found) or meta is None:
        raise GuideError(in_line_order(found))

    participant_source, origin = lists.normalize(obsidian.plain(parts.participant))
    md, data = markdown_for(lang, vocabulary=words)
    images: list[str] = []  # every image the guide's pages name, as the sanitizer keeps them
    participant, removed = clean(path, lambda: md.convert(participant_source), images)
    boxes = {note.token: note_box(note, lang, path, theme, images) for note in parts.notes}
    facilitator_source, _ = lists.normalize(obsidian.plain(parts.facilitator))
    md_f, data_f = markdown_for(lang, notes=boxes, vocabulary=words)
    facilitator, removed_f = clean(path, lambda: md_f.convert(facilitator_source), images)
    stuck = [note for note in parts.notes if note.token in facilitator]
    if stuck:  # Markdown left the block's place as written: inside raw HTML (<details>, <pre>) it reads nothing
        raise GuideError([Diagnostic(path, note.line, "this facilitator block stands where Markdown is not read (inside "
                                     "raw HTML such as <details> or <pre>, or a code block): the leader would not get "
                                     "it; move it out, after the closing tag") for note in stuck])
    if len(data_f.questions) != len(data.questions):
        raise GuideError.at(path, parts.notes[0].line if len(parts.notes) == 1 else None,
                            "the facilitator notes could not be placed without changing the questions: "
                            "put a blank line before and after each '::: facilitator' block")
    questions = [replace(q, notes_html=f.notes_html) for q, f in zip(data.questions, data_f.questions)]
    found += near_misses(path, text, parts, data, words, theme)  # and "no discussion questions", at a line
    if lang.split("-")[0].lower() not in catalogues(theme) and lang.lower() not in catalogues(theme):
        found.append(Diagnostic(path, None, f"no message catalogue for lang '{lang}': the fixed words will be printed "
                                            "in English", "warning"))
    article_images: list[str] = []
    article = read_article(path, meta, max_bytes, found, article_images)
    if article:
        found += lint_reading(article)
    found += front_matter_urls(path, meta, article)
    found += printed_comments(path, body, body_line, participant)
    found += leader_links(path, body, body_line, participant + (article.html if article else ""))
    if set(removed) | set(removed_f):
        found.append(Diagnostic(path, None, f"raw HTML removed: {', '.join(sorted(set(removed) | set(removed_f)))}", "warning"))
    if any(d.level == "error" for d in found):
        raise GuideError(in_line_order(found))
    guide = Guide(
        path=path,
        slug=slug_for(path),
        meta=meta,
        html={"facilitator": facilitator, "participant": participant},
        sections=data.sections,
        questions=questions,
        terms=data.terms,
        facilitator_text=[note.text for note in parts.notes],
        warnings=in_line_order(found),
        article=article,
        body=body,
        body_line=body_line,
        depends=depends(path, meta, article, images, article_images),
    )
    from studyguide.distribute.runsheet import budget_warnings  # the leader's clock: parts that overrun their session

    guide.warnings = in_line_order(guide.warnings + budget_warnings(guide))
    return guide


def _labels(theme: Path | None) -> tuple[str, ...]:
    """Every catalogue's name for facilitator notes: `::: Notes pour l'animation` is one too."""

    return tuple(sorted({words_for(lang, theme)["facilitator"] for lang in catalogues(theme)}))


def depends(path: Path, meta, article, images: list[str], article_images: list[str]) -> tuple[Path, ...]:
    """The files a build of this guide reads besides the guide, recorded as it is read:
    its reading (and `reading.md` beside a folder guide, whose appearing is a change)
    and the local images its pages and its reading name."""
    found = {path.parent / "reading.md"} if path.name == "guide.md" else set()
    if article is not None:
        found.add(article.path)
    for folder, names in ((path.parent, images), (article.path.parent if article else path.parent, article_images)):
        for src in names:
            parts = urlsplit(src)
            if not parts.scheme and not parts.netloc and parts.path:
                found.add(folder / unquote(parts.path))
    return tuple(sorted(found))


_NOTES: dict[str, markdown.Markdown] = {}


def _note_markdown(lang: str) -> markdown.Markdown:
    """One converter per language for every note (reset before each): making one with
    its eleven extensions took longer than converting a note."""
    if lang not in _NOTES:
        _NOTES[lang] = markdown_for(lang)[0]
    return _NOTES[lang]


def sessions_in_notes(notes: list, words, path: Path) -> list[Diagnostic]:
    """A session heading inside a facilitator block (one closed a line late) is not printed:
    participants would get no such session, and its questions would join the session before."""
    found = []
    for note in notes:
        for offset, line in enumerate(note.text.split("\n")):
            heading = re.match(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", line)
            if heading and words.session_number(heading.group(1)) is not None:
                found.append(Diagnostic(path, note.line + 1 + offset, f"the session heading '{heading.group(1)}' is "
                                        "inside a facilitator block, so it is not printed and the questions after it "
                                        "would go to the session before: close the block (':::') above the heading (a heading for "
                                        "the leader alone: start it otherwise, as in 'Plan for session 2')"))
    return found


def note_box(note: fences.Note, lang: str, path: Path, theme: Path | None, images: list[str] | None = None) -> str:
    """One facilitator note as the facilitator edition prints it: a labelled box."""

    md = _note_markdown(lang)
    md.reset()
    inner, _removed = clean(path, lambda: md.convert(lists.normalize(obsidian.plain(note.text))[0]), images)
    # Its headings' anchors are its own: never the same as one in the guide around it.
    inner = inner.replace(' id="', f' id="{note.token.lower()}-')
    label = html.escape(words_for(lang, theme)["facilitator"])
    return f'<div class="facilitator"><p class="facilitator-label">{label}</p>\n{inner}\n</div>'


def vet(path: Path, text: str, body: str, body_line: int) -> list[Diagnostic]:
    """What Markdown would pass over silently: the body's problems, letters the fonts lack."""
    found = check_body(body, body_line, path) + control_characters(path, text) + tab_tables(body, body_line, path)
    missing, boxes = uncovered(path, text)
    return found + missing + boxes


def control_characters(path: Path, text: str) -> list[Diagnostic]:
    """Control characters (a backspace, an escape, a NUL: pasted out of a PDF or a terminal)
    print as nothing or stop the EPUB, which XML forbids them: each line holding one is
    refused, naming it, front matter and body alike. A tab is text."""
    from studyguide.read.unseen import control_character

    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = control_character(line)
        if bad is not None:
            found.append(Diagnostic(path, number, f"this line holds the control character U+{ord(bad):04X}, which prints "
                                                  "as nothing (it comes with text copied out of a PDF or a terminal): "
                                                  "delete it"))
    return found


def clean(path: Path, convert, images: list[str] | None = None) -> tuple[str, list[str]]:
    """Markdown's output, sanitized; too deep a nesting is the guide's error, not a crash."""
    try:
        return sanitize(convert(), images)
    except (TooDeep, RecursionError):
        raise GuideError.at(path, None, f"elements nest more than {MAX_DEPTH} levels deep") from None


def article_path(path: Path, meta) -> Path | None:
    """The reproduced reading: `reading: {file: …}`, or `reading.md` beside a folder guide."""
    named = next((r.file for r in meta.reading if r.file), None)
    if named:
        return path.parent / named
    beside = path.parent / "reading.md"
    return beside if path.name == "guide.md" and (beside.is_file() or beside.is_symlink()) else None


def confined(path: Path, source: Path, what: str = "reading") -> Path:
    """A file the guide names, as long as it is (after links are followed) inside the guide's
    folder: a guide must not print another guide's notes or a file of the machine's."""
    folder = path.parent.resolve()
    try:
        resolved = source.resolve(strict=True)
    except (OSError, RuntimeError):
        raise GuideError.at(path, None, f"the {what} '{_named(path, source)}' does not exist") from None
    if not resolved.is_relative_to(folder):
        raise GuideError.at(path, None, f"the {what} '{_named(path, source)}' is outside the guide's folder: "
                                        "copy it next to the guide and name it by its file name")
    return resolved


def _named(path: Path, source: Path) -> str:
    try:
        return str(source.relative_to(path.parent))
    except ValueError:
        return str(source)


# A transcript's `MODERATOR: Welcome back`, an interview's `(host: laughs)`: in a reading, someone else's words.
ONLY_IN_A_GUIDE = re.compile(r"followed by more than a name")


def reading_notes(source: Path, body: str, body_line: int) -> list[Diagnostic]:
    """A reading is printed whole for the group: a facilitator block in it (or any way of
    hiding text) is refused at its line, never printed and never quietly moved."""
    parts = fences.split(body, body_line, source)
    # A reading holds no notes: a label in someone else's text ("Moderator's note:" in a reprinted article) is told
    # to be reworded there, not to be put in a facilitator block, which a reading cannot have.
    found = [replace(d, message=d.message.replace(USE_THE_FENCE, "a reading holds no notes: reword the line in the "
                                                  "reading (leader's notes go in guide.md)"),
                     level="warning" if ONLY_IN_A_GUIDE.search(d.message) else d.level)
             if isinstance(d.message, str) else d for d in parts.diagnostics]
    found += [Diagnostic(source, note.line, "a reading is printed whole for the group: facilitator notes belong in "
                                            "the guide (guide.md), not in its reading") for note in parts.notes]
    return found


def read_article(path: Path, meta, max_bytes: int, found: list[Diagnostic],
                 images: list[str] | None = None) -> ReadingText | None:
    source = article_path(path, meta)
    if source is None:
        return None
    resolved = confined(path, source)
    if source.suffix.lower() == ".pdf":  # a PDF's pages, bound in after the cover
        from studyguide.read.pdfreading import read_pdf

        return read_pdf(resolved, meta, found)
    text = load_text(resolved, max_bytes, "reading")
    yaml_text, body, body_line = split(text, source)
    values, warnings = parse_article(yaml_text, source)
    found += warnings
    body, problems = costly(source, body, body_line)
    problems += vet(source, text, body, body_line) + reading_notes(source, body, body_line)
    found += problems
    if any(d.level == "error" for d in problems):
        return None
    md, _ = markdown_for(meta.lang)
    markup, _removed = clean(source, lambda: md.convert(lists.normalize(body)[0]), images)
    # The reading's headings sit under its title, and its ids never clash with the guide's.
    markup = re.sub(r"<(/?)h2\b", r"<\1h3", markup).replace(' id="', ' id="reading-')
    return ReadingText(path=source, html=markup, body=body, body_line=body_line, **values)


def check_body(body: str, first_line: int, path: Path) -> list[Diagnostic]:
    """Problems Markdown would pass over silently, found with their lines."""
    errors = []
    for number, line in prose_lines(body, first_line):
        depth = len(re.match(r"^(?:[ \t]*>)*", line).group(0).replace(" ", "").replace("\t", ""))
        depth += (len(line) - len(line.lstrip(" "))) // 4
        if depth > MAX_NESTING:
            errors.append(Diagnostic(path, number, f"nesting is {depth} levels deep; the limit is {MAX_NESTING}"))
            break
        for bracketed, bare, rest in IMAGE_RE.findall(line):
            target = bracketed or bare
            parts = urlsplit(target)
            if parts.scheme or target.startswith("#"):
                continue
            image = path.parent / unquote(parts.path)
            if not image.is_file():
                spaced = f"{target} {rest.strip()}" if not bracketed and rest.strip() else ""
                errors.append(Diagnostic(path, number, f"image not found: {target}" + (
                    f" (the file is named '{spaced}': a name with spaces goes between angle brackets, "
                    f"![…](<{spaced}>), or with %20 for each space)" if spaced and (path.parent / spaced).is_file() else "")))
            elif image.suffix.lower() in (".heic", ".heif"):  # a phone's photo, as an iPhone saves it
                errors.append(Diagnostic(path, number, f"'{target}' is a HEIC photo, which no PDF or web page can show: "
                                                       "save it as JPEG (export it, or set the phone's camera to 'Most "
                                                       "Compatible') and name the .jpg here"))
            elif not image.resolve().is_relative_to(path.parent.resolve()):  # `../`, an absolute path, a link out
                errors.append(Diagnostic(path, number, f"the image '{target}' is outside the guide's folder, and is "
                                                       "not loaded from there: copy it into the folder"))
            elif why := unreadable(image):  # a truncated PNG, an AVIF, a PDF named map.png
                errors.append(Diagnostic(path, number, f"the picture '{target[:80]}' {why}"))
    return errors + file_pictures(body, first_line, path)
