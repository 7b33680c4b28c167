"""What a PDF reader reads for a glyph that is only part of a letter cluster.

HarfBuzz may draw one cluster of text (a Devanagari conjunct, a consonant with its
vowel sign, a pointed Hebrew letter) with several glyphs. WeasyPrint 70 maps the
cluster's text to the first glyph and an empty string to the others (`<025b> <>` in
the font's ToUnicode map). Poppler reads that as a space inside the word ("श्र मिक");
PDFium, Chrome's engine, reads the glyph's number as a letter ("श्रɚमिक"): what a
participant copies, searches or hears from a screen reader. Those glyphs are mapped
instead to U+034F COMBINING GRAPHEME JOINER, a character that prints, shapes and
sorts as nothing: both engines then read the word whole ("श्र͏मिक"), and the leak
and question checks, which compare letters and digits only, read it as written.

The map is changed after the font is subset (the subset is chosen from the same
glyphs, which must all stay in it), before WeasyPrint writes it.
"""

from __future__ import annotations

NOTHING = "\u034f"


def install() -> None:
    """Once per process; only for the WeasyPrint whose font writer we have read (70)."""
    import weasyprint
    from weasyprint.pdf import fonts

    if getattr(fonts.Font.clean, "studyguide", False) or not weasyprint.__version__.startswith("70."):
        return
    original = fonts.Font.clean

    def clean(self, to_unicode, hinting):
        original(self, to_unicode, hinting)
        for glyph, text in self.to_unicode.items():
            if not text:
                self.to_unicode[glyph] = NOTHING

    clean.studyguide = True
    fonts.Font.clean = clean
