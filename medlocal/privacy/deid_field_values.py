"""An organisation's field whose value says what kind, or that there is none, given back (round
18, walk 21: "Employer: Retired." and "Pharmacy: PRN." became "[FACILITY]").

A field's label says an organisation follows ("Employer:", "Pharmacy:", "School:"), and the
rules take its value whatever its words are. A value that is a status of work or of the field
("Retired", "Unemployed", "None", "N/A", "Student") or a clinical abbreviation ("PRN", "STAT")
names no organisation: it is given back where it is the field's whole value, its line's end or a
field gap after it.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction

# What a person's work, school or a service field says when it names none.
_STATUSES = frozenset(
    {
        "retired", "unemployed", "employed", "self-employed", "self employed", "self",
        "student", "homemaker", "housewife", "househusband", "carer", "pensioner", "disabled",
        "none", "nil", "n/a", "na", "n/k", "nk", "unknown", "not known", "not applicable",
        "declined", "various", "casual", "freelance", "home", "jobseeker", "on benefits",
        "sick leave", "none known", "not stated", "not given", "tbc", "pending",
    }
)  # fmt: skip
# A label and its colon before the value, opening its line or after a field gap.
_LABEL_BEFORE = re.compile(r"(?:^|[ \t]{2}|\t|[;|][ \t]*)[A-Za-z][\w /'’-]{0,30}:[ \t]*\Z")
# The field's end after the value: a full stop, then the line's end or a field gap.
_FIELD_END = re.compile(r"\.?(?:[ \t]*$|[ \t]{2,}|[ \t]*[\t;|])", re.M)


def _no_organisation(value: str) -> bool:
    lower = value.lower()
    if lower in _STATUSES:
        return True
    return " " not in value and value.isupper() and lexicon().clinical(lower)


def without_status_values(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the organisations that are a field's status or abbreviation."""
    kept: list[Redaction] = []
    for red in redactions:
        if red.kind == "facility" and _no_organisation(red.original.strip()):
            line = text.rfind("\n", 0, red.start) + 1
            if _LABEL_BEFORE.search(text[line : red.start]) and _FIELD_END.match(text, red.end):
                continue
        kept.append(red)
    return kept
