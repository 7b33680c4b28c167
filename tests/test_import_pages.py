"""Real saved pages (trafilatura's test cache: tests/data/README.md) imported as
readings: the whole article (against trafilatura's own text), no furniture, the
page's metadata, and a guide that builds with nothing remote in any output."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from studyguide.build.run import Settings, build
from studyguide.importer.run import import_source
from studyguide.importer.html import plain_text, strip_markdown
from studyguide.importer.tree import coverage
from studyguide.read.reader import read

from .conftest import folded

PAGES = Path(__file__).resolve().parent / "data" / "pages"
# page: (metadata expected, words that must be in the body, words that must not)
EXPECTED = {
    "spiegel.de.albtraum": ({"title": "Ein Albtraum", "lang": "de", "date": "2018-12-22", "publication": "SPIEGEL ONLINE",
                             "author": None}, ["Der Reporter"], []),
    "zeit.de.zugverkehr": ({"title": "Zugverkehr: Im ICE von Frankfurt nach Barcelona", "author": "Caspar Schwietering",
                            "lang": "de", "date": "2020-01-14"}, [], ["ZEIT ONLINE"]),
    "dw.com.colonial": ({"title": "Berlin confronts Germany's colonial past with new initiative", "author": "Julia Hitz",
                         "date": "2020-01-19", "lang": "en"}, ["Freedom fighters replace colonial leaders"],
                        ["Read more", "| DW |", "Deutsche Welle"]),
    "blog.python.org": ({"title": "Python 3.6.0 is now available!", "author": "Ned Deily", "date": "2016-12-23"},
                        ["](<https://www.python.org/"], ["Posted by"]),
    "laviedesidees.fr.evaluation": ({"title": "L’évaluation et les listes de revues", "author": "Florence Audier",
                                     "lang": "fr", "date": "2009-09-15"}, ["\n|---|"], []),
    "github.blog.spiceland": ({"title": "Leader spotlight: Erin Spiceland", "author": "Jessica Rudder", "date": "2019-03-29",
                               "standfirst": None}, ["## How would you summarize your career"], ["## Leader spotlight", "## **"]),
    "franceculture.fr.idees": ({"title": "Prendre la parole", "author": "Jacques Munier", "lang": "fr", "date": "2020-01-14"},
                               ["> "], ["![", "Getty"]),
}
REMOTE = re.compile(r"""(?:\bsrc|\bposter|\bsrcset|<link[^>]*\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Every page imported into one folder of guides, and built once (the costly part)."""
    root = tmp_path_factory.mktemp("pages")
    found = {}
    for name in EXPECTED:
        found[name] = import_source(PAGES / f"{name}.html", root / "guides", slug=name.replace(".", "-"))
    results = build([root / "guides"], Settings(out=root / "build", jobs=1, editions=("participant", "booklet", "epub", "web")))
    return root, found, {r.slug: r for r in results}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_real_page_keeps_its_whole_article_and_its_metadata(imported, name):
    root, found, _ = imported
    article, reading, guide = found[name]
    html = (PAGES / f"{name}.html").read_text(encoding="utf-8", errors="replace")
    body = reading.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert coverage(body, plain_text(html)) >= 0.95  # every word trafilatura found, or nearly
    assert not any(w.startswith("the reading holds") for w in article.warnings), article.warnings
    meta, present, absent = EXPECTED[name]
    for key, value in meta.items():
        assert getattr(article, key) == value, (key, getattr(article, key))
    for text in present:
        assert text in body, text
    for text in absent:
        assert text not in body and text not in (article.title or ""), text
    if article.standfirst:  # never the headline again, never the first paragraph again
        assert article.standfirst.lower() not in body.lower()[:600] and article.standfirst != article.title
    assert guide is not None and ("lang: " + article.lang in guide.read_text() if article.lang and not article.lang.startswith("en") else True)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_imported_page_builds_with_nothing_remote(imported, name):
    root, found, results = imported
    slug = name.replace(".", "-")
    result = results[slug]
    assert result.ok, result.errors
    assert not [w for w in result.warnings if "refused" in w.message or "image" in w.message], result.warnings
    folder = root / "build" / slug
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert not REMOTE.search(page), REMOTE.search(page)
    with zipfile.ZipFile(folder / f"{slug}.epub") as epub:
        for member in epub.namelist():
            if member.endswith((".xhtml", ".css", ".opf", ".html")):
                text = epub.read(member).decode("utf-8")
                assert not REMOTE.search(text), (member, REMOTE.search(text))
    article = found[name][0]
    first_words = strip_markdown(next(p for p in found[name][1].read_text().split("---\n", 2)[2].split("\n\n")
                                      if len(p.split()) > 12 and not p.startswith(("#", ">", "|", "-"))))
    pages = folded(text_of(folder / f"{slug}.pdf"))
    assert folded(" ".join(first_words.split()[:6])) in pages
    assert article.title.split()[0] in folded(text_of(folder / f"{slug}-booklet.pdf"))


def text_of(pdf: Path) -> str:
    """The PDF's text by pdfium (pypdf's is slow on long readings)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_import_of_the_spiegel_page_keeps_more_than_the_teaser(imported):
    _, found, _ = imported
    article, reading, _ = found["spiegel.de.albtraum"]
    body = reading.read_text(encoding="utf-8")
    assert len(body.split()) > 2000  # the old importer kept 31 words
    assert "#### " not in body  # the pull quotes trafilatura leaves at the end, reported
    assert [kind for _, kind, _ in article.removed] == ["heading with no text after it"] * 2


def test_a_missing_image_leaves_its_caption_and_a_warning(tmp_path):
    article, reading, _ = import_source(PAGES / "franceculture.fr.idees.html", tmp_path / "guides", slug="fc")
    warnings = [w for w in article.warnings if w.startswith("image left out")]
    assert warnings and all("--fetch-images" in w for w in warnings)
    assert not (tmp_path / "guides/fc/images").exists()
    assert "![" not in reading.read_text()


def test_a_saved_complete_page_brings_its_images_whatever_its_folder_is_called(tmp_path):
    """'Web page, complete': a folder named after the page, spaces and accents included."""
    from PIL import Image as Picture

    saved = tmp_path / "Downloads"
    page = saved / "Prendre la parole – Ärger & Co.html"
    page.parent.mkdir()
    html = (PAGES / "franceculture.fr.idees.html").read_text(encoding="utf-8")
    sources = sorted(set(re.findall(r'src="((?:https://|/)[^"]+\.(?:png|jpg))"', html)))
    files = saved / "Prendre la parole – Ärger & Co_files"
    files.mkdir()
    for n, src in enumerate(sources):  # the browser saved them under their own names
        Picture.new("RGB", (60 + n, 40), "red").save(files / Path(src).name, "PNG" if src.endswith("png") else "JPEG")
    # and one page refers to its copy by the relative, percent-encoded path a browser writes
    html = html.replace(sources[0], "Prendre%20la%20parole%20%E2%80%93%20%C3%84rger%20%26%20Co_files/" + Path(sources[0]).name)
    page.write_text(html, encoding="utf-8")
    article, reading, _ = import_source(page, tmp_path / "guides", slug="fc")
    text = reading.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\((images/[^)]+)\)", text)
    assert images and all((tmp_path / "guides/fc" / i).is_file() for i in images)
    assert not [w for w in article.warnings if w.startswith("image left out")], article.warnings
    result = build([tmp_path / "guides"], Settings(out=tmp_path / "build", jobs=1, editions=("participant", "epub", "web")))[0]
    assert result.ok and not [w for w in result.warnings if "image" in w.message or "refused" in w.message], result.warnings
    assert {Path(i).name for i in images} <= {p.name for p in (tmp_path / "build/fc/assets").rglob("*") if p.is_file()}
    with zipfile.ZipFile(tmp_path / "build/fc/fc.epub") as epub:
        assert any(n.endswith(Path(images[0]).name) for n in epub.namelist())


def test_an_image_outside_the_saved_folder_is_never_read(tmp_path):
    secret = tmp_path / "secret.png"
    shutil.copy(Path(__file__).parent / "data" / "saved-article.html", tmp_path / "x.html")
    from PIL import Image as Picture

    Picture.new("RGB", (5, 5)).save(secret)
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "page.html"
    page.write_text((tmp_path / "x.html").read_text().replace("<p>The strike", '<img src="../secret.png" alt="x"><p>The strike'))
    article, reading, _ = import_source(page, tmp_path / "guides", slug="s")
    assert "images/" not in reading.read_text() and any("secret.png" in w for w in article.warnings)


MENU = "Skip to content\nMenu\nNews\nPolitik\nCulture\nRecherche\n"
AFTER = ("\nShare on Facebook\nShare via Email\nTopics\nPolitics\nEurope\nHistory\nSign up for our newsletter\n"
         "We use cookies to improve your experience.\nImprint\nContact\n")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_pasted_copy_of_a_real_article_keeps_it_whole(tmp_path, name):
    """The shape rules (short lines in runs) hold on real articles in three languages: they take the page's furniture only."""
    import trafilatura

    html = (PAGES / f"{name}.html").read_text(encoding="utf-8", errors="replace")
    text = plain_text(html)
    title = trafilatura.bare_extraction(html, with_metadata=True).as_dict()["title"]
    (tmp_path / "copy.txt").write_text(MENU + title + "\n" + text + "\n" + AFTER, encoding="utf-8")
    article, reading, guide = import_source(tmp_path / "copy.txt", tmp_path / "guides", slug="p")
    assert article.title == title
    assert read(guide).article.title == title  # it reads as any guide does: nothing that would stop its build
    body = reading.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert coverage(body, text) >= 0.95
    furniture = set((MENU + AFTER).split("\n")) - {""}
    assert furniture <= {t for _, _, t in article.removed}
    assert not any(line in body.split("\n") for line in furniture)
