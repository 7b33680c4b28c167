"""Build: every guide into its editions, each guide on its own so that one bad
guide never stops the others, and every file written whole or not at all."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import Diagnostic, GuideError
from .impose import Options, impose, press, two_up
from .read import read, slug_for

EDITIONS = ("participant", "facilitator", "booklet", "questions", "press")


@dataclass
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


@dataclass
class Result:
    path: Path
    slug: str
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    sheets: int = 0
    paper: str = "a4"
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


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name first, then rename all into place:
    a failure or an interrupt leaves yesterday's files as they were."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a killed run
                stale.unlink(missing_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((Path(name), target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)


def outputs(slug: str, sessions: int = 0) -> dict[str, str]:
    names = {
        "participant": f"{slug}.pdf",
        "facilitator": f"{slug}-facilitator.pdf",
        "booklet": f"{slug}-booklet.pdf",
        "questions": f"{slug}-questions.pdf",
        "questions-2up": f"{slug}-questions-2up.pdf",
        "press": f"{slug}-press.pdf",
    }
    for n in range(1, sessions + 1):
        names[f"questions-session-{n}"] = f"{slug}-questions-session-{n}.pdf"
    return names


def build_guide(path: Path, settings: Settings) -> Result:
    """Read, render, lay out and impose one guide; report, never raise, a user's error."""
    from .pdf import TimeLimit, html_to_pdf
    from .render import TEMPLATES, render_guide, render_notes, render_questions

    result = Result(path=path, slug=slug_for(path))
    deadline = time.monotonic() + settings.timeout if settings.timeout else None
    try:
        guide = read(path, settings.max_bytes)
        result.warnings.extend(guide.warnings)
        result.paper = guide.meta.paper
        theme = settings.theme
        files: dict[str, bytes] = {}
        roots = [guide.folder, TEMPLATES] + ([theme] if theme else [])

        def layout(html: str, what: str) -> "object":
            left = max(0.01, deadline - time.monotonic()) if deadline else None
            # A document identifier that names the guide and edition, the same on every rebuild.
            identifier = hashlib.sha256(f"studyguide:{guide.slug}:{what}".encode()).hexdigest()[:32].encode()
            try:
                rendered = html_to_pdf(html, guide.folder, roots, allow_remote=settings.allow_remote or guide.meta.remote,
                                       seconds=left, pdf_identifier=identifier)
            except TimeLimit:
                raise GuideError.at(path, None, f"laying out the guide took longer than {settings.timeout:g} s "
                                                "(the limit; see --timeout)") from None
            result.warnings.extend(Diagnostic(path, None, f"{what}: {m}", "warning") for m in rendered.warnings)
            return rendered

        participant = layout(render_guide(guide, "participant", theme), "participant edition")
        files["participant"] = participant.pdf
        result.pages = participant.pages
        files["facilitator"] = layout(render_guide(guide, "facilitator", theme), "facilitator edition").pdf
        notes = layout(render_notes(guide.meta.paper, guide.meta.lang, theme), "notes page").pdf
        options = Options(guide.meta.paper, settings.long_edge, settings.creep, settings.signature)
        booklet = impose(participant.pdf, options, notes_page=notes)
        files["booklet"], result.sheets = booklet.pdf, booklet.sheets
        files["press"] = press(participant.pdf)
        if guide.questions:
            files["questions"] = layout(render_questions(guide, theme), "question handout").pdf
            half = layout(render_questions(guide, theme, size="half"), "question handout (A5)").pdf
            files["questions-2up"] = two_up(half, guide.meta.paper)
            sessions = [s.title for s in guide.sections if s.session]
            asked = [s for s in sessions if any(q.section == s for q in guide.questions)]
            if len(asked) > 1:
                for n, session in enumerate(asked, start=1):
                    html = render_questions(guide, theme, session=session)
                    files[f"questions-session-{n}"] = layout(html, f"handout for {session}").pdf
        else:
            result.warnings.append(Diagnostic(path, None, "no discussion questions: no question handout is made", "warning"))
        leaked = leaks(guide, {key: data for key, data in files.items() if key in CHECKED_FOR_LEAKS or key.startswith("questions")})
        if leaked:
            raise GuideError([Diagnostic(path, None, f"facilitator notes leaked into {where}: “{text}”") for where, text in leaked])
        if settings.strict and result.warnings:
            raise GuideError([Diagnostic(d.path, d.line, d.message) for d in result.warnings])
        names = outputs(guide.slug, sessions=len([k for k in files if k.startswith("questions-session")]))
        folder = settings.out / guide.slug
        targets = {folder / names[key]: data for key, data in files.items()}
        record = catalogue_record(guide, {key: names[key] for key in files}, result)
        targets[folder / "guide.json"] = json.dumps(record, indent=2, ensure_ascii=False).encode()
        write_atomically(targets)
        result.files = list(targets)[:-1]
    except GuideError as error:
        result.errors.extend(error.diagnostics)
    except Exception as exc:  # a bug of ours or a library's: still one line, and the batch goes on
        if settings.debug:
            raise
        result.errors.append(Diagnostic(path, None, f"internal error ({type(exc).__name__}: {exc}); run with --debug for details"))
    return result


# The booklet, press and 2-up PDFs are these pages placed on sheets, their
# content streams copied unchanged, so checking their sources checks them too.
CHECKED_FOR_LEAKS = ("participant",)


def fingerprint(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def leaks(guide, files: dict[str, bytes]) -> list[tuple[str, str]]:
    """Facilitator sentences found in what participants receive."""
    from pypdf import PdfReader

    probes = []
    for paragraph in guide.facilitator_text:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            if len(fingerprint(sentence)) >= 20:
                probes.append((fingerprint(sentence)[:40], sentence))
    found = []
    if probes:
        for key, data in files.items():
            text = fingerprint(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
            found += [(key, sentence) for probe, sentence in probes if probe in text]
    return found


def catalogue_record(guide, files: dict[str, str], result: Result) -> dict:
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
    }


def build(paths: list[Path], settings: Settings) -> list[Result]:
    """Build every guide found under `paths`; the catalogue is rewritten at the end."""
    guides = find_guides(paths)
    results: list[Result] = []
    seen: dict[str, Path] = {}
    todo: list[Path] = []
    for path in guides:
        slug = slug_for(path)
        if slug in seen:
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"another guide is also named '{slug}': {seen[slug]}")]))
        elif not re.fullmatch(r"[\w.-]+", slug):
            results.append(Result(path, slug, errors=[Diagnostic(path, None, f"'{slug}' cannot name output files: use letters, digits, '-', '_' or '.'")]))
        else:
            seen[slug] = path
            todo.append(path)
    if settings.jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=min(settings.jobs, len(todo))) as pool:
            futures = {pool.submit(build_guide, path, settings): path for path in todo}
            for future in as_completed(futures):
                try:
                    results.append(future.result())
                except Exception as exc:  # a worker that died is reported with its guide, never lost
                    path = futures[future]
                    results.append(Result(path, slug_for(path), errors=[Diagnostic(path, None, f"internal error: {exc!r}")]))
    else:
        results.extend(build_guide(path, settings) for path in todo)
    order = {path: n for n, path in enumerate(guides)}
    results.sort(key=lambda r: order.get(r.path, 0))
    if todo:
        from .catalogue import write_catalogue

        write_catalogue(settings.out)
    return results
