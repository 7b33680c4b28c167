"""Round ten: what the last stop left open (a picture dropped without a word)."""

from __future__ import annotations

import pytest

from studyguide.read.lint import lint


def _warned(line: str) -> list[str]:
    return [d.message for d in lint("g.md", f"## Summary\n\n{line}\n", 5) if "picture" in d.message]


@pytest.mark.parametrize("line", [
    '<img src="file:///home/ann/map.png" alt="map">',
    "<IMG SRC='FILE:///C:/Users/ann/map.png'>",
    "<img alt=map src=file:map.png>",
    '<img src="javascript:alert(1)">',
    '<img src="&#106;avascript:alert(1)">',
    "![map](vbscript:x)",
    "![map](tel:123)",
    '<img src="//evil.example/x.png">',
])
def test_a_picture_the_sanitizer_drops_is_said_at_its_line(line):
    (message,) = _warned(line)
    assert "left out" in message or "never loaded" in message


@pytest.mark.parametrize("line", [
    "![map](map.png)", '<img src="map.png" alt="map">', "![map](pictures/map%20old.png)",
    "![map](https://example.org/map.png)", '<img src="data:image/png;base64,AAAA" alt="dot">',
    "![map](file:///x.png)",  # refused at its line already, as an error (pictureurls)
    "`<img src=\"file:///x.png\">` in code",
])
def test_a_picture_that_is_loaded_or_refused_elsewhere_is_not_warned_of(line):
    assert _warned(line) == []
