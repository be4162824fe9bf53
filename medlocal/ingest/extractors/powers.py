"""A number written raised after a power of ten is its exponent: the one raised number a clinical
document prints that is not a mark. A cell count's unit is "x 10^9/L", "x10^12/L", "10^-3".

Raised after any other number it is a mark (a footnote "2019" then "3", a citation "110" then
"2"): read as an exponent it made "2019^3", a number the document never had (review 54a F7). It
stays as it was read."""

from __future__ import annotations

import re

# The raised text: a whole number, perhaps negative.
EXPONENT = re.compile(r"[-−–]?\d{1,2}")
# The text before it ends with 10 that is no part of a longer number (x10, ×10, "x 10").
_TEN_AT_END = re.compile(r"(?<![\d.,])10\Z")  # \Z: "$" would match before a last line break


# "x 10", "×10": a 10 multiplied, a power of ten's base beyond doubt.
_TIMES_TEN = re.compile(r"(?<![A-Za-z])[xX×]\s?10\Z")


def times_ten(text: str) -> bool:
    """Whether ``text`` ends with a multiplied 10 ("x 10", "×10"): a raised number set apart
    from it by a space is its exponent all the same, where after a bare "10 " it may be a
    footnote mark ("Table 10 <sup>2</sup>") unless a unit follows ("10 <sup>9</sup>/L")."""
    return _TIMES_TEN.search(text[-12:]) is not None


def ends_with_power_of_ten(text: str) -> bool:
    """Whether ``text`` ends with a 10 a raised number would be the exponent of."""
    return _TEN_AT_END.search(text[-12:]) is not None
