"""The `studyguide` command: parses arguments, calls the library, prints diagnostics."""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .build import EDITIONS, Settings, build
from .errors import GuideError


def _shown(path: Path | str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="studyguide")
def main() -> None:
    """Publish study guides for reading groups: Markdown in, print-ready PDFs out.

    \b
    Examples:
      studyguide build                      every guide in guides/ into build/
      studyguide build guides/trotsky.md    one guide
      studyguide impose reading.pdf reading-booklet.pdf --paper letter
    """
    # pypdf logs every oddity of a damaged PDF; we report what matters ourselves.
    logging.getLogger("pypdf").setLevel(logging.ERROR)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("build"), show_default=True, help="Folder to write into.")
@click.option("--theme", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Folder of templates and stylesheets that override the defaults.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="cores", help="Guides laid out at once.")
@click.option("--long-edge", is_flag=True, help="Booklets for printers that only flip on the long edge (back sides turned 180°).")
@click.option("--creep", type=click.FloatRange(0, 1), help="Paper thickness in mm for creep; default 0.1 above 28 pages.")
@click.option("--signature", type=click.IntRange(4, 400), help="Pages per signature for thick booklets (a multiple of 4).")
@click.option("--allow-remote", is_flag=True, help="Let guides load images over the network.")
@click.option("--max-size", type=click.IntRange(1), default=2_000_000, show_default=True, help="Largest guide file, in bytes.")
@click.option("--timeout", type=click.FloatRange(0.01), default=120.0, show_default=True, help="Seconds of layout a guide may take.")
@click.option("--force", is_flag=True, help="Rebuild every guide, even those whose inputs have not changed.")
@click.option("--editions", default=",".join(EDITIONS), show_default=True, metavar="LIST",
              help="Comma-separated editions to make.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors and warnings only.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def build_command(paths, out, theme, strict, jobs, long_edge, creep, signature, allow_remote, max_size, timeout, force,
                  editions, quiet, debug) -> None:
    """Build every guide in PATHS (files, guide folders or folders of guides; default guides/).

    \b
    For each guide, into OUT/<slug>/: <slug>.pdf, <slug>-facilitator.pdf,
    <slug>-booklet.pdf, <slug>-questions.pdf (and -2up, per session), <slug>-press.pdf;
    and OUT/index.html, a catalogue of every guide built there.
    Exit status: 0 all built, 1 a guide failed, 2 usage error.
    """
    if signature and signature % 4:
        raise click.BadParameter("must be a multiple of 4", param_hint="--signature")
    wanted = tuple(e.strip() for e in editions.split(",") if e.strip())
    unknown = [e for e in wanted if e not in EDITIONS]
    if unknown or not wanted:
        raise click.BadParameter(f"choose from {', '.join(EDITIONS)}", param_hint="--editions")
    if not paths:
        if not Path("guides").is_dir():
            raise click.UsageError("no guides/ folder here: name the guides to build")
        paths = (Path("guides"),)
    settings = Settings(out=out, theme=theme, strict=strict, jobs=jobs, long_edge=long_edge, creep=creep,
                        signature=signature, debug=debug, allow_remote=allow_remote, max_bytes=max_size, timeout=timeout,
                        force=force, editions=wanted)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        results = build(list(paths), settings)
    except KeyboardInterrupt:
        click.echo("studyguide: interrupted; files already built are whole, nothing was half-written", err=True)
        sys.exit(130)
    if not results:
        raise click.UsageError(f"no guides found in {', '.join(map(str, paths))}")
    for result in results:
        for diagnostic in result.warnings if result.ok else []:
            click.echo(str(diagnostic).replace(str(diagnostic.path), _shown(diagnostic.path), 1), err=True)
        for diagnostic in result.errors:
            click.echo(str(diagnostic).replace(str(diagnostic.path), _shown(diagnostic.path), 1), err=True)
        if result.ok and not quiet and not result.skipped:
            for file in result.files:
                click.echo(f"wrote {_shown(file)}")
    if not quiet:
        _summary(results, out)
    sys.exit(0 if all(r.ok for r in results) else 1)


def _interrupted(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary files are removed on the way out."""
    raise KeyboardInterrupt


def _summary(results, out: Path) -> None:
    from .catalogue import printing

    click.echo("")
    click.echo(f"{'guide':32} {'pages':>5} {'files':>5} {'warnings':>8}  booklet")
    for r in results:
        if r.ok:
            sheet = printing({"sheets": r.sheets, "paper": r.paper}).split(":")[0] if r.sheets else ""
            note = "  (up to date)" if r.skipped else ""
            click.echo(f"{r.slug[:32]:32} {r.pages:>5} {len(r.files):>5} {len(r.warnings):>8}  {sheet}{note}")
        else:
            click.echo(f"{r.slug[:32]:32} {'-':>5} {'-':>5} {'-':>8}  FAILED ({len(r.errors)} error{'s' if len(r.errors) != 1 else ''})")
    built = sum(r.ok for r in results)
    click.echo(f"\n{built} of {len(results)} guides built into {_shown(out)}/ (catalogue: {_shown(out / 'index.html')}).")
    if built:
        click.echo("Booklets: print double-sided, flip on short edge, at 100 % (actual size); fold and staple.")


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--max-size", type=click.IntRange(1), default=2_000_000, show_default=True, help="Largest guide file, in bytes.")
def check_command(paths, strict, max_size) -> None:
    """Check guides without laying them out: front matter, questions, images,
    links, duplicate slugs, empty sections, unclosed facilitator blocks.

    \b
    Example (a pre-commit hook): studyguide check --strict
    Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from .check import check

    if not paths:
        if not Path("guides").is_dir():
            raise click.UsageError("no guides/ folder here: name the guides to check")
        paths = (Path("guides"),)
    found = check(list(paths), max_size)
    for diagnostic in found:
        if strict and diagnostic.level == "warning":
            diagnostic = type(diagnostic)(diagnostic.path, diagnostic.line, diagnostic.message)
        click.echo(str(diagnostic).replace(str(diagnostic.path), _shown(diagnostic.path), 1), err=True)
    failed = any(d.level == "error" for d in found) or (strict and found)
    sys.exit(1 if failed else 0)


@main.command("impose")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="The sheet to print on.")
@click.option("--long-edge", is_flag=True, help="Turn back sides 180° for printers that only flip on the long edge.")
@click.option("--creep", type=click.FloatRange(0, 1), help="Paper thickness in mm; default 0.1 above 28 pages.")
@click.option("--signature", type=click.IntRange(4, 400), help="Pages per signature (a multiple of 4).")
def impose_command(source, target, paper, long_edge, creep, signature) -> None:
    """Impose any PDF as a saddle-stitched booklet, two pages a side.

    \b
    Example: studyguide impose article.pdf article-booklet.pdf --paper letter
    """
    from .files import write_atomically
    from .impose import Options, impose_file

    if signature and signature % 4:
        raise click.BadParameter("must be a multiple of 4", param_hint="--signature")
    try:
        result = impose_file(source, target, Options(paper, long_edge, creep, signature))
    except GuideError as error:
        for diagnostic in error.diagnostics:
            click.echo(str(diagnostic), err=True)
        sys.exit(1)
    for warning in result.warnings:
        click.echo(f"{source}: warning: {warning}", err=True)
    write_atomically({target: result.pdf})
    flip = "long" if long_edge else "short"
    click.echo(f"wrote {target}: {result.sheets} sheets; print double-sided, flip on {flip} edge, at 100 %, fold and staple.")


if __name__ == "__main__":
    main()
