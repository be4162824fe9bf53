"""Whose dose a dose after a capitalised word is (review 50a, R6): a word is an unlisted brand
before its dose (:mod:`~medlocal.privacy.deid_dose_brands`) only where the dose counts that word.

"Handover: Kowalczyk 1 g paracetamol given" and "Okonkwo 2 units of blood given" name what the
dose counts after it, a medicine or a blood product or fluid: the word before the dose is no
product, it is the person who received it. And at a line's or a sentence's start, a count
followed by another product's capitalised name or by a verb of giving ("Wiśniewski 2 sachets
Movicol taken", "Nowak 2 puffs given") is a handover's entry about a person: privacy first, the
word stays removed even where it might have been a brand.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon

_NEXT_WORD = re.compile(r"[ \t]+(?:of[ \t]+)?([^\W\d_][\w'’-]*)")
_WORDS_AFTER = re.compile(r"(?:[ \t]+[^\W\d_][\w'’-]*){1,3}")
# Blood products and fluids: what a count of units or a volume gives that no brand names.
_BLOOD_AND_FLUIDS = frozenset(
    {
        "blood", "packed", "red", "platelets", "plasma", "ffp", "cryoprecipitate", "cryo",
        "albumin", "fluid", "fluids", "saline", "crystalloid", "colloid", "hartmann's",
        "hartmanns", "dextrose", "glucose", "water", "prbc", "prbcs",
    }
)  # fmt: skip
# Clinical words that say how or when a dose is given, not what: a brand's own dose goes on
# with them ("Seretide 250 micrograms inhaler", "Oramorph 5 mL nocte").
_HOW_AND_WHEN = frozenset(
    {
        "nocte", "mane", "stat", "daily", "spacer", "inhaler", "inhalers", "solution",
        "suspension", "syrup", "liquid", "elixir", "infusion", "injection", "cream", "ointment",
        "gel", "spray", "drops", "patch", "oral", "orally", "topical", "topically", "subcut",
        "subcutaneous", "subcutaneously", "intravenous", "intravenously", "intramuscular",
        "nebulised", "nebuliser", "tablet", "tablets", "capsule", "capsules", "sachet",
        "sachets", "dose", "doses", "weekly", "hourly", "twice", "once", "bolus",
    }
)  # fmt: skip
_GIVING = frozenset(
    {"given", "gave", "taken", "took", "administered", "received", "infused", "transfused"}
)
# A line's or a sentence's start, or a label's colon at a line's start ("Handover: ").
_START_BEFORE = re.compile(r"(?:\A|\n|[.!?;][ \t]+)[ \t]*(?:[^\W\d_][^\n:.]{0,24}:[ \t]*)?\Z")


def counts_another(text: str, dose_end: int) -> bool:
    """Whether the word after the dose ending at ``dose_end`` names what it counts: a medicine,
    a blood product or a fluid ("1 g paracetamol", "2 units of blood", "500 mL fluid")."""
    after = _NEXT_WORD.match(text, dose_end)
    if after is None:
        return False
    lower = after.group(1).lower()
    if lower in _BLOOD_AND_FLUIDS:
        return True
    lex = lexicon()
    return (
        len(lower) >= 4
        and lower not in _HOW_AND_WHEN
        and lex.clinical(lower)
        and not lex.name_like(lower)
    )


def handover_entry(text: str, start: int, dose_end: int) -> bool:
    """Whether a word at ``start`` opens a line or a sentence and its dose is followed by
    another product's capitalised name or by a verb of giving within three words."""
    if _START_BEFORE.search(text, max(0, start - 40), start) is None:
        return False
    words = _WORDS_AFTER.match(text, dose_end)
    if words is None:
        return False
    following = words.group().split()
    first = following[0]
    another = first[0].isupper() and not first.isupper() and first.lower() not in _HOW_AND_WHEN
    return another or any(word.lower() in _GIVING for word in following)


def names_another(text: str, start: int, dose_end: int) -> bool:
    """Whether the dose after the word at ``start`` is someone's, not that word's own."""
    return counts_another(text, dose_end) or handover_entry(text, start, dose_end)
