"""A size or a number of a thing after its word in lower case ("K-file #15", "Gates Glidden
drill #2", "blade #10", "size #8"): an instrument's size or a count, no unit of an address and
no store's number. A house or unit after "#" follows an address's capitalised words ("1175
Nicola St #204", "CVS Pharmacy #9921") or opens the line ("#204 - 1175 Nicola St"), and has
three digits or more as often as not; a size has one or two.
"""

from __future__ import annotations

import re

_SIZE = re.compile(r"#[ \t]?\d{1,2}\b")
# A word ending in a lower-case letter right before it, on its line; not a unit's word ("unit
# #4", "apt #12": an address's).
_LOWER_WORD_BEFORE = re.compile(
    r"(?<![\w-])(?!(?i:unit|apt|apartment|flat|suite|ste|room|rm|lot|box|block|blk|no|house|"
    r"plot|stand|shop|villa|door|site|bay|space|pier|berth|gate|stall|kiosk)[ \t])"
    r"[A-Za-z-]*[a-z][ \t]+\Z"
)


def size_number(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ("#15") is a size or a number after a lower-case word."""
    if _SIZE.fullmatch(text, start, end) is None:
        return False
    return _LOWER_WORD_BEFORE.search(text, max(0, start - 30), start) is not None
