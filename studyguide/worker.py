"""Each guide is built in a process of its own, killed when its time is up.

A time limit inside the process (SIGALRM) cannot stop what never returns to
Python, nor what a library catches: Markdown's regular expressions on 40 KB of
`![`, or WeasyPrint laying out nested SVG `<use>` (it catches every exception
while drawing an image). Only the operating system can stop those, so the parent
waits on each worker with a deadline and kills it, and reports the guide as
failed; the other guides go on.

Workers are forked: the parent has already imported WeasyPrint and friends,
so a guide costs a fork, not a second of imports.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import warnings
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable

from .errors import Diagnostic
from .model import slug_for


def limit_images() -> None:
    """Our fetcher refuses a file above MAX_PIXELS by its header, naming it; Pillow
    itself refuses (DecompressionBombError, above twice its MAX_IMAGE_PIXELS)
    whatever comes another way (a data: URI, an image inside an SVG)."""
    from PIL import Image

    from .fetch import MAX_PIXELS

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2
    warnings.simplefilter("ignore", Image.DecompressionBombWarning)


def warm() -> None:
    """Import what every worker needs, once, in the parent (workers are forked from it)."""
    import markdown  # noqa: F401
    import pypdf  # noqa: F401
    import pypdfium2  # noqa: F401
    import weasyprint  # noqa: F401

    from . import epub, impose, leaks, read, render  # noqa: F401


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # unwinds: a file being written is removed, not left half-written


def _child(conn: Connection, job: Callable, args: tuple) -> None:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C reaches it too
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    limit_images()
    from .fetch import OPENED

    OPENED.clear()
    try:
        result = job(*args)
    except KeyboardInterrupt:  # the parent stopped us
        os._exit(130)
    except BaseException as exc:  # noqa: BLE001 - reported with its guide, whatever it is
        path, settings = args[0], args[1]
        if getattr(settings, "debug", False):
            import traceback

            traceback.print_exc()
        from .build import Result

        result = Result(path, slug_for(path), errors=[Diagnostic(path, None, f"internal error ({type(exc).__name__}: {exc}); "
                                                                          "run with --debug for details")])
    conn.send(result)
    conn.close()


def _context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def run(todo: list[tuple[Path, str]], job: Callable, settings, done: Callable) -> None:
    """`job(path, settings, digest)` for each guide, at most `settings.jobs` at once,
    each in its own process killed after `settings.timeout` seconds; `done(result)`
    is told each guide's Result as it finishes, failed or not."""
    from .build import Result

    context = _context()
    waiting = list(todo)
    running: dict[Connection, tuple[multiprocessing.Process, Path, float]] = {}

    def start(path: Path, digest: str) -> None:
        ours, theirs = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(theirs, job, (path, settings, digest)), daemon=True)
        # Ctrl-C or SIGTERM during the fork would land in an at-fork hook, where Python ignores
        # the exception: hold them until the fork is done (the child lets them through again).
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            with warnings.catch_warnings():  # 3.12+ frowns on fork with threads (serve runs us in one): we exec nothing
                warnings.simplefilter("ignore", DeprecationWarning)
                process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        theirs.close()
        deadline = time.monotonic() + settings.timeout if settings.timeout else float("inf")
        running[ours] = (process, path, deadline)

    def failed(path: Path, message: str):
        return Result(path, slug_for(path), errors=[Diagnostic(path, None, message)])

    try:
        while waiting or running:
            while waiting and len(running) < max(1, settings.jobs):
                start(*waiting.pop(0))
            nearest = min(deadline for _, _, deadline in running.values())
            ready = wait(list(running), timeout=None if nearest == float("inf") else max(0.0, nearest - time.monotonic()))
            for conn in ready:
                process, path, _ = running.pop(conn)
                try:
                    result = conn.recv()
                except (EOFError, OSError):
                    process.join()
                    code = process.exitcode
                    why = f"killed by signal {-code}" if code and code < 0 else f"exit status {code}"
                    result = failed(path, f"the worker building this guide stopped ({why}) before it finished")
                conn.close()
                process.join()
                done(result)
            now = time.monotonic()
            for conn, (process, path, deadline) in list(running.items()):
                if now >= deadline and conn not in ready:
                    process.kill()
                    process.join()
                    conn.close()
                    del running[conn]
                    done(failed(path, f"building the guide took longer than {settings.timeout:g} s "
                                      "(the limit; see --timeout)"))
    finally:
        for process, _, _ in running.values():  # interrupted: nothing left running behind us
            process.terminate()
        for conn, (process, _, _) in running.items():
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()



def _call(conn: Connection, function: Callable, args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    limit_images()
    conn.send(function(*args))
    conn.close()


def bounded(function: Callable, args: tuple, seconds: float | None):
    """`function(*args)` in a forked process, killed after `seconds`: its return value,
    or TimeoutError. For `check`, which parses Markdown as a build does."""
    context = _context()
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(target=_call, args=(theirs, function, args), daemon=True)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    theirs.close()
    try:
        if not ours.poll(seconds):
            raise TimeoutError
        try:
            return ours.recv()
        except EOFError:
            raise RuntimeError("the worker stopped before it finished") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        ours.close()
