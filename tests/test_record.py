"""guide.json as a typed record: what a build writes reads back the same; what a
person or an older version left (wrong types, missing keys, not JSON) reads as no
record, so the guide is built again and the catalogue never crashes on it."""

from __future__ import annotations

import json

import pytest

from studyguide.build.run import Settings, build
from studyguide.papers import PAPERS, paper
from studyguide.record import GuideRecord, records

from .conftest import write

GUIDE = """
    ---
    title: Record
    date: 2026-12-01
    paper: Letter
    ---
    Intro.

    ## Discussion questions

    1. Why?
    """


def test_a_built_record_reads_back_typed(tmp_path):
    write(tmp_path, {"g.md": GUIDE})
    result = build([tmp_path / "g.md"], Settings(out=tmp_path / "out", jobs=1, editions=("participant", "booklet")))[0]
    assert result.ok, result.errors
    record = GuideRecord.load(tmp_path / "out/g/guide.json")
    assert record is not None and record.title == "Record" and record.paper == "letter"
    assert record.pages == result.pages and record.sheets == result.sheets and record.questions == 1
    assert record.date == "2026-12-01" and record.source and not record.source.startswith("/")
    assert GuideRecord.load(tmp_path / "out/g/guide.json") == record  # dumps/load round trip
    assert [r.slug for _, r in records(tmp_path / "out")] == ["g"]


@pytest.mark.parametrize("edit", [
    lambda d: d.update(pages="eight"),
    lambda d: d.update(files=["g.pdf"]),
    lambda d: d.update(files={"participant": 3}),
    lambda d: d.update(sheets=True),
    lambda d: d.pop("title"),
    lambda d: d.update(slug=None),
    lambda d: d.update(warnings="none"),
])
def test_a_record_edited_by_hand_reads_as_none_and_the_guide_is_rebuilt(tmp_path, edit):
    write(tmp_path, {"g.md": GUIDE})
    settings = Settings(out=tmp_path / "out", jobs=1, editions=("participant", "web"))
    assert build([tmp_path / "g.md"], settings)[0].ok
    file = tmp_path / "out/g/guide.json"
    data = json.loads(file.read_text())
    edit(data)
    file.write_text(json.dumps(data))
    assert GuideRecord.load(file) is None
    again = build([tmp_path / "g.md"], settings)[0]
    assert again.ok and not again.skipped  # built again, not trusted
    assert GuideRecord.load(file) is not None


@pytest.mark.parametrize("text", ["", "[]", "null", "{", '{"slug": "g"}', "\x00\x01"])
def test_what_is_not_a_record_is_none(tmp_path, text):
    file = tmp_path / "guide.json"
    file.write_text(text)
    assert GuideRecord.load(file) is None


def test_keys_a_later_version_adds_are_ignored(tmp_path):
    file = tmp_path / "guide.json"
    file.write_text(json.dumps({"slug": "g", "title": "T", "colour": "red"}))
    assert GuideRecord.load(file) == GuideRecord(slug="g", title="T")


def test_one_paper_table():
    """Labels, page and sheet sizes come from one row a paper."""
    assert paper(None) is PAPERS["a4"] and paper("LETTER") is PAPERS["letter"]
    for p in PAPERS.values():
        assert p.page == (p.sheet[1] / 2, p.sheet[0]) and p.landscape == (p.sheet[1], p.sheet[0])
    from studyguide.pdf.impose import SHEETS

    assert SHEETS == {name: p.landscape for name, p in PAPERS.items()}
