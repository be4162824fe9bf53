"""Address parts whose word also names a clinical scale's step: "Stage", "Level", "Phase" and
"Zone" with a number are a flat's level or an estate's phase in an address ("Level 3, 44 King
Street", "Phase 2, Kapsoya"), but a stage, a level of care or evidence, a trial's phase or an
anatomical zone in clinical text ("Stage 1 pressure injury", "Level 5 Hospital", "CKD Stage 3",
"Phase 2 trial", "Zone 2 of the neck"). Read from what stands around the part, not from its
words: a lower-case word after it (a clinical phrase goes on), a facility's or clinical word after
it, or an acronym of capitals before it (a classification's name).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_place_words import FACILITY_HEADS

_SCALE_WORD = re.compile(r"(?:Stage|Level|Phase|Zone)\b", re.I)
_WORD_AFTER = re.compile(r"[ \t]+(?P<w>[^\W\d_][\w'’-]*)")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}[ \t]+\Z")


def scale_not_address(text: str, start: int, end: int) -> bool:
    """Whether the address part ``text[start:end]`` opens with a scale's word ("Stage 1") and
    is read as that scale's step where it stands."""
    if _SCALE_WORD.match(text, start) is None:
        return False
    if _ACRONYM_BEFORE.search(text, max(0, start - 12), start) is not None:
        return True  # "CKD Stage 3", "FIGO Stage 1"
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group("w")
    if word[0].islower():
        return True  # "Stage 2 hypertension", "Level 3 of the ramp"
    folded = fold(word)
    return folded in FACILITY_HEADS or lexicon().clinical(folded)
