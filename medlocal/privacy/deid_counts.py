"""A count or a unit right after a number: the number is a quantity, not a code's part (session
55, deid55b; issue 16, clinical damage).

A code's rules read digit groups after a label, a plate's rule a short number after a vehicle's
word, a pharmacy's cue the capitalised words after it; where a number is followed by what it
counts, it is a dose, a count of tablets or an ECG's leads, and the note's clinical sense went
with the identifier: "Ref 7730418 3 tabs" lost "3" (the reference's number ends before it),
"Ambulance: 12 lead ECG" lost "12" (no plate counts leads), "Meds from Houchens Pharmacy: Lasix
40 mg" lost "Lasix" (no pharmacy's name takes a dose). The words are the units and counts of
``deid_unit_letters`` (what the address rules already refuse as a house's number) and an ECG's
leads before the ECG's name ("Ambulance 4471 lead paramedic" is a plate); each must follow the
number at once (blanks or one hyphen between), whole.
"""

from __future__ import annotations

from medlocal.privacy.deid_unit_letters import UNIT_OR_COUNT_WORDS

# A count or unit after a number, as a look-ahead's body (the caller writes "(?!" or "(?="
# around it): blanks or one hyphen, then the word whole ("3 tabs", "12-lead ECG", "2 puffs").
# Possessive blanks: a number followed by thousands of blanks is read once.
COUNT_AFTER = (
    r"[ \t]*+-?[ \t]*+(?i:"
    + UNIT_OR_COUNT_WORDS
    + r"|leads?(?=[ \t]*+(?:ecgs?|ekgs?|electrocardiograms?)\b))(?![\w-])"
)
