"""Clinical codes after a coding system named by an ordinary word (session 57, deid57c; issue 16
precision).

UK general practice codes a problem in Read codes ("READ code C10F", "Read code G30..", "CTV3
code XaIJQ") and South African and other tariffs bill a procedure by a tariff code ("tariff code
0190"). "code" before a number is an identifier's cue, and "Read" or "tariff" is an ordinary
word, so these codes went with the record numbers (deid_pattern_context's systems are named by
acronyms). A code counts as the system's only in the system's own shape: a Read code of two to
five letters, digits and closing dots, a tariff code of four or five digits. A record number of
another shape after the same words ("Read code 4417209" is no Read code) still goes.
"""

from __future__ import annotations

import re

_SYSTEM = re.compile(
    r"(?i:\b(?P<system>read(?:[ \t]+v[23])?|ctv3|tariff))[ \t]+codes?[ \t]*+[:#]?[ \t]*+\Z"
)
# Read codes: five characters at most, letters and digits, then trailing dots where a level is
# unused ("G30..", "C10F."); tariff codes: four or five digits.
_READ = re.compile(r"(?=[A-Za-z0-9.]{2,5}\Z)[A-Za-z0-9]{2,5}\.{0,3}")
_TARIFF = re.compile(r"\d{4,5}")


def worded_system_code(value: str, text: str, start: int) -> bool:
    """Whether ``value`` at ``start`` is a Read or tariff code after its system's name."""
    window = text[max(0, start - 24) : start]
    if "code" not in window.lower():
        return False  # speed: most codes have no "code" before them
    named = _SYSTEM.search(window)
    if named is None:
        return False
    shape = _TARIFF if named.group("system").lower() == "tariff" else _READ
    return shape.fullmatch(value.strip()) is not None
