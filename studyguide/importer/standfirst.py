"""The standfirst printed in italics under the reading's headline: the article's own summary
or nothing. Saved pages offered script text ("if (AD_DESIGN == 'gpt')"), an advert ("Our
Online Games Play right from this page"), another story's headline, a photo caption
("Media caption …", "Illustration by …") and bylines, all by a class name like `summary` or
`teaser`. The page's description (og:description, description, twitter:description) is the
summary its editors wrote, so it comes first; a paragraph found by its class is taken only
inside the article and away from links, lists and boxes; and every candidate must pass the
checks below, or there is no standfirst (fail closed: an empty line is better than junk)."""

from __future__ import annotations

import re

from studyguide.importer.furniture import kind, paywall

DESCRIPTIONS = ("og:description", "description", "twitter:description", "dc.description", "dcterms.description")
CLASSES = re.compile(r"\b(standfirst|dek|subtitle|summary|excerpt|lede|lead|intro|teaser-text|sub-heading|article-intro)\b")
# Where a paragraph with such a class is another story's teaser, a caption or a box, not this article's summary.
ELSEWHERE = re.compile(r"related|promo|teaser|recommend|more-|popular|trending|sidebar|rail|outbrain|taboola|"
                       r"caption|credit|media|video|gallery|newsletter|sponsor|advert|\bads?\b|comment|footer|nav|menu|"
                       r"card|story-?list|module", re.I)
CODE = re.compile(r"[{}]|==|=>|!function|\bfunction\s*\(|\(\s*\)\s*;|\bvar\s+\w+\s*=|\b(?:window|document)\.\w|"
                  r"</?\w+[^>]*>|\bcmd\.push\b|googletag")
CAPTION = re.compile(r"(?i)^(?:media|image|video|photo) caption\b|\b(?:photograph|photo|picture|image|illustration|"
                     r"video|foto|bild)\s*(?:by|:|von|de)\s|\bmain image\s*:|\bgetty images\b|\(photo\b|©|"
                     r"\b(?:AP|AFP|Reuters|EPA) (?:Photo|Images)\b")
BYLINE = re.compile(r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or)\s+[A-ZÀ-Þ]|\bmore (?:stories|articles) by\b|\((?:reporting|photography)\)",
                    re.I)
ADVERT = re.compile(r"(?i)^\W*(?:promoted|sponsored|advertisement|anzeige|publicité|paid content)\b|play right from this page|"
                    r"\bonline games\b|sorry you didn'?t like|\bclick here\b|here'?s the rundown|\bquick look\b|"
                    r"\blatest news and headlines\b|\bbreaking news\b.*\bvideos?\b|^welcome to\b|official (?:web)?site\b|"
                    r"\bsubscribe\b|\babonnez-vous\b|\bsign up\b|\bnewsletter\b|\bcookies?\b|\bour (?:new )?book\b|"
                    r"\b(?:buy|shop|order|download) (?:it )?now\b|\bpre-?order\b|\bin your (?:facebook |news ?)?feed\b|"
                    r"\b(?:like|follow) us\b")
ELLIPSIS = ("...", "…")


def page_standfirst(tree, metas: dict[str, str], ld_description: str | None = None) -> tuple[tuple, tuple]:
    """The candidates, best first: (the page's descriptions, paragraphs by class inside the article)."""
    found = [metas.get(key) for key in DESCRIPTIONS] + [ld_description]
    return tuple(c for c in dict.fromkeys(found) if c), tuple(by_class(tree))


STRICT = re.compile(r"\b(standfirst|dek|subtitle|sub-heading|article-intro|article__dek|content-header__dek)\b")


def by_class(tree) -> list[str]:
    """Paragraphs whose class names a standfirst, where an article's standfirst sits: not in a link, a list,
    a figure, navigation or a box of other stories, and not a handful of words."""
    found = []
    for element in tree.iter("p", "div", "h2"):
        if not CLASSES.search((element.get("class") or "").lower()):
            continue
        strict = bool(STRICT.search((element.get("class") or "").lower()))
        if element.xpath("ancestor-or-self::a|ancestor::li|ancestor::figure|ancestor::figcaption|ancestor::nav|"
                         "ancestor::aside|ancestor::footer|ancestor::form|.//script|.//li|.//figure|.//img"):
            continue
        if any(ELSEWHERE.search(f"{box.get('class', '')} {box.get('id', '')}") for box in element.iterancestors()
               if box.tag not in ("html", "body")) or ELSEWHERE.search(element.get("class") or ""):
            continue
        links = "".join("".join(a.itertext()) for a in element.iter("a"))
        text = " ".join(" ".join(element.itertext()).split())
        if 20 < len(text) < 600 and len(links) < len(text) / 2:
            found.append((text, strict))
    return found[:2]


def sane(text: str | None, title: str, author: str | None = None, publication: str | None = None) -> str | None:
    """`text` as a standfirst, tidied, or None when it is not a summary of this article."""
    if not text:
        return None
    text = " ".join(text.split())
    fold = lambda s: re.sub(r"\W+", " ", (s or "").lower()).strip()  # noqa: E731
    if title and text.startswith(title) and re.match(r"\s*[:–—|-]", text[len(title):]):  # "Headline: the summary"
        text = text[len(title):].strip(" :–—-|")
        text = text[:1].upper() + text[1:]
    if CODE.search(text) or CAPTION.search(text) or BYLINE.search(text) or ADVERT.search(text):
        return None
    if kind(text) or paywall(text) or len(text.split()) < 5:
        return None
    letters = sum(c.isalpha() for c in text)
    if letters < len(text) * 0.6 or sum(c.isdigit() for c in text) > len(text) * 0.1:  # a ticker, a date line
        return None
    t = fold(title)
    if t and (t in fold(text) and len(t.split()) >= 4 or fold(text) in t):  # the headline again, with more
        return None
    if author and len(fold(author)) > 4 and fold(author) in fold(text):  # a byline or the writer's biography
        return None
    if publication and len(fold(publication)) > 3 and fold(text).startswith(fold(publication)):  # the site's own blurb
        return None
    if text.endswith(ELLIPSIS) or re.search(r"(?i)\b(?:and|or|but|the|a|an|of|to|in|for|with|und|et|y)$", text):  # cut short
        ends = [m.end() for m in re.finditer(r"[.!?][”\"’»)]?(?=\s)", text)]
        if not ends or ends[-1] < 40:
            return None
        text = text[: ends[-1]]
    return text


def choose(candidates: tuple[tuple, tuple], title: str, author: str | None, publication: str | None,
           new=lambda text: True) -> str | None:
    """The first description that passes, if it says something `new` (not the first paragraph again);
    a paragraph by its class only where no description passes. A page whose summary is its opening has
    no standfirst: its other 'summary' boxes were adverts and appeals ("Like Atlas Obscura and get …")."""
    descriptions, by_class = candidates
    opening = False
    for candidate in descriptions:
        found = sane(candidate, title, author, publication)
        if found and new(found):
            return found
        if found:
            opening = True  # (then only a paragraph the page names its standfirst or dek: slate.com's)
            break
    for candidate, strict in by_class:
        found = sane(candidate, title, author, publication)
        if found and new(found) and (strict or not opening):
            return found
    return None
