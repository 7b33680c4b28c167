"""The house: editions as one table, one settings schema read the same by every
command, the catalogue as the build folder says. Each bug once seen has a test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from studyguide.build.run import Settings, build, make_files
from studyguide.build.promises import participant_texts
from studyguide.editions import EDITIONS, NAMES, Edition, order
from studyguide.read.reader import read

from .conftest import write

PLAIN = """
    ---
    title: House
    ---
    Intro.

    ## Discussion questions

    1. Why?
    """
GUIDE = """
    ---
    title: House
    reading: {title: R, file: r.md}
    ---
    Intro.

    ::: facilitator
    The leader alone reads this sentence about timing.
    :::

    ## Discussion questions

    1. Why?
    """


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyguide.cli.main", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_every_participant_edition_goes_through_the_leak_check(tmp_path):
    """Whatever edition the table holds, its files for participants are what the leak check reads."""
    write(tmp_path, {"g.md": GUIDE, "r.md": "---\ntitle: R\n---\nThe reading's words.\n"})
    guide = read(tmp_path / "g.md")
    result = build([tmp_path / "g.md"], Settings(out=tmp_path / "out", jobs=1))[0]
    assert result.ok, result.errors
    from studyguide.build.run import Result, _Layouts  # noqa: F401  (the same pipeline, in this process)

    made = make_files(guide, Settings(out=tmp_path / "x", jobs=1), Result(tmp_path / "g.md", "g"))
    texts = participant_texts(made)
    for edition, outputs in made:
        for output in outputs:
            checked = output.key in texts
            expected = edition.participants and output.name.endswith((".pdf", ".epub", ".html"))
            assert checked == expected, (edition.name, output.key)
            assert edition.participants or output.name.startswith("facilitator/"), output.name
    assert set(NAMES) == {e.name for e, _ in made}


def test_an_edition_is_one_row(tmp_path):
    """Needs come first, whatever order the table lists them in."""
    assert [e.name for e in order({"booklet"})] == ["participant", "booklet"]
    assert [e.name for e in order({"web", "epub"})][0] == "participant"
    assert all(isinstance(e, Edition) and e.label for e in EDITIONS.values())


def test_toml_rights_lang_paper_and_check(tmp_path):
    write(tmp_path, {"guides/g/guide.md": GUIDE.replace("file: r.md", "file: r.md, url: 'https://example.net/r'"),
                     "guides/g/r.md": "---\ntitle: R\npublication: P\nurl: https://example.net/r\n---\nWords.\n",
                     "studyguide.toml": 'paper = "Letter"\nrights = "Copied with the union\'s permission."\n'})
    built = cli("build", "--editions", "participant,web", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Copied with the union" in (tmp_path / "build/g/index.html").read_text()  # the group's rights line
    record = json.loads((tmp_path / "build/g/guide.json").read_text())
    assert record["paper"] == "letter"
    (tmp_path / "studyguide.toml").write_text('lang = "not a language"\nquestions_heading = "Things to ask"\n')
    checked = cli("check", cwd=tmp_path)
    assert checked.returncode == 1 and "studyguide.toml:1: error: 'lang' must be a language tag" in checked.stderr
    (tmp_path / "studyguide.toml").write_text('questions_heading = "Things to ask"\n')
    write(tmp_path, {"guides/g/guide.md": PLAIN.replace("## Discussion questions", "## Things to ask")})
    checked = cli("check", cwd=tmp_path)  # check reads studyguide.toml as build does
    assert checked.returncode == 0 and "no problems found" in checked.stdout, checked.stderr


def test_long_edge_booklets_say_so_everywhere(tmp_path):
    write(tmp_path, {"guides/g.md": PLAIN})
    done = cli("build", "--long-edge", "--editions", "participant,booklet,web", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "flip on long edge" in done.stdout and "flip on short edge" not in done.stdout
    for page in ("build/index.html", "build/g/index.html"):
        text = (tmp_path / page).read_text()
        assert "flip on long edge" in text and "short edge" not in text, page


def test_the_catalogue_is_what_the_build_folder_holds(tmp_path):
    body = PLAIN
    write(tmp_path, {"guides/a.md": body, "guides/b.md": body.replace("House", "Other")})
    assert cli("build", "--editions", "participant,web", cwd=tmp_path).returncode == 0
    assert "Other" in (tmp_path / "build/index.html").read_text()
    (tmp_path / "guides/b.md").rename(tmp_path / "guides/c.md")  # renamed: b goes, c comes
    assert cli("build", "--editions", "participant,web", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "build/b").exists() and (tmp_path / "build/c/c.pdf").is_file()
    assert 'href="b/' not in (tmp_path / "build/index.html").read_text()
    assert cli("build", "--force", "--editions", "participant", "--out", "plain", cwd=tmp_path).returncode == 0
    assert "/index.html" not in (tmp_path / "plain/index.html").read_text()  # no page was made: none is linked


def test_new_leaves_the_groups_defaults_to_studyguide_toml(tmp_path):
    write(tmp_path, {"studyguide.toml": 'paper = "letter"\ngroup = "Thursday group"\nlang = "fr"\n'})
    assert cli("new", "Un guide", cwd=tmp_path).returncode == 0
    text = (tmp_path / "guides/un-guide/guide.md").read_text()
    head = text.split("---")[1]
    assert "paper:" not in head and "group:" not in head and "lang:" not in head and "license:" in head
    assert read(tmp_path / "guides/un-guide/guide.md", defaults={"paper": "letter", "lang": "fr"}).meta.paper == "letter"


def test_a_reading_named_in_flow_style_is_a_dependency(tmp_path):
    write(tmp_path, {"guides/g/guide.md": GUIDE, "guides/g/r.md": "---\ntitle: R\n---\nFirst words.\n"})
    assert cli("build", "--editions", "participant", cwd=tmp_path).returncode == 0
    (tmp_path / "guides/g/r.md").write_text("---\ntitle: R\n---\nSecond words.\n")
    again = cli("build", "--editions", "participant", cwd=tmp_path)
    assert again.returncode == 0 and "up to date" not in again.stdout, again.stdout


def test_every_output_for_participants_is_listed_and_labelled(tmp_path):
    """The 2-up handout and each session's handout are the group's; the leader's files are not."""
    from studyguide.editions import for_participants, label

    for key in ("participant", "questions", "questions-2up", "questions-session-3", "booklet", "epub", "large-print"):
        assert for_participants(key) and label(key) != key, key
    for key in ("facilitator", "facilitator-handout", "nonsense"):
        assert not for_participants(key), key
    write(tmp_path, {"guides/g.md": PLAIN})
    assert cli("build", "--editions", "participant,questions,facilitator", cwd=tmp_path).returncode == 0
    catalogue = (tmp_path / "build/index.html").read_text()
    assert "g/g-questions-2up.pdf" in catalogue and "two per sheet" in catalogue and "facilitator" not in catalogue
