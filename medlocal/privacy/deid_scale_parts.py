"""Address parts whose word also names a clinical scale's step: "Stage", "Level", "Phase" and
"Zone" with a number are a flat's level or an estate's phase in an address ("Level 3, 44 King
Street", "Phase 2, Kapsoya"), but a stage, a level of care or evidence, a trial's phase or an
anatomical zone in clinical text ("Stage 1 pressure injury", "Phase 2 trial", "Zone 2 of the
neck"). Read from what follows the part, not from its words: a
lower-case word after it (a clinical phrase goes on).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_clinical_steps import stage_of_condition

_SCALE_WORD = re.compile(r"(?:Stage|Level|Phase|Zone)\b", re.I)
_WORD_AFTER = re.compile(r"[ \t]+(?P<w>[^\W\d_][\w'’-]*)")


def scale_not_address(text: str, start: int, end: int) -> bool:
    """Whether the address part ``text[start:end]`` opens with a scale's word ("Stage 1") and
    is read as that scale's step where it stands."""
    if _SCALE_WORD.match(text, start) is None:
        return False
    if stage_of_condition(text, start):  # session 51: "Chronic Kidney Disease Stage 3B;"
        return True
    # Only a lower-case word after the step: with a capitalised facility or clinical word after
    # it, or an acronym before it, the held-out halves lost an address (measured).
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group("w")[0].islower()  # "Stage 2 hypertension"
