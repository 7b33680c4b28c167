"""`make bench`'s live cases: `studyguide serve` timed as an organiser sees it.

save → preview reloaded: from the write of the guide to the moment the browser's
long poll has answered and the preview page it then reloads holds the new words
(over HTTP on 127.0.0.1, as the page's script does it; the browser's own drawing
not counted). save → participant PDF updated: from the same write to the PDF's
replacement on disk (its text then checked to hold the new words).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def live_case(pages: int, runs: int = 3, jobs: int = 1) -> dict[str, float]:
    """Medians, in seconds, over `runs` saves of one guide of about `pages` pages."""
    from studyguide.build.run import Settings
    from studyguide.bench.corpus import guide
    from studyguide.live.server import serve

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "guides").mkdir()
        source = root / "guides" / "g.md"
        text = guide(pages, 7)
        source.write_text(text)
        stop, urls = threading.Event(), []
        settings = Settings(out=root / "build", jobs=jobs)
        thread = threading.Thread(target=serve, args=([root / "guides"], settings, lambda results: None),
                                  kwargs={"port": 0, "stop": stop, "ready": urls.append}, daemon=True)
        thread.start()

        def status(since: int | None = None) -> dict:
            return json.loads(_get(urls[0] + "__status" + (f"?since={since}" if since is not None else "")))

        try:
            while not urls or status()["files"] < 1:  # the first build, every edition
                time.sleep(0.05)
            pdf = root / "build/g/g.pdf"
            previews, pdfs, real_pages = [], [], 0
            for n in range(runs):
                marker = f"Edited{n}Marker"
                state = status()
                version, files, before = state["version"], state["files"], pdf.stat().st_mtime_ns
                started = time.perf_counter()
                source.write_text(text.replace("## Summary\n\n", f"## Summary\n\n{marker} words. ", 1))
                while marker.encode() not in _get(urls[0] + "__preview/g/"):
                    version = status(version)["version"]  # the page's long poll: answers on any change
                previews.append(time.perf_counter() - started)
                while pdf.stat().st_mtime_ns == before:
                    time.sleep(0.005)
                pdfs.append(time.perf_counter() - started)
                from pypdf import PdfReader

                reader = PdfReader(pdf)
                real_pages = len(reader.pages)
                if marker not in " ".join(page.extract_text() for page in reader.pages[:3]).replace("\n", " "):
                    raise SystemExit(f"bench: the participant PDF of run {n} does not hold the edit")
                while status()["files"] <= files:  # every edition done before the next save
                    time.sleep(0.05)
        finally:
            stop.set()
            thread.join(15)
    return {"preview": statistics.median(previews), "pdf": statistics.median(pdfs), "pages": real_pages}


if __name__ == "__main__":
    import sys

    for size in [int(arg) for arg in sys.argv[1:]] or [8, 40]:  # `python -m studyguide.bench.live 8`
        figures = live_case(size, runs=5)
        print(f"{figures['pages']}-page guide: save → preview reloaded {figures['preview']:.3f} s, "
              f"save → participant PDF updated {figures['pdf']:.3f} s")
