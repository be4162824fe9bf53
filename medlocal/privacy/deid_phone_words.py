"""Telephone numbers after the telephone words of more languages and after a call (round 21).

deid_contacts reads the English words ("Tel", "Mob", "Fax") and deid_issued_codes those of the
Romance, Germanic and Nordic languages. Notes from the rest of Europe and from Asia and Africa
write their own: Russian and Ukrainian "Тел." and "Моб.", Greek "Τηλ." and "Κιν.", Polish "numer
telefonu" and "tel. kom.", Czech and Slovak "telefón", Baltic "tālr." and "telefonas",
Hungarian "telefonszám", Albanian "telefoni", Turkish "cep", Vietnamese "điện thoại" and "SĐT",
Indonesian "telp.", Swahili "simu"; and a fax as "faks" or "fax nr.". After such a word, 7 to 15
digits in any national layout are a number (a slash or a spaced dash between groups too:
"02/1234 5678", "010 - 704 0704").

A number is also given after a verb of calling of another language ("appelez le 04 72 11 22
33", "llame al 915 123 456", "chiamare il 02 5503 1", "erreichbar unter 089 4400 0"), and an
internal line after a pager's verb and its person ("page her at 4476") or a ward's telephone
("ward phone 6234"), or after the French "poste" (an extension, whatever its digits: "poste
2014").

A relative's number after the kin word of any listed language, with or without the name
("Hija 11 4567-8901", "Datter 22 33 44 55", "Dcera Jana 603 123 456"): digit groups of two to
four, eight to twelve digits in all, no unit after them. Only the kin words themselves, not the
soft cues of that list ("with", "by", "per").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_people_words import RELATIONS
from medlocal.privacy.deid_spans import Redaction, label

# Seven to fifteen digits, the groups apart by up to three of blank, bracket, dot, dash, slash.
_NUMBER = r"\+?\(?\d(?:[ \t().\-/]{0,3}\d){6,14}(?![\w-]|[.,]\d)"
_PHONE_WORDS = (
    r"тел|телефон|моб|мобильный|мобільний|τηλ|τηλέφωνο|κιν|κινητό|telefonu|tel\.?[ \t]*kom|"
    r"kom[óo]rka|telef[óo]n|telefonas|t[āa]lr|t[āa]lrunis|telefonsz[áa]m(?:a)?|telefoni|"
    r"cep(?:[ \t]+tel)?|điện[ \t]+thoại|đt|sđt|telp|simu|faks|fax[ \t]+nr|"
    r"tel\.?[ \t]*nr|telefonnr|mobilnr"
)
_FAX_WORDS = r"faks|fax[ \t]+nr"
# A verb of calling and its article or preposition, in French, Spanish, Italian, Portuguese,
# German and Dutch.
_CALL = (
    r"appele[zr](?:[ \t]+(?:le|au))?|t[ée]l[ée]phoner[ \t]+au|joignable[ \t]+au|"
    r"llame?(?:[ \t]+al)?|llamar[ \t]+al|chiam(?:are|ate)(?:[ \t]+(?:il|al))?|"
    r"lig(?:ue|ar)[ \t]+para|erreichbar[ \t]+unter|anrufen[ \t]+unter|"
    r"unter[ \t]+der[ \t]+(?:Nummer|Rufnummer)|bel(?:[ \t]+naar)?|bellen[ \t]+naar"
)

PHONE_WORD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "fax",
        re.compile(rf"(?i:\b(?:{_FAX_WORDS}))\.?[ \t]*+[:#]?[ \t]*+(?P<v>{_NUMBER})"),
    ),
    (
        "phone",
        re.compile(
            rf"(?i:(?<!\w)(?:{_PHONE_WORDS}))(?!\w)\.?(?i:[ \t]*(?:no\.?|nr\.?|number))?"
            rf"[ \t]*+[:#]?[ \t]*+(?P<v>{_NUMBER})"
            # ... or after a verb of calling.
            rf"|(?i:\b(?:{_CALL}))[ \t]*+:?[ \t]*+(?P<v2>{_NUMBER})"
        ),
    ),
    # An internal line: a pager's verb and its person, a ward's or desk's telephone, "poste".
    (
        "phone",
        re.compile(
            r"(?i:\b(?:page|bleep|ring)[ \t]+(?:me|him|her|them|us)[ \t]+(?:on|at)"
            r"|\b(?:ward|desk|direct|office|unit|nurses['’]?[ \t]+station)[ \t]+"
            r"(?:phone|tel|line|ext)\.?"
            r"|\bposte)"
            r"[ \t]*+[:#]?[ \t]*+(?P<v>\d{3,6})(?![\w/-]|[.,]\d)"
        ),
    ),
]


# The kin words of deid_people_words without its soft cues (prepositions and verbs).
_NOT_KIN = frozenset(
    {
        "with", "by", "to", "named", "called", "and", "informed", "notified", "paged",
        "updated", "contacted", "told", "per", "par", "door", "member", "worker", "officer",
        "manager", "coach", "kin",
    }
)  # fmt: skip
# Kin words of the Nordic, Finnish, Slavic, Turkish, Greek, Hungarian, Romanian, Indonesian
# and Vietnamese notes, read only here (before a number).
_MORE_KIN = frozenset(
    {
        "datter", "søn", "sønn", "dotter", "hustru", "kone", "mand", "mann", "make", "maka",
        "bror", "søster", "syster", "mor", "far", "barnebarn", "tytär", "poika", "vaimo",
        "mies", "sisko", "veli", "äiti", "isä", "córka", "syn", "żona", "mąż", "siostra",
        "matka", "ojciec", "wnuk", "wnuczka", "dcera", "manželka", "manžel", "sestra", "bratr",
        "otec", "vnuk", "vnučka", "kızı", "oğlu", "eşi", "kız", "oğul", "kardeşi", "κόρη",
        "γιος", "σύζυγος", "дочь", "сын", "жена", "муж", "брат", "сестра", "мать", "отец",
        "внук", "внучка", "lánya", "fia", "felesége", "férje", "fiica", "fiul", "soția",
        "soțul", "istri", "suami", "isteri", "adik", "gái", "trai", "vợ", "chồng",
    }
)  # fmt: skip
_KIN = frozenset((RELATIONS - _NOT_KIN) | _MORE_KIN)
# Eight to twelve digits in two to five groups of two to four.
_GROUPED = re.compile(
    r"(?<![\w+.,/:-])(?=(?:\d[ /-]?){8})\d{2,4}(?:[ /-]\d{2,4}){1,4}(?![\w/-]|[.,]\d)"
    r"(?![ \t]*(?i:mg|mcg|ml|units?|iu|kg|g|mmol|%|x\b|times|hours?|days?|years?))"
)
# The kin word, then a name or a bracket or a colon, right before the number.
_KIN_BEFORE = re.compile(
    r"(?P<k>[^\W\d_][\w-]*)(?:[ \t]+\(?[A-ZÀ-Þ][^\W\d_]*\)?){0,2}[ \t]*[:,(]?[ \t]*\Z"
)


def kin_phone_candidates(text: str) -> Iterator[Redaction]:
    """Numbers of eight to twelve digits right after a kin word (see above)."""
    for match in skipped_finditer(_GROUPED, text):
        before = _KIN_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before is None or before.group("k").lower() not in _KIN:
            continue
        yield Redaction("phone", match.start(), match.end(), match.group(), label("phone"))
