"""A range of two decimal results that a code's label took (walk 48b D2): a model's table row
"NMC    2.5-3.5" became "NMC [ID]", the Nursing and Midwifery Council's letters read as a
registration number's label.

A registration, record or licence number is never written as two decimal numbers with the
lower first ("2.5-3.5", "1.7-2.5"): a result's reference range is. Whole numbers ("NMC
20-41") stay codes: registers do write digit groups with a dash.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_CODE_KINDS = frozenset(
    {"licence_number", "id_number", "mrn", "account_number", "health_plan_id", "device_id"}
)
_DECIMAL_RANGE = re.compile(r"(?P<a>\d{1,4}\.\d{1,3})[ \t]?[-–][ \t]?(?P<b>\d{1,4}\.\d{1,3})")


def without_result_ranges(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the codes that are a range of two decimal results."""
    return [red for red in redactions if not _result_range(red)]


def _result_range(red: Redaction) -> bool:
    if red.kind not in _CODE_KINDS:
        return False
    found = _DECIMAL_RANGE.fullmatch(red.original)
    return found is not None and float(found.group("a")) < float(found.group("b"))
