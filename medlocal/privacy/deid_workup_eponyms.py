"""A listed surname that names a listed disease, syndrome or sign, before a verdict in a line of
a work-up (session 61, prec61; issue 16).

Review 60c let deid_verdict_eponyms keep a listed surname only before a verdict no person is given
("Noonan unlikely"), since a household's screening reads as a differential does ("Swab results:
Nowak positive, Kowalski negative", "Kowalski excluded"). A differential still wrote "Noonan
excluded" and "Fabry negative", and lost the diagnosis. What tells them apart is on the line:

* the word opens a disease, a syndrome or a sign on the clinical list ("Noonan syndrome", "Fabry
  disease"); "Kowalski" and "Novak" open none;
* and the line names its work-up in words no screening of people needs: another syndrome, disease,
  sign, antibodies, a karyotype, a gene or a variant, a diagnosis ("Dx: Turner syndrome
  (45,X); Noonan excluded"). "Whipple excluded." alone, or after "Household screen:", stays a
  person's name, and so does a contact after "test" (people are tested: "Sputum test: Graves
  negative; Addison positive", review61q).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon

_HEADS = ("syndrome", "disease", "sign")
_WORK_UP = re.compile(
    r"(?i:\b(?:syndromes?|diseases?|signs?|antibod(?:y|ies)|karyotype|genes?|mutations?|"
    r"variants?|deletions?|dx|ddx|diagnos[ie]s|differentials?)\b)"
)


def names_a_listed_disease(bare: str, lex: Lexicon) -> bool:
    """Whether ``bare`` ("Noonan") opens a disease, syndrome or sign on the clinical list."""
    lower = bare.lower()
    return any(
        lex.clinical_phrases.fullmatch(f"{lower}{possessive} {head}")
        for head in _HEADS
        for possessive in ("", "'s")
    )


def in_a_work_up(text: str, start: int, end: int) -> bool:
    """Whether the line of ``text[start:end]`` names a work-up elsewhere on it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return bool(_WORK_UP.search(text, line_start, start) or _WORK_UP.search(text, end, line_end))
