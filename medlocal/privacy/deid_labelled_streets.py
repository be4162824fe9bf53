"""A street written after the word for an address in another language (session 62, deid62c).

The street rules read a street by its street word ("Calle", "Via", "-gatan") or by a postcode
after it. Notes of many countries name the street bare, or with a street word the rules lack,
right after their word for the address, and the street was left (dev83): "adresa Ilica 214",
"adresse Jonas Lies vei 65", "domiciliată în Str. Mihai Eminescu nr. 14", "bytem Vinohradská
1233/44", "διεύθυνση Πατησίων 112".

After such a word (and its colon), the part of the line up to its comma or semicolon is the
street when it opens with a capital or a street word and ends with a house number (a letter, a
slash part, a stop may close it). The words are nouns or participles that only an address
follows; English "lives at" is left out ("lives at home with 2 carers").
"""

from __future__ import annotations

import re

_ADDRESS_WORD = (
    r"address|adresse|adresa|adres|adres[ăa]|adresas|adrese|osoite|lak[ck][íi]m|domicilio|"
    r"dom[ií]c[ií]lio|domiciliad[ao]|domiciliat[ăa][ \t]+[îi]n|domiciliu|morada|"
    r"residente[ \t]+(?:in|a|em|en)|wohnhaft(?:[ \t]+in)?|anschrift|wohnadresse|bytem|"
    r"bydli[šs]t[ěe]|zam\.|zamieszka[łl][ay]|διεύθυνση|адрес|demeurant|domicili[ée]e?|"
    r"indirizzo|woonachtig|woonadres|bostadsadress|bop[æa]l|bosted|asuinosoite|ikamet|"
    r"adresi|ev[ \t]+adresi"
)
# The street opens with a capital or with a street word written in lower case ("ul. Długa
# 14/7", "via Roma 14", "str. Unirii 3"); a lower-case word is the note going on, and its count
# is no house number ("Address: care home room 12", "Address given by daughter 1", "Anschrift:
# siehe oben 2", "domicilio habitual 2").
_OPENING = (
    r"(?=[A-ZÀ-ÖØ-ÞΆ-ΫА-ЯЁ]|(?:ul|al|os|pl|str|bd|av|avda|cad|sk|mah|tř|nám|u|r|c|λεωφ|οδ)\.|c/|"
    r"(?:ulica|aleja|strada|via|viale|vicolo|piazza|piazzale|corso|largo|calle|avenida|paseo|"
    r"plaza|rua|travessa|rue|avenue|boulevard|chemin|route|place|allée|impasse|quai|straat|"
    r"laan|weg|gatan|gata|gate|vej|vei|utca|út|ulice|cesta|caddesi|sokak|sokağı|bulvarı|"
    r"οδός)(?!\w))"
)
# A house number: digits, a letter, a slash or dash part, a stop ("214", "1233/44", "12/b").
_HOUSE = r"\d{1,5}[A-Za-z]?(?:[/-](?:\d{1,4}[A-Za-z]?|[A-Za-z]\b))?\.?"

LABELLED_STREET_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "street_address",
        re.compile(
            rf"(?<!\w)(?i:{_ADDRESS_WORD})(?!\w)[ \t]*:?[ \t]*"
            rf"(?P<v>{_OPENING}[^\W\d_][^\n,;:()\d]{{1,48}}?[ \t]{_HOUSE})(?=[ \t]*(?:[,;\n]|$))"
        ),
    ),
]
