"""A police officer's collar or badge number written beside the rank and name (session 49).

Police and security staff are named with their number: "PC 4471 Hartley" (the number between
the rank and the surname, as British forces write it), "Officer R. Kowalski #4471", "Sgt
Bainbridge #229". The number names one officer as surely as the name does. Read:

* a police rank (PC, DC, PCSO, WPC, Sgt, Sergeant, Constable, Const., Officer, Deputy, Trooper,
  Det., Detective, Insp., Inspector), a number of two to six digits, then a capitalised word;
* a police rank, one to three capitalised words or initials, then "#" and two to seven digits.

A rank before a value of the clinical kind is no shape here: "PC 40 mg" and "DC 12 h" have no
capitalised word after the number, and "#" never opens a dose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_spans import Redaction, label

_RANK = (
    r"(?:PC|DC|PCSO|WPC|Sgt\.?|Sergeant|Constable|Const\.?|Officer|Deputy|Trooper|"
    r"Det\.?|Detective|Insp\.?|Inspector)"
)
# A time, a unit or a place in the ward after the number is a dose's or a plan's ("PC 2 Tablets",
# "DC 12 Hours", "DC 14 Ward").
_NOT_A_NAME = (
    r"(?!(?:Hours?|Hrs?|Days?|Weeks?|Months?|Years?|Mins?|Minutes?|Units?|Times?|Doses?|"
    r"Tablets?|Tabs?|Caps?|Cycles?|Ward|Bed|Bay|Room|Am|Pm)\b)"
)
_BETWEEN = re.compile(
    rf"(?<![\w.])(?i:{_RANK})[ \t]+#?(?P<v>\d{{2,6}})[ \t]+(?=[A-Z][a-z]){_NOT_A_NAME}"
)
_AFTER = re.compile(
    rf"(?<![\w.])(?i:{_RANK})[ \t]+(?:(?:[A-Z]\.|[A-Z][a-z'’-]+)[ \t]*){{1,3}}"
    r"#[ \t]?(?P<v>\d{2,7})(?![\w.-]|[.,]\d)"
)


def collar_number_candidates(text: str) -> Iterator[Redaction]:
    """Officers' collar and badge numbers in ``text`` (see the module's docstring)."""
    for pattern in (_BETWEEN, _AFTER):
        for match in pattern.finditer(text):
            start, end = match.start("v"), match.end("v")
            yield Redaction("id_number", start, end, text[start:end], label("id_number"))
