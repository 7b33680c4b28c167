"""A reading PDF's layers (optional content), read as a viewer reads them.

A layer a viewer does not show, or shows but does not print, is refused where a
page draws it: the guide has no layers, so whatever it binds is drawn for all."""

from __future__ import annotations

from studyguide.errors import GuideError
from studyguide.read.pdfclean import inherited


def hidden_layers(pdf, pages, where) -> None:
    """A layer (optional content) a viewer does not show, or shows but does not print, refused where a page uses it."""
    from pikepdf import Dictionary

    properties = pdf.Root.get("/OCProperties")
    config = properties.get("/D") if isinstance(properties, Dictionary) else None
    config = config if isinstance(config, Dictionary) else Dictionary()
    off = {o.objgen for o in config.get("/OFF", []) if isinstance(o, Dictionary)}
    on = {o.objgen for o in config.get("/ON", []) if isinstance(o, Dictionary)}
    base_off = str(config.get("/BaseState", "/ON")) == "/OFF"

    def group_shown(group) -> bool:
        usage = group.get("/Usage")
        if isinstance(usage, Dictionary):
            for what, state in (("/View", "/ViewState"), ("/Print", "/PrintState"), ("/Export", "/ExportState")):
                entry = usage.get(what)
                if isinstance(entry, Dictionary) and str(entry.get(state, "/ON")) == "/OFF":
                    return False
        if group.objgen in off:
            return False
        return group.objgen in on or not base_off

    def shown(oc, depth: int = 0) -> bool:
        if not isinstance(oc, Dictionary) or depth > 20:
            return False
        if str(oc.get("/Type", "")) == "/OCMD":
            expression = oc.get("/VE")
            if expression is not None:
                return evaluate(expression, depth)
            groups = oc.get("/OCGs")
            groups = [groups] if isinstance(groups, Dictionary) else list(groups or [])
            states = [shown(g, depth + 1) for g in groups if isinstance(g, Dictionary)]
            if not states:
                return True
            policy = str(oc.get("/P", "/AnyOn"))
            return {"/AllOn": all(states), "/AnyOff": not all(states), "/AllOff": not any(states)}.get(policy, any(states))
        return group_shown(oc)

    def evaluate(expression, depth: int) -> bool:
        if isinstance(expression, Dictionary):
            return shown(expression, depth + 1)
        try:
            operator, *operands = list(expression)
        except (TypeError, ValueError):
            return False
        states = [evaluate(o, depth + 1) for o in operands]
        return {"/And": all(states), "/Or": any(states), "/Not": not all(states)}.get(str(operator), False)

    for number, page in enumerate(pages, start=1):
        for oc in layers_used(page.obj):
            if not shown(oc):
                name = layer_name(oc)
                raise GuideError.at(where, None, f"page {number} has a hidden layer{f' ({name!r})' if name else ''} "
                                                 "that a viewer does not show (or does not print): the guide would print "
                                                 "it for everyone; export the PDF without hidden layers (delete them, or "
                                                 "flatten the PDF with only the visible layers) and build again")


def layer_name(oc) -> str:
    """A layer's name, or its groups' names for a membership dictionary (an expression of layers)."""
    from pikepdf import Array, Dictionary

    if not isinstance(oc, Dictionary):
        return ""
    if "/Name" in oc:
        return str(oc.Name)
    groups = oc.get("/OCGs")
    groups = [groups] if isinstance(groups, Dictionary) else list(groups) if isinstance(groups, Array) else []
    expression, todo = [], [oc.get("/VE")]
    while todo and len(expression) < 50:
        item = todo.pop()
        if isinstance(item, Dictionary):
            expression.append(item)
        elif isinstance(item, Array):
            todo.extend(item)
    names = [str(g.Name) for g in groups + expression if isinstance(g, Dictionary) and "/Name" in g]
    return ", ".join(dict.fromkeys(names))


def layers_used(page) -> list:
    """The optional-content dictionaries the page's drawing can name: its resources' properties and
    its pictures' and forms' /OC, through the forms it draws (which may draw themselves)."""
    from pikepdf import Dictionary, Stream

    found, seen, todo = [], set(), [inherited(page, "/Resources")]
    while todo and len(seen) < 10_000:
        resources = todo.pop()
        if not isinstance(resources, Dictionary) or resources.objgen in seen and resources.objgen != (0, 0):
            continue
        seen.add(resources.objgen)
        properties = resources.get("/Properties")
        if isinstance(properties, Dictionary):
            found += [p for _, p in properties.items() if isinstance(p, Dictionary) and "/Type" in p
                      and str(p.Type) in ("/OCG", "/OCMD")]
        xobjects = resources.get("/XObject")
        for _, xobject in (xobjects.items() if isinstance(xobjects, Dictionary) else []):
            if not isinstance(xobject, Stream) or xobject.objgen in seen and xobject.objgen != (0, 0):
                continue
            seen.add(xobject.objgen)
            if "/OC" in xobject:
                found.append(xobject.OC)
            todo.append(xobject.get("/Resources"))
    return found
