"""`studyguide import`: a saved web page, a web address, a PDF or pasted text
made into the reading of a guide and, where there is none, a guide to start from.

HTML goes through trafilatura (importer_html: the whole tree, checked against
trafilatura's own text); its images travel into the guide's folder
(importer_images). Pasted text goes through our own clean-up (importer_text),
and every line removed is reported, so nothing vanishes silently. A guide made
here always builds: nothing it names is missing, nothing is loaded from the web."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from studyguide.errors import GuideError
from studyguide.files import write_atomically
from studyguide.importer.scaffold import slugify

ISSUE_RE = re.compile(r"\bIssue\s*(?:No\.?\s*)?#?\s*(\d{1,6})\b", re.I)
BYLINE_RE = re.compile(r"^\s*(?i:by|von|par)\s+([A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s+(?:(?i:and|und|et)\s+)?[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,5})\s*$")
# Month names in the languages studyguide imports most: English, German, French.
MONTH_NUMBERS = {name: n for names in (
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
) for n, name in enumerate(names.split(), start=1)} | {"jänner": 1}
MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DATE_RE = re.compile(rf"^\s*(?:(?:{DAYS}),?\s+)?(?:le\s+)?(\d{{1,2}})(?:\.|er)?\s+({MONTHS})\s+(\d{{4}})\s*$", re.I)
ISO_DATE_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")


@dataclass
class Article:
    title: str
    body: str  # Markdown
    author: str | None = None
    publication: str | None = None
    issue: str | None = None
    date: str | None = None
    url: str | None = None
    standfirst: str | None = None
    lang: str | None = None
    file: str | None = None  # a PDF reading: its file name in the guide's folder
    coverage: float | None = None  # the share of trafilatura's words the reading holds
    warnings: list[str] = field(default_factory=list)
    removed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, text)

    def front_matter(self) -> dict:
        from studyguide.read.frontmatter import ARTICLE_KEYS  # what a reading's front matter may say, declared once

        return {k: getattr(self, k) for k in ARTICLE_KEYS if getattr(self, k)}


def iso_date(text: str) -> str:
    match = DATE_RE.match(text)
    if match:
        day, month, year = match.groups()
        try:
            return dt.date(int(year), MONTH_NUMBERS[month.lower()], int(day)).isoformat()
        except ValueError:  # 31 February: not a date, kept as written
            return text.strip()
    return text.strip()


PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
PDF_LIMIT = 50_000_000


def import_source(source: Path | str, guides: Path = Path("guides"), slug: str | None = None, url: str | None = None,
                  force: bool = False, fetch_images: bool = False, timeout: float = 20.0) -> tuple[Article, Path, Path | None]:
    """Import `source` (a file, or an http(s) address) as the reading of guides/<slug>/."""
    from studyguide.importer.fetch import PAGE_LIMIT

    page: Path | None = None
    if isinstance(source, str) and "://" in source and not re.match(r"^https?://", source, re.I):
        raise GuideError.at(source, None, "only web addresses (http:// or https://) and files can be imported")
    if isinstance(source, str) and re.match(r"^https?://", source, re.I):
        raw, url, media = download_page(source, timeout)
        download = True
        is_pdf = "pdf" in media.lower() or raw.startswith(b"%PDF")
        shown: Path | str = source
    else:
        page = Path(source)
        raw = read_file(page, PDF_LIMIT if page.suffix.lower() == ".pdf" else PAGE_LIMIT)
        download, shown = fetch_images, page
        is_pdf = page.suffix.lower() == ".pdf" or raw.startswith(b"%PDF")
    if is_pdf:
        from studyguide.read.pdfreading import article_from_pdf

        article, blocks = article_from_pdf(raw, shown, url), None
    elif page is None or page.suffix.lower() in PAGE_SUFFIXES or page.suffix.lower() not in TEXT_SUFFIXES and looks_like_html(raw):
        from studyguide.importer.html import from_html

        article, blocks, warnings = from_html(decode(raw), shown, url)
        article.warnings.extend(warnings)
    elif page.suffix.lower() in TEXT_SUFFIXES:
        from studyguide.importer.text import from_text

        article, blocks = from_text(decode(raw), markdown=page.suffix.lower() not in (".txt", ".text")), None
        article.url = url or article.url
    else:
        raise GuideError.at(shown, None, hint_for_suffix(page))
    from studyguide.slugs import guide_folder

    folder = guide_folder(guides, slug if slug is not None else slugify(article.title),
                          ("guide.md", "reading.md", "reading.pdf", "images"))
    target = folder / ("reading.pdf" if is_pdf else "reading.md")
    existing = [p for p in (folder / "reading.md", folder / "reading.pdf") if p.exists()]
    if existing and not force:
        raise GuideError.at(existing[0], None, "exists already: use --force to replace it (the old files are kept as *.bak)")
    if blocks is not None and not any(isinstance(b, str) for b in blocks) or blocks is None and not is_pdf and not article.body.strip():
        raise GuideError.at(shown, None, "no article text found")
    if blocks is not None:
        from studyguide.importer.html import markdown_of
        from studyguide.importer.images import place

        article.warnings.extend(place([b for b in blocks if not isinstance(b, str)], page, url, folder, download, timeout))
        article.body = markdown_of(blocks)
    elif page is not None and not is_pdf and page.suffix.lower() in (".md", ".markdown"):  # pasted Markdown: its images too
        article.body = markdown_images(article, page, url, folder, download, timeout)
    article.warnings.extend(fonts_missing(shown, f"{article.title}\n{article.body}"))
    if not is_pdf:  # what the reader would refuse in the reading, refused now, before a file is written
        from studyguide.read.reader import reading_notes

        article.body = speakers_plain(article.body)
        said = [d for d in reading_notes(target, article.body, 1) if d.level == "error"]
        if said:
            row = article.body.split("\n")[(said[0].line or 1) - 1].strip()
            raise GuideError.at(shown, None, f"the article has a line studyguide would take for the leader's notes "
                                             f"(“{row[:60]}”): edit that line in the saved page, then import it again")
    old_title = reading_title(folder / "reading.md")
    for old in existing:
        old.replace(old.with_name(old.name + ".bak"))
    folder.mkdir(parents=True, exist_ok=True)
    if is_pdf:
        article.file = target.name
        write_atomically({target: raw}, root=guides)
    else:
        front = yaml.safe_dump(article.front_matter(), allow_unicode=True, sort_keys=False, width=1000)
        write_atomically({target: f"---\n{front}---\n\n{article.body}".encode()}, root=guides)
    guide = write_guide(article, folder / "guide.md", force, old_title)
    return article, target, guide


def speakers_plain(body: str) -> str:
    """A transcript's speaker in bold (`**MODERATOR:** Good evening`) written plain: in bold, a
    leader's word heading a line is refused as a hidden note; plain, a speaker is printed (the
    build says once that such a line names who leads). The transcript is the article's own."""
    from studyguide.read.hiding import ROLE

    return re.sub(r"(?mi)^([ \t>]*)(\*\*|__)(" + ROLE + r"(?:'s)?)[ \t]*(:)?[ \t]*\2[ \t]*(:)?(?=[ \t]+\S)",
                  lambda m: f"{m.group(1)}{m.group(3)}{m.group(4) or m.group(5) or ''}", body)


def reading_title(path: Path) -> str | None:
    """The title in an old reading.md's front matter, to find its entry in the guide."""
    try:
        text = path.read_text(encoding="utf-8")
        found = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else None
    except (OSError, UnicodeDecodeError, IndexError, yaml.YAMLError):
        return None
    return found.get("title") if isinstance(found, dict) and isinstance(found.get("title"), str) else None


MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+[\"']([^\"']*)[\"'])?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)


def markdown_images(article: Article, page: Path, url: str | None, folder: Path, download: bool, timeout: float) -> str:
    """The images a pasted Markdown file shows, brought into the guide's folder like a web page's."""
    from studyguide.importer.images import place
    from studyguide.importer.tree import Image, escape

    found = [(m, Image(src=m.group(2) or m.group(3), alt=m.group(1), caption=m.group(4) or ""))
             for m in MD_IMAGE.finditer(article.body)]
    article.warnings.extend(place([image for _, image in found], page, url, folder, download, timeout))
    parts, last = [], 0
    for match, image in found:
        parts.append(article.body[last:match.start()])
        words = image.caption or image.alt
        parts.append(f"![{image.alt}]({image.target})" if image.target else f"*{escape(words)}*" if words else "")
        last = match.end()
    body = "".join(parts) + article.body[last:]
    if HTML_IMAGE.search(body):
        article.warnings.append("raw <img> tags removed: write images as ![text](file)")
        body = HTML_IMAGE.sub("", body)
    return body


def download_page(address: str, timeout: float) -> tuple[bytes, str, str]:
    from studyguide.importer.fetch import PAGE_LIMIT, FetchError, fetch

    try:
        return fetch(address, PAGE_LIMIT, timeout)
    except FetchError as exc:
        raise GuideError.at(address, None, f"{exc} (or save the page first, as 'Web page, complete', and import the saved file)") from None


def read_file(path: Path, limit: int) -> bytes:
    """The source's bytes: a regular file, within the limit (by its size, before reading)."""
    import stat

    try:
        info = path.stat()
    except OSError as exc:
        hint = " (to import a web address, write it with https://)" if re.match(r"^(www\.|[\w-]+\.[a-z]{2,}/)", str(path)) else ""
        raise GuideError.at(path, None, f"cannot read: {exc.strerror or exc}{hint}") from None
    if stat.S_ISDIR(info.st_mode):
        raise GuideError.at(path, None, "is a folder: import the saved page's .html file (its folder of images is found beside it)")
    if not stat.S_ISREG(info.st_mode):
        raise GuideError.at(path, None, "is not a regular file: save the page first, then import the saved file")
    if info.st_size > limit:
        raise GuideError.at(path, None, f"is {info.st_size:,} bytes; the limit is {limit:,}")
    try:
        return path.read_bytes()[: limit + 1]
    except OSError as exc:
        raise GuideError.at(path, None, f"cannot read: {exc.strerror or exc}") from None


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def decode(raw: bytes) -> str:
    """Text in whatever encoding the page declared or used, without control characters (no text has them)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            from trafilatura.utils import decode_file

            text = decode_file(raw)
    return without_c1(CONTROL.sub("", text))


C1 = re.compile(r"[\x80-\x9f]")
# Windows-1252's punctuation where Latin-1 has control characters: a page converted from one to UTF-8 as if
# it were the other writes "don\x92t"; these are put back as the writer typed them, the rest dropped.
C1_PUNCTUATION = {"\x85": "…", "\x91": "‘", "\x92": "’", "\x93": "“", "\x94": "”", "\x96": "–", "\x97": "—"}
C1_REFERENCE = re.compile(r"&#(?:(1[2-5]\d)|[xX]([89][0-9a-fA-F]));")


def without_c1(text: str) -> str:
    """No C1 control character (U+0080–U+009F) in the reading: the build refuses one (it prints as nothing).
    A numeric reference to one (`&#146;`) is the Windows-1252 character, as browsers read it."""
    def referenced(match: re.Match) -> str:
        code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
        if not 0x80 <= code <= 0x9f:
            return match.group(0)
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: nothing in Windows-1252 either
            return ""

    if "&#" in text:
        text = C1_REFERENCE.sub(referenced, text)
    return C1.sub(lambda m: C1_PUNCTUATION.get(m.group(0), ""), text) if C1.search(text) else text


def looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in raw[:20000].lower()


def hint_for_suffix(page: Path) -> str:
    if page.suffix.lower() in (".mhtml", ".mht", ".webarchive", ".maff"):
        return "a single-file web archive cannot be read: save the page as 'Web page, complete' (.html) and import that"
    if page.suffix.lower() in (".doc", ".docx", ".odt", ".rtf", ".epub"):
        return "import takes a web page (.html), a PDF, or text (.txt, .md): save the document as PDF or copy its text"
    return "import takes a saved web page (.html), a web address (https://…), a PDF (.pdf) or pasted text (.txt, .md)"


def fonts_missing(where, text: str) -> list[str]:
    """Said at import, not at the first build: letters the bundled fonts do not have."""
    from studyguide.render.glyphs import uncovered

    errors, _ = uncovered(Path(str(where)), text)
    return [d.message.replace("a guide in", "this reading will not build until a font for") + " is added" for d in errors]


def reading_entry(article: Article) -> dict:
    entry = {k: v for k, v in article.front_matter().items() if k != "standfirst"}
    if article.file:
        entry["file"] = article.file
    return entry


def write_guide(article: Article, guide: Path, force: bool, old_title: str | None = None) -> Path | None:
    """A guide.md to start from; or, with --force, the old guide's `reading` made the new article's."""
    from studyguide.importer.guide import skeleton, update_reading

    if not guide.exists():
        write_atomically({guide: skeleton(article, reading_entry(article)).encode()})
        return guide
    if force:
        text = guide.read_text(encoding="utf-8")
        try:
            updated = update_reading(text, reading_entry(article), article, old_title)
        except (ValueError, yaml.YAMLError) as exc:
            article.warnings.append(f"{guide}: its reading was not updated ({str(exc).splitlines()[0]}): "
                                    "edit its 'reading' to name the new article")
            return None
        if updated != text:
            write_atomically({guide.with_name("guide.md.bak"): text.encode()})
            write_atomically({guide: updated.encode()})
    return None
