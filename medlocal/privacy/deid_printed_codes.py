"""Reference numbers whose printed form alone says they are codes (session 57, deid57c; issue 16).

Two forms no clinical value is written in, read with no label before them:
* a number after a slash that opens with a zero and has five digits or more, after a year or a
  few capitals and two digits: "Cartella 2026/044182", "Opname A26/044817", "PM 26/0118" has too
  few. A value never opens with a zero, and a fraction's or a ratio's second part ("PaO2/FiO2
  168", "BP 120/80", "1/100000") does not either;
* a capital glued to three or four digits, then two to four groups of digits, perhaps a check
  letter: a blood donation's number as transfusion labels print it ("G091 526 814 402 X",
  "G0915 26 814402"), twelve digits or more in all; a value and its unit or an ICD code ("E11
  65") have too few.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_code_columns import code_column_candidates
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_reference_groups import reference_group_candidates
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_world_card_labels import world_card_label_candidates
from medlocal.privacy.deid_world_file_numbers import world_file_number_candidates

_ZERO_LED_AFTER_SLASH = re.compile(
    r"(?<![\w/.,-])(?:(?:19|20)\d\d|[A-Z]{1,3}\d{2})/0\d{4,9}(?![\w/]|[.,]\d)"
)
_GROUPED = re.compile(
    r"(?<![\w/.,-])[A-Z]\d{3,4}(?:[ \t]\d{2,6}){2,4}(?:[ \t][A-Z](?![\w-]))?(?![\w/-]|[.,]\d)"
)


def printed_code_candidates(text: str) -> Iterator[Redaction]:
    """Codes in the two printed forms above, as identifiers."""
    for match in skipped_finditer(_ZERO_LED_AFTER_SLASH, text):
        yield Redaction("id_number", match.start(), match.end(), match.group(), label("id_number"))
    for match in skipped_finditer(_GROUPED, text):
        if sum(ch.isdigit() for ch in match.group()) < 12:
            continue
        yield Redaction("id_number", match.start(), match.end(), match.group(), label("id_number"))
    # Session 60 (deid60b): reference numbers in spaced groups, year-prefixed after a report's
    # word, in groups of four, confirmation codes, officers' numbers after "is" and dotted
    # identity numbers (deid_reference_groups), read here so that the pipeline stays as it was.
    yield from reference_group_candidates(text)
    # Session 61 (deid61b): file numbers after labels of more languages, courts' file
    # signatures (deid_world_file_numbers).
    yield from world_file_number_candidates(text)
    # Codes under a table's header that names them (deid_code_columns).
    yield from code_column_candidates(text)
    # Session 62 (deid62d): national, insurance, licence, invoice and file numbers after labels
    # of many languages, in every written shape (deid_world_card_labels).
    yield from world_card_label_candidates(text)
