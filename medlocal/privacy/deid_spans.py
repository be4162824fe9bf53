"""A redaction (what is removed, where, and what replaces it) and how a list of them is applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The replacement written for each kind of identifier (ages over 89 become "90+", dates are
# shifted: those replacements are made where they are found).
LABELS = {
    "patient_name": "[NAME]",
    "name": "[NAME]",
    "mrn": "[MRN]",
    "ssn": "[SSN]",
    "email": "[EMAIL]",
    "url": "[URL]",
    "ip_address": "[IP]",
    "phone": "[PHONE]",
    "fax": "[FAX]",
    "street_address": "[ADDRESS]",
    "city": "[CITY]",
    "county": "[COUNTY]",
    "location": "[LOCATION]",
    "facility": "[FACILITY]",
    "zip_code": "[ZIP]",
    "id_number": "[ID]",
    "health_plan_id": "[ID]",
    "account_number": "[ID]",
    "licence_number": "[ID]",
    "vehicle_id": "[ID]",
    "device_id": "[ID]",
    "dob": "[DOB]",
    "age_over_89": "90+",
}


def label(kind: str) -> str:
    return LABELS.get(kind, "[REDACTED]")


@dataclass(frozen=True)
class Redaction:
    kind: str
    start: int
    end: int
    original: str
    replacement: str


def apply_redactions(text: str, redactions: Iterable[Redaction]) -> str:
    out = text
    for red in sorted(redactions, key=lambda r: r.start, reverse=True):
        out = out[: red.start] + red.replacement + out[red.end :]
    return out
