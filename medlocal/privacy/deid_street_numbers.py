"""A street whose name another reader found, grown over its street word and house number (session
63, deid63c).

The word scan and the statistical line often take a street's name as a name or a place and leave
its house number, and the street word the name stands beside, in view: "[Hämeenkatu] 14 B 22",
"[Fuhlsbüttler Str]. 144", "[Üllői] út 78", "[Korányi Sándor] u. 2/a", "[Strada Horea] nr. 18",
"[Bağdat Caddesi] 41", "[Jonas Lies] vei 65", "Bd. [Unirii] 14", "c/ [Sepúlveda] 38", "os.
[Tysiąclecia] 12 m. 47" (the development halves hold about twenty such, in a dozen languages).

A found span is read as a street only where the street is written as one: its last word ends with
a street word of those languages (-katu, -gatan, -veien, -straße, -straat, Caddesi...), a street
word or a house-number word stands right after it ("út", "u.", "vei", "nr."), or a street word
stands first ("Strada", "Via", "Calle") or right before it ("c/", "ul.", "Bd."). The span then
grows over the house number, the unit parts after it (deid_unit_tails) and the street word
before it, and the number must close the clause (a comma, a semicolon, a bracket, the line's end
or a postcode follow), so a count after a name ("Ward Smith 4 beds") is not read. Without a house
number only a street abbreviation before the name grows it ("ул. Шипка", "ul. Długa,"); "c/",
"os.", "al." and "av." are also shorthand of notes ("c/ Dra. Pérez", "per os.", "et al.") and
need the number. A house-number word alone ("No. 3") makes no street. A person's name is never
grown: the patient's own name and the names after a title keep their kinds, and the kinds read
here are the place kinds and the word scan's plain "name".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_unit_tails import unit_tail_end

# The kinds a street's name is found under: the word scan's and the tagger's plain "name", the
# place kinds and a street already read (which may still lack its street word or number).
_PLACE_KINDS = frozenset({"name", "location", "city", "street_address"})

# The endings of a compound street name (Finnish, Nordic, German, Dutch, Hungarian, Turkish),
# read only at the end of a word of 3 or more letters more ("Hämeenkatu", not "Katu").
_SUFFIX = re.compile(
    r"\w{3,}(?:katu|(?<=[aeiouyäöAEIOUYÄÖn])tie|kuja|polku|puisto|kaari|väylä|raitti|gatan|gata|gate|gaten|vägen|väg|"
    r"veien|vei|vegen|veg|vej|vejen|gränd|straße|strasse|gasse|allee|platz|straat|laan|plein|"
    r"gracht|kade|singel|dreef|dijk|utca|körút)",
    re.IGNORECASE,
)
# A street word standing alone as the name's last word ("Bağdat Caddesi", "Fuhlsbüttler Str").
_LAST_WORD = re.compile(
    r"(?:str|straße|strasse|weg|gasse|allee|platz|caddesi|cad|sokak|sokağı|sok|sk|bulvarı|"
    r"utca|út|u|körút|tér|ulica|ulice|aleja|cesta|trg|vei|veien|gate|gata|gatan|vej|laan|"
    r"straat|katu|tie)",
    re.IGNORECASE,
)
# A street word or a house-number word between the name and its number ("Üllői út 78",
# "Korányi Sándor u. 2/a", "Strada Horea nr. 18", "Jonas Lies vei 65", "Fuhlsbüttler Str. 144").
_STREET_BETWEEN = (
    r"(?i:út|utca|u\.|körút|krt\.|tér|vei|veien|gate|gata|gatan|vej|vejen|str\.|straße|"
    r"strasse|weg|gasse|laan|straat|caddesi|cad\.|sokak|sok\.|sk\.|ulica|ul\.|cesta|trg)"
)
# A house-number word ("nr.", "No.", "nº") follows many things that are no street ("Ward
# Nightingale No. 3"): it is read between a name and its number, but makes no street alone.
_BETWEEN = rf"(?:{_STREET_BETWEEN}|nr\.?|Nr\.?|no\.|No\.|n[º°]\.?|N[º°]\.?|br\.|č\.)"
# A street word that opens the street's name ("Strada Horea", "Via Cassia", "Calle Mayor").
_FIRST_WORD = re.compile(
    r"(?:strada|str\.|calea|bd\.|bdul\.|bulevardul|via|viale|vicolo|piazza|corso|largo|calle|"
    r"avenida|avda\.|paseo|passeig|carrer|carrera|cra\.?|rua|travessa|estrada|rue|"
    r"ulica|ul\.|aleja|οδός|οδ\.|λεωφ\.|вул\.|ул\.|улица)(?=\s)",
    re.IGNORECASE,
)
# A street word written just before the found name, which joins it ("Bd. [Unirii] 14", "ul.
# [Długa] 3"); these abbreviations (with their stop) join it even where no house number follows,
# the shorthand and the words below only with one. "Bd." is read so written only: "bd." and
# "BD." are also the twice-daily of a dose ("omeprazole 20 mg bd. Sarah to review").
_ABBREVIATION_BEFORE = re.compile(
    r"(?<!\w)(?:(?:Bd|(?i:ul|bdul|str|avda|cra|οδ|λεωφ|вул|ул))\.)[ \t]*$"
)
# Abbreviations that are also shorthand of notes ("c/" for with, "per os.", "et al.", "av." for
# by, "bd." for twice daily) join the name only where a house number follows it ("c/ Alcalá
# 140", "os. Piastowskie 14", "bd. Unirii 14").
_SHORTHAND_BEFORE = re.compile(r"(?<!\w)(?<!et )(?:c/|C/|(?i:os|al|av|bd)\.)[ \t]*$")
# A title before the found name makes it a person's, whatever its ending ("Dr Lottie 4", "Mr
# Christie 2,"): the word scan may still give it the plain kind "name".
_TITLE_BEFORE = re.compile(
    r"(?<!\w)(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Sra|Dra|Herr|Frau|Mme|Mlle|Sir|Dame)\.?[ \t]+$"
)
_WORD_BEFORE = re.compile(
    r"(?<!\w)(?i:strada|calea|bulevardul|viale|calle|avenida|paseo|passeig|carrer|carrera|"
    r"rua|travessa|rue|ulica|aleja|οδός|улица)[ \t]+$"
)
# The house number: digits, a letter, a slash or dash part ("41", "14a", "2/a", "45-47").
_NUMBER = re.compile(
    rf"\.?[ \t]*(?:{_BETWEEN}[ \t]*)?"
    r"(?P<n>(?!0)\d{1,4}[A-Za-z]?(?:[/-](?:\d{1,4}[A-Za-z]?|[A-Za-z](?![\w])))?)(?![\w.,:%/-]\d)"
    # A Finnish or Swedish staircase and flat ("Hämeenkatu 14 B 22,").
    r"(?:[ \t][A-Z][ \t]?\d{1,3}(?=[ \t]*[,;\n]))?"
)
# What closes the street: a comma, a semicolon, a bracket, the line's end, a sentence's stop or a
# postcode before the town.
_CLOSE = re.compile(r"[ \t]*(?:[,;)\n]|$|\.(?:[ \t]|$)|\d{3}[ \t]?\d{2}[ \t]+[^\W\d_]|\d{4,5}\b)")
# How far back a street word before the name is looked for.
_BEFORE = 16


def _street_like(name: str, between: bool) -> bool:
    """Whether the found text is written as a street's name (see the module's docstring)."""
    words = name.split()
    if not words:
        return False
    last = words[-1].rstrip(".")
    return (
        between
        or _SUFFIX.fullmatch(last) is not None
        or (len(words) > 1 and _LAST_WORD.fullmatch(last) is not None)
        or _FIRST_WORD.match(name) is not None
    )


def street_number_spans(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """Each found street name grown over its street word and house number (see above), as one
    street span."""
    for red in found:
        if red.kind not in _PLACE_KINDS:
            continue
        before = text[max(0, red.start - _BEFORE) : red.start]
        if _TITLE_BEFORE.search(before):
            continue
        abbreviation = _ABBREVIATION_BEFORE.search(before)
        word = _WORD_BEFORE.search(before) or _SHORTHAND_BEFORE.search(before)
        start = red.start
        end = red.end
        number = _NUMBER.match(text, red.end)
        closed = number is not None and _CLOSE.match(text, unit_tail_end(text, number.end()))
        if number is not None and closed:
            between = re.match(rf"\.?[ \t]*{_STREET_BETWEEN}", text[red.end : number.start("n")])
            if re.search(r"\d/\d", number.group("n")) and between is None:
                number = None  # a date or a ratio after a street ("Peters Creek Rd 2/27")
            elif red.kind == "street_address" or word or abbreviation:
                pass
            elif not _street_like(red.original, between is not None):
                number = None
            if number is not None:
                end = unit_tail_end(text, number.end())
            if word is not None:
                start = red.start - len(word.group())
        if abbreviation is not None:
            start = red.start - len(abbreviation.group())
        if (start, end) == (red.start, red.end):
            continue
        yield Redaction("street_address", start, end, text[start:end], label("street_address"))
