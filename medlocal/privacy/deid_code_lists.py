"""The next code of a list after a found code (session 54, deid54c; issue 16).

A label is written once before a list of its codes ("Lab ref MPP 26-0218 / 44719", "donation
nos G1183 26 447102 R and G1183 26 447119 R", "lots 7L26318, 7L26319"): the code rules read
the first code after the label and stop at the separator, so the second stays in view. After
every found code (an identifier, record, plan, account, licence, vehicle, device or national
number), the next token with three digits at least, after a comma, slash, semicolon, "&",
"and", "or" or a blank, is a code of the same kind.

What keeps a clinical number out: the token must hold three digits and stand whole (no decimal,
no slash or full stop glued to a letter or digit after it: a date "12/03/2026", a value "5.2"),
a date written with dashes is the date rules', and a unit or count after it ("LOT 4471, 100 mg",
"Ref 7730418 3 tabs") makes it a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction, label

_CODE_KINDS = frozenset(
    {"id_number", "mrn", "health_plan_id", "account_number", "licence_number", "vehicle_id",
     "device_id", "ssn"}
)  # fmt: skip
_NEXT = re.compile(
    r"[ \t]*(?:,|/|;|&|\band\b|\bor\b)?[ \t]*"
    r"(?=[\w-]*\d(?:[\w-]*\d){2})(?P<v>[A-Za-z0-9][\w-]*[A-Za-z0-9])(?![\w./]|\.\d)"
)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
_UNIT_AFTER = re.compile(
    r"[ \t]*(?i:mg|mcg|ug|ml|kg|g|l|units?|iu|mmol|%|x|tabs?|tablets?|caps?|days?|weeks?|"
    r"months?|years?|hours?|hrs?|mins?|times)\b|[ \t]*%"
)
_MAX_GAP = 12  # characters of separator at most between the codes


def listed_code_candidates(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The code right after each found code, in a list (see the module docstring)."""
    for red in found:
        if red.kind not in _CODE_KINDS:
            continue
        match = _NEXT.match(text, red.end)
        if match is None or match.start("v") - red.end > _MAX_GAP:
            continue
        value = match.group("v")
        if _DATE.fullmatch(value) or _UNIT_AFTER.match(text, match.end("v")):
            continue
        yield Redaction(red.kind, match.start("v"), match.end("v"), value, label(red.kind))
