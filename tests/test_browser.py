"""The catalogue in a real browser: headless Chromium at a phone's width.

Needs Debian's `chromium`: skipped, with the reason, where it is missing, and
required in CI (CI=true), where .ci/run installs it."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest

from studyguide.build.run import Settings, build

from .conftest import ignore_resets

REPO = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
HARNESS = """<!DOCTYPE html><html><body><pre id="result"></pre>
<script>
var pages = %s, out = {}, left = pages.length;
pages.forEach(function (url) {
  var frame = document.createElement("iframe");
  frame.width = 375; frame.height = 812; frame.style.border = "0";
  frame.onload = function () {
    var doc = frame.contentDocument, images = [].slice.call(doc.images);
    out[url] = {scrollWidth: doc.documentElement.scrollWidth, clientWidth: doc.documentElement.clientWidth,
                brokenImages: images.filter(function (i) { return !i.complete || i.naturalWidth === 0; }).length,
                images: images.length, scripts: doc.scripts.length,
                links: [].slice.call(doc.querySelectorAll("a[href]")).map(function (a) { return a.href; })};
    if (--left === 0) document.getElementById("result").textContent = JSON.stringify(out);
  };
  frame.src = url;
  document.body.appendChild(frame);
});
</script></body></html>"""


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: .ci/run installs Debian's chromium")
        pytest.skip("needs Chromium (Debian: apt install chromium); CI installs it")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The two example guides built, served over HTTP on localhost."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(REPO / "guides", root / "guides")
    results = build([root / "guides"], Settings(out=root / "build", jobs=2))
    assert all(r.ok for r in results), [r.errors for r in results]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "build"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    ignore_resets(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def run(chromium: str, tmp: Path, *args: str) -> str:
    done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args], capture_output=True,
                          text=True, timeout=120)
    return done.stdout


def test_pages_fit_a_phone_and_every_link_resolves(chromium, site, tmp_path):
    root, base = site
    slugs = sorted(p.parent.name for p in (root / "build").glob("*/guide.json"))
    pages = [base + "index.html"] + [f"{base}{slug}/index.html" for slug in slugs]
    (root / "build/__measure.html").write_text(HARNESS % json.dumps(pages))
    dom = run(chromium, tmp_path, "--virtual-time-budget=10000", "--dump-dom", base + "__measure.html")
    found = json.loads(re.search(r'<pre id="result">(.*?)</pre>', dom, re.S).group(1).replace("&quot;", '"'))
    assert sorted(found) == sorted(pages)
    for url, page in found.items():
        assert page["clientWidth"] == 375, url
        assert page["scrollWidth"] <= page["clientWidth"], (url, page)  # no horizontal scroll on a phone
        assert page["brokenImages"] == 0 and page["images"] >= 1, (url, page)
        assert page["scripts"] == 0, url  # no JavaScript needed, none sent
        for link in page["links"]:
            if link.startswith(base):
                with urllib.request.urlopen(link, timeout=10) as response:
                    assert response.status == 200, link


def test_screenshots_at_phone_width(chromium, site, tmp_path):
    root, base = site
    shots = {}
    for name, url in (("catalogue", base + "index.html"), ("guide", base + "trotsky-armed-the-workers/index.html")):
        shots[name] = tmp_path / f"{name}.png"
        run(chromium, tmp_path, "--window-size=375,812", f"--screenshot={shots[name]}", url)
    for name, shot in shots.items():
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, name  # a real page, not a blank
    keep = os.environ.get("STUDYGUIDE_SCREENSHOTS")  # to look at them: STUDYGUIDE_SCREENSHOTS=folder make test
    if keep:
        for shot in shots.values():
            shutil.copy(shot, Path(keep) / shot.name)
