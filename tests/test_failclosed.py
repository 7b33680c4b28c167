"""The corpus (tests/corpus.py) built for real, and read back by programs that share no
code with studyguide: poppler's pdftotext for every PDF, a zip reader for the EPUB, the
HTML as bytes. Every question reaches the handout as its own item, no facilitator word
reaches a participant, or the guide is refused at its line; `check` says what `build` says."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .corpus import BOTH_BROKEN, CASES, SECRET, Case

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") and not os.environ.get("CI"),
                                reason="poppler-utils (pdftotext) is not installed")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyguide.cli.main", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def poppler(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def words(text: str) -> str:
    """Text compared: whitespace folded, hyphenation at line ends undone, list markers kept."""
    text = re.sub(r"(\w)[-\u00ad]\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


def participant_files(folder: Path, out: Path) -> dict[str, str]:
    """Everything in a guide's folder a participant may be given, and the shared catalogue,
    as text read without studyguide's help. Files for the leader say so in their path."""
    found = {}
    for file in sorted(folder.rglob("*")):
        if not file.is_file() or "facilitator" in file.relative_to(out).as_posix():
            continue
        if file.suffix == ".pdf":
            found[file.name] = poppler(file)
        elif file.suffix == ".epub":
            with zipfile.ZipFile(io.BytesIO(file.read_bytes())) as book:
                found[file.name] = " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
        elif file.suffix in (".html", ".json", ".xhtml", ".txt", ".ics", ".xml"):
            found[file.name] = file.read_text(encoding="utf-8", errors="replace")
    found["catalogue index.html"] = (out / "index.html").read_text(encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("corpus")
    for case in CASES:
        (root / "guides").mkdir(exist_ok=True)
        (root / "guides" / f"{case.name}.md").write_bytes(case.source().encode("utf-8"))
    # Every edition a participant gets but large print, whose pages are the participant edition's words in a bigger
    # face (its leak check is test_house's), and the press PDF, the participant pages again with bleed (the booklet
    # stands for both impositions); the facilitator's edition for the notes the leader must keep: 150 guides laid
    # out fewer times keeps the suite inside its five minutes.
    built = cli("build", "-j", "2", "--out", "out", "--editions",
                "participant,facilitator,booklet,questions,epub,web", cwd=root)
    checked = cli("check", cwd=root)
    return root, built, checked


def lines_about(case: Case, stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.startswith(f"guides/{case.name}.md")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(corpus, case: Case) -> None:
    root, built, _ = corpus
    assert "Traceback" not in built.stderr
    said = lines_about(case, built.stderr)
    folder = root / "out" / case.name
    if case.error:
        line, message = case.error
        assert any(s.startswith(f"guides/{case.name}.md:{line}: error: ") and message in s for s in said), said
        assert not folder.exists() or not any(folder.glob("*.pdf"))
        return
    assert not [s for s in said if ": error: " in s], said
    if case.warning:
        line, message = case.warning
        where = f"guides/{case.name}.md:{line}: warning: " if line else f"guides/{case.name}.md: warning: "
        assert any(s.startswith(where) and message in s for s in said), said
    outputs = participant_files(folder, root / "out")
    for name, text in outputs.items():
        assert SECRET not in text.upper(), f"facilitator text in {name}"
    if SECRET in case.body:
        facilitator = words(poppler(next(folder.rglob(f"{case.name}-facilitator.pdf"))))
        assert SECRET in facilitator  # the notes are not lost: the leader has them
    if not case.questions:
        return
    handouts = [n for n in outputs if re.fullmatch(rf"{re.escape(case.name)}-questions(-2up)?\.pdf", n)]
    assert len(handouts) == 2, sorted(outputs)
    for name in handouts:
        text = words(outputs[name])
        at = 0
        for index, question in enumerate(case.questions):
            found = text.find(question, at)
            assert found >= 0, f"question {index + 1} missing or out of order in {name}: {text}"
            # its own item: the number the handout gives it stands right before it
            assert re.search(rf"{index + 1}\.\s*$", text[max(0, found - 8):found]), text[max(0, found - 40):found + 10]
            at = found + len(question)
            for follow in case.followups.get(index, ()):
                spot = text.find(follow, at)
                assert spot >= 0, f"follow-up {follow!r} missing in {name}: {text}"
                assert "- " + follow not in text  # not glued into the question as " - Compare …"
        assert " - Compare" not in text and " - Is the" not in text
    for number in case.sessions:
        one = folder / f"{case.name}-questions-session-{number}.pdf"
        assert one.is_file(), sorted(p.name for p in folder.iterdir())
        assert case.questions[case.sessions.index(number)] in words(poppler(one))
    assert not [p for p in folder.glob("*-questions-session-*.pdf")
                if int(p.stem.rsplit("-", 1)[1]) not in case.sessions]


def test_check_and_build_say_the_same(corpus) -> None:
    _, built, checked = corpus
    diagnostics = [line for line in built.stderr.splitlines() if re.match(r"\S+\.md(:\d+)?: (error|warning): ", line)]
    assert diagnostics == [line for line in checked.stderr.splitlines() if line.strip()]
    assert built.returncode == 1 and checked.returncode == 1  # the corpus holds guides that are refused


def test_front_matter_errors_do_not_hide_body_errors(tmp_path) -> None:
    (tmp_path / "g.md").write_text(BOTH_BROKEN, encoding="utf-8")
    done = cli("check", "g.md", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        'g.md:2: error: front matter is not valid YAML: mapping values are not allowed here — a value with a colon in '
        'it needs quotes: title: "Trotsky: the leader"',
        "g.md:7: error: unknown block '::: note': the only block studyguide knows is '::: facilitator' "
        "(notes only the leader sees)",
    ]


def test_a_clean_guide_says_so(tmp_path) -> None:
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides/g.md").write_text(CASES[0].source(), encoding="utf-8")
    done = cli("check", cwd=tmp_path)
    assert (done.returncode, done.stderr, done.stdout.strip()) == (0, "", "checked 1 guide: no problems found")


def test_the_shared_record_names_nothing_only_a_note_names(tmp_path) -> None:
    """guide.json goes wherever the catalogue goes: no picture, address, anchor or file of the leader's
    in it; the facilitator edition's warnings are printed and kept in the leader's folder for the next build."""
    import json

    from PIL import Image

    folder = tmp_path / "guides" / "g"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 20), "white").save(folder / "week3-answer-key.png")
    (folder / "guide.md").write_text(
        "---\ntitle: Case\n---\n\nIntro.\n\n::: facilitator\nThe answer key is in ![](week3-answer-key.png) and on\n"
        "![key](https://drive.example.com/private/week3-answers-ZX81.png).\nSee [the marking scheme]"
        "(#marking-scheme-for-leaders).\n:::\n\n## Discussion questions\n\n1. What did the strike win?\n", encoding="utf-8")
    args = ("build", "-j", "1", "--editions", "participant,facilitator", "--out", "out", "guides")
    done = cli(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "drive.example.com" in done.stderr  # the leader is told, at the terminal
    record = (tmp_path / "out/g/guide.json").read_text(encoding="utf-8")
    for word in ("answer-key", "drive.example", "marking-scheme", "facilitator"):
        assert word not in record, word
    leader = json.loads((tmp_path / "out/g/facilitator/inputs.json").read_text(encoding="utf-8"))
    assert leader["sources"] == ["week3-answer-key.png"] and "facilitator" in leader["files"]
    assert any("drive.example.com" in w[2] for w in leader["warnings"])
    again = cli(*args, cwd=tmp_path)
    assert "up to date" in again.stdout and "drive.example.com" in again.stderr
    Image.new("RGB", (40, 20), "black").save(folder / "week3-answer-key.png")  # only a note shows it: still a change
    assert "up to date" not in cli(*args, cwd=tmp_path).stdout


def test_the_second_lock_finds_a_notes_address_in_a_record(tmp_path) -> None:
    """Had a warning carried a note's address, anchor or file name into guide.json, the leak check refuses it."""
    from studyguide.build.leaks import leaks
    from studyguide.read.reader import read

    path = tmp_path / "g.md"
    path.write_text("---\ntitle: T\n---\n\n::: facilitator\nSee https://drive.example.com/k.png and "
                    "[the scheme](#marking-scheme-for-leaders), [key](answers-week3.pdf).\n:::\n\n"
                    "## Discussion questions\n\n1. Why?\n", encoding="utf-8")
    guide = read(path)
    found = leaks(guide, {"guide.json": '{"warnings": [["g.md", null, "No anchor #marking-scheme-for-leaders; '
                                        'refused https://drive.example.com/k.png; answers-week3.pdf"]]}'})
    assert {piece for _, _, piece in found} >= {"answers-week3.pdf", "https://drive.example.com/k.png",
                                                 "marking-scheme-for-leaders"}
    assert leaks(guide, {"guide.json": '{"title": "T", "files": {"participant": "g.pdf"}}'}) == []


def test_every_hiding_syntax_is_refused_at_its_line(tmp_path) -> None:
    """Text the organiser meant to hide (a comment, `hidden`) is never printed: `check` names each syntax."""
    from .corpus import PRINTED_WARNINGS

    (tmp_path / "g.md").write_text(next(c for c in CASES if c.name == "hiding-syntaxes-printed").source(), "utf-8")
    done = cli("check", "g.md", cwd=tmp_path)
    for line, words in PRINTED_WARNINGS:
        assert any(s.startswith(f"g.md:{line}: error: ") and words in s for s in done.stderr.splitlines()), (line, done.stderr)


def test_headings_spelt_like_our_parts_get_ids_of_their_own(corpus) -> None:
    """"## Question 1", "## The reading" and "## Contents" are headings an organiser writes: their ids
    must not be those of question 1, the reading or the contents page (a link would land on the
    heading, and the e-book would not validate)."""
    root, _, _ = corpus
    folder = root / "out" / "headings-like-ours"
    page = (folder / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as book:
        text = book.read("EPUB/text.xhtml").decode("utf-8")
    for source in (page, text):
        ids = re.findall(r'\sid="([^"]+)"', source)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        assert re.search(r'<li id="question-1"', source)
        assert re.search(r'<h2 id="question-1-section"', source)
