"""`make bench`: imposition timed against a baseline run in the same command.

The baseline is the usual pypdf way, `merge_transformed_page`, which parses and
rewrites every content stream; ours places each page once as a Form XObject.
Figures are medians over several runs, reported as ratios, never asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation

from .impose import SHEETS, Options, impose, padded, saddle_sides
from .pdf import html_to_pdf


def corpus(pages: int) -> bytes:
    """A source PDF as heavy as a guide: full pages of justified text and a footnote each."""
    body = " ".join(["The soviet was a council of delegates elected in the workplaces."] * 30)
    html = "<style>@page { size: 148mm 210mm; margin: 18mm } p { break-after: page; text-align: justify }</style>"
    html += "".join(f"<p><b>Page {n}.</b> {body}</p>" for n in range(1, pages + 1))
    with tempfile.TemporaryDirectory() as folder:
        return html_to_pdf(html, Path(folder)).pdf


def baseline(source: bytes) -> bytes:
    """The same booklet through merge_transformed_page, compressed as the notes advise."""
    reader = PdfReader(io.BytesIO(source))
    width, height = SHEETS["a4"]
    sequence = padded(len(reader.pages), notes=False)
    writer = PdfWriter()
    for front, back in saddle_sides(len(sequence)):
        for pair in (front, back):
            sheet = writer.add_blank_page(width, height)
            for slot, number in enumerate(pair):
                index = sequence[number - 1]
                if index >= 0:
                    sheet.merge_transformed_page(reader.pages[index], Transformation().translate(slot * width / 2, 0))
    for page in writer.pages:
        page.compress_content_streams()
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def timed(function, *args, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(function(*args))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    source = corpus(64)
    ours, our_size = timed(lambda s: impose(s, Options()).pdf, source, runs=args.runs)
    base, base_size = timed(baseline, source, runs=args.runs)
    rows = [
        ("impose 64 pages: pypdf merge_transformed_page (baseline)", base, base_size),
        ("impose 64 pages: studyguide (Form XObjects)", ours, our_size),
    ]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; median of {args.runs} runs")
    print(f"{'case':60} {'seconds':>8} {'ratio':>6} {'size':>9}")
    for name, seconds, size in rows:
        print(f"{name:60} {seconds:8.3f} {seconds / base:6.2f} {size / 1000:7.0f} kB")
    print(f"target: imposing a 64-page booklet in at most 0.5 s: {'met' if ours <= 0.5 else 'NOT met'} ({ours:.3f} s)")
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, "rows": [dict(case=n, seconds=s, bytes=b) for n, s, b in rows]}, indent=2))


if __name__ == "__main__":
    main()
