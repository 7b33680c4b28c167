"""The `studyguide` command: parses arguments, calls the library, prints diagnostics."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from pathlib import Path

import click

from studyguide import __version__
from studyguide.build.run import EDITIONS, Settings, build
from studyguide.errors import Diagnostic, GuideError
from studyguide.papers import NAMES as PAPER_NAMES
from studyguide.papers import paper


def _shown(path: Path | str) -> str:
    if "://" in str(path):  # a web address, as given
        return str(path)
    try:
        return str(Path(path).parent.resolve().joinpath(Path(path).name).relative_to(Path.cwd()))  # a link keeps its name
    except ValueError:
        return str(path)


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


def build_options(function):
    """The options `build`, `watch` and `serve` share."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path)),
        click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), help="Folder to write into (default: studyguide.toml's out, else build).")
        , click.option("--theme", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Folder of templates and stylesheets that override the defaults.")
        , click.option("--strict", is_flag=True, help="Treat warnings as errors.")
        , click.option("-j", "--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="cores", help="Guides laid out at once.")
        , click.option("--long-edge", is_flag=True, help="Booklets for printers that only flip on the long edge (back sides turned 180°).")
        , click.option("--creep", type=click.FloatRange(0, 1), help="Paper thickness in mm for creep; default 0.1 above 28 pages.")
        , click.option("--signature", type=click.IntRange(4, 400), help="Pages per signature for thick booklets (a multiple of 4).")
        , click.option("--allow-remote", is_flag=True, help="Let guides load images over the network.")
        , click.option("--max-size", type=click.IntRange(1), default=2_000_000, show_default=True, help="Largest guide file, in bytes.")
        , click.option("--timeout", type=click.FloatRange(0.01), default=120.0, show_default=True, help="Seconds a guide may take to build (each in a process of its own, stopped at the limit).")
        , click.option("--force", is_flag=True, help="Rebuild every guide, even those whose inputs have not changed.")
        , click.option("--editions", metavar="LIST", help=f"Comma-separated editions to make (default: all: {','.join(EDITIONS)}).")
        , click.option("--quiet", "-q", is_flag=True, help="Print errors and warnings only.")
        , click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _config():
    """studyguide.toml, its warnings printed; its errors end the command (every one printed)."""
    from studyguide.config import load

    try:
        config = load(Path("."))
    except GuideError as error:
        _print(error.diagnostics)
        sys.exit(1)
    _print(config.warnings)
    return config


def _settings(paths, out, theme, strict, jobs, long_edge, creep, signature, allow_remote, max_size, timeout, force,
              editions, debug) -> tuple[list[Path], Settings]:
    """Command-line options over studyguide.toml over the defaults."""
    from studyguide.config import front_matter_defaults

    config = _config()
    if signature and signature % 4:
        raise click.BadParameter("must be a multiple of 4", param_hint="--signature")
    wanted = tuple(e.strip() for e in editions.split(",") if e.strip()) if editions is not None else config.editions
    from studyguide.config import ON_REQUEST

    if not wanted or any(e not in EDITIONS + ON_REQUEST for e in wanted):
        raise click.BadParameter(f"choose from {', '.join(EDITIONS + ON_REQUEST)}", param_hint="--editions")
    if not paths:
        if not Path("guides").is_dir():
            raise click.UsageError("no guides/ folder here: name the guides to build")
        paths = (Path("guides"),)
    theme = theme or (Path(config.theme) if config.theme else None)
    if theme is not None and not theme.is_dir():
        raise click.UsageError(f"theme folder {theme} does not exist (studyguide.toml)")
    defaults = front_matter_defaults(config)
    out = out or Path(config.out)
    _writable(out, "--out")
    settings = Settings(out=out, theme=theme, strict=strict, jobs=jobs, long_edge=long_edge,
                        creep=creep, signature=signature, debug=debug, allow_remote=allow_remote, max_bytes=max_size,
                        timeout=timeout, force=force, editions=wanted, defaults=defaults)
    return list(paths), settings


def _writable(folder: Path, option: str) -> None:
    """A usage error now, not a traceback after the first guide: a folder we can create or write into."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise click.BadParameter(f"{_shown(probe)} is a file, not a folder", param_hint=option)
    if probe.is_dir() and not os.access(probe, os.W_OK | os.X_OK):
        raise click.BadParameter(f"cannot write into {_shown(probe)} (permission denied)", param_hint=option)


def _regular(paths, max_size: int | None = None) -> list:
    """Named files that are devices, FIFOs or too big: refused by stat, before anything reads them."""
    import stat

    found = []
    for path in paths:
        try:
            info = path.stat()
        except OSError as exc:
            found.append(Diagnostic(path, None, f"cannot read: {exc.strerror or exc}"))
            continue
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            found.append(Diagnostic(path, None, "not a regular file or a folder (a device or a pipe?)"))
        elif max_size is not None and stat.S_ISREG(info.st_mode) and info.st_size > max_size:
            found.append(Diagnostic(path, None, f"the guide is {info.st_size:,} bytes; the limit is {max_size:,} (--max-size)"))
    return found


def _print(diagnostics) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic).replace(str(diagnostic.path), _shown(diagnostic.path), 1), err=True)


def _report(results, quiet: bool) -> None:
    from studyguide.read.reader import in_line_order

    for result in results:
        _print(in_line_order(result.warnings + result.errors))
        if result.ok and not quiet and not result.skipped:
            for file in result.files:
                click.echo(f"wrote {_shown(file)}")


@main.command("build")
@build_options
@click.option("--copies", type=click.IntRange(1, 10_000), help="Members to print for: the summary says what to print and buy "
                                                              "(default: studyguide.toml's members).")
def build_command(paths, quiet, copies=None, **options) -> None:
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
    paths, settings = _settings(paths, **options)
    refused = _regular(paths)
    if refused:
        _print(refused)
        sys.exit(1)
    signal.signal(signal.SIGTERM, _interrupted)
    progress = _Progress() if not quiet and sys.stderr.isatty() else None
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
    _report(results, quiet)
    if not quiet:
        _summary(results, settings.out, settings.long_edge)
        _print_counts(results, copies or _members())
    sys.exit(0 if all(r.ok for r in results) else 1)


class _Progress:
    """`[n/N] guide` on one line of a terminal, as guides finish."""

    def __init__(self) -> None:
        self.width = 0

    def __call__(self, done: int, total: int, slug: str) -> None:
        line = f"[{done}/{total}] {slug}"
        click.echo("\r" + line.ljust(self.width), nl=False, err=True)
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            click.echo("\r" + " " * self.width + "\r", nl=False, err=True)


def _interrupted(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary files are removed on the way out."""
    raise KeyboardInterrupt


def _summary(results, out: Path, long_edge: bool = False) -> None:
    from studyguide.render.catalogue import printing

    click.echo("")
    click.echo(f"{'guide':32} {'pages':>5} {'files':>5} {'warnings':>8}  booklet; press PDF (for a print shop's order)")
    for r in results:
        if r.ok:
            sheet = printing(r.sheets, r.paper, long_edge).split(":")[0] if r.sheets else ""
            note = "  (up to date)" if r.skipped else ""
            printed = "; ".join(filter(None, [sheet, f"press PDF {r.press}" if r.press else ""]))
            click.echo(f"{r.slug[:32]:32} {r.pages:>5} {len(r.files):>5} {len(r.warnings):>8}  {printed}{note}")
        else:
            click.echo(f"{r.slug[:32]:32} {'-':>5} {'-':>5} {'-':>8}  FAILED ({len(r.errors)} error{'s' if len(r.errors) != 1 else ''})")
    built = sum(r.ok for r in results)
    click.echo(f"\n{built} of {len(results)} guides built into {_shown(out)}/ (catalogue: {_shown(out / 'index.html')}).")
    if built:
        flip = "long" if long_edge else "short"
        click.echo(f"Booklets: print double-sided, flip on {flip} edge, at 100 % (actual size); fold and staple.")


def _members() -> int | None:
    """studyguide.toml's `members` (its warnings were printed already, with the build's settings)."""
    from studyguide.config import load

    try:
        return load(Path(".")).members
    except GuideError:
        return None


def _print_counts(results, copies: int | None) -> None:
    """What to print and buy for `copies` members (studyguide.distribute.printcount)."""
    from studyguide.distribute.printcount import for_files

    if not copies:
        return
    click.echo(f"\nTo print for {copies} member{'s' if copies != 1 else ''}:")
    for r in results:
        if r.ok and r.pages:
            count = for_files(copies, r.sheets, r.pages, r.files)
            click.echo(f"  {r.slug}: {count.summary(paper(r.paper).label)}")


@main.command("watch")
@build_options
def watch_command(paths, quiet, **options) -> None:
    """Build, then rebuild each guide when it is saved (Ctrl-C to stop).

    \b
    Example: studyguide watch guides/my-guide
    """
    from studyguide.live.watch import watch

    paths, settings = _settings(paths, **options)
    click.echo("watching for changes (Ctrl-C to stop)", err=True)
    try:
        watch(paths, settings, lambda results: _report_changes(results, quiet))
    except KeyboardInterrupt:
        pass


@main.command("serve")
@build_options
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on localhost.")
def serve_command(paths, quiet, port, **options) -> None:
    """Serve the catalogue and each guide's page on localhost, rebuilding on save.

    On save, a guide's preview (http://127.0.0.1:PORT/__preview/SLUG/) is shown
    first, then its participant PDF, then every other edition; the page in the
    browser reloads itself, says which files are fresh, and shows a build error
    over the page until the guide builds again.

    \b
    Example: studyguide serve   (then open http://127.0.0.1:8000/)
    """
    from studyguide.live.server import serve

    paths, settings = _settings(paths, **options)
    signal.signal(signal.SIGTERM, _interrupted)  # stopped like Ctrl-C: no worker left behind
    try:
        serve(paths, settings, lambda results: _report_changes(results, quiet), port=port,
              ready=lambda url: click.echo(f"serving {url} (previews: {url}__preview/SLUG/; Ctrl-C to stop)", err=True),
              say=lambda line: click.echo(line, err=True))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.UsageError(f"cannot serve on port {port}: {exc.strerror or exc}") from None


def _report_changes(results, quiet: bool) -> None:
    """A watcher's report: what it rebuilt and what failed, quiet about what it skipped."""
    changed = [r for r in results if not r.skipped]
    _report(changed, quiet)
    if changed and not quiet:
        built = sum(r.ok for r in changed)
        click.echo(f"{time.strftime('%H:%M:%S')} rebuilt {built} guide{'s' if built != 1 else ''}"
                   + (f", {len(changed) - built} failed" if built < len(changed) else ""), err=True)


@main.command("new")
@click.argument("title")
@click.option("--slug", help="The guide's name in file names (default: made from the title).")
@click.option("--guides", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("guides"),
              show_default=True, help="Folder of guides to create it in.")
def new_command(title: str, slug: str | None, folder: Path) -> None:
    """Start a guide: guides/<slug>/guide.md, showing every feature of the format.

    \b
    Example: studyguide new "The Communist Manifesto"
    """
    from studyguide.importer.scaffold import new_guide

    try:
        path = new_guide(title, folder, slug, settled=_config().given)
    except GuideError as error:
        _print(error.diagnostics)
        sys.exit(1)
    click.echo(f"wrote {_shown(path)}: edit it, then run 'studyguide build' (or 'studyguide serve' to watch it change)")


@main.command("import")
@click.argument("source")
@click.option("--slug", help="The guide's name (default: made from the article's title).")
@click.option("--url", help="The article's address, when the saved page does not say.")
@click.option("--guides", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("guides"),
              show_default=True, help="Folder of guides to write into.")
@click.option("--force", is_flag=True, help="Replace an existing reading (the old files kept as *.bak) and point the guide at the new one.")
@click.option("--fetch-images", is_flag=True, help="Download the article's images that were not saved with the page.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True, help="Seconds a download may take.")
def import_command(source: str, slug: str | None, url: str | None, folder: Path, force: bool, fetch_images: bool,
                   timeout: float) -> None:
    """Import an article as the reading of a guide: a saved web page (.html, with
    its folder of images), a web address (https://…), a PDF, or pasted text (.txt,
    .md), cleaned of site furniture, into guides/<slug>/, with a guide.md to start
    from if there is none. Images are copied (or, for an address or with
    --fetch-images, downloaded) into the guide's folder: nothing is loaded from
    the web when the guide is built.

    \b
    Examples:
      studyguide import ~/Downloads/article.html --url https://example.org/article
      studyguide import https://example.org/article
      studyguide import chapter.pdf --slug chapter-3
    """
    from studyguide.importer.run import import_source

    where = source if "://" in source else Path(source)
    try:
        article, reading, guide = import_source(where, folder, slug, url, force, fetch_images, timeout)
    except GuideError as error:
        _print(error.diagnostics)
        sys.exit(1)
    shown = source if "://" in source else _shown(source)
    for line, what, text in article.removed:
        click.echo(f"{shown}:{line}: removed {what}: {text}" if line else f"{shown}: removed {what}: {text}", err=True)
    for warning in article.warnings:
        click.echo(f"{shown}: warning: {warning}", err=True)
    found = ", ".join(f"{k} {v!r}" for k, v in article.front_matter().items() if k != "standfirst")
    click.echo(f"wrote {_shown(reading)} ({found})")
    if guide:
        click.echo(f"wrote {_shown(guide)}: add your summary and questions, then run 'studyguide build'")
    elif force:
        click.echo(f"updated the reading named in {_shown(reading.parent / 'guide.md')} (the old files are kept as *.bak)")


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--max-size", type=click.IntRange(1), default=2_000_000, show_default=True, help="Largest guide file, in bytes.")
@click.option("--timeout", type=click.FloatRange(0.01), default=120.0, show_default=True,
              help="Seconds the check may take (it runs in a process of its own, stopped at the limit).")
def check_command(paths, strict, max_size, timeout) -> None:
    """Check guides without laying them out: front matter, questions, images,
    links, duplicate slugs, empty sections, unclosed facilitator blocks.

    \b
    Example (a pre-commit hook): studyguide check --strict
    Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from studyguide.build.check import check
    from studyguide.config import front_matter_defaults

    if not paths:
        if not Path("guides").is_dir():
            raise click.UsageError("no guides/ folder here: name the guides to check")
        paths = (Path("guides"),)
    config = _config()
    theme = Path(config.theme) if config.theme else None
    refused = _regular(paths, max_size)
    if refused:
        _print(refused)
        sys.exit(1)
    from studyguide.build.worker import bounded

    try:
        found = bounded(check, (list(paths), max_size, dict(front_matter_defaults(config)), theme), timeout)
    except TimeoutError:
        _print([Diagnostic(path, None, f"checking took longer than {timeout:g} s (the limit; see --timeout)")
                for path in paths])
        sys.exit(1)
    except RuntimeError as exc:  # a bug of ours: one line, the exit status says so
        _print([Diagnostic(path, None, f"internal error ({exc})") for path in paths])
        sys.exit(1)
    for diagnostic in found:
        if strict and diagnostic.level == "warning":
            diagnostic = type(diagnostic)(diagnostic.path, diagnostic.line, diagnostic.message)
        click.echo(str(diagnostic).replace(str(diagnostic.path), _shown(diagnostic.path), 1), err=True)
    failed = any(d.level == "error" for d in found) or (strict and found)
    if not found:
        from studyguide.build.run import find_guides

        count = len(find_guides(list(paths)))
        click.echo(f"checked {count} guide{'s' if count != 1 else ''}: no problems found")
    sys.exit(1 if failed else 0)


@main.command("impose")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--paper", type=click.Choice(PAPER_NAMES), default="a4", show_default=True, help="The sheet to print on.")
@click.option("--long-edge", is_flag=True, help="Turn back sides 180° for printers that only flip on the long edge.")
@click.option("--creep", type=click.FloatRange(0, 1), help="Paper thickness in mm; default 0.1 above 28 pages.")
@click.option("--signature", type=click.IntRange(4, 400), help="Pages per signature (a multiple of 4).")
@click.option("--right-to-left", "rtl", is_flag=True, help="Bound on the right (Arabic, Hebrew…): every sheet mirrored.")
def impose_command(source, target, paper, long_edge, creep, signature, rtl) -> None:
    """Impose any PDF as a saddle-stitched booklet, two pages a side.

    The booklet is checked as every PDF studyguide makes is; what is wrong with the
    source PDF itself (a font it does not embed) is said as a warning.

    \b
    Example: studyguide impose article.pdf article-booklet.pdf --paper letter
    """
    from studyguide.files import write_atomically
    from studyguide.pdf.impose import Options, impose_file

    if signature and signature % 4:
        raise click.BadParameter("must be a multiple of 4", param_hint="--signature")
    try:
        result = impose_file(source, target, Options(paper, long_edge, creep, signature, rtl=rtl))
    except GuideError as error:
        for diagnostic in error.diagnostics:
            click.echo(str(diagnostic), err=True)
        sys.exit(1)
    from studyguide.pdf.preflight import PreflightError, check, problems

    inherited = problems(source.read_bytes(), blank_sides=True)  # the source's own faults: said, not ours
    said = [f"the source PDF: {p}" for p in inherited[:3]] + ([f"and {len(inherited) - 3} more"] if len(inherited) > 3 else [])
    for warning in result.warnings + said:
        click.echo(f"{source}: warning: {warning}", err=True)
    try:
        check(target, result.pdf, inherited=inherited, blank_sides=True)
    except PreflightError as error:
        click.echo(f"{source}: error: internal error: {error}", err=True)
        sys.exit(1)
    try:
        write_atomically({target: result.pdf})
    except OSError as exc:
        click.echo(f"{target}: error: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(1)
    flip = "long" if long_edge else "short"
    click.echo(f"wrote {target}: {result.sheets} sheets; print double-sided, flip on {flip} edge, at 100 %, fold and staple.")


@main.command("announce")
@click.argument("guide", type=click.Path(exists=True, path_type=Path))
@click.option("--base-url", metavar="URL", help="Where the built folder is published (default: studyguide.toml's base_url); "
                                                "without one, links are relative to the build folder.")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), help="The build folder (default: studyguide.toml's out, else build).")
def announce_command(guide, base_url, out) -> None:
    """Write the message to send the group about GUIDE (build it first): what we
    read, when and where, links to the guide, e-book, handout and calendar, and how
    to print the booklet; plain text, HTML and an .eml with both, in the guide's
    language, beside its built files. Nothing of the facilitator's is in it.

    \b
    Example: studyguide announce guides/trotsky-armed-the-workers.md --base-url https://example.org/guides
    """
    import re

    from studyguide.distribute.announce import announce
    from studyguide.build.run import find_guides
    from studyguide.config import front_matter_defaults

    config = _config()
    if base_url is not None and not re.match(r"https?://\S+$", base_url):
        raise click.BadParameter("must be an http(s) address", param_hint="--base-url")
    found = find_guides([guide])
    if len(found) != 1:
        raise click.UsageError(f"{guide} is not one guide")
    try:
        written = announce(found[0], out or Path(config.out), base_url, Path(config.theme) if config.theme else None,
                           dict(front_matter_defaults(config)))
    except GuideError as error:
        _print(error.diagnostics)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {_shown(path)}")


if __name__ == "__main__":
    main()
