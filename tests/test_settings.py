"""One settings schema: each key declared once, judged the same in studyguide.toml,
on the command line and in front matter; the commands' options and the docs'
tables made from it; every command reading studyguide.toml one way."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.cli.main import main
from studyguide.config import load, loads
from studyguide.errors import GuideError
from studyguide.importer.scaffold import new_guide
from studyguide.model import FrontMatter
from studyguide.live.watch import watch
from studyguide.read.frontmatter import parse
from studyguide.read.reader import read
from studyguide.settings import KEYS, Settings, judge, resolve
from studyguide.settings.docs import DOCS, written

from .conftest import write

SHARED = [k for k in KEYS.values() if k.where("toml") and k.where("front")]
EXAMPLES = {  # what organisers write, right and wrong, for each kind of key
    "paper": ["a4", "A4", "Letter", "LETTER", " letter ", "a3", "A5", ""],
    "lang": ["en", "fr", "pt-BR", "zh-Hant-TW", "en_GB", "xx_YY", "e", "en-", "english", ""],
    "time": ["19:30", "7:30", "07:05", "23:59", "24:00", "25:00", "7pm", "19.30", "19:30:00", ""],
    "timezone": ["Europe/London", "UTC", "America/New_York", "Mars/Olympus", "../../etc/passwd", "europe/london", ""],
    "place": ["Room 4", "https://meet.example.org/abc", "javascript:alert(1)", "mailto:a@b.org", "ftp://x", ""],
    "duration": ["90", "90 min", "1h30", "1.5 hours", "forever", "an evening", ""],
    "text": ["Thursday group", "CC BY-SA 4.0", "  spaced  ", "2026", "", "Ünïcödé — «guillemets»"],
    "texts": ["Things to ask", "Week", ""],
    "bool": [True, False, "yes", "false", 0, 1],
}
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), max_size=24)


def _toml(key: str, value) -> str:
    return f"{key} = {json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()}\n"


def _yaml(key: str, value, plain: bool = False) -> str:
    written_ = json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()
    return f"title: T\n{key}: {value if plain else written_}\n"  # a JSON string is a YAML double-quoted one


def _plain(value) -> bool:
    """Written without quotes, does YAML read it as the same text (or a number or a time of day)?"""
    return (isinstance(value, str) and value == value.strip() and value != "" and ": " not in value
            and " #" not in value and value[0] not in "[]{}&*!|>'\"%@`#,?-"
            and value.lower() not in ("yes", "no", "on", "off", "true", "false", "null", "~"))


def verdicts(key: str, value, plain: bool = False) -> tuple[object, object]:
    """(the toml loader's value or 'refused', the front-matter reader's)."""
    try:
        toml = loads(_toml(key, value)).values[key]
    except GuideError as error:
        assert [d.line for d in error.diagnostics] == [1], error.diagnostics
        toml = "refused"
    try:
        meta, _ = parse(_yaml(key, value, plain), Path("g.md"))
        front = getattr(meta, key)
    except GuideError as error:
        assert [d.line for d in error.diagnostics] == [3], error.diagnostics  # the key's own line
        front = "refused"
    return toml, front


def _same(key: str, value, plain: bool = False) -> None:
    toml, front = verdicts(key, value, plain)
    assert toml == front, (key, value, plain, toml, front)


@pytest.mark.parametrize("key", [k.name for k in SHARED])
def test_each_shared_key_is_judged_alike_as_organisers_write_it(key):
    kind = KEYS[key].kind
    for value in EXAMPLES.get(kind, EXAMPLES["text"]):
        _same(key, value)
        if _plain(value) and kind != "bool":  # `paper: Letter`, `time: 19:30` (YAML's 1170), `lang: xx_YY`
            _same(key, value, plain=True)


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from([k.name for k in SHARED if k.kind != "bool"]), value=PRINTABLE)
def test_the_toml_loader_and_front_matter_accept_and_refuse_the_same(key, value):
    _same(key, value)


@settings(max_examples=25, deadline=None)
@given(value=st.one_of(st.booleans(), st.integers(-2, 2), PRINTABLE, st.lists(st.booleans(), max_size=2)))
def test_a_true_or_false_key_is_judged_alike(value):
    _same("sign_in_contact", value)


def test_the_bugs_once_seen_paper_case_lang_and_zone():
    assert loads('paper = "Letter"\n').values["paper"] == "letter"
    assert parse("title: T\npaper: Letter\n", Path("g.md"))[0].paper == "letter"
    for toml, front in (('lang = "xx_YY"\n', "title: T\nlang: xx_YY\n"),
                        ('timezone = "Mars/Olympus"\n', "title: T\ntimezone: Mars/Olympus\n")):
        with pytest.raises(GuideError):
            loads(toml)
        with pytest.raises(GuideError):
            parse(front, Path("g.md"))
    assert loads('timezone = "Europe/Paris"\n').values["timezone"] == "Europe/Paris"
    assert parse("title: T\ntimezone: Europe/Paris\n", Path("g.md"))[0].timezone == "Europe/Paris"
    said = str(pytest.raises(GuideError, loads, 'lang = "en_GB"\n').value.diagnostics[0])
    assert said == "studyguide.toml:1: error: 'lang' must be a language tag such as 'en' or 'pt-BR', not 'en_GB'"


def test_toml_problems_each_at_their_line_all_at_once():
    text = 'group = "G"\ncolour = "red"\npaper = "a3"\nmembers = 0\nsign_in_contact = "no"\ntime = 7\n'
    with pytest.raises(GuideError) as caught:
        loads(text)
    assert [(d.line, d.message.split(" ")[0]) for d in caught.value.diagnostics] == [
        (3, "'paper'"), (4, "'members'"), (5, "'sign_in_contact'"), (6, "'time'")]
    warned = loads('group = "G"\ncolour = "red"\n').warnings
    assert [str(w) for w in warned] == ["studyguide.toml:2: warning: unknown key 'colour' is ignored"]
    assert [str(w) for w in loads('title = "T"\n').warnings] == [  # a guide's own key is not the group's
        "studyguide.toml:1: warning: unknown key 'title' is ignored"]


def test_rights_and_the_group_defaults_reach_the_guide(tmp_path):
    write(tmp_path, {"studyguide.toml": 'rights = "Copied with permission."\nlang = "fr"\nsign_in_contact = false\n'
                                        'base_url = "https://example.org/g"\n',
                     "guides/g.md": "---\ntitle: T\n---\nText.\n"})
    found = resolve(load(tmp_path))
    meta = read(tmp_path / "guides/g.md", defaults=dict(found.defaults)).meta
    assert (meta.rights, meta.lang, meta.sign_in_contact, meta.base_url) == (
        "Copied with permission.", "fr", False, "https://example.org/g")
    own = read(write(tmp_path, {"guides/h.md": "---\ntitle: T\nlang: de\nsign_in_contact: true\n---\nText.\n"})
               / "guides/h.md", defaults=dict(found.defaults)).meta
    assert (own.lang, own.sign_in_contact) == ("de", True)  # the guide's own word wins


def test_the_command_line_over_toml_over_the_defaults(tmp_path):
    (tmp_path / "look").mkdir()
    write(tmp_path, {"studyguide.toml": 'out = "public"\ntheme = "look"\neditions = ["participant"]\nlong_edge = true\n'
                                        'members = 12\n'})
    config = load(tmp_path)
    found = resolve(config)
    assert (found.out, found.theme, found.editions, found.long_edge, found.members) == (
        tmp_path / "public", tmp_path / "look", ("participant",), True, 12)
    over = resolve(config, {"out": Path("elsewhere"), "editions": ("web",), "members": 3, "jobs": 2})
    assert (over.out, over.editions, over.members, over.jobs, over.theme) == (
        Path("elsewhere"), ("web",), 3, 2, tmp_path / "look")
    plain = resolve(load(tmp_path / "nowhere"))  # no studyguide.toml: the table's defaults
    assert plain == Settings(out=tmp_path / "nowhere/build", jobs=plain.jobs) and plain.jobs >= 1
    with pytest.raises(GuideError, match="'theme' must be a folder that exists"):
        loads('theme = "missing"\n', root=tmp_path)


def test_a_cli_value_is_judged_as_the_toml_one():
    for name, value in (("editions", "participant,web"), ("editions", ""), ("editions", "pamphlet"),
                        ("base_url", "https://example.org"), ("base_url", "example.org"), ("signature", 8),
                        ("signature", 6), ("members", 0), ("creep", 0.1)):
        toml_value = value.split(",") if name == "editions" and value else value
        results = []
        for place, written_ in (("cli", value), ("toml", toml_value)):
            try:
                results.append(judge(KEYS[name], written_, place))
            except ValueError:
                results.append("refused")
        assert results[0] == results[1], (name, value, results)


def test_every_option_of_the_building_commands_is_the_tables():
    for name in ("build", "watch", "serve", "check"):
        command = main.commands[name]
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("quiet", "port"):
                key = KEYS[param.name]
                assert name in key.commands and key.where("cli"), (name, param.name)
                assert param.help == (key.help or f"{key.doc[0].upper()}{key.doc[1:]}."), param.name
        wanted = {k.name for k in KEYS.values() if k.where("cli") and name in k.commands}
        assert wanted <= {p.name for p in command.params}, name


def test_every_key_lands_somewhere():
    """A key of the table is a field of what reads it: a guide's FrontMatter or the commands' Settings."""
    guide = {f.name for f in dataclasses.fields(FrontMatter)}
    build = {f.name for f in dataclasses.fields(Settings)}
    for key in KEYS.values():
        if key.where("front") or key.guide:
            assert key.name in guide, key.name
        else:
            assert key.field in build, key.name


def test_the_docs_tables_are_the_schemas():
    text = DOCS.read_text(encoding="utf-8")
    assert written(text) == text, "docs/guide-format.md is behind: run python -m studyguide.settings.docs"
    for key in KEYS.values():
        assert f"| `{key.name}` |" in text, key.name


def test_check_reads_studyguide_toml_as_build_does(tmp_path, monkeypatch):
    write(tmp_path, {"studyguide.toml": 'session_heading = "Week"\ncolour = "red"\n',
                     "guides/g.md": "---\ntitle: T\n---\n## Week 1\n\nText.\n\n## Week 2\n\nMore.\n"})
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, ["check"])
    assert done.exit_code == 0 and "studyguide.toml:2: warning: unknown key 'colour' is ignored" in done.output
    write(tmp_path, {"studyguide.toml": 'paper = "A5"\n'})
    bad = runner.invoke(main, ["check"])
    assert bad.exit_code == 1 and "studyguide.toml:1: error: 'paper' must be \"a4\" or \"letter\", not 'a5'" in bad.output


def test_new_leaves_every_default_the_toml_gives_to_it(tmp_path):
    write(tmp_path, {"studyguide.toml": 'paper = "letter"\ngroup = "G"\nlang = "fr"\nlicense = "CC BY 4.0"\n'})
    path = new_guide("Un guide", tmp_path / "guides", settled=load(tmp_path).given)
    head = path.read_text().split("---")[1]
    for key in ("paper", "group", "lang", "license"):
        assert f"\n{key}:" not in head, key
    plain = new_guide("Another", tmp_path / "guides", settled=load(tmp_path / "none").given).read_text()
    assert "\nlicense:" in plain.split("---")[1]


def test_watch_reads_studyguide_toml_again_when_it_changes(tmp_path, monkeypatch):
    """As a build reads it each time: a wrong one is said and nothing is built until it is right."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"studyguide.toml": 'group = "First group"\n', "guides/g.md": "---\ntitle: T\n---\nText.\n"})
    reports: list = []
    stop = threading.Event()

    def reload() -> Settings:
        return dataclasses.replace(resolve(load(Path("."))), editions=("participant",), jobs=1)

    def after(count: int) -> list:
        deadline = time.monotonic() + 60
        while len(reports) < count:
            assert time.monotonic() < deadline, reports
            time.sleep(0.05)
        return reports[count - 1]

    thread = threading.Thread(target=watch, args=([Path("guides")], reload(), reports.append, stop),
                              kwargs={"interval": 0.05, "settle": 0.1, "reload": reload})
    thread.start()
    try:
        assert after(1)[0].ok
        (tmp_path / "studyguide.toml").write_text('group = "Second group"\npaper = "a3"\n')
        assert [str(d) for d in after(2)[0].errors] == [
            "studyguide.toml:2: error: 'paper' must be \"a4\" or \"letter\", not 'a3'"]
        (tmp_path / "studyguide.toml").write_text('group = "Second group"\n')
        rebuilt = after(3)[0]
        assert rebuilt.ok and not rebuilt.skipped
        assert json.loads((tmp_path / "build/g/guide.json").read_text())["group"] == "Second group"
    finally:
        stop.set()
        thread.join(30)
