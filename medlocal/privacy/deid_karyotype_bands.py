"""A chromosome's bands in a karyotype are no identifier (session 43, dev39, written blind:
"46,XX,del(5)(q13q33)" became "46,XX,del(5)([ID])": two bands written without a separator,
a letter, two digits, a letter and two digits, were read as a reference code).

ISCN (the International System for Human Cytogenomic Nomenclature) writes an aberration as its
abbreviation, the chromosomes in brackets and then their breakpoints in brackets: arm "p" or
"q", band and sub-band ("del(5)(q13q33)", "inv(3)(q21q26.2)", "t(9;22)(q34;q11.2)"). A span that
lies inside such a breakpoint bracket is given back, whichever rule took it; no code of a
person is written inside one.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

# An ISCN aberration (the structural ones, ISCN 2020 section 9.2), its chromosomes and its
# breakpoints: "del(5)(q13q33)", "t(9;22)(q34;q11.2)", "der(1;7)(q10;p10)", "ins(2;5)(p13;q31q33)".
_ABERRATION = re.compile(
    r"\b(?:add|del|der|dic|dup|fra|hsr|i|idic|ins|inv|r|rob|t|tas|trc|trp|qdp)"
    r"\((?:\d{1,2}|[XY])(?:;(?:\d{1,2}|[XY]))*\)"
    r"\(((?:[pq](?:ter|\d{1,2}(?:\.\d{1,3})?)|cen|;)+)\)"
)


def without_karyotype_bands(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less those inside a karyotype's breakpoint bracket."""
    if ")(" not in text:
        return redactions
    return [red for red in redactions if not _inside_bands(text, red)]


def _inside_bands(text: str, red: Redaction) -> bool:
    # An aberration is short: its abbreviation and brackets start within 60 characters before.
    for match in _ABERRATION.finditer(text, max(0, red.start - 60), min(len(text), red.end + 40)):
        if match.start(1) <= red.start and red.end <= match.end(1):
            return True
    return False
