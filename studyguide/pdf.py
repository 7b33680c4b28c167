"""PDF: HTML -> PDF bytes with WeasyPrint, its log turned into our warnings.

WeasyPrint is imported here only, and lazily, so commands that do not lay out
pages (check, a no-op build) never pay its half-second import.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


# Said about the machine, not the guide: without the optional HarfBuzz-Subset
# library WeasyPrint subsets fonts with fontTools, with the same result.
ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(ENVIRONMENT_NOTICES):
            self.messages.append(message)


_font_config: Any = None


def font_config() -> Any:
    """One FontConfiguration per process: building it is a large part of a small guide's cost."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def html_to_pdf(html: str, base: Path, **options: Any) -> Rendered:
    """Lay out `html` (relative URLs resolve against the folder `base`) and write a PDF."""
    import weasyprint

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    # Without HarfBuzz-Subset, fonts are subset by fontTools, which stamps each
    # subset with the time unless SOURCE_DATE_EPOCH is set: pin it, so that a
    # rebuild is byte-identical.
    pinned = "SOURCE_DATE_EPOCH" not in os.environ
    if pinned:
        os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        document = weasyprint.HTML(string=html, base_url=base.resolve().as_uri() + "/").render(
            font_config=font_config()
        )
        data = document.write_pdf(**options)
    finally:
        logger.removeHandler(collect)
        if pinned:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    return Rendered(pdf=data, pages=len(document.pages), warnings=collect.messages)
