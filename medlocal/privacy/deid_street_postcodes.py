"""A postcode after a found street, before its town (round 21).

Continental Europe writes the postcode after the street, on its line, before the town:
"12 avenue des Arènes, 06000 Nice", "Hauptstr. 5, 80331 München", "Prinsengracht 263, 1016 GV
Amsterdam", "Rua Augusta 10, 1100-053 Lisboa". The address rules find the street; where the town
is also an English word ("Nice") or the postcode opens with a zero, the postcode was left. Read
only after a street the rules found: a comma, then four or five digits (a Dutch pair of capitals,
a Portuguese or Polish dash and group, a Swedish split allowed), then a capitalised word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction, label

_POSTCODE_AFTER = re.compile(
    r",[ \t]*(?P<v>\d{4,5}(?:[ ][A-Z]{2}(?![\w])|-\d{3}|[ ]\d{2}(?=[ \t]+[A-ZÀ-Þ]))?|\d{2}-\d{3})"
    r"[ \t]+(?=[A-ZÀ-Þ][^\W\d_]+)"
)


def street_postcode_spans(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The postcodes right after the streets of ``found`` (see above)."""
    for red in found:
        if red.kind != "street_address":
            continue
        match = _POSTCODE_AFTER.match(text, red.end)
        if match is None:
            continue
        start, end = match.span("v")
        yield Redaction("zip_code", start, end, text[start:end], label("zip_code"))
