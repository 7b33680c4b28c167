"""The participant edition as an EPUB 3, for phones and e-readers: cover,
navigation by section and by question, footnotes as pop-up notes, images with
their alt text, the language set. Packed by hand with zipfile: the format is a
few files, and this way every byte is ours and the same on every rebuild."""

from __future__ import annotations

from pathlib import Path

import html
import io
import re
import uuid
import zipfile

from lxml import etree
from lxml import html as lxml_html

from studyguide.render.catalogue import cover_png, local_images
from studyguide.render.epubvalid import core_images, valid
from studyguide.render.html import published_css
from studyguide.model import Guide
from studyguide.render.scripts import block_directions, direction

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
MEDIA = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


def xhtml_fragment(markup: str) -> tuple[str, list[str]]:
    """HTML as well-formed XHTML; inline footnotes moved to pop-up notes at the end."""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    notes = []
    for n, span in enumerate(root.xpath('//span[@class="footnote"]'), start=1):
        text = etree.tostring(span, method="html", encoding="unicode", with_tail=False)
        inner = re.sub(r"^<span[^>]*>|</span>$", "", text.strip())
        call = lxml_html.fromstring(f'<a href="#note-{n}" id="call-{n}" class="noteref" epubtype="noteref">{n}</a>')
        call.tail = span.tail
        parent = span.getparent()
        sup = etree.Element("sup")
        sup.append(call)
        sup.tail = span.tail
        call.tail = None
        parent.replace(span, sup)
        notes.append(f'<aside epub:type="footnote" id="note-{n}"><p>{to_xml(inner)}</p></aside>')
    body = "".join(etree.tostring(child, method="xml", encoding="unicode") for child in root)
    body = body.replace(' epubtype="noteref"', ' epub:type="noteref"')  # lxml.html has no namespaced attributes
    lead = html.escape(root.text or "", quote=False)
    return lead + body, notes


def to_xml(markup: str) -> str:
    root = lxml_html.fragment_fromstring(markup, create_parent="span")
    return (html.escape(root.text or "", quote=False)
            + "".join(etree.tostring(child, method="xml", encoding="unicode") for child in root))


def page(title: str, lang: str, body: str, extra_ns: bool = True) -> str:
    ns = f' xmlns:epub="{EPUB_NS}"' if extra_ns else ""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="{XHTML}"{ns} lang="{lang}" xml:lang="{lang}"'
            f' dir="{direction(lang)}">\n'
            f'<head><meta charset="utf-8"/><title>{html.escape(title)}</title>'
            f'<link rel="stylesheet" href="style.css"/></head>\n<body>\n{body}\n</body>\n</html>\n')


def make_epub(guide: Guide, participant_pdf: bytes | None, theme: Path | None = None) -> bytes:
    from studyguide.read.quotes import smart_meta

    meta = smart_meta(guide.meta)  # the marks of the guide's language, as in the PDF
    lang = meta.lang
    esc = lambda s: html.escape(s or "", quote=True)  # noqa: E731
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'studyguide:{guide.slug}')}"
    modified = f"{(meta.date.isoformat() if meta.date else '2000-01-01')}T00:00:00Z"
    # Images under images/ (no name of the guide's can replace ours); nothing fetched from elsewhere
    # when the book is opened unless the guide opted in to remote images.
    participant, images = local_images(guide, guide.html["participant"], "images/", guide.meta.remote)
    from studyguide.read.sanitize import without_file_links

    body, notes = xhtml_fragment(block_directions(without_file_links(participant), direction(lang)))
    parts = [f"<h1>{esc(meta.title)}</h1>"]
    if meta.subtitle:
        parts.append(f'<p class="subtitle">{esc(meta.subtitle)}</p>')
    for r in meta.reading:
        parts.append(f'<p class="reading">{esc(r.citation())}</p>')
    if guide.article:
        article_html, more = local_images(guide, guide.article.html, "images/", guide.meta.remote)
        images.update(more)
        article, article_notes = xhtml_fragment(article_html)
        parts.append(f'<section class="reading-text" epub:type="chapter"><h2 id="the-reading">{esc(guide.article.title)}</h2>{article}</section>')
        notes += article_notes
    parts.append(body)
    if notes:
        parts.append('<section class="notes">' + "".join(notes) + "</section>")
    text = valid(page(meta.title, lang, "\n".join(parts)))  # no obsolete HTML, each id once: epubvalid.py
    text, images = core_images(text, images)
    etree.fromstring(text.encode())  # well-formed, or fail here rather than in a reader

    def asked(index: int) -> str:
        items = [f'<li><a href="text.xhtml#question-{q.number}">{q.number}. {esc(q.text)}</a></li>'
                 for q in guide.questions if q.part == index]  # by place: two sections may share a title
        return f"<ol>{''.join(items)}</ol>" if items else ""

    # Sections, and under each the questions it asks: the reader's table of contents.
    toc = [f'<li><a href="text.xhtml#{esc(s.id)}">{esc(s.title)}</a>{asked(n)}</li>' for n, s in enumerate(guide.sections)]
    if guide.article:
        toc.insert(0, f'<li><a href="text.xhtml#the-reading">{esc(guide.article.title)}</a></li>')
    entries = "".join(toc) or f'<li><a href="text.xhtml">{esc(meta.title)}</a></li>'
    nav_body = f'<nav epub:type="toc" id="toc"><h1>{esc(meta.title)}</h1><ol>{entries}</ol></nav>'
    nav_body += f'<nav epub:type="landmarks" hidden="hidden"><ol><li><a epub:type="bodymatter" href="text.xhtml">{esc(meta.title)}</a></li></ol></nav>'
    nav = page(meta.title, lang, nav_body)
    etree.fromstring(nav.encode())

    manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
                '<item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>',
                '<item id="css" href="style.css" media-type="text/css"/>']
    spine = []
    files: dict[str, bytes] = {}
    if participant_pdf:
        files["EPUB/cover.png"] = cover_png(participant_pdf, width=800)
        manifest.append('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>')
        cover = page(meta.title, lang, f'<section epub:type="cover"><img src="cover.png" alt="{esc("Cover: " + meta.title)}"/></section>')
        files["EPUB/cover.xhtml"] = cover.encode()
        manifest.append('<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>')
        spine.append('<itemref idref="cover" linear="no"/>')
    spine.append('<itemref idref="text"/>')
    for n, (name, data) in enumerate(sorted(images.items())):
        suffix = "." + name.rsplit(".", 1)[-1].lower()
        if suffix in MEDIA:
            files[f"EPUB/{name}"] = data
            manifest.append(f'<item id="img{n}" href="{esc(name)}" media-type="{MEDIA[suffix]}"/>')
    creators = "".join(f"<dc:creator>{esc(a)}</dc:creator>" for a in meta.authors)
    opf = f'''<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{lang}" dir="{direction(lang)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">{identifier}</dc:identifier>
<dc:title>{esc(meta.title)}</dc:title>
<dc:language>{esc(lang)}</dc:language>
{creators}
<meta property="dcterms:modified">{modified}</meta>
</metadata>
<manifest>
{chr(10).join(manifest)}
</manifest>
<spine page-progression-direction="{direction(lang)}">
{chr(10).join(spine)}
</spine>
</package>
'''
    etree.fromstring(opf.encode())
    container = ('<?xml version="1.0" encoding="utf-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                 '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>\n')
    files.update({
        "META-INF/container.xml": container.encode(),
        "EPUB/package.opf": opf.encode(),
        "EPUB/nav.xhtml": nav.encode(),
        "EPUB/text.xhtml": text.encode(),
        "EPUB/style.css": published_css("epub.css", theme),  # a theme may restyle the e-book too
    })
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype first and stored, as the EPUB rules require; fixed dates: the same bytes on every rebuild.
        archive.writestr(zipfile.ZipInfo("mimetype", (1980, 1, 1, 0, 0, 0)), b"application/epub+zip", zipfile.ZIP_STORED)
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), files[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()
