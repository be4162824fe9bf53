"""Telephone numbers in the layouts and after the labels the other phone rules miss (session 62,
deid62c).

deid_contacts, deid_issued_codes and deid_phone_words read a number after a telephone word when
its digit groups are apart by blanks, brackets, dots or dashes. dev83 left whole:

* a number after its label whose groups a slash parts, with blanks around it, as German and
  Croatian letters write the area code ("07151 / 56 23 81", "06246/72 319", "01/4897-418"), or
  whose pairs dots part, as French notes write a mobile ("tél. 06.12.44.87.31": an address of
  the internet took the first four pairs);
* the labels of a switchboard and of short telephone words of more languages ("sentralbord 55 97
  50 00", "växel", "puh. 03 311 611", "telem. 912 448 203", "trunkline", "conmutador");
* an internal line after the word for an extension of another language, whatever its digits
  and blanks ("intern 4417", "linka 3318", "anknytning 4418", "lokal 4418", "dahili 2218",
  "mellék 55418", "toestel 61 224", "poste 4 22 18", "内線 33418").

What keeps a clinical value out: the label comes first, the digits follow at once, seven or more
for a number (three or more for an extension), and no unit, decimal or count after them.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_pattern_context import NOT_A_VALUE_AFTER

# Telephone and switchboard words, abbreviated as they are printed; the English ones that the
# other rules read are here too, for the layouts those rules lack.
_LABEL = (
    r"tel|t[ée]l|tlf|tlfn|tfn|tfno|telf|puh|telem|telem[óo]vel|tlm|sentralbord|v[äa]xel|"
    r"switch(?:board)?|trunk[ \t]?line|conmutador|centralita|centrala|phone|mob|"
    r"mobil|mobile|cell|cel|gsm|handy|natel|telefon|telefone|telefono|tel[ée]fono|"
    r"t[ée]l[ée]phone|telephone|helpline|hotline"
)
# Groups of digits parted by a blank, a dot, a dash or a slash with blanks around it.
_NUMBER = r"\+?\(?\d(?:(?:[ \t]?[/.\-–][ \t]?|[ \t]|\)[ \t]?)?\d){6,14}"
# The word for an extension or internal line of other languages.
_EXTENSION = (
    r"intern|interne|interno|int\.|linka|klapka|anknytning|ankn\.|lokal|lok\.|dahili|"
    r"mell[ée]k|toestel|tst\.|poste|klappe|nebenstelle|wewn\.|num[ée]ro[ \t]+interne|"
    r"sisäinen|内線"
)

PHONE_LAYOUT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "phone",
        re.compile(
            rf"(?<!\w)(?i:{_LABEL})\.?(?:[ \t]*(?i:no|nr|n[º°])\.?)?[ \t]*+[:#]?[ \t]*+"
            rf"(?P<v>{_NUMBER})(?![\w/-]|[.,]\d){NOT_A_VALUE_AFTER}"
        ),
    ),
    (
        "phone",
        re.compile(
            rf"(?<!\w)(?i:{_EXTENSION})(?:(?<=\.)|(?!\w))[ \t]*+[:#]?[ \t]*+(?!(?:19|20)\d\d\b)"
            r"(?P<v>\d{1,3}(?:[ \t]\d{2,3}){1,2}(?![ \t]*\d)|\d{3,6})(?![\w/-]|[.,]\d)"
            rf"{NOT_A_VALUE_AFTER}"
        ),
    ),
]
