"""The article's own headline as the reading's title. A page's meta title may be its section's
("Yahoo News - Latest News & Headlines"), the print edition's, or carry the writer's name and
the site's ("… | Eleanor Ainge Roy | Environment | The Guardian", "… (Published 2016)"). The
headline the page prints over the article, its one <h1>, is what the reader sees: where the
page's <title> or og:title holds it, with more around it, the <h1> is the title."""

from __future__ import annotations

import re

from studyguide.importer.names import BRANDING, site_heading

PUBLISHED = re.compile(r"\s*\((?:published|updated|veröffentlicht|publié)\s+\d{4}\)\s*$", re.I)
PERMALINK = re.compile(r"\s*[¶§#🔗]$")  # a heading's link to itself (Sphinx's "¶")
FURNITURE = "ancestor::nav|ancestor::aside|ancestor::footer|ancestor::figure|ancestor::form|ancestor::a"


def fold(text: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (text or "").lower()).strip()


def page_h1(tree) -> str | None:
    """The one headline the page prints over its article: the <h1> of its one <article>, or the page's
    only one (a site's name in its header, a one-word 'MENU' and a caption set as <h1> are none)."""
    articles = tree.xpath("//article[not(ancestor::article)]")
    scopes = ([articles[0]] if len(articles) == 1 else []) + [tree]
    for scope in scopes:
        texts = []
        for h1 in scope.iter("h1"):
            text = PERMALINK.sub("", " ".join(" ".join(h1.itertext()).split()))
            if text and 3 <= len(text.split()) <= 25 and len(text) <= 250 and not h1.xpath(FURNITURE) \
                    and not any(BRANDING.search(f"{box.get('id', '')} {box.get('class', '')}")
                                for box in (h1, *h1.iterancestors()) if box.tag not in ("body", "html")):
                texts.append(text)
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == 1:
            return distinct[0]
    return None


def headline_title(title: str, tree, meta_title: str | None, publication: str | None = None) -> str:
    """`title` (from the meta tags, its suffix cut), or the page's <h1> where the page's own titles hold it
    (not as their site's part: "September 2018 open thread | The GiveWell Blog" under <h1>The GiveWell Blog</h1>)."""
    from studyguide.importer.meta import SEPARATORS

    title = PUBLISHED.sub("", title) or title
    h1 = page_h1(tree)
    if not h1 or fold(h1) == fold(title) or publication and fold(h1) == fold(publication):
        return title
    document = " ".join(tree.xpath("string(//head/title)").split())
    for words in (document, meta_title, title):
        parts = [fold(p) for p in SEPARATORS.split(words or "")]
        if fold(h1) in parts[1:] and fold(h1) != parts[0]:  # the site's name after the headline: cut from it
            for cut in SEPARATORS.finditer(title):
                if fold(title[cut.end():]) == fold(h1) or fold(title[cut.end():]).startswith(fold(h1) + " "):
                    return title[:cut.start()].strip()
            return title
    if any(fold(h1) and f" {fold(h1)} " in f" {fold(words)} " for words in (document, meta_title, title)):
        return h1
    return title


def site_words(part: str, names: list[str]) -> bool:
    """`part` of a title is the site's name written another way: "CDU-Fraktion im Erfurter Stadtrat" for
    the site "CDU - Fraktion Erfurt" (cdu-fraktion-erfurt.de): each word of the name begins a word of it."""
    words = re.findall(r"\w+", part.lower())
    if not words or len(words) > 6:
        return False
    for name in names:
        wanted = [w for w in re.findall(r"\w+", (name or "").lower()) if len(w) >= 3 and w not in ("www", "com", "org", "net")]
        if len(wanted) >= 2 and all(any(word.startswith(w) for word in words) for w in wanted):
            return True
    return False


def page_title(tree, facts, found: str | None, hostname: str | None) -> str:
    """The reading's title: the meta tags' (or trafilatura's `found`), without the site's part, or the <h1>."""
    from studyguide.importer.meta import SEPARATORS, without_suffix

    raw = facts.title or found or ""
    document = " ".join(tree.xpath("string(//head/title)").split())
    if not facts.title and site_heading(tree, raw):  # trafilatura's title: the site's name in its header
        raw = document or raw
    elif not facts.title and document and fold(raw) in [fold(p) for p in SEPARATORS.split(document)[:1]] \
            and fold(without_suffix(document, facts, hostname)) not in (fold(document), fold(raw)):
        raw = document  # trafilatura took the site's side of "CDU-Fraktion im Erfurter Stadtrat - Entwicklung der …"
    elif not facts.title and document and raw and fold(raw) not in fold(document) and fold(raw) == fold(page_h1(tree)):
        cut = without_suffix(document, facts, hostname)  # webmd.com: <h1>Allergies Health Center</h1>, the section's
        if len(cut.split()) >= 4 and fold(cut) != fold(facts.publication):
            raw = document
    return headline_title(without_suffix(raw, facts, hostname), tree, raw, facts.publication) or "Untitled"
