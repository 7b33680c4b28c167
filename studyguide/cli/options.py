"""The commands' options, made from the settings table (help, types, ranges and
defaults are the table's), and the one way a command gets its settings:
studyguide.toml read and judged, the options given over it (studyguide.settings.resolve)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from studyguide.cli.report import say, shown
from studyguide.errors import Diagnostic, GuideError
from studyguide.settings import KEYS, Key, Problem, Settings, judge, resolve
from studyguide.settings.keys import default

if TYPE_CHECKING:
    from studyguide.config import Config


def _judged(key: Key) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """Click's callback: the value as the table judges it (as studyguide.toml's would be)."""
    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is None or value is False:
            return value
        try:
            return judge(key, value, "cli")
        except Problem as problem:
            raise click.BadParameter(str(problem)) from None
    return callback


def key_option(key: Key) -> Callable[[Callable], Callable]:
    """The option for a key of the table."""
    help_ = key.help or f"{key.doc[0].upper()}{key.doc[1:]}."
    options: dict = {"help": help_}
    if key.kind == "bool":
        options["is_flag"] = True
    elif key.kind == "whole":
        options["type"] = click.IntRange(key.low, key.high)
    elif key.kind == "number":
        options["type"] = click.FloatRange(key.low, key.high)
    elif key.kind == "folder":
        options["type"] = click.Path(exists=key.exists, file_okay=False, path_type=Path)
    else:
        options["metavar"] = "LIST" if key.kind == "editions" else key.name.upper().replace("_", "-")
    if key.kind in ("whole", "editions", "url"):
        options["callback"] = _judged(key)
    if not key.where("toml") and key.kind != "bool" and key.default is not None:
        options.update(default=default(key), show_default=key.shown if callable(key.default) else True)
    return click.option(*key.option, key.name, **options)


def for_command(command: str, *more: Callable[[Callable], Callable]) -> Callable[[Callable], Callable]:
    """The table's options for `command`, with `more` of its own after them."""
    def decorate(function):
        for option in reversed([key_option(k) for k in KEYS.values() if "cli" in k.places and command in k.commands]
                               + list(more)):
            function = option(function)
        return function
    return decorate


PATHS = click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
QUIET = click.option("--quiet", "-q", is_flag=True, help="Print errors and warnings only.")


def config() -> Config:
    """studyguide.toml, its warnings printed; its errors end the command (every one printed)."""
    from studyguide.config import load

    try:
        found = load(Path("."))
    except GuideError as error:
        say(error.diagnostics)
        sys.exit(1)
    say(found.warnings)
    return found


def settings(options: dict) -> Settings:
    """The options given over studyguide.toml over the defaults: every command's settings."""
    return resolve(config(), options)


def reload(given: dict) -> Callable[[], Settings]:
    """For watch and serve: studyguide.toml read again when it changes (its warnings printed;
    its errors raised, for the watch to report), the same options over it."""
    def again() -> Settings:
        from studyguide.config import load

        found = load(Path("."))
        say(found.warnings)
        return resolve(found, given)
    return again


def guides(paths: Iterable[Path], verb: str = "build") -> list[Path]:
    """The PATHS named, or guides/."""
    if not paths:
        if not Path("guides").is_dir():
            raise click.UsageError(f"no guides/ folder here: name the guides to {verb}")
        paths = (Path("guides"),)
    return list(paths)


def build_settings(paths: Iterable[Path], options: dict) -> tuple[list[Path], Settings]:
    """For build, watch and serve: the guides, and settings with an output folder we can write."""
    found = settings(options)
    paths = guides(paths)
    writable(found.out, "--out")
    from studyguide.build.outplace import clash

    why = clash(paths, found.out)
    if why:
        raise click.UsageError(why)
    return paths, found


def writable(folder: Path, option: str) -> None:
    """A usage error now, not a traceback after the first guide: a folder we can create or write into."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise click.BadParameter(f"{shown(probe)} is a file, not a folder", param_hint=option)
    if probe.is_dir() and not os.access(probe, os.W_OK | os.X_OK):
        raise click.BadParameter(f"cannot write into {shown(probe)} (permission denied)", param_hint=option)


def regular(paths: Iterable[Path], max_size: int | None = None) -> list[Diagnostic]:
    """Named files that are devices, FIFOs or too big: refused by stat, before anything reads them."""
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
