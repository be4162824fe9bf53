"""Street addresses typed in capitals on a line of their own ("27 QUAYSIDE MEWS, SALCOMBE").

The street grammar of :mod:`~medlocal.privacy.deid_addresses` reads its street words in title
case ("Mews"), and a lone line in capitals is not re-cased (:mod:`~medlocal.privacy.deid_case`
reads it as a heading), so an address line under a letter's "RE:" kept its house and town
(walk 21). Here a house number, one to four name words in capitals and a street word in
capitals make a street where the address's part ends there (a comma, the line's end, a field
gap): "APICAL 4 CHAMBER VIEW SHOWS" and "6 MINUTE WALK TEST" go on, and stay. The town after
the street's comma, in capitals to its part's end, goes with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_addresses import STATES, STREET_TYPES
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, fold, lexicon
from medlocal.privacy.deid_spans import Redaction, label

# The street words in capitals, less the short ones that are also a title or a scan's name in
# capitals ("DR", "CT", "PL", "GR", "CL"): "27 NOV DR" is no street.
_AMBIGUOUS = frozenset({"DR", "CT", "PL", "GR", "CL", "CIR", "TER", "TRL", "ESP", "GATE"})
_CAPS_TYPES = "|".join(
    sorted(
        {t.upper() for t in STREET_TYPES.split("|")} - _AMBIGUOUS,
        key=len,
        reverse=True,
    )
)
# Where an address's part ends: a comma, the line's end, a field gap, a postcode's capitals.
_PART_END = r"(?=[ \t]*(?:,|$|\n)|[ \t]{2,}|\t|[ \t]+[A-Z]{1,2}\d)"
_CAPS_STREET = re.compile(
    # A digit opens it (a cheap first test), not inside a code ("3456 27" is two numbers).
    r"(?<![\w/.-])(?=\d)(?P<s>\d{1,5}[A-Z]?(?:/\d{1,5})?,?[ \t]+"
    r"(?P<n>[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3})[ \t]+"
    rf"(?:{_CAPS_TYPES})\b\.?){_PART_END}"
    # The town after its comma, in capitals to the end of its part.
    r"(?:,[ \t]*(?P<t>[A-Z][A-Z'’-]{2,}(?:[ \t]+[A-Z][A-Z'’-]{2,}){0,2})"
    rf"{_PART_END})?",
    re.M,
)
# Words of a measure or a time before a street word: "6 MINUTE WALK", "10 METRE WALK".
_MEASURES = frozenset(
    re.findall(
        r"\w+",
        "second seconds minute minutes min hour hours hr hrs day days week weeks month months"
        " year years metre metres meter meters mile miles km step steps flight flights lead"
        " leads point stage vessel chamber times dose doses unit units",
    )
)
_STATE_CODES = frozenset(STATES.split("|")) | {"NSW", "VIC", "QLD", "TAS", "ACT"}


def _place_words(words: str) -> bool:
    """Words that may name a street or a town: no clinical word, calendar word or measure."""
    lex = lexicon()
    for word in words.split():
        lower = fold(word.strip(".'’-"))
        if (
            lex.clinical(lower)
            or lower in CLINICAL_SHORT
            or lower in CALENDAR_WORDS
            or lower in _MEASURES
        ):
            return False
    return True


def caps_street_candidates(text: str) -> Iterator[Redaction]:
    """Streets (and their towns) written in capitals (_CAPS_STREET); nothing where the text
    holds no run of two capitals words."""
    for match in skipped_finditer(_CAPS_STREET, text):
        if not _place_words(match.group("n")):
            continue
        yield Redaction(
            "street_address",
            match.start("s"),
            match.end("s"),
            match.group("s"),
            label("street_address"),
        )
        town = match.group("t")
        if town and town not in _STATE_CODES and _place_words(town):
            yield Redaction("city", match.start("t"), match.end("t"), town, label("city"))
