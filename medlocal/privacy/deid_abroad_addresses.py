"""Addresses, telephone numbers and hospitals of letters from abroad (walk 47b, D8).

Four leaks of one Icelandic and one German letter, each a shape that other countries share:

* a telephone number that a two-column PDF wrapped before its last group ("Tel. +49 30 450" /
  "50"): the group alone on the next line is the number's;
* a postcode before its town ("Hringbraut, 101 Reykjavík"), read as an age over 89 ("90+"): three
  to five digits after a comma (or at a line's start) and before a town the rules found or a
  listed place are a postcode;
* a street named without an English street word, then its house number ("Laugavegur 58, 101
  Reykjavík"; "Adresse : Laugavegur 58"): where the rules took the name, the number after it goes
  too when a postcode or town follows, or an address label comes before;
* a hospital named by its country ("University Hospital of Iceland"): the country alone names
  no one and is given back (deid_countries), but after "Hospital of" it names the hospital.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from medlocal.paths import resources_dir
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold, read_list
from medlocal.privacy.deid_spans import Redaction, label

_PLACE_KINDS = frozenset({"location", "city", "zip_code"})
# E.164: a telephone number has at most 15 digits.
_MOST_PHONE_DIGITS = 15
_WRAPPED_TAIL = re.compile(r"[ \t]*\n[ \t]*(?P<v>\d{1,4})[ \t]*(?=\n|\Z)")
# A postcode: after a comma, or first on its line ("101 Reykjavík", "10117 Berlin").
_POSTCODE = re.compile(r"(?:(?<=,)|(?<=,[ \t])|(?<=^)|(?<=\n))(?P<v>\d{3,5})[ \t]+(?=\w)")
_TOWN = re.compile(r"[^\W\d_][\w'’-]*")
_HOUSE_NUMBER = re.compile(r"[ \t]+(?P<v>\d{1,4}[a-zA-Z]?)(?![\w.,]\d)")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_THEN_POSTCODE = re.compile(r"\d{3,5}[ \t]+(?=[^\W\d_])")
# Address labels of the languages of the letters ("Wohnort", "Domicilio", "Adresse").
_ADDRESS_LABEL = re.compile(
    r"(?i:\b(?:address|addr|adresse|adres|anschrift|wohnort|domicilio|direcci[oó]n|morada|"
    r"endere[cç]o|indirizzo|residenza|heimilisfang|lives[ \t]+at)\b)[ \t]*:?[ \t]*\Z"
)
_FACILITY_OF = re.compile(
    r"\b(?:(?:University|General|National|Regional|Royal|Central|Teaching|Children's|State)"
    r"[ \t]+)*(?:Hospitals?|Infirmary|Clinic|Medical[ \t]+Cent(?:re|er))[ \t]+of[ \t]+"
    r"(?:the[ \t]+)?(?P<v>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})"
)


def wrapped_phone_tails(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """A telephone number grown over its last group, wrapped alone onto the next line."""
    for red in found:
        if red.kind not in ("phone", "fax"):
            continue
        tail = _WRAPPED_TAIL.match(text, red.end)
        if tail is None:
            continue
        digits = sum(c.isdigit() for c in red.original) + len(tail.group("v"))
        if digits <= _MOST_PHONE_DIGITS:
            end = tail.end("v")
            yield Redaction(red.kind, red.start, end, text[red.start : end], red.replacement)


def postcodes_before_towns(
    text: str, found: Iterable[Redaction], lex: Lexicon
) -> Iterator[Redaction]:
    """A number of three to five digits after a comma or first on its line, right before a town
    the rules found or a listed place: a postcode, never an age."""
    towns = {red.start for red in found if red.kind in _PLACE_KINDS}
    for match in skipped_finditer(_POSTCODE, text):
        after = match.end()
        word = _TOWN.match(text, after)
        if after in towns or _listed_town(word, lex):
            start, end = match.span("v")
            yield Redaction("zip_code", start, end, text[start:end], label("zip_code"))


def street_house_numbers(text: str, found: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """A name the rules took, grown over the house number after it, where a postcode or a town
    follows after a comma or an address label comes before: the street of an address
    ("Laugavegur 58, 101 Reykjavík"); not a guideline's year ("Beers 2023, fall risk")."""
    towns = {red.start for red in found if red.kind in _PLACE_KINDS}
    for red in found:
        if red.kind != "name":
            continue
        number = _HOUSE_NUMBER.match(text, red.end)
        if number is None:
            continue
        labelled = _ADDRESS_LABEL.search(text, max(0, red.start - 30), red.start) is not None
        if labelled or _town_after(text, number.end(), towns, lex):
            end = number.end("v")
            yield Redaction(
                "street_address", red.start, end, text[red.start : end], label("street_address")
            )


def _town_after(text: str, at: int, towns: set[int], lex: Lexicon) -> bool:
    """Whether a comma, then a postcode or a town (found, or a listed place), follows ``at``."""
    comma = _COMMA.match(text, at)
    if comma is None:
        return False
    after = comma.end()
    word = _TOWN.match(text, after)
    return (
        _THEN_POSTCODE.match(text, after) is not None or after in towns or _listed_town(word, lex)
    )


# A route or a fluid in capitals ("1000 PO", "1000 NS", "500 IV") is no town though "Po" is one:
# a listed place counts only where it is not a short word in capitals (a clinical abbreviation).
_ABBREVIATION_LETTERS = 4


def _listed_town(word: re.Match[str] | None, lex: Lexicon) -> bool:
    """Whether ``word`` is a listed place written as a town's name, not as an abbreviation."""
    if word is None:
        return False
    name = word.group()
    if name.isupper() and len(name) <= _ABBREVIATION_LETTERS:
        return False
    return fold(name) in lex.places


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(read_list(resources_dir() / "deid_countries.txt"))


def hospitals_of_countries(text: str) -> Iterator[Redaction]:
    """A hospital named by its country ("University Hospital of Iceland"), whole."""
    for match in skipped_finditer(_FACILITY_OF, text):
        if match.group("v").lower() in _countries():
            start, end = match.span()
            yield Redaction("facility", start, end, match.group(), label("facility"))


def abroad_candidates(text: str, found: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Every reading above, of ``found`` (the rules' redactions) in ``text``."""
    yield from wrapped_phone_tails(text, found)
    yield from postcodes_before_towns(text, found, lex)
    yield from street_house_numbers(text, found, lex)
    yield from hospitals_of_countries(text)
