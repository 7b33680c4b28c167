"""A reading that starts with other stories. Yahoo's page (readability's yahoo-2) puts the teasers
of a dozen other stories and an advert above the article, and trafilatura keeps them: the reading
opened with Tom Ford, a kidnapping and a toddler on life support before "MOSCOW (AP) — An unmanned
Russian cargo spaceship…". Such a run is told by two marks together: its paragraphs share no word
with the headline, and the people and places they name are named nowhere in the rest of the
reading (an article's own opening anecdote names someone it comes back to). It is only said: the
organiser can cut the run, and nothing is taken out on a guess."""

from __future__ import annotations

import re

from studyguide.importer.tree import strip_markdown

SHORT = {"the", "and", "for", "with", "from", "that", "this", "over", "into", "after", "about", "their", "will", "says",
         "said", "what", "when", "where", "have", "been", "more", "than", "your", "how", "why", "who", "are", "was"}


def stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in SHORT}


def names(text: str) -> set[str]:
    """Capitalised words not at a sentence's start: the people, places and things a paragraph names."""
    found = set()
    for match in re.finditer(r"(?<![.!?:“\"]\s)(?<!^)\b([A-ZÀ-Þ][\w’'-]{2,})", text):
        found.add(match.group(1).lower()[:6])
    return found


def buried_start(blocks: list, title: str) -> list[str]:
    """The paragraphs of a run of four or more at the reading's start that seem to be other stories, or []."""
    paragraphs = [strip_markdown(b) for b in blocks if isinstance(b, str) and not b.startswith(("#", "|", "- ", "1. ", ">"))]
    paragraphs = [p for p in paragraphs if len(p.split()) >= 15]
    headline = stems(title)
    if not headline or len(paragraphs) < 6:
        return []
    start = next((at for at, p in enumerate(paragraphs[:3]) if not stems(p) & headline), None)
    if start is None:
        return []
    end = start
    while end < len(paragraphs) and end < 20 and not stems(paragraphs[end]) & headline:
        end += 1
    run, article = paragraphs[start:end], " ".join(paragraphs[end:]).lower()
    if len(run) < 4 or not any(len(stems(p) & headline) >= 2 for p in paragraphs[end:end + 4]):
        return []  # the article must begin after the run, on the headline's subject

    def foreign(paragraph: str) -> bool:  # the people and places it names are not the article's
        own = names(paragraph)
        return bool(own) and sum(1 for n in own if re.search(rf"\b{re.escape(n)}", article)) < len(own) / 2

    return run if sum(map(foreign, run)) >= len(run) * 3 / 4 else []
