"""`studyguide serve`: the preview first, the print files after.

Two lanes. The preview lane polls the files, and on a save renders the changed
guides' participant HTML in a forked process stopped at --timeout (a few tenths
of a second) and tells the browser to reload. The print lane meanwhile builds the
participant PDF of those guides, then every edition, in the worker processes
`build` uses (so --timeout and --max-size hold). Each lane compares the files
with a snapshot taken *before* its work, so a save made during a build is built
next, never lost. An error replaces nothing: the last preview and the last files
stay, and every served page shows the error until the guide builds again.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from importlib import import_module
from collections.abc import Callable
from pathlib import Path

from studyguide.build.run import Result, Settings, build, find_guides
from studyguide.errors import Diagnostic
from studyguide.model import slug_for
from studyguide.live.watch import TOML, Reload, Report, refreshed, snapshot

Say = Callable[[str], None]


def preview_html(path: Path, settings: Settings) -> tuple[str, list[Diagnostic]] | list[Diagnostic]:
    """Runs in a forked process: (the participant HTML, warnings), or the errors."""
    from studyguide.build.promises import check_leaks
    from studyguide.errors import GuideError
    from studyguide.read.reader import read
    from studyguide.render.html import render_guide
    from studyguide.slugs import problem

    why = problem(slug_for(path))
    if why:
        return [Diagnostic(path, None, why)]
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return [Diagnostic(path, None, f"the guide is {size:,} bytes; the limit is {settings.max_bytes:,} (--max-size)")]
        guide = read(path, settings.max_bytes, dict(settings.defaults), settings.theme)
        html = render_guide(guide, "participant", settings.theme)
        check_leaks(guide, {"preview": html})  # the second lock, as on the guide's web page
        return html, list(guide.warnings)
    except GuideError as error:
        return [d for d in error.diagnostics if d.level != "warning"] or list(error.diagnostics)
    except OSError as exc:
        return [Diagnostic(path, None, f"cannot read the guide: {exc.strerror or exc}")]
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, and serve goes on
        return [Diagnostic(path, None, f"internal error ({type(exc).__name__}: {exc}); run with --debug for details")]


class Live:
    """What the browser is told: each guide's preview and freshness, the errors, a version
    that changes with any of them (`files` changes when a full build is done)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.version = 0
        self.files = 0
        self.previews: dict[str, tuple[Path, str]] = {}  # slug → (guide file, HTML)
        self.fresh: dict[str, dict[str, str]] = {}  # slug → {"preview"/"participant"/"editions": state}
        self.errors: dict[str, list[str]] = {}  # [stage:]guide file → `PATH:LINE: error: MESSAGE` lines
        self.gone: set[str] = set()  # the slugs of guides that left the folder: nothing more is said of them

    def update(self, function: Callable[[Live], None]) -> None:
        with self.changed:
            function(self)
            self.version += 1
            self.changed.notify_all()

    def wait(self, since: int, seconds: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != since, timeout=seconds)
            return self.version

    def lines(self) -> list[str]:
        """Every error once (a preview and a build may say the same), in the order found."""
        return list(dict.fromkeys(line for lines in self.errors.values() for line in lines))

    def mark(self, slugs, what: str, state: str) -> None:
        def set_(live: Live) -> None:
            for slug in slugs:
                if slug not in live.gone:
                    live.fresh.setdefault(slug, {})[what] = state
        self.update(set_)


def _owner(file: str, guides: list[Path]) -> list[Path]:
    """The guides a changed file belongs to; every guide for a template, a theme or the settings."""
    path = Path(file)
    for guide in guides:
        root = guide.parent if guide.name == "guide.md" else guide
        if path == guide or (guide.name == "guide.md" and path.is_relative_to(root)):
            return [guide]
    return guides


LANES_IMPORT = ("studyguide.build.parallel", "studyguide.build.promises", "studyguide.distribute.calendar",
                "studyguide.distribute.extras", "studyguide.distribute.feed", "studyguide.distribute.runsheet",
                "studyguide.read.pdfreading", "studyguide.read.reader", "studyguide.render.catalogue",
                "studyguide.render.html", "studyguide.slugs", "studyguide.build.readback", "studyguide.pdf.linebreak",
                "studyguide.read.pdfclean", "studyguide.read.pdfcross", "studyguide.read.pdfvisible")


def serve(paths: list[Path], settings: Settings, report: Report, host: str = "127.0.0.1", port: int = 8000,
          stop: threading.Event | None = None, ready: Callable[[str], None] | None = None, interval: float = 0.1,
          say: Say | None = None, reload: Reload | None = None) -> None:
    """Serve the catalogue, each guide's page and its live preview on localhost, rebuilding on save;
    a changed studyguide.toml is read again (`reload`), into the same output folder."""
    from studyguide.build import worker
    from studyguide.live.http import start_server

    stop = stop or threading.Event()
    say = say or (lambda line: None)
    settings.out.mkdir(parents=True, exist_ok=True)
    live = Live()
    worker.warm(settings.theme, tuple(settings.editions))  # forked previews start with the templates and Markdown imported
    # A process forked while another thread is importing a module waits for that module for
    # ever: the previews are forked while the print lane builds, so whatever both lanes import
    # is imported now, before either starts (a preview that hung until --timeout said so).
    for name in LANES_IMPORT:
        import_module(name)
    server = start_server(live, settings, host, port)
    served = settings.out  # the folder served stays; the rest of the settings follow studyguide.toml
    todo: set[Path] = set()
    first = [True]  # at start, every edition at once: the guides' files may well be up to date
    queued = threading.Condition()
    failing: set[str] = set()
    present: set[Path] = set()  # the guides in the folder now
    left: set[Path] = set()  # guides deleted or renamed away: what is said of them goes, and stays gone

    def errors_of(result: Result, stage: str = "") -> None:
        """Errors by guide and stage: a good preview clears the preview's errors, not a failed build's."""
        key = stage + str(result.path)

        def set_(live: Live) -> None:
            if result.ok or result.path in left:  # (a build of a guide that has left since it started)
                live.errors.pop(key, None)
            else:
                live.errors[key] = [str(d) for d in result.errors]
        live.update(set_)
        if stage:
            return
        if not result.ok:
            failing.add(key)
        elif key in failing:
            failing.discard(key)
            say(f"{time.strftime('%H:%M:%S')} {result.path}: builds again")

    def preview(guides: list[Path]) -> None:
        for path in guides:
            slug = slug_for(path)
            live.mark([slug], "preview", "building")
            try:
                made = worker.bounded(preview_html, (path, settings), settings.timeout)
            except TimeoutError:
                made = [Diagnostic(path, None, f"building the guide took longer than {settings.timeout:g} s "
                                               "(the limit; see --timeout)")]
            except RuntimeError as exc:
                made = [Diagnostic(path, None, f"internal error ({exc})")]
            if isinstance(made, list):  # errors: the last preview stays, under the overlay (the build reports them)
                errors_of(Result(path, slug, errors=made), "preview:")
                live.mark([slug], "preview", "failed")
                continue
            html, _ = made

            def set_(live: Live, slug=slug, path=path, html=html) -> None:
                if path in left:
                    return
                live.previews[slug] = (path, html)
                live.errors.pop("preview:" + str(path), None)
                live.fresh.setdefault(slug, {})["preview"] = time.strftime("%H:%M:%S")
            live.update(set_)

    def arrived(guides: list[Path]) -> None:
        """The guides now in the folder. One that has left it (deleted, renamed) takes its errors, its
        preview and its freshness with it: its error stayed over every page, its old preview served."""
        now = set(guides)
        gone = present - now
        slugs = {slug_for(g) for g in now}

        def set_(live: Live) -> None:
            left.difference_update(now)
            left.update(gone)
            present.clear()
            present.update(now)
            for path in gone:
                live.errors.pop(str(path), None)
                live.errors.pop("preview:" + str(path), None)
                slug = slug_for(path)
                if slug in live.previews and live.previews[slug][0] == path:
                    del live.previews[slug]
                if slug not in slugs:
                    live.fresh.pop(slug, None)
            live.gone = {slug_for(path) for path in left} - slugs
        live.update(set_)
        for path in gone:
            failing.discard(str(path))

    def queue(guides: list[Path]) -> None:
        """For the print lane, which starts on them while the preview is made (two cores, two lanes)."""
        with queued:
            todo.update(guides)
            queued.notify_all()

    def watch_lane() -> None:
        nonlocal settings  # studyguide.toml read again: the lanes build with what it says now
        before = snapshot(paths, settings)
        arrived(find_guides(paths))
        queue(find_guides(paths))
        preview(find_guides(paths))
        while not stop.wait(interval):
            now = snapshot(paths, settings)
            if now == before:
                continue
            while not stop.wait(min(interval, 0.05)):  # an editor's save is often several writes
                later = snapshot(paths, settings)
                if later == now:
                    break
                now = later
            again = refreshed(reload, before, now)
            if again is not None:
                errors_of(again[0] if isinstance(again, list) else Result(Path(TOML), TOML))
                if isinstance(again, list):  # studyguide.toml is wrong: said over every page, nothing built
                    report(again)
                    before = now
                    continue
                settings = dataclasses.replace(again, out=served)
            guides = find_guides(paths)
            arrived(guides)
            changed = {f for f in set(now) | set(before) if now.get(f) != before.get(f)}
            before = now  # taken before the preview: a save during it is seen next time round
            affected = sorted({g for f in changed for g in _owner(f, guides)})
            queue(affected or guides)
            preview(affected or guides)

    def print_lane() -> None:
        while not stop.is_set():
            with queued:
                queued.wait_for(lambda: todo or stop.is_set())
                if stop.is_set():
                    return
                guides = sorted(todo)
                todo.clear()
            slugs = [slug_for(g) for g in guides]
            try:
                live.mark(slugs, "editions", "waiting")
                if "participant" in settings.editions and len(settings.editions) > 1 and not first[0]:
                    live.mark(slugs, "participant", "building")
                    quick = build(guides, dataclasses.replace(settings, editions=("participant",)))
                    for result in quick:
                        errors_of(result)
                        live.mark([result.slug], "participant", time.strftime("%H:%M:%S") if result.ok else "failed")
                    if not all(r.ok for r in quick):  # their errors now; the others' editions next
                        report([r for r in quick if not r.ok])
                        live.mark([r.slug for r in quick if not r.ok], "editions", "not built")
                        guides = [r.path for r in quick if r.ok]
                        if not guides:
                            continue
                live.mark([slug_for(g) for g in guides], "editions", "building")
                results = build(paths if first[0] else guides, settings)
                first[0] = False
            except Exception as exc:  # noqa: BLE001 - never let one bad save end serve
                results = [Result(Path("studyguide"), "studyguide", errors=[
                    Diagnostic("studyguide", None, f"internal error ({type(exc).__name__}: {exc})")])]
            for result in results:
                if result.skipped:
                    continue
                errors_of(result)
                stamp = time.strftime("%H:%M:%S") if result.ok else "failed"
                live.mark([result.slug], "editions", stamp)
                if "participant" in settings.editions and (result.ok or len(settings.editions) == 1):
                    live.mark([result.slug], "participant", stamp)
            report(results)

            def files(live: Live) -> None:
                live.files += 1
            live.update(files)

    lanes = [threading.Thread(target=target, daemon=True) for target in (watch_lane, print_lane)]
    for lane in lanes:
        lane.start()
    try:
        if ready:
            ready(f"http://{server.server_address[0]}:{server.server_address[1]}/")
        while not stop.wait(0.5):
            pass
    finally:
        stop.set()
        with queued:
            queued.notify_all()
        live.update(lambda live: None)  # long polls answer now
        server.shutdown()
        server.server_close()
        for lane in lanes:
            lane.join(timeout=5)
