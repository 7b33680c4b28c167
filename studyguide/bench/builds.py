"""`make bench`: our builds timed against baselines run in the same command.

Cases (medians over --runs; the naive baseline, the slowest, over --baseline-runs):
the full build from clean against one process per PDF (as a shell loop or
`make -j2` would run it) and against md2pdf; one guide's every edition at -j 1
against -j 2 (its editions side by side); no-op and one-touched rebuilds;
imposition against pypdf's merge_transformed_page; time per page by length;
and `serve`'s save → preview and save → participant PDF (bench_live.py; --live for these alone).
Figures are reported as ratios and never asserted: speed is not a unit test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Runs a command and reports the peak RSS of the largest process in its tree.
WRAPPER = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL).returncode; "
           "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
CLI = [sys.executable, "-m", "studyguide.cli.main"]
BUILD = CLI + ["build", "--timeout", "900"]  # a shared machine's busy minute is not a guide that never ends
NAIVE_EDITIONS = ("participant", "facilitator", "questions", "booklet", "press")


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one command, checked for success."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    code, rss = done.stderr.strip().splitlines()[-1].split()
    if code != "0":
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({code})")
    return seconds, int(rss) / 1024


def one_pdf(guide: str, edition: str, out: str) -> None:
    """The naive baseline's unit: one guide, one PDF, one process."""
    from studyguide.editions.printed import notes_page
    from studyguide.pdf.impose import Options, impose, press
    from studyguide.pdf.write import html_to_pdf
    from studyguide.read.reader import read
    from studyguide.render.html import render_guide, render_questions

    g = read(Path(guide))
    if edition == "questions":
        html = render_questions(g)
    else:
        html = render_guide(g, "facilitator" if edition == "facilitator" else "participant")
    # The same PDFs as `studyguide build`: the screen editions tagged.
    pdf = html_to_pdf(html, g.folder, pdf_tags=edition in ("participant", "facilitator", "booklet", "press")).pdf
    if edition == "booklet":
        pdf = impose(pdf, Options(g.meta.paper), notes_page(g.meta.paper, g.meta.lang, None)).pdf
    elif edition == "press":
        pdf = press(pdf)
    Path(out).write_bytes(pdf)


def naive(guides: list[Path], out: Path, jobs: int) -> tuple[float, float]:
    out.mkdir(parents=True, exist_ok=True)
    units = [(g, e) for g in guides for e in NAIVE_EDITIONS]
    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        rss = list(pool.map(lambda u: run([sys.executable, "-m", "studyguide.bench.builds", "one", str(u[0]), u[1],
                                            str(out / f"{u[0].stem}-{u[1]}.pdf")], out)[1], units))
    return time.perf_counter() - start, max(rss)


def impose_case(runs: int) -> dict[str, float]:
    from pypdf import PdfReader, PdfWriter, Transformation

    from studyguide.pdf.impose import SHEETS, Options, impose, padded, saddle_sides
    from studyguide.pdf.write import html_to_pdf

    body = " ".join(["The soviet was a council of delegates elected in the workplaces."] * 30)
    html = "<style>@page { size: 148mm 210mm; margin: 18mm } p { break-after: page; text-align: justify }</style>"
    html += "".join(f"<p><b>Page {n}.</b> {body}</p>" for n in range(1, 65))
    with tempfile.TemporaryDirectory() as folder:
        source = html_to_pdf(html, Path(folder)).pdf

    def merge(data: bytes) -> bytes:
        reader, writer = PdfReader(io.BytesIO(data)), PdfWriter()
        width, height = SHEETS["a4"]
        sequence = padded(len(reader.pages), notes=False)
        for front, back in saddle_sides(len(sequence)):
            for pair in (front, back):
                sheet = writer.add_blank_page(width, height)
                for slot, number in enumerate(pair):
                    if sequence[number - 1] >= 0:
                        sheet.merge_transformed_page(reader.pages[sequence[number - 1]],
                                                     Transformation().translate(slot * width / 2, 0))
        for page in writer.pages:
            page.compress_content_streams()
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    def timed(function) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            function(source)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return {"merge": timed(merge), "ours": timed(lambda s: impose(s, Options()))}


def paired(first, second, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Two commands run in turn, `runs` times each: on a machine others share, a busy
    minute slows both, not one (median seconds, largest peak RSS of each)."""
    samples: tuple[list, list] = ([], [])
    for _ in range(runs):
        samples[0].append(first())
        samples[1].append(second())
    return tuple((statistics.median(s[0] for s in got), max(s[1] for s in got)) for got in samples)  # type: ignore


def lone_rows(folder: Path, pages: int, runs: int, row) -> None:
    """One guide, every edition (the sign-in sheet too): one core, then its editions side by side on two."""
    from studyguide.bench.corpus import guide
    from studyguide.bench.memory import peak_pss
    from studyguide.editions import EDITIONS

    folder.mkdir(exist_ok=True)
    (folder / f"g{pages}.md").write_text(guide(pages, pages))
    cmd = lambda j: BUILD + [f"g{pages}.md", "-q", "--force", "-j", str(j), "--editions", ",".join(EDITIONS)]  # noqa: E731
    serial, side = paired(lambda: run(cmd(1), folder), lambda: run(cmd(2), folder), runs)
    # Once more each, untimed: every process's share of memory at the peak (forked children share pages).
    said = ["" if mb is None else f"all processes {mb:.0f} MB PSS" for mb in (peak_pss(cmd(j), folder)[1] for j in (1, 2))]
    row(f"one {pages}-page guide, every edition, -j 1 (reference)", *serial, serial[0], said[0])
    row("the same, -j 2: its editions laid out side by side", *side, serial[0], f"target <= 0.65; {said[1]}")


def main() -> None:
    if sys.argv[1:2] == ["one"]:
        return one_pdf(*sys.argv[2:5])
    from studyguide.bench.corpus import guide, write_corpus

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="10 small guides and one of 60 pages")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--one-guide", action="store_true", help="only one guide's editions at -j 1 and -j 2")
    parser.add_argument("--live", action="store_true", help="only the live cases: save → preview, save → participant PDF")
    args = parser.parse_args()
    if args.live:
        return live_rows(args.runs)
    jobs = os.cpu_count() or 1
    rows: list[dict] = []

    def median(cmd_or_fn, runs: int, prepare=None) -> tuple[float, float]:
        samples = []
        for _ in range(runs):
            if prepare:
                prepare()
            samples.append(cmd_or_fn())
        return statistics.median(s[0] for s in samples), max(s[1] for s in samples)

    def row(case: str, seconds: float, rss: float, base: float | None = None, note: str = "") -> None:
        rows.append({"case": case, "seconds": round(seconds, 3), "ratio": round(seconds / base, 3) if base else None,
                     "peak_rss_mb": round(rss, 1), "note": note})

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.one_guide:
            for pages in (8,) if args.quick else (8, 20):
                lone_rows(root / "lone", pages, args.runs, row)
            return _print(rows, args)
        guides = write_corpus(root / "guides", small=10 if args.quick else 40, large=(60,) if args.quick else (60, 120))
        clean = lambda: shutil.rmtree(root / "build", ignore_errors=True)  # noqa: E731
        same = ["--editions", ",".join(NAIVE_EDITIONS)]
        full = median(lambda: run(BUILD + ["guides", "-q", "-j", str(jobs), *same], root), args.runs, clean)
        every = median(lambda: run(BUILD + ["guides", "-q", "-j", str(jobs)], root), args.runs, clean)
        base = median(lambda: naive(guides, root / "naive", jobs), args.baseline_runs)
        row(f"naive: one process per PDF, {jobs} at a time (baseline)", *base, base[0])
        row(f"studyguide build, the same PDFs, from clean (-j {jobs})", *full, base[0], "target <= 0.15")
        row("studyguide build, every edition (+ large print, EPUB, web pages)", *every, base[0])

        def participant() -> tuple[float, float]:
            shutil.rmtree(root / "participant", ignore_errors=True)
            return run(BUILD + ["guides", "-q", "-j", str(jobs), "--editions", "participant", "-o", "participant"], root)

        md2pdf = shutil.which("md2pdf", path=str(Path(sys.executable).parent))
        if md2pdf:
            from studyguide.files import TEMPLATES

            # The peer gets our stylesheet and our page size, so both lay out the same A5 pages; the two run
            # in turn, so that a slow minute on a shared machine slows both (an earlier run timed ours first,
            # then the peer, and the ratio moved with the machine).
            css = str(root / "md2pdf.css")
            Path(css).write_text(f"@import url({(TEMPLATES / 'guide.css').as_uri()});\n@page {{ size: A5; }}\n")
            peer, ours_p = paired(lambda: run([md2pdf, "-c", css, *sum((["-i", str(g)] for g in guides), [])], root),
                                  participant, args.runs)
            row("md2pdf, participant only, every guide in one call (peer)", *peer, peer[0])
            row("studyguide build --editions participant", *ours_p, peer[0], "target <= 0.6")
            single = root / "single"
            single.mkdir()
            (single / "six.md").write_text(guide(6, 99))
            one_peer, one_ours = paired(lambda: run([md2pdf, "-c", css, "-i", "six.md"], single),
                                        lambda: run(BUILD + ["six.md", "-q", "--force", "--editions", "participant"],
                                                    single), args.runs)
            row("md2pdf, one 6-page guide, cold process (peer)", *one_peer, one_peer[0])
            row("studyguide, one 6-page guide, participant, cold process", *one_ours, one_peer[0], "target <= 1.0")
        else:
            row("studyguide build --editions participant", *median(participant, args.runs), None,
                "md2pdf not installed: no peer figure")

        lone_rows(root / "lone", 8, args.runs, row)

        hundred = root / "hundred"
        for n in range(100):
            (hundred / "guides").mkdir(parents=True, exist_ok=True)
            (hundred / "guides" / f"g{n:03d}.md").write_text(f"---\ntitle: Guide {n}\n---\n## Discussion questions\n\n1. Why {n}?\n")
        run(BUILD + ["-q", "-j", str(jobs)], hundred)
        noop = median(lambda: run(BUILD + ["-q"], hundred), args.runs)
        alone = median(lambda: run(BUILD + ["guides/g042.md", "-q", "--force", "-o", "alone"], hundred), args.runs)

        def touch() -> None:
            path = hundred / "guides/g042.md"
            path.write_text(path.read_text() + "\nEdited.\n")

        touched = median(lambda: run(BUILD + ["-q"], hundred), args.runs, touch)
        row("no-op rebuild of 100 guides", *noop, None, "target <= 0.3 s")
        row("one guide built alone (reference)", *alone, alone[0])
        row("rebuild after editing one guide of 100", *touched, alone[0], "target <= 1.3")

        large = root / "large"
        large.mkdir()
        shutil.copy(root / "guides" / ("large-60.md" if args.quick else "large-120.md"), large / "big.md")
        big = median(lambda: run(BUILD + ["big.md", "-q", "--force", "-j", "1"], large), 1)
        row(f"the {'60' if args.quick else '120'}-page guide, every edition, one process", *big, None, "peak RSS target <= 200 MB")

        imposed = impose_case(args.runs)
        row("impose 64 pages: pypdf merge_transformed_page (baseline)", imposed["merge"], 0, imposed["merge"])
        row("impose 64 pages: studyguide (Form XObjects)", imposed["ours"], 0, imposed["merge"], "target <= 0.5 s")

        per_page = []
        scale = root / "scale"
        scale.mkdir()
        for pages in (4, 8, 16, 30, 60, 120):
            (scale / f"p{pages}.md").write_text(guide(pages, pages))
            seconds, rss = median(lambda: run(BUILD + [f"p{pages}.md", "-q", "--force", "--editions", "participant"], scale), 1)
            real = json.loads((scale / "build" / f"p{pages}" / "guide.json").read_text())["pages"]
            per_page.append((real, seconds))

    _print(rows, args)
    print("layouts per guide: participant 1, facilitator 1, large print 1, handout 2 (sheet and A5 for 2-up) + 1 per session;"
          " booklet and press PDF imposed from the participant PDF; the notes page once per process")
    print("time per page, participant edition, cold process: " +
          ", ".join(f"{p} pages {s:.2f} s ({s / p * 1000:.0f} ms/page)" for p, s in per_page))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "per_page": per_page}, indent=2))
    live_rows(args.runs)


def _print(rows: list[dict], args) -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"medians of {args.runs} runs (baseline: {args.baseline_runs})")
    print(f"{'case':66} {'seconds':>8} {'ratio':>6} {'RSS MB':>7}  note")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else ""
        print(f"{r['case']:66} {r['seconds']:8.3f} {ratio:>6} {r['peak_rss_mb']:7.0f}  {r['note']}")


def live_rows(runs: int) -> None:
    """`studyguide serve`, one guide saved `runs` times (see bench_live.py for what is timed)."""
    from studyguide.bench.live import live_case

    targets = {8: ("target <= 0.5 s", "target <= 1.5 s")}
    print(f"{'live (studyguide serve), medians of ' + str(runs) + ' saves':66} {'seconds':>8}  note")
    for size in (8, 40):
        figures = live_case(size, runs)
        preview, pdf = targets.get(size, ("", ""))
        print(f"{'save → preview reloaded, ' + str(figures['pages']) + '-page guide':66} {figures['preview']:8.3f}  {preview}")
        print(f"{'save → participant PDF updated, ' + str(figures['pages']) + '-page guide':66} {figures['pdf']:8.3f}  {pdf}")


if __name__ == "__main__":
    main()
