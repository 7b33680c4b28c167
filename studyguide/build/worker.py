"""Each guide is built in a worker process, killed when the guide's time is up.

A time limit inside the process (SIGALRM) cannot stop what never returns to
Python, nor what a library catches: Markdown's regular expressions on 40 KB of
`![`, or WeasyPrint laying out nested SVG `<use>` (it catches every exception
while drawing an image). Only the operating system can stop those, so the parent
waits on each worker with a deadline and kills it, and reports the guide as
failed; the other guides go on.

Workers are forked from the parent, which has imported WeasyPrint and friends
and parsed the stylesheets, and each takes guide after guide, keeping its caches
(fonts, the booklet's notes page): a worker killed at the limit is replaced.
With fewer guides than jobs, a guide's worker is given the spare cores and lays
out its editions in children of its own (studyguide.build.parallel), which die
with it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
import warnings
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterator

from studyguide.errors import Diagnostic
from studyguide.model import slug_for


def limit_images() -> None:
    """Our fetcher refuses a file above MAX_PIXELS by its header, naming it; Pillow
    itself refuses (DecompressionBombError, above twice its MAX_IMAGE_PIXELS)
    whatever comes another way (a data: URI, an image inside an SVG)."""
    from PIL import Image

    from studyguide.pdf.fetch import MAX_PIXELS

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2
    warnings.simplefilter("ignore", Image.DecompressionBombWarning)


def import_weasyprint() -> None:
    """WeasyPrint tries each C library under six names, most of them other systems'
    spellings, and for each name that fails ctypes.util.find_library runs ldconfig, then
    gcc, then ld: 0.3 s of every cold start on Linux, a third of a short guide's build.
    What gcc or ld would find is a name the dynamic linker must still find by itself, as it
    does the `.so.0` names WeasyPrint tries too; so while WeasyPrint loads, a name is looked
    up in ldconfig's cache alone."""
    import ctypes.util

    if "weasyprint" in sys.modules or not sys.platform.startswith("linux") \
            or not hasattr(ctypes.util, "_findSoname_ldconfig"):
        import weasyprint  # noqa: F401
        return
    find = ctypes.util.find_library
    ctypes.util.find_library = ctypes.util._findSoname_ldconfig
    try:
        import weasyprint  # noqa: F401,F811
    finally:
        ctypes.util.find_library = find


# What a guide's build needs once its editions are made: the calendar, the preflight
# (which opens every PDF) and the leak check (which reads every PDF back).
CHECKING = ("icalendar", "pikepdf", "pypdfium2")
READER_WAIT = 5.0  # seconds a guide waits for the rest of its reading ahead (studyguide.build.ahead.taken) at most


def warm(theme: Path | None = None, editions: tuple[str, ...] | None = None, reader: bool = True,
         checking: bool = True) -> None:
    """Import what the workers need, and parse the stylesheets (and load their fonts),
    once, in the parent: workers are forked from it and start with all of it. Only
    what the `editions` asked for (all of them when not said): a cold participant
    edition does not load the booklet's PDF library or the handout's stylesheet.
    `checking`: False when a guide's editions will be made side by side, whose worker
    loads CHECKING itself while its children lay out."""
    from importlib import import_module

    import markdown  # noqa: F401

    for name in CHECKING if checking else ():
        import_module(name)
    import_weasyprint()

    from studyguide.build import leaks  # noqa: F401
    from studyguide.editions import NAMES, warmed
    from studyguide.render import html
    from studyguide.pdf.write import stylesheet

    if reader:  # not when every guide is being read ahead already
        import_module("studyguide.read.reader")
    extra = warmed(NAMES if editions is None else editions)
    for name in extra:
        if not name.endswith(".css"):
            import_module(name)
    for name in ("guide.css", "fonts.css", *(n for n in extra if n.endswith(".css"))):
        try:
            stylesheet(html.stylesheet(name, theme).as_uri())
        except Exception:  # noqa: BLE001 - a theme's broken stylesheet is reported by the guide that uses it
            pass


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held while the libraries load, and taken as soon as they have:
    one that lands inside an extension module's import comes out as an ImportError, a
    traceback instead of `interrupted` (seen once in forty tries, timed to the import)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # unwinds: a file being written is removed, not left half-written


def _serve(conn: Connection, job: Callable, settings) -> None:
    """A worker: guides one after another (its caches of fonts, stylesheets and the
    booklet's notes page kept from one to the next) until told to stop. Stopped anywhere
    (SIGTERM between two guides, while its result is sent), it ends quietly: a traceback
    from a worker is no part of `interrupted`."""
    try:
        _guides(conn, job, settings)
    except KeyboardInterrupt:
        os._exit(130)


def _guides(conn: Connection, job: Callable, settings) -> None:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C reaches it too
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    limit_images()
    from studyguide.build import parallel
    from studyguide.build.ahead import learn
    from studyguide.pdf.fetch import OPENED

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            break
        if task is None:
            break
        path, digest, cores, ahead, patterns = task
        learn(patterns)
        OPENED.clear()  # what this guide opens is this guide's inputs
        parallel.CORES = cores  # more than one: its editions side by side (studyguide.build.parallel)
        try:
            result = job(path, settings, digest, ahead)
        except KeyboardInterrupt:  # the parent stopped us
            os._exit(130)
        except BaseException as exc:  # noqa: BLE001 - reported with its guide, whatever it is
            if getattr(settings, "debug", False):
                import traceback

                traceback.print_exc()
            from studyguide.build.run import Result

            result = Result(path, slug_for(path), errors=[Diagnostic(
                path, None, f"internal error ({type(exc).__name__}: {exc}); run with --debug for details")])
        conn.send(result)
    conn.close()


def _context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _start(context, target: Callable, args: tuple) -> multiprocessing.Process:
    process = context.Process(target=target, args=args, daemon=True)
    # What the parent has made so far (WeasyPrint, the stylesheets, the fonts) stays out of
    # the child's garbage collections: a collection writes to every object it visits, and
    # each page it writes to is copied from the parent's, which made a forked child slower
    # than the process it came from. The parent collects them again at once: `serve` forks
    # for hours, and garbage frozen in it would never go.
    gc.freeze()
    # Ctrl-C or SIGTERM during the fork would land in an at-fork hook, where Python ignores
    # the exception: hold them until the fork is done (the child lets them through again).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        with warnings.catch_warnings():  # 3.12+ frowns on fork with threads (serve runs us in one): we exec nothing
            warnings.simplefilter("ignore", DeprecationWarning)
            process.start()
    finally:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return process


def run(todo: list[tuple[Path, str]], job: Callable, settings, done: Callable, early: dict | None = None) -> None:
    """`job(path, settings, digest, ahead)` for each guide in at most `settings.jobs` worker
    processes; a worker still on one guide after `settings.timeout` seconds is killed
    (and replaced). `done(result)` is told each guide's Result as it finishes, failed or not.
    `early`: the readers of studyguide.build.ahead; `ahead` is what one of them read, or None."""
    from studyguide.build.run import Result

    from studyguide.build.parallel import shares

    from studyguide.build.ahead import reading, taken

    context = _context()
    early = early if early is not None else {}  # taken from as guides are handed out; the caller ends the rest
    waiting = [(path, digest, cores) for (path, digest), cores in zip(todo, shares(max(1, settings.jobs), len(todo)))]
    idle: list[tuple[multiprocessing.Process, Connection]] = []
    busy: dict[Connection, tuple[multiprocessing.Process, Path, float]] = {}

    def failed(path: Path, message: str):
        return Result(path, slug_for(path), errors=[Diagnostic(path, None, message)])

    def end(process: multiprocessing.Process, conn: Connection) -> None:
        if process.is_alive():
            process.kill()
        process.join()
        conn.close()

    try:
        while waiting or busy:
            while waiting and (idle or len(busy) < max(1, settings.jobs)):
                if idle:
                    process, conn = idle.pop()
                else:
                    conn, theirs = context.Pipe()
                    process = _start(context, _serve, (theirs, job, settings))
                    theirs.close()
                # A guide still being read ahead waits for its reader (below); while another worker
                # is free too, that one is given the next guide first, so that it does not wait as well.
                free = len(idle) + max(1, settings.jobs) - len(busy)
                pick = 0
                if free > 1 and reading(early, waiting[0][0]):
                    pick = next((n for n, item in enumerate(waiting) if item[0] not in early), 0)
                path, digest, cores = waiting.pop(pick)
                began = time.monotonic()  # the wait counts against the guide's time limit
                try:
                    conn.send((path, digest, cores, *taken(early, path, min(READER_WAIT, settings.timeout or READER_WAIT))))
                except OSError:  # the worker died while idle: another takes the guide
                    end(process, conn)
                    waiting.insert(pick, (path, digest, cores))
                    continue
                deadline = began + settings.timeout if settings.timeout else float("inf")
                busy[conn] = (process, path, deadline)
            nearest = min(deadline for _, _, deadline in busy.values())
            ready = wait(list(busy), timeout=None if nearest == float("inf") else max(0.0, nearest - time.monotonic()))
            for conn in ready:
                process, path, _ = busy.pop(conn)
                try:
                    result = conn.recv()
                    idle.append((process, conn))
                except (EOFError, OSError):
                    process.join()
                    code = process.exitcode
                    why = f"killed by signal {-code}" if code and code < 0 else f"exit status {code}"
                    result = failed(path, f"the worker building this guide stopped ({why}) before it finished")
                    end(process, conn)
                done(result)
            now = time.monotonic()
            for conn, (process, path, deadline) in list(busy.items()):
                if now >= deadline:
                    del busy[conn]
                    if not sys.platform.startswith("linux"):  # no parent-death signal: let it stop its editions' children
                        process.terminate()
                        process.join(0.5)
                    end(process, conn)
                    done(failed(path, f"building the guide took longer than {settings.timeout:g} s "
                                      "(the limit; see --timeout)"))
    finally:
        for path in list(early):  # readers of guides never handed out (interrupted)
            taken(early, path)
        for process, conn in idle:
            try:
                conn.send(None)
            except OSError:
                pass
        for process, _, _ in busy.values():  # interrupted: nothing left running behind us
            process.terminate()
        for process, conn in [*idle, *((p, c) for c, (p, _, _) in busy.items())]:
            process.join(timeout=5)
            end(process, conn)


def _call(conn: Connection, function: Callable, args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    limit_images()
    try:
        conn.send(function(*args))
    except Exception as exc:  # a bug of ours: one line for the caller, never a traceback on the terminal
        conn.send(Failed(f"{type(exc).__name__}: {exc}"))
    conn.close()


class Failed(str):
    """What a forked call says when it raised: the exception, in a line."""


def bounded(function: Callable, args: tuple, seconds: float | None):
    """`function(*args)` in a forked process, killed after `seconds`: its return value,
    or TimeoutError. For `check`, which parses Markdown as a build does."""
    context = _context()
    ours, theirs = context.Pipe(duplex=False)
    process = _start(context, _call, (theirs, function, args))
    theirs.close()
    try:
        if not ours.poll(seconds):
            raise TimeoutError
        try:
            answer = ours.recv()
        except EOFError:
            raise RuntimeError("the worker stopped before it finished") from None
        if isinstance(answer, Failed):
            raise RuntimeError(str(answer))
        return answer
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        ours.close()
