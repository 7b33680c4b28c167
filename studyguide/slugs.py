"""A guide's slug names a folder we write into: `build` (OUT/<slug>/), `new` and
`import` (guides/<slug>/). One rule for all three, so that no spelling of a name
(`..`, `/abs`, `.`, `a/b`, 240 letters) writes outside the folder it was meant for."""

from __future__ import annotations

import re
from pathlib import Path

from studyguide.errors import GuideError

MAX_LENGTH = 80  # leaves room for "-questions-session-12.pdf" and friends under the 255-byte NAME_MAX
SLUG_RE = re.compile(r"\w[\w.-]*")


def reserved() -> set[str]:
    """The files the build folder's top holds beside the guides' folders, as their
    writers declare them: a guide of the same name would make a folder where one goes."""
    from studyguide.distribute.extras import BESIDE_CATALOGUE
    from studyguide.render.catalogue import OWN_FILES

    return {name.lower() for name in (*OWN_FILES, *BESIDE_CATALOGUE)}


def problem(slug: str) -> str | None:
    """Why `slug` cannot name a folder of outputs, or None when it can."""
    if not slug:
        return "a guide's name (slug) cannot be empty"
    if len(slug) > MAX_LENGTH:
        return f"the guide's name is {len(slug)} characters; the limit is {MAX_LENGTH} (rename the file or use --slug)"
    if not SLUG_RE.fullmatch(slug) or slug.endswith(".") or ".." in slug:
        return f"'{slug}' cannot name output files: use letters, digits, '-', '_' or '.' (not first or last)"
    if slug.lower() in reserved():
        return f"'{slug}' is the name of a file the catalogue writes into the build folder: choose another name"
    return None


def check(slug: str, where: Path | str | None = None) -> str:
    """`slug`, or a GuideError saying why it cannot be used."""
    why = problem(slug)
    if why:
        raise GuideError.at(where if where is not None else slug, None, why)
    return slug


def guide_folder(guides: Path, slug: str, files: tuple[str, ...] = ("guide.md", "reading.md")) -> Path:
    """guides/<slug>, checked before anything is written there: the slug is one plain
    name, and neither the folder nor the files we are about to write are symbolic
    links (writing through one, even a dangling one, writes wherever it points)."""
    check(slug)
    folder = guides / slug
    for path in (guides / slug, *(folder / name for name in files)):
        if path.is_symlink():
            raise GuideError.at(path, None, "is a symbolic link: studyguide does not write through links")
    return folder
