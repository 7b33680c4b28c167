"""The `studyguide` command (the console script; `python -m studyguide.cli.main`):
parses arguments, calls the library, prints what it says. One module per family of
commands (build: build, watch, serve; guides: new, import, check; tools: impose,
announce); their options come from the settings table (options)."""

from __future__ import annotations

import atexit
import logging
import os
import sys
from typing import NoReturn

import click

from studyguide import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="studyguide")
def main() -> None:
    """Publish study guides for reading groups: Markdown in, print-ready PDFs out.

    \b
    Examples:
      studyguide new "The Communist Manifesto"   start a guide
      studyguide serve                           see it in the browser as you edit
      studyguide build                           every guide in guides/ into build/
      studyguide import article.html             a saved article as a guide's reading
      studyguide impose reading.pdf reading-booklet.pdf --paper letter
    """
    # pypdf logs every oddity of a damaged PDF; we report what matters ourselves.
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _commands() -> None:
    from studyguide.cli.build import build_command, serve_command, watch_command
    from studyguide.cli.guides import check_command, import_command, new_command
    from studyguide.cli.tools import announce_command, impose_command

    for command in (new_command, build_command, watch_command, serve_command, check_command, import_command,
                    impose_command, announce_command):
        main.add_command(command)


_commands()


def run() -> NoReturn:
    """The console script. Once the command is done, the exit handlers run (logging is
    flushed, WeasyPrint's font folder removed) and the process ends without tearing
    down every module it imported, which took a tenth of a second of every build."""
    try:
        main()
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int):  # sys.exit("message"): said on stderr, status 1, as Python does
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    if sys.gettrace() or sys.getprofile():  # a profiler or coverage writes its data at teardown: let it
        raise SystemExit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started with the stream closed (`>&-`)
                stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more to say
            pass
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    run()
