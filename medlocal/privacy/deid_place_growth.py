"""A place's span grown over what is written beside it and belongs to it: a house number before
or after a street ("14 [Clepington]", "[Lindenbühl] 7"), an organisation's head word after its
name, also where the name wraps onto the next line ("[Hope Family]\\nClinic", "[Aggieland]
Rehab"), a compass part after a district ("[Kurla] (W)") and a street word in lower case
("[Ndumberi-Gachika] road"). The rules and the tagger find the name; what they leave beside it
would still point to the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction

# Spans that may name a place or an organisation (the word scan calls an unknown name "name").
_PLACE_KINDS = frozenset({"name", "facility", "location", "city", "county", "street_address"})
# Head words that end an organisation's name: the strong heads, and short heads that are plain
# words alone but end a name written before them ("Aggieland Rehab", "Velanthangal PS" a police
# station, "Gatundu S.C.H." a sub-county hospital, "Pecan Street PT").
# Specialties and services are left out: "Dr [Patel] Cardiology" keeps its service.
_HEADS = frozenset(
    {
        "hospital", "clinic", "centre", "center", "practice", "surgery", "academy", "school",
        "college", "university", "pharmacy", "hospice", "infirmary", "institute", "laboratory",
        "laboratories", "lab", "labs", "apothecary", "chemist", "chemists", "church", "club",
        "fc", "rfc", "afc", "inn", "hotel", "polyclinic", "dispensary", "sanatorium", "rehab",
        "surgical", "physio", "pt", "ps", "phc", "chc", "sch", "hc", "uhc", "ltd", "inc", "llc",
    }
)  # fmt: skip
# A house number after a street ("Kiamumbi 118", "Borbolla 12, 3ºB", "Jazmines 442"), ending
# the part: not a year, and followed by a comma, a bracket, the line's end or a field gap.
_NUMBER_AFTER = re.compile(
    r"[ \t]+(?!(?:19|20)\d\d\b)\d{1,5}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)?"
    r"(?:,[ \t]*\d{1,4}[º°ª]?[A-Za-z]?(?=[ \t]*[,\n]))?"
    r"(?=[ \t]*(?:[,;)\n]|\Z)|[ \t]{2})"
)
# A house number (or "No. 27,") before a street, opening its part: after the line's start, a
# comma, bracket, colon or dash, or a word that leads to an address ("at", "on", "plot").
_NUMBER_BEFORE = re.compile(
    r"(?:^|[\n,(:;–-]|\b(?:at|on|of|from|in|to|near|off|plot|stand|lot|lives|home))[ \t]*"
    r"(?P<n>(?:No\.?[ \t]*)?(?<![\w./])(?:\d{1,5}[ \t]+)?\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)?"
    r"(?:,[ \t]*|[ \t]*[-–][ \t]*|[ \t]+|))\Z"
)
# A compass part in brackets after a district ("Kurla (W)", "Andheri (East)").
_COMPASS = re.compile(r"[ \t]*\((?:N|S|E|W|North|South|East|West)\)")
# Up to three capitalised words after a span, on its line or, where the span ends its line, on
# the next (a name wrapped by the line's width).
_WORDS_AFTER = re.compile(
    r"(?P<gap>[ \t]+|[ \t]*\n[ \t]*)(?P<w>[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,2})"
)
# A street word in lower case after a street's name ("Ndumberi-Gachika road"): only the words
# that are no everyday word ("close", "way", "place" are).
_STREET_AFTER = re.compile(r"[ \t]+(?:road|street|avenue|lane|highway|marg|rd|ave)\b")
_WINDOW = 40


def grown_place_spans(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """Each place-like span of ``spans`` grown over its house number, head word, compass part
    or street word, where it has one (the grown span holds the old one, so the two merge)."""
    for red in spans:
        if red.kind not in _PLACE_KINDS:
            continue
        start, end = red.start, red.end
        if red.kind != "name" or _addressed(text, start):
            number = _NUMBER_AFTER.match(text, end)
            if number is not None:
                end = number.end()
            before = _NUMBER_BEFORE.search(text[max(0, start - _WINDOW) : start])
            if before is not None and before.group("n"):
                start -= len(before.group("n"))
            street = _STREET_AFTER.match(text, end)
            if street is not None:
                end = street.end()
        compass = _COMPASS.match(text, end)
        if compass is not None:
            end = compass.end()
        end = _head_after(text, end)
        if (start, end) != (red.start, red.end):
            yield Redaction(red.kind, start, end, text[start:end], red.replacement)


def _addressed(text: str, start: int) -> bool:
    """Whether a name opens an address part: after a comma, a bracket, a colon, a dash or a
    house number at its line's start, or after a word that leads to an address."""
    window = text[max(0, start - _WINDOW) : start]
    return (
        re.search(
            r"(?:^|[\n,(:;–-]|\b(?:at|on|near|off|plot|stand|lot|lives|home)|\d[A-Za-z]?)"
            r"[ \t]*(?:No\.?[ \t]*)?(?:\d{1,5}[A-Za-z]?(?:/\d{1,5})?[ \t-]*)?\Z",
            window,
        )
        is not None
    )


def _head_after(text: str, end: int) -> int:
    """The end of an organisation's head word written after a span ("[Wood] Surgical"), up to
    three words on, or the span's own end where none follows."""
    found = _WORDS_AFTER.match(text, end)
    if found is None:
        return end
    words = list(re.finditer(r"\S+", found.group("w")))
    best = end
    for word in words:
        bare = word.group().rstrip(".,;:").replace(".", "").lower()
        if bare in _HEADS:
            best = found.start("w") + word.start() + len(word.group().rstrip(",;:"))
    return best
