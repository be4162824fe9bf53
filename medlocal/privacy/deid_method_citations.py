"""The method or reference a measurement was read by, in brackets after its value, is no one
(session 42, issue 16): "LAD Z-score +2.8 (Dallaire)" and "CrCl 24 mL/min (Cockcroft and
Gault)" cite the reference table or the equation the number came from. The word scan read the
unlisted surname in the brackets as a person.

A name's span is given back where it lies inside brackets that hold one to three capitalised
words joined by "and", "&", "-" or "/" (and nothing else), right after a measurement: two names
or more after a number with a unit in lower case or a per cent sign ("24 mL/min (Cockcroft and
Gault)"; one word there is a prescriber's or a tester's name as often, "Hb 120 g/L (Oduor)",
"EFW 820 g (Hadlock)" stays removed), or one to three after a signed number ("+2.8
(Dallaire)"; not a range's end, "9-10 (Sinéad)"). A person is not written so: a bed or
room number has no unit ("Bed 4 (Jones)" stays), and the brackets must hold no listed given
name ("72 kg (Mary)" stays), no title or relation ("1 g (Sister Jones)"), no listed place, no
distance or span of time before them ("40 km (Dubbo)", "3 h (Kendal)") and not the patient's
own name (the identity patterns
read that before this check and it is not a name's candidate here: only spans of the word scan
and the tagger are given back).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "facility", "location", "city"})

_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
# The brackets' contents: one to three capitalised words and their joins, nothing else.
_CITED = re.compile(
    r"\((" + _WORD + r"(?:(?:[ \t]+(?:and|&)[ \t]+|[ \t]*/[ \t]*)" + _WORD + r"){0,2})\)"
)
# A measurement right before the bracket: a number and a unit that opens in lower case or with
# "%" or "µ" ("g", "mL/min", "mmHg", "%"), or a signed number ("+2.8") that ends no range
# ("Mon-Fri 9-10 (Sinéad)": a home help's hours and her name; dev36 lost it to the first
# version).
_MEASURE_BEFORE = re.compile(
    r"(?:\d(?:[.,]\d+)?[ \t]?(%|[a-zµμ][A-Za-z0-9µμ/.²³^]{0,13})"
    r"|(?<![\w.])[+\-−]\d+(?:[.,]\d+)?)[ \t]*\Z"
)
_PEOPLE_WORDS = frozenset(w.rstrip(".") for w in TITLES | RELATIONS)
# A distance or a span of time is no measurement a method is cited for: the brackets after one
# name where ("lives 40 km away (Dubbo)", "3 h drive (Kendal)").
_TRAVEL_UNIT = re.compile(
    r"(?:km|kms|mi|miles?|m|mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|y|yrs?|years?)\.?"
)


def _citations(text: str) -> list[tuple[int, int]]:
    """The contents of each bracket after a measurement that cites a method (see above)."""
    found: list[tuple[int, int]] = []
    lex = lexicon()
    for match in _CITED.finditer(text):
        before = text[max(0, match.start() - 24) : match.start()]
        measure = _MEASURE_BEFORE.search(before)
        if measure is None or (measure.group(1) and _TRAVEL_UNIT.fullmatch(measure.group(1))):
            continue
        words = re.findall(r"[^\W\d_][\w'’]*", match.group(1))
        lowers = [w.lower().rstrip("'’") for w in words if w not in ("and",)]
        if measure.group(1) and len(lowers) < 2:
            # One word after a value with its unit is a prescriber or the one who took it as
            # often as a method ("Hb 120 g/L (Oduor)", "Metformin 500 mg (Threlkeldson)": review
            # of round 15); a method of two names ("Cockcroft and Gault") or after a signed
            # score ("+2.8 (Dallaire)") is no one.
            continue
        if any(w in lex.given_names or w in _PEOPLE_WORDS or w in lex.places for w in lowers):
            continue  # a person or a place ("820 g (Mary)", "12 kg (Sunderland)")
        found.append((match.start(1), match.end(1)))
    return found


def without_method_citations(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the names read in a measurement's bracketed method (see above)."""
    if "(" not in text or not any(red.kind in _KINDS for red in redactions):
        return redactions
    cited = _citations(text)
    if not cited:
        return redactions
    return [
        red
        for red in redactions
        if not (red.kind in _KINDS and any(a <= red.start and red.end <= b for a, b in cited))
    ]
