"""A dose given once (walk 52a L3): "Given aspirin 300 mg by crew", a loading dose, a "stat"
dose. It is no regimen, so it neither disagrees with the drug's regimen elsewhere ("aspirin
75 mg once daily") nor makes a change within a passage.

A dose is given once when the sentence holding it says so (given, administered, loading,
stat, once only, a single or one-off dose, a bolus, by the crew or the paramedics) and names no
frequency for the drug: "She was given apixaban 5 mg twice daily" is a regimen.
"""

from __future__ import annotations

import re

from medlocal.rag.drug_facts import frequency_pairs
from medlocal.rag.medications import MedicationLexicon
from medlocal.values import Value

_ONCE = re.compile(
    r"\b(?:given|administered|loading|loaded|stat|once[\s-]+only|single[\s-]+dose|one[\s-]+off"
    r"|bolus|by\s+(?:the\s+)?(?:crew|paramedics?|ambulance(?:\s+crew)?)|pre-?hospital)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")


def given_once(text: str, drug: str, value: Value, lexicon: MedicationLexicon) -> bool:
    """Whether the dose ``value`` of ``drug`` in ``text`` was given once, not as a regimen."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, value.start)), default=0)
    end_match = _SENTENCE_END.search(text, value.start + len(value.raw))
    sentence = text[start : end_match.start() if end_match else len(text)]
    if not _ONCE.search(sentence):
        return False
    return not any(found == drug for found, _ in frequency_pairs(sentence, lexicon))
