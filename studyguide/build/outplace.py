"""Where a build may write: never into the guides it reads.

`studyguide build guides -o guides` wrote each guide's files into its own folder: the generated
cover over the organiser's `cover.png`, `facilitator/` and `index.html` among the sources. The output
folder is refused before anything is built when it is a folder of guides being built, or inside a
guide's own folder, or when a guide's output folder (OUT/<slug>) would be or hold a guide's own folder
(`build . -o build`, beside the loose guides, is allowed); and, as a
last lock, no file a guide's build writes may be one that build read.
"""

from __future__ import annotations

import os
from pathlib import Path

from studyguide.errors import Diagnostic


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def clash(paths: list[Path], out: Path) -> str | None:
    """Why OUT cannot take the guides in PATHS, or None."""
    from studyguide.build.run import find_guides
    from studyguide.model import slug_for

    target = _real(out)
    guides = find_guides(paths)
    given = {_real(path): path for path in paths if path.is_dir()}
    own = {_real(guide.parent): guide.parent for guide in guides if guide.name == "guide.md"}  # not a loose file's
    for path in paths:
        if path.is_file() and _real(path.parent) == target:  # `build notes.md -o .`: index.html among the sources
            return (f"the output folder {out} is the folder of {path}: the build would write among its files; "
                    "choose another folder (--out build)")
    if target in given:  # `build guides -o guides`: each guide's files in its own folder
        return (f"the output folder {out} is a folder of guides being built: the build would write "
                "among the guides' own files; choose a folder outside it (--out build)")
    for real, folder in sorted(own.items()):  # a folder beside the loose guides (`build . -o build`) is kept apart
        if _within(target, real):
            return (f"the output folder {out} is inside {folder}, a guide's own folder: the build would write "
                    "among the guide's files; choose a folder outside it (--out build)")
    for guide in guides:
        own = _real(guide.parent)
        if _within(own, target / slug_for(guide)):
            return (f"the output folder {out} would put the files of {guide} into its own folder {guide.parent}: "
                    "choose another folder (--out build)")
    return None


def overwrites(guide_path: Path, read: set[Path], targets: list[Path]) -> Diagnostic | None:
    """The first file a guide's build would write over one it read (the guide, a picture, its reading)."""
    inputs = {_real(Path(file)) for file in read} | {_real(guide_path)}
    for target in targets:
        if _real(target) in inputs:
            return Diagnostic(guide_path, None, f"the build would write over {target}, which this guide reads: "
                                                "choose an output folder apart from the guides (--out build); nothing was written")
    return None
