"""Blood group systems named after people ("Lewis B antigen", "Duffy Fy(a-b-)", "Kidd Jk(a+)",
"anti-Lewis"), read as the blood group, not a person (session 62, prec62; issue 16).

A transfusion or antenatal note names the systems by the surnames of the first patients found
with the antibody, and the word scan reads them as names. The system's word is kept only in a
blood group's own notation:

* right after "anti-" (an antibody: "anti-Kell", "anty-Lewis");
* or with its antigen written after it: a phenotype in brackets ("Fy(a-b-)", "Jk(a+)",
  "Le(a)"), or "antigen", "antibody" or "phenotype", with at most an antigen's letter or symbol
  between ("Lewis B antigen", "Kell antibody screen"). Review62q: not "system" or "typing",
  which follow a person as often ("dictated by Lewis typing by Kell", "Lewis system update").

A title or a capitalised word (a given name) right before it keeps it a person ("Mr Lewis",
"Jane Kidd antibody screen"), and so does a relation, role or cue ("daughter Lewis antigen
test", "by Kell antibody clinic"), as for a score's eponym.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_eponym_scores import person_cue_before
from medlocal.privacy.deid_spans import Redaction

_SYSTEM = (
    r"(?:Lewis|Duffy|Kidd|Lutheran|Kell|Diego|Dombrock|Colton|Cartwright|Scianna|Knops|Cromer"
    r"|Gerbich)"
)
# The span: the system's word, with the antigen's letter or symbol the scan may have joined.
_SPAN = re.compile(rf"{_SYSTEM}(?:[ \t]+(?:[A-Z][a-z]?|[ab]))?")
_ANTIBODY_BEFORE = re.compile(r"\b(?:anti|anty)-\Z", re.I)
_NOTATION_AFTER = re.compile(
    r"(?:[ \t]+(?:[A-Z][a-z]?|[ab]))?(?:\((?:[ab][+-]?){1,2}\)"
    r"|[ \t]+(?:antigens?|antibod(?:y|ies)|phenotype)\b)"
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Nurse)\.?|[A-Z][\w'’-]*)[ \t]+\Z"
)


def blood_group(text: str, start: int, end: int) -> bool:
    """Whether the name span ``text[start:end]`` is a blood group system in its notation."""
    if _SPAN.fullmatch(text, start, end) is None:
        return False
    if _ANTIBODY_BEFORE.search(text, max(0, start - 5), start) is not None:
        return True
    if _PERSON_BEFORE.search(text, max(0, start - 30), start) is not None:
        return False
    if person_cue_before(text, start):
        return False
    system_end = re.match(_SYSTEM, text[start:end])
    assert system_end is not None  # _SPAN matched
    # The notation after the whole span, or after the system's word alone ("Lewis B" spanned).
    return any(
        _NOTATION_AFTER.match(text, at) is not None for at in (end, start + system_end.end())
    )


def without_blood_groups(text: str, candidates: Iterable[Redaction]) -> Iterator[Redaction]:
    """``candidates`` without the names that are a blood group system in its notation."""
    for red in candidates:
        if red.kind in ("name", "patient_name") and blood_group(text, red.start, red.end):
            continue
        yield red
