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

A manner of taking that belongs to a dose given there and then is a one-off word too (left 53:
"Given aspirin 300 mg chewed" was compared with "aspirin 75 mg once daily"): chewed, under the
tongue (sublingual), in the cheek (buccal). A route alone is not (regular doses go IV or IM on
a ward): IV or IM count only with "given" or "administered" in the sentence. Either is
read as a regimen when the sentence carries a clock time ("08:00 Furosemide 80 mg IV given"):
that is a chart's record of a scheduled dose.
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
# How a dose given there and then is taken (never how a regimen is).
_TAKEN_THERE_AND_THEN = re.compile(
    r"\b(?:chewed|chew(?:ing)?|sublingual(?:ly)?|under\s+the\s+tongue|bucc?al(?:ly)?)\b",
    re.IGNORECASE,
)
# A route a regular dose takes as well: one-off only with an administration verb.
_ROUTE = re.compile(r"\b(?:IV|IM|intravenous(?:ly)?|intramuscular(?:ly)?)\b")
_ADMINISTERED = re.compile(r"\b(?:given|administered)\b", re.IGNORECASE)
# A clock time ("08:00", "8.30", "0800h", "14:00 hrs"): a chart's scheduled dose. "0.25 mg" is
# a dose, not a time.
_CLOCK = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d(?!\s*(?:mg|mcg|micrograms?|g|ml|mL|units?)\b))\b"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d\s*h(?:rs?)?\b"
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
    if not (_ONCE.search(sentence) or _given_there_and_then(sentence)):
        return False
    if _REGULAR.search(sentence):
        return False
    return not any(found == drug for found, _ in frequency_pairs(sentence, lexicon))


def _given_there_and_then(sentence: str) -> bool:
    """A manner or route of a dose given there and then, with no clock time (see above)."""
    if _CLOCK.search(sentence):
        return False
    if _TAKEN_THERE_AND_THEN.search(sentence):
        return True
    return bool(_ROUTE.search(sentence) and _ADMINISTERED.search(sentence))
