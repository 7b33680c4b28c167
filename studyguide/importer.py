"""`studyguide import`: a saved web article, or pasted text, made into the
reading of a guide (`reading.md`) and, where there is none, a guide to start from.

HTML goes through trafilatura (main-content extraction); we add what it leaves
out: the issue number and the standfirst. Pasted text goes through our own
clean-up, and every line removed is reported, so nothing vanishes silently."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import GuideError
from .furniture import kind
from .scaffold import slugify

ISSUE_RE = re.compile(r"\bIssue\s*(?:No\.?\s*)?#?\s*(\d{1,6})\b", re.I)
BYLINE_RE = re.compile(r"^\s*(?i:by)\s+([A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5})\s*$")
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE_RE = re.compile(rf"^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{{1,2}})\s+({MONTHS})\s+(\d{{4}})\s*$", re.I)
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
    removed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, text)

    def front_matter(self) -> dict:
        keys = ("title", "author", "publication", "issue", "date", "url", "standfirst")
        return {k: getattr(self, k) for k in keys if getattr(self, k)}


def from_html(html: str, url: str | None = None) -> Article:
    """Main content by trafilatura, as Markdown of our own making from its XML."""
    import trafilatura
    from lxml import etree

    found = trafilatura.bare_extraction(html, with_metadata=True, include_formatting=True, include_images=True,
                                        favor_precision=True, url=url)
    xml = trafilatura.extract(html, output_format="xml", include_formatting=True, include_images=True,
                              favor_precision=True, url=url)
    if not xml or found is None:
        raise GuideError.at("import", None, "no article text found in the page")
    meta = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    body = xml_to_markdown(etree.fromstring(xml.encode()).find("main"))
    text = re.sub(r"<[^>]+>", " ", html)
    issue = ISSUE_RE.search(text)
    return Article(
        title=(meta.get("title") or "").strip() or "Untitled",
        body=body,
        author=meta.get("author"),
        publication=meta.get("sitename"),
        issue=issue.group(1) if issue else None,
        date=meta.get("date"),
        url=url or meta.get("url"),
        standfirst=standfirst(html) or meta.get("description"),
    )


def standfirst(html: str) -> str | None:
    """The paragraph under the headline, by the class names news sites give it."""
    match = re.search(r'<(p|div|h2)[^>]*class="[^"]*\b(standfirst|dek|subtitle|summary|excerpt|lede|sub-heading)\b[^"]*"[^>]*>(.*?)</\1>',
                      html, re.S | re.I)
    if not match:
        return None
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(3))).split()) or None


def xml_to_markdown(main) -> str:
    """trafilatura's XML (p, head, quote, list, hi, graphic) as Markdown."""
    def inline(element) -> str:
        parts = [escape(element.text or "")]
        for child in element:
            inner = inline(child)
            rend = child.get("rend", "")
            if child.tag == "hi" and rend in ("#i", "#u"):
                parts.append(f"*{inner.strip()}*")
            elif child.tag == "hi" and rend == "#b":
                parts.append(f"**{inner.strip()}**")
            elif child.tag == "lb":
                parts.append("  \n")
            elif child.tag == "ref" and child.get("target", "").startswith("http"):
                parts.append(f"[{inner}]({child.get('target')})")
            else:
                parts.append(inner)
            parts.append(escape(child.tail or ""))
        return "".join(parts)

    blocks = []
    for element in main if main is not None else []:
        if element.tag == "p":
            blocks.append(" ".join(inline(element).split()))
        elif element.tag == "head":
            level = {"h1": "##", "h2": "##", "h3": "###"}.get(element.get("rend", ""), "###")
            blocks.append(f"{level} {' '.join(inline(element).split())}")
        elif element.tag == "quote":
            text = "\n\n".join(" ".join(inline(p).split()) for p in element) if len(element) else " ".join(inline(element).split())
            blocks.append("\n".join(f"> {line}" if line else ">" for line in text.split("\n")))
        elif element.tag == "list":
            marker = "1." if element.get("rend") == "ol" else "-"
            blocks.append("\n".join(f"{marker} {' '.join(inline(item).split())}" for item in element if item.tag == "item"))
        elif element.tag == "graphic" and element.get("src"):
            blocks.append(f"![{element.get('alt', '')}]({element.get('src')})")
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def escape(text: str) -> str:
    """Keep pasted characters from being read as Markdown by accident."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def from_text(text: str, markdown: bool = False) -> Article:
    """Pasted text: furniture removed (and listed), metadata found in the lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[tuple[int, str]] = []
    removed: list[tuple[int, str, str]] = []
    captions: set[int] = set()
    after_latest = False
    for number, line in enumerate(lines, start=1):
        what = kind(line)
        if what == "latest news":
            after_latest = True
        elif what is None and after_latest and line.strip() and len(line.split()) < 14 and not line.rstrip().endswith((".", "?", "!", "”", '"')):
            what = "latest news"  # the headlines listed under "Latest News"
        elif line.strip():
            after_latest = False
        if what is None and kept and line.strip() and line.strip() == kept[-1][1].strip() and len(line) < 200:
            what = "doubled line"  # a caption pasted twice: the one kept is set as a caption
            captions.add(kept[-1][0])
        if what == "teaser" and kept and kept[-1][1].strip() and len(kept[-1][1]) < 140 and not kept[-1][1].rstrip().endswith("."):
            number_before, headline = kept.pop()
            removed.append((number_before, "teaser headline", headline.strip()))
        if what:
            removed.append((number, what, line.strip()))
        else:
            kept.append((number, line))
    article = Article(title="Untitled", body="", removed=removed)
    for _, what, line in removed:
        owner = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(.+?)(?:,?\s+\d{4})?\.?$", line, re.I)
        if what == "copyright" and owner:
            article.publication = owner.group(1).strip()
    paragraphs: list[str] = []
    texts = {number: line.strip() for number, line in kept}
    for number, line in kept:
        stripped = line.strip()
        plain = stripped.lstrip("#").strip()
        if not stripped:
            paragraphs.append("")
            continue
        if article.issue is None and ISSUE_RE.fullmatch(plain):
            article.issue = ISSUE_RE.search(plain).group(1)
        elif article.author is None and BYLINE_RE.match(plain):
            article.author = BYLINE_RE.match(plain).group(1)
        elif article.date is None and (DATE_RE.match(plain) or ISO_DATE_RE.match(plain)):
            article.date = iso_date(plain)
        elif article.title == "Untitled":
            article.title = plain
        elif article.standfirst is None and not paragraphs_with_text(paragraphs) and len(plain) < 300 and article.author is None:
            article.standfirst = plain
        elif markdown:
            paragraphs.append(stripped)
        elif number in captions:
            paragraphs.append(f"*{escape(stripped)}*")
        elif is_subheading(stripped, texts.get(number - 1, ""), texts.get(number + 1, "")) and paragraphs_with_text(paragraphs):
            paragraphs.append(f"## {escape(stripped)}")
        else:
            paragraphs.append(escape(stripped))
    article.body = "\n\n".join(p for p in paragraphs if p) + "\n"
    return article


def is_subheading(line: str, before: str, after: str) -> bool:
    """A short line standing alone between paragraphs, without a full stop."""
    return (not before and not after and len(line.split()) <= 8
            and not line.endswith((".", ",", ";", ":", "?", "!", "”", '"', "’")))


def paragraphs_with_text(paragraphs: list[str]) -> bool:
    return any(p.strip() for p in paragraphs)


def iso_date(text: str) -> str:
    match = DATE_RE.match(text)
    if match:
        day, month, year = match.groups()
        return dt.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date().isoformat()
    return text.strip()


def write_reading(article: Article, guides: Path, slug: str | None, force: bool) -> tuple[Path, Path | None]:
    """guides/<slug>/reading.md, and guide.md if there is none. Never overwrites without `force`."""
    from .slugs import guide_folder

    folder = guide_folder(guides, slug if slug is not None else slugify(article.title))
    reading, guide = folder / "reading.md", folder / "guide.md"
    if reading.exists() and not force:
        raise GuideError.at(reading, None, "exists already: use --force to replace it")
    folder.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(article.front_matter(), allow_unicode=True, sort_keys=False, width=1000)
    reading.write_text(f"---\n{front}---\n\n{article.body}", encoding="utf-8")
    if guide.exists():
        return reading, None
    meta = {k: v for k, v in article.front_matter().items() if k != "standfirst"}
    skeleton = {"title": f"Reading guide: {article.title}", "date": dt.date.today().isoformat(), "reading": meta}
    guide.write_text(
        "---\n" + yaml.safe_dump(skeleton, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"
        "<!-- The reading is printed after the cover, from reading.md beside this file. -->\n\n"
        "## Summary\n\nSummarise the article's argument in your own words.\n\n"
        "## Discussion questions\n\n1. What is the article's main argument?\n2. What evidence does it give?\n",
        encoding="utf-8",
    )
    return reading, guide


def import_source(source: Path, guides: Path = Path("guides"), slug: str | None = None, url: str | None = None,
                  force: bool = False) -> tuple[Article, Path, Path | None]:
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise GuideError.at(source, None, f"cannot read: {exc.strerror or exc}") from None
    text = raw.decode("utf-8", errors="replace")
    if source.suffix.lower() in (".html", ".htm"):
        article = from_html(text, url)
    elif source.suffix.lower() in (".txt", ".md", ".markdown"):
        article = from_text(text, markdown=source.suffix.lower() != ".txt")
        article.url = url or article.url
    else:
        raise GuideError.at(source, None, "import takes a saved web page (.html) or pasted text (.txt, .md)")
    if not article.body.strip():
        raise GuideError.at(source, None, "no article text found")
    reading, guide = write_reading(article, guides, slug, force)
    return article, reading, guide
