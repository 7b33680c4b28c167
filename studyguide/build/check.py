"""`studyguide check`: what a build would object to, and what a reader would
trip over, found without laying out a page (fast enough for a pre-commit hook).
It reads each guide exactly as `build` does, so both report the same diagnostics."""

from __future__ import annotations

from pathlib import Path

from studyguide.build.run import find_guides
from studyguide.errors import Diagnostic, GuideError
from studyguide.model import slug_for
from studyguide.read.reader import read
from studyguide.slugs import problem as slug_problem


def check(paths: list[Path], max_bytes: int = 2_000_000, defaults: dict | None = None,
          theme: Path | None = None) -> list[Diagnostic]:
    """Every error and warning for the guides under `paths`, each guide's in line order."""
    found: list[Diagnostic] = []
    seen: dict[str, Path] = {}
    for path in find_guides(paths):
        slug = slug_for(path)
        if slug in seen:
            found.append(Diagnostic(path, None, f"another guide is also named '{slug}': {seen[slug]}"))
            continue
        seen[slug] = path
        why = slug_problem(slug)  # the same rules as build's
        if why:
            found.append(Diagnostic(path, None, why))
            continue
        try:
            guide = read(path, max_bytes, defaults, theme)
        except GuideError as error:
            found.extend(error.diagnostics)
            continue
        except Exception as exc:  # noqa: BLE001 - a bug of ours: said with its guide, and the others still checked
            found.append(Diagnostic(path, None, f"internal error ({type(exc).__name__}: {exc})"))
            continue
        found.extend(guide.warnings)
    return found
