"""The region written after a town (round 19): "May Pen, Clarendon", "Bergamo (BG)".

A town found by the rules is often followed by the county, parish, province or state it lies
in, after a comma, or by an Italian province's two-letter code in brackets. The region narrows
the place as the town does. Its name may also be an English word ("Clarendon", "Manchester"),
which the word scan leaves without a cue; beside a town it is the region's: the span grows over
it where the gazetteer lists it and the region ends its line, its field or its clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_states import is_state

# ", Clarendon" up to three capitalised words, then the end of the line, a comma, a full stop,
# a field's gap or a postcode-like group.
_REGION_AFTER = re.compile(
    r",[ \t]*(?P<r>[A-Z][\w'’.-]+(?:[ \t][A-Z][\w'’.-]+){0,2})"
    r"(?=[ \t]*(?:$|[,;)\n]|\.(?:\s|$)|[ \t]{2}|[ \t]+[A-Z0-9]{2,4}[ \t]?[0-9][A-Z0-9]{1,3}\b))",
    re.M,
)
# Italy's provinces by their codes, as written in brackets after a town ("Clusone (BG)").
_ITALIAN_PROVINCES = frozenset(
    {
        "AG", "AL", "AN", "AO", "AP", "AQ", "AR", "AT", "AV", "BA", "BG", "BI", "BL", "BN", "BO",
        "BR", "BS", "BT", "BZ", "CA", "CB", "CE", "CH", "CL", "CN", "CO", "CR", "CS", "CT", "CZ",
        "EN", "FC", "FE", "FG", "FI", "FM", "FR", "GE", "GO", "GR", "IM", "IS", "KR", "LC", "LE",
        "LI", "LO", "LT", "LU", "MB", "MC", "ME", "MI", "MN", "MO", "MS", "MT", "NA", "NO", "NU",
        "OR", "PA", "PC", "PD", "PE", "PG", "PI", "PN", "PO", "PR", "PT", "PU", "PV", "PZ", "RA",
        "RC", "RE", "RG", "RI", "RM", "RN", "RO", "SA", "SI", "SO", "SP", "SR", "SS", "SU", "SV",
        "TA", "TE", "TN", "TO", "TP", "TR", "TS", "TV", "UD", "VA", "VB", "VC", "VE", "VI", "VR",
        "VT", "VV",
    }
)  # fmt: skip
_PROVINCE_AFTER = re.compile(r"[ \t]*\((?P<p>[A-Z]{2})\)")


def region_end(text: str, end: int) -> int:
    """Where a town's span that ends at ``end`` ends with the region written after it: after
    ", <region>" where the gazetteer lists the region, or after an Italian province's code in
    brackets; ``end`` where neither follows."""
    province = _PROVINCE_AFTER.match(text, end)
    if province is not None and province.group("p") in _ITALIAN_PROVINCES:
        return province.end()
    if text[end : end + 1] != ",":
        return end
    region = _REGION_AFTER.match(text, end)
    if region is None:
        return end
    # Only a region that is also an English word: any other listed region the word scan
    # finds by itself, as its own span.
    if is_state(region.group("r")):
        return end  # a state stays (deid_states: "Brisbane, Queensland")
    name = region.group("r").lower()
    words = lexicon()
    if name not in words.places or not any(w in words.english for w in name.split()):
        return end
    return region.end("r")


# An Italian town after its preposition, with its province's code ("nato a Clusone (BG)",
# "residente in Albino (BG)"): a town's capitalised words, none an English word ("a Multiple
# Sclerosis (MS)" is a disease and its initials).
_ITALIAN_TOWN = re.compile(
    r"(?<!\w)(?:a|in|di|da)[ \t]+(?P<t>[A-Z][a-zà-ù'’]+(?:[ \t-](?:[A-Z][a-zà-ù'’]+|"
    r"d[ei]|del|sul|sull['’]|in))*)[ \t]*\((?P<p>[A-Z]{2})\)"
)


def italian_town_candidates(text: str) -> Iterator[Redaction]:
    """A town and its province's code after an Italian preposition."""
    if "(" not in text:
        return
    english = lexicon().english
    for match in skipped_finditer(_ITALIAN_TOWN, text):
        if match.group("p") not in _ITALIAN_PROVINCES:
            continue
        words = re.findall(r"[A-Z][a-zà-ù'’]+", match.group("t"))
        if any(word.lower() in english for word in words):
            continue
        start, end = match.start("t"), match.end()
        yield Redaction("city", start, end, text[start:end], label("city"))


# An Irish county in Irish, with its article ("Co. na Gaillimhe", "Contae an Chláir", "Co. na
# hIarmhí"): the word scan reads "Co. Kerry" but stops at the lower-case article.
IRISH_COUNTY_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "county",
        re.compile(
            r"\b(?:Co\.?|Contae)[ \t]+(?:na|an)[ \t]+(?:[hnt](?=[A-ZÁÉÍÓÚ]))?[A-ZÁÉÍÓÚ][a-záéíóú]+"
            r"(?:[ \t]+[A-ZÁÉÍÓÚ][a-záéíóú]+)?"
        ),
    ),
]
