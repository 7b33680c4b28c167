"""An SVG picture as we copy it into a web page's assets, an EPUB or a PDF layout:
the drawing kept, everything that runs or loads from elsewhere taken out. Opened on
its own (a browser tab, an e-reader), an SVG is a document that may run scripts and
fetch from trackers; ours may not. An allowlist of elements and attributes (SVG 1.1
drawing, text, paint servers, filters), links only to `#fragment`s of the picture
itself or to inline raster images (`data:image/png;base64,…`), CSS reduced to the
presentation properties with the same rule for `url()`. What cannot be read as SVG
is refused, never copied as it was."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

SVG, XLINK, XML = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 200
MAX_DRAWN = 100_000  # elements drawn once every <use> and url(#…) is followed: an SVG "billion laughs" stops here

ELEMENTS = set("""svg g defs desc title symbol use switch path rect circle ellipse line polyline polygon text tspan
textPath image clipPath mask pattern marker linearGradient radialGradient stop filter style feBlend feColorMatrix
feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow
feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
fePointLight feSpecularLighting feSpotLight feTile feTurbulence""".split())
UNWRAPPED = {"a"}
REFERRING = {"image", "feImage", "use", "textPath"}  # nothing without their href  # a link becomes a group: its drawing stays, the link goes

# Presentation properties: attributes, and the only CSS properties kept.
PROPERTIES = set("""fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset opacity font font-family font-size font-weight font-style
font-variant font-stretch text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
text-decoration writing-mode direction unicode-bidi stop-color stop-opacity clip-path clip-rule mask filter
marker marker-start marker-mid marker-end display visibility overflow color color-interpolation
color-interpolation-filters shape-rendering text-rendering image-rendering vector-effect paint-order
mix-blend-mode isolation flood-color flood-opacity lighting-color transform transform-origin""".split())
ATTRIBUTES = PROPERTIES | set("""id class style x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points
viewBox preserveAspectRatio version dx dy rotate textLength lengthAdjust startOffset method spacing side offset
gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits patternTransform clipPathUnits
maskUnits maskContentUnits filterUnits primitiveUnits in in2 result stdDeviation mode type values operator k1 k2 k3
k4 order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha surfaceScale
diffuseConstant specularConstant specularExponent azimuth elevation z pointsAtX pointsAtY pointsAtZ
limitingConeAngle scale xChannelSelector yChannelSelector radius baseFrequency numOctaves seed stitchTiles
tableValues slope intercept amplitude exponent markerWidth markerHeight markerUnits refX refY orient pathLength
systemLanguage lang href""".split())
RASTER_RE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*", re.I)
URL_RE = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
SELECTOR_RE = re.compile(r"[\w\s.#,>+~*:()\[\]=\"'|^$-]+")


class Unreadable(ValueError):
    """Not an SVG picture we can read: the picture is left out, with this reason."""


class Multiplying(Unreadable):
    """An SVG that copies its own parts into copies of copies (`<use>` ten deep, ten each): drawing it
    would not end before the build's time limit. Refused when the guide is read, at the picture's line."""


def clean(data: bytes) -> bytes:
    """The picture with only its drawing; Unreadable when it is no SVG we can read."""
    if b"<!ENTITY" in data:
        raise Unreadable("it declares XML entities (an SVG has no need of them)")
    try:
        root = ET.fromstring(data)  # comments and processing instructions (xml-stylesheet) are not kept
    except ET.ParseError as exc:
        raise Unreadable(f"it is not well-formed XML ({exc})") from None
    if _local(root.tag) != "svg" or _space(root.tag) not in (SVG, ""):
        raise Unreadable("its outermost element is not <svg>")
    out = _element(root, 0)
    drawn(out)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(out, encoding="utf-8", xml_declaration=False)


def _element(node: ET.Element, depth: int) -> ET.Element | None:
    if depth > MAX_DEPTH:
        raise Unreadable(f"its elements nest more than {MAX_DEPTH} deep")
    name = _local(node.tag)
    kept = ET.Element(f"{{{SVG}}}{'g' if name in UNWRAPPED else name}")
    for key, value in node.attrib.items():
        attribute = _attribute(name, key, value)
        if attribute:
            kept.set(*attribute)
    if name in REFERRING and not any(_local(key) == "href" for key in kept.attrib):
        return None  # its picture was elsewhere: nothing to draw
    if name == "style":
        kept.text = stylesheet(node.text or "")
        return kept
    kept.text = node.text
    for child in node:
        inner = _element(child, depth + 1) if _space(child.tag) in (SVG, "") and (
            _local(child.tag) in ELEMENTS or _local(child.tag) in UNWRAPPED) else None
        if inner is not None:
            kept.append(inner)
            inner.tail = child.tail
        elif child.tail:  # the dropped element's following text stays where it was
            if len(kept):
                kept[-1].tail = (kept[-1].tail or "") + child.tail
            else:
                kept.text = (kept.text or "") + child.tail
    return kept


def drawn(root: ET.Element) -> int:
    """How many elements the picture draws with each reference (`<use href="#a">`, a gradient's or a
    pattern's `href`, `fill="url(#p)"`) followed as a copy of what it names; Multiplying past MAX_DRAWN or
    where a part is drawn inside itself. Each element is counted once and its count reused, so a picture
    of ten levels of ten copies is judged in a few steps, not ten billion."""
    named = {element.get("id"): element for element in root.iter() if element.get("id")}
    counted: dict[int, int] = {}
    open_now: set[int] = set()

    def count(element: ET.Element, depth: int) -> int:
        key = id(element)
        if key in counted:
            return counted[key]
        if key in open_now:
            raise Multiplying("a part of it is drawn inside itself (a <use> that names what holds it)")
        if depth > 2 * MAX_DEPTH:
            raise Multiplying(f"its copies of copies go more than {2 * MAX_DEPTH} deep")
        open_now.add(key)
        total = 1
        for child in element if _local(element.tag) != "defs" else ():  # what <defs> holds is drawn where named
            total += count(child, depth + 1)
        for key_name, value in element.attrib.items():
            names = [value.strip()[1:]] if _local(key_name) == "href" and value.strip().startswith("#") else \
                [target.strip()[1:] for _, target in URL_RE.findall(value)]
            for name in names:
                if name in named:
                    total += count(named[name], depth + 1)
            if total > MAX_DRAWN:
                break
        open_now.discard(key)
        if total > MAX_DRAWN:
            raise Multiplying(f"it copies its own parts into copies of copies: drawn, it would have more than "
                              f"{MAX_DRAWN:,} parts; save the drawing again from its program without the nested copies "
                              "(or as PNG)")
        counted[key] = total
        return total

    return count(root, 0)


def _attribute(element: str, key: str, value: str) -> tuple[str, str] | None:
    space, name = _space(key), _local(key)
    if space == XML and name in ("space", "lang"):
        return key, value
    if space not in ("", XLINK) or name not in ATTRIBUTES or space == XLINK and name != "href":
        return None
    if name == "href":
        if element in UNWRAPPED:
            return None
        if value.strip().startswith("#") or element in ("image", "feImage") and RASTER_RE.fullmatch(value.strip()):
            return key, value
        return None
    if name == "style":
        declarations = declarations_of(value)
        return (key, declarations) if declarations else None
    return (key, value) if safe_value(value) else None


def safe_value(value: str) -> bool:
    """A value that loads nothing: url() only to a fragment of the picture itself, no escapes to hide one."""
    if "\\" in value or "@" in value or "<" in value or re.search(r"expression\s*\(|javascript:", value, re.I):
        return False
    return all(target.strip().startswith("#") for _, target in URL_RE.findall(value)) and "url(" not in \
        URL_RE.sub("", value).lower()


def declarations_of(text: str) -> str:
    """`prop: value; …` with only presentation properties whose values load nothing."""
    kept = []
    for declaration in text.split(";"):
        prop, colon, value = declaration.partition(":")
        prop = prop.strip().lower()
        if colon and prop in PROPERTIES and value.strip() and safe_value(value):
            kept.append(f"{prop}: {value.strip()}")
    return "; ".join(kept)


def stylesheet(css: str) -> str:
    """A <style>'s rules, each with a plain selector and only presentation declarations; no @-rules.
    What we write back is made only of pieces that passed (no escape, no url() but `#…`), so
    a sheet we split differently from a browser can lose a rule, never smuggle one in."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@[^;{}]*;", "", css)  # @import, @charset, @namespace
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        selector = selector.strip()
        declarations = declarations_of(body)
        if declarations and "@" not in selector and SELECTOR_RE.fullmatch(selector):
            rules.append(f"{selector} {{ {declarations} }}")
    return "\n".join(rules)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _space(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def cleaned(data: bytes) -> bytes | None:
    """`clean`, or None for a picture that is left out (its alt text shown instead)."""
    try:
        return clean(data)
    except Unreadable:
        return None
