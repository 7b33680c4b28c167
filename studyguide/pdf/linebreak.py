"""A mend for WeasyPrint 70's line breaking: the first word of a paragraph hyphenated alone on its line.

When a run of text fits its line but for the space after its last word (the space before an
`<em>` that will not fit), Pango keeps the run on one line and WeasyPrint, measuring the space
too, takes the line for one that cannot be broken earlier and hyphenates the run's first word:
"Wel-" alone above "come! Over three evenings we'll read …" (an organiser's Letter-paper guide).
Here such a break is replaced by the run whole, as it would be without the space: the inline
layout then sees the next box overflow and breaks the run at its last opportunity, as usual.
Only WeasyPrint 70 (`relayout.SUPPORTED`) is mended; another release is left as it is.
"""

from __future__ import annotations

from typing import Any

_INSTALLED = [False]


def install() -> None:
    import weasyprint
    from weasyprint.layout import inline

    from studyguide.pdf.relayout import SUPPORTED

    if _INSTALLED[0] or not weasyprint.__version__.startswith(SUPPORTED):
        return
    original = inline.split_first_line

    def split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                         is_line_start: bool = True, minimum: bool = False):
        found = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        resume = found[2]
        if resume is None or max_width is None or not text.endswith(" ") or " " not in text.strip() \
                or style["white_space"] not in ("normal", "pre-line"):
            return found
        first = text.encode()[:found[1]].decode(errors="ignore")
        if " " in first.strip():  # a break after a word: WeasyPrint's own
            return found
        alone = original(text.rstrip(" "), style, context, max_width, justification_spacing, is_line_start, minimum)
        if alone[2] is None and alone[3] <= max_width:  # the words fit; only the space did not
            return original(text, style, context, None, justification_spacing, is_line_start, minimum)
        return found

    inline.split_first_line = split_first_line
    _INSTALLED[0] = True
