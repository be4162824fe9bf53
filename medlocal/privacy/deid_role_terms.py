"""A clinician's grade or a therapy's name where the word scan read a person (session 52,
deid52b; issue 16 precision).

Two shapes of ward notes:

* A grade in brackets after the one who holds it: "Seen by MS (SHO)", "JT (FY1)", "Dr Okafor
  (Reg)". The bracket after capitals initials made "MS" read as the title "Ms", and the grade
  was taken as her surname. A listed role alone in its brackets names a grade, never a person.
* A therapy's role word, then the clinical abbreviation of what it is about, then the noun it
  qualifies: "Physio THR precautions", "Nurse PEG care", "OT TKR advice". After "Nurse" or
  "Physio" a capitalised word is read as a name ("Nurse Peg"), and capitals initials are a
  person too ("Nurse JS"). The abbreviation counts only where all of these hold: it is in
  capitals, of three letters or more, the abbreviation vocabulary explains it, and the next
  word is a lower-case noun of care (below) - initials are followed by a verb or a stop
  ("Nurse JS reviewed", "Physio AB."), not by "care" or "precautions".

And a relation's word written with a capital inside it: "MoM" (multiples of the median, "MCA
PSV 1.1 MoM, CPR 1.6") is a unit; a mother is written "mom", "Mom" or "MOM", so the word after
"MoM" is no mother's name.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation
from medlocal.privacy.deid_people_words import RELATIONS, ROLES
from medlocal.privacy.deid_tokens import Tok

# Nouns of care that a clinical abbreviation qualifies after a therapy's role word.
_CARE_NOUNS = frozenset(
    {
        "care", "precautions", "precaution", "advice", "exercises", "exercise", "protocol",
        "regime", "regimen", "plan", "teaching", "training", "education", "assessment",
        "review", "checks", "check", "feeds", "feed", "feeding", "site", "dressing",
        "dressings", "management", "rehab", "rehabilitation", "programme", "program",
        "pathway", "goals", "mobilisation", "mobilization", "class", "group", "clinic",
        "referral", "input", "follow-up", "bundle", "chart", "flush", "flushes", "insertion",
        "removal", "restrictions", "instructions", "booklet", "leaflet",
    }
)  # fmt: skip
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[a-z][a-z-]+)\b")


def bracketed_role(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """Whether ``run`` is one listed role alone in its brackets ("(SHO)", "(Reg)", "(FY1)"),
    no word a name list holds ("(Porter)", "(Judge)" may be someone's surname)."""
    if len(run) != 1 or run[0].lower.rstrip(".") not in ROLES or lex.name_like(run[0].lower):
        return False
    tok = run[0]
    return text[tok.start - 1 : tok.start] == "(" and text[tok.end : tok.end + 1] == ")"


def care_subject(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a clinical abbreviation in capitals that the lower-case
    noun of care after it is about ("THR" in "THR precautions", "PEG" in "PEG care")."""
    word = text[start:end]
    if not (word.isalpha() and word.isupper() and len(word) >= 3):
        return False
    if not clinical_abbreviation(word):
        return False
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group("w") in _CARE_NOUNS


def role_before_abbreviation(run: list[Tok], text: str) -> bool:
    """Whether ``run`` is a role word, then a clinical abbreviation in capitals that the
    lower-case noun of care after it is about ("Physio THR precautions")."""
    if len(run) != 2 or run[0].lower not in ROLES:
        return False
    return care_subject(text, run[1].start, run[1].end)


def mixed_case_relation(written: str) -> bool:
    """Whether ``written`` is a relation's word with a capital inside it and a lower-case letter
    ("MoM"), which no note writes for a relation."""
    return (
        written.lower() in RELATIONS
        and not (written.islower() or written.isupper() or written.istitle())
        and any(c.isupper() for c in written[1:])
    )
