"""Identifiers with a fixed written form: contact details, numbers and codes, addresses, ages.

* Telephone and fax numbers: North-American forms, "+CC ..." forms, UK-style "0161 555 0742", and
  7-15 digits in any layout after "Phone", "Tel", "Ph", "Mob(ile)", "Cell" or "Pager"; "fax"
  before the number makes it a fax number.
* E-mail addresses, URLs (with a scheme, "www.", or a bare domain with a path or a common top-level
  domain: "lakeviewheadache.com/referrals") and IP addresses (IPv4; IPv6 in full or "::" form).
* Street addresses (house number + capitalised or lower-case street name + street word, with an
  apartment; "P.O. Box n"; "Route 9"), "City, ST 12345" and ZIP codes. Streets, cities and
  counties in running text are found by the word scan (:mod:`medlocal.privacy.deid_words`).
* Ages over 89 ("92-year-old", "92 y/o", "aged 92", "turned 90", "92M"; "ninety-four", "a hundred
  and two") become "90+"; ages up to 89 are kept.
* SSNs, and numbers after a cue, typed by the cue: MRN; health-plan (member, policy, insurance,
  subscriber, Medicare, Medicaid); account; licence and certificate (also NPI, DEA); vehicle (VIN,
  plate, registration); device (serial, lot, implant); any other (hospital, patient, encounter,
  accession, specimen, lab, report, claim, case, reference numbers).
* Names after a cue ("Patient:", "Name:", "Attending:", "Signed by:", "Next of kin:", titles
  such as "Dr." and credentials such as "…, MD"); an all-caps name counts in a "Name:" field.
* Codes without a cue: a free-standing number of 7 or more digits; a word of 6 or more letters
  and digits with at least four digits ("KB2504-77813", "PZK603118H", a VIN); digit groups joined
  by dashes with 8 or more digits ("2025-044718"). A number followed by a unit ("1500000
  copies/mL", "2500IU") or preceded by a lab name ("Platelets 1250000") is a result and is kept.
* International forms: text in non-Latin scripts and East-Asian dates (deid_scripts); dates,
  streets and postcodes as other countries write them (deid_foreign_forms); masked and grouped
  national numbers, vehicles and driving licences (deid_masked_codes); national numbers with
  check digits, scheme numbers and short helplines (deid_check_codes); area parts, Malaysian
  and Irish streets, ordinal streets (deid_area_streets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_addresses import ADDRESS_PATTERNS, vital_rr
from medlocal.privacy.deid_ages import AGE_PATTERNS
from medlocal.privacy.deid_area_streets import AREA_STREET_PATTERNS
from medlocal.privacy.deid_calendar_forms import CALENDAR_DATE_PATTERNS, month_first_candidates
from medlocal.privacy.deid_check_codes import check_code_candidates
from medlocal.privacy.deid_codes import (
    BARE_LONG_NUMBER,
    CODE,
    CODE_PATTERNS,
    DEVICE_CODE,
    LETTER_PREFIX,
    SHORT_CODE,
)
from medlocal.privacy.deid_contacts import CONTACT_PATTERNS, login_candidates
from medlocal.privacy.deid_csv_ages import csv_age_candidates
from medlocal.privacy.deid_cued_names import CUED_NAME_PATTERNS
from medlocal.privacy.deid_date_forms import DATE_FORM_PATTERNS
from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_foreign_forms import FOREIGN_ADDRESS_PATTERNS, FOREIGN_DATE_PATTERNS
from medlocal.privacy.deid_masked_codes import VEHICLE_PATTERNS, masked_number_candidates
from medlocal.privacy.deid_number_forms import (
    AGE_WORD_PATTERNS,
    NUMBER_FORM_PATTERNS,
    national_number_candidates,
)
from medlocal.privacy.deid_pattern_context import (
    BY_IDENTITY,
    LAB_BEFORE_NUMBER,
    TEMPERATURE_BEFORE,
    UNIT_AFTER,
    clinical_code_or_trial,
    device_model,
    is_code_exception,
    owned_by_context,
)
from medlocal.privacy.deid_scripts import script_candidates
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_table_dates import table_date_candidates
from medlocal.privacy.deid_world_dates import WORLD_DATE_PATTERNS
from medlocal.privacy.deid_world_streets import WORLD_STREET_PATTERNS

# Every fixed-form pattern, by what it finds. Overlapping finds are resolved by place, length and
# kind (see resolve in deid_spans), never by the order of this list.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    *CONTACT_PATTERNS,
    *CODE_PATTERNS,
    *ADDRESS_PATTERNS,
    *AGE_PATTERNS,
    *CUED_NAME_PATTERNS,
    *DATE_FORM_PATTERNS,
    *FOREIGN_DATE_PATTERNS,
    *WORLD_DATE_PATTERNS,
    *CALENDAR_DATE_PATTERNS,
    *WORLD_STREET_PATTERNS,
    *AREA_STREET_PATTERNS,
    *FOREIGN_ADDRESS_PATTERNS,
    *VEHICLE_PATTERNS,
    *NUMBER_FORM_PATTERNS,
    *AGE_WORD_PATTERNS,
]

# Speed: a pattern that can only match at the start of a word (it opens with a word boundary
# and a word, or with a cue word) is told so by a cheap look-around first, so the regular
# expression engine skips every other position of the text before trying its alternatives
# (a third to a half of the time of such a pattern on a 20-page record). The patterns that the
# context checks below recognise by identity, and those that may open with a sign, are left as
# they are.
_WORD_START = r"(?<!\w)(?=\w)"
_WORD_OPENINGS = ("\\b", "(?i:\\b", "(?:\\b", "(?P<v>\\b", "(?P<p>\\b")


def _at_word_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    if not pattern.pattern.startswith(_WORD_OPENINGS) or pattern in BY_IDENTITY:
        return pattern
    return re.compile(_WORD_START + pattern.pattern, pattern.flags)


# Kinds of code whose value, when it is a whole date, is a date instead.
_CODE_KINDS = frozenset(
    {
        "mrn", "health_plan_id", "account_number", "licence_number", "vehicle_id", "device_id",
        "id_number",
    }
)  # fmt: skip


# Codes found by their shape alone (no cue): after a device maker or "model" they name a model.
_BARE_CODES = (CODE, SHORT_CODE, DEVICE_CODE, LETTER_PREFIX, BARE_LONG_NUMBER)

_YEAR = re.compile(r"(?:19|20)\d\d")
# Cues after which four digits are mostly the year of the thing ("accreditation 2025",
# "certificate 2019").
_DATED_CUE = re.compile(r"(?i)[ \t]*(?:accred|certif)")
_CHECK_CHARACTER = re.compile(
    # Two capitals only at the end of the number's field ("8833 1742 CX."; "NHS 401 023 2137 BP
    # 120/80" keeps its blood pressure).
    rf"[ \t](?:[A-Z]{{2}}(?=[ \t]*(?:[.,;)]|$))|[B-HJ-Z]|[AI](?![ \t]+[a-z])|"
    rf"\d(?!{UNIT_AFTER}|[ \t]*x\b))(?![\w/,:-]|\.\w)"
    # A version code after a dash ("4417 882 906 - KT   Ph:"), an issue digit after a slash
    # ("5512 88321 4 / 2"), each at the end of its field.
    r"|[ \t]*-[ \t]*[A-Z]{2}(?=[ \t]*(?:[.,;)\n]|$)|[ \t]{2})|[ \t]*/[ \t]*\d(?![\w/.,])"
)


def pattern_candidates(text: str) -> Iterator[Redaction]:
    """Every match of the fixed-form patterns; overlaps are resolved by the caller."""
    # Found by a scan, not one pattern: text in other scripts, masked identity numbers.
    yield from script_candidates(text)
    yield from masked_number_candidates(text)
    yield from check_code_candidates(text)
    yield from login_candidates(text)
    yield from csv_age_candidates(text)
    yield from month_first_candidates(text)
    yield from national_number_candidates(text)
    yield from table_date_candidates(text)
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            group: int | str = 0
            for name in ("v", "w", "u", "v2", "g", "a", "a2", "a3"):
                if name in pattern.groupindex and match.group(name):
                    group = name
            start, end = match.span(group)
            value = match.group(group)
            if kind == "url":
                end = start + len(value.rstrip(".,;:"))
            elif kind in _CODE_KINDS and " " in value.strip():
                # A spaced number's check letter or issue digit ("GMS 0911 4472 B", "Medicare
                # 5512 88321 4"): one character more, not a unit, a count of something or the
                # words "A" and "I" ("MRN 1234 5678 A repeat test").
                check = _CHECK_CHARACTER.match(text, end)
                if check is not None:
                    end = check.end()
            if is_code_exception(pattern, value):
                continue
            if kind in _CODE_KINDS and is_date(value):
                continue  # "Session 2026-10-05": a date, found and shifted by the date redactor
            if _YEAR.fullmatch(value) and _DATED_CUE.match(match.group()):
                continue  # "Lab accreditation 2025 audit": a year ("collar 1903" is a number)
            if kind in _CODE_KINDS | {"zip_code"} and clinical_code_or_trial(value, text, start):
                continue  # "CPT 45385", "ICD-10 I21.4", "KEYNOTE-522": no identifier
            if pattern in _BARE_CODES and device_model(text, start):
                continue  # "Olympus CF-HQ190L", "model DTPA2D1": a model, not the device
            actual = kind
            if kind == "phone" and re.search(r"(?i)fax", text[max(0, start - 15) : start]):
                actual = "fax"
            before = text[max(0, start - 30) : start]
            if pattern is BARE_LONG_NUMBER and LAB_BEFORE_NUMBER.search(before):
                continue  # "Platelets 1250000" is a result, not an identifier
            if not owned_by_context(pattern, match, text):
                continue
            if kind == "street_address" and vital_rr(text, start):
                continue  # "RR 95/60", "HR 88, RR 26": blood pressure or breathing rate
            if (
                kind == "age_over_89"
                and text[end : end + 1] in "MF"
                and TEMPERATURE_BEFORE.search(before)
            ):
                continue  # "Temp 99F" is a temperature, not a 99-year-old woman
            yield Redaction(actual, start, end, text[start:end], label(actual))


# The patterns as written, kept for the test that the anchored ones find the same spans.
UNANCHORED_PATTERNS = tuple(_PATTERNS)
_PATTERNS[:] = [(kind, _at_word_start(pattern)) for kind, pattern in _PATTERNS]
