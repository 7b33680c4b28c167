"""Build: every guide into its editions. Each guide on its own, so one bad guide
never stops the others; unchanged guides skipped; the rest laid out in worker
processes; every file written whole or not at all."""

from __future__ import annotations

import hashlib
import os
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from urllib.request import url2pathname

from studyguide.editions import Edition, Output
from studyguide.errors import Diagnostic, GuideError
from studyguide.files import TEMPLATES, write_atomically
from studyguide.build.incremental import inputs_digest, sources
from studyguide.build.outplace import overwrites
from studyguide.build.stale import ALWAYS, MADE, manifest, take_away
from studyguide.model import Guide, slug_for
from studyguide.record import NAME, GuideRecord, forget_gone, source_of
from studyguide.settings import Settings  # noqa: F401 - declared with the settings table; imported from here too
from studyguide.slugs import check as check_slug
from studyguide.slugs import problem as slug_problem


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


def near_misses(paths: list[Path]) -> list[Diagnostic]:
    """Files in a folder of guides that were surely meant as guides but are not read as one: `week3.md.txt`
    (as Notepad and TextEdit save), `Week3.MD`, `notes.markdown`, a front matter in a `.txt`, a folder's
    `Guide.md`. Without a word the guide would be missing from the pile at the printer."""
    said: list[Diagnostic] = []
    for path in paths:
        path = Path(os.path.normpath(path))
        if not path.is_dir() or (path / "guide.md").is_file():
            continue
        for child in sorted(path.iterdir()):
            if child.name.startswith((".", "_")):
                continue
            if child.is_dir() and not (child / "guide.md").is_file():
                inside = sorted(f.name for f in child.iterdir() if f.is_file() and _meant(f, "guide"))
                if inside:
                    said.append(Diagnostic(child / inside[0], None, "not built: a guide in its own folder is named "
                                           "'guide.md', in lower case; rename this file 'guide.md'", "warning"))
            elif child.is_file() and child.suffix.lower() in (".docx", ".doc", ".odt", ".rtf", ".pages"):
                said.append(Diagnostic(child, None, "not built: a word processor's file is not a guide; save it as plain "
                                       f"text named '{child.stem}.md' (and add the top: '---', 'title: …', '---'), or "
                                       "copy its text into a new guide ('studyguide new')", "warning"))
            elif child.is_file() and child.suffix != ".md" and _meant(child):
                stem = re.sub(r"(?i)(?:\.(?:md|markdown|mdown|mkd|txt|text))+\s*$", "", child.name.strip())
                said.append(Diagnostic(child, None, f"not built: studyguide builds files whose names end in '.md'; "
                                       f"rename it '{stem or 'guide'}.md' if it is a guide", "warning"))
    return said


def _meant(file: Path, stem: str | None = None) -> bool:
    """A Markdown name in another spelling, or a text file that opens with a guide's front matter."""
    name = file.name.strip().lower()
    if stem is not None:
        return re.fullmatch(re.escape(stem) + r"(?:\.(?:md|markdown|mdown|mkd))+(?:\.txt)?", name) is not None \
            and file.name != "guide.md"
    if re.search(r"\.(?:md|markdown|mdown|mkd)(?:\.txt)?$", name):
        return True
    if re.search(r"\.(?:txt|text)$", name):
        try:
            with file.open("rb") as handle:
                head = handle.read(2048).lstrip(b"\xef\xbb\xbf")
        except OSError:
            return False
        return head.startswith(b"---") and re.search(rb"(?m)^title\s*:", head) is not None
    return False


def _said_at_its_line(message: str, said: str) -> bool:
    """WeasyPrint's ".notdef glyph rendered for … (U+1F4CC)", once per edition and with no line, where the
    reader has already named that character at its line ("no font has '📌' (U+1F4CC, pushpin)")."""
    code = re.search(r"^\.notdef glyph rendered.*\((U\+[0-9A-F]{4,6})\)", message)
    return bool(code and f"({code.group(1)}" in said)


class _Layouts:
    """Lays out one guide's documents against a shared deadline, counting them."""

    def __init__(self, guide: Guide, settings: Settings, result: Result) -> None:
        self.guide, self.settings, self.result = guide, settings, result
        self.roots = [guide.folder, TEMPLATES] + ([settings.theme] if settings.theme else [])
        self.deadline = time.monotonic() + settings.timeout if settings.timeout else None
        self.images: dict = {}  # decoded once for all of this guide's documents that may load the same pictures
        from studyguide.read.sanitize import REMOTE_SRC_RE  # every picture the sanitized markup shows

        shown = {name: {src for _, src in REMOTE_SRC_RE.findall(markup)} for name, markup in guide.html.items()}
        # Pictures only the leader's notes show: a document whose own markup does not name one never loads it,
        # whatever its stylesheets ask (a theme's `body::after { content: url(answers.png) }`).
        self.notes_only = {src: guide.folder / url2pathname(unquote(src))
                           for src in shown.get("facilitator", set()) - shown.get("participant", set())
                           if ":" not in src.split("/", 1)[0]}

    def __call__(self, html: str, what: str, **options):
        from studyguide.pdf.write import TimeLimit, html_to_pdf

        left = max(0.01, self.deadline - time.monotonic()) if self.deadline else None
        # A document identifier naming the guide and edition, the same on every rebuild.
        identifier = hashlib.sha256(f"studyguide:{self.guide.slug}:{what}".encode()).hexdigest()[:32].encode()
        try:
            withheld = frozenset(path for src, path in self.notes_only.items() if f'src="{src}"' not in html)
            rendered = html_to_pdf(html, self.guide.folder, self.roots, seconds=left, pdf_identifier=identifier,
                                   allow_remote=self.settings.allow_remote or self.guide.meta.remote,
                                   cache=self.images.setdefault(withheld, {}),  # WeasyPrint's cache is keyed by URL
                                   withheld=withheld, **options)
        except TimeLimit:
            raise GuideError.at(self.guide.path, None, f"building the guide took longer than {self.settings.timeout:g} s "
                                                       "(the limit; see --timeout)") from None
        self.result.layouts += 1
        if self.guide.article is not None:  # a PDF reading's pages drawn on the pages kept for them
            from studyguide.read.pdfreading import bind

            rendered.pdf = bind(self.guide.article, rendered.pdf)
        said = " ".join(d.message for d in self.guide.warnings)
        self.result.warnings.extend(Diagnostic(self.guide.path, None, f"{what}: {m}", "warning") for m in rendered.warnings
                                    if not _said_at_its_line(m, said))
        return rendered


def make_files(guide: Guide, settings: Settings, result: Result) -> list[tuple[Edition, list[Output]]]:
    """Every wanted edition of one guide, from the table, each after what it needs (made
    but not kept when not wanted itself: the booklet needs the participant pages)."""
    from studyguide.editions import Job, order

    from studyguide.build import parallel

    job = Job(guide, settings, result, _Layouts(guide, settings, result))
    editions = order(set(settings.editions))
    if parallel.CORES > 1:  # the spare cores of a build with fewer guides than jobs: editions side by side
        parallel.make_editions(job, [e for e in editions if not e.last], parallel.CORES)
    made = []
    for edition in editions:
        if edition.name not in job.made:
            job.made[edition.name] = edition.make(job)
        if edition.name in settings.editions:
            made.append((edition, job.made[edition.name]))
    return made


def build_guide(path: Path, settings: Settings, digest: str = "", ahead: bytes | None = None) -> Result:
    """Read, render, lay out and impose one guide; report, never raise, a user's error.
    `ahead`: the guide as a reader process read it (studyguide.build.ahead)."""
    import jinja2

    from studyguide.build.promises import (check_leaks, check_questions, check_seen, handout_texts, participant_texts,
                                           seen_texts)

    from studyguide.build import readback

    readback.forget()
    result = Result(path=path, slug=slug_for(path))
    try:
        if ahead:
            import pickle

            from studyguide.pdf.fetch import OPENED

            started, guide, opened = pickle.loads(ahead)
            OPENED.update(opened)
        else:
            from studyguide.read.reader import read

            started = _stamp(path)
            guide = read(path, settings.max_bytes, dict(settings.defaults), settings.theme)
            started = stamps(guide, started)
        result.warnings.extend(guide.warnings)
        result.paper = guide.meta.paper
        made = make_files(guide, settings, result)
        from studyguide.distribute.extras import extras

        extra = extras(guide, result, settings)  # the sessions' calendar; the run sheet's warnings
        texts = participant_texts(made)
        check_leaks(guide, texts)  # the two locks, which share no code with the reader
        check_questions(guide, handout_texts(made))
        check_seen(guide, seen_texts(made))  # and as the pages' pixels show them
        if settings.strict and result.warnings:
            raise GuideError([Diagnostic(d.path, d.line, d.message) for d in result.warnings])
        folder = settings.out / check_slug(guide.slug, path)  # one plain name: never `..`, never a path
        targets = {folder / o.name: o.data for _, outputs in made for o in outputs}
        files = {o.key: o.name for edition, outputs in made if edition.listed for o in outputs}
        record = GuideRecord.made(guide, files, result, long_edge=settings.long_edge, source=source_of(path, settings.out),
                                  web="web" in settings.editions, **_inputs(guide, settings, started))
        targets.update(record.targets(folder))  # guide.json, and the leader's part in facilitator/
        check_leaks(guide, {NAME: targets[folder / NAME].decode("utf-8")})  # shared with the pages
        targets.update({folder / name: data for name, data in extra.items()})
        from studyguide.build.nolive import check_outputs

        live = check_outputs(targets, settings.theme, settings.allow_remote or guide.meta.remote)  # a theme's live page
        if live:
            raise GuideError(live)
        made_by = {folder / o.name: edition.name for edition, outputs in made for o in outputs}
        listed, gone = manifest(folder, {path: made_by.get(path, ALWAYS) for path in targets},
                                {edition.name for edition, _ in made})
        from studyguide.build.kept import check_kept

        listed, stale, said = check_kept(guide, folder, listed, set(targets))  # yesterday's files against today's notes
        gone += stale
        result.warnings.extend(said)
        targets[folder / MADE] = listed  # what this build wrote: the next one takes away what it no longer makes
        from studyguide.build import readback
        from studyguide.pdf.preflight import check_files

        check_files(targets, readback.preflight)  # a PDF that fails is our bug: an internal error below, and yesterday's files stay
        from studyguide.pdf.fetch import OPENED

        clobbered = overwrites(path, set(OPENED) | set(guide.depends), list(targets))
        if clobbered:
            raise GuideError([clobbered])
        try:
            write_atomically(targets, root=settings.out)  # no folder below OUT may be a link
        except OSError as exc:  # a read-only or full disk, a file where a folder should be
            raise GuideError.at(path, None, f"cannot write into {folder}: {exc.strerror or exc}") from None
        take_away([file for file in gone if file not in targets], settings.out)
        result.files = [folder / name for name in files.values()]
        # Where the facilitator edition was written before it had a folder of its own: not left in a shared folder.
        (folder / f"{guide.slug}-facilitator.pdf").unlink(missing_ok=True)
    except GuideError as error:  # its warnings stay warnings: printed with the errors, in line order
        result.errors.extend(d for d in error.diagnostics if d.level != "warning")
        result.warnings.extend(d for d in error.diagnostics if d.level == "warning")
        from studyguide.build.kept import after_failure

        result.warnings.extend(after_failure(path, settings.out, result.slug))  # yesterday's files against today's notes
    except jinja2.TemplateError as error:  # a theme's template: name it and its line
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".j2", ".html"))]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else getattr(error, "studyguide_place", None) or (
            getattr(error, "filename", None) or "template", getattr(error, "lineno", None))
        result.errors.append(Diagnostic(where, line, f"template error while building {path}: {error.message}"))
    except Exception as exc:  # a bug of ours or a library's: still one line, and the batch goes on
        if settings.debug:
            raise
        result.errors.append(Diagnostic(path, None, f"internal error ({type(exc).__name__}: {exc}); run with --debug for details"))
    return result


def stamps(guide: Guide, before: tuple[int, int] | None) -> dict[str, tuple[int, int] | None]:
    """The guide file's stamp from before it was read, and those of the files its reading
    named (its reading, its images), taken just after: one of them saved while the guide is
    laid out (seconds) and the record does not claim the new one was printed."""
    found = {str(guide.path): before}
    for file in guide.depends:
        found.setdefault(str(file), _stamp(Path(file)))
    return found


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _inputs(guide: Guide, settings: Settings, started: dict[str, tuple[int, int] | None]) -> dict:
    """The files this build read, and their digest; none when the guide, its reading or an
    image it names was saved while it was being built (the next run builds it again)."""
    from studyguide.pdf.fetch import OPENED

    used = sources(guide, OPENED)
    digest = inputs_digest(guide.path, settings.output_options(), _templates(settings), used)
    unchanged = all(_stamp(Path(file)) == stamp for file, stamp in started.items())
    return {"sources": used, "inputs": digest if unchanged else ""}


def _templates(settings: Settings) -> list[Path]:
    return [TEMPLATES] + ([settings.theme] if settings.theme else [])


def _skipped(path: Path, record: GuideRecord, out: Path) -> Result:
    folder = out / record.slug
    # a record names a warning's file from the guide's folder (record._from_guide): printed in full again
    warnings = [Diagnostic(path.parent / where if where and not os.path.isabs(where) else where, line, message, "warning")
                for where, line, message in record.warnings]
    return Result(path, record.slug, files=[folder / name for name in record.files.values()], pages=record.pages,
                  sheets=record.sheets, paper=record.paper, press=record.press, skipped=True, warnings=warnings)


def build(paths: list[Path], settings: Settings, progress=None) -> list[Result]:
    """Build every guide found under `paths`; the catalogue is rewritten at the end."""
    from studyguide.build.incremental import new_round

    new_round()
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
        last = None if settings.force else GuideRecord.load(settings.out / slug / NAME, leader=True)
        digest = inputs_digest(path, settings.output_options(), templates, [str(s) for s in last.sources] if last else [])
        if last and last.current(settings.out / slug, digest) and not (settings.strict and last.warnings):
            results.append(_skipped(path, last, settings.out))
        else:
            todo.append((path, digest))
    todo.sort(key=lambda item: -item[0].stat().st_size)  # longest first: the last worker is not left with the 120-page guide
    results.extend(_run(todo, settings, progress))
    order = {path: n for n, path in enumerate(guides)}
    results.sort(key=lambda r: order.get(r.path, 0))
    forget_gone(settings.out)
    if any(r.ok for r in results) or (settings.out / "index.html").exists():
        # Every run, from the guide records on disk: a run killed after a guide's
        # files were renamed but before this line leaves no stale entry behind.
        from studyguide.render.catalogue import write_catalogue

        import jinja2

        try:
            write_catalogue(settings.out, settings.theme, dict(settings.defaults).get("lang"))
        except jinja2.TemplateError as error:  # a theme's catalogue template: its file and line, no traceback
            from studyguide.render.sandbox import template_place

            where, line = template_place(error)
            results.append(Result(Path(where), "(catalogue)", errors=[
                Diagnostic(where, line, f"template error while writing the catalogue: {error.message}")]))
        except OSError as exc:  # reported like a guide's failure; the guides' own reports still stand
            where = Path(exc.filename) if exc.filename else settings.out / "index.html"
            results.append(Result(where, "(catalogue)", errors=[
                Diagnostic(where, None, f"cannot write the catalogue: {exc.strerror or exc}")]))
    return results


def _run(todo: list[tuple[Path, str]], settings: Settings, progress=None) -> list[Result]:
    """Each guide in a worker process killed at --timeout; a worker's failure is
    reported with its guide, never lost. `progress(done, total, slug)` is told as each guide finishes."""
    from studyguide.build import worker
    from studyguide.build.ahead import read_ahead, taken

    results: list[Result] = []

    def done(result: Result) -> None:
        results.append(result)
        if progress:
            progress(len(results), len(todo), result.slug)

    if todo:
        early: dict = {}
        try:
            with worker.signals_held():  # an interruption waits until the libraries are loaded
                early = read_ahead([path for path, _ in todo], settings)  # before WeasyPrint is loaded
                side_by_side = settings.jobs > len(todo) and len(settings.editions) > 1  # see studyguide.build.parallel
                worker.warm(settings.theme, tuple(settings.editions), reader=len(early) < len(todo),
                            checking=not side_by_side)
            worker.run(todo, build_guide, settings, done, early)
        finally:
            for path in list(early):  # readers of guides not handed out (interrupted)
                taken(early, path)
    return results
