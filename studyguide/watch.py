"""`studyguide watch` and `serve`: rebuild what changed when a file is saved.

Polling, not OS notifications: it needs no extra package, works on network
drives and in containers, and a guide folder is small enough to stat twice a second.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path
from typing import Callable

from .build import Result, Settings, build
from .files import TEMPLATES

Report = Callable[[list[Result]], None]


def snapshot(paths: list[Path], settings: Settings) -> dict[str, tuple[int, int]]:
    """Size and time of every file a build reads."""
    roots = list(paths) + [TEMPLATES, Path("studyguide.toml")] + ([settings.theme] if settings.theme else [])
    out = settings.out.resolve()
    seen = {}
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for file in files:
            if file.name.startswith(".") or file.resolve().is_relative_to(out):
                continue  # our own outputs (an output folder inside a guide's) and temporary files are not inputs
            try:
                stat = file.stat()
            except OSError:
                continue
            seen[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch(paths: list[Path], settings: Settings, report: Report, stop: threading.Event | None = None,
          interval: float = 0.5, settle: float = 0.3, on_build: Callable[[], None] | None = None) -> None:
    """Build, then rebuild whenever files change (once they have stopped changing
    for `settle` seconds: an editor's save is often several writes). Errors are
    reported and the watch goes on."""
    stop = stop or threading.Event()

    def once() -> None:
        try:
            report(build(paths, settings))
        except Exception as exc:  # never let one bad save end the watch
            report([Result(Path("studyguide"), "studyguide", errors=[_internal(exc)])])
        if on_build:
            on_build()

    once()
    before = snapshot(paths, settings)
    while not stop.wait(interval):
        now = snapshot(paths, settings)
        if now == before:
            continue
        while not stop.wait(settle):  # debounce: wait until the files are still
            later = snapshot(paths, settings)
            if later == now:
                break
            now = later
        before = now
        once()


def _internal(exc: Exception):
    from .errors import Diagnostic

    return Diagnostic("studyguide", None, f"internal error ({type(exc).__name__}: {exc})")


RELOAD = (b'<script>/* studyguide serve: reload when a guide is rebuilt */(function(){var v=null;'
          b'setInterval(function(){fetch("/__version").then(function(r){return r.text()}).then(function(t)'
          b'{if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})();</script>')


MAX_URL = 2048
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files from the output folder; HTML pages get a reload script (served copies only).

    Only for this machine's browser: a request whose Host is not 127.0.0.1,
    localhost or [::1] with our port is refused, so a web page whose name is made to
    point at 127.0.0.1 (DNS rebinding) cannot read the facilitator editions."""

    state: dict = {}

    def do_GET(self) -> None:  # noqa: N802
        if not self._host_ok():
            return self._refuse(403, "Forbidden: studyguide serve answers only http://127.0.0.1, localhost or [::1]")
        if len(self.path) > MAX_URL:
            return self._refuse(414, "URI Too Long")
        if self.path == "/__version":
            return self._send(str(self.state["version"]).encode(), "text/plain")
        try:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                route = self.path.split("?", 1)[0].split("#", 1)[0]
                if not route.endswith("/"):  # `/slug` → `/slug/`, so the page's relative links resolve
                    self.send_response(301)
                    self.send_header("Location", "/" + route.lstrip("/") + "/")  # never `//host/`: not a way off this server
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                return self._send(path.read_bytes().replace(b"</body>", RELOAD + b"</body>"), "text/html; charset=utf-8")
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte: not a file we have
            return self._refuse(404, "Not Found")
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if not self._host_ok():
            return self._refuse(403, "Forbidden")
        if len(self.path) > MAX_URL:
            return self._refuse(414, "URI Too Long")
        try:
            super().do_HEAD()
        except (OSError, ValueError):
            self._refuse(404, "Not Found")

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        return host in {f"{name}:{port}" for name in LOCAL_HOSTS} | (set(LOCAL_HOSTS) if port == 80 else set())

    def _refuse(self, code: int, message: str) -> None:
        body = f"{code} {message}\n".encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def send_head(self):
        try:
            return super().send_head()
        except (OSError, ValueError):
            self.send_error(404, "Not Found")
            return None

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that went away mid-answer is not worth a traceback on the organiser's terminal."""


def serve(paths: list[Path], settings: Settings, report: Report, host: str = "127.0.0.1", port: int = 8000,
          stop: threading.Event | None = None, ready: Callable[[str], None] | None = None, interval: float = 0.5) -> None:
    """Serve the catalogue and each guide's page on localhost, rebuilding on save."""
    stop = stop or threading.Event()
    settings.out.mkdir(parents=True, exist_ok=True)
    state = {"version": 0}

    def bump() -> None:
        state["version"] += 1

    handler = type("Handler", (_Handler,), {"state": state})
    server = _Server((host, port), functools.partial(handler, directory=str(settings.out)))
    watcher = threading.Thread(target=watch, args=(paths, settings, report, stop, interval), kwargs={"on_build": bump},
                               daemon=True)
    watcher.start()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    try:
        if ready:
            ready(f"http://{server.server_address[0]}:{server.server_address[1]}/")
        while not stop.wait(0.5):
            pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=5)
