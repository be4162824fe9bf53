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
number at once (blanks or one hyphen between), whole, and in small letters (review55b: "Ref
7730418 2207 Day case list" kept the reference's last group).
"""

from __future__ import annotations

from medlocal.privacy.deid_unit_letters import UNIT_OR_COUNT_WORDS

# A count or unit after a number, as a look-ahead's body (the caller writes "(?!" or "(?="
# around it): blanks or one hyphen, then the word whole ("3 tabs", "12-lead ECG", "2 puffs").
# The word opens with a small letter (review55b): a capitalised one after a code's group or a
# plate is a heading or a unit's name as often ("Ref 7730418 2207 Day case list", "Ref 7730418
# 221 Unit B", "Plate KX 4471 Tab" kept the group); an ECG's leads in either case ("12 Lead
# ECG": the ECG after them says what they are).
# Possessive blanks: a number followed by thousands of blanks is read once.
COUNT_AFTER = (
    r"[ \t]*+-?[ \t]*+(?:(?=(?-i:[a-z]))(?i:"
    + UNIT_OR_COUNT_WORDS
    + r")|(?i:leads?(?=[ \t]*+(?:ecgs?|ekgs?|electrocardiograms?)\b)))(?![\w-])"
)
