"""The web server of `studyguide serve`: the output folder, each guide's live preview
at /__preview/<slug>/, and on every page a bar saying which files are fresh, the
errors over the page, and a script that reloads it when anything changes.

Only for this machine's browser: a request whose Host is not 127.0.0.1,
localhost or [::1] with our port is refused, so a web page whose name is made to
point at 127.0.0.1 (DNS rebinding) cannot read the facilitator editions."""

from __future__ import annotations

import functools
import html
import http.server
import json
import secrets
import threading
import urllib.parse
from pathlib import Path

from studyguide.build.run import Settings
from studyguide.files import TEMPLATES

MAX_URL = 2048
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
STYLES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
          ".webp": "image/webp", ".svg": "image/svg+xml"}
SCRIPT = ('<script nonce="%s">/* studyguide serve: reload when /__status changes (/__version: the built files) */'
          '(function(){var v=%d;function poll(){fetch("/__status?since="+v).then(function(r){return r.json()})'
          '.then(function(s){if(s.version!==v){location.reload()}else{poll()}})'
          '.catch(function(){setTimeout(poll,1000)})}poll()})();</script>')
BAR = ('<div id="studyguide-live" style="position:fixed;bottom:0;right:0;z-index:2147483647;font:12px/1.4 sans-serif;'
       'background:#222;color:#eee;padding:.3em .6em;opacity:.85">%s</div>')
OVERLAY = ('<div id="studyguide-errors" role="alert" style="position:fixed;inset:0;z-index:2147483646;overflow:auto;'
           'background:rgba(40,0,0,.92);color:#fff;font:14px/1.5 monospace;padding:2em;white-space:pre-wrap">'
           '<b>studyguide: %s</b>\n\n%s</div>')


def decorate(page: bytes, live, slug: str | None, lang: str | None = None, nonce: str = "") -> bytes:
    """The bar, the errors (server-side, so they show with or without the script) and the reload script,
    in the group's language (`lang`: studyguide.toml's); the errors themselves are the build's."""
    from studyguide.i18n import words_for

    words = words_for(lang)
    with live.changed:
        version, errors, fresh = live.version, live.lines(), \
            dict(live.fresh.get(slug, {})) if slug else {}
    parts = []
    if fresh:
        def said(word: str) -> str:  # a state is a word ("building") or a time ("14:02:11")
            return words.get(f"live_{word.replace(' ', '_')}", word)
        parts.append(BAR % html.escape(" · ".join(f"{said(what)}: {said(state)}" for what, state in fresh.items())))
    if errors:
        parts.append(OVERLAY % (html.escape(words["live_not_built_page"]), html.escape("\n".join(errors))))
    parts.append(SCRIPT % (nonce, version))
    extra = "".join(parts).encode()
    return page.replace(b"</body>", extra + b"</body>") if b"</body>" in page else page + extra


def page_policy(nonce: str) -> dict[str, str]:
    """The served pages run our reload script only: a theme's script (the build refuses one; this is the second
    lock) could otherwise read the facilitator editions from this same address and send them elsewhere."""
    return {"Content-Security-Policy": f"default-src 'self'; script-src 'nonce-{nonce}'; connect-src 'self'; "
                                       "img-src 'self' data: https: http:; style-src 'self' 'unsafe-inline'; "
                                       "font-src 'self' data:; object-src 'none'; frame-src 'none'; base-uri 'none'; "
                                       "form-action 'none'; frame-ancestors 'none'"}


class Handler(http.server.SimpleHTTPRequestHandler):
    live = None
    settings: Settings = Settings()

    def lang(self) -> str | None:
        """The group's language (studyguide.toml's `lang`), for the bar and the overlay."""
        return dict(self.settings.defaults).get("lang")

    def do_GET(self) -> None:
        if not self._host_ok():
            return self._refuse(403, "Forbidden: studyguide serve answers only http://127.0.0.1, localhost or [::1]")
        if len(self.path) > MAX_URL:
            return self._refuse(414, "URI Too Long")
        route, _, query = self.path.partition("?")
        route = route.split("#", 1)[0]
        if route == "/__version":
            return self._send(str(self.live.files).encode(), "text/plain")
        if route == "/__status":
            return self._status(query)
        if route.startswith(("/__preview/", "/__studyguide/", "/__theme/")):
            return self._live(urllib.parse.unquote(route))
        try:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not route.endswith("/"):  # `/slug` → `/slug/`, so the page's relative links resolve
                    return self._redirect("/" + route.lstrip("/") + "/")  # never `//host/`: not a way off this server
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                slug = route.strip("/").split("/")[0] or None
                nonce = secrets.token_urlsafe(16)
                return self._send(decorate(path.read_bytes(), self.live, slug, self.lang(), nonce),
                                  "text/html; charset=utf-8", page_policy(nonce))
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte: not a file we have
            return self._refuse(404, "Not Found")
        super().do_GET()

    def do_HEAD(self) -> None:
        if not self._host_ok():
            return self._refuse(403, "Forbidden")
        if len(self.path) > MAX_URL:
            return self._refuse(414, "URI Too Long")
        try:
            super().do_HEAD()
        except (OSError, ValueError):
            self._refuse(404, "Not Found")

    def _status(self, query: str) -> None:
        """A long poll: answers when the version is no longer `since` (or after 20 s)."""
        since = urllib.parse.parse_qs(query).get("since", [""])[0]
        live = self.live
        if since.lstrip("-").isdigit():
            live.wait(int(since), 20.0)
        with live.changed:
            body = {"version": live.version, "files": live.files, "fresh": live.fresh,
                    "errors": live.lines()}
            data = json.dumps(body).encode()
        self._send(data, "application/json")

    def _live(self, route: str) -> None:
        """The preview from memory; its stylesheets and fonts; the images in its guide's folder."""
        parts = [p for p in route.split("/") if p]
        if parts[0] == "__preview" and len(parts) >= 2:
            with self.live.changed:
                found = self.live.previews.get(parts[1])
            if not found:
                return self._refuse(404, "Not Found (no preview of that guide yet)")
            guide, page = found
            if len(parts) == 2:
                if not route.endswith("/"):
                    return self._redirect(f"/__preview/{parts[1]}/")
                page = page.replace(TEMPLATES.resolve().as_uri() + "/", "/__studyguide/")
                if self.settings.theme:
                    page = page.replace(self.settings.theme.resolve().as_uri() + "/", "/__theme/")
                nonce = secrets.token_urlsafe(16)
                return self._send(decorate(page.encode(), self.live, parts[1], self.lang(), nonce),
                                  "text/html; charset=utf-8", page_policy(nonce))
            return self._file(guide.parent, parts[2:], IMAGES)
        if parts[0] == "__studyguide":
            return self._file(TEMPLATES, parts[1:], STYLES)
        if parts[0] == "__theme" and self.settings.theme:
            return self._file(self.settings.theme, parts[1:], STYLES)
        return self._refuse(404, "Not Found")

    def _file(self, root: Path, parts: list[str], kinds: dict[str, str]) -> None:
        """Only a stylesheet, font or image, only inside `root`: never the guide's Markdown."""
        try:
            path = root.resolve().joinpath(*parts).resolve()
            kind = kinds.get(path.suffix.lower())
            if not parts or not kind or not path.is_relative_to(root.resolve()) or not path.is_file():
                return self._refuse(404, "Not Found")
            data = path.read_bytes()
        except (OSError, ValueError):
            return self._refuse(404, "Not Found")
        self._send(data, kind, {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
                   if kind == "image/svg+xml" else {})

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

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

    def _send(self, body: bytes, kind: str, headers: dict | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that went away mid-answer is not worth a traceback on the organiser's terminal."""


def start_server(live, settings: Settings, host: str, port: int) -> Server:
    handler = type("LiveHandler", (Handler,), {"live": live, "settings": settings})
    server = Server((host, port), functools.partial(handler, directory=str(settings.out)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    return server
