"""After each build: no facilitator sentence in anything a participant receives."""

from __future__ import annotations

import html
import re

from .model import Guide


def fingerprint(text: str) -> str:
    """Letters and digits only: immune to line breaks, hyphenation and running heads' spacing."""
    return re.sub(r"[\W_]+", "", text.lower())


def leaks(guide: Guide, files: dict[str, bytes], pages: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(output, sentence) for each facilitator sentence found in a participant PDF or web page."""
    probes = []
    for paragraph in guide.facilitator_text:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            if len(fingerprint(sentence)) >= 20:
                probes.append((fingerprint(sentence)[:40], sentence))
    found = []
    if probes:
        for key, markup in (pages or {}).items():
            text = fingerprint(html.unescape(re.sub(r"<[^>]+>", " ", markup)))
            found += [(key, sentence) for probe, sentence in probes if probe in text]
        import pypdfium2 as pdfium  # only when there are notes to look for

        for key, data in files.items():
            document = pdfium.PdfDocument(data)
            try:
                text = fingerprint(" ".join(page.get_textpage().get_text_range() for page in document))
            finally:
                document.close()
            found += [(key, sentence) for probe, sentence in probes if probe in text]
    return found
