"""A file saved as UTF-16 without its byte-order mark, told apart from UTF-8.

Notepad's "Unicode" and some Windows tools write two bytes a letter; without the mark that says so,
an English guide in UTF-16 is valid UTF-8 with a NUL after each letter, and was refused for its
front matter ("front matter is not closed", "a guide must start with front matter"), or for a byte
that said nothing of why.
"""

from __future__ import annotations

SAVE_AGAIN = ("the file is not UTF-8 (it looks like UTF-16, which Notepad calls 'Unicode'): save it again as UTF-8 "
              "(in Notepad: Save as, then Encoding: UTF-8)")


def looks_utf16(raw: bytes) -> bool:
    """Two bytes a letter, one of them NUL, in most of the first 4 KB (a UTF-8 text has no NUL)."""
    head = raw[:4096]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    pairs = len(head) // 2
    if pairs < 2 or b"\x00" not in head:
        return False
    even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
    return max(even, odd) >= pairs * 0.3 and min(even, odd) <= pairs * 0.05
