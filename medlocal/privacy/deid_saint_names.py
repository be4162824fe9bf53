"""A place named for a saint, in the possessive: "transferred from St Jude's", "Crisis Skylight
/ St Mungo's joint outreach", "Chaplaincy at St Audoen's", "ST TEILO'S HOSPICE" (session 47).

Hospitals, hospices, churches, schools and charities are named so, and written without their
head word once everyone knows them. The word scan read the saint's name as a person's or kept
it where the name is an English or a listed word ("Mungo", "Jude"), and after some words it
was read as neither. "St" or "Saint", a capitalised name and its "'s" is a place's name
wherever it stands, except before the head words that make it a remedy, a sign or a device:
"St John's wort", "St Vitus's dance", "St Anthony's fire", "a St Jude's valve".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_SAINT = re.compile(
    r"(?<![\w'’-])(?:St\.?|ST\.?|Saint|SAINT)[ \t]+(?:[A-Z][a-z]+[ \t]+)?"
    r"(?:[A-Z][a-z'’-]+|[A-Z]{2,})(?:['’]s|['’]S|s['’])(?![\w'’-])"
    r"(?![ \t]+(?i:wort|dance|fire|evil|valve|valves|pacemaker|lead|leads|prosthesis|icd|"
    r"device|heart[ \t]+valve|mechanical|bileaflet|cross)\b)"
)
# Session 48 (deid48a): a saint's dedication with its "of" ("St Mary of the Angels", "St John of
# God", "St. Jude of the Brazos", "Our Lady of Lourdes"): churches, parishes and the hospitals
# of religious orders are named so without a head word ("a friend from the St Mary of the
# Angels choir"); the scan found the saint's name and left the rest.
_DEDICATION = re.compile(
    r"(?<![\w'’-])(?:St\.?|ST\.?|Saint|SAINT|Our[ \t]+Lady|OUR[ \t]+LADY)[ \t]+"
    r"(?:(?:[A-Z][a-z'’-]+|[A-Z]{2,})[ \t]+)?(?:of|OF)[ \t]+(?:(?:the|THE)[ \t]+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)(?:[A-Z][a-z'’-]+|[A-Z]{2,})(?:[ \t]+(?:[A-Z][a-z'’-]+|[A-Z]{2,}))?"
)


def saint_place_candidates(text: str) -> Iterator[Redaction]:
    """The places named for a saint in ``text`` (see the module's docstring)."""
    if "St" not in text and "ST" not in text and "Saint" not in text and "SAINT" not in text:
        return
    for pattern in (_SAINT, _DEDICATION):
        for match in skipped_finditer(pattern, text):
            yield Redaction(
                "facility", match.start(), match.end(), match.group(), label("facility")
            )
