"""PDF: HTML -> PDF bytes with WeasyPrint, its log turned into our warnings.

WeasyPrint is imported here only, and lazily, so commands that do not lay out
pages (check, a no-op build) never pay its half-second import.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit
from urllib.request import url2pathname

# Said about the machine, not the guide: without the optional HarfBuzz-Subset
# library WeasyPrint subsets fonts with fontTools, with the same result.
ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


class TimeLimit(Exception):
    """A layout ran past its time limit."""


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    text: str = ""  # every line of text laid out, as drawn into the PDF
    shown: str = ""  # the text a reader can see (laid_out_text(seen=True)): what a handout's check reads
    markup: str = ""  # what was laid out: the HTML with refine's fixes (tests lay it out again to compare)


def laid_out_text(document: Any, seen: bool = False) -> str:
    """The text WeasyPrint drew, from its boxes: what the PDF says, without reading the PDF back.
    `seen`: only what a reader can see on the page: not text hidden (`visibility: hidden`, which is
    not drawn), of size 0, transparent, or inside a box of opacity 0 (drawn, but invisible); a
    handout must show its questions, not only hold them."""
    from weasyprint.formatting_structure.boxes import TextBox

    if not seen:
        return " ".join(box.text for page in document.pages for box in page._page_box.descendants()
                        if isinstance(box, TextBox))
    shown: list[str] = []
    for page in document.pages:
        stack = [(page._page_box, 1.0)]
        while stack:
            box, opacity = stack.pop()
            style = getattr(box, "style", None)
            if style is not None:
                opacity *= float(style["opacity"])
            if isinstance(box, TextBox):
                color = style["color"]
                if opacity > 0.05 and style["visibility"] == "visible" and style["font_size"] >= 2 \
                        and getattr(color, "alpha", 1) > 0.05:
                    shown.append(box.text)
                continue
            stack.extend((child, opacity) for child in reversed(getattr(box, "children", None) or ()))
    return " ".join(shown)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.endswith(": ") and record.args:  # "Failed to load image at …: " with the reason in the cause
            cause = getattr(record.args[-1], "__cause__", None)
            message += f"{type(cause).__name__}: {cause}" if cause else "the file could not be read"
        if not message.startswith(ENVIRONMENT_NOTICES) and "studyguide refused" not in message:
            self.messages.append(message)


_font_config: Any = None
_font_owner = 0  # the process that made it (and its folder of fonts)
_stylesheets: dict[tuple, Any] = {}
# Our templates link their stylesheets as local files; each is parsed once per
# process and given to WeasyPrint ready-made (a quarter of a small guide's time).
LINK_RE = re.compile(r'<link rel="stylesheet" href="(file:[^"]+)">')
# A document asks for a second look after layout (studyguide/refine.py): `<html data-refine="guide|sheet|half">`.
REFINE_RE = re.compile(r'<html[^>]*\sdata-refine="([a-z]+)"')


def font_config() -> Any:
    """One FontConfiguration per process: building it is a large part of a small guide's cost."""
    global _font_config, _font_owner
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        from studyguide.render.fonts import configure

        configure()  # the Noto fallbacks for every script, before the first layout
        _font_config = FontConfiguration()
        # WeasyPrint copies the stylesheets' fonts into a temporary folder, made on the first
        # @font-face and removed when the configuration is collected, which at exit it often
        # was not (4.4 MB left in the temporary folder by every build). Made here, by the
        # process that owns it, and removed by that process alone: forked workers share it.
        if getattr(_font_config, "_folder", False) is None:
            _font_config._folder = Path(tempfile.mkdtemp(prefix="weasyprint-"))
        _font_owner = os.getpid()
        atexit.register(_release)
    return _font_config


def _release() -> None:
    """Free fonts while the interpreter is whole (FontConfiguration.__del__ fails at
    teardown), and remove their folder if this process made it."""
    global _font_config
    folder = getattr(_font_config, "_folder", None)
    _stylesheets.clear()
    _font_config = None
    if folder and os.getpid() == _font_owner:
        shutil.rmtree(folder, ignore_errors=True)


def stylesheet(url: str) -> Any:
    """A parsed stylesheet, parsed again only when its file changes."""
    import weasyprint

    from studyguide.pdf.fetch import GuardedFetcher
    from studyguide.files import TEMPLATES

    path = Path(url2pathname(urlsplit(url).path))
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _stylesheets:
        fetcher = GuardedFetcher([path.parent, TEMPLATES], aliases={path.parent / "defaults": TEMPLATES})
        _stylesheets[key] = weasyprint.CSS(filename=str(path), font_config=font_config(), url_fetcher=fetcher)
    return _stylesheets[key]


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop a pathological layout. Uses SIGALRM, so only in a process's main thread."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def html_to_pdf(html: str, base: Path, roots: list[Path] | None = None, *, allow_remote: bool = False,
                seconds: float | None = None, cache: dict | None = None, withheld: frozenset[Path] = frozenset(),
                **options: Any) -> Rendered:
    """Lay out `html` (relative URLs resolve against the folder `base`) and write a PDF.

    Only files under `roots` (default: `base` and the templates) are loaded.
    `cache` shares decoded images between documents: give one per guide, since
    WeasyPrint keys it by URL alone (not by what was allowed, nor by file time).
    """
    import weasyprint

    from studyguide.files import TEMPLATES
    from studyguide.pdf import asmade, boxfix, linebreak, relayout, tounicode
    from studyguide.pdf.fetch import GuardedFetcher

    tounicode.install()
    linebreak.install()
    from studyguide.read.sanitize import without_file_links

    html = without_file_links(html)  # a link to a file became `file:///home/…`, the organiser's own folders

    fetcher = GuardedFetcher(roots or [base, TEMPLATES], allow_remote=allow_remote, withheld=withheld)
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
        with time_limit(seconds):
            sheets = [stylesheet(url) for url in LINK_RE.findall(html)]
            images = cache if cache is not None else {}

            refine = REFINE_RE.search(html)
            keep = (refine is not None and refine.group(1) == "guide" and relayout.supported()  # laid out again in part
                    and boxfix.trusts([Path(url2pathname(urlsplit(url).path)) for url in LINK_RE.findall(html)], html))

            def render(markup: str, partly: bool = True) -> Any:
                page = weasyprint.HTML(string=LINK_RE.sub("", markup), base_url=base.resolve().as_uri() + "/",
                                       url_fetcher=fetcher)
                if keep and partly:
                    return relayout.render(page, font_config(), stylesheets=sheets, cache=images,
                                           fix=asmade.made_as_we_go(markup))
                return page.render(font_config=font_config(), stylesheets=sheets, cache=images)

            draft = html
            if refine:
                from studyguide.pdf.refine import first_draft, refine_layout

                draft = first_draft(refine.group(1), html)
            document = render(draft)
            notices: list[str] = []
            if refine:
                try:
                    document, notices = refine_layout(refine.group(1), document, html, render, draft)
                except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
                    # Measuring reads WeasyPrint's box tree, which a new release may change:
                    # keep the first layout, and say what was not done.
                    notices = [f"the layout could not be measured ({type(exc).__name__}: {exc}): pages are as first "
                               "laid out, with no writing space on handouts and no check of footnotes"]
                    if isinstance(document, relayout.Draft):  # its kept state may have moved on with a relayout
                        document = render(draft, partly=False)
            document = relayout.finished(document)
            data = document.write_pdf(**options)
    finally:
        logger.removeHandler(collect)
        if pinned:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    refused = [f"refused to load {url}: {why}" for url, why in dict.fromkeys(fetcher.refused)]
    messages = list(dict.fromkeys(collect.messages))  # a second layout logs the same things again
    return Rendered(pdf=data, pages=len(document.pages), warnings=refused + messages + notices,
                    text=laid_out_text(document), shown=laid_out_text(document, seen=True),
                    markup=getattr(document, "markup", draft))
