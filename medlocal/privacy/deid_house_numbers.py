"""House and flat numbers written after a street in Russian, Ukrainian and Turkish addresses, and
a Vietnamese city after "TP." (session 55, deid55c).

The word scan reads a street's name in these scripts and languages, but the numbers that close
the address stay in view: "ул. Пехотная, д. 3, кв. 14" (house, flat), "Atatürk Bulvarı No: 44",
"Bağdat Caddesi No: 112/4 Daire 3", "Gazi Sk. No:7". With the street's name gone, the house and
flat numbers still point at one door. And "TP. Hồ Chí Minh" (thành phố, city) left "TP." with
no reading of the city after it.

What keeps a clinical number out: a Russian or Ukrainian house, flat or building label ("д.",
"дом", "кв.", "корп.", "буд.") counts only after a comma, the number right after it; a Turkish
"No" only on a line where a Turkish street word (Caddesi, Sokak, Bulvarı, Mahallesi, Yolu and
their short forms) comes before it, within 40 characters; a Vietnamese city only after "TP."
or "Thành phố" with capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_NUMBER = r"\d{1,5}[A-Za-zА-Яа-я]?(?:/\d{1,4}[A-Za-zА-Яа-я]?)?"
# ", д. 3", ", кв. 14", ", корп. 2": the number after a Cyrillic house, flat or building label.
_CYRILLIC = re.compile(
    rf",[ \t]*(?P<l>д|дом|кв|квартира|корп|корпус|буд|будинок)\.?[ \t]*(?:№[ \t]*)?(?P<n>{_NUMBER})"
    r"(?![\w.,]\d)"
)
_TURKISH_STREET = (
    r"(?:Caddesi|Cad\.|Cd\.|Sokak|Sokağı|Sok\.|Sk\.|Bulvarı|Blv\.|Bulv\.|Mahallesi|Mah\.|Yolu)"
)
# "Atatürk Bulvarı No: 44", "Bağdat Caddesi No: 112/4 Daire 3": the house number and a flat.
_TURKISH = re.compile(
    rf"(?P<s>{_TURKISH_STREET})[^\n]{{0,40}}?\bNo[ \t]*[:.]?[ \t]*(?P<n>{_NUMBER})(?![\w.,]\d)"
    rf"(?:[ \t]*,?[ \t]*(?:Daire|D\.|D:|Kat)[ \t]*[:.]?[ \t]*(?P<d>\d{{1,4}}))?"
)
# "TP. Hồ Chí Minh", "Thành phố Đà Nẵng": capitalised words of a city after its word.
_VIETNAMESE_CITY = re.compile(
    r"(?<![\w.])(?P<w>TP\.|Tp\.|T\.P\.|Thành phố|thành phố)[ \t]*"
    r"(?:[A-ZĐÂĂÊÔƠƯ][^\W\d_]*(?:[ \t]+[A-ZĐÂĂÊÔƠƯ][^\W\d_]*){0,3})"
)


def house_number_candidates(text: str) -> Iterator[Redaction]:
    """Street addresses for the house and flat numbers above, cities for the Vietnamese."""
    if "," in text:
        for match in _CYRILLIC.finditer(text):
            yield _span(match, match.start("l"), match.end(), "street_address")
    if "No" in text:
        # From the street's word to the last number: its "No" is part of the address.
        for match in _TURKISH.finditer(text):
            yield _span(match, match.start("s"), match.end(), "street_address")
    for match in skipped_finditer(_VIETNAMESE_CITY, text):
        yield _span(match, match.start(), match.end(), "city")


def _span(match: re.Match[str], start: int, end: int, kind: str) -> Redaction:
    return Redaction(kind, start, end, match.string[start:end], label(kind))
