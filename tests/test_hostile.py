"""Hostile and broken guides: nothing read that should not be, nothing fetched,
nothing lost, every failure one clear line."""

from __future__ import annotations

import http.server
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from studyguide.errors import GuideError
from studyguide.read.reader import read
from studyguide.render.html import TEMPLATES

from .conftest import build_one, pdf_text, write

TOKEN = "SECRET-TOKEN-4242"
SVG = f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30">{TOKEN}</text></svg>'


def every_byte(path: Path) -> bytes:
    """All of a PDF, its streams decoded: what a reader of the file could get at."""
    reader = PdfReader(path)
    chunks = [path.read_bytes()]
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if hasattr(obj, "get_data"):
            try:
                chunks.append(obj.get_data())
            except Exception:
                pass
    return b"".join(chunks)


def test_nothing_outside_the_guide_folder_is_read(tmp_path):
    write(tmp_path, {"secret.svg": SVG, "secret.txt": TOKEN})
    folder = tmp_path / "guides/evil"
    write(folder, {"guide.md": f"""
        ---
        title: Evil
        ---
        ![up](../../secret.svg)

        ![linked](inside.svg)

        <img src="file://{tmp_path}/secret.svg">
        <a rel="attachment" href="../../secret.txt">attached</a>
        <a rel="attachment" href="ok.txt">attached too</a>
        <iframe src="file://{tmp_path}/secret.txt"></iframe>
        <object data="file://{tmp_path}/secret.svg"></object>
        <script>document.write("{TOKEN}")</script>
        <style>@import url(file://{tmp_path}/secret.txt); body {{ background: url(../../secret.svg) }}</style>
        <div style="background: url(file://{tmp_path}/secret.svg)">styled</div>

        ## Discussion questions

        1. Is anything leaked?
        """, "ok.txt": "harmless"})
    (folder / "inside.svg").symlink_to(tmp_path / "secret.svg")
    result = build_one(folder / "guide.md", tmp_path / "out")
    # The Markdown pictures are refused when the guide is read, each at its line (docs/guide-format.md).
    assert [(e.line, "outside the guide's folder" in e.message) for e in result.errors] == [(4, True), (6, True)]
    assert not (tmp_path / "out/evil").exists()
    source = (folder / "guide.md").read_text()
    (folder / "guide.md").write_text(source.replace("![up](../../secret.svg)", "").replace("![linked](inside.svg)", ""))
    result = build_one(folder / "guide.md", tmp_path / "out")  # the raw HTML's are refused when laid out
    assert result.ok, result.errors
    messages = "\n".join(str(w) for w in result.warnings)
    assert "raw HTML removed: a rel=attachment, iframe, object, script, style" in messages
    for pdf in (tmp_path / "out/evil").glob("*.pdf"):
        data = every_byte(pdf)
        assert TOKEN.encode() not in data, pdf.name
        assert b"/EmbeddedFiles" not in data and b"/FileAttachment" not in data, pdf.name


class Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(SVG.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Counting.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_no_request_leaves_unless_the_guide_opts_in(tmp_path, server):
    guide = "---\ntitle: Remote\n{extra}---\n![r]({url}/pic.svg)\n\n<img src=\"{url}/raw.svg\">\n"
    write(tmp_path, {"off.md": guide.format(extra="", url=server), "on.md": guide.format(extra="remote: true\n", url=server)})
    off = build_one(tmp_path / "off.md", tmp_path / "out")
    assert off.ok and Counting.hits == []
    assert any("remote resources are off" in str(w) for w in off.warnings)
    on = build_one(tmp_path / "on.md", tmp_path / "out")  # the same guide, opted in: the server is reached
    assert on.ok and "/pic.svg" in Counting.hits


def test_guide_text_is_never_a_template(tmp_path):
    write(tmp_path, {"g.md": """
        ---
        title: "{{ 7 * 7 }} and {% if true %}yes{% endif %}"
        reading: {title: "{{ config }}"}
        ---
        Body {{ 6 * 7 }} and {# comment #}.
        """})
    result = build_one(tmp_path / "g.md", tmp_path / "out")
    assert result.ok
    text = " ".join(pdf_text(tmp_path / "out/g/g.pdf"))
    assert "{{ 7 * 7 }} and {% if true %}yes{% endif %}" in text
    assert "Body {{ 6 * 7 }} and {# comment #}." in text and "{{ config }}" in text
    assert "49" not in text and "42" not in text


def test_limits_size_nesting_and_time(tmp_path):
    write(tmp_path, {
        "big.md": "---\ntitle: Big\n---\n" + "word " * 100,
        "deep.md": "---\ntitle: Deep\n---\n\nText\n\n" + ">" * 30 + " too deep\n",
        "divs.md": "---\ntitle: Divs\n---\n\n" + "<div>" * 150 + "x" + "</div>" * 150 + "\n",
        "slow.md": "---\ntitle: Slow\n---\n" + "\n\n".join(f"Paragraph {n} " + "with words " * 80 for n in range(300)),
    })
    big = build_one(tmp_path / "big.md", tmp_path / "out", max_bytes=100)
    size = (tmp_path / "big.md").stat().st_size
    assert [str(e) for e in big.errors] == [f"{tmp_path / 'big.md'}: error: the guide is {size} bytes; the limit is 100 (--max-size)"]
    deep = build_one(tmp_path / "deep.md", tmp_path / "out")
    assert [str(e) for e in deep.errors] == [f"{tmp_path / 'deep.md'}:7: error: nesting is 30 levels deep; the limit is 20"]
    divs = build_one(tmp_path / "divs.md", tmp_path / "out")
    assert [str(e) for e in divs.errors] == [f"{tmp_path / 'divs.md'}: error: elements nest more than 100 levels deep"]
    started = time.monotonic()
    slow = build_one(tmp_path / "slow.md", tmp_path / "out", timeout=0.5)
    assert time.monotonic() - started < 10
    assert [str(e) for e in slow.errors] == [
        f"{tmp_path / 'slow.md'}: error: building the guide took longer than 0.5 s (the limit; see --timeout)"]
    assert not (tmp_path / "out/slow").exists()


def test_planted_facilitator_leak_fails_the_build(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "guide.html.j2").read_text()
    # A theme with a mistake: a participant's template is never given the notes (Guide.for_participants), so the
    # mistake is planted as a theme author might, pasting the leader's words into it; the lock after the build finds them.
    (theme / "guide.html.j2").write_text(template.replace(
        "{{ body }}", "{{ body }}<p>Keep this between us: the answer to question one is in paragraph four.</p>"))
    write(tmp_path, {"g.md": """
        ---
        title: Leaky
        ---
        ::: facilitator
        Keep this between us: the answer to question one is in paragraph four.
        :::

        ## Discussion questions

        1. Where is the answer?
        """})
    (tmp_path / "out/g").mkdir(parents=True)
    (tmp_path / "out/g/g.pdf").write_bytes(b"yesterday")
    result = build_one(tmp_path / "g.md", tmp_path / "out", theme=theme)
    assert [str(e) for e in result.errors][:2] == [
        f"{tmp_path / 'g.md'}:5: error: facilitator notes would reach participants in the {edition}: "
        "“keep this between us the answer…” (the note written here); nothing was written"
        for edition in ("participant", "large-print")]
    assert (tmp_path / "out/g/g.pdf").read_bytes() == b"yesterday"
    assert build_one(tmp_path / "g.md", tmp_path / "fine").ok  # the packaged templates do not leak


def test_unreadable_guide_is_one_line(tmp_path):
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(GuideError) as info:
        read(tmp_path / "folder.md")
    assert str(info.value).startswith(f"{tmp_path / 'folder.md'}: error: cannot read the guide")


def test_interrupted_build_leaves_no_partial_file(tmp_path):
    guides = {f"guides/g{n}.md": f"---\ntitle: Guide {n}\n---\n" + "\n\n".join(["Some text " * 60] * 40) for n in range(8)}
    write(tmp_path, guides)
    process = subprocess.Popen([sys.executable, "-m", "studyguide.cli.main", "build", "-j", "1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONWARNINGS": "ignore"})
    out = tmp_path / "build"
    deadline = time.monotonic() + 60
    while not any(out.glob("g*/g*.pdf")) and time.monotonic() < deadline:  # wait until it is mid-batch
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert not list(out.rglob("*.tmp"))
    built = list(out.glob("*/*.pdf"))
    assert built and len({p.parent for p in built}) < 8  # stopped part-way
    for pdf in built:
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF") and len(PdfReader(pdf).pages) >= 1


FRAGMENTS = st.sampled_from([
    "::: facilitator\n", ":::\n", "## Session 1\n", "### Discussion questions\n", "1. A question?\n",
    "    - follow\n", "Term\n: definition\n", "[^1]\n", "[^1]: note\n", "> quote\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "<div>", "</div>", "<script>x</script>", "![img](nope.png)\n", "{.questions}\n", "\n", "text ", "*em*", "`code`",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(FRAGMENTS, max_size=40).map("".join))
def test_any_markdown_reads_or_raises_our_error(tmp_path, body):
    path = tmp_path / "fuzz.md"
    path.write_text(f"---\ntitle: Fuzz\n---\n{body}", encoding="utf-8")
    try:
        guide = read(path)
    except GuideError as error:
        assert all(str(d).startswith(str(path)) for d in error.diagnostics)
        return
    for text in guide.facilitator_text:  # as words: the note "x" is not leaked by the word "text"
        if body.count(text.strip()) > 1:
            continue  # written outside the note too: the participant's own text
        assert not text.strip() or not re.search(rf"(?<!\w){re.escape(text.strip())}(?!\w)", guide.html["participant"])


def test_leak_check_reads_the_pdf_and_the_layout_alike(tmp_path):
    """The build checks the text its layouts drew; reading the PDF back finds the same."""
    from studyguide.build.leaks import leaks, pdf_text
    from studyguide.pdf.write import html_to_pdf

    write(tmp_path, {"g.md": "---\ntitle: T\n---\n::: facilitator\nThe secret timing plan is forty minutes in all.\n:::\n\nText.\n"})
    guide = read(tmp_path / "g.md")
    leaky = html_to_pdf("<p>Intro. The secret timing plan is forty<br>minutes in all.</p>", tmp_path)
    clean = html_to_pdf("<p>Nothing to see here at all, nothing.</p>", tmp_path)
    run = "the secret timing plan is forty"
    assert leaks(guide, {"pdf": pdf_text(leaky.pdf)}) == [("pdf", 5, run)]
    assert leaks(guide, {"text": leaky.text}) == [("text", 5, run)]
    assert leaks(guide, {"pdf": pdf_text(clean.pdf), "text": clean.text}) == []
