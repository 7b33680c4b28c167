"""Import, as a red team of new users found it on 415 real saved pages (round 8): placeholder
dates, lists and tables trafilatura drops, a section name or the site's name as the title,
control characters, `<pre>` and `white-space: pre` lines, an article's own sentences taken
for a paywall's or a not-found page's. Each page here is written small, the way the real
page (named in each test) writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyguide.importer.run import import_source

PARA = ("The council met on Tuesday evening to discuss the budget, and members of the public filled the "
        "gallery to hear the debate about library closures and bus routes in the north of the city.")


def imported(tmp_path: Path, html: str, name: str = "page.html", url: str | None = None):
    """(article, reading's body) of `html` saved as `name` and imported."""
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    article, reading, _ = import_source(page, tmp_path / "guides", slug="t", url=url)
    return article, reading.read_text(encoding="utf-8").split("---\n", 2)[2]


def gannett(date: str, canonical: str) -> str:
    """A USA Today network story (detroitnews.com): JSON-LD with .NET's empty date."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Thousands of teachers pack Indiana Statehouse for protest</title>
<link rel="canonical" href="{canonical}">
<script type="application/ld+json">{{"@context":"http://schema.org","@type":"NewsArticle",
"headline":"Thousands of teachers pack Indiana Statehouse for protest","datePublished":"{date}",
"dateModified":"{date}"}}</script></head><body>
<article><h1>Thousands of teachers pack Indiana Statehouse for protest</h1>
<p>Several thousand teachers wearing red surrounded the Indiana Statehouse on Tuesday to call for better pay
and more respect from the Republican-dominated state government in a protest that closed more than half of the
state's school districts for the day.</p>
<p>The union-organized rally represented Indiana's biggest such teacher protest amid a wave of educator activism
across the country over the past two years.</p>
<p>Teachers chanted, "Fund our schools," and "Put kids first," as hundreds of them lined entrances to the
Statehouse, many holding handmade signs.</p></article></body></html>"""


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00Z", "0001-01-01", "0100-05-05T00:00:00Z", "1970-01-01T00:00:00Z",
                                  "1900-01-01"])
def test_a_placeholder_date_is_never_printed_and_the_address_gives_the_day(tmp_path, date):
    dated = "https://www.detroitnews.com/story/news/nation/2019/11/19/thousands-teachers-pack/40651467/"
    article, _ = imported(tmp_path, gannett(date, dated))
    assert article.date == "2019-11-19"
    undated = tmp_path / "undated"
    undated.mkdir()
    article, _ = imported(undated, gannett(date, "https://www.detroitnews.com/story/news/nation/teachers-pack/40651467/"))
    assert article.date is None


def test_a_real_date_that_the_address_contradicts_is_left_out_and_one_that_agrees_is_kept(tmp_path):
    article, _ = imported(tmp_path, gannett("2017-03-02T10:00:00Z", "https://example.org/news/2019/11/19/teachers/"))
    assert article.date == "2019-11-19"
    again = tmp_path / "again"
    again.mkdir()
    article, _ = imported(again, gannett("2019-11-20T01:00:00Z", "https://example.org/news/2019/11/19/teachers/"))
    assert article.date == "2019-11-20"


JWZ = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>linux video</title></head><body>
<div>
<p>In December 2002, I tried to install some software on my computer. The experience was, shall we say, less than
pleasant. On many levels. I wrote about my experience, as I so often do.</p>
<p>So of course that day I got hundreds of emails about it. Every Linux apologist in the world wanted to make sure I
was fully informed of their opinion. The replies were roughly in the following groups:</p>
<ul>
<li> "Right on! I had exactly the same experience! Thank you for putting it into words." <i>(This was about 1/3 of
the replies.)</i></li>
<li> "If you don't like it, fix it yourself."</li>
<li> "Netscape sucks! XEmacs sucks! You suck! I never liked you anyway!"</li>
<li> "Red Hat 7.2 is totally obsolete! It's almost 14 months old! What were you expecting!" </li>
</ul>
<p>While I am flattered that so many Linux fans are sufficiently interested in my opinions and experiences to share
their deeply heartfelt views with me, you can all rest assured that:</p>
<ul><ul type="A">
<li> I've heard it before; and</li>
<li> I didn't care the first time.</li>
</ul></ul>
<p>So please. Don't bother sending me any more mail about this. It's a near certainty that I will just delete it
unread, so you might as well not waste your time at all.</p>
</div></body></html>"""


def test_a_list_in_a_plain_div_page_is_kept_where_it_was(tmp_path):
    """jwz's "linux video" (readability's table-style-attributes): trafilatura reads a page with no
    container it knows for its paragraphs only."""
    article, body = imported(tmp_path, JWZ)
    lines = body.split("\n")
    groups = lines.index(next(line for line in lines if line.endswith("following groups:")))
    assert lines[groups + 2].startswith('- "Right on! I had exactly the same experience!')
    assert '- "If you don\'t like it, fix it yourself."' in lines
    assert body.index("What were you expecting") < body.index("While I am flattered") < body.index("- I've heard it before")
    assert body.index("- I didn't care the first time.") < body.index("So please.")
    assert "*(This was about 1/3 of the replies.)*" in body
    assert not [w for w in article.warnings if "left out" in w], article.warnings


NIGHTLY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>These Weeks in Firefox: Issue 85 – Firefox Nightly News</title></head><body>
<article class="post"><h1>These Weeks in Firefox: Issue 85</h1><div class="entry-content">
<h3>Highlights</h3>
<ul><li>Firefox now supports printing non-contiguous page ranges (e.g. 1-3, 6, 7), a long-standing request from
people who print only the chapters they need.</li></ul>
<h4>Picture-in-Picture</h4>
<ul>
<li>We've got the green light for another round of MSU students hacking on Picture-in-Picture next semester!
mhowell and mtigley will be mentoring them.</li>
<li>In progress:
<ul>
<li><a href="https://bugzilla.mozilla.org/show_bug.cgi?id=1677080">Bug 1677080 – Fullscreen PiP window is affected by
switching video source</a></li>
<li><a href="https://bugzilla.mozilla.org/show_bug.cgi?id=1677107">Bug 1677107 – Add Telemetry for tracking multiple
PiP support usage</a></li>
<li><a href="https://bugzilla.mozilla.org/show_bug.cgi?id=1678390">Bug 1678390 – Prevent Picture-in-Picture windows
from opening on top of one another</a></li>
</ul></li></ul>
<h4>Search and Navigation</h4>
<ul><li>Fixed regressions related to Input Method Editor, in particular loss of the last token and race conditions
causing the wrong search engine to be used (<a href="https://bugzilla.mozilla.org/show_bug.cgi?id=1679697">Bug
1679697</a>)</li>
<li>[harry] Amy Churchwell joins the Search &amp; Navigation team today. She transferred internally from Marketing
Engineering. Welcome Amy!</li>
<li>🌟 Ankush Dua <a href="https://bugzilla.mozilla.org/show_bug.cgi?id=1671579">fixed an issue with revoked
devtools_page permissions for WebExtensions</a></li></ul>
</div></article></body></html>"""


def test_a_list_of_bugs_nested_in_a_list_item_is_kept_under_it(tmp_path):
    """readability's firefox-nightly-blog: "In progress:" was followed by nothing."""
    article, body = imported(tmp_path, NIGHTLY)
    at = body.index("- In progress:")
    nested = body[at:].split("\n")[1:4]
    assert [line.split("–")[0] for line in nested] == ["    - [Bug 1677080 ", "    - [Bug 1677107 ", "    - [Bug 1678390 "]
    assert "(<https://bugzilla.mozilla.org/show_bug.cgi?id=1677080>)" in nested[0]
    assert body.index("Bug 1678390") < body.index("#### Search and Navigation")
    # the article's items with `&` and `_` are the reading's: no "left out" warning names them
    assert not [w for w in article.warnings if "left out" in w], article.warnings


LWN = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>LWN.net Weekly Edition for March 26, 2015 [LWN.net]</title>
</head><body><table class="Page"><tr><td class="LeftColumn"><div class="SideBox"><p class="Header">Weekly Edition</p>
<a href="/current/">Front page</a><br><a href="/Archives/">Archives</a></div></td>
<td class="MidColumn"><div class="ArticleText">
<h2 class="SummaryHL">Development activity in LibreOffice and OpenOffice</h2>
<p>The LibreOffice project was announced with great fanfare in September 2010. Nearly one year later, the OpenOffice.org
project was cut loose from Oracle and found a new home as an Apache project.</p>
<h4>Release histories</h4>
<p> The release history for LibreOffice tells a slightly different story: </p>
<p> </p>
<blockquote><table class="OddEven"><tbody>
<tr><th align="left">Release</th><th align="left">Date</th></tr>
<tr><td><a href="http://blog.documentfoundation.org/2014/04/10/libreoffice-4-2-3/">4.2.3</a></td><td>April 2014</td></tr>
<tr><td><a href="http://blog.documentfoundation.org/2014/04/29/libreoffice-4-1-6/">4.1.6</a></td><td>April 2014</td></tr>
<tr><td><a href="http://blog.documentfoundation.org/2014/05/08/libreoffice-4-2-4/">4.2.4</a></td><td>May 2014</td></tr>
</tbody></table></blockquote>
<p> It seems clear that LibreOffice has maintained a rather more frenetic release cadence, generally putting out at
least one release per month. </p>
<h4>Development statistics</h4>
<p> In the one-year period since late March 2014, there have been 381 changesets committed to the OpenOffice Subversion
repository. The most active committers are: </p>
<p> </p>
<blockquote><table><tbody>
<tr><th colspan="2" align="center">Most active OpenOffice developers</th></tr>
<tr><td width="50%" valign="top"><table cellspacing="3"><tbody>
<tr><th colspan="3">By changesets</th></tr>
<tr class="Even"><td>Herbert Dürr</td><td align="right">63</td><td align="right">16.6%</td></tr>
<tr class="Odd"><td>Jürgen&nbsp;Schmidt&nbsp;&nbsp;&nbsp;</td><td align="right">56</td><td align="right">14.7%</td></tr>
<tr class="Even"><td>Armin Le Grand</td><td align="right">56</td><td align="right">14.7%</td></tr>
</tbody></table></td>
<td width="50%" valign="top"><table cellspacing="3"><tbody>
<tr><th colspan="3">By changed lines</th></tr>
<tr class="Even"><td>Jürgen Schmidt</td><td align="right">455499</td><td align="right">88.1%</td></tr>
<tr class="Odd"><td>Andre Fischer</td><td align="right">26148</td><td align="right">3.8%</td></tr>
</tbody></table></td></tr></tbody></table></blockquote>
<p> In truth, the above list is not just the most active OpenOffice developers — it is all of them; a total of 16
developers have committed changes to OpenOffice in the last year. </p>
<p> To a first approximation, the top companies supporting LibreOffice in the last year are: </p>
<blockquote><table><tbody>
<tr><th colspan="3">Companies supporting LibreOffice development</th></tr>
<tr><td>Red Hat</td><td align="right">8417</td><td align="right">38.0%</td></tr>
<tr><td>Collabora Multimedia</td><td align="right">6531</td><td align="right">29.5%</td></tr>
</tbody></table></blockquote>
<p> Development work on LibreOffice is thus concentrated in a small number of companies, though it is rather more
spread out than OpenOffice development. </p>
</div></td></tr></table></body></html>"""


def test_tables_in_a_blockquote_are_kept_and_a_fragment_of_one_is_replaced_by_the_whole(tmp_path):
    """readability's lwn-1: the four statistics tables were gone (or one word of them kept)."""
    article, body = imported(tmp_path, LWN)
    assert "| Herbert Dürr | 63 | 16.6% |" in body and "| Andre Fischer | 26148 | 3.8% |" in body
    assert body.index("most active committers are:") < body.index("**Most active OpenOffice developers**") \
        < body.index("**By changesets**") < body.index("Armin Le Grand") < body.index("**By changed lines**") \
        < body.index("In truth, the above list")
    assert "| [4.2.4](<http://blog.documentfoundation.org/2014/05/08/libreoffice-4-2-4/>) | May 2014 |" in body
    assert body.index("different story:") < body.index("| Release | Date |") < body.index("It seems clear")
    assert "| Collabora Multimedia | 6531 | 29.5% |" in body
    assert body.count("Collabora Multimedia") == 1 and body.count("4.2.3") == 1
    assert "Front page" not in body and "Archives" not in body  # the side box is not a list of the article's


def test_a_list_that_only_touches_the_article_is_named_in_a_warning_and_share_buttons_are_not(tmp_path):
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Budget night</title></head><body>
<div><p>{PARA}</p><p>{PARA.replace("council", "cabinet")}</p>
<ul class="x"><li>Share</li><li>Tweet</li><li>Facebook</li><li>Email</li></ul>
<p>{PARA.replace("council", "committee")}</p></div></body></html>"""
    article, body = imported(tmp_path, html)
    assert "Tweet" not in body and not [w for w in article.warnings if "list" in w]


def test_a_list_of_related_links_between_paragraphs_stays_out(tmp_path):
    """bbc.com: "Profile: Julian Assange", "Timeline of saga" between two paragraphs are links elsewhere."""
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Budget night</title></head><body>
<div><p>{PARA}</p><ul class="story-body__unordered-list">
<li><a href="https://www.bbc.co.uk/news/world-11047811">Profile: Julian Assange</a></li>
<li><a href="https://www.bbc.co.uk/news/world-europe-11949341">Timeline of the whole long saga</a></li>
<li><a href="https://www.bbc.co.uk/news/world-us-canada-47874728">How likely is an Assange conviction in US?</a></li></ul>
<p>{PARA.replace("council", "committee")}</p></div></body></html>"""
    article, body = imported(tmp_path, html)
    assert "Profile" not in body and body.count("gallery") == 2


GUARDIAN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The Guardian view on Hong Kong: a city on the brink | Editorial | Opinion | The Guardian</title>
<meta property="og:title" content="The Guardian view on Hong Kong: a city on the brink | Editorial">
<meta property="og:site_name" content="the Guardian">
<link rel="canonical" href="https://www.theguardian.com/commentisfree/2019/nov/18/the-guardian-view-on-hong-kong">
</head><body><header><a href="/">The Guardian - Back to home</a></header>
<article><h1>The Guardian view on Hong Kong: a city on the brink</h1>
<p>The siege of Hong Kong Polytechnic University marks a dangerous new phase in a crisis that has already lasted for
more than five months, and that shows no sign of ending soon.</p>
<p>Both sides must step back. The government's refusal to listen has driven protesters to ever more desperate acts,
while the police have become a force that many residents fear rather than trust.</p></article></body></html>"""


def test_a_section_name_in_the_title_is_cut_not_kept_as_the_title(tmp_path):
    """theguardian.com: the reading was titled "Editorial"."""
    article, body = imported(tmp_path, GUARDIAN)
    assert article.title == "The Guardian view on Hong Kong: a city on the brink"
    nyt = tmp_path / "nyt"
    nyt.mkdir()
    page = GUARDIAN.replace("The Guardian view on Hong Kong: a city on the brink | Editorial",
                            "Opinion | Republicans Are Following Trump Off a Cliff").replace("the Guardian", "The New York Times")
    article, _ = imported(nyt, page)
    assert article.title == "Republicans Are Following Trump Off a Cliff"


ENTERMEDIA = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유 - Entermedia</title></head><body>
<!--<div id="gnb"><h1 id="site-title"><a href="/"><img src="/images/emlogo.gif" alt="Entermedia"></a></h1></div>-->
<div id="wrap"><div id="header"><a href="/"><h1>엔터 미디어</h1></a>
<ul><li class="col1"><a href="/news/news_list_all.html"><strong>전체뉴스</strong></a></li></ul></div>
<div id="contents"><div class="article">
<p>엘제이와 류화영의 진흙탕 싸움이 이어지고 있다. 두 사람의 사적인 관계에서 벌어진 일이지만, 이 사안을 단지 사적인 다툼으로만
볼 수 없는 이유가 있다. 연예인의 사생활을 다루는 방식에 대한 질문이 담겨 있기 때문이다.</p>
<p>대중은 이 사건을 가십으로 소비하지만, 그 과정에서 누군가의 동의 없이 사진이 공개되고 관계가 규정된다. 이것이 공적인 사안으로
봐야 하는 이유다. 우리는 이 문제를 다시 생각해 볼 필요가 있다.</p>
<p>결국 이 싸움은 한 사람의 이야기가 아니라 연예 산업 전체가 사생활을 어떻게 다루는지에 대한 이야기다.</p>
</div></div></div></body></html>"""


def test_the_site_name_in_the_header_heading_is_not_the_title(tmp_path):
    """entermedia.co.kr: the title was the site's name, from its header's `<h1>`, not the `<title>`'s headline."""
    article, _ = imported(tmp_path, ENTERMEDIA, url="http://www.entermedia.co.kr/news/news_view.html?idx=8571")
    assert article.title == "엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유"


def test_c1_control_characters_are_not_imported_and_the_guide_checks_clean(tmp_path):
    """trafilatura's kulinariaathome.com page: a caption "Mandelplätzchen\\x80, Copyright: …" made a reading
    that `check` refused. Windows-1252's quotes written as C1 characters or references are the quotes."""
    from studyguide.build.check import check

    html = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mandelplätzchen</title></head><body>
<article><h1>Mandelplätzchen</h1><p>{PARA}</p>
<figure><figcaption>Mandelplätzchen\x80, Copyright: CC BY-NC-ND 3.0</figcaption></figure>
<p>Die Pl\x81ätzchen sind schnell gemacht, sagt sie: &#147;Man braucht nur Mandeln&#148;, und es geht auch ohne Ei. Don\x92t
worry, sagt ihr Mann &#x96; er backt seit Jahren mit.</p><p>{PARA.replace("council", "committee")}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert not re.search("[\x80-\x9f]", body + article.title)
    assert "“Man braucht nur Mandeln”" in body and "Don’t" in body and "Mann – er" in body and "Plätzchen" in body
    assert not [d for d in check([tmp_path / "guides"]) if d.level == "error"]


POEM = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Mask of Anarchy | Poetry Archive</title>
<meta name="author" content="Percy Bysshe Shelley"></head><body><article><h1>The Mask of Anarchy</h1>
<p>Written in 1819 after the Peterloo Massacre in Manchester, Shelley's poem was not published until 1832. These are
its most quoted lines, still read at rallies today.</p>
<pre>
Rise like Lions after slumber
In unvanquishable number—
Shake your chains to earth like dew
Which in sleep had fallen on you—
Ye are many—they are few.
</pre>
<p>The stanza appears twice in the poem, once in the middle and once as its final words, which gives it the force of
a refrain that the crowd could learn and repeat.</p>
<div style="white-space: pre-line">What is Freedom?—ye can tell
    That which slavery is, too well—
For its very name has grown
To an echo of your own.

'Tis to work and have such pay
As just keeps life from day to day</div>
<p>Shelley sent the poem to Leigh Hunt for publication in The Examiner, but Hunt feared prosecution and held it back
for thirteen years.</p>
<p>Sing it in the <span style="white-space:pre">	</span>round, said the organisers, who printed the words for the march.</p>
</article></body></html>"""


def test_a_poem_in_pre_or_white_space_pre_line_keeps_its_lines(tmp_path):
    """red13's prepoem.html, as poetry sites print a stanza."""
    article, body = imported(tmp_path, POEM)
    assert "Rise like Lions after slumber\\\nIn unvanquishable number—\\\nShake your chains" in body
    assert "Ye are many—they are few.\n\nThe stanza appears" in body  # a paragraph of its own, not a quotation
    assert "> Rise" not in body
    assert "What is Freedom?—ye can tell\\\nThat which slavery is, too well—\\\n" in body
    assert "To an echo of your own.\n\n'Tis to work and have such pay\\\nAs just keeps" in body  # two stanzas
    assert "Sing it in the round, said the organisers" in body  # a tab in a line of text is a space
    assert not [w for w in article.warnings if "left out" in w], article.warnings


CODE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Simple Anomaly Detection Using Plain SQL</title>
</head><body><article><h1>Simple Anomaly Detection Using Plain SQL</h1>
<p>The range we defined is one standard deviation from the mean. Any value outside this range is considered an
anomaly, and the query below finds every such value in the series:</p>
<div class="highlight"><pre><span class="k">WITH</span> <span class="n">series</span> <span class="k">AS</span> <span class="p">(</span>
   <span class="k">SELECT</span> <span class="o">*</span>
   <span class="k">FROM</span> <span class="n">unnest</span><span class="p">(</span><span class="k">array</span><span class="p">[</span><span class="mf">2</span><span class="p">,</span> <span class="mf">12</span><span class="p">])</span> <span class="k">AS</span> <span class="n">n</span>
<span class="p">)</span>
<span class="k">SELECT</span> <span class="n">n</span><span class="p">,</span> <span class="n">status_code</span> <span class="k">FROM</span> <span class="n">series</span><span class="p">;</span>

 n  │ is_anomaly
───┼────────────
 2 │ f
12 │ t
</pre></div>
<p>Using the query we found that the value 12 is outside the range of acceptable values, and identified it as an
anomaly in this series of numbers.</p>
<pre><code>$ psql -c 'select 1'
 ?column?
----------
        1</code></pre>
<p>That is all it takes: the database does the work, and the result is a table you can read at a glance.</p>
</article></body></html>"""


def test_code_in_pre_is_a_code_block_line_for_line(tmp_path):
    """readability's toc-missing (hakibenita.com): 26 listings of SQL and psql output ran into one line each."""
    article, body = imported(tmp_path, CODE)
    assert ("    WITH series AS (\n       SELECT *\n       FROM unnest(array[2, 12]) AS n\n    )\n"
            "    SELECT n, status_code FROM series;\n\n     n  │ is_anomaly\n    ───┼────────────\n     2 │ f\n    12 │ t\n") in body
    assert "\n\n    $ psql -c 'select 1'\n     ?column?\n    ----------\n            1\n" in body
    assert body.index("considered an") < body.index("WITH series") < body.index("Using the query") < body.index("$ psql")
    assert "Studyguide" not in body and not [w for w in article.warnings if "left out" in w], article.warnings


ARTICLE_OPENING = """<p>The history of the web is full of small decisions that shaped how millions of people read. This is the
story of one of them, told by the engineers who were there at the time and who still argue about it today.</p>
<p>When the first web servers were written at CERN, nobody expected that the numbers they chose for errors would still
be read by billions of people thirty years later, on phones that did not yet exist.</p>"""


@pytest.mark.parametrize("sentence", [
    "<p>Readers now see the words “Subscribe to continue reading” dozens of times a week, and “You have reached your "
    "limit of free articles” has become a familiar sight.</p>",
    "<p>Die Leser sehen täglich „Jetzt abonnieren und weiterlesen“, und kaum einer klickt darauf.</p>",
    "<p>A reader wrote to say that \"you've reached your limit\" is the most hated phrase on the internet.</p>"])
def test_a_sentence_that_quotes_a_paywall_notice_is_the_articles(tmp_path, sentence):
    """red13's paywall.html: the sentence was removed and the page said to be behind a paywall."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>How newspapers learned to love the
paywall | Media Weekly</title></head><body><article><h1>How newspapers learned to love the paywall</h1>
{ARTICLE_OPENING}{sentence}<p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    words = re.sub(r"<[^>]+>", "", sentence).replace('"', "").split()
    assert " ".join(words[:6]) in body.replace('"', "")
    assert not [w for w in article.warnings if "paywall" in w] and not [r for r in article.removed if r[1] == "paywall"]


def test_a_paywall_notice_of_its_own_is_still_taken_out_and_said(tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council budget</title></head><body>
<article><h1>Council budget</h1>{ARTICLE_OPENING}<p>Subscribe to continue reading. Already a subscriber? Sign in.</p>
</article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "Subscribe" not in body and [w for w in article.warnings if "paywall" in w]


def test_a_donation_sentence_of_a_pasted_article_is_kept(tmp_path):
    """red13's pasted.txt: "Donate to the hardship fund, members were told, …" was removed from the reading."""
    text = ("Strike ballot at the bus depot\n\nBy Ann Lee\n\n" + PARA + "\n\nDonate to the hardship fund, members were "
            "told, so that the lowest paid can stay out.\n\n" + PARA.replace("council", "union") + "\n\nDonate now\n")
    page = tmp_path / "pasted.txt"
    page.write_text(text, encoding="utf-8")
    article, reading, _ = import_source(page, tmp_path / "guides", slug="t")
    body = reading.read_text(encoding="utf-8")
    assert "Donate to the hardship fund, members were told, so that the lowest paid can stay out." in body
    assert "Donate now" not in body


def test_an_article_about_the_404_page_is_not_refused_but_a_404_page_is(tmp_path):
    """red13's e404.html: "this is the site's 'page not found' page", for an article with that headline."""
    from studyguide.errors import GuideError

    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>404 Page Not Found: the error message
that became a meme | Tech History</title></head><body><article><h1>404 Page Not Found: the error message that became a
meme</h1>{ARTICLE_OPENING}<p>“Sorry, the page you are looking for cannot be found,” the message says. It has become the
most famous error in computing.</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert article.title == "404 Page Not Found: the error message that became a meme" and "CERN" in body
    lost = tmp_path / "lost"
    lost.mkdir()
    with pytest.raises(GuideError, match="page not found"):
        imported(lost, """<!DOCTYPE html><html><head><title>Page not found - The page you requested does not exist | Tech
History</title></head><body><h1>Page not found</h1><p>Sorry, we can't find that page. Try the search box, or go back to
the front page.</p></body></html>""")


def test_a_verse_in_br_lines_is_not_said_to_be_left_out(tmp_path):
    """red13's song.html: "the reading left out: “… unnumbered women deadGo crying …”", for a verse it held."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bread and Roses: the song and its
history</title></head><body><article><h1>Bread and Roses: the song and its history</h1>{ARTICLE_OPENING}
<p>As we come marching, marching, unnumbered women dead<br>Go crying through our singing their ancient cry for bread.<br>
Small art and love and beauty their drudging spirits knew.<br>Yes, it is bread we fight for, but we fight for roses too.</p>
<p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "unnumbered women dead\\\nGo crying" in body
    assert not [w for w in article.warnings if "left out" in w], article.warnings


def test_page_1_of_3_in_a_sentence_is_no_pager_but_a_pager_is(tmp_path):
    """red13's q6.html: "Page 1 of 3 of the original report was missing …" gave a pagination warning."""
    sentence = ("<p>Page 1 of 3 of the original report was missing when it reached the tribunal, and the lawyers "
                "argued for a week about what it had said.</p>")
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The missing page</title></head><body>
<article><h1>The missing page</h1>{ARTICLE_OPENING}{sentence}<p>{PARA}</p></article>PAGER</body></html>"""
    article, _ = imported(tmp_path, page.replace("PAGER", ""))
    assert not [w for w in article.warnings if "more pages" in w], article.warnings
    pager = tmp_path / "pager"
    pager.mkdir()
    article, _ = imported(pager, page.replace("PAGER", "<div class='pager'>Page <b>1</b> of 3</div>"))
    assert [w for w in article.warnings if "more pages (“Page 1 of 3”)" in w], article.warnings


def test_html_written_as_text_in_a_caption_is_its_words_and_a_piece_of_the_caption_is_not_repeated(tmp_path):
    """phys.org: the caption printed "<i>Alien</i>" and was followed by a stray "*Alien*(pictured) and"."""
    said = "Once the preserve of science fiction, through films such as {0}Alien{1} (pictured) and {0}2001: A Space Odyssey{1}, hibernation may one day enable deep space travel."
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hibernating astronauts</title></head>
<body><article><h1>Hibernating astronauts would need smaller spacecraft</h1>{ARTICLE_OPENING}
<div class="article-gallery"><figure class="article-img"><img src="https://scx1.b-cdn.net/csz/news/800/2019/hibernatinga.jpg"
alt="Hibernating astronauts would need smaller spacecraft" title="{said.format("&lt;i&gt;", "&lt;/i&gt;")}">
<figcaption>{said.format("<i>", "</i>")}</figcaption></figure></div>
<p><i>Alien</i>(pictured) and</p><p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "&lt;" not in body and "<i>" not in body
    assert "such as Alien (pictured) and 2001: A Space Odyssey, hibernation" in body
    assert body.count("(pictured)") == 1


def test_one_description_on_many_pictures_is_printed_once_and_the_standfirst_not_again(tmp_path):
    """kotaku (readability's lazy-image-2): a caption printed 56 times; wsj.com: the standfirst again as a heading."""
    alt = "Illustration for article titled The Spectacular Story Of Metroid, One Of Gamings Richest Universes"
    figures = "".join(f'<figure><img src="https://i.kinja-img.com/{n}.jpg" alt="{alt}"></figure><p>{PARA} ({n})</p>'
                      for n in range(6))
    standfirst = "There are more devices, platforms and services than ever, and every one of them wants your money"
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Spectacular Story Of Metroid</title>
<meta property="og:description" content="{standfirst}"></head><body><article><h1>The Spectacular Story Of Metroid</h1>
<h2>{standfirst}</h2>{figures}</article></body></html>"""
    article, body = imported(tmp_path, html)
    assert body.count("Illustration for article titled") == 1 and body.count("gallery") == 6
    assert article.standfirst == standfirst and standfirst not in body


def test_share_icons_and_a_list_of_furniture_are_not_imported_but_a_list_of_the_articles_is(tmp_path):
    """`check` over red13's 391 imports: "- Previous / - Next", "*Twitter*", "*Facebook*", "- 941 comments"."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Networks</title></head><body><article>
<h1>Networks</h1><p><img src="https://example.org/tw.png" alt="Twitter"> <img src="https://example.org/fb.png" alt="Facebook"></p>
{ARTICLE_OPENING}<p>The organisers used two networks to call the strike, and each had its own public:</p>
<ul><li>Twitter</li><li>A network where neighbours post short messages to one street</li></ul>
<p>{PARA}</p><ul><li><a href="/prev">Previous</a></li><li><a href="/next">Next</a></li></ul>
<ul><li><a href="#comments">941 comments</a></li></ul></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "- Twitter\n- A network where neighbours" in body
    assert "*Twitter*" not in body and "Facebook" not in body and "Previous" not in body and "941" not in body
    from studyguide.build.check import check

    # (the article's own "- Twitter" is still warned about by `check`, line by line: studyguide/read/lint.py)
    assert [d.message for d in check([tmp_path / "guides"]) if "furniture" in d.message] == \
        ["looks like site furniture (sharing): - Twitter"]


@pytest.mark.parametrize("written, author", [
    ("CWoodJournalist", None), ("notsoTan_za", None), ("jdadmin", None),
    ("Jose Altoveros View More Articles", "Jose Altoveros"),
    ("Analysis by Chris Cillizza, CNN Editor-at-large", "Chris Cillizza"),
    ("Tom Davies Associated Press", "Tom Davies"), ("TOM KRISHER, AP Auto Writer", "TOM KRISHER"),
    ("Finian Cunningham. Sputnik International", "Finian Cunningham"), ("Текст: Лида Буслаева", "Лида Буслаева"),
    ("geschrieben von Meike Neitz", "Meike Neitz"), ("Rob Ewaschuk Edited by Betsy Beyer", "Rob Ewaschuk"),
    ("MEG KINNARD and ERRIN HAINES, Associated Press", "MEG KINNARD and ERRIN HAINES"),
    ("Lia Eustachewich, Yaron Steinbuch", "Lia Eustachewich, Yaron Steinbuch"), ("Bruce Y. Lee", "Bruce Y. Lee"),
    ("Theresa May", "Theresa May")])
def test_an_author_as_pages_write_it_is_a_name(tmp_path, written, author):
    """The 181 pages of the extraction benchmark: handles, "View More Articles", agencies and roles as authors."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council budget</title>
<meta name="author" content="{written}"><meta property="og:site_name" content="https://www.hawaiinewsnow.com"></head>
<body><article><h1>Council budget</h1>{ARTICLE_OPENING}<p>{PARA}</p></article></body></html>"""
    article, _ = imported(tmp_path, html)
    assert article.author == author and article.publication == "hawaiinewsnow.com"


@pytest.mark.parametrize("written, publication", [
    ("@politifact", "politifact"), ("Copyright 2014", None), ("LinkNaija | Nigeria's popular news platform", "LinkNaija")])
def test_a_publication_as_pages_write_it_is_a_name(tmp_path, written, publication):
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council budget</title>
<meta property="og:site_name" content="{written}"></head>
<body><article><h1>Council budget</h1>{ARTICLE_OPENING}<p>{PARA}</p></article></body></html>"""
    article, _ = imported(tmp_path, html)
    assert article.publication == publication


def test_an_appeal_in_a_long_sentence_is_still_furniture_but_a_sentence_about_one_is_not(tmp_path):
    """seattlepi/chron pages: "Get the day’s top headlines delivered to your inbox …" stayed, and `check` warned."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council budget</title></head><body>
<article><h1>Council budget</h1>{ARTICLE_OPENING}
<p>Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.</p>
<p>The union asked members to donate to the hardship fund, so that the lowest paid could stay out on strike.</p>
<p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "top headlines" not in body and "donate to the hardship fund" in body


def test_a_hidden_pre_stays_hidden(tmp_path):
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council budget</title></head><body>
<article><h1>Council budget</h1>{ARTICLE_OPENING}<div style="display: none"><pre>tracking pixel
debug output line two</pre></div><pre hidden>secret line one
secret line two</pre><p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "tracking" not in body and "secret" not in body and "CERN" in body


def test_the_headline_as_a_pictures_caption_is_not_printed_again(tmp_path):
    """rt.com, 9to5mac: the headline under the title again as the first picture's caption."""
    headline = "‘He died in my hands’: 3 pro-Morales demonstrators killed in clashes near barricaded fuel plant"
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} — RT World News</title>
<meta property="og:title" content="{headline}"></head><body><article><h1>{headline}</h1>
<figure><img src="https://cdni.rt.com/files/2019.11/article/5dd48e5.jpg" alt="{headline}"></figure>
{ARTICLE_OPENING}<p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert article.title == headline and "died in my hands" not in body


def test_a_br_at_the_end_of_bold_words_keeps_them_apart_from_the_next(tmp_path):
    """readability's medium-1: "**Not just social media**A web editor …", and a false "left out" for it."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Student journalism</title></head><body>
<article><h1>Student journalism</h1>{ARTICLE_OPENING}<ol>
<li class="graf--li"><strong class="markup--strong">Not just social media<br/></strong>A web editor could do much more
than simply being in charge of the social media accounts for the student paper.</li>
<li class="graf--li"><strong>Web (interactive) editor<br></strong>The goal of having a web editor should be for someone
to fully understand the newsroom and the web.</li></ol><p>{PARA}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "**Not just social media** A web editor" in body and "**Web (interactive) editor** The goal" in body
    assert not [w for w in article.warnings if "left out" in w], article.warnings


def test_a_table_trafilatura_ran_into_one_paragraph_per_cell_is_a_table_again(tmp_path):
    """readability's links-in-tables (Android developers blog): the table came out as 30 one-line paragraphs,
    without its first column."""
    cell = '<td style="padding: 7px"><div dir="ltr"><span style="white-space: pre-wrap;">{}</span></div></td>'
    rows = [("Application", "Original Size", "Patch Size"),
            ('<a href="https://play.google.com/store/apps/details?id=com.google.android.apps.maps">Google Maps</a>',
             "32.7 MB", "9.6 MB (-71%)"),
            ('<a href="https://play.google.com/store/apps/details?id=com.google.android.gm">Gmail</a>', "17.8 MB",
             "7.3 MB (-59%)")]
    table = "<table><tbody>" + "".join("<tr>" + "".join(cell.format(c) for c in row) + "</tr>" for row in rows) + \
        "</tbody></table>"
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Saving data</title></head><body>
<div class="post-body"><p>{PARA}</p><p><b>How effective is File-by-File Patching?</b></p>
<p>Here are examples of app updates already using File-by-File Patching, measured on the phones of our testers:</p>
{table}<p>{PARA.replace("council", "committee")}</p></div></body></html>"""
    article, body = imported(tmp_path, html)
    assert "| Application | Original Size | Patch Size |" in body
    assert "| [Gmail](<https://play.google.com/store/apps/details?id=com.google.android.gm>) | 17.8 MB | 7.3 MB (-59%) |" in body
    assert body.count("17.8 MB") == 1


def test_a_heading_under_a_picture_is_not_taken_for_its_caption(tmp_path):
    """theantijunecleaver.com (benchmark 4219d096): "## MAKING SPICED HONEY PEAR JAM" under a picture whose
    description holds those words was printed as its caption, then (one description on ten pictures) not at all."""
    alt = "Give the Gift of Homemade Spiced Honey Pear Jam for the Holidays #ad #canning"
    pictures = [f'<p><img src="https://example.org/jam-{n}.jpg" alt="{alt}"></p>' for n in range(4)]
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Spiced honey pear jam</title></head><body>
<article><h1>Spiced honey pear jam</h1>{ARTICLE_OPENING}{pictures[0]}<p>{PARA}</p>{pictures[1]}
<h2>MAKING SPICED HONEY PEAR JAM</h2><p>Now that you have your equipment, you will need the ingredients: about eight
ripe pears, a fresh lemon, fruit pectin, cinnamon, nutmeg and ginger.</p>{pictures[2]}<p>{PARA}</p>{pictures[3]}
<h2>GIVING THE GIFT OF HOMEMADE JAM</h2><p>{PARA.replace("council", "family")}</p></article></body></html>"""
    article, body = imported(tmp_path, html)
    assert "## MAKING SPICED HONEY PEAR JAM\n\nNow that you have" in body and "## GIVING THE GIFT OF HOMEMADE JAM" in body
    assert body.count("Give the Gift of Homemade") == 1
