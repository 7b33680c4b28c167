"""`studyguide check`: every problem found without laying out a page."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import write

BROKEN = {
    "guides/a.md": """
        ---
        title: A
        ---
        See [the site](htp:/example) and [mail](mailto:x@example.org) and [ok](https://example.org/x).

        ## Empty section

        ## Full section

        Text.

        ::: facilitator
        never closed
        """,
    "guides/b.md": """
        ---
        title: B
        ---
        ![map](missing.png)

        ## Discussion questions

        1. One?
        """,
    "guides/c.md": "---\ntitle: C\n---\n## Discussion questions\n\n1. Fine?\n",
    "guides/c/guide.md": "---\ntitle: C again\n---\nText\n",
    "guides/d.md": "---\ntitle: D\n---\nJust text, see [x](https://example.org).\n",
}


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "studyguide.cli.main", "check", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_check_reports_every_problem(tmp_path):
    write(tmp_path, BROKEN)
    done = run(cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    no_questions = "warning: no discussion questions (a heading 'Discussion questions' over a numbered list): no question handout is made"
    assert lines == [  # every problem of a guide at once, in line order, warnings included
        "guides/a.md:4: warning: link 'htp:/example' uses the scheme 'htp'",
        "guides/a.md:6: warning: section 'Empty section' is empty",
        "guides/a.md:12: error: facilitator block is not closed: add a line ':::' after it "
        "(until then, everything below it is treated as notes)",
        "guides/b.md:4: error: image not found: missing.png",
        f"guides/c/guide.md:4: {no_questions}",  # at the guide's last line: where questions would go
        "guides/c.md: error: another guide is also named 'c': guides/c/guide.md",
        f"guides/d.md:4: {no_questions}",
    ]


def test_check_warnings_and_strict(tmp_path):
    write(tmp_path, {"guides/a.md": BROKEN["guides/a.md"].replace("        ::: facilitator\n        never closed\n", "")})
    done = run(cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "guides/a.md:4: warning: link 'htp:/example' uses the scheme 'htp'",
        "guides/a.md:6: warning: section 'Empty section' is empty",
        "guides/a.md:10: warning: no discussion questions (a heading 'Discussion questions' over a numbered list): "
        "no question handout is made",
    ]
    strict = run("--strict", cwd=tmp_path)
    assert strict.returncode == 1 and "guides/a.md:6: error: section 'Empty section' is empty" in strict.stderr


def test_check_never_loads_the_layout_engine(tmp_path):
    write(tmp_path, {"guides/c.md": BROKEN["guides/c.md"]})
    code = ("import sys; from pathlib import Path; from studyguide.build.check import check; "
            "assert check([Path('guides')]) == []; print('weasyprint' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
