"""HTML comments that Markdown prints, words and all.

Markdown reads `<!-- … -->` as a comment when it opens a block, or when it closes inside the
paragraph it opened in. Opened after a question's words and closed in the next item, or across
a blank line, it is text: `1. Why? <!-- skip question 2` printed "‹!– skip question 2" on the
handout, with exit 0. So is a bogus `<! … >`. The reader's own HTML says when this happened
(an escaped `&lt;!` outside code); the lines that open such a comment are then refused.
"""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

from studyguide.errors import Diagnostic
from studyguide.read.codefences import outside_code

CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S | re.I)
OPENS = re.compile(r"<!(?!--.*?-->)(?!\[CDATA\[)(?!doctype)", re.I)  # a comment left open on its line, or a bogus one
FENCE = re.compile(r"^[ \t]*(?:>[ \t]*)*(`{3,}|~{3,})")  # in a quote too, for outside_code


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", html_module.unescape(re.sub(r"<[^>]+>", " ", text))).lower()


def printed_comments(path: Path, body: str, body_line: int, html: str) -> list[Diagnostic]:
    """An error at each line that opens a comment Markdown printed as text (none when it printed none):
    the line whose words after `<!` are those the HTML printed after `&lt;!`."""
    visible = CODE.sub("", html)
    printed = {_letters(visible[m.end():m.end() + 200])[:12] for m in re.finditer(r"&lt;!", visible)}
    if not printed:
        return []
    found = []
    lines = body.split("\n")
    for index, line in outside_code(lines, FENCE):
        number = body_line + index
        bare = re.sub(r"(`+).*?\1", "", line)  # shown as code
        opened = OPENS.search(bare)
        after = "\n".join([bare[opened.end():], *lines[index + 1:index + 6]]) if opened else ""
        if opened and _letters(after)[:12] in printed:  # what follows `<!` here is what the page printed
            found.append(Diagnostic(path, number, "this HTML comment is printed, words and all: Markdown reads '<!-- … -->' "
                                    "as a comment only on lines of its own, or closed in the same paragraph (here it "
                                    "runs into the next item or paragraph). Delete it, or put the leader's notes "
                                    "between '::: facilitator' and ':::'"))
    if not found:  # printed, but from no line read here: said all the same, without a line
        found.append(Diagnostic(path, None, "an HTML comment ('<!-- … -->' or '<! … >') is printed, words and all: "
                                "Markdown reads one as a comment only on lines of its own, or closed in the same "
                                "paragraph"))
    return found
