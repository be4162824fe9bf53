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

A dose chewed is one-off too (left 53: "Given aspirin 300 mg chewed" was compared with
"aspirin 75 mg once daily"). A manner (to chew, sublingual, buccal) or a route (IV, IM) alone
is not: regimens take them too (buprenorphine and GTN sublingual, midazolam buccal, gentamicin
IV), so they count only with "given" or "administered" in the sentence. None counts when the
sentence carries a clock time ("08:00", "at 0800", "8am": a chart's record of a scheduled dose)
or an as-needed word (PRN, as required: a regimen) (review 53a).
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
# How a dose given there and then was taken: "chewed" names the event itself.
_CHEWED = re.compile(r"\bchewed\b", re.IGNORECASE)
# A manner (to chew, sublingual, buccal) or a route (IV, IM) a regimen takes as well: buprenorphine
# and GTN are sublingual, midazolam buccal, gentamicin IV on every day of a course (review 53a:
# "Buprenorphine 400 micrograms sublingual." on a GP list hid its dose). One-off only with an
# administration verb.
_MANNER_OR_ROUTE = re.compile(
    r"\b(?:chew(?:ing)?|sublingual(?:ly)?|under\s+the\s+tongue|bucc?al(?:ly)?)\b"
    r"|\b(?-i:IV|IM)\b|\b(?:intravenous(?:ly)?|intramuscular(?:ly)?)\b",
    re.IGNORECASE,
)
_ADMINISTERED = re.compile(r"\b(?:given|administered)\b", re.IGNORECASE)
# As needed is a regimen ("Midazolam 5 mg buccal PRN for seizures", review 53a).
_AS_NEEDED = re.compile(
    r"\b(?:PRN|p\.r\.n\.?|as\s+(?:and\s+when\s+)?(?:required|needed)|when\s+(?:required|needed)"
    r"|if\s+(?:required|needed))(?!\w)",
    re.IGNORECASE,
)
# A clock time ("08:00", "8.30", "0800h", "14:00 hrs", "at 0800", "8am", "8 p.m."): a chart's
# scheduled dose. "0.25 mg" is a dose, not a time.
_CLOCK = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d(?!\s*(?:mg|mcg|micrograms?|g|ml|mL|units?)\b))\b"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d\s*h(?:rs?)?\b"
    r"|\bat\s+(?:[01]\d|2[0-3])[0-5]\d\b"
    r"|\b(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)",
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
    if not (_ONCE.search(sentence) or _given_there_and_then(sentence)):
        return False
    if _REGULAR.search(sentence):
        return False
    return not any(found == drug for found, _ in frequency_pairs(sentence, lexicon))


def _given_there_and_then(sentence: str) -> bool:
    """A dose taken there and then: chewed, or a manner or route with an administration verb;
    never with a clock time or an as-needed word (see above)."""
    if _CLOCK.search(sentence) or _AS_NEEDED.search(sentence):
        return False
    if _CHEWED.search(sentence):
        return True
    return bool(_MANNER_OR_ROUTE.search(sentence) and _ADMINISTERED.search(sentence))
