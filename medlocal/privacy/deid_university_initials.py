"""A university named by its initials and its town: "final-year student at TU Dublin", "a
postdoc at UC Davis", "transferred to UW Madison", "studying at KU Leuven" (session 47).

The rules find the town and leave the initials, which then tell a reader the town is a
university's. Initials of two or three capitals holding a "U" (university), right before a
town or place the rules found, go with it as one facility, unless the initials are a clinical
abbreviation ("ICU Dublin" is a unit; "RUQ", "LUL", "PUO" are clinical) or a country ("UK
Dublin" does not occur; "US Boston" would be a scan).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation
from medlocal.privacy.deid_spans import Redaction, label

# A town the rules read as a name is still taken ("TU [Dublin]" without the statistical line,
# "UC [Davis]"): either way the initials go.
_PLACE_KINDS = frozenset({"city", "location", "county", "facility", "name"})
_INITIALS_BEFORE = re.compile(r"(?<![\w&'’.-])(?P<i>[A-Z]?U[A-Z]?|[A-Z]U)[ \t]+\Z")
_NOT_UNIVERSITY = frozenset({"US", "UK", "EU", "ICU", "HDU", "CCU", "AMU", "MAU", "SAU"})


def university_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Found places grown over a university's initials before them."""
    for red in spans:
        if red.kind not in _PLACE_KINDS or red.start < 3:
            continue
        found = _INITIALS_BEFORE.search(text, max(0, red.start - 5), red.start)
        if found is None:
            continue
        initials = found.group("i")
        if (
            len(initials) < 2
            or initials in _NOT_UNIVERSITY
            or clinical_abbreviation(initials)
            or lex.clinical(initials.lower())
        ):
            continue
        start = found.start("i")
        yield Redaction("facility", start, red.end, text[start : red.end], label("facility"))
