"""`build`, `watch` and `serve`: the guides into their editions, once or on every save."""

from __future__ import annotations

import signal
import sys

import click

from studyguide.cli import options, report
from studyguide.cli.options import PATHS, QUIET


def _interrupted(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary files are removed on the way out."""
    raise KeyboardInterrupt


@click.command("build")
@options.for_command("build", PATHS, QUIET)
def build_command(paths, quiet, **given) -> None:
    """Build every guide in PATHS (files, guide folders or folders of guides; default guides/).

    \b
    For each guide, into OUT/<slug>/: <slug>.pdf, facilitator/<slug>-facilitator.pdf,
    <slug>-booklet.pdf, <slug>-questions.pdf (and -2up, per session),
    <slug>-large-print.pdf, <slug>.epub, <slug>-press.pdf and a web page;
    and OUT/index.html, a catalogue of every guide built there.
    Guides whose inputs have not changed are not built again (--force to rebuild).
    Exit status: 0 all built, 1 a guide failed, 2 usage error.

    \b
    Examples:
      studyguide build
      studyguide build guides/trotsky-armed-the-workers.md --editions participant,booklet
      studyguide build --long-edge --out print
    """
    from studyguide.build.run import build, near_misses

    paths, settings = options.build_settings(paths, given)
    refused = options.regular(paths)
    if refused:
        report.say(refused)
        sys.exit(1)
    missed = near_misses(paths)
    report.say(missed)
    signal.signal(signal.SIGTERM, _interrupted)
    progress = report.Progress() if not quiet and sys.stderr.isatty() else None
    try:
        results = build(paths, settings, progress=progress)
    except KeyboardInterrupt:
        click.echo("\nstudyguide: interrupted; files already built are whole, nothing was half-written", err=True)
        sys.exit(130)
    finally:
        if progress:
            progress.close()
    if not results:
        raise click.UsageError(f"no guides found in {', '.join(map(str, paths))}")
    report.results(results, quiet)
    if not quiet:
        report.summary(results, settings.out, settings.long_edge)
        report.print_counts(results, settings.members)
    sys.exit(0 if all(r.ok for r in results) and not (settings.strict and missed) else 1)


@click.command("watch")
@options.for_command("watch", PATHS, QUIET)
def watch_command(paths, quiet, **given) -> None:
    """Build, then rebuild each guide when it is saved (Ctrl-C to stop).

    \b
    Example: studyguide watch guides/my-guide
    """
    from studyguide.live.watch import watch

    paths, settings = options.build_settings(paths, given)
    click.echo("watching for changes (Ctrl-C to stop)", err=True)
    try:
        watch(paths, settings, lambda results: report.changes(results, quiet), reload=options.reload(given))
    except KeyboardInterrupt:
        pass


@click.command("serve")
@options.for_command("serve", PATHS, QUIET, click.option("--port", type=click.IntRange(0, 65535), default=8000,
                                                          show_default=True, help="Port on localhost."))
def serve_command(paths, quiet, port, **given) -> None:
    """Serve the catalogue and each guide's page on localhost, rebuilding on save.

    On save, a guide's preview (http://127.0.0.1:PORT/__preview/SLUG/) is shown
    first, then its participant PDF, then every other edition; the page in the
    browser reloads itself, says which files are fresh, and shows a build error
    over the page until the guide builds again.

    \b
    Example: studyguide serve   (then open http://127.0.0.1:8000/)
    """
    from studyguide.live.server import serve

    paths, settings = options.build_settings(paths, given)
    signal.signal(signal.SIGTERM, _interrupted)  # stopped like Ctrl-C: no worker left behind
    try:
        serve(paths, settings, lambda results: report.changes(results, quiet), port=port,
              ready=lambda url: click.echo(f"serving {url} (previews: {url}__preview/SLUG/; Ctrl-C to stop)", err=True),
              say=lambda line: click.echo(line, err=True), reload=options.reload(given))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.UsageError(f"cannot serve on port {port}: {exc.strerror or exc}") from None
