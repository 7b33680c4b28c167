"""The first guides of a cold build, read while the main process is still loading
WeasyPrint: on two cores a one-guide build no longer waits for both one after the other.

Each reader is a process of its own, forked before WeasyPrint is imported; it sends the
Guide it read (pickled, with its file's stamp from before the read) or nothing at all,
then the hyphenation patterns of the guide's language, parsed (see _patterns).
The worker given the guide uses that reading when it is there, and reads the guide itself
when it is not (not finished, or failed: its errors and its time limit are the worker's,
as they always were).
"""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from studyguide.build.worker import _context, _start


def _read_one(conn: Connection, path: Path, settings) -> None:
    """A guide read ahead (see read_ahead): its file's stamp, the Guide and the files it
    opened, pickled; nothing at all when it could not be read (its worker reads it again
    and says why, as it would have)."""
    import pickle
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides, and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # forked while they were held
    from studyguide.build.run import _stamp, stamps
    from studyguide.read.reader import read

    data = b""
    try:
        stamp = _stamp(path)
        guide = read(path, settings.max_bytes, dict(settings.defaults), settings.theme)
        fetch = sys.modules.get("studyguide.pdf.fetch")  # reading opens no file through it today; if it ever does
        data = pickle.dumps((stamps(guide, stamp), guide, set(fetch.OPENED) if fetch else set()))
    except BaseException:  # noqa: BLE001 - the worker reads it again and reports what it finds
        data = b""
    try:
        conn.send_bytes(data)
        if data:
            conn.send_bytes(_patterns(guide.meta.lang))
    except Exception:  # noqa: BLE001 - a worker without the patterns parses them itself, as it always did
        pass


def _patterns(lang: str) -> bytes:
    """The hyphenation patterns WeasyPrint will parse when it first hyphenates a word of
    the guide (0.08 s for English, a twentieth of a short guide's cold build), parsed here,
    on the core that would otherwise wait: pyphen keeps them by their file's path."""
    import pickle

    import pyphen

    name = pyphen.language_fallback(lang)
    if name is None:  # a language without patterns: nothing is hyphenated
        return b""
    path = pyphen.LANGUAGES[name]
    return pickle.dumps({path: pyphen.hdcache.get(path) or pyphen.HyphDict(path)})


def learn(patterns: bytes | None) -> None:
    """Patterns a reader parsed (_patterns), kept where pyphen looks for them first."""
    if not patterns:
        return
    import pickle

    import pyphen

    for path, parsed in pickle.loads(patterns).items():
        pyphen.hdcache.setdefault(path, parsed)


def read_ahead(paths: list[Path], settings) -> dict[Path, tuple[multiprocessing.Process, Connection]]:
    """The first guides, read in processes of their own while this one is still loading
    WeasyPrint: a one-guide build no longer reads its guide only once that is done (a
    tenth of a second of a cold start). Only on a machine with a core to spare; a read
    not finished when its guide is handed out is stopped, and the worker reads the guide
    itself (the time limit and the errors are the worker's, as always)."""
    if settings.jobs < 2 or "weasyprint" in sys.modules:  # one core, or a warm process (serve): nothing gained
        return {}
    context = _context()
    started = {}
    for path in paths[: settings.jobs - 1]:
        ours, theirs = context.Pipe(duplex=False)
        started[path] = (_start(context, _read_one, (theirs, path, settings)), ours)
        theirs.close()
    return started


def reading(early: dict, path: Path) -> bool:
    """Whether `path` is being read ahead and its reader has not yet sent it."""
    if path not in early:
        return False
    process, conn = early[path]
    try:
        return not conn.poll(0) and process.is_alive()
    except (EOFError, OSError):
        return False


def taken(early: dict, path: Path, wait: float = 0.0) -> tuple[bytes | None, bytes | None]:
    """The guide read ahead, if its reader has finished (or does within `wait` seconds), and
    the patterns, if it has parsed them too (for learn); its process stopped either way.
    Waiting is worth it: the reader began while WeasyPrint loaded, so what is left of its
    reading is less than a worker's reading from the start (a 60-page guide: 0.95 s)."""
    if path not in early:
        return None, None
    process, conn = early.pop(path)
    data = patterns = None
    try:
        if conn.poll(wait if process.is_alive() else 0):
            data = conn.recv_bytes() or None
            if data and conn.poll(0):
                patterns = conn.recv_bytes() or None
    except (EOFError, OSError):
        data = patterns = None
    if process.is_alive():
        process.kill()
    process.join()
    conn.close()
    return data, patterns
