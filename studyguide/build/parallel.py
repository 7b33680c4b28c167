"""One guide's editions laid out side by side, when the build has cores to spare.

A guide is built in a worker process (studyguide.build.worker), which multiprocessing
makes daemonic, and a daemonic process may not start a multiprocessing child. So the
worker forks its own children with os.fork, after it has read the guide: each child
starts with the guide read, the stylesheets parsed and the fonts loaded (pages shared
with the worker until written), makes one task's editions, sends their files back
down a pipe and exits. The worker makes the participant edition itself meanwhile, then
hands out the rest.

A task is an edition that lays itself out (participant, facilitator, large print, the
handouts, the sign-in sheet), or the editions that are made from another's pages once
those exist (booklet, press and EPUB from the participant PDF), which start as soon as
it is back. An edition marked `last` (the web page, made from every other file) is
made by the worker itself at the end. What the children found (pages, sheets, warnings,
files opened) is merged in the table's order, so the files and the record are those of
a build in one process.

Children die with the worker: on Linux the kernel kills them when it goes (prctl's
parent-death signal, so a worker killed at --timeout leaves nothing behind); anywhere,
the worker kills them when it stops (an error, SIGTERM). A child that fails sends its
exception back and the guide fails with it, as it would in one process.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any

CORES = 1  # the cores the guide being built may use; set by the worker for each guide


def shares(jobs: int, guides: int) -> list[int]:
    """The cores each of `guides` guides may use when `jobs` run at once: one each
    while there are as many guides as jobs; the spare cores to the first (longest) guides."""
    if guides <= 0 or guides >= jobs:
        return [1] * max(0, guides)
    return [jobs // guides + (1 if n < jobs % guides else 0) for n in range(guides)]


def tasks(editions: list) -> list[tuple[tuple, tuple]]:
    """(editions, what they wait for) in the order they are handed out: each edition that
    needs nothing on its own; those that need others grouped by what they need."""
    alone, after = [], {}
    for edition in editions:
        if edition.last:
            continue
        if edition.needs:
            after.setdefault(edition.needs, []).append(edition)
        else:
            alone.append(((edition,), ()))
    return alone + [(tuple(group), needs) for needs, group in after.items()]


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the worker went before the signal was set
        os._exit(1)


def _made(job, group: tuple) -> tuple[dict, dict]:
    """Each edition of `group` made in this process: its outputs, and what it changed or
    found (pages, sheets, warnings, layouts, files opened), to be merged in table order."""
    from studyguide.pdf.fetch import OPENED

    result = job.result
    made, found = {}, {}
    for edition in group:
        before = (len(result.warnings), result.layouts, set(job.rendered), set(OPENED),
                  result.pages, result.sheets, result.press)
        made[edition.name] = edition.make(job)
        found[edition.name] = {
            "changed": {key: getattr(result, key) for key, then in zip(("pages", "sheets", "press"), before[4:])
                        if getattr(result, key) != then},
            "layouts": result.layouts - before[1], "warnings": result.warnings[before[0]:],
            "rendered": {k: v for k, v in job.rendered.items() if k not in before[2]},
            "opened": OPENED - before[3]}
    return made, found


def _here(job, group: tuple) -> tuple[dict, dict]:
    """`group` made by the worker itself; the result left as it was (what it found is
    merged with the children's, in table order), its layouts kept for what needs them."""
    result = job.result
    kept = (len(result.warnings), result.layouts, result.pages, result.sheets, result.press)
    try:
        return _made(job, group)
    finally:
        del result.warnings[kept[0]:]
        result.layouts, result.pages, result.sheets, result.press = kept[1:]


def _child(conn: Connection, job, group: tuple) -> None:
    """In the forked child: make the editions, send what they made and found, exit."""
    code = 0
    try:
        try:
            from studyguide.build.readback import ahead

            made, found = _made(job, group)
            for edition in group:  # read back here, while the other core still lays out (readback.py)
                found[edition.name]["read"] = ahead([edition], made)
            answer: Any = ("made", made, found)
        except BaseException as exc:  # noqa: BLE001 - the guide fails with it, in the worker
            if getattr(job.settings, "debug", False):
                import traceback

                traceback.print_exc()
            _place(exc)
            answer = ("raised", exc)
        try:
            data = pickle.dumps(answer)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: its type and words
            exc = answer[1] if answer[0] == "raised" else sys.exc_info()[1]
            data = pickle.dumps(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
        conn.send_bytes(data)
        conn.close()
    except BaseException:  # noqa: BLE001 - whatever happens, never back into the worker's code
        code = 1
    finally:
        os._exit(code)


def _place(exc: BaseException) -> None:
    """A template's error names its file and line from its traceback, which does not
    cross the pipe: the place is worked out here and carried with it."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", ".html"))]
    if frames:
        try:
            exc.studyguide_place = (frames[-1].filename, frames[-1].lineno)
        except AttributeError:
            pass


def _fork(job, group: tuple) -> tuple[int, Connection]:
    ours, theirs = Pipe(duplex=False)
    parent = os.getpid()
    gc.freeze()  # the worker's objects are left out of the child's collections (see worker._start)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        pid = os.fork()
        if pid == 0:
            try:  # the child: its own signals before it lets them in, and never back into the worker's code
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                ours.close()
                _die_with_parent(parent)
                _child(theirs, job, group)
            finally:
                os._exit(1)
    finally:
        if pid:  # the child never returns here (os._exit)
            gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    theirs.close()
    return pid, ours


def make_editions(job, editions: list, cores: int) -> dict[str, list]:
    """Every edition's outputs, made in at most `cores` processes at once; merged into
    `job` (its result, rendered layouts and made files) in the table's order.

    The worker makes the first edition others are made from (the participant's) itself,
    while children make the next ones on the other cores; children forked after it start
    with what that first layout taught the process (fonts shaped, words hyphenated,
    the text shaper's types), which made each of them up to twice as fast as a child
    forked before it, and the booklet, press PDF and EPUB are then made without its
    pages crossing a pipe."""
    from studyguide.build.worker import CHECKING
    from studyguide.pdf.fetch import OPENED

    waiting = tasks(editions)
    if len(waiting) < 2:  # nothing to lay out side by side: made in this process, as with one core
        return job.made
    needed = {name for _, needs in waiting for name in needs}
    own = next((t for t in waiting if not t[1] and {e.name for e in t[0]} & needed), None)
    running: dict[Connection, tuple[int, tuple]] = {}
    answers: dict[str, tuple[list, dict]] = {}
    ready: set[str] = set()

    def take(made: dict, found: dict, group: tuple) -> None:
        for edition in group:
            job.rendered.update(found[edition.name]["rendered"])  # the participant's pages, for the booklet
            answers[edition.name] = (made[edition.name], found[edition.name])
            ready.add(edition.name)
        # What can start now and waited for this goes first: it is on the way to the last edition.
        waiting.sort(key=lambda t: (not set(t[1]) <= ready, not t[1]))

    def start(slots: int) -> None:
        while len(running) < slots:
            task = next((t for t in waiting if set(t[1]) <= ready), None)
            if task is None:
                return
            waiting.remove(task)
            pid, conn = _fork(job, task[0])
            running[conn] = (pid, task[0])

    try:
        if own is not None:
            waiting.remove(own)
            start(cores - 1)  # the other cores begin at once
            take(*_here(job, own[0]), own[0])
        while waiting or running:
            start(cores)
            if not running:
                raise RuntimeError("editions wait for editions that are not made")  # a table that cannot be ordered
            if CHECKING[0] not in sys.modules:  # what the end of the build needs, loaded while the children work
                from importlib import import_module

                for name in CHECKING:
                    import_module(name)
            for conn in wait(list(running)):
                pid, group = running.pop(conn)
                try:
                    answer = pickle.loads(conn.recv_bytes())
                except (EOFError, OSError):
                    answer = None
                conn.close()
                _, status = os.waitpid(pid, 0)
                if answer is None:
                    why = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                           else f"exit status {os.waitstatus_to_exitcode(status)}")
                    raise RuntimeError(f"the process making the {', '.join(e.name for e in group)} edition "
                                       f"stopped ({why}) before it finished")
                if answer[0] == "raised":
                    raise answer[1]
                take(answer[1], answer[2], group)
    finally:
        for conn, (pid, _) in running.items():  # a failure or SIGTERM: nothing left running behind us
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            conn.close()
    from studyguide.build.readback import KNOWN

    result = job.result
    for edition in editions:  # in the table's order, as one process would have made them
        if edition.name in answers:
            outputs, found = answers[edition.name]
            KNOWN.update(found.get("read", {}))
            job.made[edition.name] = outputs
            for key, value in found["changed"].items():
                setattr(result, key, value)
            result.layouts += found["layouts"]
            result.warnings.extend(found["warnings"])
            OPENED.update(found["opened"])
    return job.made
