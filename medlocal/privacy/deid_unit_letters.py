"""The litre of a unit ("g/L", "mmol/L", "U/L", "x10^9/L") is no initial (walk 22).

"Hb 101 g/L. Daughter Hope Ward phoned" lost "L. Daughter Hope Ward" as one facility: the
capital after the slash, with the sentence's full stop, read as a person's initial that opened a
run of capitalised words ("Na 131 mmol/[NAME] visited"). A capital letter written right after a
unit's slash, with letters or a power of ten before it, is the unit's denominator: the word scan
reads it as the lower-case word it is.

Walk 24: a scan reads the insulin unit "UI" (unidades internacionais) or "IU" with its capital
I as a lower-case l ("20 Ul a noite"), and the word scan took "Ul" for a name. Right after a
number those two spellings are the unit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the word scan's token; imported for its type only (no import cycle)
    from medlocal.privacy.deid_tokens import Tok

# A unit's numerator right before the slash (a mass, an amount, an activity, a count, a power
# of ten), after a number or a blank: "Dr A/L. Smith" has none.
_UNIT_BEFORE = re.compile(
    r"(?:(?<=[\d\s(])|(?<=\d\.))(?:[µμunpmk]?(?:g|mol|eq|Eq)|mc?g|[mk]?I?U|cells|copies|"
    r"x?10\^?\d{1,2}|x?10\*\d{1,2}|e\d{1,2})/\Z"
)
# The denominators written with a capital: litre (and its multiples), hour, day, minute.
_DENOMINATORS = frozenset({"L", "dL", "mL", "kg", "min", "hr", "h", "d", "HPF", "LPF"})
_SCANNED_UNITS = frozenset({"Ul", "lU"})  # "UI" and "IU" as a scan reads them
_NUMBER_BEFORE = re.compile(r"\d[ \t]?\Z")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")


def protect_unit_letters(tokens: list[Tok], text: str) -> None:
    """Mark the capital denominators of units ("g/L", "mmol/L"), and an insulin unit as a scan
    reads it ("20 Ul"), as lower-case words."""
    for tok in tokens:
        if _denominator(tok, text) or _scanned_unit(tok, text):
            tok.shape = "lower"


def _denominator(tok: Tok, text: str) -> bool:
    return (
        tok.word in _DENOMINATORS
        and text[tok.start - 1 : tok.start] == "/"
        and _UNIT_BEFORE.search(text, max(0, tok.start - 8), tok.start) is not None
    )


def _scanned_unit(tok: Tok, text: str) -> bool:
    return (
        tok.word in _SCANNED_UNITS
        and _NUMBER_BEFORE.search(text, max(0, tok.start - 2), tok.start) is not None
        and not _CAPITAL_AFTER.match(text, tok.end)  # "Bed 4 Ul Kim": a name
    )
