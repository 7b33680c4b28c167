"""Site furniture: the lines a copy-paste of a news page drags along. Used by
`import` to clean pasted text (reporting every line it removes) and by `check`
to warn about a reading that still carries some. The words are English, German
and French; the shapes (importer_text) hold for any language."""

from __future__ import annotations

import re

PATTERNS = [
    ("teaser", re.compile(r"^\s*((read|see) more|read also|lesen sie (auch|mehr)|mehr (dazu|zum thema)|"
                          r"(à )?lire aussi|voir aussi|lire la suite)\b.*$", re.I)),
    ("pdf notice", re.compile(r"^\s*(downloading pdf|download pdf|print this|printer[- ]friendly|print version|"
                              r"version imprimable|druckversion|نسخة للطباعة)\b.*$", re.I)),
    ("comments", re.compile(r"^\s*(\d+\s+)?(comments?|kommentare|commentaires|comentarios)\s*$|^\s*(loading comments|"
                            r"leave a (comment|reply)|add a comment|show comments|view comments|join the conversation)\b.*$|"
                            r"^\s*(comments?|kommentare|commentaires|comentarios|comentários|commenti)\s*\(\d+\)\s*$",
                            re.I)),
    ("video player", re.compile(r"^.*\b(captions settings|this is a modal window|beginning of dialog window|"
                                r"end of dialog window|next video starts in|video (is )?(loading|unavailable)|"
                                r"this feature is temporarily unavailable)\b.*$", re.I)),
    ("links elsewhere", re.compile(r"^\s*(explore further|from around the web|presented by zergnet|sponsored( content)?|"
                                   r"(previous|next)( (article|post|story))?|weiterlesen|mehr zum thema)\s*:?\s*$", re.I)),
    ("site message", re.compile(r"^\s*(?:\[?\s*)?(continue reading the main story|go back to top\.?(?: skip to:? start of article\.?)?|"
                                r"back to top|thank you for signing up\b.*|there was a problem\. please refresh the page and try "
                                r"again\.?|loading weather data.*|what(?:'|’)s your reaction\??|share this reaction with your "
                                r"friends!?|want to report this publisher(?:'|’)s content as misinformation\??|submit a report|"
                                r"be sure to .{0,60}share this (?:post|article|story).*)\s*\]?(?:\(.*\))?\s*$", re.I)),
    ("citation notice", re.compile(r"^\s*citation:.*\bretrieved\b.*\bfrom\s+https?://", re.I)),
    ("age banner", re.compile(r"^\s*this (article|story|piece) is (over|more than) .* old\.?\s*$", re.I)),
    ("newsletter", re.compile(r"^.*\b(newsletter|sign up (to|for)|subscribe (to|now|today)|in your inbox|"
                              r"jetzt abonnieren|abonnez-vous)\b.*$", re.I)),
    ("donation", re.compile(r"^.*\b(donate|donation|support (our|independent) journalism|depends on (its|our) readers|"
                            r"become a (member|supporter|patron)|jetzt spenden|faites un don)\b.*$", re.I)),
    ("cookie notice", re.compile(r"^.*\b(we use cookies|uses cookies|cookie (settings|policy|preferences|consent|einstellungen)|accept (all )?cookies|"
                                 r"privacy settings|cookies (akzeptieren|zulassen)|accepter les cookies)\b.*$", re.I)),
    ("latest news", re.compile(r"^\s*(latest news|most read|most popular|related (articles|stories|content|topics)?|"
                               r"more (from|on this( story)?|stories)|you may also like|recommended( for you)?|"
                               r"meistgelesen|neueste artikel|weitere artikel|à la une|les plus lus|"
                               r"más información|noticias relacionadas|lo más leído|te puede interesar)\s*:?\s*$", re.I)),
    ("topics", re.compile(r"^\s*(topics?|tags?|keywords|themen|schlagwörter|sujets|mots-clés|filed under|categories)\s*:?\s*$", re.I)),
    ("tags", re.compile(r"^\s*(tags?|topics?|themen|keywords|schlagwörter|mots-clés)\s*:\s*\S.*$", re.I)),
    ("sharing", re.compile(r"^\s*((share|teilen|partager)( (this|the) (article|story|page))?( (via|on|auf|sur)( .*)?)?|"
                           r"tweet|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|bluesky|mastodon|"
                           r"e-?mail|print|drucken|imprimer|copy link|link kopieren|copier le lien|"
                           r"(compartir|compartilhar|condividi|delen)( en| no| su| op)?( \w+)?|"
                           r"(follow|folgen sie|suivez)( us| uns| nous)?( on| auf| sur)? .{0,40})\s*$", re.I)),
    ("menu", re.compile(r"^\s*(home|news|features|opinion|subscribe|menu|search|suche|recherche|log ?in|sign ?in|anmelden|"
                        r"skip to (main )?(content|navigation)|zum inhalt springen|aller au contenu|"
                        r"ir al contenido( principal)?|saltar al contenido( principal)?|vai al contenuto|"
                        r"accessibility links|keyboard shortcuts for audio player|(us|uk|australian|international|"
                        r"europe|asia) edition|suscr[ií]bete|iniciar sesi[oó]n|join (us|now|the union|today)|"
                        r"advertisement|anzeige|publicité|werbung|listen to (this )?article|\d+ min(ute)?s? read)\s*$", re.I)),
    ("copyright", re.compile(r"^\s*(©|\(c\)|copyright)\s.*$", re.I)),
    ("section label", re.compile(r"^\s*(feature|analysis|opinion|interview|review|comment|obituary|explainer|long read)\s*$", re.I)),
]
# What a paywall says where it cuts the article off: the page holds only the opening.
PAYWALL = re.compile(r"\b(subscribe (now )?to (continue|keep) reading|(you have|you've) reached (your|the) (limit|maximum)|"
                     r"free articles? (left|remaining|this month)|continue reading (with|for) (a|just|only)|"
                     r"(this|the rest of this) (article|story|content) is (only )?(available )?(for|to) (subscribers|members)|"
                     r"register (for free )?to (continue|read)|to read the full (article|story)|"
                     r"jetzt (abonnieren|registrieren) und weiterlesen|weiterlesen mit|"
                     r"réservé aux abonnés|la suite (de cet article )?est réservée|"
                     r"contenido exclusivo para suscriptores)\b", re.I)
# A site's page for an address it does not have, by its title or headline.
NOT_FOUND = re.compile(r"^\W*(?:error\s*)?(?:404(?:\s*(?:error|page|not found|[-–—|:!.]|$))|page (?:not found|introuvable)|not found\s*(?:$|[-–—|!.])|(?:sorry,? )?(?:we|i) "
                       r"(?:can(?:'|’)?t|cannot|could(?:n(?:'|’)t| not)) find (?:that|this|the) page|"
                       r"(?:this |the )?page (?:you (?:were looking|requested)|does(?:n(?:'|’)t| not) exist|(?:could|can) not be found)|"
                       r"seite nicht gefunden|(?:diese )?seite (?:existiert nicht|wurde nicht gefunden)|"
                       r"página no encontrada|pagina non trovata)", re.I)
# Kinds that head a list of short lines below them (headlines, tags), all furniture.
LIST_HEADERS = {"latest news", "topics"}
# Kinds whose whole small block goes with them: the appeal, not only its button.
BLOCK_KINDS = {"newsletter", "donation", "cookie notice"}


def kind(line: str) -> str | None:
    """What kind of furniture a line is, if it is any."""
    text = line.strip().strip("#*_>- ").strip()
    if not text or len(text) > 200:
        return None
    for name, pattern in PATTERNS:
        if pattern.match(text):
            return name
    return None


# Kinds whose words an article's own sentence may hold ("Donate to the hardship fund, members were told, …"):
# a line of more than this many words of these kinds is the article's, in a saved page as in pasted text.
SENTENCE_KINDS = {"newsletter", "donation", "cookie notice", "copyright"}
SENTENCE_WORDS = 8


# What only an appeal says, however long its sentence ("Our reporting depends on readers like you. Please donate
# what you can."; "Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter.").
APPEAL = re.compile(r"\b(?:support (?:our|independent|quality) journalism|depends on (?:its |our )?readers|"
                    r"please (?:donate|give|subscribe|support us)|"
                    r"become a (?:member|supporter|patron)|we use cookies|accept (?:all )?cookies|(?:delivered )?"
                    r"(?:straight |right )?(?:to|in) your inbox|subscribe to our newsletters?|sign up (?:to|for) our "
                    r"(?:free )?newsletters?|newsletter abonnieren|jetzt spenden|faites un don)\b", re.I)


def furniture(line: str) -> str | None:
    """What kind of furniture a line of a reading being imported is: `kind`, but not a sentence of the article
    that mentions a donation or a newsletter ("Donate to the hardship fund, members were told, …"); a sentence
    that says what only an appeal says is one, unless it quotes it."""
    what = kind(line)
    if what in SENTENCE_KINDS and len(line.split()) > SENTENCE_WORDS:
        appeal = APPEAL.search(line)
        return what if appeal and not quoted(line, appeal.start(), appeal.end()) else None
    return what


QUOTES = {"“": "”", "„": "“", "«": "»", "»": "«", "‹": "›", "「": "」", "『": "』", "‘": "’", "‚": "‘", '"': '"'}


def paywall(text: str) -> str | None:
    """A paywall's notice ("notice"), a long paragraph that holds one ("holds": kept, and said), or neither.
    A notice the text quotes ("Readers now see the words “Subscribe to continue reading” …") is the article's."""
    found = [m for m in PAYWALL.finditer(text) if not quoted(text, m.start(), m.end())]
    if not found:
        return None
    return "notice" if len(text.split()) <= 40 else "holds"


def quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands inside quotation marks: the last mark before it opens a quotation
    that a mark after it closes (“…”, „…“, «…», »…«, ‘…’, "…")."""
    before = [(i, c) for i, c in enumerate(text[:start]) if c in QUOTES or c in "”’›」』"]
    if not before:
        return False
    at, mark = before[-1]
    if mark == '"' and text[:start].count('"') % 2 == 0:
        return False
    closing = QUOTES.get(mark)
    return closing is not None and closing in text[end:]


def only_not_found(title: str, facts) -> bool:
    """A title that says the page is not found and nothing else (but the site's name): "404 Page Not Found:
    the error message that became a meme" is an article's headline."""
    from studyguide.importer.meta import without_suffix

    found = NOT_FOUND.match(title)
    if not found:
        return False
    rest = without_suffix(title[found.end():].strip(" :–—-|·,.!"), facts)
    rest = re.sub(r"(?i)\b(?:error|page|not|found|404|oops|sorry|the|this|that|you|we|were|are|is|looking|for|requested|"
                  r"does|doesn|t|exist|exists|can|cannot|could|be|been|has|have|moved|removed|deleted|no|longer|"
                  r"available|find|seite|nicht|gefunden|página|encontrada|pagina|trovata|introuvable)\b", " ", rest)
    return len(re.findall(r"\w+", rest)) <= 2


def listed_furniture(block: str) -> str | None:
    """A list whose every item is furniture ("- Previous", "- Next"; "- Share on Twitter"; a video player's
    "- captions settings, opens captions settings dialog"): the kind of its first item. A list with one item
    of the article's is the article's, all of it."""
    if not block.startswith(("- ", "1. ")):
        return None
    items = [re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line) for line in block.split("\n") if line.strip()]
    from studyguide.importer.tree import strip_markdown

    kinds = [kind(strip_markdown(item)) for item in items]
    return kinds[0] if items and all(kinds) else None
