"""After each build: no facilitator sentence in anything a participant receives."""

from __future__ import annotations

import html
import re

from .model import Guide


def fingerprint(text: str) -> str:
    """Letters and digits only: immune to line breaks, hyphenation and running heads' spacing."""
    return re.sub(r"[\W_]+", "", text.lower())


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def leaks(guide: Guide, files: dict[str, bytes | str], pages: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(output, sentence) for each facilitator sentence found in a participant PDF or web page.

    A PDF is given as its bytes (its text is read back with pdfium) or as the text
    its layout drew (`Rendered.text`: the same words, without parsing the PDF)."""
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
        for key, data in files.items():
            text = fingerprint(data if isinstance(data, str) else pdf_text(data))
            found += [(key, sentence) for probe, sentence in probes if probe in text]
    return found
