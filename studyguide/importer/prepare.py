"""The saved page made ready for trafilatura, where what it drops is the article's.

Each pass mends one loss found on real pages: captions (trafilatura drops
<figcaption>), SVG figures (it keeps raster images only), the space between two
formatted words (`<b>Ankush Dua</b> <i>contributed</i>` came out as
"Ankush Duacontributed"), and quoted posts (a tweet quoted in a news story is
the story's evidence, and trafilatura takes its box for social-media furniture), and the
cookie-consent box, which it took for the first paragraph of a short page."""

from __future__ import annotations

import re

SVG_MARK = "#studyguide-svg.png"

# Elements inside a line of text; a space between two of them is a word space.
INLINE = frozenset("a abbr b bdi bdo cite code del dfn em i ins kbd mark q s samp small span strong sub sup time u var"
                   .split())
# A post quoted from a social network, as its embedding code marks it.
EMBED = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|mastodon-embed|threads?-(?:post|embed)|"
                   r"fb-(?:post|xfbml)|reddit-embed|tumblr-post", re.I)
EMBED_BOX = re.compile(r"social|embed|tweet|instagram|tiktok|bluesky|mastodon", re.I)


# A consent banner or dialog, as the consent platforms name their boxes.
# A consent platform's box, by the names the platforms give it (not the bare `cmp`: Adobe's CMS calls every
# block of an article `cmp cmp-text`; not `truste` inside `trusted-content`).
CONSENT_BOX = re.compile(r"cookie|consent|gdpr|\bcmp-(?:container|banner|popup|wrapper|dialog|modal)|\bcmpbox|onetrust|"
                         r"didomi|sp_message|qc-cmp|\btruste\b|truste-|privacy-(?:banner|notice)", re.I)
# What such a box says: one that says none of it is not a consent box, whatever its name.
CONSENT_WORDS = re.compile(r"cookie|consent|partners|privacy|tracking|personali[sz]|datenschutz|einwillig|"
                           r"accept|akzeptier|accepter|aceptar|gdpr|your data|vos donn|ihre daten", re.I)


def prepared(tree, removed: list[tuple[int, str, str]]) -> bool:
    """Every pass run on `tree`; whether any changed it (then the page is written out again).
    What a pass takes out is added to `removed`, to be reported."""
    return any([voids_closed(tree), shallow(tree), hidden_removed(tree, removed), mobile_copies_removed(tree), with_captions(tree), svg_marked(tree), spaces_kept(tree),
                embeds_opened(tree), consent_removed(tree, removed), breaks_spaced(tree)])


def breaks_spaced(tree) -> bool:
    """The words either side of a `<br>` kept apart: trafilatura drops a `<br>` in a list item, and
    "**Not just social media**<br>A web editor" came out as "…media**A web editor"."""
    changed = False
    for br in tree.iter("br"):
        if br.tail and not br.tail[:1].isspace():
            br.tail = "\n" + br.tail
            changed = True
        holder = br.getparent()
        if not (br.tail or "").strip() and br.getnext() is None and holder is not None and holder.tag in INLINE \
                and holder.tail and not holder.tail[:1].isspace():  # `<strong>…<br/></strong>A web editor`
            holder.tail = "\n" + holder.tail
            changed = True
    return changed


MOBILE = re.compile(r"mobile-only|only-mobile|\bmobile\b|-mobile\b|visible-xs|show-for-small|hidden-desktop|d-md-none|"
                    r"hide-desktop|is-mobile", re.I)


def mobile_copies_removed(tree) -> bool:
    """A box a page holds twice, once for desktops and once for phones (the NYT's `g-mobile-only`),
    its phone copy taken out where the same words stand elsewhere in the page: printed once."""
    copies = [box for box in tree.iter("div", "section", "figure", "aside")
              if MOBILE.search(box.get("class") or "") and not box.xpath("ancestor::*[@class][contains(@class, 'mobile')]")]
    if not copies:
        return False
    body = " ".join(" ".join(tree.getroot().itertext() if hasattr(tree, "getroot") else tree.itertext()).split())
    changed = False
    for box in copies:
        words = " ".join(" ".join(box.itertext()).split())
        if len(words.split()) >= 8 and body.count(words) >= 2 and box.getparent() is not None:
            box.drop_tree()
            body = body.replace(words, "", 1)
            changed = True
    return changed


def voids_closed(tree) -> bool:
    """An HTML5 `<embed>` has no end tag; libxml2 does not know it, and nests the rest of the page inside
    it, which trafilatura then drops with the embed: what it holds is set after it, as a browser shows it."""
    changed = False
    for element in list(tree.iter("embed")):
        parent = element.getparent()
        if parent is None or not (len(element) or (element.text or "").strip()):
            continue
        at = parent.index(element) + 1
        children = list(element)
        if (element.text or "").strip():
            holder = element.makeelement("p", {})
            holder.text = element.text
            children.insert(0, holder)
        element.text = None
        for offset, child in enumerate(children):
            parent.insert(at + offset, child)
        changed = True
    return changed


DEEPEST = 180  # libxml2 stops reading a page at 256 levels, and trafilatura reads our copy with it
WRAPPERS = {"span", "font", "b", "i", "em", "strong", "u", "small", "big", "div", "section", "g", "center", "abbr",
            "mark", "s", "sub", "sup", "tt", "code", "nobr", "article", "main", "aside"}


def shallow(tree) -> bool:
    """Elements nested past `DEEPEST` levels (an old site's unclosed `<font>`s, an embed's
    spans, an SVG's groups) unwrapped, their text and children kept: read as it was, libxml2
    would stop at the 256th level and everything after it would be lost without a word."""
    changed = False
    for wrappers_only in (True, False):
        deep = []
        stack = [(tree, 0)]
        while stack:
            element, depth = stack.pop()
            if depth > DEEPEST and isinstance(element.tag, str) and (not wrappers_only or element.tag in WRAPPERS):
                deep.append(element)
            stack.extend((child, depth + 1) for child in element)
        for element in deep:
            if element.getparent() is not None:
                element.drop_tag()
                changed = True
    return changed


HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em|rem|%)?\s*(?:;|$))",
                          re.I)


HIDDEN_WORDS = 150  # more than this, hidden, is the article's own rest behind a "Read more" (a script shows it)


def hidden_removed(tree, removed: list[tuple[int, str, str]]) -> bool:
    """What the page never shows its reader (`hidden`, `display: none`, text of size 0) is
    no part of the article, though a text extractor may take it for one; it is taken out and
    reported. A long hidden passage is the article's rest, which a click shows: it is kept."""
    gone = [element for element in tree.iter() if isinstance(element.tag, str) and element.tag not in ("html", "body")
            and (element.get("hidden") is not None or HIDDEN_STYLE.search(element.get("style") or ""))]
    return _taken_out(gone, removed, "text the page hides", lambda text: len(text.split()) > HIDDEN_WORDS)


def _taken_out(elements: list, removed: list[tuple[int, str, str]], what: str, keep) -> bool:
    """Each element dropped and its words reported as `what`, unless `keep(its words)`; whether any was."""
    changed = False
    for element in elements:
        if element.getparent() is None:
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if keep(text):
            continue
        if text:
            removed.append((0, what, text[:120] + ("…" if len(text) > 120 else "")))
        element.drop_tree()
        changed = True
    return changed


def consent_removed(tree, removed: list[tuple[int, str, str]]) -> bool:
    """A cookie-consent box: trafilatura took its paragraph ("We and our 843 partners use
    cookies…") for the article's first when the page is short. A box that holds the headline,
    an <article> or many words is left alone: some sites name the article's own box oddly."""
    boxes = [box for box in tree.iter("div", "section", "aside", "dialog", "form", "footer")
             if CONSENT_BOX.search(f"{box.get('class', '')} {box.get('id', '')}")
             and not box.xpath(".//article|.//main|.//h1|ancestor::article|ancestor::main")]
    return _taken_out(boxes, removed, "cookie notice",
                      lambda text: len(text.split()) > 200 or bool(text and not CONSENT_WORDS.search(text)))


def with_captions(tree) -> bool:
    """trafilatura drops <figcaption>: carry each caption on its image's title, where it keeps it."""
    changed = False
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        image = next(figure.iter("img"), None)
        if caption is not None and image is not None and not image.get("title"):
            text = " ".join(" ".join(caption.itertext()).split())
            if text:
                image.set("title", text)
                changed = True
    return changed


def svg_marked(tree) -> bool:
    """trafilatura keeps only images whose address ends as a raster file's does: an SVG figure
    (a chart, a map) went with its caption. Its address is given a mark for the walk, taken
    off again after it."""
    changed = False
    for image in tree.iter("img"):
        src = (image.get("src") or "").strip()
        path = src.split("#")[0].split("?")[0].lower()
        if path.endswith(".svg") or src.lower().startswith("data:image/svg+xml"):
            image.set("src", src + SVG_MARK)
            changed = True
    return changed


def spaces_kept(tree) -> bool:
    """trafilatura drops text that is only a space between two elements, and the words either
    side ran together. The space is moved to the start of the second element, where it is kept
    (and the walk keeps it outside the emphasis it opens, studyguide.importer.tree)."""
    changed = False
    for element in tree.iter(*INLINE):
        after = element.getnext()
        if after is None or after.tag not in INLINE or not element.tail or element.tail.strip():
            continue
        if not (after.text or "")[:1].isspace():
            after.text = " " + (after.text or "")
        element.tail = None
        changed = True
    return changed


def embeds_opened(tree) -> bool:
    """A quoted post (a tweet, an Instagram caption) made a plain quotation: trafilatura drops
    the marked one, and the box around it, as furniture."""
    changed = False
    for quote in tree.iter("blockquote"):
        if not EMBED.search(quote.get("class", "")):
            continue
        del quote.attrib["class"]
        for box in quote.iterancestors():
            if box.tag in ("article", "main", "body"):
                break
            if EMBED_BOX.search(f"{box.get('class', '')} {box.get('id', '')}"):
                box.attrib.pop("class", None)
                box.attrib.pop("id", None)
        changed = True
    return changed
