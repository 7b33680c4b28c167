"""What the commands print: diagnostics as `PATH:LINE: level: MESSAGE` (paths as the
user would type them), the files written, the build's summary and print counts."""

from __future__ import annotations

import time
from pathlib import Path

import click

from studyguide.papers import paper


def shown(path: Path | str) -> str:
    if "://" in str(path):  # a web address, as given
        return str(path)
    try:
        return str(Path(path).parent.resolve().joinpath(Path(path).name).relative_to(Path.cwd()))  # a link keeps its name
    except ValueError:
        return str(path)


def say(diagnostics) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic).replace(str(diagnostic.path), shown(diagnostic.path), 1), err=True)


def results(found, quiet: bool) -> None:
    from studyguide.errors import in_line_order

    for result in found:
        say(in_line_order(result.warnings + result.errors))
        if result.ok and not quiet and not result.skipped:
            for file in result.files:
                click.echo(f"wrote {shown(file)}")


def changes(found, quiet: bool) -> None:
    """A watcher's report: what it rebuilt and what failed, quiet about what it skipped."""
    changed = [r for r in found if not r.skipped]
    results(changed, quiet)
    if changed and not quiet:
        built = sum(r.ok for r in changed)
        click.echo(f"{time.strftime('%H:%M:%S')} rebuilt {built} guide{'s' if built != 1 else ''}"
                   + (f", {len(changed) - built} failed" if built < len(changed) else ""), err=True)


class Progress:
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


def summary(found, out: Path, long_edge: bool = False) -> None:
    click.echo("")
    click.echo(f"{'guide':32} {'pages':>5} {'files':>5} {'warnings':>8}  booklet; press PDF (for a print shop's order)")
    for r in found:
        if r.ok:
            sheet = f"{r.sheets} sheet{'s' if r.sheets != 1 else ''} of {paper(r.paper).label}" if r.sheets else ""
            note = "  (up to date)" if r.skipped else ""
            printed = "; ".join(filter(None, [sheet, f"press PDF {r.press}" if r.press else ""]))
            click.echo(f"{r.slug[:32]:32} {r.pages:>5} {len(r.files):>5} {len(r.warnings):>8}  {printed}{note}")
        else:
            click.echo(f"{r.slug[:32]:32} {'-':>5} {'-':>5} {'-':>8}  FAILED ({len(r.errors)} error{'s' if len(r.errors) != 1 else ''})")
    built = sum(r.ok for r in found)
    click.echo(f"\n{built} of {len(found)} guides built into {shown(out)}/ (catalogue: {shown(out / 'index.html')}).")
    if built:
        flip = "long" if long_edge else "short"
        click.echo(f"Booklets: print double-sided, flip on {flip} edge, at 100 % (actual size); fold and staple.")


def print_counts(found, copies: int | None) -> None:
    """What to print and buy for `copies` members (studyguide.distribute.printcount)."""
    from studyguide.distribute.printcount import for_files

    if not copies:
        return
    click.echo(f"\nTo print for {copies} member{'s' if copies != 1 else ''}:")
    for r in found:
        if r.ok and r.pages:
            count = for_files(copies, r.sheets, r.pages, r.files)
            click.echo(f"  {r.slug}: {count.summary(paper(r.paper).label)}")
