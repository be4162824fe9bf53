"""A spreadsheet cell's value as the text a table row holds: what the cell shows a clinician,
written the way a CSV export writes it, so the grounding checks read it as they read a lab
system's CSV.

- Numbers as written, without binary float noise ("4.2", not "4.2000000000000002"): Excel
  itself shows at most 15 significant digits, and so does this. A whole number stored as one
  (an NHS number, a lab accession number, an 18-digit SNOMED code a program wrote) keeps every
  digit, and no number is written in exponent form a reader of figures would not take for it
  ("0.00001", not "1e-05"). A whole number under a format of zeros ("00000000", a hospital
  number's; "000 000 0000", an NHS number's) shows its digits with their leading zeros, as
  the cell does (without the spaces). A number format's decimals pad
  the figure ("5.60" under "0.00") but never round digits away: the value the cell holds is the
  result, whatever the column's display width.
- Percentages as the cell shows them ("5.4%" for 0.054 under "0.0%").
- Dates as ISO dates ("2024-03-01"), with the time where the cell holds one.
- Durations (a "[h]:mm" cell) as hours on the clock ("36:00"), as the cell shows them.
- Text on one line (a wrapped cell's line breaks would split its table row).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

# A format's quoted literals ("mmol/L") and escaped characters (\%): no part of the number.
_LITERALS = re.compile(r'"[^"]*"|\\.')
# The decimals a number format writes: "0.00" -> "00", "#,##0.0%" -> "0".
_DECIMALS = re.compile(r"\.([0#?]+)")
_SIGNIFICANT = 15
# A format of zeros only: a whole number padded to its width ("00000000" -> "00123456"); the
# zeros may be grouped by spaces or hyphens (an NHS number's "000 000 0000": its digits,
# "0012345678", as the cell shows them, without the spaces).
_PADDED = re.compile(r"0[0 -]*0")
# Numbers written in exponent form only outside this range (as a CSV export of them would be).
_PLAIN_RANGE = (1e-9, 1e21)


def cell_text(value: object, number_format: str | None = None) -> str:
    """What a cell holding ``value`` (as openpyxl gives it) under ``number_format`` shows."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is one
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return f"{value.date().isoformat()} {_clock(value.time())}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return _clock(value)
    if isinstance(value, datetime.timedelta):
        return _duration(value)
    if isinstance(value, int | float):
        return number_text(value, number_format or "General")
    return " ".join(str(value).split())


def number_text(value: float, number_format: str) -> str:
    """A number as its cell shows it, without float noise (see the module text)."""
    section = _LITERALS.sub("", number_format.split(";", 1)[0])
    percent = "%" in section
    if percent:
        value *= 100
    if isinstance(value, int):  # stored whole: every digit (an identifier's)
        written = str(value)
    else:
        written = f"{value:.{_SIGNIFICANT}g}"
        if "e" in written and _PLAIN_RANGE[0] <= abs(value) < _PLAIN_RANGE[1]:
            written = format(Decimal(written), "f")
    if written == "-0":  # a tiny negative rounded away
        written = "0"
    if not percent and _PADDED.fullmatch(section.strip()) and written.lstrip("-").isdigit():
        return written.zfill(section.count("0") + written.startswith("-"))
    decimals = _DECIMALS.search(section)
    wanted = decimals.group(1).count("0") if decimals else 0
    if wanted and "e" not in written:
        whole, _, fraction = written.partition(".")
        if len(fraction) < wanted:
            written = f"{whole}.{fraction.ljust(wanted, '0')}"
    return f"{written}%" if percent else written


def _clock(time: datetime.time) -> str:
    return time.strftime("%H:%M:%S" if time.second or time.microsecond else "%H:%M")


def _duration(span: datetime.timedelta) -> str:
    """A duration as a "[h]:mm:ss" cell shows it: hours past 24 counted on ("36:00")."""
    seconds = round(abs(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    sign = "-" if span.total_seconds() < 0 else ""
    return f"{sign}{hours}:{minutes:02}" + (f":{seconds:02}" if seconds else "")
