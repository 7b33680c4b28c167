"""Build: every guide into its editions. Each guide on its own, so one bad guide
never stops the others; unchanged guides skipped; the rest laid out in worker
processes; every file written whole or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import EDITIONS
from .errors import Diagnostic, GuideError
from .files import TEMPLATES, write_atomically
from .incremental import inputs_digest, previous, sources, up_to_date
from .model import Guide, slug_for
from .slugs import check as check_slug
from .slugs import problem as slug_problem


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
    press: str = ""  # what the press PDF is, for a print shop's order form
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
        path = Path(os.path.normpath(path))  # `guides/x/..` is guides: its slug is never ".."
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


def outputs(slug: str, sessions=()) -> dict[str, str]:
    """File names by edition; `sessions`: the numbers of the sessions that have a handout."""
    names = {
        "participant": f"{slug}.pdf",
        "facilitator": f"facilitator/{slug}-facilitator.pdf",  # for the leader: linked from no shared page
        "booklet": f"{slug}-booklet.pdf",
        "questions": f"{slug}-questions.pdf",
        "questions-2up": f"{slug}-questions-2up.pdf",
        "press": f"{slug}-press.pdf",
        "large-print": f"{slug}-large-print.pdf",
        "epub": f"{slug}.epub",
    }
    for n in (range(1, sessions + 1) if isinstance(sessions, int) else sessions):
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
            raise GuideError.at(self.guide.path, None, f"building the guide took longer than {self.settings.timeout:g} s "
                                                       "(the limit; see --timeout)") from None
        self.result.layouts += 1
        if self.guide.article is not None:  # a PDF reading's pages drawn on the pages kept for them
            from .pdfreading import bind

            rendered.pdf = bind(self.guide.article, rendered.pdf)
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
        from .printshop import brief

        told: dict = {}
        files["press"] = press(participant.pdf, notes_page=notes_page(guide.meta.paper, guide.meta.lang, theme), told=told)
        result.press = brief(told)
    if "epub" in wanted:
        from .epub import make_epub

        files["epub"] = make_epub(guide, participant.pdf)
    if "questions" in wanted and guide.questions:
        handout = layout(render_questions(guide, theme), "question handout")
        files["questions"], texts["questions"] = handout.pdf, handout.text
        half = layout(render_questions(guide, theme, size="half"), "question handout (A5)")
        files["questions-2up"], texts["questions-2up"] = two_up(half.pdf, guide.meta.paper), half.text
        for number, session in session_handouts(guide):
            one = layout(render_questions(guide, theme, session=session), f"handout for {session}")
            files[f"questions-session-{number}"], texts[f"questions-session-{number}"] = one.pdf, one.text
    if "epub" in files:
        from .leaks import epub_text

        texts["epub"] = epub_text(files["epub"])
    for key in ("booklet", "press"):  # made from the participant pages: read back what they hold
        if key in files:
            from .leaks import pdf_text

            texts[key] = pdf_text(files[key])
    return files


def session_handouts(guide: Guide) -> list[tuple[int, str]]:
    """(number, title) of each session that asks questions, numbered as its heading numbers it
    ("Session 4" is session 4 even when session 3 asks nothing), else by its place among sessions."""
    sessions = [s for s in guide.sections if s.session]
    asked = [(s.number or place, s.title) for place, s in enumerate(sessions, start=1)
             if any(q.section == s.title for q in guide.questions)]
    numbers = [n for n, _ in asked]
    if len(set(numbers)) != len(numbers):  # "Session 1" twice: number them as they stand
        asked = [(place, title) for place, (_, title) in enumerate(asked, start=1)]
    return asked if len(asked) > 1 else []


def build_guide(path: Path, settings: Settings, digest: str = "") -> Result:
    """Read, render, lay out and impose one guide; report, never raise, a user's error."""
    import jinja2

    from .catalogue import guide_page
    from .read import read

    result = Result(path=path, slug=slug_for(path))
    try:
        started = _stamp(path)
        guide = read(path, settings.max_bytes, dict(settings.defaults), settings.theme)
        result.warnings.extend(guide.warnings)
        result.paper = guide.meta.paper
        texts: dict[str, str] = {}
        files = make_files(guide, settings, result, texts)
        from .distribute import extras

        extra = extras(guide, result, settings)  # the sessions' calendar, the sign-in sheet; the run sheet's warnings
        check_leaks(guide, texts)
        check_questions(guide, texts)
        if settings.strict and result.warnings:
            raise GuideError([Diagnostic(d.path, d.line, d.message) for d in result.warnings])
        names = outputs(guide.slug, sessions=[int(k.rsplit("-", 1)[1]) for k in files if k.startswith("questions-session-")])
        folder = settings.out / check_slug(guide.slug, path)  # one plain name: never `..`, never a path
        targets = {folder / names[key]: data for key, data in files.items()}
        if "web" in settings.editions:  # the guide's page and cover thumbnail, for the catalogue
            web = guide_page(guide, files, names, result.pages, result.sheets, settings.theme,
                             remote=settings.allow_remote or guide.meta.remote)
            check_leaks(guide, {"web page": web["index.html"].decode("utf-8")})
            targets.update({folder / name: data for name, data in web.items()})
        record = catalogue_record(guide, {key: names[key] for key in files}, result, digest)
        record.update(_inputs(guide, settings, started))
        targets[folder / "guide.json"] = json.dumps(record, indent=2, ensure_ascii=False).encode()
        targets.update({folder / name: data for name, data in extra.items()})
        from .preflight import check_files

        check_files(targets)  # a PDF that fails is our bug: an internal error below, and yesterday's files stay
        try:
            write_atomically(targets)
        except OSError as exc:  # a read-only or full disk, a file where a folder should be
            raise GuideError.at(path, None, f"cannot write into {folder}: {exc.strerror or exc}") from None
        result.files = [folder / names[key] for key in files]
        # Where the facilitator edition was written before it had a folder of its own: not left in a shared folder.
        (folder / f"{guide.slug}-facilitator.pdf").unlink(missing_ok=True)
    except GuideError as error:  # its warnings stay warnings: printed with the errors, in line order
        result.errors.extend(d for d in error.diagnostics if d.level != "warning")
        result.warnings.extend(d for d in error.diagnostics if d.level == "warning")
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


def check_leaks(guide: Guide, texts: dict[str, str]) -> None:
    """The second lock: whatever the reader did, no run of a note's words in a participant output."""
    from .leaks import leaks

    leaked = leaks(guide, texts)
    if leaked:
        raise GuideError([Diagnostic(guide.path, line, f"facilitator notes would reach participants in the {where}: "
                                     f"“{words}…” (the note written here); nothing was written") for where, line, words in leaked])


def check_questions(guide: Guide, texts: dict[str, str]) -> None:
    """Every question and follow-up the reader found is on the handout the layout drew; and,
    by a scan of the source that shares nothing with the reader, every question written."""
    from .leaks import fingerprint
    from .promises import unasked

    for key in [k for k in texts if k == "questions" or k == "questions-2up"]:
        missed = unasked(guide, texts[key], f"{key} handout")
        if missed:
            raise GuideError(missed)
        drawn = fingerprint(texts[key])
        missing = [q for q in guide.questions for text in (q.text, *q.followups) if fingerprint(text)[:60] not in drawn]
        if missing:
            raise GuideError.at(guide.path, None, f"question {missing[0].number} (“{missing[0].text[:60]}”) is missing "
                                                  f"from the {key} handout; nothing was written")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _inputs(guide: Guide, settings: Settings, started: tuple[int, int] | None) -> dict:
    """The files this build read, and their digest; none when the guide was saved
    while it was being built (the next run builds it again)."""
    from .fetch import OPENED

    used = sources(guide, OPENED)
    digest = inputs_digest(guide.path, settings.output_options(), _templates(settings), used)
    return {"sources": used, "inputs": digest if _stamp(guide.path) == started else ""}


def _templates(settings: Settings) -> list[Path]:
    return [TEMPLATES] + ([settings.theme] if settings.theme else [])


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
        "press": result.press,
        "files": files,
        "base_url": meta.base_url,  # for the feed's and calendars' links
        "inputs": digest,
        "warnings": [[str(d.path), d.line, d.message] for d in result.warnings],
    }


def _skipped(path: Path, record: dict, out: Path) -> Result:
    folder = out / record["slug"]
    warnings = [Diagnostic(where, line, message, "warning") for where, line, message in record.get("warnings", [])]
    return Result(path, record["slug"], files=[folder / name for name in record["files"].values()], pages=record["pages"],
                  sheets=record["sheets"], paper=record.get("paper", "a4"), press=record.get("press", ""), skipped=True, warnings=warnings)


def build(paths: list[Path], settings: Settings, progress=None) -> list[Result]:
    """Build every guide found under `paths`; the catalogue is rewritten at the end."""
    guides = find_guides(paths)
    results: list[Result] = []
    seen: dict[str, Path] = {}
    todo: list[tuple[Path, str]] = []
    templates = _templates(settings)
    for path in guides:
        slug = slug_for(path)
        if slug in seen:
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"another guide is also named '{slug}': {seen[slug]}")]))
            continue
        why = slug_problem(slug)
        if why:
            results.append(Result(path, slug, errors=[Diagnostic(path, None, why)]))
            continue
        seen[slug] = path
        try:
            size = path.stat().st_size  # by stat: a 1 GB guide is refused unread
        except OSError as exc:
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"cannot read the guide: {exc.strerror or exc}")]))
            continue
        if size > settings.max_bytes:
            results.append(Result(path, slug, errors=[Diagnostic(
                path, None, f"the guide is {size:,} bytes; the limit is {settings.max_bytes:,} (--max-size)")]))
            continue
        record_file = settings.out / slug / "guide.json"
        last = None if settings.force else previous(record_file)
        sources_then = last.get("sources", []) if last and isinstance(last.get("sources"), list) else []
        digest = inputs_digest(path, settings.output_options(), templates, [str(s) for s in sources_then])
        record = up_to_date(record_file, digest, last) if last else None
        if record and not (settings.strict and record.get("warnings")):
            results.append(_skipped(path, record, settings.out))
        else:
            todo.append((path, digest))
    todo.sort(key=lambda item: -item[0].stat().st_size)  # longest first: the last worker is not left with the 120-page guide
    results.extend(_run(todo, settings, progress))
    order = {path: n for n, path in enumerate(guides)}
    results.sort(key=lambda r: order.get(r.path, 0))
    if any(r.ok for r in results) or (settings.out / "index.html").exists():
        # Every run, from the guide records on disk: a run killed after a guide's
        # files were renamed but before this line leaves no stale entry behind.
        from .catalogue import write_catalogue

        try:
            write_catalogue(settings.out, settings.theme)
        except OSError as exc:  # reported like a guide's failure; the guides' own reports still stand
            where = settings.out / "index.html"
            results.append(Result(where, "(catalogue)", errors=[
                Diagnostic(where, None, f"cannot write the catalogue: {exc.strerror or exc}")]))
    return results


def _run(todo: list[tuple[Path, str]], settings: Settings, progress=None) -> list[Result]:
    """Each guide in a worker process killed at --timeout; a worker's failure is
    reported with its guide, never lost. `progress(done, total, slug)` is told as each guide finishes."""
    from . import worker

    results: list[Result] = []

    def done(result: Result) -> None:
        results.append(result)
        if progress:
            progress(len(results), len(todo), result.slug)

    if todo:
        worker.warm(settings.theme)
        worker.run(todo, build_guide, settings, done)
    return results
