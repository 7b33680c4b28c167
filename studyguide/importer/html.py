"""A saved web page as an article: trafilatura finds the main content, we walk
all of its tree, check we kept what it found, and read the page's metadata."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from studyguide.errors import GuideError
from studyguide.importer.run import ISSUE_RE
from studyguide.importer.between import put_back
from studyguide.importer.dates import dated
from studyguide.importer.furniture import furniture, kind, listed_furniture, only_not_found, paywall
from studyguide.importer.meta import normal, page_facts, standfirst_is_new
from studyguide.importer.names import clean_publication
from studyguide.importer.preformatted import marked, restored, without_marks
from studyguide.importer.prepare import SVG_MARK, prepared
from studyguide.importer.tidy import captions_once, standfirst_once, tidy_headings, without_image_furniture
from studyguide.importer.tree import Image, coverage, dropped, escape, escape_start, strip_markdown, untagged, walk_tree

CREDIT = re.compile(r"^\s*(©|\(c\)|(photo|foto|bild|image|crédit|credit|quelle|source)s?\s*:|(getty( images)?|afp|reuters|dpa|ap|"
                    r"imago|picture[- ]alliance|shutterstock|istock(photo)?|maxppp|epa)\b)", re.I)
MIN_COVERAGE = 0.95
LISTED = ("#", "- ", "1. ", "|")  # blocks that are headings, lists or tables, not the article's prose
# A date from the page's markup or address only: a search of its text took "© 2024" in the footer,
# or "in 2016" in a caption, for the day it was published (printed "1 January 2024" on the cover).
DATES = {"extensive_search": False, "original_date": True}
JS_MARKERS = re.compile(r"(enable javascript|javascript is (disabled|required)|you need to enable javascript|"
                        r"id=[\"'](root|app|__next|__nuxt)[\"']\s*>\s*</div>)", re.I)


def options(url: str | None) -> dict:
    """The same extraction for our tree and for the plain text it is checked against."""
    return {"include_formatting": True, "include_images": True, "include_links": True, "include_tables": True,
            "include_comments": False, "url": url, "deduplicate": False}


def plain_text(html: str, url: str | None = None) -> str:
    """trafilatura's own plain-text extraction, the measure of what ours must hold."""
    import trafilatura

    return trafilatura.extract(html, output_format="txt", **{**options(url), "include_images": False, "include_links": False}) or ""


def from_html(html: str, source, url: str | None = None):
    """(Article, blocks, warnings): the article's Markdown is made once its images are placed."""
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    from studyguide.importer.run import Article

    html = unicodedata.normalize("NFC", html)  # trafilatura gives NFC: a page in NFD (adac.de) read as two texts
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)  # past 256 levels: see prepare.shallow
        tree = lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        raise GuideError.at(source, None, "this is not a web page that can be read (is the file empty?)") from None
    if any("excessive depth" in error.message.lower() for error in parser.error_log):
        raise GuideError.at(source, None, "the page nests its elements too deep to be read whole (the rest of it would "
                            "be lost): copy the article's text into a .txt file and import that")
    facts = page_facts(tree.getroottree())
    not_found(tree, facts, source)
    from studyguide.importer.ldbody import from_metadata, ld_bodies

    bodies = ld_bodies(tree)  # JSON-LD's articleBody, which trafilatura reads as one paragraph
    bases = {_host(href) for href in tree.xpath("//base/@href")} - {None}  # (trafilatura takes the address from it)
    removed: list[tuple[int, str, str]] = []
    lines = marked(tree)  # <pre>, white-space: pre: the page's own line breaks, kept apart from trafilatura
    changed = prepared(tree, removed)
    url = url or facts.url
    paragraphs = [p for p in article_paragraphs(tree) if without_marks(p) == p]
    if changed or lines:
        html = lxml_html.tostring(tree, encoding="unicode")
    try:
        xml = trafilatura.extract(html, output_format="xml", **options(url))
        reference = plain_text(html, url)
        found = trafilatura.bare_extraction(html, with_metadata=True, url=url, include_comments=False,
                                            date_extraction_params=DATES) if xml else None
        walk = walk_tree(etree.fromstring(xml.encode()).find("main"), base_url=url) if xml else None
    except Exception as exc:  # trafilatura or lxml failing on a malformed page: say so, never a traceback
        raise GuideError.at(source, None, f"the page could not be read ({type(exc).__name__}): copy its text into a "
                                          ".txt file and import that") from None
    if not xml:
        raise GuideError.at(source, None, "no article text found in the page" + hint(html, tree))
    meta = (found.as_dict() if hasattr(found, "as_dict") else dict(found)) if found is not None else {}
    blocks: list = []
    lead = opening(walk, paragraphs)
    if lead:  # trafilatura took a container inside the <article> and left the paragraphs that open it
        walk.blocks[:0] = [escape_start(escape(text)) for text in lead]
        reference = "\n".join(lead) + "\n" + reference
    rest = ending(tree, walk)
    if rest:  # the article's body in chunks (an advert between them): trafilatura took the first
        walk.blocks.extend(escape_start(escape(text)) for text in rest)
        reference += "\n" + "\n".join(rest)
    warnings: list[str] = put_back(tree, walk, url)  # lists and tables trafilatura left out between paragraphs
    walk.blocks, said = from_metadata(walk.blocks, bodies, paragraphs)
    warnings += [said] if said else []
    restored(walk, lines)
    reference = without_marks(reference)
    for image in walk.images:
        image.src = image.src.removesuffix(SVG_MARK)
        if CREDIT.match(image.caption):
            image.caption = ""
        if CREDIT.match(image.alt):
            image.alt = ""
        image.quiet = bool(kind(image.caption or image.alt))  # (a share button's icon: "Twitter", "Facebook")
    walled_kept = None
    for at, block in enumerate(walk.blocks):
        words = strip_markdown(block) if isinstance(block, str) else ""
        short = isinstance(block, str) and len(words) < 160 and not block.startswith(("|", "- ", "1. "))
        if short and block.startswith("#") and _prose_follows(walk.blocks, at):  # `## Features` over its paragraphs
            blocks.append(block)
            continue
        what = furniture(words) if short else listed_furniture(block) if isinstance(block, str) else None
        if what is None and short and len(words.split()) <= 4 and CREDIT.match(words):
            what = "image credit"
        wall = paywall(words) if isinstance(block, str) and len(words) < 400 else None
        if wall == "notice":
            what = "paywall"
        elif wall:  # a long paragraph that holds a notice: kept, and said
            walled_kept = walled_kept or words
        if what:
            removed.append((0, what, words))
        else:
            blocks.append(block)
    blocks = captions_once(without_image_furniture(blocks, removed), removed)
    plain = walked_text(walk)
    if len(plain.split()) < 40 and hint(html, tree):
        raise GuideError.at(source, None, "no article text found in the page" + hint(html, tree))
    share = coverage(plain, reference)
    said = coverage_warning(plain, reference)
    if said:
        warnings.append(said)
    missing = pictures_left_out(tree, walk)
    if missing:
        warnings.append(f"{len(missing)} picture{'s' if len(missing) > 1 else ''} the page shows with the article "
                        "{} left out: ".format("were" if len(missing) > 1 else "was")
                        + "; ".join(f"“{text[:60]}”" for text in missing[:3]) + "; compare the reading with the page")
    more = paginated(tree)
    if more:
        warnings.append(f"the article goes on over more pages (“{more}”): the reading holds only the page saved; save "
                        "each page and paste their text into one .txt file, or save the site's one-page or print view")
    walled = next((text for _, what, text in removed if what == "paywall"), None) or walled_kept
    if walled:
        warnings.append(f"the page was saved behind a paywall (“{walled[:80]}”): the reading may hold only the "
                        "article's opening; save the page while signed in, or paste the whole text into a .txt file "
                        "and import that")
    left = left_out(walk, paragraphs)
    if left:
        warnings.append(f"the page's article has {len(left)} paragraph{'s' if len(left) > 1 else ''} or list item"
                        f"{'s' if len(left) > 1 else ''} the reading left out (another article, a box of links, or part "
                        "of this one?): "
                        + "; ".join(f"“{p[:80]}…”" for p in left[:3]) + "; compare the reading with the page")
    if bases and _host(meta.get("url")) in bases and _host(url) not in bases:
        # The address trafilatura found is the page's <base href>, which can point anywhere (a CDN, an archive's
        # mirror): neither the site's name it makes of it nor its host name the publication.
        meta = {**meta, "sitename": None, "hostname": None}
    sitename = clean_publication(meta.get("sitename"))
    sitename = sitename if sitename and re.search(r"[^\W\d_]", sitename) else None  # (trafilatura's "14.03.2025")
    domain = sitename is not None and re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", sitename) is not None  # made of an address
    facts.publication = clean_publication(facts.publication) or (None if domain else sitename) \
        or site_suffix(tree, facts, meta.get("title")) or sitename
    hostname = urlsplit(url).hostname if url else meta.get("hostname")
    from studyguide.importer.headline import page_title

    title = page_title(tree, facts, meta.get("title"), hostname)
    author = facts.author
    if author is None and meta.get("author"):
        from studyguide.importer.meta import clean_author, is_publication

        candidate = clean_author(meta["author"])
        if candidate and len(candidate.split()) >= 3 and re.fullmatch(r"(?i)" + MONTH_WORDS, candidate.split()[-1]):
            candidate = candidate.rsplit(" ", 1)[0]  # trafilatura's "Nathan Willis March" (March 25, 2015 below it)
        author = candidate if candidate and not is_publication(candidate, facts) and \
            re.sub(r"[\W_]+", "", candidate.lower()) not in facts.refused else None  # (trafilatura's "Notsotan Za")
    if author and facts.publication:  # (the publication known only now, from trafilatura: "CDU - Fraktion Erfurt")
        from studyguide.importer.meta import is_publication

        author = None if is_publication(author, facts) else author
    blocks = tidy_headings(blocks, title, removed)
    for image in (b for b in blocks if isinstance(b, Image)):  # the headline as a picture's caption (rt.com, 9to5mac)
        if normal(image.caption or image.alt) == normal(title) and normal(title):
            removed.append((0, "headline again as a caption", title[:80]))
            image.quiet = True
    first = " ".join([b for b in blocks if isinstance(b, str) and not b.startswith("#")][:2])
    from studyguide.importer.standfirst import choose

    standfirst = choose(facts.standfirsts, title, author, facts.publication,
                        lambda found: standfirst_is_new(found, title, strip_markdown(first)))
    blocks = standfirst_once(blocks, standfirst, removed)
    from studyguide.importer.buried import buried_start

    others = buried_start(blocks, title)
    if others:
        warnings.append(f"the reading starts with {len(others)} paragraphs that seem to be other stories (teasers, an "
                        "advert), not the article: " + "; ".join(f"“{p[:60]}…”" for p in others[:3])
                        + "; cut them from reading.md, or save the article's own page or print view")
    text = re.sub(r"<[^>]+>", " ", html)
    issue = ISSUE_RE.search(text)
    article = Article(title=title, body="", author=author, publication=facts.publication, issue=issue.group(1) if issue else None,
                      date=dated(facts.date, _as_written(meta.get("date"), html, url), url), url=url, standfirst=standfirst, removed=removed,
                      lang=facts.lang or meta.get("language"))
    article.coverage = share
    prose = sum(len(strip_markdown(b)) for b in blocks if isinstance(b, str) and not b.startswith(LISTED))
    listed = sum(len(strip_markdown(b)) for b in blocks if isinstance(b, str) and b.startswith(LISTED))
    if prose < 500 and listed > prose and not (article.author or article.date):  # (a dated post of notes is one)
        warnings.append("the page looks like a list of articles (a front page, a section or search page), not one "
                        "article: open the article itself in the browser and save that")
    return article, blocks, warnings


def _host(address) -> str | None:
    try:
        host = urlsplit(address).hostname if isinstance(address, str) and address.strip() else None
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def site_suffix(tree, facts, found: str | None) -> str | None:
    """The site's name a page's <title> gives after its headline ("Dockers win pay rise | The Daily Example"),
    where the page's headline (its og:title, its <h1>) is the title's first part: not a section, a date or
    the writer."""
    from studyguide.importer.headline import fold, page_h1
    from studyguide.importer.meta import DATE_PART, SEPARATORS
    from studyguide.importer.names import SECTIONS

    document = " ".join(tree.xpath("string(//head/title)").split())
    cuts = list(SEPARATORS.finditer(document))
    if not cuts:
        return None
    headlines = {fold(h) for h in (facts.title, page_h1(tree), found) if h and fold(h)}
    for cut in cuts:
        if fold(document[:cut.start()]) in headlines:
            parts = [part.strip() for part in SEPARATORS.split(document[cut.end():]) if part.strip()]
            parts = [part for part in parts if not (DATE_PART.match(part) or SECTIONS.match(part) or fold(part) in headlines
                                                    or facts.author and fold(part) == fold(facts.author))]
            last = parts[-1] if parts else ""
            return clean_publication(last) if 1 <= len(last.split()) <= 6 and re.search(r"[^\W\d_]", last) else None
    return None


def not_found(tree, facts, source) -> None:
    """A site's 'page not found' page, saved in place of the article, is refused: imported, it
    printed "Sorry, we can't find that page" as the reading."""
    headline = " ".join(tree.xpath("string(//h1)").split())
    words = len(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
    if (only_not_found(facts.title or "", facts) or only_not_found(headline, facts)) and words < 400:
        raise GuideError.at(source, None, f"this is the site's 'page not found' page (“{headline or facts.title}”), not "
                                          "an article: open the article in the browser and save it again")


def article_paragraphs(tree) -> list[str]:
    """The paragraphs of the page's one <article> (outside its asides, figures, forms and
    navigation): a second measure of the article that does not come from trafilatura, which
    may take a container inside the article (`article-body`, `entry-content`) and leave the
    opening paragraphs around it, often the article's whole argument."""
    article = one_article(tree)
    if article is None:
        return []
    furniture = "ancestor::aside|ancestor::nav|ancestor::figure|ancestor::form|ancestor::footer|ancestor::header"
    # A list item of a few words counts too: trafilatura drops a list whose items are links (the
    # sources a story cites, the bugs a release fixed) as it drops a box of links.
    return [text for p in article.iter("p", "li") if not p.xpath(furniture) and not _in_furniture(p)
            and not ABOUT.search(f"{p.get('class', '')} {p.get('id', '')}")
            and not (p.tag == "li" and p.xpath(".//p|.//li|.//ul|.//ol"))
            for text in [" ".join(_said(p).split())] if len(text.split()) >= (12 if p.tag == "p" else 3)]


def _said(element) -> str:
    """An element's words as the page shows them: not a script's, a style's, a button's or a hidden span's."""
    return "".join(part if isinstance(part, str) else " " for part in  # (a <br> between two lines of a verse: a space)
                   element.xpath(".//text()[not(ancestor::script|ancestor::style|ancestor::noscript|ancestor::template|"
                                 "ancestor::button|ancestor::select)]|.//br"))


# The boxes a news page puts inside its article that are not the article: appeals, sign-ups, sharing, related links.
FURNITURE_BOX = re.compile(r"donat|newsletter|subscri|sign-?up|related|share|sharing|social|promo|advert|\bads?\b|"
                           r"sponsor|comment|paywall|author|byline|\btags?\b|breadcrumb|\bcta\b|read-?more|more-from|"
                           r"recommend|outbrain|taboola|popular|trending|sidebar|footer|support-us|membership", re.I)


# A paragraph about the article, which the reading carries in its front matter (the standfirst printed above it).
MONTH_WORDS = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


NEXT_PAGE = re.compile(r"^\W*(?:next page|continue (?:reading )?on (?:the )?next page|page suivante|nächste seite|"
                       r"siguiente página|próxima página|pagina successiva|следующая страница)\W*$", re.I)
PAGE_ONE = re.compile(r"\b(?:page|seite|página|pagina|страница) 1 (?:of|von|de|di|из) ([2-9]|\d{2})\b", re.I)


def paginated(tree) -> str | None:
    """What says the article continues on another page: `<link rel="next">`, a "Next page" link, "Page 1 of 3"."""
    for link in tree.iter("link"):  # (a blog's rel="next" names the next post: only a second page counts)
        if (link.get("rel") or "").lower() == "next" and re.search(r"[?&](?:page|p|pg)=2\b|/page/2\b|/2/?$|[-_]2\.html?$",
                                                                   link.get("href") or ""):
            return f'rel="next" {link.get("href")}'
    for anchor in tree.iter("a"):
        words = " ".join(" ".join(anchor.itertext()).split())
        if NEXT_PAGE.match(words):
            return words
    # "Page 1 of 3" standing alone (a pager), not inside a sentence ("Page 1 of 3 of the original report was missing")
    for text in tree.xpath("//text()[contains(translate(., 'PAGE', 'page'), 'page') or contains(., 'eite') or "
                           "contains(., 'ágina') or contains(., 'agina') or contains(., 'траниц')]"):
        holder = text.getparent()
        for box in (holder, holder.getparent() if holder is not None else None):  # ("Page <b>1</b> of 3")
            words = " ".join(" ".join(box.itertext()).split()) if box is not None and isinstance(box.tag, str) else ""
            found = PAGE_ONE.search(words) if len(words) <= 40 else None
            if found:
                return found.group(0)
    return None


def _prose_follows(blocks: list, at: int) -> bool:
    """The block after `at` is a paragraph of the article's prose (a heading over it is the article's, whatever its word)."""
    after = next((b for b in blocks[at + 1:] if not isinstance(b, str) or b.strip()), None)
    return isinstance(after, str) and not after.startswith(("#", "|", "- ", "1. ", ">")) and \
        len(strip_markdown(after).split()) >= 12 and strip_markdown(after).rstrip().endswith((".", "!", "?", "…", "”", "\""))


def _as_written(date: str | None, html: str, url: str | None = None) -> str | None:
    """trafilatura's date, where the page writes that very day unambiguously (htmldate mends
    "2024-02-30" into "2024-02-01", and reads "10/04/2016" day first), and the article's address,
    where it has a year and month (`/2016/10/`), agrees: none is better than a day the page never gave."""
    from studyguide.importer.meta import iso

    day = iso(date)
    if not day:
        return None
    y, m, d = day.split("-")
    month = MONTHS[int(m) - 1]
    plain = {f"{y}-{m}-{d}", f"{d}.{m}.{y}", f"{int(d)}.{int(m)}.{y}", f"{y}/{m}/{d}", f"{y}{m}{d}",
             f"{month} {int(d)}, {y}", f"{int(d)} {month} {y}", f"{month[:3]} {int(d)}, {y}", f"{int(d)} {month[:3]} {y}",
             f"{month[:3]}. {int(d)}, {y}"}
    slashed = {f"{d}/{m}/{y}", f"{m}/{d}/{y}"}
    if not any(form in html for form in plain):
        if not any(form in html for form in slashed) or (int(d) <= 12 and d != m):  # 10/04/2016: which is the month?
            return None
    address = re.search(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/", url or "")
    if address and (address.group(1), address.group(2)) != (y, m):
        return None
    return day


ABOUT = re.compile(r"standfirst|kicker|byline|\bdek\b|subhead|strapline|caption|credit|dateline|timestamp", re.I)


def _in_furniture(element) -> bool:
    return any(FURNITURE_BOX.search(f"{box.get('class', '')} {box.get('id', '')}")
               for box in element.iterancestors() if box.tag != "article")


class Holds:
    """Does a text hold a paragraph's opening words (its first twelve, folded)? A search of the
    whole reading for each of the page's paragraphs took 534 s on a 9 MB page: here each run of
    words the length of an opening is put in a set once, and a paragraph is one look-up."""

    LENGTH = 12

    def __init__(self, text: str) -> None:
        self.words = re.findall(r"[^\W_]+", strip_markdown(text.replace("_", " ")).lower())  # (`a_b`, a\_b: a b)
        self.runs: dict[int, set[str]] = {}

    def __contains__(self, paragraph: str) -> bool:
        words = re.findall(r"[^\W_]+", paragraph.lower())[:self.LENGTH]  # the page's words, not Markdown
        if not words:
            return True
        k = len(words)
        if k not in self.runs:
            self.runs[k] = {"".join(self.words[i:i + k]) for i in range(max(0, len(self.words) - k + 1))}
        return "".join(words) in self.runs[k]


def left_out(walk, paragraphs: list[str]) -> list[str]:
    """The article's paragraphs (article_paragraphs) that the reading lacks."""
    if walk is None or not paragraphs:
        return []
    ours = Holds(walked_text(walk))
    return [p for p in paragraphs if p not in ours and "<" not in p]


def opening(walk, paragraphs: list[str]) -> list[str]:
    """The article's paragraphs before the first one the reading holds, which it lacks: its
    opening, when trafilatura took the container after it. (What it lacks further on may be
    another article or a box of links: that is only said, by left_out's warning.)"""
    if walk is None or not paragraphs:
        return []
    ours = Holds("\n".join(b for b in walk.blocks if isinstance(b, str)))
    first = next((n for n, p in enumerate(paragraphs) if p in ours), None)
    return [p for p in paragraphs[:first] if "<" not in p and p not in ours] if first else []


def ending(tree, walk) -> list[str]:
    """The article's paragraphs after the last one the reading holds, in a box of the same class as
    that one's: its body in chunks (Condé Nast's `body__inner-container`, an advert between two), of
    which trafilatura took the first. The New Yorker's essay lost its last 38 % so."""
    article = one_article(tree) if walk is not None else None
    if article is None:
        return []
    ours = Holds("\n".join(b for b in walk.blocks if isinstance(b, str)))
    found = [(p, text) for p in article.iter("p") if not _in_furniture(p)
             and not p.xpath("ancestor::aside|ancestor::nav|ancestor::figure|ancestor::form|ancestor::footer")
             for text in [" ".join(_said(p).split())] if len(text.split()) >= 12]
    held = [n for n, (_, text) in enumerate(found) if text in ours]
    if not held:
        return []
    box = found[held[-1]][0].getparent()
    kind = (box.get("class") or "").strip() if box is not None else ""
    rest = []
    for element, text in found[held[-1] + 1:]:
        parent = element.getparent()
        if not kind or parent is None or parent is box or (parent.get("class") or "").strip() != kind:
            break
        rest.append(text)
    return rest


def pictures_left_out(tree, walk) -> list[str]:
    """The described pictures of the page's article (in a <figure>, outside its furniture) that
    the reading has neither as a picture nor in words: trafilatura drops a figure it cannot
    place (eHow's steps lost each picture and its caption)."""
    if walk is None:
        return []
    scope = one_article(tree)
    scope = tree if scope is None else scope
    ours = fold(walked_text(walk) + "\n" + "\n".join(f"{i.alt} {i.caption}" for i in walk.images))
    missing = []
    for image in scope.xpath(".//figure//img[@alt]"):
        alt = " ".join(untagged(image.get("alt", "")).split())
        if len(alt.split()) >= 3 and not image.xpath("ancestor::nav|ancestor::aside|ancestor::header|ancestor::footer") \
                and not _in_furniture(image) and fold(alt)[:60] not in ours:
            missing.append(alt)
    return list(dict.fromkeys(missing))


def one_article(tree):
    """The page's one outermost <article>, or None (none, or several: a list of them)."""
    articles = tree.xpath("//article[not(ancestor::article)]")
    return articles[0] if len(articles) == 1 else None


def walked_text(walk) -> str:
    """The words the walk found, a picture's by its description and caption."""
    return "\n".join(b if isinstance(b, str) else f"{b.alt} {b.caption}" for b in walk.blocks)


def fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", strip_markdown(text).lower())


def coverage_warning(ours: str, reference: str) -> str | None:
    """Said when our Markdown holds less than 95 % of the words of trafilatura's own text, naming what is missing."""
    share = coverage(ours, reference)
    if share >= MIN_COVERAGE:
        return None
    lost = dropped(ours, reference)
    return f"the reading holds {share:.0%} of the words trafilatura found; left out: " + "; ".join(f"“{t}”" for t in lost)


def hint(html: str, tree) -> str:
    """Why a page may have no text, and what to do about it."""
    text = " ".join(" ".join(t for t in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
    scripts = len(tree.xpath("//script"))
    if JS_MARKERS.search(html) or len(text) < 400 and scripts >= 3:
        return ": this page is built by JavaScript: copy its text instead (select the article, paste it into a .txt file, import that)"
    if len(text) < 200:
        return ": the file holds almost no text (save the page first, as 'Web page, complete', once it has loaded)"
    return ""


def markdown_of(blocks: list, removed_images: list[str] | None = None) -> str:
    """The article's Markdown, images where they were placed, captions where they were not."""
    out = []
    for block in blocks:
        if isinstance(block, Image):
            words = "" if block.quiet else block.caption or block.alt
            if block.target:
                alt = (block.alt or block.caption).replace("]", "").replace("[", "")
                out.append(f"![{alt}]({block.target})")
                if block.caption and not block.quiet:
                    out.append(f"*{escape_caption(block.caption)}*")
            elif words:
                out.append(f"*{escape_caption(words)}*")
        elif block.strip():
            out.append(block)
    return "\n\n".join(out) + "\n"


def escape_caption(text: str) -> str:
    from studyguide.importer.tree import escape

    return escape(text)
