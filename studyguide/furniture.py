"""Site furniture: the lines a copy-paste of a news page drags along. Used by
`import` to clean pasted text (reporting every line it removes) and by `check`
to warn about a reading that still carries some."""

from __future__ import annotations

import re

PATTERNS = [
    ("teaser", re.compile(r"^\s*(read|see) more\b.*$", re.I)),
    ("pdf notice", re.compile(r"^\s*(downloading pdf|download pdf|print this|printer[- ]friendly)\b.*$", re.I)),
    ("age banner", re.compile(r"^\s*this (article|story|piece) is (over|more than) .* old\.?\s*$", re.I)),
    ("newsletter", re.compile(r"^.*\b(newsletter|sign up (to|for)|subscribe (to|now|today)|in your inbox)\b.*$", re.I)),
    ("donation", re.compile(r"^.*\b(donate|donation|support (our|independent) journalism|depends on (its|our) readers)\b.*$", re.I)),
    ("latest news", re.compile(r"^\s*(latest news|most read|related (articles|stories)|more from|you may also like)\s*:?\s*$", re.I)),
    ("sharing", re.compile(r"^\s*(share|tweet|share on (facebook|twitter|x|whatsapp)|facebook|twitter|whatsapp|email|print|copy link)\s*$", re.I)),
    ("menu", re.compile(r"^\s*(home|news|features|opinion|subscribe|menu|search|log ?in|sign ?in|skip to (main )?content)\s*$", re.I)),
    ("copyright", re.compile(r"^\s*(©|\(c\)|copyright)\s.*$", re.I)),
    ("section label", re.compile(r"^\s*(feature|analysis|opinion|interview|review|comment|obituary|explainer|long read)\s*$", re.I)),
]


def kind(line: str) -> str | None:
    """What kind of furniture a line is, if it is any."""
    text = line.strip().strip("#*_>- ").strip()
    if not text or len(text) > 200:
        return None
    for name, pattern in PATTERNS:
        if pattern.match(text):
            return name
    return None
