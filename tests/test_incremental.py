"""Incremental builds: what triggers a rebuild and what does not (not timed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studyguide.build.run import Settings, build
from studyguide.files import TEMPLATES

from .conftest import write

GUIDE = "---\ntitle: {title}\n---\n{extra}\n\n## Discussion questions\n\n1. Why?\n"


def run(tmp_path: Path, **options) -> dict[str, bool]:
    """Build guides/ and say, per slug, whether it was laid out (True) or skipped."""
    options.setdefault("editions", ("participant", "booklet"))
    results = build([tmp_path / "guides"], Settings(out=tmp_path / "build", jobs=1, **options))
    assert all(r.ok for r in results), [r.errors for r in results]
    return {r.slug: not r.skipped for r in results}


def test_what_triggers_a_rebuild(tmp_path):
    write(tmp_path, {
        "guides/a.md": GUIDE.format(title="A", extra="![pic](pic.svg)"),
        "guides/pic.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        "guides/b/guide.md": GUIDE.format(title="B", extra="![map](map.svg)"),
        "guides/b/map.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        "guides/c.md": GUIDE.format(title="C", extra=""),
    })
    assert run(tmp_path) == {"a": True, "b": True, "c": True}
    assert run(tmp_path) == {"a": False, "b": False, "c": False}  # nothing changed

    os.utime(tmp_path / "guides/c.md", (1, 1))  # touched, not changed
    assert run(tmp_path) == {"a": False, "b": False, "c": False}

    (tmp_path / "guides/c.md").write_text(GUIDE.format(title="C edited", extra=""))
    assert run(tmp_path) == {"a": False, "b": False, "c": True}  # only the edited guide

    (tmp_path / "guides/pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>')
    assert run(tmp_path) == {"a": True, "b": False, "c": False}  # an image a one-file guide names

    (tmp_path / "guides/b/map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>')
    assert run(tmp_path) == {"a": False, "b": True, "c": False}  # an asset in a guide's folder

    (tmp_path / "build/c/c-booklet.pdf").unlink()
    assert run(tmp_path) == {"a": False, "b": False, "c": True}  # an output gone

    assert run(tmp_path, long_edge=True) == {"a": True, "b": True, "c": True}  # a setting that changes output
    assert run(tmp_path, long_edge=True, force=True) == {"a": True, "b": True, "c": True}

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "guide.css").write_text((TEMPLATES / "guide.css").read_text().replace("url(fonts.css)", f"url({(TEMPLATES / 'fonts.css').as_uri()})"))
    assert run(tmp_path, long_edge=True, theme=theme) == {"a": True, "b": True, "c": True}  # a new stylesheet: all
    assert run(tmp_path, long_edge=True, theme=theme) == {"a": False, "b": False, "c": False}
    with (theme / "guide.css").open("a") as css:
        css.write("\nh2 { color: black; }\n")
    assert run(tmp_path, long_edge=True, theme=theme) == {"a": True, "b": True, "c": True}  # a template changed: all


def test_no_op_build_does_not_load_the_layout_engine(tmp_path):
    write(tmp_path, {"guides/a.md": GUIDE.format(title="A", extra="")})
    run(tmp_path)
    code = ("import sys; from pathlib import Path; from studyguide.build.run import Settings, build; "
            "r = build([Path('guides')], Settings(editions=('participant', 'booklet'))); "
            "print(r[0].skipped, sorted(m for m in ('weasyprint', 'pypdf', 'markdown', 'yaml') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.strip() == "True []", done.stderr


def test_a_failure_in_a_worker_is_reported_with_its_guide(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    template = (TEMPLATES / "guide.html.j2").read_text()
    # A theme that breaks on one guide only: StrictUndefined raises in the worker laying it out.
    (theme / "guide.html.j2").write_text(template.replace("<main>", "<main>{% if meta.title == 'Boom' %}{{ no_such_name }}{% endif %}"))
    write(tmp_path, {f"guides/g{n}.md": GUIDE.format(title=f"G{n}", extra="") for n in range(3)})
    write(tmp_path, {"guides/boom.md": GUIDE.format(title="Boom", extra="")})
    results = build([tmp_path / "guides"], Settings(out=tmp_path / "build", jobs=2, theme=theme, editions=("participant",)))
    failed = [r for r in results if not r.ok]
    assert [r.slug for r in failed] == ["boom"]
    assert str(failed[0].errors[0]).startswith(f"{theme / 'guide.html.j2'}:")
    assert f"template error while building {tmp_path / 'guides/boom.md'}: 'no_such_name' is undefined" in str(failed[0].errors[0])
    assert sorted(r.slug for r in results if r.ok) == ["g0", "g1", "g2"]


def test_read_records_what_a_guide_depends_on_as_it_reads(tmp_path):
    """Every way a guide can name a file: the reader's list, not a second scan of the HTML."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    write(tmp_path, {
        "g/guide.md": """
            ---
            title: Deps
            reading: {title: R, file: texts/r.md}
            ---
            ![inline](a.svg) and ![reference][ref] and <img src="raw%20one.svg" alt="raw">
            and ![remote](https://example.org/x.png) and ![data](data:image/png;base64,iVBORw0KGgo=)

            [ref]: ./b.svg

            ::: facilitator
            ![only the leader sees it](note.svg)
            :::

            ## Discussion questions

            1. Why?
            """,
        "g/texts/r.md": "---\ntitle: R\n---\nThe reading. ![map](map.svg)\n",
        **{f"g/{name}": svg for name in ("a.svg", "b.svg", "raw one.svg", "note.svg", "texts/map.svg")},
    })
    from studyguide.build.incremental import sources
    from studyguide.read.reader import read

    guide = read(tmp_path / "g/guide.md")
    assert sources(guide, []) == ["a.svg", "b.svg", "note.svg", "raw one.svg", "reading.md", "texts/map.svg", "texts/r.md"]


def test_a_new_studyguide_rebuilds_what_the_old_one_made(tmp_path, monkeypatch):
    """Seen: after an upgrade that cleans SVGs, guides stayed "up to date" with the old assets."""
    from studyguide.build import incremental

    code = tmp_path / "code"
    code.mkdir()
    (code / "module.py").write_text("OLD = True\n")
    monkeypatch.setattr(incremental, "CODE", code)
    write(tmp_path, {"guides/a.md": GUIDE.format(title="A", extra="")})
    assert run(tmp_path) == {"a": True}
    assert run(tmp_path) == {"a": False}
    (code / "module.py").write_text("OLD = False\n")
    assert run(tmp_path) == {"a": True}


def test_the_catalogue_is_made_again_whenever_what_it_shows_has_changed_and_only_then(tmp_path):
    """A run that builds nothing leaves the catalogue as it is (its page says what it was
    made from); anything it shows that changes makes it again."""
    from studyguide.render.catalogue import MADE_FROM

    write(tmp_path, {"guides/a.md": GUIDE.format(title="Alpha", extra=""),
                     "guides/b.md": "---\ntitle: Beta\ndate: 2026-12-03\n---\n\n## Discussion questions\n\n1. Why?\n"})
    page, feed = tmp_path / "build/index.html", tmp_path / "build/feed.xml"

    def state() -> tuple[bytes, int]:
        return page.read_bytes(), page.stat().st_mtime_ns

    run(tmp_path)
    first = state()
    assert MADE_FROM.search(first[0]) and b"Alpha" in first[0] and b"Beta" in first[0]
    assert run(tmp_path) == {"a": False, "b": False} and state() == first  # nothing built, nothing written

    feed.unlink()  # a file beside it gone: made again
    run(tmp_path)
    assert feed.is_file() and (tmp_path / "build/calendar.ics").is_file()
    (tmp_path / "build/calendar.ics").unlink()
    run(tmp_path)
    assert (tmp_path / "build/calendar.ics").is_file()

    with (tmp_path / "build/a/a-booklet.pdf").open("ab") as pdf:  # a linked file's size shown on the page
        pdf.write(b"\n" * 5000)
    run(tmp_path)
    assert state()[0] != first[0]

    edited = page.read_text().replace("<!-- studyguide: made from", "<!-- edited by hand:")
    page.write_text(edited)  # a page that does not say what it was made from is made again
    run(tmp_path)
    assert MADE_FROM.search(page.read_bytes())

    (tmp_path / "guides/a.md").unlink()  # a guide gone: its entry goes
    assert run(tmp_path) == {"b": False}
    assert b"Alpha" not in page.read_bytes() and b"Beta" in page.read_bytes()

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "catalogue.html.j2").write_text((TEMPLATES / "catalogue.html.j2").read_text().replace("<body", "<body data-themed", 1))
    run(tmp_path, theme=theme)
    assert b"data-themed" in page.read_bytes()


def test_a_damaged_or_edited_catalogue_file_is_made_again(tmp_path):
    write(tmp_path, {"guides/a.md": GUIDE.format(title="Alpha", extra=""),
                     "guides/b.md": "---\ntitle: Beta\ndate: 2026-12-03\n---\n\n## Discussion questions\n\n1. Why?\n"})
    run(tmp_path)
    out = tmp_path / "build"
    whole = {name: (out / name).read_bytes() for name in ("index.html", "style.css", "feed.xml", "calendar.ics")}
    (out / "style.css").write_bytes(whole["style.css"][:100])  # cut short
    page = whole["index.html"].decode()
    (out / "index.html").write_text(page.replace("Alpha", "Alpha (edited by hand)", 1))  # its foot left as it was
    (out / "feed.xml").write_bytes(b"not XML")
    (out / "calendar.ics").write_bytes(whole["calendar.ics"].replace(b"Beta", b"Gamma"))
    run(tmp_path)
    assert {name: (out / name).read_bytes() for name in whole} == whole


def test_the_catalogue_does_not_depend_on_how_large_the_file_system_keeps_a_folder(tmp_path):
    """Two builds of the same guides give the same catalogue to the byte, even where a
    folder once held many files (ext4 keeps such a folder large). (A guide with its date:
    an undated one is dated in the feed by when it was built.)"""
    write(tmp_path, {"guides/a.md": "---\ntitle: Alpha\ndate: 2026-12-03\n---\n\n## Discussion questions\n\n1. Why?\n"})
    run(tmp_path, editions=("participant", "facilitator"))
    leader = tmp_path / "build/a/facilitator"
    for n in range(600):
        (leader / f"scratch-{n:04d}-{'x' * 80}").write_text("")
    for n in range(600):
        (leader / f"scratch-{n:04d}-{'x' * 80}").unlink()
    run(tmp_path, editions=("participant", "facilitator"), force=True)
    build([tmp_path / "guides"], Settings(out=tmp_path / "again", jobs=1, editions=("participant", "facilitator")))
    assert (tmp_path / "build/index.html").read_bytes() == (tmp_path / "again/index.html").read_bytes()


def test_a_theme_folder_reached_through_a_link_counts(tmp_path):
    """Two themes may share their words through a linked folder: a change there rebuilds."""
    from studyguide.build import incremental

    shared = tmp_path / "shared-words"
    shared.mkdir()
    (shared / "en.toml").write_text('contents = "Contents"\n')
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "i18n").symlink_to(shared, target_is_directory=True)
    (shared / "loop").symlink_to(tmp_path, target_is_directory=True)  # a link back up: walked once, not for ever
    first = incremental.folder_digest(theme)
    incremental.new_round()
    (shared / "en.toml").write_text('contents = "What is in it"\n')
    assert incremental.folder_digest(theme) != first
