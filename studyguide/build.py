"""Build: every guide into its editions. Each guide on its own, so one bad guide
never stops the others; unchanged guides skipped; the rest laid out in worker
processes; every file written whole or not at all."""

from __future__ import annotations

import hashlib
import json
import re
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import EDITIONS
from .errors import Diagnostic, GuideError
from .files import TEMPLATES, write_atomically
from .incremental import inputs_digest, up_to_date
from .model import Guide, slug_for


@dataclass(frozen=True)
class Settings:
    out: Path = Path("build")
    theme: Path | None = None
    strict: bool = False
    jobs: int = 1
    long_edge: bool = False
    creep: float | None = None
    signature: int | None = None
    debug: bool = False
    allow_remote: bool = False
    max_bytes: int = 2_000_000
    timeout: float | None = 120.0  # seconds of layout per guide
    force: bool = False
    editions: tuple[str, ...] = EDITIONS
    defaults: tuple[tuple[str, str], ...] = ()  # front-matter defaults from studyguide.toml

    def output_options(self) -> dict:
        """The settings that change what a guide's files contain."""
        return {"long_edge": self.long_edge, "creep": self.creep, "signature": self.signature,
                "allow_remote": self.allow_remote, "editions": sorted(self.editions), "defaults": list(self.defaults)}


@dataclass
class Result:
    path: Path
    slug: str
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    sheets: int = 0
    paper: str = "a4"
    layouts: int = 0
    skipped: bool = False
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def find_guides(paths: list[Path]) -> list[Path]:
    """Each PATH a guide's file, a guide's folder, or a folder of guides."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif (path / "guide.md").is_file():
            found.append(path / "guide.md")
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix == ".md" and not child.name.startswith((".", "_")):
                    found.append(child)
                elif child.is_dir() and (child / "guide.md").is_file():
                    found.append(child / "guide.md")
    return found


def outputs(slug: str, sessions: int = 0) -> dict[str, str]:
    names = {
        "participant": f"{slug}.pdf",
        "facilitator": f"{slug}-facilitator.pdf",
        "booklet": f"{slug}-booklet.pdf",
        "questions": f"{slug}-questions.pdf",
        "questions-2up": f"{slug}-questions-2up.pdf",
        "press": f"{slug}-press.pdf",
        "large-print": f"{slug}-large-print.pdf",
        "epub": f"{slug}.epub",
    }
    for n in range(1, sessions + 1):
        names[f"questions-session-{n}"] = f"{slug}-questions-session-{n}.pdf"
    return names


@lru_cache(maxsize=4)
def notes_page(paper: str, lang: str, theme: Path | None) -> bytes:
    """The ruled page that pads booklets: laid out once per process."""
    from .pdf import html_to_pdf
    from .render import render_notes

    return html_to_pdf(render_notes(paper, lang, theme), TEMPLATES).pdf


class _Layouts:
    """Lays out one guide's documents against a shared deadline, counting them."""

    def __init__(self, guide: Guide, settings: Settings, result: Result) -> None:
        self.guide, self.settings, self.result = guide, settings, result
        self.roots = [guide.folder, TEMPLATES] + ([settings.theme] if settings.theme else [])
        self.deadline = time.monotonic() + settings.timeout if settings.timeout else None
        self.images: dict = {}  # decoded once for all of this guide's documents

    def __call__(self, html: str, what: str, **options):
        from .pdf import TimeLimit, html_to_pdf

        left = max(0.01, self.deadline - time.monotonic()) if self.deadline else None
        # A document identifier naming the guide and edition, the same on every rebuild.
        identifier = hashlib.sha256(f"studyguide:{self.guide.slug}:{what}".encode()).hexdigest()[:32].encode()
        try:
            rendered = html_to_pdf(html, self.guide.folder, self.roots, seconds=left, pdf_identifier=identifier,
                                   allow_remote=self.settings.allow_remote or self.guide.meta.remote, cache=self.images,
                                   **options)
        except TimeLimit:
            raise GuideError.at(self.guide.path, None, f"laying out the guide took longer than {self.settings.timeout:g} s "
                                                       "(the limit; see --timeout)") from None
        self.result.layouts += 1
        self.result.warnings.extend(Diagnostic(self.guide.path, None, f"{what}: {m}", "warning") for m in rendered.warnings)
        return rendered


def make_files(guide: Guide, settings: Settings, result: Result, texts: dict[str, str]) -> dict[str, bytes]:
    """Every edition of one guide, as bytes keyed by edition. The participant
    edition is laid out once; booklet and press PDF are made from its pages.
    `texts` gets the laid-out text of what participants receive, for the leak check."""
    from .render import render_guide, render_questions, words_for

    layout, theme, wanted = _Layouts(guide, settings, result), settings.theme, set(settings.editions)
    files: dict[str, bytes] = {}
    # The screen editions are tagged PDFs: reading order, headings, lists, tables, alt text, language.
    participant = layout(render_guide(guide, "participant", theme), "participant edition", pdf_tags=True)
    result.pages = participant.pages
    texts["participant"] = participant.text
    if "participant" in wanted:
        files["participant"] = participant.pdf
    if "facilitator" in wanted:
        files["facilitator"] = layout(render_guide(guide, "facilitator", theme), "facilitator edition", pdf_tags=True).pdf
    if "large-print" in wanted:
        large = layout(render_guide(guide, "large-print", theme), "large-print edition", pdf_tags=True)
        files["large-print"], texts["large-print"] = large.pdf, large.text
    if wanted & {"booklet", "press", "questions"}:
        from .impose import Options, impose, press, two_up  # pypdf: only when something is imposed
        from .scripts import direction
    if "booklet" in wanted:
        options = Options(guide.meta.paper, settings.long_edge, settings.creep, settings.signature,
                          rtl=direction(guide.meta.lang) == "rtl")
        words = words_for(guide.meta.lang, theme)
        booklet = impose(participant.pdf, options, notes_page=notes_page(guide.meta.paper, guide.meta.lang, theme),
                         metadata={"/Subject": f"{words['print_only']} {guide.slug}.pdf"})
        files["booklet"], result.sheets = booklet.pdf, booklet.sheets
    if "press" in wanted:
        files["press"] = press(participant.pdf)
    if "epub" in wanted:
        from .epub import make_epub

        files["epub"] = make_epub(guide, participant.pdf)
    if "questions" in wanted and guide.questions:
        handout = layout(render_questions(guide, theme), "question handout")
        files["questions"], texts["questions"] = handout.pdf, handout.text
        half = layout(render_questions(guide, theme, size="half"), "question handout (A5)")
        files["questions-2up"], texts["questions-2up"] = two_up(half.pdf, guide.meta.paper), half.text
        sessions = [s.title for s in guide.sections if s.session]
        asked = [s for s in sessions if any(q.section == s for q in guide.questions)]
        if len(asked) > 1:
            for n, session in enumerate(asked, start=1):
                one = layout(render_questions(guide, theme, session=session), f"handout for {session}")
                files[f"questions-session-{n}"], texts[f"questions-session-{n}"] = one.pdf, one.text
    elif "questions" in wanted:
        result.warnings.append(Diagnostic(guide.path, None, "no discussion questions: no question handout is made", "warning"))
    return files


def build_guide(path: Path, settings: Settings, digest: str = "") -> Result:
    """Read, render, lay out and impose one guide; report, never raise, a user's error."""
    import jinja2

    from .catalogue import guide_page
    from .leaks import leaks
    from .read import read

    result = Result(path=path, slug=slug_for(path))
    try:
        guide = read(path, settings.max_bytes, dict(settings.defaults))
        result.warnings.extend(guide.warnings)
        result.paper = guide.meta.paper
        texts: dict[str, str] = {}
        files = make_files(guide, settings, result, texts)
        leaked = leaks(guide, texts)
        if leaked:
            raise GuideError([Diagnostic(path, None, f"facilitator notes leaked into {where}: “{text}”") for where, text in leaked])
        if settings.strict and result.warnings:
            raise GuideError([Diagnostic(d.path, d.line, d.message) for d in result.warnings])
        names = outputs(guide.slug, sessions=len([k for k in files if k.startswith("questions-session")]))
        folder = settings.out / guide.slug
        targets = {folder / names[key]: data for key, data in files.items()}
        if "web" in settings.editions:  # the guide's page and cover thumbnail, for the catalogue
            web = guide_page(guide, files, names, result.pages, result.sheets, settings.theme)
            leaked = leaks(guide, {}, {"web page": web["index.html"].decode("utf-8")})
            if leaked:
                raise GuideError([Diagnostic(path, None, f"facilitator notes leaked into {where}: “{text}”") for where, text in leaked])
            targets.update({folder / name: data for name, data in web.items()})
        record = catalogue_record(guide, {key: names[key] for key in files}, result, digest)
        targets[folder / "guide.json"] = json.dumps(record, indent=2, ensure_ascii=False).encode()
        write_atomically(targets)
        result.files = [folder / names[key] for key in files]
    except GuideError as error:
        result.errors.extend(error.diagnostics)
    except jinja2.TemplateError as error:  # a theme's template: name it and its line
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".j2", ".html"))]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else (
            getattr(error, "filename", None) or "template", getattr(error, "lineno", None))
        result.errors.append(Diagnostic(where, line, f"template error while building {path}: {error.message}"))
    except Exception as exc:  # a bug of ours or a library's: still one line, and the batch goes on
        if settings.debug:
            raise
        result.errors.append(Diagnostic(path, None, f"internal error ({type(exc).__name__}: {exc}); run with --debug for details"))
    return result


def catalogue_record(guide: Guide, files: dict[str, str], result: Result, digest: str) -> dict:
    meta = guide.meta
    return {
        "slug": guide.slug,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "date": meta.date.isoformat() if meta.date else None,
        "group": meta.group,
        "tags": list(meta.tags),
        "reading": [asdict(r) for r in meta.reading],
        "pages": result.pages,
        "sheets": result.sheets,
        "paper": meta.paper,
        "questions": len(guide.questions),
        "files": files,
        "inputs": digest,
        "warnings": [[str(d.path), d.line, d.message] for d in result.warnings],
    }


def _skipped(path: Path, record: dict, out: Path) -> Result:
    folder = out / record["slug"]
    warnings = [Diagnostic(where, line, message, "warning") for where, line, message in record.get("warnings", [])]
    return Result(path, record["slug"], files=[folder / name for name in record["files"].values()], pages=record["pages"],
                  sheets=record["sheets"], paper=record.get("paper", "a4"), skipped=True, warnings=warnings)


def build(paths: list[Path], settings: Settings, progress=None) -> list[Result]:
    """Build every guide found under `paths`; the catalogue is rewritten at the end."""
    guides = find_guides(paths)
    results: list[Result] = []
    seen: dict[str, Path] = {}
    todo: list[tuple[Path, str]] = []
    templates = [TEMPLATES] + ([settings.theme] if settings.theme else [])
    for path in guides:
        slug = slug_for(path)
        if slug in seen:
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"another guide is also named '{slug}': {seen[slug]}")]))
            continue
        if not re.fullmatch(r"[\w.-]+", slug):
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"'{slug}' cannot name output files: use letters, digits, '-', '_' or '.'")]))
            continue
        seen[slug] = path
        try:
            digest = inputs_digest(path, settings.output_options(), templates)
        except OSError as exc:
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"cannot read the guide: {exc.strerror or exc}")]))
            continue
        record = None if settings.force else up_to_date(settings.out / slug / "guide.json", digest)
        if record and not (settings.strict and record.get("warnings")):
            results.append(_skipped(path, record, settings.out))
        else:
            todo.append((path, digest))
    todo.sort(key=lambda item: -item[0].stat().st_size)  # longest first: the last worker is not left with the 120-page guide
    results.extend(_run(todo, settings, progress))
    order = {path: n for n, path in enumerate(guides)}
    results.sort(key=lambda r: order.get(r.path, 0))
    if todo or not (settings.out / "index.html").exists() and any(r.ok for r in results):
        from .catalogue import write_catalogue

        write_catalogue(settings.out, settings.theme)
    return results


def _run(todo: list[tuple[Path, str]], settings: Settings, progress=None) -> list[Result]:
    """Lay out in worker processes; a worker's failure is reported with its guide, never lost.
    `progress(done, total, slug)` is told as each guide finishes."""
    results: list[Result] = []

    def done(result: Result) -> None:
        results.append(result)
        if progress:
            progress(len(results), len(todo), result.slug)

    if settings.jobs <= 1 or len(todo) <= 1:
        for path, digest in todo:
            done(build_guide(path, settings, digest))
        return results
    with ProcessPoolExecutor(max_workers=min(settings.jobs, len(todo))) as pool:
        futures = {pool.submit(build_guide, path, settings, digest): path for path, digest in todo}
        for future in as_completed(futures):
            path = futures[future]
            try:
                done(future.result())
            except Exception as exc:
                done(Result(path, slug_for(path), errors=[Diagnostic(path, None, f"the worker building this guide failed: {exc!r}")]))
    return results
