"""`impose` and `announce`: a booklet of any PDF, and the message to send the group."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studyguide.cli import options, report
from studyguide.errors import GuideError
from studyguide.papers import NAMES as PAPERS
from studyguide.settings import KEYS


@click.command("impose")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--paper", type=click.Choice(PAPERS, case_sensitive=False), default="a4", show_default=True,
              help="The sheet to print on.")
@options.key_option(KEYS["long_edge"])
@options.key_option(KEYS["creep"])
@options.key_option(KEYS["signature"])
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
    from studyguide.pdf.preflight import PreflightError, check, problems

    try:
        result = impose_file(source, target, Options(paper.lower(), long_edge, creep, signature, rtl=rtl))
    except GuideError as error:
        for diagnostic in error.diagnostics:
            click.echo(str(diagnostic), err=True)
        sys.exit(1)
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
    click.echo(f"wrote {target}: {result.sheets} sheet{'s' if result.sheets != 1 else ''}; print double-sided, flip on {flip} edge, at 100 %, fold and staple.")


@click.command("announce")
@click.argument("guide", type=click.Path(path_type=Path))
@options.for_command("announce")
def announce_command(guide, base_url, out) -> None:
    """Write the message to send the group about GUIDE (build it first): what we
    read, when and where, links to the guide, e-book, handout and calendar, and how
    to print the booklet; plain text, HTML and an .eml with both, in the guide's
    language, beside its built files. Nothing of the facilitator's is in it.

    \b
    Example: studyguide announce guides/trotsky-armed-the-workers.md --base-url https://example.org/guides
    (or the guide's name as the catalogue gives it: studyguide announce trotsky-armed-the-workers)
    """
    from studyguide.build.run import find_guides
    from studyguide.distribute.announce import announce, find_guide

    settings = options.settings({"out": out})
    if not guide.exists():
        named = find_guide(str(guide), settings.out)
        if named is None:
            raise click.UsageError(f"'{guide}' is no file or folder here, nor the name of a built guide: name the "
                                   "guide's file (guides/NAME.md) or folder (guides/NAME/), or build it first and "
                                   "give its name as the catalogue does")
        guide = named
    found = find_guides([guide])
    if len(found) != 1:
        raise click.UsageError(f"{guide} is not one guide")
    said: list = []
    try:
        written = announce(found[0], settings.out, base_url, settings.theme, dict(settings.defaults), warnings=said)
    except GuideError as error:
        report.say(error.diagnostics)
        sys.exit(1)
    report.say(said)
    for path in written:
        click.echo(f"wrote {report.shown(path)}")
