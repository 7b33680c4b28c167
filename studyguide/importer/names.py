"""Names as pages write them, made names: an author without what a byline adds, a publication
without its address or slogan, a title without a section's name, and the site's own name (in
its header) told from the article's headline."""

from __future__ import annotations

import re

AGENCY = (r"(?:the )?associated press|ap|reuters|afp|agence france-presse|dpa|upi|pa|bloomberg(?: news)?|cnn|bbc|"
          r"(?:the )?washington post|(?:the )?new york times|los angeles times|tribune news service")
ROLE = re.compile(r"(?i)\b(?:writer|editor|editor-at-large|correspondent|reporter|staff|contributor|columnist|"
                  r"journalist|analyst|producer|" + AGENCY + r")\b")
NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁa-z][\w.'’-]*){1,5}"


def byline_tidied(value: str) -> str | None:
    """A name without what bylines add to it: "Analysis by", "Текст:", "geschrieben von"; ", CNN Editor-at-large",
    " Associated Press", ". Sputnik International", " View More Articles", " Edited by …". A handle
    (`CWoodJournalist`, `notsoTan_za`) or a site's account (`admin`) is no one's name."""
    value = re.sub(r"(?i)^(?:analysis|opinion|commentary|review|interview|column|story|words|reporting|photos?)\s+by\s+|"
                   r"^(?:текст|автор|фото|text|texte|texto)\s*:\s*|^(?:geschrieben|verfasst)\s+von\s+|^escrito\s+por\s+|"
                   r"^écrit\s+par\s+", "", value).strip()
    value = re.sub(r"(?i)\s+(?:view|see|read)\s+(?:all|more)\s+(?:articles|posts|stories)(?:\s+by\b.*)?$|"
                   r"\s+more\s+(?:articles|posts|stories)(?:\s+by\b.*)?$|\s+edited\s+by\s+.*$", "", value).strip()
    named = re.match(rf"^({NAME})(?:,\s*|\.\s+)(.+)$", value)
    stop = named and value[named.end(1):].startswith(". ") and len(named.group(1).split()[-1].strip(".")) > 1  # ("Bruce Y. Lee")
    if named and (ROLE.search(named.group(2)) and not stop and value[named.end(1):].startswith(",") or stop) and \
            len(named.group(2).split()) <= 5:
        value = named.group(1)
    agency = re.match(rf"^({NAME})\s+(?i:{AGENCY})$", value)
    if agency and len(agency.group(1).split()) >= 2:
        value = agency.group(1)
    if " " not in value and (re.search(r"[_\d]|[a-z][A-Z]", value) or re.search(r"(?i)admin|webmaster|^user", value)
                             or value.islower()):  # a handle: "devindra", "folha"
        return None
    if re.fullmatch(r"(?i)facebook|twitter|x|linkedin|instagram|e-?mail|share|follow|whatsapp|reddit|pinterest|rss", value):
        return None  # a share button in the byline box
    return value or None


def clean_publication(value: str | None) -> str | None:
    """A publication's name as pages give it: an address is its site, a handle its name, a slogan after "|"
    cut ("LinkNaija | Nigeria's popular news platform"), and a copyright line none."""
    if not value:
        return None
    value = " ".join(value.split())
    if re.match(r"(?i)^https?://", value):
        host = re.sub(r"^(?i:https?://)(?:www\.)?", "", value).split("/")[0]
        return host or None
    value = value.lstrip("@")
    if re.match(r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}\s*$", value):
        return None
    if " | " in value:
        value = value.split(" | ")[0].strip()
    if SECTIONS.match(value) or re.fullmatch(r"(?i)u\.?s\.?(?: news)?|u\.?k\.?(?: news)?|world news", value):
        return None  # a section's name where the site's belongs (reuters.com's og:site_name "U.S.")
    return value or None


SECTIONS = re.compile(r"(?i)^(?:editorial|opinion|comment|news|world|politics|business|sport|sports|culture|analysis|"
                      r"features?|reviews?|blog|blogs|home|lifestyle|technology|tech|science|the long read|letters|"
                      r"commentisfree|uk news|us news|meinung|politik|kultur|wirtschaft|opinión|opinião|tribune|débats)$")


def headline_part(title: str, parts: list[str]) -> str:
    """What is left of a title once the site's name is cut, unless that is a section's name ("Editorial",
    from "The Guardian view on Hong Kong | Editorial | Opinion | The Guardian"): then the longest part."""
    if len(parts) > 1 and (SECTIONS.match(title) or len(title.split()) <= 2 and title in parts[1:]):
        longest = max(parts, key=lambda p: len(p.split()))
        if len(longest.split()) >= 4:
            return longest
    return title


BRANDING = re.compile(r"site-?(?:title|name|logo|brand)|\blogo\b|masthead|branding|\bbrand\b|(?:^|\s)#?header\b", re.I)


def site_heading(tree, title: str) -> bool:
    """`title` is the words of a heading that names the site, not the article: a heading that is the
    link to the site's front page, or sits in its header or logo (entermedia.co.kr's `<h1>엔터 미디어</h1>`)."""
    words = " ".join(title.split())
    if not words:
        return False
    for heading in tree.iter("h1", "h2"):
        if " ".join(" ".join(heading.itertext()).split()) != words:
            continue
        for box in heading.iterancestors():
            if box.tag == "a" and re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.\w+)?", (box.get("href") or "").strip()):
                return True
            if box.tag in ("header",) or BRANDING.search(f"{box.get('id', '')} {box.get('class', '')}"):
                return True
        if BRANDING.search(f"{heading.get('id', '')} {heading.get('class', '')}"):
            return True
    return False
