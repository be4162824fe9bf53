"""A dose given once (walk 52a L3): "Given aspirin 300 mg by crew", a loading dose, a "stat"
dose. It is no regimen, so it neither disagrees with the drug's regimen elsewhere ("aspirin
75 mg once daily") nor makes a change within a passage.

A dose is given once when the sentence holding it says so with a one-off word (loading, stat,
once only, a single, one or one-off dose, a bolus, by the crew or the paramedics, pre-hospital)
and names no frequency for the drug: "She was given apixaban 5 mg twice daily" is a regimen.
"Given" or "administered" alone is no one-off word (review 52b F3): a drug chart records every
regular dose so ("08:00 Apixaban 2.5 mg given."), and reading it as one-off hid the ward giving
half the letter's dose. A sentence that calls the dose regular or usual is a regimen whatever
else it says.
"""

from __future__ import annotations

import re

from medlocal.rag.drug_facts import frequency_pairs
from medlocal.rag.medications import MedicationLexicon
from medlocal.values import Value

_ONCE = re.compile(
    r"\b(?:loading|loaded|stat|once[\s-]+only|(?:single|one)[\s-]+(?:off[\s-]+)?dose|one[\s-]+off"
    r"|bolus|by\s+(?:the\s+)?(?:crew|paramedics?|ambulance(?:\s+crew)?)|pre-?hospital)\b",
    re.IGNORECASE,
)
_REGULAR = re.compile(
    r"\b(?:regular(?:ly)?|usual(?:ly)?|as\s+charted|maintenance)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")


def given_once(text: str, drug: str, value: Value, lexicon: MedicationLexicon) -> bool:
    """Whether the dose ``value`` of ``drug`` in ``text`` was given once, not as a regimen."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, value.start)), default=0)
    end_match = _SENTENCE_END.search(text, value.start + len(value.raw))
    sentence = text[start : end_match.start() if end_match else len(text)]
    if not _ONCE.search(sentence) or _REGULAR.search(sentence):
        return False
    return not any(found == drug for found, _ in frequency_pairs(sentence, lexicon))
