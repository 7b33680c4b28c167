"""`new`, `import` and `check`: starting a guide, bringing a reading in, checking guides."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from studyguide.cli import options, report
from studyguide.cli.options import PATHS
from studyguide.errors import Diagnostic, GuideError

@click.command("new")
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
        found = options.config()
        path = new_guide(title, folder, slug, settled=found.given, lang=found.values.get("lang"))
    except GuideError as error:
        report.say(error.diagnostics)
        sys.exit(1)
    click.echo(f"wrote {report.shown(path)}: edit it, then run 'studyguide build' (or 'studyguide serve' to watch it change)")


@click.command("import")
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
        report.say(error.diagnostics)
        sys.exit(1)
    shown = source if "://" in source else report.shown(source)
    for line, what, text in article.removed:
        click.echo(f"{shown}:{line}: removed {what}: {text}" if line else f"{shown}: removed {what}: {text}", err=True)
    for warning in article.warnings:
        click.echo(f"{shown}: warning: {warning}", err=True)
    found = ", ".join(f"{k} {v!r}" for k, v in article.front_matter().items() if k != "standfirst")
    click.echo(f"wrote {report.shown(reading)} ({found})")
    if guide:
        click.echo(f"wrote {report.shown(guide)}: add your summary and questions, then run 'studyguide build'")
    elif force:
        click.echo(f"updated the reading named in {report.shown(reading.parent / 'guide.md')} (the old files are kept as *.bak)")


@click.command("check")
@options.for_command("check", PATHS)
def check_command(paths, **given) -> None:
    """Check guides without laying them out: front matter, questions, images,
    links, duplicate slugs, empty sections, unclosed facilitator blocks; with
    studyguide.toml's defaults, as `build` reads them.

    \b
    Example (a pre-commit hook): studyguide check --strict
    Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from studyguide.build.check import check
    from studyguide.build.run import find_guides
    from studyguide.build.worker import bounded

    paths = options.guides(paths, "check")
    settings = options.settings(given)
    refused = options.regular(paths, settings.max_bytes)
    if refused:
        report.say(refused)
        sys.exit(1)
    if not find_guides(paths):  # as `build` says it: an empty folder is not a clean bill
        from studyguide.build.run import near_misses

        report.say(near_misses(paths))
        raise click.UsageError(f"no guides found in {', '.join(map(str, paths))}")
    try:
        found = bounded(check, (paths, settings.max_bytes, dict(settings.defaults), settings.theme), settings.timeout)
    except TimeoutError:
        report.say([Diagnostic(path, None, f"checking took longer than {settings.timeout:g} s (the limit; see --timeout)")
                    for path in paths])
        sys.exit(1)
    except RuntimeError as exc:  # a bug of ours: one line, the exit status says so
        report.say([Diagnostic(path, None, f"internal error ({exc})") for path in paths])
        sys.exit(1)
    if settings.strict:
        found = [type(d)(d.path, d.line, d.message) if d.level == "warning" else d for d in found]
    report.say(found)
    if not found:
        count = len(find_guides(paths))
        click.echo(f"checked {count} guide{'s' if count != 1 else ''}: no problems found")
    sys.exit(1 if any(d.level == "error" for d in found) else 0)
