"""What a reading page's drawing says that nobody sees, taken out of it.

Two things ride in a content stream without being drawn: text in render mode 3
(invisible: a scan's OCR layer, or a note typed invisibly), and marked content's
properties (/ActualText, /Alt, /E), which copy-and-paste and pdftotext read
instead of the letters drawn. Invisible text is dropped where a whole text
object (BT … ET) is invisible, which changes nothing drawn; a text object that
mixes invisible and drawn text is left for the pixel check (pdfvisible), which
prints its page as a picture. Every BDC/DP becomes BMC/MP with its tag alone
(the reading's structure tree is not carried over, so its properties mean nothing
in the guide). A Q with no q before it is dropped and a q left open is closed:
Poppler stops drawing a form at a stray Q (a blank page) where PDFium goes on."""

from __future__ import annotations

SHOWS = {"Tj", "TJ", "'", '"'}
# A picture's other picture for printers (what a viewer does not show), and what a program keeps about a picture.
# Its layer (/OC: checked shown by pdfclean; the guide has no layers, and a viewer may hide what names an unknown one).
PRIVATE = ("/Alternates", "/OPI", "/Metadata", "/PieceInfo", "/OC")


class UnnamedLayer(Exception):
    """Optional content marked in the drawing with a dictionary of its own, or a name its resources lack:
    which layer it is, and whether viewers show it, cannot be read (pdfclean checks named layers)."""


def scrub(stream, invisible_at_start: bool | None, properties=None) -> set[str]:
    """Rewrite one content stream (a page's drawing or a form) in place; the names of the XObjects it draws.

    `invisible_at_start`: the render mode is 3 when the stream begins (False for a page, which
    starts at 0; None for a form, whose mode is its caller's and unknown). `properties`: the stream's
    /Properties, where each layer its drawing marks must be named."""
    import pikepdf
    from pikepdf import Operator

    instructions = list(pikepdf.parse_content_stream(stream))
    mode: int | None = 0 if invisible_at_start is False else (3 if invisible_at_start else None)
    saved: list[int | None] = []
    block: list[int] | None = None
    block_visible = False
    drop: set[int] = set()
    drawn: set[str] = set()
    depth = 0  # q not yet restored: a Q past them is dropped (Poppler stops drawing there), those left open closed
    for index, instruction in enumerate(instructions):
        operator = str(getattr(instruction, "operator", ""))
        operands = list(getattr(instruction, "operands", []))
        if operator == "Do" and operands:
            drawn.add(str(operands[0]))
        elif operator == "BDC" and len(operands) == 2 and str(operands[0]) == "/OC":
            name = operands[1]
            if not isinstance(name, pikepdf.Name) or properties is None or str(name) not in properties:
                raise UnnamedLayer(str(name)[:40])
        elif operator == "q":
            saved.append(mode)
            depth += 1
        elif operator == "Q":
            mode = saved.pop() if saved else None
            if depth:
                depth -= 1
            else:
                drop.add(index)
        elif operator == "Tr":
            mode = _number(operands[0]) if operands else None
        elif operator == "BT":
            block, block_visible = [], False
        elif operator in SHOWS and block is not None:
            block.append(index)
            block_visible = block_visible or mode != 3
        elif operator == "ET" and block is not None:
            if not block_visible:
                drop.update(block)
            block = None
    out = []
    for index, instruction in enumerate(instructions):
        operator = str(getattr(instruction, "operator", ""))
        operands = list(getattr(instruction, "operands", []))
        if index in drop:
            if operator == "'":
                out.append(([], Operator("T*")))
            elif operator == '"' and len(operands) == 3:
                out += [([operands[0]], Operator("Tw")), ([operands[1]], Operator("Tc")), ([], Operator("T*"))]
            continue
        if operator in ("BDC", "DP") and operands:
            out.append(([operands[0]], Operator("BMC" if operator == "BDC" else "MP")))
            continue
        out.append(instruction)
    out += [([], Operator("Q"))] * depth
    stream.write(pikepdf.unparse_content_stream(out))
    return drawn


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def scrub_page(drawing) -> None:
    """The page's drawing and every form it draws (each once, through forms that draw forms), each keeping
    of its resources only the pictures and forms it draws: an XObject never drawn is not carried into the guide, nor
    a picture's alternate for printing (which a viewer never shows) or its metadata."""
    from pikepdf import Dictionary, Name, Stream

    seen: set = set()
    todo = [(drawing, False, None)]
    while todo:
        stream, start, outer = todo.pop()
        resources = stream.get("/Resources")
        resources = resources if isinstance(resources, Dictionary) else outer  # an old form uses its page's
        properties = resources.get("/Properties") if isinstance(resources, Dictionary) else None
        drawn = scrub(stream, start, properties if isinstance(properties, Dictionary) else None)
        if not isinstance(resources, Dictionary):
            continue
        original = resources
        resources = Dictionary({key: value for key, value in resources.items() if key != "/Properties"})
        xobjects = resources.get("/XObject")
        xobjects = Dictionary({name: x for name, x in xobjects.items() if name in drawn}) \
            if isinstance(xobjects, Dictionary) else Dictionary()
        resources.XObject = xobjects
        stream.Resources = resources
        for _, xobject in xobjects.items():
            if not isinstance(xobject, Stream):
                continue
            for key in PRIVATE:
                if key in xobject:
                    del xobject[key]
            if xobject.get("/Subtype") != Name.Form:
                continue
            key = xobject.objgen if xobject.objgen != (0, 0) else id(xobject)
            if key not in seen and len(seen) < 5000:
                seen.add(key)
                todo.append((xobject, None, original))
