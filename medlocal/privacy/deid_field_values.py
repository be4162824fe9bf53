"""An organisation's field whose value says what kind, or that there is none, given back (round
18, walk 21: "Employer: Retired." and "Pharmacy: PRN." became "[FACILITY]").

A field's label says an organisation follows ("Employer:", "Pharmacy:", "School:"), and the
rules take its value whatever its words are. A value that is a status of work or of the field
("Retired", "Unemployed", "None", "N/A", "Student") or a clinical abbreviation ("PRN", "STAT")
names no organisation: it is given back where it is the field's whole value, its line's end or a
field gap after it.

Round 19: a span never runs across a field gap (two blanks or a tab) into the next field's
label: "Employer: Unemployed  School: Year 10" read "Unemployed  School" as one organisation,
which hid the status. The span is cut before the gap, then read as above. And a form label of
another language is given back where it stands as one (deid_form_labels: "Alamat: ...").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_form_labels import form_label
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


# A field gap inside a span, and the rest of a label up to its colon after the span's end (no
# gap on the way: "NOTE   Riverside Hospital   Patient:" ends a letterhead, not a label).
_GAP = re.compile(r"[ \t]{2,}|\t")
_LABEL_REST = re.compile(r"(?:[ ]?[\w/'’-]+){0,3}[ ]?:")
_LABEL_WORDS = re.compile(r"[A-Za-z][\w /'’-]{0,30}")


def _cut_at_label(text: str, red: Redaction) -> Redaction:
    """``red`` ended before a field gap where what follows the gap inside it is the opening of
    the next field's label ("Unemployed  School" before ": Year 10"); itself otherwise."""
    gaps = list(_GAP.finditer(red.original))
    if not gaps:
        return red
    gap = gaps[-1]
    if not _LABEL_WORDS.fullmatch(red.original, gap.end()) or not _LABEL_REST.match(text, red.end):
        return red
    # A label is made of plain words; a name before a colon is a speaker or a person ("Dr
    # Lee: agrees") and stays in the span.
    english = lexicon().english
    if not all(w.lower() in english for w in re.findall(r"[A-Za-z]+", red.original[gap.end() :])):
        return red
    end = red.start + gap.start()
    if end <= red.start:
        return red
    return Redaction(red.kind, red.start, end, text[red.start : end], red.replacement)


def _no_organisation(value: str) -> bool:
    lower = value.lower()
    if lower in _STATUSES:
        return True
    return " " not in value and value.isupper() and lexicon().clinical(lower)


def without_status_values(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the organisations that are a field's status or abbreviation."""
    kept: list[Redaction] = []
    lex = lexicon()
    for red in redactions:
        if "  " in red.original or "\t" in red.original:
            red = _cut_at_label(text, red)
        if form_label(text, red, lex):
            continue
        if red.kind == "facility" and _no_organisation(red.original.strip()):
            line = text.rfind("\n", 0, red.start) + 1
            if _LABEL_BEFORE.search(text[line : red.start]) and _FIELD_END.match(text, red.end):
                continue
        kept.append(red)
    return kept
