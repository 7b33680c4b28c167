"""The EPUB's text made valid where a guide's own HTML or ids would not be: an e-reader
or a shop (Apple Books, Kobo, Google Play) that runs epubcheck turns the book away.

HTML that browsers still draw but EPUB 3's HTML does not allow (`<center>`, `<tt>`,
`<strike>`, `<acronym>`, `<big>`, `<font>`, …) is written as its modern equal, drawn the
same; an obsolete attribute (`align`, `valign`, `bgcolor`) becomes its CSS; an id given
twice (`## Part {#part}` … `## Part two {#part}`) keeps its first place, and each later
one a new id (`part-2`). A text with nothing to mend is returned as it was, byte for byte.
"""

from __future__ import annotations

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
PHRASING_PARENTS = {"p", "span", "a", "em", "strong", "b", "i", "u", "s", "small", "code", "kbd", "samp", "var",
                    "sub", "sup", "q", "cite", "abbr", "dfn", "mark", "bdi", "bdo", "time", "data", "label",
                    "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "figcaption", "summary", "pre", "ruby", "rt"}
RENAMED = {"tt": ("code", None), "strike": ("s", None), "acronym": ("abbr", None), "big": ("span", "font-size: larger"),
           "font": ("span", None), "blink": ("span", None), "marquee": ("span", None), "nobr": ("span", "white-space: nowrap"),
           "dir": ("ul", None), "menu": ("ul", None), "xmp": ("pre", None), "listing": ("pre", None),
           "plaintext": ("pre", None), "rtc": ("rt", None), "rb": ("span", None)}
DROPPED = {"basefont", "bgsound", "spacer", "isindex", "keygen"}  # draw nothing
ATTRIBUTES = {"align": "text-align", "valign": "vertical-align", "bgcolor": "background-color"}


def valid(text: str) -> str:
    """The XHTML document `text` with obsolete elements and attributes and repeated ids mended."""
    root = etree.fromstring(text.encode("utf-8"))
    changed = False
    for node in list(root.iter()):
        if not isinstance(node.tag, str) or not node.tag.startswith(XHTML):
            continue
        changed |= _element(node)
    changed |= _orphans(root)
    changed |= _ids(root)
    if not changed:
        return text
    body = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + body + "\n"


def _element(node: etree._Element) -> bool:
    name = node.tag[len(XHTML):]
    changed = False
    if name in DROPPED:
        _unwrap(node)
        return True
    if name == "center":
        parent = node.getparent()
        inline = parent is not None and parent.tag[len(XHTML):] in PHRASING_PARENTS
        node.tag = XHTML + ("span" if inline else "div")
        _style(node, "text-align: center" if not inline else "")
        changed = True
    elif name in RENAMED:
        new, style = RENAMED[name]
        node.tag = XHTML + new
        if style:
            _style(node, style)
        for attribute in ("color", "face", "size"):  # <font>'s
            value = node.attrib.pop(attribute, None)
            if value is not None and attribute == "color" and _plain(value):
                _style(node, f"color: {value}")
        changed = True
    for attribute, prop in ATTRIBUTES.items():
        value = node.attrib.pop(attribute, None)
        if value is not None:
            if _plain(value):
                _style(node, f"{prop}: {value.strip().lower() if attribute != 'bgcolor' else value.strip()}")
            changed = True
    return changed


def _plain(value: str) -> bool:
    """A CSS value that is a word or a colour, nothing that could load or break out."""
    return bool(value.strip()) and all(c.isalnum() or c in "#-. " for c in value.strip())


def _style(node: etree._Element, declaration: str) -> None:
    if not declaration:
        return
    before = node.get("style", "").strip().rstrip(";")
    node.set("style", f"{before}; {declaration}" if before else declaration)


def _unwrap(node: etree._Element) -> None:
    """The element gone, its text and children kept where it was."""
    parent = node.getparent()
    if parent is None:
        return
    index = parent.index(node)
    text = (node.text or "")
    children = list(node)
    tail = node.tail or ""
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    parent.remove(node)
    if tail:
        if index + len(children):
            last = parent[index + len(children) - 1]
            last.tail = (last.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _orphans(root: etree._Element) -> bool:
    """List items left outside a list (a `<dir>` the cleaner dropped): put in one, side by side ones together."""
    changed = False
    for node in list(root.iter(XHTML + "li", XHTML + "dt", XHTML + "dd")):
        parent = node.getparent()
        holder = "ul" if node.tag == XHTML + "li" else "dl"
        if parent is None or parent.tag in (XHTML + "ul", XHTML + "ol", XHTML + "menu", XHTML + "dl"):
            continue
        previous = node.getprevious()
        if previous is not None and previous.tag == XHTML + holder and previous.get("class") == "mended" \
                and not (previous.tail or "").strip():
            previous.tail, node.tail = node.tail, None
            previous.append(node)
        else:
            wrapper = etree.Element(XHTML + holder, {"class": "mended"})
            node.addprevious(wrapper)
            wrapper.tail, node.tail = node.tail, None
            wrapper.append(node)
        changed = True
    return changed


def _ids(root: etree._Element) -> bool:
    """Each id once: the first keeps it, later ones become `id-2`, `id-3` (never one already taken)."""
    nodes = [node for node in root.iter() if isinstance(node.tag, str) and node.get("id") is not None]
    taken = {node.get("id") for node in nodes}
    seen: set[str] = set()
    changed = False
    for node in nodes:
        ident = node.get("id")
        if ident not in seen:
            seen.add(ident)
            continue
        n = 2
        while f"{ident}-{n}" in taken:
            n += 1
        node.set("id", f"{ident}-{n}")
        taken.add(f"{ident}-{n}")
        seen.add(f"{ident}-{n}")
        changed = True
    return changed


CORE = (".svg", ".png", ".jpg", ".jpeg", ".gif")  # EPUB 3.2's core image types (WebP came with 3.3)


def core_images(text: str, images: dict[str, bytes]) -> tuple[str, dict[str, bytes]]:
    """A picture of another type (a WebP) as a PNG, and the text pointing at it: e-readers that
    go by EPUB 3.2 show nothing else, and epubcheck refuses the book."""
    import html
    import io
    from urllib.parse import quote

    from PIL import Image

    out = {}
    for name, data in images.items():
        if name.lower().endswith(CORE):
            out[name] = data
            continue
        try:
            with Image.open(io.BytesIO(data)) as picture:
                buffer = io.BytesIO()
                picture.convert("RGBA").save(buffer, "PNG")
        except Exception:  # noqa: BLE001 - not a picture Pillow reads: left as it was
            out[name] = data
            continue
        new = name + ".png"
        out[new] = buffer.getvalue()
        text = text.replace(f'src="{html.escape(quote(name), quote=True)}"', f'src="{html.escape(quote(new), quote=True)}"')
    return text, out
