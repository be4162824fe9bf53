"""The doses a medication line writes after a medicine beyond a strength and its unit (session 50,
issue 16, damage): a count of what is given ("Ventolin 2 puffs", "Nasonex 2 sprays", "Laxido 1-2
sachets", "Riamet 4 tablets", "Zarzio 30 MU"), a range of a strength ("Oramorph 2.5-5 mL",
"Gaviscon 10-20 ml"), a strength in micrograms or grams ("Seretide 250 micrograms", "Tazocin
4.5 g"), a weight-based dose ("Privigen 0.4 g/kg") and a strength in per cent before its
formulation ("Dermovate 0.05% cream").

:mod:`~medlocal.privacy.deid_dose_brands` gives an unlisted brand back before a strength with
its unit ("Ocplex 1000 IE"); these are the same evidence in the forms that rule's units missed:
no one's name is followed by "2 puffs", "2.5-5 mL" or "0.05% cream". Its guards stand as they
are (a title, a relation, a role or a person's word before the span, a listed given name in it,
the patient's own name, a name written after a title elsewhere in the text).
"""

from __future__ import annotations

import re

# What a dose counts: inhalations, sprays, drops, solid and other forms, vials and doses.
_COUNTED = (
    r"puffs?|sprays?|drops?|sachets?|tablets?|tabs?|capsules?|caps|doses?|vials?|ampoules?|"
    r"amps|patch(?:es)?|pessar(?:y|ies)|suppositor(?:y|ies)|lozenges?|pens?|inhalations?|"
    r"actuations?|applications?|scoops?|spoonfuls?"
)
# Units of strength the strength rule lacks, and a weight-based dose.
_UNITS = (
    r"micrograms?|microgram|nanograms?|g|grams?|MU|mega[ \t]?units|million[ \t]units|"
    r"mg|mcg|µg|μg|mL|ml|mmol|units?|IU|iu"
)
_PER = r"(?:/(?:kg|m2|m²|day|d|h|hr|hour|dose))?"
_NUMBER = r"\d+(?:[.,]\d+)?"
_FORMULATION = (
    r"cream|ointment|gel|lotion|drops|solution|spray|foam|shampoo|paste|eye[ \t]drops|"
    r"mouthwash|patch|emollient"
)
DOSE_AFTER = re.compile(
    rf"[ \t]+(?:"
    # a count, or a range of one ("2 puffs", "1-2 sachets", "1 to 2 tablets")
    rf"{_NUMBER}(?:[ \t]?(?:-|–|to)[ \t]?{_NUMBER})?[ \t]+(?:{_COUNTED})"
    # a strength or a range of one with its unit, per weight or time where written
    rf"|{_NUMBER}(?:[ \t]?(?:-|–)[ \t]?{_NUMBER})?[ \t]?(?:{_UNITS}){_PER}"
    # a strength in per cent before its formulation
    rf"|{_NUMBER}[ \t]?%[ \t]+(?:{_FORMULATION})"
    r")(?![^\W\d_])"
)


def dose_after(text: str, end: int) -> bool:
    """Whether a dose in one of the forms above follows ``end`` (after one space or tab)."""
    return dose_end(text, end) is not None


def dose_end(text: str, end: int) -> int | None:
    """Where a dose in one of the forms above that follows ``end`` ends; None where none does."""
    match = DOSE_AFTER.match(text, end)
    return None if match is None else match.end()
