"""Round eleven's red team, what people see after the build: `serve` forgets a guide that left the folder
(its error over every page, its old preview), and the calendar's time zones cover every session."""

from __future__ import annotations

import re

import pytest

from studyguide.distribute.calendar import group_calendar, guide_calendar
from studyguide.read.reader import read

from .conftest import write
from .test_browser import chromium  # noqa: F401 - the fixture
from .test_live import GUIDE, served, until  # noqa: F401 - `served` is the fixture the live tests start serve with


def observance(ics: bytes, local: str, zone: str) -> tuple[str, str]:
    """(kind, UTC offset) that the file's own VTIMEZONE for `zone` gives at the local time `local`
    (YYYYMMDDTHHMMSS), as a client that trusts the embedded zone reads it."""
    text = ics.decode().replace("\r\n ", "").replace("\r\n", "\n")
    block = re.search(r"BEGIN:VTIMEZONE\nTZID:" + re.escape(zone) + r"\n(.*?)END:VTIMEZONE", text, re.S)
    assert block, f"no VTIMEZONE for {zone}"
    onsets = []
    for kind, body in re.findall(r"BEGIN:(STANDARD|DAYLIGHT)(.*?)END:\1", block.group(1), re.S):
        offset = re.search(r"TZOFFSETTO:(\S+)", body).group(1)
        for dates in re.findall(r"(?:DTSTART|RDATE):(\S+)", body):
            onsets += [(onset, kind, offset) for onset in dates.split(",")]
    before = sorted(o for o in onsets if o[0] <= local)
    assert before, f"the VTIMEZONE starts after {local}"
    return before[-1][1:]


@pytest.mark.parametrize("day, local, expected", [
    ("2040-06-14", "20400614T193000", ("DAYLIGHT", "+0100")),
    ("2040-12-10", "20401210T193000", ("STANDARD", "+0000")),
    ("2026-06-11", "20260611T193000", ("DAYLIGHT", "+0100")),
    ("2099-07-02", "20990702T193000", ("DAYLIGHT", "+0100")),
])
def test_the_calendar_time_zone_covers_every_session(tmp_path, day, local, expected):
    write(tmp_path, {"guides/future.md": f"---\ntitle: Future guide\ndate: {day}\ntime: \"19:30\"\n"
                                         "duration: 90 min\ntimezone: Europe/London\n---\n\n## Summary\n\nText.\n\n"
                                         "## Questions\n\n1. Why?\n"})
    ics = guide_calendar(read(tmp_path / "guides/future.md"))
    assert f"DTSTART;TZID=Europe/London:{local}" in ics.decode()
    assert observance(ics, local, "Europe/London") == expected
    (tmp_path / "out/future").mkdir(parents=True)
    (tmp_path / "out/future/future.ics").write_bytes(ics)
    group = group_calendar(tmp_path / "out", ["future"])  # the group's calendar, made from the guides' files
    assert observance(group, local, "Europe/London") == expected


def test_the_calendar_of_the_last_day_a_guide_may_name_is_made(tmp_path):
    write(tmp_path, {"guides/far.md": "---\ntitle: Far\ndate: 9998-12-31\ntime: \"19:30\"\ntimezone: Europe/London\n"
                                      "---\n\nText.\n"})
    ics = guide_calendar(read(tmp_path / "guides/far.md"))
    assert observance(ics, "99981231T193000", "Europe/London") == ("STANDARD", "+0000")


def test_serve_forgets_a_guide_deleted_or_renamed(tmp_path, served):
    write(tmp_path, {"guides/beta.md": GUIDE.format(title="Beta", body="Words of beta.")})
    server = served()
    until(lambda: server.reports, what="the first build")
    until(lambda: "Words of beta." in server.get("/__preview/beta/")[1], what="beta's preview")
    write(tmp_path, {"guides/bad.md": GUIDE.format(title="Bad", body="::: facilitaor\nA note.\n:::")})
    errors = until(lambda: server.status()["errors"], what="bad.md's error")
    assert any("bad.md" in line and "facilitaor" in line for line in errors), errors
    assert 'id="studyguide-errors"' in server.get("/beta/")[1]
    (tmp_path / "guides/bad.md").unlink()
    (tmp_path / "guides/beta.md").rename(tmp_path / "guides/gamma.md")
    until(lambda: "Words of beta." in server.get("/__preview/gamma/")[1], what="gamma's preview")
    until(lambda: not server.status()["errors"], what="the deleted guide's error to go")
    until(lambda: server.get("/__preview/beta/")[0] == 404, what="the renamed guide's old preview to go")
    until(lambda: server.get("/gamma/")[0] == 200, what="gamma's page")
    for path in ("/", "/gamma/", "/__preview/gamma/"):
        code, page, _ = server.get(path)
        assert code == 200 and 'id="studyguide-errors"' not in page, path
    status = server.status()
    assert not status["errors"] and "beta" not in status["fresh"] and "bad" not in status["fresh"], status


def test_a_served_page_runs_only_the_reload_script_in_a_real_browser(tmp_path, served, chromium):
    """The red team: a theme's script in a served page fetched the facilitator edition from the same address and
    posted it to another host. The build refuses such a theme; serve's pages say, as a second lock, that only its
    own reload script may run (a Content-Security-Policy with a fresh nonce for each page)."""
    import re as _re

    write(tmp_path, {"guides/g.md": GUIDE.format(title="Served", body="Words.")})
    server = served()
    until(lambda: (tmp_path / "build/g/index.html").exists(), what="the first build")
    planted = ('<html><head><title>before</title></head><body><p id="p">x</p>'
               '<script>document.title = "ran"; fetch("facilitator/g-facilitator.pdf")</script>'
               '<img src="x" onerror="document.title = \'ran too\'"></body></html>')
    (tmp_path / "build/g/planted.html").write_text(planted)  # as a theme's page would be, had the build let it by
    status, page, headers = server.get("/g/planted.html")
    nonce = _re.search(r"script-src 'nonce-([\w-]+)'", headers["Content-Security-Policy"]).group(1)
    assert status == 200 and "connect-src 'self'" in headers["Content-Security-Policy"]
    assert f'<script nonce="{nonce}">' in page  # the reload script, allowed by name
    assert _re.search(r"script-src 'nonce-([\w-]+)'", server.get("/g/planted.html")[2]["Content-Security-Policy"]).group(1) != nonce
    import subprocess

    dom = subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
                          "--timeout=4000", "--dump-dom", server.urls[0] + "g/planted.html"],
                         capture_output=True, text=True, timeout=90).stdout  # (the new headless: the long poll ends it not)
    assert "<title>before</title>" in dom, dom[:300]
