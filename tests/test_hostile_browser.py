"""A hostile guide's web page in a real browser: every link clicked, every image
and style loaded, and a server on 127.0.0.1 standing in for the attacker's host
hears nothing. Needs Chromium, as tests/test_browser.py does."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading


from studyguide.build.run import Settings, build

from .conftest import ignore_resets, write
from .test_browser import chromium, run  # noqa: F401 - the fixture and the runner

HARNESS = """<!DOCTYPE html><html><body><pre id="result"></pre>
<script>
var pages = %s, out = {}, queue = [];
function next() {
  if (!queue.length) { document.getElementById("result").textContent = JSON.stringify(out); return; }
  var job = queue.shift(), frame = document.createElement("iframe");
  frame.onload = function () {
    frame.onload = null;
    var links = frame.contentDocument.querySelectorAll("a");
    out[job.url] = out[job.url] || {links: links.length, clicked: 0};
    if (job.index === null) {
      for (var i = 0; i < links.length; i++) queue.push({url: job.url, index: i});
    } else if (links[job.index]) {
      links[job.index].click();
      out[job.url].clicked += 1;
    }
    setTimeout(function () { frame.remove(); next(); }, 300);
  };
  frame.src = job.url;
  document.body.appendChild(frame);
}
pages.forEach(function (url) { queue.push({url: url, index: null}); });
next();
</script></body></html>"""


class _Log(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


def _serve(handler) -> tuple[http.server.ThreadingHTTPServer, int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    ignore_resets(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def hostile(port: int) -> str:
    """Raw HTML the way the issue's attacker wrote it: each line, if it worked, would reach the port."""
    host = f"http://127.0.0.1:{port}"
    js = f"(new Image).src='{host}/js'"
    # (A raw control character, "\x01javascript:", is refused when the guide is read: tests/corpus.py.)
    hrefs = [f"java&#9;script:{js}", f"java&#10;script:{js}", f"java\nscript:{js}", f"&#1;javascript:{js}",
             f"&#x1;javascript:{js}", f" javascript:{js}", f"&#x6A;avascript:{js}", f"JAVASCRIPT:{js}",
             f"javascript&colon;{js}", f"java&Tab;script:{js}", f"data:text/html,<script>{js}</script>"]
    lines = [f'<p><a href="{href}">link {n}</a></p>' for n, href in enumerate(hrefs)]
    lines += [
        f"[markdown link](javascript:{js.replace(' ', '')})",
        f'<p><a href="#top" ping="{host}/ping">ping</a> <img src="{host}/raw.png" alt="raw"> '
        f'<img src="x.png" srcset="{host}/srcset.png 1x" alt="s"> '
        f'<span style="background-image: url({host}/style.png)">styled</span></p>',
        f'<p><iframe src="{host}/frame"></iframe><object data="{host}/object"></object>'
        f'<embed src="{host}/embed"><video poster="{host}/poster.png"></video></p>',
        f'<link rel="stylesheet" href="{host}/link.css"><meta http-equiv="refresh" content="0;url={host}/meta">',
        f'<base href="{host}/base/"><form action="{host}/form"><button>go</button></form>',
        f'<svg width="10" height="10"><image href="{host}/svg.png" width="10" height="10"/></svg>',
        f'<table background="{host}/table.png"><tr><td>cell</td></tr></table>',
        f"![remote]({host}/markdown.png)",
    ]
    return "\n\n".join(lines)


def test_hostile_page_clicked_through_reaches_no_one(chromium, tmp_path):  # noqa: F811
    _Log.hits = []
    log, port = _serve(_Log)
    try:
        write(tmp_path, {"guides/evil.md": "---\ntitle: Evil\n---\n" + hostile(port)
                         + "\n\n## Discussion questions\n\n1. Why?\n"})
        results = build([tmp_path / "guides"], Settings(out=tmp_path / "out", jobs=1,
                                                        editions=("participant", "facilitator", "web")))
        assert all(r.ok for r in results), [r.errors for r in results]
        assert _Log.hits == []  # the PDF refused them all
        site, site_port = _serve(functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "out")))
        site.RequestHandlerClass.log_message = lambda *args: None
        try:
            base = f"http://127.0.0.1:{site_port}/"
            pages = [base + "evil/index.html", base + "index.html"]
            (tmp_path / "out/__click.html").write_text(HARNESS % json.dumps(pages))
            dom = run(chromium, tmp_path, "--virtual-time-budget=30000", "--dump-dom", base + "__click.html")
        finally:
            site.shutdown()
            site.server_close()
        found = json.loads(re.search(r'<pre id="result">(.*?)</pre>', dom, re.S).group(1).replace("&quot;", '"'))
        page = found[base + "evil/index.html"]
        assert page["links"] >= 12 and page["clicked"] == page["links"], found
    finally:
        log.shutdown()
        log.server_close()
    assert sorted(set(_Log.hits)) == []
