"""Writing outputs so that nothing is ever half-written."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# Templates, stylesheets and fonts: packaged in the wheel, `templates/` in a checkout.
TEMPLATES = _PACKAGE / "_templates" if (_PACKAGE / "_templates").is_dir() else _PACKAGE.parent / "templates"


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, the time a reproducible build says its files were made, when set
    to one Python can hold (up to the year 5138); None otherwise: the caller uses the
    guide's own date or change time, never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() and len(epoch) <= 11 else None


def umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(files: dict[Path, bytes], root: Path | None = None) -> None:
    """Write every file to a temporary name first, then rename all into place:
    a failure or an interrupt leaves yesterday's files as they were.

    Below `root` (the build folder, the guides folder) no folder may be a symbolic
    link: a `facilitator/` pointing into a public folder would publish the notes.
    Each folder is opened with O_NOFOLLOW relative to the one above it, and the
    file is created and renamed relative to that open folder, so a link swapped in
    while we write is refused too. The file itself is never followed: the rename
    replaces a link that stands where the file goes."""
    temps: list[tuple[int, str, str, Path]] = []  # (folder fd, temp name, final name, target)
    folders: dict[Path, int] = {}
    try:
        for target, data in files.items():
            folder = folders.get(target.parent)
            if folder is None:
                folder = folders[target.parent] = _open_folder(target.parent, root)
            for stale in os.listdir(folder):  # left by a killed run
                if stale.startswith(f".{target.name}.") and stale.endswith(".tmp"):
                    _unlink(stale, folder)
            temp = _create(folder, target)
            temps.append((folder, temp, target.name, target))
            fd = os.open(temp, os.O_WRONLY | os.O_NOFOLLOW, dir_fd=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        for folder, temp, name, target in temps:
            try:
                os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
            except OSError as exc:  # say which file: not the temporary name
                raise OSError(exc.errno, exc.strerror, str(target)) from None
    finally:
        for folder, temp, _, _ in temps:
            _unlink(temp, folder)
        for fd in folders.values():
            os.close(fd)


def _create(folder: int, target: Path) -> str:
    """A new temporary file beside `target`, created (never opened) in the open folder."""
    for _ in range(100):
        name = f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            # 0666 less the umask, as open() would: mkstemp's 0600 kept a web server or the group out
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666, dir_fd=folder))
            return name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def _unlink(name: str, folder: int) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except FileNotFoundError:
        pass


def _open_folder(path: Path, root: Path | None) -> int:
    """An open descriptor of folder `path`, made where missing; below `root` each step
    is opened without following a link (a GuideError names the link)."""
    from studyguide.errors import GuideError

    if root is None or not _below(path, root):
        path.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # the build folder itself may be a link: the user chose it
    here = root
    try:
        for part in Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).parts:
            here = here / part
            try:
                os.mkdir(part, dir_fd=fd)
            except FileExistsError:
                pass
            try:
                step = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(here):
                    raise GuideError.at(here, None, "is a symbolic link: studyguide does not write through links") from None
                raise OSError(exc.errno, exc.strerror, str(here)) from None
            os.close(fd)
            fd = step
    except BaseException:
        os.close(fd)
        raise
    return fd


def _below(path: Path, root: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return False
    return True
