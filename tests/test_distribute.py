"""Running the sessions: when and where, calendars, the feed, the announcement,
the run sheet and the print counts. One real build (WeasyPrint) shared by the module."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zoneinfo
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from pypdf import PdfWriter

from studyguide.distribute.announce import announce, compose
from studyguide.cli.main import main
from studyguide.errors import GuideError
from studyguide.read.frontmatter import parse
from studyguide.read.reader import read
from studyguide.distribute.runsheet import agendas, budget_warnings
from studyguide.distribute.sessions import minutes

from .conftest import build_one, pdf_text, write

GUIDE = """
---
title: Armed Workers
group: Tuesday Readers
timezone: America/New_York
time: "19:30"
duration: 90 min
reading:
  title: Who Armed the Workers
  author: L. Trotsky
sessions:
  - date: 2026-12-03
    place: Room 4, Central Library
  - date: 2026-12-10
    time: 18:00
    duration: 1h
    place: https://meet.example.org/abc
---

## Session 1: the argument

Some words about the reading.

### Opening round (10 min)

### Discussion questions

1. What does the author claim about the workers? (20 min)
2. Why does the army matter here?

::: facilitator
Steer them to the secret plan about seventeen blue elephants marching north.
:::

### Wrap-up (15 min)

## Session 2: the history

### Discussion questions

1. What happened in the spring of that year? (25 min)
2. Who armed whom, and why then? (30 min)

### Close (10 min)
"""
SECRET = "seventeen blue elephants"
DEFAULTS = (("base_url", "https://readers.example.org/guides"),)  # as studyguide.toml gives it
EDITIONS = ("participant", "facilitator", "booklet", "questions", "epub", "web")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("distribute")
    write(root, {"guides/armed.md": GUIDE, "guides/older.md": """
        ---
        title: An Older Guide
        date: 2026-01-15
        ---
        Just text.
        """})
    result = build_one(root / "guides/armed.md", root / "build", editions=EDITIONS, defaults=DEFAULTS)
    assert result.ok, result.errors
    older = build_one(root / "guides/older.md", root / "build", editions=("participant", "web"))
    assert older.ok, older.errors
    return root, root / "build"


def test_sessions_are_checked_value_by_value_with_their_lines():
    text = "title: X\ntimezone: Mars/Olympus\ntime: 25:00\nplace: javascript:alert(1)\nsessions:\n" \
           "  - date: 2026-12-03\n    time: 7pm\n  - date: 2026-13-40\n    duration: forever\n  - time: 19:00\n"
    with pytest.raises(GuideError) as caught:
        parse(text, Path("g.md"))
    said = {(d.line, d.message.split(" ")[0]) for d in caught.value.diagnostics}
    lines = sorted(d.line for d in caught.value.diagnostics)
    assert lines == [3, 4, 5, 8, 9, 10, 11], said  # front matter starts on line 2
    messages = " ".join(d.message for d in caught.value.diagnostics)
    assert "Mars/Olympus" in messages and "HH:MM" in messages and "'7pm'" in messages and "forever" in messages


@pytest.mark.parametrize("written, expected", [
    ("90", 90), ("90 min", 90), ("90 minutes", 90), ("1h30", 90), ("1 h 30", 90), ("1.5 hours", 90),
    ("1,5 h", 90), ("1:30", 90), ("2 hours", 120), ("2 heures", 120), ("an hour", None), ("0", None), ("forever", None)])
def test_durations_as_people_write_them(written, expected):
    assert minutes(written) == expected


def test_time_written_bare_is_not_read_as_sexagesimal():
    meta, _ = parse("title: X\ndate: 2026-12-03\ntime: 19:30\ntimezone: Europe/London\n", Path("g.md"))
    assert meta.time == "19:30" and meta.sessions[0].time == "19:30" and meta.sessions[0].timezone == "Europe/London"


def test_cover_and_handout_say_when_and_where(built):
    root, out = built
    cover = pdf_text(out / "armed/armed.pdf")[0]
    assert "19:30 (America/New York)" in cover and "Room 4, Central Library" in cover and "Session 2" in cover
    handout = " ".join(pdf_text(out / "armed/armed-questions-session-2.pdf"))
    assert "10 December 2026, 18:00" in handout and "meet.example.org/abc" in handout


def test_calendar_round_trips_its_events_with_their_time_zone(built):
    root, out = built
    data = (out / "armed/armed.ics").read_bytes()
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["armed-session-1@studyguide", "armed-session-2@studyguide"]
    first, second = (e.decoded("dtstart") for e in events)
    york = zoneinfo.ZoneInfo("America/New_York")
    assert first == dt.datetime(2026, 12, 3, 19, 30, tzinfo=york) and first.utcoffset() == dt.timedelta(hours=-5)
    assert events[0].decoded("dtend") - first == dt.timedelta(minutes=90)
    assert events[1].decoded("dtend") - second == dt.timedelta(minutes=60)
    assert str(events[0]["dtstart"].params["TZID"]) == "America/New_York"
    assert [str(t["tzid"]) for t in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert str(events[1]["location"]) == "https://meet.example.org/abc"
    description = str(events[0]["description"])
    assert "Who Armed the Workers — L. Trotsky" in description and "https://readers.example.org/guides/armed/" in description
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()  # round-trips
    assert SECRET not in data.decode()


def test_group_calendar_and_stable_uids_on_rebuild(built):
    root, out = built
    group = Calendar.from_ical((out / "calendar.ics").read_bytes())
    assert sorted(str(e["uid"]) for e in group.walk("VEVENT")) == [
        "armed-session-1@studyguide", "armed-session-2@studyguide", "older-session-1@studyguide"]
    older = [e for e in group.walk("VEVENT") if str(e["uid"]).startswith("older")][0]
    assert older.decoded("dtstart") == dt.date(2026, 1, 15)  # a date only: an all-day event
    before = (out / "armed/armed.ics").read_bytes()
    build_one(root / "guides/armed.md", out, editions=EDITIONS, defaults=DEFAULTS, force=True)
    assert (out / "armed/armed.ics").read_bytes() == before


def test_sessions_taken_out_leave_the_calendars(tmp_path):
    write(tmp_path, {"guides/g.md": "---\ntitle: G\ndate: 2026-02-01\ntime: '18:00'\n---\nText.\n"})
    assert build_one(tmp_path / "guides/g.md", tmp_path / "out", editions=("participant",)).ok
    assert len(Calendar.from_ical((tmp_path / "out/calendar.ics").read_bytes()).walk("VEVENT")) == 1
    write(tmp_path, {"guides/g.md": "---\ntitle: G\n---\nText, no date now.\n"})
    assert build_one(tmp_path / "guides/g.md", tmp_path / "out", editions=("participant",)).ok
    assert Calendar.from_ical((tmp_path / "out/g/g.ics").read_bytes()).walk("VEVENT") == []
    assert not (tmp_path / "out/calendar.ics").exists() or not Calendar.from_ical(
        (tmp_path / "out/calendar.ics").read_bytes()).walk("VEVENT")


def test_feed_is_atom_newest_first_without_the_facilitator(built):
    root, out = built
    a = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{a}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{a}{required}") is not None
    entries = feed.findall(f"{a}entry")
    assert [e.find(f"{a}title").text for e in entries] == ["Armed Workers", "An Older Guide"]
    for entry in entries:
        assert entry.find(f"{a}id").text and entry.find(f"{a}updated").text and entry.find(f"{a}title").text
        dt.datetime.fromisoformat(entry.find(f"{a}updated").text)
    hrefs = [link.get("href") for link in entries[0].findall(f"{a}link")]
    assert "https://readers.example.org/guides/armed/armed.pdf" in hrefs
    assert any(h.endswith("armed.epub") for h in hrefs)
    assert not any("facilitator" in h for h in hrefs)
    for link in entries[0].findall(f"{a}link[@rel='enclosure']"):
        name = link.get("href").rsplit("/armed/", 1)[1]
        assert int(link.get("length")) == (out / "armed" / name).stat().st_size
    assert 'href="feed.xml"' in (out / "index.html").read_text(encoding="utf-8")


def test_announcement_links_resolve_and_hold_no_facilitator_text(built):
    root, out = built
    written = announce(root / "guides/armed.md", out, "https://readers.example.org/guides")
    text = written[0].read_text(encoding="utf-8")
    markup = written[1].read_text(encoding="utf-8")
    assert "Who Armed the Workers" in text and "Room 4, Central Library" in text and "18:00" in text
    links = re.findall(r'href="([^"]+)"', markup)
    assert len(links) == 5  # guide, e-book, handout, calendar, booklet
    for link in links:
        assert link.startswith("https://readers.example.org/guides/armed/")
        assert (out / link.removeprefix("https://readers.example.org/guides/")).is_file(), link
        assert link in text
    assert "facilitator" not in text.lower() + markup.lower() and SECRET not in text + markup
    assert b"multipart/alternative" in written[2].read_bytes()
    assert "flip on short edge" in text


def test_announcement_prints_the_edge_the_booklet_was_built_for(built, tmp_path):
    """Seen: the announcement said "short edge" for a booklet built with --long-edge."""
    import dataclasses
    import shutil

    from studyguide.record import GuideRecord

    root, out = built
    copy = tmp_path / "build"
    shutil.copytree(out, copy)
    record = GuideRecord.load(copy / "armed/guide.json")
    (copy / "armed/guide.json").write_bytes(dataclasses.replace(record, long_edge=True).dumps())
    text = compose(read(root / "guides/armed.md"), copy).text
    assert "flip on long edge" in text and "short edge" not in text


def test_announcement_is_in_the_guides_language_and_refuses_a_leak(built, tmp_path):
    root, out = built
    guide = read(root / "guides/armed.md")
    message = compose(guide, out, "https://x.example")
    assert message.text.startswith("Hello,")
    french = read(write(tmp_path, {"g.md": GUIDE.replace("title: Armed Workers", "title: Armed Workers\nlang: fr")}) / "g.md")
    french.slug = "armed"
    assert compose(french, out).text.startswith("Bonjour,")
    assert "  Guide (PDF): armed/armed.pdf" in compose(guide, out).text  # no base URL: relative to the build folder
    # A reading whose title repeats the note: the message would carry it, so it is refused.
    leaky = GUIDE.replace("title: Who Armed the Workers",
                          'title: "Steer them to the secret plan about seventeen blue elephants marching north"')
    write(tmp_path, {"guides/armed.md": leaky})
    with pytest.raises(GuideError, match="facilitator notes would reach participants in the announcement"):
        announce(tmp_path / "guides/armed.md", out)


def test_announce_command_without_a_build_says_so(tmp_path, monkeypatch):
    write(tmp_path, {"guides/g.md": GUIDE})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["announce", "guides/g.md"])
    assert result.exit_code == 1 and "build the guide first" in result.output


def test_run_sheet_clock_and_budget_warning_on_an_overrun(built):
    root, out = built
    guide = read(root / "guides/armed.md")
    first, second = agendas(guide)
    assert [(p.title, p.begins, p.ends) for p in first.parts] == [
        ("Opening round", "19:30", "19:40"),
        ("1. What does the author claim about the workers?", "19:40", "20:00"),
        ("Wrap-up", "20:00", "20:15")]
    assert (second.total, second.budget, second.over) == (65, 60, 5)
    assert [p.ends for p in second.parts] == ["18:25", "18:55", "19:05"]
    warnings = budget_warnings(guide)
    assert len(warnings) == 1 and warnings[0].level == "warning"
    close_line = GUIDE.lstrip("\n").split("\n").index("### Close (10 min)") + 1
    assert warnings[0].line == close_line and "65 min, 5 min more than the session's 60 min" in warnings[0].message
    facilitator = pdf_text(out / "armed/facilitator/armed-facilitator.pdf")
    sheet = [p for p in facilitator if "Run sheet" in p]
    assert len(sheet) == 2 and "19:40–20:00" in sheet[0] and "18:55–19:05" in sheet[1] and "65 / 60" in sheet[1]
    assert not any("Run sheet" in p for p in pdf_text(out / "armed/armed.pdf"))


def _blank(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(419.53, 595.28)
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


@pytest.mark.parametrize("pages, sheets", [(1, 1), (5, 2), (40, 10)])
def test_print_counts_for_1_5_and_40_pages(pages, sheets):
    from studyguide.pdf.impose import Options, impose
    from studyguide.distribute.printcount import PrintCount, booklet_sheets

    assert booklet_sheets(pages) == sheets == impose(_blank(pages), Options("a4")).sheets
    count = PrintCount(copies=5, booklet_sheets=sheets, handout_sheets=1, twoup_sheets=1)
    assert count.booklets_total == 5 * sheets
    assert (count.twoup_prints, count.cuts, count.handouts_total) == (3, 3, 5)
    assert count.to_buy == 5 * sheets + 3
    assert f"5 booklets × {sheets} sheet" in count.summary()


def test_build_summary_prints_the_counts(built, monkeypatch):
    root, out = built
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "guides/armed.md", "--out", "build", "-j", "1", "--copies", "12",
                                       "--editions", ",".join(EDITIONS)])
    assert result.exit_code == 0, result.output
    assert "To print for 12 members:" in result.output
    assert re.search(r"armed: 12 booklets × \d+ sheets? = \d+; handouts 2-up: print the 2-up file 6× = 6 sheets, 6 cuts",
                     result.output), result.output


def test_sign_in_sheet_on_request_with_a_contact_column_to_switch_off(tmp_path, monkeypatch):
    write(tmp_path, {"guides/g.md": GUIDE, "studyguide.toml": "sign_in_contact = false\nmembers = 3\n"})
    with_contact = build_one(tmp_path / "guides/g.md", tmp_path / "a", editions=("participant", "sign-in"))
    assert with_contact.ok, with_contact.errors
    pages = pdf_text(tmp_path / "a/g/g-sign-in.pdf")
    assert len(pages) == 2  # a page per session
    assert "Sign-in sheet: Armed Workers" in pages[1] and "10 December 2026, 18:00" in pages[1]
    assert "Email or phone" in pages[0] and " 24" in pages[0] and SECRET not in " ".join(pages)
    assert not (tmp_path / "a/g/g-sign-in.pdf").with_name("g-booklet.pdf").exists()
    default = build_one(tmp_path / "guides/g.md", tmp_path / "b", editions=("participant",))
    assert not (tmp_path / "b/g/g-sign-in.pdf").exists() and default.ok  # only when asked for
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "guides/g.md", "--out", "c", "-j", "1", "--editions", "participant,sign-in"])
    assert result.exit_code == 0, result.output
    assert "Email or phone" not in " ".join(pdf_text(tmp_path / "c/g/g-sign-in.pdf"))  # switched off in studyguide.toml
    assert "To print for 3 members:" in result.output


def test_check_gives_the_overrun_warning_as_build_does(built):
    """The run sheet's warning comes with the guide's own: `check` says what `build` says."""
    import os
    import subprocess
    import sys

    root, _ = built
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    checked = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "check", "guides/armed.md"], cwd=root,
                             capture_output=True, text=True, env=env)
    built_ = subprocess.run([sys.executable, "-m", "studyguide.cli.main", "build", "guides/armed.md", "--force", "--out",
                             "again", "--editions", "participant"], cwd=root, capture_output=True, text=True, env=env)
    said = [line for line in checked.stderr.splitlines() if "min more than the session" in line]
    assert len(said) == 1 and said[0] in built_.stderr.splitlines(), (checked.stderr, built_.stderr)
