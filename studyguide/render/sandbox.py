"""The Jinja2 sandbox every template is rendered in: a theme is a folder passed around
between groups, and its templates are given the leader's notes (the facilitator edition).

Jinja2's own sandbox closes Python's back doors (`().__class__.__base__.__subclasses__()`,
underscored names, changing a list in place). It still lets a template call any public
method of what it is given, and `guide.path` is a `pathlib.Path`: `(guide.path.parent /
"x").write_text(body)` would copy the notes beside the participant files. So a template
may call only what a page needs: methods of plain values (text, numbers, dates, lists,
mappings), Jinja's own helpers (macros, `range`, `loop.cycle`, `super()`), and the
functions and methods of studyguide's own data that a template is handed. Anything else
(a path's, a file's, a module's) is refused as a `template error` at the template's line.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

VALUES = (str, Markup, int, float, bool, complex, dt.date, dt.datetime, dt.time, dt.timedelta,
          list, tuple, dict, set, frozenset, range, type(None))
CONSTRUCTORS = (dict, list, tuple, range, str, int, float, bool)  # `dict(a=1)`: Jinja's globals and filters' kin
OURS = ("studyguide.model", "studyguide.render.", "studyguide.distribute.runsheet", "studyguide.i18n")
NEVER = ("studyguide.render.sandbox",)  # nothing of this module's


def _module_allowed(module: str | None) -> bool:
    module = module or ""
    if module.startswith(NEVER):
        return False
    return module == "jinja2" or module.startswith("jinja2.") or module.startswith(OURS)


def safe_callable(obj: Any) -> bool:
    """May a template call this? Plain values' methods, Jinja's helpers, our own data's methods."""
    if isinstance(obj, functools.partial):
        return safe_callable(obj.func)
    if isinstance(obj, types.FunctionType) and hasattr(obj, "__wrapped__"):  # the sandbox's own str.format
        return safe_callable(obj.__wrapped__)
    if isinstance(obj, type):
        return obj in CONSTRUCTORS or (obj.__module__ or "").startswith("jinja2.")  # namespace(), cycler(), joiner()
    bound = getattr(obj, "__self__", None)
    if isinstance(obj, (types.BuiltinMethodType, types.MethodWrapperType, types.MethodType)) and bound is not None \
            and not isinstance(bound, types.ModuleType):
        if isinstance(bound, VALUES):
            return type(bound).__module__ in ("builtins", "datetime", "markupsafe")
        return _module_allowed(type(bound).__module__) and not isinstance(bound, type)
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)):
        return _module_allowed(getattr(obj, "__module__", None))
    return _module_allowed(type(obj).__module__)  # a macro, a cycler, a block's `super()`


class ThemeSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with calls limited as the module's docstring says."""

    def is_safe_callable(self, obj: Any) -> bool:
        return super().is_safe_callable(obj) and safe_callable(obj)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, types.ModuleType):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__qualname__", None) or type(__obj).__name__
            raise SecurityError(f"a theme's template may not call {name}() here: templates may only show what "
                                "they are given")
        return __context.call(__obj, *args, **kwargs)


def template_place(error: Exception) -> tuple[str, int | None]:
    """The template file and line a Jinja error comes from (the innermost template frame), for
    `PATH:LINE: error: template error …` rather than a traceback."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".j2", ".html"))]
    if frames:
        return frames[-1].filename, frames[-1].lineno
    return getattr(error, "filename", None) or "template", getattr(error, "lineno", None)


class ConfinedLoader(FileSystemLoader):
    """A theme's templates, read from inside its folder only. A template or an `{% include %}` that
    is a link to a file elsewhere (the guide itself, notes and all, into a PDF's metadata or a page's
    comment) is refused as a template error: a theme is passed between groups, and a link travels with it."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        folders = [Path(folder).resolve() for folder in self.searchpath]
        if filename and not any(Path(filename).resolve().is_relative_to(folder) for folder in folders):
            raise TemplateError(f"the theme's '{template}' is a link to a file outside the theme's folder: "
                                "copy what it needs into the theme instead")
        return source, filename, uptodate
