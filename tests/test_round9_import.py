"""Import, as new users found it on real saved pages (org5 round): a standfirst of script text, an
advert, another story's headline, a caption or a byline; a newsletter box, a site's name or its
suffix as the title; pasted browser text whose menu line became the title. Each page here is
written small, the way the real page (named in each test) writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide.importer.run import import_source

PARAS = [
    "The government will lift most of its sanctions this week, officials said on Friday, ending two decades "
    "of an embargo that cut the country off from banks, aircraft parts and most of the world's trade.",
    "The decision follows months of talks in which the government agreed to stop bombing rebel areas and "
    "to let aid convoys reach the hungry towns of the south, the officials said in a statement.",
    "Critics say the move rewards a government accused of war crimes, and that it came too quickly for "
    "the people who still live in camps along the border and fear the army will return next year.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAS)


def imported(tmp_path: Path, html: str, name: str = "page.html"):
    """(article, reading's body) of `html` saved as `name` and imported."""
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    article, reading, _ = import_source(page, tmp_path / "guides", slug="t")
    return article, reading.read_text(encoding="utf-8").split("---\n", 2)[2]


def page(head: str, before: str, title: str = "United States to Lift Sudan Sanctions") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body><article><h1>{title}</h1>{before}{BODY}</article></body></html>"""


DESCRIPTION = "For the first time since the 1990s, the country will be able to trade extensively with the United States."


@pytest.mark.parametrize("junk", [
    # buzzfeed-1: an advert's script in a `summary` box
    "<div class='buzz-summary'>Promoted if (AD_DESIGN == 'gpt') { loadGPTAd({ 'wid': 13 }); } Promoted by BuzzFeed Staff</div>",
    # wapo-1: an advert for the site's games
    "<p class='promo-lede'>Our Online Games Play right from this page</p>",
    # nytimes-1: another story's headline in a box of related links
    "<aside><p class='summary'>Comey Letter on Clinton Email Is Subject of Justice Dept. Inquiry</p></aside>",
    "<div class='related'><h2 class='summary'><a href='/comey'>Comey Letter on Clinton Email Is Subject of Justice "
    "Dept. Inquiry</a></h2></div>",
    # bbc-1, telegraph, newyorker: a caption
    "<p class='lead'>Media caption Mr Obama told the BBC that gun control was his biggest frustration</p>",
    "<p class='dek'>Illustration by Gérard DuBois</p>",
    "<div class='standfirst'>Zimbabwe president Robert Mugabe with his general at State House. Photograph: AP</div>",
    # bloomberg, theverge: the headline and byline again
    "<div class='lede'>United States to Lift Sudan Sanctions by Jeremy Herron More stories by Jeremy Herron</div>",
])
def test_junk_is_never_the_standfirst_and_the_description_is_preferred(tmp_path, junk):
    html = page(f'<meta name="description" content="{DESCRIPTION}">', junk)
    article, body = imported(tmp_path, html)
    assert article.standfirst == DESCRIPTION
    without = tmp_path / "none"
    without.mkdir()
    article, _ = imported(without, page("", junk))
    assert article.standfirst is None  # no description: nothing rather than junk


@pytest.mark.parametrize("description", [
    "!function(n){if(!window.cnx){window.cnx={},window.cnx.cmd=[];var t=n.createElement('iframe')}}",  # s-1
    "The latest news and headlines from Yahoo! News. Get breaking news stories and in-depth coverage with videos.",
    "Digital Life 05/08/2019",
    "By Sarah Jones and Tom Smith",
    "United States to Lift Sudan Sanctions",
    "S&P 500 2,111.72 -14.43 ( -0.68% ) Dow 30 18,037.10 -105.32 ( -0.58% )",
])
def test_a_description_that_is_no_summary_is_not_printed(tmp_path, description):
    article, _ = imported(tmp_path, page(f"<meta property='og:description' content=\"{description}\">", ""))
    assert article.standfirst is None


def test_the_standfirst_by_its_class_is_kept_where_the_page_has_no_description(tmp_path):
    dek = "How a rent strike on one estate changed a city, and what it teaches organisers now"
    html = f"""<html lang="en"><head><title>The tenants who organised the whole estate</title></head><body><article><header>
<h1>The tenants who organised the whole estate</h1><p class="standfirst">{dek}</p></header>
<div class="article-body">{BODY}</div></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert article.standfirst == dek and body.count(dek) == 0


def test_a_description_cut_short_ends_at_its_last_whole_sentence(tmp_path):
    cut = ("Two women programmers played a pivotal role in the birth of chaos theory. Their previously untold "
           "story illustrates the…")
    article, _ = imported(tmp_path, page(f"<meta property='og:description' content='{cut}'>", ""))
    assert article.standfirst == "Two women programmers played a pivotal role in the birth of chaos theory."


def titled(head: str, top: str, h1: str | None = None) -> str:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>{top}
<article>{heading}{BODY}</article></body></html>"""


@pytest.mark.parametrize("head, top, h1, expected", [
    # yahoo-2: og:title is the section's; the <title> and the <h1> (in the page's header) are the headline
    ('<title>Russia: Space ship malfunctions, breaks up over Siberia</title>'
     '<meta property="og:title" content="Yahoo News - Latest News &amp; Headlines">',
     '<header class="canvas-header"><h1>Russia: Space ship malfunctions, breaks up over Siberia</h1></header>', None,
     "Russia: Space ship malfunctions, breaks up over Siberia"),
    # slate, bloomberg, huffingtonpost: Open Graph written with value=, a newsletter box's <h2>
    ('<title>Trumpcare proves it</title><meta property="og:title" value="Trump’s Promises Were a Con">'
     '<meta property="og:site_name" value="Slate Magazine">', '<div class="newsletter"><h2>Get Slate in your inbox.</h2></div>',
     "Trump’s Promises Were a Con", "Trump’s Promises Were a Con"),
    # newyorker, nytimes, brandenburg: the site's name after the headline, no og:site_name
    ("<title>Lessons from My Mother | The New Yorker</title>", "", "Lessons from My Mother", "Lessons from My Mother"),
    ("<title>Ahmad Khan Rahami Is Arrested in Manhattan and New Jersey Bombings - The New York Times</title>"
     '<meta property="og:title" content="Ahmad Khan Rahami Is Arrested in Manhattan and New Jersey Bombings (Published 2016)">',
     "", "Ahmad Khan Rahami Is Arrested in Manhattan and New Jersey Bombings",
     "Ahmad Khan Rahami Is Arrested in Manhattan and New Jersey Bombings"),
    ("<title>Homo Brandenburgensis im Wandel | Brandenburgische Landeszentrale für politische Bildung</title>", "",
     "Homo Brandenburgensis im Wandel", "Homo Brandenburgensis im Wandel"),
    # guardian-1: the writer's name after the headline
    ('<meta property="og:title" content="What is the sea telling us? Tribes fear whale strandings | Eleanor Ainge Roy">'
     '<meta name="author" content="Eleanor Ainge Roy">', "", None, "What is the sea telling us? Tribes fear whale strandings"),
    # cdu-fraktion-erfurt.de: "Site - Headline", the site's name written another way
    ('<title>CDU-Fraktion im Erfurter Stadtrat - Entwicklung der Waldorfschule ermöglicht</title>'
     '<meta property="og:site_name" content="CDU - Fraktion Erfurt">', "", None, "Entwicklung der Waldorfschule ermöglicht"),
    # webmd: no Open Graph, the <h1> names the section; the <title> is the headline
    ("<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>", "", "Allergies Health Center",
     "Babies Who Eat Peanuts Early May Avoid Allergy"),
    # a blog's <h1> is its name, in <title> after the post's
    ("<title>September 2018 open thread | The GiveWell Blog</title>",
     '<header><h1 class="blog-title">The GiveWell Blog</h1></header>', None, "September 2018 open thread"),
])
def test_the_title_is_the_article_headline_without_the_site_or_writer(tmp_path, head, top, h1, expected):
    article, _ = imported(tmp_path, titled(head, top, h1))
    assert article.title == expected
    assert article.author in (None, "Eleanor Ainge Roy")


UNION = """Skip to main content
Menu
Home
News
Campaigns
Join the union
Log in
Search

News

Nurses vote to strike over pay and staffing

By Sarah Jones
12 November 2026

Nurses across the region have voted overwhelmingly to take strike action after talks with health bosses broke down over pay and safe staffing levels.

The ballot saw a turnout of 68 per cent, well above the legal threshold, with 91 per cent of those voting backing strikes.

"We did not take this decision lightly," said ward sister Maria Lopez. "But our patients deserve safe staffing, and our members deserve a fair wage."

What happens next:
- Strike dates will be announced with two weeks' notice
- Members should check their emails for picket line rotas
- Emergency cover will be agreed locally

Share this article
Facebook
Twitter

Related articles
Porters win pay rise after six-week dispute
Cleaners secure living wage

© 2026 Regional Health Workers Union
"""

SPANISH = """Ir al contenido principal
Portada
Internacional
Opinión
Suscríbete
Iniciar sesión

OPINIÓN

La vivienda no es una mercancía

Los alquileres han subido un 40 % en cinco años. Es hora de que los inquilinos se organicen.

Ana Martínez
Madrid - 14 nov 2026 - 06:00 CET

Compartir en Whatsapp
Compartir en Facebook

En las grandes ciudades españolas, pagar el alquiler se ha convertido en la principal preocupación de millones de familias. Según los últimos datos, el precio medio ha subido un 40 % desde 2021 y la mitad de los inquilinos dedica más de un tercio de su sueldo a la vivienda.

Los sindicatos de inquilinas proponen tres medidas:

1. Limitar los precios en las zonas tensionadas.
2. Prohibir los desahucios sin alternativa habitacional.
3. Ampliar el parque público de vivienda.

"No pedimos caridad, pedimos derechos", afirma una portavoz del sindicato, que recuerda que la ley de vivienda no se aplica en todas las comunidades y que los desahucios siguen creciendo en las ciudades.

Más información
El Gobierno aprueba la ley de vivienda

Comentarios (48)
Normas
"""


def test_pasted_text_takes_the_headline_over_the_menu_with_its_byline_date_list_and_language(tmp_path):
    article, body = imported(tmp_path, UNION, "paste.txt")
    assert (article.title, article.author, article.date, article.lang) == \
        ("Nurses vote to strike over pay and staffing", "Sarah Jones", "2026-11-12", "en")
    assert article.standfirst is None and not article.warnings
    assert "- Strike dates will be announced with two weeks' notice\n- Members should check" in body
    assert "\\-" not in body and "Join the union" not in body and "Related" not in body


def test_pasted_spanish_text_keeps_its_headline_author_dateline_numbered_list_and_language(tmp_path):
    article, body = imported(tmp_path, SPANISH, "pegado.txt")
    assert (article.title, article.author, article.date, article.lang) == \
        ("La vivienda no es una mercancía", "Ana Martínez", "2026-11-14", "es")
    assert article.standfirst.startswith("Los alquileres han subido")
    assert "1. Limitar los precios en las zonas tensionadas.\n2. Prohibir" in body
    for furniture in ("Ir al contenido", "Compartir", "Comentarios", "Ana Martínez", "Madrid - 14", "Más información"):
        assert furniture not in body, furniture


def test_a_pasted_headline_with_a_standfirst_and_a_caption_under_it(tmp_path):
    """The Guardian's page copied whole: editions and sections, the headline, an age banner, the standfirst
    without a full stop, a video's caption, two writers and the dateline."""
    menu = "\n".join(["US edition", "UK edition", "Australian edition", "International edition", "Sign in", "News",
                      "Opinion", "Sport", "Dakota Access pipeline", "This article is more than 5 years old"])
    text = f"""{menu}
Standing Rock protesters hold out against extraordinary police violence
This article is more than 5 years old
Apprehension and distrust pervade North Dakota protest site as promises from the state do little to assuage fears
Police blast Standing Rock protesters with water cannon and rubber bullets – video
Julia Carrie Wong and Sam Levin
Tue 29 Nov 2016 15.26 EST
Police violence against Standing Rock protesters in North Dakota has risen to extraordinary levels, campaigners say, as the camp prepares for winter.
{PARAS[0]}
{PARAS[1]}
"""
    article, body = imported(tmp_path, text, "guardian.txt")
    assert article.title == "Standing Rock protesters hold out against extraordinary police violence"
    assert article.standfirst.startswith("Apprehension and distrust")
    assert (article.author, article.date) == ("Julia Carrie Wong and Sam Levin", "2016-11-29")
    assert body.lstrip().startswith("Police violence against") and "edition" not in body and "– video" not in body


def test_a_title_guessed_after_a_menu_is_said(tmp_path):
    text = "Home\nNews\nTiny Desk\nAll Songs Considered\nMusic Features\n" + "\n".join(PARAS) + "\n"
    article, _ = imported(tmp_path, text, "npr.txt")
    assert any("is a guess" in w for w in article.warnings)


def authored(head: str, byline: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>How to retire early</title>{head}</head>
<body><article><h1>How to retire early</h1>{byline}{BODY}</article></body></html>"""


@pytest.mark.parametrize("head, byline, author", [
    # businessinsider (scrapinghub f81c6c…): "Name, Publication", a handle, and a share button in the byline box
    ('<meta property="og:site_name" content="Business Insider Deutschland">'
     '<meta property="author" content="Tanza Loudenback, Business Insider"><meta name="twitter:creator" content="notsoTan_za">',
     '<div class="author-share"><a href="https://facebook.com/x">facebook</a></div>', "Tanza Loudenback"),
    # engadget: a user name, then the JSON-LD's name
    ('<meta property="article:author" content="devindra"><script type="application/ld+json">{"@type": "NewsArticle", '
     '"headline": "How to retire early", "author": [{"@type": "Person", "name": "Devindra Hardawar"}]}</script>', "",
     "Devindra Hardawar"),
    # folha: the site's account is no one's name
    ('<meta property="og:site_name" content="Folha de S.Paulo"><meta name="twitter:creator" content="folha">', "", None),
    # lwn-1: the byline box holds the date on the next line
    ("", '<div class="FeatureByline"> By <b>Nathan Willis</b>\n<br/>March 25, 2015 </div>', "Nathan Willis"),
    # cnn, reuters, chicagotribune: what bylines add
    ("", '<p class="byline">By Stephen Collinson , CNN</p>', "Stephen Collinson"),
    ("", '<p class="byline">By Howard Schneider , Lindsay Dunsmuir</p>', "Howard Schneider, Lindsay Dunsmuir"),
    ("", '<p class="byline">Joe Davidson Washington Post</p>', "Joe Davidson"),
    ("", '<p class="byline">por César Salza</p>', "César Salza"),
])
def test_the_author_is_the_bylines_person_or_no_one(tmp_path, head, byline, author):
    article, _ = imported(tmp_path, authored(head, byline))
    assert article.author == author


def test_a_publication_written_with_value_is_read(tmp_path):
    """latimes.com: `<meta value="Los Angeles Times" name="og:site_name">` (the headline was taken for it)."""
    article, _ = imported(tmp_path, authored('<meta value="Los Angeles Times" name="og:site_name">'
                                             '<meta property="og:title" value="How to retire early">'))
    assert article.publication == "Los Angeles Times" and article.title == "How to retire early"


TEASERS = [
    "Fashion designer Tom Ford has announced that he would not be dressing the future First Lady when her husband "
    "officially takes office next year, citing his own Democratic leanings.",
    "A California sheriff says a woman who was held captive for three weeks is unable to fully describe her two female "
    "abductors because their faces were covered during most of that time in Shasta County.",
    "A New York child is on life support after his mother's boyfriend allegedly beat him into unconsciousness, police in "
    "Brooklyn said on Wednesday night after neighbours called for help.",
    "Ohio's prison parole board heard arguments on Thursday for and against mercy for a man set to die in January for "
    "the rape and killing of his girlfriend in Cincinnati many years ago.",
    "Tillamook's #RealFoodSunday is a movement that encourages people to eat more Real Food, nothing artificial, at "
    "least once a week, with an emphasis on cheese from Oregon dairies.",
]
SPACE = [
    "MOSCOW (AP) — An unmanned Russian cargo spaceship heading to the International Space Station broke up in the "
    "atmosphere over Siberia on Thursday due to an unspecified malfunction, the Russian space agency said.",
    "The Progress cargo ship broke up at an altitude of 190 kilometres over the remote Tuva region in Siberia, which "
    "borders Mongolia, Roscosmos said in a statement, adding that most debris burned up.",
    "Local people reported seeing a flash of light and hearing a loud thud west of the regional capital, and the space "
    "agency said the debris fell in a mountainous and uninhabited area of Siberia.",
]


def test_a_reading_that_starts_with_other_stories_is_warned_about(tmp_path):
    """yahoo-2: a dozen teasers and an advert above the article, kept by trafilatura."""
    title = "Russia: Space ship malfunctions, breaks up over Siberia"
    html = f"""<html lang="en"><head><title>{title}</title></head><body><h1>{title}</h1>
<div class="stream">{"".join(f"<p>{t}</p>" for t in TEASERS)}</div>
<div class="body">{"".join(f"<p>{p}</p>" for p in SPACE)}</div></body></html>"""
    article, body = imported(tmp_path, html)
    assert "Tom Ford" in body  # (trafilatura keeps them, as on the real page)
    assert any("seem to be other stories" in w and "Tom Ford" in w for w in article.warnings), article.warnings
    calm = tmp_path / "calm"
    calm.mkdir()
    article, _ = imported(calm, page("", ""))  # an ordinary article: no such warning
    assert not any("other stories" in w for w in article.warnings)


def test_other_stories_are_told_from_an_opening_anecdote():
    from studyguide.importer.buried import buried_start

    title = "Russia: Space ship malfunctions, breaks up over Siberia"
    assert len(buried_start(TEASERS + SPACE, title)) == len(TEASERS)
    anecdote = [t.replace("Tom Ford", "Anna Petrova").replace("Shasta County", "Tuva") + " Anna Petrova remembers it."
                for t in TEASERS[:2]] + TEASERS[2:4]
    assert buried_start(anecdote + SPACE + ["Anna Petrova and her neighbours in Tuva, Brooklyn, Cincinnati and Ohio "
                                             "watched the sky that night, she said, long after the flash had faded."],
                        title) == []


def test_an_imported_guide_is_not_dated_the_day_of_the_import(tmp_path):
    """org5 #25: `date: <today>` put the import day on the cover, in the calendar and the feed."""
    from studyguide.read.reader import read

    article, body = imported(tmp_path, page(f'<meta name="description" content="{DESCRIPTION}">', ""))
    guide = tmp_path / "guides" / "t" / "guide.md"
    text = guide.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert not any(line.startswith("date:") for line in front.splitlines())
    assert "# date: " in front and "the meeting's day" in front  # for the organiser to fill in
    parsed = read(guide)
    assert parsed.meta.date is None and parsed.article.title == "United States to Lift Sudan Sanctions"
    filled = text.replace("# date: ", "date: 2026-12-03 #", 1)
    guide.write_text(filled, encoding="utf-8")
    assert str(read(guide).meta.date) == "2026-12-03"


def test_a_sections_name_is_not_the_publication(tmp_path):
    """reuters.com: `<meta value="U.S." name="og:site_name">`."""
    article, _ = imported(tmp_path, authored('<meta value="U.S." name="og:site_name">'))
    assert article.publication != "U.S."


@pytest.mark.parametrize("box, standfirst", [
    ("<p class='summary'>Like Atlas Obscura and get our latest and greatest stories in your Facebook feed.</p>", None),
    ("<p class='dek'>The ban on trade ends two decades of an embargo that cut the country off from the world.</p>",
     "The ban on trade ends two decades of an embargo that cut the country off from the world."),
])
def test_a_description_that_is_the_opening_leaves_only_a_named_dek(tmp_path, box, standfirst):
    """article-author-tag (atlasobscura.com), slate.com: the description is the first paragraph, cut short."""
    opening = PARAS[0][:120] + "..."
    html = f"""<html lang="en"><head><title>Sanctions lifted</title><meta name="description" content="{opening}"></head>
<body><article><header><h1>Sanctions lifted</h1>{box}</header><div class="article-body">{BODY}</div></article></body></html>"""
    article, _ = imported(tmp_path, html)
    assert article.standfirst == standfirst


def test_a_description_that_starts_with_a_one_word_title_is_kept_whole():
    """gruene.de: title "Arbeit", description "Arbeit wird immer digitaler …" printed as "wird immer digitaler …"."""
    from studyguide.importer.standfirst import sane

    text = "Arbeit wird immer digitaler und mobiler. Wir wollen diese Entwicklungen fair für alle gestalten."
    assert sane(text, "Arbeit") == text
    assert sane("Lifted: the ban on trade ends two decades of an embargo.", "Lifted") == \
        "The ban on trade ends two decades of an embargo."
