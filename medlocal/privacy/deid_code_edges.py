"""A code's whole token (round 19): a code found by its cue or shape is widened to the token it
stands in, so that no part of it stays in view.

A value read up to a group's edge may leave a glued check letter ("GMS 7718 442K" read as
"7718 442"), a last group after a dash ("NHIS card 1-0448827-12" read as "1-0448827"), or a
register's prefix before a slash ("Nº col. 41/4471822" read as "4471822"). Those characters
are the number's own: the span takes them. Only capitals and digits glued to the code are taken,
so a unit in lower case ("4471882mg") or a decimal ("12.5") is never part of it.
"""

from __future__ import annotations

import re

# Capitals and digits glued to the end, then groups of up to six after a dash or a slash, where
# the token ends there (no lower case, no decimal after).
_TAIL = re.compile(r"[A-Z0-9]*(?:[-/][A-Z0-9]{1,6})*(?![\w/-]|[.,]\d)")
# Groups of up to six capitals and digits before a dash or slash, where the token starts there.
_HEAD = re.compile(r"(?<![\w/.-])(?:[A-Z0-9]{1,6}[-/])+\Z")


def code_token(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole token a code at ``start:end`` stands in, or its own span where
    the token holds anything else (lower case, a decimal)."""
    if end < len(text) and end > start and text[end - 1].isalnum():
        following = text[end]
        if following.isalnum() or (following in "-/" and text[end + 1 : end + 2].isalnum()):
            tail = _TAIL.match(text, end)
            if tail is not None and tail.end() > end:
                end = tail.end()
    if start > 1 and text[start - 1] in "-/" and text[start].isalnum():
        head = _HEAD.search(text, max(0, start - 28), start)
        if head is not None:
            start = head.start()
    return start, end
