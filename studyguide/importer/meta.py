"""What a saved page says about its article: title without the site's suffix,
the writer (never the publication), the date it was first published, its
language, and a standfirst that is not the headline or first paragraph again."""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass

from studyguide.importer.dates import is_placeholder
from studyguide.importer.names import SECTIONS, byline_tidied, headline_part

SEPARATORS = re.compile(r"\s+[|–—·•:»\-]{1,2}\s+")
DATE_PART = re.compile(r"^[\d\s./:-]+$|^\d{1,2}\.?\s+\w+\.?\s+\d{4}$")
PUBLISHED_KEYS = ("article:published_time", "datepublished", "dc.date.issued", "dcterms.created", "date", "pubdate",
                  "publishdate", "publish-date", "og:published_time", "sailthru.date", "dc.date")


@dataclass
class PageFacts:
    title: str | None = None
    author: str | None = None
    publication: str | None = None
    date: str | None = None
    lang: str | None = None
    url: str | None = None
    description: str | None = None
    standfirst: str | None = None
    refused: frozenset = frozenset()  # the page's author names that are none (a handle), folded
    standfirsts: tuple = ((), ())  # the candidates for the standfirst: (descriptions, paragraphs by class)
    metas: dict | None = None  # the page's meta tags, by their lower-cased names


def page_facts(tree) -> PageFacts:
    """Meta tags, JSON-LD and the html element's `lang`, from an lxml HTML tree."""
    facts = PageFacts()
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").lower()
        content = meta.get("content") or (meta.get("value") if key.startswith(("og:", "twitter:")) else None)
        # (bloomberg.com writes its Open Graph tags with `value=`; a blog theme's `<meta name=author value=…>` names
        # the theme's maker, not the post's writer)
        if key and content and content.strip() and key not in metas:
            value = " ".join(content.split())
            if re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", value, re.I):  # escaped twice (`B&amp;amp;B`): once more
                value = html_lib.unescape(value)
            metas[key] = value
    ld = {key: text for key, value in json_ld(tree).items() if (text := ld_text(value, key)) is not None} | \
        {key: value for key, value in json_ld(tree).items() if key in ("author", "publisher")}
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    facts.lang = language(root.get("lang") or root.get("xml:lang") or metas.get("content-language")
                          or metas.get("og:locale") or metas.get("language") or metas.get("dc.language"))
    facts.publication = metas.get("og:site_name") or ld_name(ld.get("publisher"))
    facts.title = metas.get("og:title") or ld.get("headline") or metas.get("twitter:title")
    headline = ld.get("headline")
    if headline and facts.title != headline and SEPARATORS.match(facts.title[len(headline):] + " ") \
            and facts.title.startswith(headline):  # og:title "… | Editorial": the JSON-LD headline is the bare one
        facts.title = headline
    facts.description = metas.get("og:description") or metas.get("description") or ld.get("description")
    facts.url = metas.get("og:url")
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            facts.url = link.get("href")
    authors = [metas.get("author"), metas.get("article:author"), metas.get("dc.creator"), metas.get("byl"),
               metas.get("sailthru.author"), metas.get("parsely-author"), ld_name(ld.get("author")), metas.get("twitter:creator")]
    facts.author = next((a for a in (writer(clean_author(x), facts) for x in authors) if a), None)
    facts.refused = frozenset(re.sub(r"[\W_]+", "", x.lower()) for x in authors if x and not clean_author(x))
    if facts.author is None:
        facts.author = byline(tree, facts)
    published = [metas.get(k) for k in PUBLISHED_KEYS] + [ld.get("datePublished")]
    published += [t.get("datetime") for t in tree.iter("time") if t.get("pubdate") is not None or "publish" in (t.get("class") or "") + (t.get("itemprop") or "")]
    facts.date = next((d for d in (iso(x) for x in published) if d), None)
    facts.standfirst = standfirst_of(tree)
    from studyguide.importer.standfirst import page_standfirst

    facts.standfirsts = page_standfirst(tree, metas, ld.get("description"))
    facts.metas = metas
    return facts


def json_ld(tree) -> dict:
    """The first JSON-LD object that describes an article."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if "@graph" in item and isinstance(item["@graph"], list):
                    stack.extend(item["@graph"])
                kind = item.get("@type", "")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(str(k).endswith(("Article", "BlogPosting", "Report")) for k in kinds):
                    return item
    return {}


def ld_text(value, key: str = "") -> str | None:
    """A JSON-LD value as text: a page may give a list, a number (a Unix time for `datePublished`)
    or an object where text is meant; what cannot be read as text is left out, never a traceback."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool)), None)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if key.startswith("date") and 1e8 < value < 1e13:  # seconds or milliseconds since 1970
            import datetime as dt

            return dt.datetime.fromtimestamp(value / 1000 if value > 1e11 else value, dt.timezone.utc).date().isoformat()
        return None
    return " ".join(value.split()) if isinstance(value, str) else None


def ld_name(value) -> str | None:
    if isinstance(value, list):
        names = [ld_name(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return value.get("name") if isinstance(value.get("name"), str) else None
    return value if isinstance(value, str) else None


def language(tag: str | None) -> str | None:
    """A BCP 47 tag from what pages write: 'de_DE', 'en-gb', 'fr'."""
    if not tag:
        return None
    tag = tag.split(",")[0].strip().replace("_", "-")
    match = re.fullmatch(r"([A-Za-z]{2,3})(?:-([A-Za-z]{2}|\d{3}|[A-Za-z]{4}))?", tag)
    if not match:
        return None
    return match.group(1).lower() + (f"-{match.group(2).upper() if len(match.group(2)) == 2 else match.group(2)}" if match.group(2) else "")


# "By" as the bylines of studyguide's other languages write it, before the name: Arabic (بقلم, بواسطة, كتب),
# Persian (به قلم, نوشته, نویسنده), Urdu (تحریر), Hebrew (מאת, נכתב על ידי), Hindi (लेखक), Russian (Автор),
# Chinese and Japanese (作者：, 文／, 记者, 筆者：). Only at the byline's start: the rest is the name.
BY_WORDS = re.compile(r"^(?:(?:بقلم|بواسطة|كتبه|كتبته|كتبت|كتب|إعداد|تأليف|به\s+قلم|نوشته[ٔی]?|نویسنده|توسط|تحریر|"
                      r"مصنف|מאת|נכתב\s+על\s+ידי|लेखक|लेखिका|(?i:автор|текст))(?:\s*[:：]\s*|\s+)|"
                      r"(?:作者|撰文|文|记者|記者|筆者|執筆|著者|文・写真)\s*[:：/／]\s*|(?:本报记者|本報記者|记者|記者)\s*)(?=\S)")


def clean_author(value: str | None) -> str | None:
    if not value or value.startswith(("http://", "https://", "@")):
        return None
    value = next((line for line in html_lib.unescape(value).splitlines() if line.strip()), "")  # a name is one line
    value = " ".join(value.split()).replace(" ,", ",")  # "Howard Schneider , Lindsay Dunsmuir"
    if not value:
        return None
    value = re.sub(r"^(?i:(?:posted |written |text )?by|von|par|de|por|autor(?:in)?|author|auteur|text)\s*:?\s+", "", value)
    value = BY_WORDS.sub("", value, count=1)
    value = re.sub(r"\s*[•·|]\s*\d+\s*(?:h|hrs?|m|mins?|d)\b.*$", "", value)  # "James Akinaka • 8h"
    value = re.sub(r"(?<=\w\s\w)(\S*)\s+(?:[A-Z]\w+\s+)?(?:Editor|Writer|Correspondent|Reporter|Columnist|Contributor)$",
                   r"\1", value)  # "Ben Silverman Games Editor"
    value = re.sub(r"\s*\([^)]{1,8}\)$", "", value).strip(" ,;|")
    value = WHEN_AFTER.sub("", value).strip(" ,;|-–—·")  # a byline box holds the date as well: "Nathan Willis March 6, 2013"
    # and its buttons: "Follow", "Twitter", "@handle", "Link Copied", "Leave a comment", "Updated", a form's "*"
    if re.fullmatch(r"(?i)(?:last )?(?:updated|published|posted|modified)\W*", value):  # "Last Updated:"
        return None
    value = re.sub(r"(?i)(?:\s+(?:follow|twitter|x|facebook|linkedin|email|link copied|leave a comment|updated|"
                   r"last|@\w+)\b)+\W*$|\s*\*$", "", value).strip(" ,;|-–—·")
    if re.search(r"(?i)^(?:your )?(?:full )?name$|you'?re logged|googletag|\bcmd push\b|[{}();=]", value):  # a form, a script
        return None
    if all(len(word.strip(".")) <= 1 for word in value.split()) or \
            re.fullmatch(r"(?i)(?:last )?(?:updated|published|posted|modified)\W*", value):  # "J J", "Last Updated:"
        return None
    value = byline_tidied(value)
    return value if value and 2 < len(value) < 120 and not re.search(r"\d{3}", value) else None


MONTHS = (r"jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s)?|märz|apr(?:il)?|avr(?:il)?|may|mai|mayo|"
          r"june?|juin|juni|july?|juil(?:let)?|juli|aug(?:ust)?|août|sep(?:t|tember|tembre)?|oct(?:ober|obre)?|okt(?:ober)?|"
          r"nov(?:ember|embre)?|dec(?:ember)?|déc(?:embre)?|dez(?:ember)?|enero|febrero|marzo|abril|junio|julio|agosto|"
          r"septiembre|octubre|noviembre|diciembre")
# The when that follows a name in a byline: a day and month, a date, a time, or "2 hours ago" in some languages.
# A month alone is a name ("Theresa May", "Anna Mai").
WHEN_AFTER = re.compile(r"\s+(?:(?:updated|published|posted|on|le|am|el)\s+)?(?:"
                        r"\d{1,2}\.?\s+(?:" + MONTHS + r")\b.*|(?:" + MONTHS + r")\.?\s+\d.*|"
                        r"\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?.*|\d{1,2}:\d{2}.*|"
                        r"(?:před|vor|il y a|hace|há)\s+\d+.*|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago.*|"
                        r"(?:today|yesterday|heute|gestern|aujourd'hui|hier)\b.*|"
                        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*[,;].*)$", re.I)


def writer(author: str | None, facts: PageFacts) -> str | None:
    """The writer of "Tanza Loudenback, Business Insider", where the part after the comma is the publication."""
    if not author:
        return None
    head, _, tail = author.rpartition(",")
    fold = lambda s: re.sub(r"[^a-z0-9]", "", (s or "").lower())  # noqa: E731
    named = head and len(fold(tail)) > 3 and (fold(tail) in fold(facts.publication) or is_publication(tail.strip(), facts))
    if not named and not is_publication(author, facts):
        return author
    head = head.strip()
    return head if head and not is_publication(head, facts) and len(head.split()) >= 2 else None


def is_publication(author: str, facts: PageFacts) -> bool:
    """'Deutsche Welle' or 'DW.COM' as the author is the publication talking, not the writer."""
    simple = re.sub(r"[^a-z0-9]", "", author.lower())
    names = [facts.publication or "", facts.url or ""]
    for name in names:
        host = re.sub(r"^https?://(www\.)?", "", name.lower()).split("/")[0]
        for candidate in (name.lower(), host, host.split(".")[0] if "." in host else ""):
            candidate = re.sub(r"[^a-z0-9]", "", candidate)
            if candidate and (candidate == simple or candidate in simple and len(candidate) > 3):
                return True
    return bool(re.search(r"\b(redaktion|editorial|staff|newsroom|rédaction|agencies|news desk)\b", author, re.I)) or \
        simple in {"deutschewelle", "dw", "dwcom", "afp", "dpa", "reuters", "ap"}


def byline(tree, facts: PageFacts) -> str | None:
    """A 'By …' line, or an element whose class names the author."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marks = f"{element.get('class', '')} {element.get('rel', '')} {element.get('itemprop', '')}".lower()
        if re.search(r"byline|\b(author|autor|auteur)\b", marks) and element.tag not in ("meta", "link", "body", "html") \
                and not element.xpath("ancestor-or-self::form|ancestor-or-self::label|ancestor-or-self::script|"
                                      "ancestor::*[contains(@class, 'comment')]|ancestor::*[contains(@id, 'comment')]"):
            text = clean_author(" ".join(" ".join(element.itertext()).split()))
            if text and len(text.split()) <= 6 and not is_publication(text, facts):
                return text
    return None


def iso(value: str | None) -> str | None:
    if not value:
        return None
    import datetime as dt

    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    try:
        day = dt.date(*map(int, match.groups())) if match else None
    except ValueError:  # 2031-13-45: no day at all; none is better than one invented
        return None
    if day is None or day > dt.date.today() + dt.timedelta(days=2):  # not published yet: a placeholder or a typo
        return None
    if is_placeholder(day):
        return None
    return day.isoformat()


def standfirst_of(tree) -> str | None:
    """The paragraph under the headline, by the class names news sites give it."""
    pattern = re.compile(r"\b(standfirst|dek|subtitle|summary|excerpt|lede|lead|intro|teaser-text|sub-heading|article-intro)\b")
    for element in tree.iter("p", "div", "h2"):
        if pattern.search((element.get("class") or "").lower()):
            text = " ".join(" ".join(element.itertext()).split())
            if 20 < len(text) < 600:
                return text
    return None


def without_suffix(title: str, facts: PageFacts, hostname: str | None = None) -> str:
    """'Berlin renames streets | DW | 19.01.2020' -> 'Berlin renames streets'."""
    title = " ".join(title.split())
    names = {re.sub(r"[^a-z0-9]", "", n.lower()) for n in (facts.publication, hostname, (hostname or "").split(".")[0]) if n}
    names.discard("")

    def is_site(part: str) -> bool:  # ("The Guardian view on Hong Kong" holds the site's name but is no site)
        from studyguide.importer.headline import site_words

        simple = re.sub(r"[^a-z0-9]", "", part.lower())
        if facts.author and simple == re.sub(r"[^a-z0-9]", "", facts.author.lower()):  # "… | Eleanor Ainge Roy"
            return True
        return bool(simple) and any(simple == n or len(n) > 3 and (simple in n or n in simple and len(part.split()) <= 4)
                                    for n in names) or site_words(part, [facts.publication, hostname])

    parts = [p.strip() for p in SEPARATORS.split(title) if p.strip()]
    while True:
        cuts = list(SEPARATORS.finditer(title))
        if not cuts:
            return headline_part(title, parts)
        last = title[cuts[-1].end():].strip()
        first = title[: cuts[0].start()].strip()
        if DATE_PART.match(last) or is_site(last) or len(last.split()) <= 2 and last.isupper() or SECTIONS.match(last):
            title = title[: cuts[-1].start()].strip()
        elif is_site(first) or SECTIONS.match(first):  # "Opinion | Republicans Are Following Trump…"
            title = title[cuts[0].end():].strip()
        else:
            return title


def normal(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def standfirst_is_new(standfirst: str | None, title: str, first_paragraph: str) -> bool:
    """A standfirst printed under the headline must say something the headline and the opening do not."""
    s, t, p = normal(standfirst), normal(title), normal(first_paragraph)
    if not s or len(s) < 15:
        return False
    return not (s in t or s in p or p and p.startswith(s[: max(40, len(s) * 3 // 4)]) or len(p) > 20 and s.startswith(p[:80]))
