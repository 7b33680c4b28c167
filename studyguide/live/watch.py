"""`studyguide watch`: rebuild what changed when a file is saved (`serve`: live.py).

Polling, not OS notifications: it needs no extra package, works on network
drives and in containers, and a guide folder is small enough to stat twice a second.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from studyguide.build.run import Result, Settings, build
from studyguide.errors import GuideError
from studyguide.files import TEMPLATES

Report = Callable[[list[Result]], None]
Reload = Callable[[], Settings]  # studyguide.toml read again, with the command line's options over it
TOML = "studyguide.toml"


def refreshed(reload: Reload | None, before: dict, now: dict) -> Settings | list[Result] | None:
    """The settings again when studyguide.toml changed (a build reads it each time: so does a
    watch); its errors as a failed result, to report while the last good settings wait."""
    if reload is None or before.get(TOML) == now.get(TOML):
        return None
    try:
        return reload()
    except GuideError as error:
        return [Result(Path(TOML), TOML, errors=list(error.diagnostics))]


def snapshot(paths: list[Path], settings: Settings) -> dict[str, tuple[int, int]]:
    """Size and time of every file a build reads."""
    roots = list(paths) + [TEMPLATES, Path("studyguide.toml")] + ([settings.theme] if settings.theme else [])
    out = settings.out.resolve()
    seen = {}
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for file in files:
            if file.name.startswith(".") or file.resolve().is_relative_to(out):
                continue  # our own outputs (an output folder inside a guide's) and temporary files are not inputs
            try:
                stat = file.stat()
            except OSError:
                continue
            seen[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch(paths: list[Path], settings: Settings, report: Report, stop: threading.Event | None = None,
          interval: float = 0.5, settle: float = 0.3, on_build: Callable[[], None] | None = None,
          reload: Reload | None = None) -> None:
    """Build, then rebuild whenever files change (once they have stopped changing
    for `settle` seconds: an editor's save is often several writes). Errors are
    reported and the watch goes on; a changed studyguide.toml is read again (`reload`)."""
    stop = stop or threading.Event()

    def once() -> None:
        nonlocal settings
        again = refreshed(reload, before, now)
        if isinstance(again, list):  # studyguide.toml is wrong: said, and nothing built until it is right
            report(again)
            return
        settings = again or settings
        try:
            report(build(paths, settings))
        except Exception as exc:  # never let one bad save end the watch
            report([Result(Path("studyguide"), "studyguide", errors=[_internal(exc)])])
        if on_build:
            on_build()

    before = now = snapshot(paths, settings)  # before the build: a save made during it is built next
    once()
    while not stop.wait(interval):
        now = snapshot(paths, settings)
        if now == before:
            continue
        while not stop.wait(settle):  # debounce: wait until the files are still
            later = snapshot(paths, settings)
            if later == now:
                break
            now = later
        once()
        before = now


def _internal(exc: Exception):
    from studyguide.errors import Diagnostic

    return Diagnostic("studyguide", None, f"internal error ({type(exc).__name__}: {exc})")


def serve(paths: list[Path], settings: Settings, report: Report, **options) -> None:
    """`studyguide serve`: see live.py (the preview first, the print files after)."""
    from studyguide.live.server import serve as live_serve

    live_serve(paths, settings, report, **options)
