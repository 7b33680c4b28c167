"""Reading packs: a saved news page and its pasted text imported, then printed with the guide."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from studyguide.build.run import Settings, build
from studyguide.build.check import check
from studyguide.importer.run import import_source

from .conftest import folded, pdf_text

DATA = Path(__file__).resolve().parent / "data"
PARAGRAPHS = [
    "When the council announced the third rent rise in two years",
    "The strike lasted eleven weeks.",
    "Each delegate could be recalled by the people who elected them.",
    "We were not asking for anything.",
    "No rent rise this year.",
    "By the end, the council had frozen rents across the city.",
    "Today the same estate has a tenants",
]
FURNITURE = ["Read More", "newsletter", "Donate", "donate", "Latest News", "Strikes spread to the docks",
             "over 6 years old", "Downloading PDF", "Subscribe", "Why rents keep rising"]


@pytest.mark.parametrize("source", ["saved-article.html", "pasted-article.txt"])
def test_import_keeps_the_article_and_drops_the_furniture(tmp_path, source):
    article, reading, guide = import_source(DATA / source, tmp_path / "guides")
    assert reading == tmp_path / "guides/the-tenants-who-organised-the-whole-estate/reading.md"
    text = reading.read_text()
    positions = [text.find(p) for p in PARAGRAPHS]
    assert -1 not in positions and positions == sorted(positions)  # every paragraph, in order
    body = text.split("---", 2)[2]
    for furniture in FURNITURE:
        assert furniture not in body, furniture
    assert body.count("The tenants who organised the whole estate") == 0  # the teaser's headline went with it
    assert article.title == "The tenants who organised the whole estate"
    assert article.publication == "Workers' Weekly"
    assert article.issue == "2572" and article.date == "2017-09-19" and article.author == "Jo Bloggs"
    assert article.standfirst.startswith("How a rent strike on one estate")
    assert guide is not None and "issue: '2572'" in guide.read_text()
    if source.endswith(".txt"):
        kinds = {what for _, what, _ in article.removed}
        assert {"teaser", "teaser headline", "doubled line", "newsletter", "donation", "latest news", "age banner",
                "pdf notice"} <= kinds
    else:
        assert "> We were not asking for anything." in text  # the quotation kept as one


def test_import_never_overwrites_without_force(tmp_path):
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "studyguide.cli.main", "import", str(DATA / "pasted-article.txt"), "--slug", "rent", *extra],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    first = run("--url", "https://weekly.example.org/rent")
    assert first.returncode == 0, first.stderr
    assert "removed teaser: Read More" in first.stderr and "pasted-article.txt:34:" in first.stderr
    guide = tmp_path / "guides/rent/guide.md"
    guide.write_text(guide.read_text().replace("Summarise the article", "My own summary"))
    second = run()
    assert second.returncode == 1 and "exists already: use --force" in second.stderr
    third = run("--force")
    assert third.returncode == 0
    assert "My own summary" in guide.read_text()  # guide.md is never replaced
    assert "https://weekly.example.org/rent" not in (tmp_path / "guides/rent/reading.md").read_text()  # replaced, no --url


def test_the_reading_prints_between_cover_and_guide_but_not_on_the_handout(tmp_path):
    import_source(DATA / "saved-article.html", tmp_path / "guides", slug="pack")
    guide = tmp_path / "guides/pack/guide.md"
    guide.write_text(guide.read_text().replace("rights:", "rights:").replace("---\n\n", "rights: Reproduced by kind permission of the editor.\n---\n\n", 1))
    results = build([tmp_path / "guides"], Settings(out=tmp_path / "build", jobs=1))
    # the skeleton's example questions are flagged until the organiser replaces them; nothing else is said
    assert all(r.ok for r in results) and [w for w in results[0].warnings if "left from the new-guide template" not in w.message] == [], results[0].warnings
    pages = [folded(p) for p in pdf_text(tmp_path / "build/pack/pack.pdf")]
    reading_at = next(i for i, p in enumerate(pages) if "When the council announced" in p)
    summary_at = next(i for i, p in enumerate(pages) if re.search(r"\bSummary\b", p) and "Summarise" in p)
    assert 0 < reading_at < summary_at  # after the cover, before the guide's first section
    reading = " ".join(pages[reading_at:summary_at])
    # front matter is smartened like the body: the apostrophe is curly in print
    assert re.sub(r"\s", "", reading).count(re.sub(r"\s", "", "Source: Workers’ Weekly, Issue 2572, 19 September 2017, https://weekly.example.org/features/tenants-organised-estate/")) == 1
    assert "Reproduced by kind permission of the editor." in reading
    assert "When the council announced" not in " ".join(pdf_text(tmp_path / "build/pack/pack-questions.pdf"))
    assert "When the council announced" in (tmp_path / "build/pack/index.html").read_text()
    booklet = " ".join(pdf_text(tmp_path / "build/pack/pack-booklet.pdf"))
    assert "When the council announced" in folded(booklet)


def test_check_warns_about_an_unsourced_or_furnished_reading(tmp_path):
    import_source(DATA / "pasted-article.txt", tmp_path / "guides", slug="rent")
    reading = tmp_path / "guides/rent/reading.md"
    reading.write_text(reading.read_text() + "\nSign up to our newsletter\n")
    found = [str(d) for d in check([tmp_path / "guides"])]
    assert not any("the reading has no" in line for line in found)  # a publication and no address: a book's source line
    assert any(line.startswith(f"{reading}:") and "site furniture (newsletter): Sign up to our newsletter" in line for line in found)
