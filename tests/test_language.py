"""One language layer: every word studyguide writes that is not the organiser's comes
from the message catalogues. The web page and the catalogue are read as a reader sees
them (text and alt text) and hold no English fixed word; each skeleton builds with its
questions on the handout."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.build.run import Settings, build
from studyguide.files import TEMPLATES
from studyguide.i18n import catalogues, plural, say, words_for
from tests.conftest import pdf_text, write

CATALOGUES = TEMPLATES / "i18n"
ENGLISH = json.loads((CATALOGUES / "en.json").read_text(encoding="utf-8"))
LANGS = sorted(p.stem for p in CATALOGUES.glob("*.json"))
FIELD = re.compile(r"\{(\w+)\}")


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return list(value.values())
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_has_every_key_english_has(lang):
    words = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))
    assert sorted(set(ENGLISH) - set(words)) == [], "missing"
    assert sorted(set(words) - set(ENGLISH)) == [], "not in en.json (a typo, or a word no longer used)"
    for key, english in ENGLISH.items():
        assert type(words[key]) is type(english), key
        if isinstance(english, dict):  # a counted word: "other" always, fields only English's
            assert "other" in words[key], key
            assert set(words[key]) <= {"zero", "one", "two", "few", "many", "other"}, key
            for form in words[key].values():
                assert set(FIELD.findall(form)) <= set(FIELD.findall(english["other"])), (key, form)
        elif isinstance(english, str) and key not in ("lang", "dir"):
            assert set(FIELD.findall(words[key])) == set(FIELD.findall(english)), key
    assert len(words["months"]) == 12 and words["session_words"] and words["question_headings"]


@pytest.mark.parametrize("lang, n, form", [
    ("en", 1, "one"), ("en", 0, "other"), ("fr", 0, "one"), ("fr", 2, "other"), ("ru", 21, "one"),
    ("ru", 22, "few"), ("ru", 12, "many"), ("ru", 5, "many"), ("ar", 2, "two"), ("ar", 7, "few"),
    ("ar", 11, "many"), ("ar", 100, "other"), ("he", 2, "two"), ("ja", 1, "other"), ("pt-BR", 1, "one"),
])
def test_counted_words_take_the_languages_form(lang, n, form):
    assert plural(lang, n) == form


def test_a_theme_overrides_one_word_and_keeps_the_rest(tmp_path):
    write(tmp_path, {"theme/i18n/fr.json": '{"download": "Récupérer"}'})
    words = words_for("fr-CA", tmp_path / "theme")
    assert words["download"] == "Récupérer" and words["study_guides"] == "Guides de lecture"
    assert words["lang"] == "fr" and words_for("xx")["lang"] == "en"
    assert say(words_for("ru"), "n_pages", n=3) == "3 страницы"
    write(tmp_path, {"theme/x.json": '{"download": "stolen"}', "theme/i18n/y.json": "{}"})
    for lang in ("../x", "../i18n/fr", "fr/../../x", "", None, "fr\n"):
        assert words_for(lang, tmp_path / "theme")["lang"] == "en", lang


class Visible(HTMLParser):
    """What a reader sees: text outside <head>, alt and title; and each element's lang and dir."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self.hidden += tag in ("head", "script", "style")
        self.text += [attrs[a] for a in ("alt", "title") if attrs.get(a) and tag != "link"]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("head", "script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


def seen(path: Path) -> Visible:
    page = Visible()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def english_left(text: str, lang: str) -> list[str]:
    """en.json's words (the parts between fields, of three letters or more) found in `text`,
    leaving out those the language writes the same ("Notes", "PDF", "Atom")."""
    own = " ".join(s for value in words_for(lang).values() for s in strings(value))
    found = []
    for key, value in ENGLISH.items():
        if key in ("lang", "dir"):
            continue
        for english in strings(value):
            for part in FIELD.split(english)[::2]:
                part = part.strip(" :;,.·—()")
                if len(re.sub(r"\W", "", part)) >= 3 and part not in own and \
                        re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text):
                    found.append(f"{key}: {part!r}")
    return found


GUIDES = {
    "fr": ("Le Capital, livre premier", "Résumé du texte.", "Pourquoi lire ce texte aujourd’hui ?", "Séance"),
    "ar": ("رأس المال", "ملخص النص.", "لماذا نقرأ هذا النص اليوم؟", "الجلسة"),
    "ja": ("資本論 第一巻", "本文の要約。", "なぜ今この本を読むのか？", "セッション"),
}


@pytest.fixture(scope="module")
def group(tmp_path_factory, request):
    """One group per language (studyguide.toml's `lang`): its guide, and a guide in German beside it."""
    lang = request.param
    title, summary, question, session = GUIDES[lang]
    root = tmp_path_factory.mktemp(lang)
    write(root, {
        "guides/g.md": f"""\
            ---
            title: {title}
            date: 2026-03-05
            lang: {lang}
            reading: {{title: {title}, issue: "12", url: "https://example.org/x"}}
            ---

            {summary}

            ## {words_for(lang)['questions']}

            1. {question}
            """,
        "guides/d.md": "---\ntitle: Das Kapital\nlang: de\n---\n\nText.\n",
    })
    settings = Settings(out=root / "build", jobs=1, editions=("participant", "booklet", "web"),
                        defaults=(("lang", lang),))
    results = build([root / "guides"], settings)
    assert all(r.ok for r in results), [r.errors for r in results]
    return lang, root / "build"


@pytest.mark.parametrize("group", list(GUIDES), indirect=True)
def test_the_web_page_and_catalogue_are_in_the_groups_language(group):
    lang, out = group
    words = words_for(lang)
    direction = "rtl" if lang == "ar" else "ltr"
    for page_file in (out / "g/index.html", out / "index.html"):
        page = seen(page_file)
        html = dict(page.tags)["html"]
        assert (html["lang"], html["dir"]) == (lang, direction), page_file
        text = " ".join(page.text)
        assert english_left(text, lang) == [], page_file
        for word in (words["web_reading"], words["printing_booklet"], words["edition_participant"],
                     words["edition_booklet"], say(words, "issue_n", n="12")):
            assert word in text, (page_file, word)
        assert not any(month in text for month in ENGLISH["months"])
        assert dt.date(2026, 3, 5).strftime("%B") not in text
    assert words["download"] in " ".join(seen(out / "g/index.html").text)
    catalogue = seen(out / "index.html")
    assert words["study_guides"] in catalogue.text and words["months"][2] in " ".join(catalogue.text)
    # Each guide's title says its own language; the words around it are the group's.
    titles = [attrs for tag, attrs in catalogue.tags if tag == "h2"]
    assert sorted((a["lang"], a["dir"]) for a in titles) == sorted([("de", "ltr"), (lang, direction)])
    assert "Seiten" not in " ".join(catalogue.text)
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{lang}"' in feed and f"<title>{words['study_guides']}</title>" in feed
    assert f'title="{words["edition_participant"]}"' in feed


def test_the_printing_line_says_the_edge_and_the_paper_in_the_language():
    from studyguide.render.catalogue import printing

    assert printing(1, "a4") .startswith("1 sheet of A4: ")
    assert "flip on long edge" in printing(3, "letter", True)
    french = printing(3, "letter", True, "fr")
    assert french.startswith("3 feuilles Lettre US : ") and "bord long" in french
    assert printing(5, "a4", False, "ru").startswith("5 листов A4: ")


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_guide_in_each_language_reads_its_own_questions_and_session(tmp_path, lang):
    from studyguide.importer.scaffold import new_guide
    from studyguide.read.reader import read

    words = words_for(lang)
    title = 'O\'Brien & "Co" <x> — رأس المال, 資本論'
    path = new_guide(title, tmp_path / "guides", slug="g", today=dt.date(2026, 1, 2), lang=lang)
    text = path.read_text(encoding="utf-8")
    assert f"lang: {lang} " in text and f"### {words['questions']}" in text
    assert "Discussion questions" not in text or lang == "en"
    guide = read(path)
    assert guide.meta.title == title and "\\u" not in text  # written as typed, in any script
    plain = [re.sub(r"\W", "", q.text) for q in guide.questions]
    assert plain == [re.sub(r"\W", "", words[f"skeleton_question_{n}"]) for n in (1, 2)]
    assert [(q.followups and re.sub(r"\W", "", q.followups[0])) for q in guide.questions] == \
        [re.sub(r"\W", "", words["skeleton_follow_up"]), ()]
    assert [s.number for s in guide.sections if s.session] == [1]
    assert words["skeleton_facilitator_hint"] not in guide.html["participant"]


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_an_imported_pages_skeleton_builds_with_its_questions_on_the_handout(tmp_path, lang):
    from types import SimpleNamespace

    from studyguide.importer.guide import made_title, skeleton, update_reading

    words = words_for(lang)
    article = SimpleNamespace(title="T", lang=lang, file=None)
    text = skeleton(article, {"title": "T", "file": "reading.md"})
    write(tmp_path, {"g/guide.md": text, "g/reading.md": "---\ntitle: T\n---\n\nLe texte.\n"})
    results = build([tmp_path / "g/guide.md"], Settings(out=tmp_path / "out", jobs=1, editions=("questions",)))
    assert results[0].ok, results[0].errors
    handout = " ".join(pdf_text(tmp_path / "out/g/g-questions.pdf"))
    for question in (words["skeleton_article_question_1"], words["skeleton_article_question_2"]):
        assert re.sub(r"\s", "", question) in re.sub(r"\s", "", handout), question
    assert made_title(say(words, "skeleton_title", title="T")) == say(words, "skeleton_title", title="")
    again = update_reading(text, {"title": "U"}, SimpleNamespace(title="U", lang=lang))
    assert say(words, "skeleton_title", title="U") in again


def test_serve_says_its_bar_and_overlay_in_the_groups_language():
    import threading

    from studyguide.live.http import decorate

    live = type("Live", (), {"changed": threading.Condition(), "version": 3, "fresh": {"g": {"preview": "building"}},
                             "lines": lambda self: ["g.md:3: error: x"]})()
    page = decorate(b"<html><body></body></html>", live, "g", "de").decode()
    assert "Vorschau: wird erstellt" in page and "der Leitfaden ließ sich nicht erstellen" in page
    assert "preview: building" in decorate(b"<body></body>", live, "g").decode()


def test_the_catalogue_is_english_without_a_group_language(tmp_path):
    from studyguide.render.catalogue import write_catalogue

    (tmp_path / "out").mkdir()
    page = seen(write_catalogue(tmp_path / "out"))
    assert dict(page.tags)["html"] == {"lang": "en", "dir": "ltr"}
    assert "No guides have been built here yet. Run studyguide build." in " ".join("".join(page.text).split())
    assert "catalogue_empty: 'No guides have been built here yet. Run'" in english_left(" ".join(page.text), "fr")
    assert catalogues() >= set(LANGS)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_a_title_of_any_letters_is_written_into_the_skeleton_as_typed(title):
    from studyguide.importer.scaffold import yaml_string

    assert yaml.safe_load(f"title: {yaml_string(title)}\n")["title"] == title
