"""The organiser's workflow: new, config, the catalogue, watch and serve."""

from __future__ import annotations

import datetime as dt
import html.parser
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from studyguide.build.run import Settings, build
from studyguide.build.check import check
from studyguide.importer.scaffold import new_guide, slugify
from studyguide.live.watch import serve, watch

from .conftest import pdf_text, write


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "studyguide.cli.main", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_new_guide_shows_every_feature_and_builds(tmp_path):
    done = cli("new", "Hope & Glory: A “Test”", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "guides/hope-glory-a-test/guide.md"
    assert path.is_file() and "wrote guides/hope-glory-a-test/guide.md" in done.stdout
    text = path.read_text()
    for feature in ("::: facilitator", "### Discussion questions", "[^source]", "| Year | Event |", "\n: ", "reading:"):
        assert feature in text, feature
    # A clean start: the only warnings name what the organiser is to replace.
    assert {d.message.split("'")[1] for d in check([tmp_path / "guides"])} >= {"Your name", "example.org/the-article"}
    assert all("left from the new-guide template" in d.message for d in check([tmp_path / "guides"]))
    again = cli("new", "Hope & Glory: A “Test”", cwd=tmp_path)
    assert again.returncode == 1 and "a guide of that name exists already" in again.stderr
    built = cli("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Hope & Glory: A “Test”" in pdf_text(tmp_path / "build/hope-glory-a-test/hope-glory-a-test.pdf")[0]


def test_slugs():
    assert slugify("Trotsky—the leader who armed the workers’ movement") == "trotsky-the-leader-who-armed-the-workers-movement"
    assert slugify("Hope & Glory: it's a “Test”") == "hope-glory-its-a-test"
    assert slugify("Что делать?") == "что-делать"


def test_config_gives_defaults_the_guide_overrides(tmp_path):
    write(tmp_path, {
        "studyguide.toml": 'group = "Tuesday group"\npaper = "letter"\nout = "public"\neditions = ["participant"]\ncolour = "red"\n',
        "guides/a.md": "---\ntitle: A\n---\nText\n",
        "guides/b.md": "---\ntitle: B\ngroup: Own group\npaper: a4\n---\nText\n",
    })
    done = cli("build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "studyguide.toml:5: warning: unknown key 'colour' is ignored" in done.stderr
    assert sorted(p.name for p in (tmp_path / "public/a").glob("*.pdf")) == ["a.pdf"]
    a, b = (pdf_text(tmp_path / f"public/{n}/{n}.pdf")[0] for n in "ab")
    assert "Tuesday group" in a and "Own group" in b and "Tuesday group" not in b
    from pypdf import PdfReader
    assert float(PdfReader(tmp_path / "public/a/a.pdf").pages[0].mediabox.width) == pytest.approx(396, abs=0.5)
    assert float(PdfReader(tmp_path / "public/b/b.pdf").pages[0].mediabox.width) == pytest.approx(419.5, abs=0.5)
    (tmp_path / "studyguide.toml").write_text('paper = "a3"\n')
    bad = cli("build", cwd=tmp_path)
    assert bad.returncode == 1 and "studyguide.toml:1: error: 'paper' must be \"a4\" or \"letter\", not 'a3'" in bad.stderr


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and "://" not in value:
                self.targets.append(value)


def local_links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text())
    return parser.targets


def test_catalogue_and_guide_pages_link_to_files_that_exist(tmp_path):
    write(tmp_path, {
        "guides/g/guide.md": "---\ntitle: G\ntags: [one]\nreading: {title: R, url: 'https://example.org'}\n---\n"
                             "![map](map.svg)\n\n::: facilitator\nA secret plan for the leader only, do not print.\n:::\n\n"
                             "## Discussion questions\n\n1. Why?\n",
        "guides/g/map.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
    })
    results = build([tmp_path / "guides"], Settings(out=tmp_path / "build", jobs=1))
    assert all(r.ok for r in results)
    index, page = tmp_path / "build/index.html", tmp_path / "build/g/index.html"
    for html_file in (index, page):
        links = local_links(html_file)
        assert links
        for link in links:
            assert (html_file.parent / link).resolve().is_file(), (html_file, link)
    assert "g/cover.png" in local_links(index) and "g/g-booklet.pdf" in local_links(index)
    text = page.read_text()
    assert "Why?" in text and "secret plan" not in text  # the guide readable, the facilitator's notes not there
    assert "<script" not in text and "<script" not in index.read_text()  # no JavaScript
    assert "flip on short edge" in text and "flip on short edge" in index.read_text()
    assert (tmp_path / "build/g/cover.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_watch_rebuilds_on_save_and_survives_errors(tmp_path):
    write(tmp_path, {"guides/w.md": "---\ntitle: W\n---\nFirst text.\n"})
    reports: list = []
    stop = threading.Event()
    settings = Settings(out=tmp_path / "build", jobs=1, editions=("participant",))
    thread = threading.Thread(target=watch, args=([tmp_path / "guides"], settings, reports.append, stop, 0.1, 0.1))
    thread.start()
    try:
        assert wait_for(lambda: len(reports) >= 1)
        (tmp_path / "guides/w.md").write_text("---\ntitle: [broken\n---\n")
        assert wait_for(lambda: len(reports) >= 2)
        assert not reports[1][0].ok and "front matter is not valid YAML" in str(reports[1][0].errors[0])
        (tmp_path / "guides/w.md").write_text("---\ntitle: W\n---\nSecond text.\n")
        assert wait_for(lambda: len(reports) >= 3)
        assert reports[2][0].ok and "Second text." in " ".join(pdf_text(tmp_path / "build/w/w.pdf"))
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()


def test_serve_over_http_rebuilds_and_reloads(tmp_path):
    write(tmp_path, {"guides/s.md": "---\ntitle: Served\n---\nOriginal words.\n\n## Discussion questions\n\n1. Why?\n"})
    stop, urls, reports = threading.Event(), [], []
    settings = Settings(out=tmp_path / "build", jobs=1, editions=("participant", "web"))
    thread = threading.Thread(target=serve, args=([tmp_path / "guides"], settings, reports.append),
                              kwargs={"port": 0, "stop": stop, "ready": urls.append, "interval": 0.1})
    thread.start()

    def get(path: str) -> str:
        with urllib.request.urlopen(urls[0] + path, timeout=10) as response:
            return response.read().decode("utf-8", "replace")

    try:
        assert wait_for(lambda: urls and reports)
        assert "Served" in get("") and "/__version" in get("")  # the catalogue, with the reload script
        assert "Original words." in get("s/index.html")
        version = get("__version")
        (tmp_path / "guides/s.md").write_text("---\ntitle: Served\n---\nNew words.\n\n## Discussion questions\n\n1. Why?\n")
        assert wait_for(lambda: get("__version") != version)
        assert "New words." in get("s/index.html")
        assert get("s/s.pdf").startswith("%PDF")
    finally:
        stop.set()
        thread.join(10)
    assert "<script" not in (tmp_path / "build/s/index.html").read_text()  # only served copies carry it


def colours(pdf: Path) -> set[bytes]:
    import re

    from pypdf import PdfReader

    data = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    return set(re.findall(rb"([\d.]+ [\d.]+ [\d.]+) (?:rg|RG)", data))


def test_the_example_theme_overrides_the_defaults(tmp_path):
    repo = Path(__file__).resolve().parent.parent
    write(tmp_path, {"guides/t.md": "---\ntitle: Themed\n---\nTerm\n: Meaning.\n\n## Discussion questions\n\n1. Why?\n"})
    plain = build([tmp_path / "guides"], Settings(out=tmp_path / "plain", jobs=1))
    themed = build([tmp_path / "guides"], Settings(out=tmp_path / "themed", jobs=1, theme=repo / "themes/photocopy"))
    assert plain[0].ok and themed[0].ok and themed[0].warnings == []
    accent = b"0.607843 0.109804 0.109804"  # #9b1c1c, the default accent
    assert accent in colours(tmp_path / "plain/t/t.pdf")
    assert accent not in colours(tmp_path / "themed/t/t.pdf")  # the theme's black instead
    assert accent not in colours(tmp_path / "themed/t/t-questions.pdf")
    assert "Themed" in " ".join(pdf_text(tmp_path / "themed/t/t.pdf"))  # the rest of the defaults still apply
