"""A reading is a regular file inside the guide's folder, like an image: no other file
of the machine or of another guide is ever printed, and nothing blocks or exhausts."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from studyguide.errors import GuideError
from studyguide.read.reader import read

from .conftest import write

SECRET = "The treasurer's bank details are QUOKKA 1234."


def folder_guide(tmp_path: Path, reading: str | None) -> Path:
    line = f"reading: {{title: R, file: {reading!r}}}\n" if reading else ""
    write(tmp_path, {"guides/g/guide.md": f"---\ntitle: G\n{line}---\n## Discussion questions\n\n1. Why?\n",
                     "private/notes.md": f"---\ntitle: Private\n---\n{SECRET}\n"})
    return tmp_path / "guides/g/guide.md"


def refused(path: Path) -> str:
    with pytest.raises(GuideError) as info:
        read(path)
    text = str(info.value)
    assert SECRET not in text and "Traceback" not in text
    return text


@pytest.mark.parametrize("named", ["../../private/notes.md", "../../../../../../etc/hostname", "{root}/private/notes.md"])
def test_a_reading_outside_the_folder_is_refused(tmp_path, named):
    path = folder_guide(tmp_path, named.format(root=tmp_path))
    message = refused(path)
    assert message.startswith(f"{path}: error: the reading") and ("outside the guide's folder" in message
                                                                    or "does not exist" in message)


def test_a_reading_md_linked_outside_is_refused(tmp_path):
    path = folder_guide(tmp_path, None)
    (path.parent / "reading.md").symlink_to(tmp_path / "private/notes.md")
    assert "outside the guide's folder" in refused(path)


def test_a_dangling_reading_md_is_an_error_not_a_crash(tmp_path):
    path = folder_guide(tmp_path, None)
    (path.parent / "reading.md").symlink_to(tmp_path / "nowhere.md")
    assert "does not exist" in refused(path)


def test_a_reading_linked_inside_the_folder_is_read(tmp_path):
    path = folder_guide(tmp_path, "text.md")
    write(path.parent, {"real.md": "---\ntitle: The text\n---\nWords of the reading.\n"})
    (path.parent / "text.md").symlink_to(path.parent / "real.md")
    assert "Words of the reading." in read(path).article.html


def test_a_device_is_refused_before_a_byte_is_read(tmp_path):
    path = folder_guide(tmp_path, "zero.md")
    (path.parent / "zero.md").symlink_to("/dev/zero")
    assert "outside the guide's folder" in refused(path)
    os.unlink(path.parent / "zero.md")
    if hasattr(os, "mkfifo"):
        os.mkfifo(path.parent / "zero.md")  # a pipe inside the folder: no writer, would block for ever
        done = threading.Event()
        outcome: list[str] = []

        def attempt() -> None:
            outcome.append(refused(path))
            done.set()

        threading.Thread(target=attempt, daemon=True).start()
        assert done.wait(10), "reading a FIFO blocked"
        assert "not a file" in outcome[0]


def test_the_size_is_told_before_reading(tmp_path):
    path = folder_guide(tmp_path, "big.md")
    with open(path.parent / "big.md", "wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    assert "the limit is" in refused(path)
    big = tmp_path / "guides/huge.md"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024**3)
    with pytest.raises(GuideError, match="the limit is"):
        read(big)


def test_notes_in_a_reading_are_refused_at_their_line(tmp_path):
    """A reading is printed whole for the group: a facilitator block, a facilitator div or a
    heading 'Facilitator notes' in it is an error at its line, never printed."""
    path = folder_guide(tmp_path, None)
    write(path.parent, {"reading.md": "---\ntitle: The article\n---\n\nFirst paragraph.\n\n::: facilitator\n"
                                      "QUOKKA note inside the reading.\n:::\n\n## Facilitator notes\n\nQUOKKA.\n"})
    message = refused(path)
    reading = path.parent / "reading.md"
    assert f"{reading}:7: error: a reading is printed whole for the group" in message
    assert f"{reading}:11: error: the heading 'Facilitator notes'" in message
