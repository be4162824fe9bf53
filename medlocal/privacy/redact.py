"""De-identification of exported text, after the HIPAA Safe Harbor identifier list
(45 CFR 164.514(b)(2)).

What is removed
---------------
* **The patient's own identifiers, from the vault:** full name and its common variants ("First
  Last", "First M. Last", "Last, First", "F. Last", "Mr./Ms. Last", the surname alone and the
  first name alone; any case; with a straight, curly or missing apostrophe, "O'Brien", "O’Brien",
  "OBRIEN"; before a possessive "'s", which is kept), the MRN (also written with spaces or dashes
  between its characters) and the date of birth in any of the date formats below.
* **Names after a cue:** "Patient:", "Name:", "Pt:", "Attending:", "Physician:", "Provider:",
  "Nurse:", "Referring physician:", "Signed by:", "Dictated by:", "cc:", "Contact:",
  "Emergency contact:", "Next of kin:", "Guardian:", titles ("Dr.", "Mr.", "Mrs.", "Ms.",
  "Prof.") and credentials after a name ("Jane Doe, MD", "RN", "NP", "DO", "PA-C", "PhD"). A cued
  name is one to three capitalised words; an all-caps word of 2-5 letters is a clinical acronym
  and ends it ("Pt: CHF exacerbation", "Mr. Smith BP 132/84"), except for a name of two or more
  words in a "Name:" or "Patient:" field ("Name: DOE, JANE", "Patient: JOHN SMITH").
* **Telephone and fax numbers** (North-American forms with or without area-code brackets,
  international "+CC ..." forms, and 7-15 digits in any layout after "Phone", "Tel", "Ph",
  "Mob(ile)", "Cell" or "Pager"; "fax" before the number makes it a fax number).
* **E-mail addresses, URLs** (http, https, ftp, www.) and **IP addresses** (IPv4; IPv6 in full or
  "::" form).
* **Street addresses** (house number, also with a letter as in "221B", + capitalised street
  name + street-type word, with an optional apartment/suite; a lower-case street name before
  street, avenue, road, boulevard, lane or drive, "12 oak street"; "P.O. Box n"), **city** names
  written as "City, ST 12345", and **ZIP codes** after a state abbreviation or a "ZIP" cue.
* **Dates** (ISO, m/d/y with the same separator / - or . twice, "March 4, 2021", "4 March
  2021", "4-Mar-2021", "04MAR2021", "March 2021", "March 4"; a two-digit year that would lie in
  the future belongs to the previous century): shifted by one random offset per export
  (intervals between dates are kept), or reduced to the year; month-and-day dates without a year
  become "[DATE]". Dates of birth become "[DOB]"; a numeric date is the DOB if either its m/d or
  its d/m reading is. Numeric ranges ("12.5-25 mg", "WBC 4.5-11.0", "BP 132/84") are not dates.
* **Ages over 89** ("92-year-old", "92 y/o", "aged 92", "Age: 92", "92M", "101F" unless a
  temperature cue such as "Temp" or "T" comes before it) become "90+".
* **SSNs** (ddd-dd-dddd, or nine digits, spaced or not, after "SSN" or "SS#") and **other
  identifying numbers** after a cue (MRN, MR#, medical record, hospital, patient ID, unit,
  account, member, policy, insurance, subscriber, health plan, encounter, visit, claim, case,
  licence, certificate, serial and device numbers, NPI, DEA), plus any free-standing number of 7
  or more digits and letter-digit codes such as "AB1234567". A long number followed by a unit
  ("1500000 copies/mL", cells, units, IU, mg, mcg, "/uL") or preceded by a lab name
  ("Platelets 1250000", viral load, CD4, RNA) is a result and is kept.

What is NOT removed (review the preview and the text before sharing)
--------------------------------------------------------------------
* Names with no cue that are not the patient's own (a relative or clinician mentioned only in
  running text, "spoke with Maria about ..."); a relative's name after a bare relation
  ("Mother: Jane Roe"), because that form usually opens a family history ("Mother: Breast
  Cancer"); names written in lower case; nicknames; all-caps names of 2-5 letters a word outside
  a "Name:" or "Patient:" field, or of a single word there. A capitalised clinical term or an
  all-caps acronym of 6 or more letters after a cue ("Pt: Chest pain", "Pt: NSTEMI") is still
  taken for a name.
* Ages written in words ("ninety-two years old") and ages over 89 with no age cue, unit or sex
  letter.
* Phone numbers with no cue in layouts other than the North-American and "+CC" ones.
* An identifier of 7 or more digits written right after a lab name or right before a unit.
* Geographic units other than the forms above: a city or county named in running text, street
  addresses without a street-type word, non-US postcodes.
* Vehicle identifiers and licence plates without a cue; device identifiers without a cue;
  biometric identifiers; full-face photographs and other images (export writes text only);
  any other unique characteristic, code or description that identifies a person.
* Years on their own (Safe Harbor allows them) and dates written in words ("the third of May").
* Date shifting keeps intervals but is not itself Safe Harbor: choose ``date_mode="year"`` for a
  strict Safe Harbor export.
Over-redaction is preferred: the patient's first name is removed wherever it appears, even as an
ordinary word.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

DateMode = Literal["shift", "year"]

# Candidates covering the same text are resolved by start, then length, then this order.
_PRIORITY = {
    "dob": 0, "mrn": 1, "ssn": 2, "email": 3, "url": 4, "ip_address": 5, "patient_name": 6,
    "name": 7, "fax": 8, "phone": 9, "street_address": 10, "city": 11, "zip_code": 12,
    "date": 13, "age_over_89": 14, "id_number": 15,
}  # fmt: skip

_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
# A name word; header keywords that often follow a name on the same line are not names. Words are
# joined by single spaces: form fields are usually separated by runs of spaces or tabs. A word must
# end at a word boundary, so "HbA1c" is never cut down to the name-like "HbA".
_NAME_WORD_ANY_CASE = (
    r"(?!(?:MRN|DOB|SSN|Age|Sex|Date|Phone|Tel|Fax|Email|Address|MD|RN|DO|NP|PhD)\b)"
    r"[A-Z][a-zA-Z'’-]+(?!\w)"
)
# Outside a "Name:" field an all-caps word of 2-5 letters is a clinical acronym ("Pt: CHF
# exacerbation", "Mr. Smith BP 132/84"), not a name, and it ends the cued name.
_NAME_WORD = rf"(?![A-Z]{{2,5}}\b){_NAME_WORD_ANY_CASE}"
_INITIAL = r"(?: [A-Z]\.| [A-Z](?!\w))"
_NAME = rf"{_NAME_WORD}{_INITIAL}?(?: {_NAME_WORD}){{0,2}}"
_NAME_LAST_FIRST = rf"{_NAME_WORD}, ?{_NAME_WORD}{_INITIAL}?"
# In a "Name:" or "Patient:" field an all-caps name of two or more words is a name ("JOHN SMITH"),
# while a single all-caps word is still read as an acronym ("Patient: CHF").
_NAME_ANY_CASE = rf"{_NAME_WORD_ANY_CASE}{_INITIAL}?(?: {_NAME_WORD_ANY_CASE}){{1,2}}"
_NAME_LAST_FIRST_ANY_CASE = rf"{_NAME_WORD_ANY_CASE}, ?{_NAME_WORD_ANY_CASE}{_INITIAL}?"
# Bare family relations ("Mother:", "Sister:") are not cues: in a family history they introduce a
# condition ("Mother: Breast Cancer at 50"), far more often than a relative's name.
_NAME_CUES = (
    r"patient(?:[ \t]+name)?|name|pt|attending|physician|provider|surgeon|nurse|resident|"
    r"referring[ \t]+(?:physician|doctor|provider)|(?:electronically[ \t]+)?signed[ \t]+by|"
    r"dictated[ \t]+by|seen[ \t]+by|cc|contact|emergency[ \t]+contact|next[ \t]+of[ \t]+kin|"
    r"guardian"
)
_ID_CUES = (
    r"mrn|mr[ \t]*#|mr[ \t]+(?:number|no\.?)|medical[ \t]+record(?:[ \t]+(?:number|no\.?|#))?|"
    r"record[ \t]*#|hospital[ \t]+(?:number|no\.?|#|id)|patient[ \t]+(?:id|number|no\.?|#)|"
    r"unit[ \t]+(?:number|no\.?|#)|"
    r"account(?:[ \t]+(?:number|no\.?|#))?|acct\.?(?:[ \t]*(?:#|no\.?))?|member[ \t]+id|"
    r"policy(?:[ \t]+(?:number|no\.?|#))?|insurance[ \t]+id|subscriber[ \t]+id|"
    r"health[ \t]+plan(?:[ \t]+(?:id|number))?|encounter(?:[ \t]+(?:id|number|#))?|"
    r"visit[ \t]+(?:id|number|#)|claim(?:[ \t]+(?:id|number|#))?|case[ \t]+(?:id|number|#)|"
    r"licen[cs]e(?:[ \t]+(?:number|no\.?|#))?|certificate(?:[ \t]+(?:number|no\.?|#))?|"
    r"serial(?:[ \t]+(?:number|no\.?|#))?|device[ \t]+(?:id|serial)|npi|dea|beneficiary[ \t]+id"
)
_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Close|Crescent"
)

_APARTMENT = r"(?:,?[ \t]*(?i:apt|apartment|suite|ste|unit|#)\.?[ \t]*[A-Za-z0-9-]+)?"
# A free-standing number of 7+ digits is taken as an identifier, unless a unit follows it
# ("HIV RNA 1500000 copies/mL") or a lab name precedes it ("Platelets 1250000"): see _is_lab_value.
_BARE_LONG_NUMBER = re.compile(
    r"(?<![\w.-])\d{7,}(?![\w-]|\.\d)"
    r"(?![ \t]*(?i:copies|cells|units?\b|iu\b|mg\b|mcg\b|ug\b|ml\b|/|x[ \t]*10|×))"
)
_LAB_BEFORE_NUMBER = re.compile(
    r"(?i:\b(?:platelets?|plt|wbc|rbc|cd4|cd8|viral[ \t]+load|rna|dna|hiv|hcv|hbv|count|"
    r"titre|titer|level|ldh|ck|cpk|ferritin|bnp|troponin|d-dimer)\b)"
    r"[ \t]*(?:count|level|load)?[ \t]*[:=]?[ \t]*$"
)
_TEMPERATURE_BEFORE = re.compile(
    r"(?i:\b(?:t|temp\w*|t[ \t]?max|max|fever\w*|febrile|pyrexia)\b)[ \t:.]*$"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")),
    ("url", re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'\])]+", re.I)),
    (
        "ip_address",
        re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"),
    ),
    (
        "ip_address",
        re.compile(
            r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
            r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?"
            r"(?![\w:])"
        ),
    ),
    ("ssn", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "ssn",
        re.compile(
            r"(?i:\bSSN\b|\bSS[ \t]*#|social[ \t]+security(?:[ \t]+(?:number|no\.?|#))?)"
            r"[ \t]*[:#]?[ \t]*(?P<v>\d{3}[ \t-]?\d{2}[ \t-]?\d{4})\b"
        ),
    ),
    (
        "phone",
        re.compile(
            r"(?<![\w-])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}(?![\w-])"
            r"|(?<![\w+])\+\d{1,3}(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
        ),
    ),
    # After a phone cue any run of 7-15 digits is a number, whatever its national layout
    # ("Phone: 123-4567", "ph 020 7946 0958", "Mob: 07700 900123"). "pH" is a lab, not a cue.
    (
        "phone",
        re.compile(
            r"(?:\b(?i:phone|tel|telephone|mob|mobile|cell|pager|fax)\b|\b(?:ph|Ph|PH)\b)\.?"
            r"(?i:[ \t]+(?:no\.?|number))?[ \t]*[:#]?[ \t]*"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])"
        ),
    ),
    (
        "street_address",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Z][a-zA-Z0-9.'-]*[ \t]+){1,4}"
            rf"(?:{_STREET_TYPES})\b\.?"
            rf"{_APARTMENT}"
            r"|(?i:\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+)"
        ),
    ),
    # Street names in lower case ("12 oak street"): only with a street-type word that is not
    # also an everyday word ("way", "close", "place"), and one or two name words.
    (
        "street_address",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Za-z][a-z'-]+[ \t]+){1,2}"
            rf"(?i:street|avenue|road|boulevard|lane|drive)\b{_APARTMENT}"
        ),
    ),
    (
        "city",
        re.compile(
            rf"(?P<v>\b[A-Z][a-zA-Z]+(?:[ \t-][A-Z][a-zA-Z]+){{0,2}}),[ \t]*(?:{_STATES})"
            r"(?=[ \t]+\d{5}\b)"
        ),
    ),
    ("zip_code", re.compile(rf"\b(?:{_STATES})[ \t]+(?P<v>\d{{5}}(?:-\d{{4}})?)\b")),
    ("zip_code", re.compile(r"(?i:\bzip(?:[ \t]+code)?)[ \t]*:?[ \t]*(?P<v>\d{5}(?:-\d{4})?)\b")),
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>9\d|1[0-4]\d)(?=[ \t]*-?[ \t]*(?i:years?|yrs?|y/o|yo|y\.o\.)(?![a-z]))"
        ),
    ),
    ("age_over_89", re.compile(r"(?i:\bage[d]?\b[ \t]*:?[ \t]*)(?P<v>9\d|1[0-4]\d)\b")),
    # Age with a sex letter, as in a note header ("92M", "101F"); see _is_temperature.
    ("age_over_89", re.compile(r"(?<![\d.°])\b(?P<v>9\d|1[0-4]\d)(?=[MF]\b)")),
    (
        "name",
        re.compile(rf"(?i:\b(?:{_NAME_CUES})[ \t]*:)[ \t]*(?P<v>{_NAME_LAST_FIRST}|{_NAME})"),
    ),
    # A "Name:" or "Patient:" field holds a name even in capitals ("Name: DOE, JANE").
    (
        "name",
        re.compile(
            r"(?i:\b(?:patient|(?:patient[ \t]+)?name)[ \t]*:)[ \t]*"
            rf"(?P<v>{_NAME_LAST_FIRST_ANY_CASE}|{_NAME_ANY_CASE})"
        ),
    ),
    ("name", re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?[ \t]+(?P<v>{_NAME})")),
    (
        "name",
        re.compile(rf"(?P<v>{_NAME}),?[ \t]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PhD|DDS|FNP|APRN)\b"),
    ),
    (
        "id_number",
        re.compile(
            rf"(?i:\b(?:{_ID_CUES}))[ \t]*[:#]?[ \t]*"
            r"(?P<v>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,})",
            re.I,
        ),
    ),
    ("id_number", _BARE_LONG_NUMBER),
    ("id_number", re.compile(r"\b(?=[A-Z0-9-]*\d{2})[A-Z]{1,4}-?\d{5,}\b")),
]

_DATE_FORMS: list[tuple[re.Pattern[str], tuple[str, ...], str]] = [
    (re.compile(r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b"), ("%Y-%m-%d", "%Y/%m/%d"), "iso"),
    (
        # The same separator twice, and no decimal around it: "12.5-25 mg", "4.5-11.0" are ranges.
        re.compile(r"(?<![\d.])\b\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})\b(?!\.\d)"),
        ("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y"),
        "iso",
    ),
    (
        re.compile(rf"\b\d{{1,2}}-(?:{_MONTHS})-(?:\d{{4}}|\d{{2}})\b", re.I),
        ("%d-%b-%Y", "%d-%B-%Y", "%d-%b-%y"),
        "long",
    ),
    (
        re.compile(rf"\b(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}\b", re.I),
        ("%B %d %Y", "%b %d %Y"),
        "long",
    ),
    (
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{_MONTHS})\.?,?[ \t]+\d{{4}}\b", re.I),
        ("%d %B %Y", "%d %b %Y"),
        "long",
    ),
    (
        re.compile(rf"\b\d{{1,2}}(?:{_MONTHS})(?:\d{{4}}|\d{{2}})\b", re.I),
        ("%d%b%Y", "%d%B%Y", "%d%b%y", "%d%B%y"),
        "long",
    ),
    (re.compile(rf"\b(?:{_MONTHS})\.?,?[ \t]+\d{{4}}\b", re.I), ("%B %Y", "%b %Y"), "month"),
    (
        re.compile(rf"\b(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b(?![ \t]*,?[ \t]*\d)"),
        (),
        "no_year",
    ),
]
_DOB_CUE = re.compile(
    r"(?i:\b(?:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|born(?:[ \t]+on)?))"
    r"[ \t]*:?[ \t]*$"
)


@dataclass(frozen=True)
class PatientIdentity:
    """The patient's own identifiers, taken from the vault."""

    name: str | None = None
    mrn: str | None = None
    dob: date | None = None


@dataclass(frozen=True)
class Redaction:
    kind: str
    start: int
    end: int
    original: str
    replacement: str


def parse_date(raw: str, formats: Iterable[str]) -> date | None:
    """The first reading of ``raw`` that one of ``formats`` accepts."""
    readings = date_readings(raw, formats)
    return readings[0] if readings else None


def date_readings(raw: str, formats: Iterable[str]) -> list[date]:
    """Every reading of ``raw`` under ``formats``, in format order: "4/2/1961" is both April 2
    (m/d) and 4 February (d/m). A two-digit year that would lie in the future belongs to the
    previous century ("2/4/61" is 1961, not 2061)."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw, flags=re.I)
    if re.match(r"^\d{1,2}[.-]\d{1,2}[.-]", cleaned):
        cleaned = re.sub(r"[.-]", "/", cleaned)
    elif not re.match(r"^\d", cleaned):
        cleaned = re.sub(r"[,.]", " ", cleaned)
    cleaned = " ".join(cleaned.split())
    today = date.today()
    readings: list[date] = []
    for fmt in formats:
        try:
            parsed = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        if "%y" in fmt and parsed > today:
            parsed = _previous_century(parsed)
        if parsed not in readings:
            readings.append(parsed)
    return readings


def _previous_century(day: date) -> date:
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February in a year that is not a leap year a century earlier
        return day.replace(year=day.year - 100, day=28)


def _name_variants(full_name: str) -> list[str]:
    if "," in full_name:
        last, rest = (p.strip() for p in full_name.split(",", 1))
        given = rest.split()
    else:
        parts = full_name.split()
        last, given = (parts[-1], parts[:-1]) if len(parts) > 1 else (parts[0], [])
    if not given:
        return [last]
    first, middles = given[0], given[1:]
    initials = " ".join(f"{m[0]}." for m in middles)
    variants = {
        f"{first} {last}",
        f"{first} {' '.join(middles)} {last}" if middles else "",
        f"{first} {initials} {last}" if middles else "",
        f"{first[0]}. {last}",
        f"{first[0]} {last}",
        f"{last}, {first}",
        f"{last}, {first} {initials}" if middles else "",
        f"{last}, {first[0]}.",
        f"{last} {first}",
        last,
        first,
    }
    return sorted((v for v in variants if v), key=len, reverse=True)


def _name_pattern(variant: str) -> str:
    """Regex for one name variant: any run of spaces between words, and an apostrophe that may
    be straight, curly or missing ("O'Brien", "O’Brien", "OBrien")."""
    parts = []
    for char in variant:
        if char in "'’":
            parts.append("['’]?")
        elif char == " ":
            parts.append(r"[ \t]+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _flexible(value: str) -> str:
    """Regex matching ``value`` with optional spaces or dashes between its characters."""
    chars = [re.escape(c) for c in value if c.isalnum()]
    return r"[ \t-]?".join(chars)


class Redactor:
    """Finds identifiers in text and replaces them. One instance per export: the date offset is
    drawn once, so every date in one export moves by the same number of days."""

    def __init__(
        self,
        identity: PatientIdentity | None = None,
        *,
        date_mode: DateMode = "shift",
        shift_days: int | None = None,
    ) -> None:
        self.identity = identity or PatientIdentity()
        self.date_mode = date_mode
        if shift_days is None:
            magnitude = 30 + secrets.randbelow(336)  # 30..365 days, never zero
            shift_days = magnitude if secrets.randbelow(2) else -magnitude
        self.shift_days = shift_days
        self._own: list[tuple[str, re.Pattern[str]]] = []
        if self.identity.name and self.identity.name.strip():
            alternatives = "|".join(_name_pattern(v) for v in _name_variants(self.identity.name))
            # "Mr./Ms. Last" keeps the title; the name itself is redacted, and so is a name
            # followed by a possessive ("Smith's wife" becomes "[NAME]'s wife"). Underscores
            # count as separators: file names ("smith_john.pdf") are redacted too.
            self._own.append(
                (
                    "patient_name",
                    re.compile(
                        rf"(?<![A-Za-z0-9'’])(?:{alternatives})"
                        r"(?=['’]s(?![A-Za-z0-9])|(?![A-Za-z0-9'’]))",
                        re.I,
                    ),
                )
            )
        if self.identity.mrn and any(c.isalnum() for c in self.identity.mrn):
            # The MRN as written, and its digits alone ("MRN-00123456" is often "00123456").
            forms = {_flexible(self.identity.mrn)}
            digits = "".join(c for c in self.identity.mrn if c.isdigit())
            if len(digits) >= 4:
                forms.add(_flexible(digits))
            mrn = "|".join(sorted(forms, key=len, reverse=True))
            self._own.append(
                ("mrn", re.compile(rf"(?<![A-Za-z0-9])(?:{mrn})(?![A-Za-z0-9])", re.I))
            )

    # -- detection -------------------------------------------------------------------------------

    def _date_candidates(self, text: str) -> Iterator[Redaction]:
        for pattern, formats, style in _DATE_FORMS:
            for match in pattern.finditer(text):
                raw = match.group()
                readings = date_readings(raw, formats) if formats else []
                parsed = readings[0] if readings else None
                is_dob = (self.identity.dob is not None and self.identity.dob in readings) or (
                    _DOB_CUE.search(text[max(0, match.start() - 20) : match.start()]) is not None
                )
                if is_dob:
                    yield Redaction("dob", match.start(), match.end(), raw, "[DOB]")
                else:
                    yield Redaction(
                        "date",
                        match.start(),
                        match.end(),
                        raw,
                        self._date_replacement(parsed, style),
                    )

    def _date_replacement(self, parsed: date | None, style: str) -> str:
        if parsed is None or style == "no_year":
            return "[DATE]"
        if self.date_mode == "year":
            return str(parsed.year)
        shifted = parsed + timedelta(days=self.shift_days)
        if style == "month":
            return shifted.strftime("%B %Y")
        if style == "long":
            return f"{shifted.strftime('%B')} {shifted.day}, {shifted.year}"
        return shifted.isoformat()

    def _candidates(self, text: str) -> Iterator[Redaction]:
        for kind, pattern in self._own:
            for match in pattern.finditer(text):
                yield Redaction(kind, match.start(), match.end(), match.group(), _label(kind))
        yield from self._date_candidates(text)
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                group = "v" if "v" in pattern.groupindex and match.group("v") else 0
                start, end = match.span(group)
                if kind == "url":
                    end = start + len(match.group(group).rstrip(".,;:"))
                actual = kind
                if kind == "phone" and re.search(r"(?i)fax", text[max(0, start - 15) : start]):
                    actual = "fax"
                if kind == "id_number" and re.match(
                    r"(?i)\s*(?:mrn|mr\b|medical record)", text[match.start() : start]
                ):
                    actual = "mrn"
                before = text[max(0, start - 30) : start]
                if pattern is _BARE_LONG_NUMBER and _LAB_BEFORE_NUMBER.search(before):
                    continue  # "Platelets 1250000" is a result, not an identifier
                if (
                    kind == "age_over_89"
                    and text[end : end + 1] in "MF"
                    and _TEMPERATURE_BEFORE.search(before)
                ):
                    continue  # "Temp 99F" is a temperature, not a 99-year-old woman
                replacement = "90+" if actual == "age_over_89" else _label(actual)
                yield Redaction(actual, start, end, text[start:end], replacement)

    def preview(self, text: str) -> list[Redaction]:
        """Every redaction that :meth:`redact` would make, in text order, without overlaps."""
        ordered = sorted(
            self._candidates(text),
            key=lambda r: (r.start, -(r.end - r.start), _PRIORITY.get(r.kind, 99)),
        )
        chosen: list[Redaction] = []
        covered_to = -1
        for red in ordered:
            if red.start >= covered_to and red.end > red.start:
                chosen.append(red)
                covered_to = red.end
        return chosen

    def redact(self, text: str) -> str:
        return apply_redactions(text, self.preview(text))


def apply_redactions(text: str, redactions: Iterable[Redaction]) -> str:
    out = text
    for red in sorted(redactions, key=lambda r: r.start, reverse=True):
        out = out[: red.start] + red.replacement + out[red.end :]
    return out


def _label(kind: str) -> str:
    return {
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
        "zip_code": "[ZIP]",
        "id_number": "[ID]",
        "dob": "[DOB]",
    }.get(kind, "[REDACTED]")
