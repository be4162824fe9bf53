"""Codes in a table's column whose header names them (session 61, deid61b; issue 16).

A register, a census, a claims list or a police log prints its numbers in columns under one
header ("| Ref | Plate |", "Claim<TAB>Vehicle", "Incident no.   Badge   Unit"), and no label
stands beside each number: "447190", "KT 4419" and "77315-2" were left in view. Read: a block
of lines laid out with pipes, tabs or runs of blanks; its first line, without a digit, is the
header; a cell under a header that names a code of a person, a case or a vehicle ("ref",
"claim", "policy", "member", "badge", "serial", "lot", "plate", "VIN", "Kennzeichen",
"matrícula" ...) is that code when it holds three digits at least and reads as one: no date,
no value (three digits or fewer, a decimal), no word of four lower-case letters ("12 tablets
daily").

A header that names a value, a date, a clinical code or a place in the ward ("Ref range",
"ICD code", "Dose", "Bed", "Score") says nothing of codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_spans import Redaction, label

# Cells: set apart by a pipe, a tab, or two blanks or more.
_PIPE_OR_TAB = re.compile(r"[ \t]*[|\t][ \t]*")
_BLANKS = re.compile(r"[ ]{2,}")
_DELIMITED = re.compile(r"[|\t]")
_RULE_LINE = re.compile(r"[\s|:+=-]*")
# A header's words that name a vehicle's code, and those of other codes.
_VEHICLE = re.compile(
    r"(?i:\b(?:plates?|reg|rego|registration|vehicle|vin|call[ -]?sign|callsign|fleet|"
    r"kennzeichen|matr[ií]cula|placa|targa|kenteken|plaque|immatriculation|rekisterinumero|"
    r"spz|trailer|aircraft|tail)\b)"
)
# Header words that name a code alone: "Ref", "Claim", "Policy", "Badge", "MRN", "Lot".
_CODE = re.compile(
    r"(?i:(?<![\w])(?:id|ref|reference|claim|policy|account|acct|a/c|mrn|urn|nhs|chi|"
    r"accession|acc|booking|permit|licen[cs]e|badge|collar|warrant|sn|s/n|lot|batch|udi|"
    r"passport|tracking|invoice|voucher|aktenzeichen|az|dossier|expediente|protocollo|"
    r"protocolo|folio|identifier|ssn|nin|cpr|personnummer|bsn|pesel|dni|nie|nif|cpf|curp|rut|"
    r"aadhaar|nric|hkid|cnic|nik|kvnr|svnr|ahv|medicare|medicaid|subscriber|beneficiary|ubrn|"
    r"csn)(?![\w]))"
)
# Other header words name a code only with a number's word beside them (see _numbered: "Sample
# no.", "Order #", "Visit ID", "Serial number", "Hosp No"): alone, "Rx", "Order", "Sample",
# "Serial", "Visit" or "Fin" head a column of drugs, doses, times or measures ("| Rx | Sig |",
# "| Order | Status |", "| Time | Serial trop |", "| Début | Fin |"; review61b).
# "Serial" alone heads a device's serial numbers ("Serial trop" a measure's series).
_SERIAL = re.compile(r"(?i:serial|serials)")
_A_WORD = re.compile(r"[^\W\d_]{2,}")
_OF = re.compile(r"(?i:[\s.:/]*(?:of|de|der|des|di|van)\b)")
_NUMBER_WORD = re.compile(
    r"(?i:(?<![\w])(?:id|no\.?|nr\.?|n[°º]|number|num|#|nummer|n[úu]mero|num[ée]ro|numero)"
    r"(?![\w])|#)"
)
# Header words that make the column a value, a date, a clinical code or a place.
_NOT_A_CODE = re.compile(
    r"(?i:\b(?:range|normal|date|time|dose|result|value|score|age|bed|room|ward|bay|qty|"
    r"quantity|count|units?|code|icd|cpt|snomed|loinc|atc|drg|opcs|level|grade|stage|size|"
    r"weight|height|rate|flag|strength|volume|model|total|amount|cost|price|fee|phone|tel|"
    r"fax|year|years|day|days|hours?|mins?|interval|cycle|dose)\b)"
)
# A code in a cell: three digits at least, no run of blanks, no line break.
_VALUE = re.compile(r"(?=(?:\D*\d){3})[^\W_][\w./#-]*(?:[ ][\w./#-]+){0,3}")
_DATE = re.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?|\d{4}-\d\d-\d\d"
    r"(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?|\d{1,2}:\d\d(?::\d\d)?"
)
# A value: a number of three digits at most, or with a decimal part, perhaps a percentage.
_DECIMAL = re.compile(r"[<>≤≥~]?(?:\d{1,3}(?:[.,]\d+)?|\d+[.,]\d{1,2})(?:[ ]?%)?")
_LOWER_WORD = re.compile(r"\b[a-zäöüéèáíóúñç]{4,}\b")
# A unit after a number ("100 U/mL", "500 mg"), a range ("120-160", "30-400"), a time ("12h00").
_UNIT = re.compile(
    r"(?i:\d[ ]?(?:mg|mcg|µg|ug|g|kg|ml|l|iu|u|units?|mmol|µmol|umol|meq|%)(?![^\W\d_]))"
)
_RANGE = re.compile(r"[<>≤≥]?(\d+(?:[.,]\d+)?)[ ]?[-–][ ]?(\d+(?:[.,]\d+)?)")
_ZERO_LED = re.compile(r"0\d")  # "2601-004417" is a code, no range
_TIME = re.compile(r"\d{1,2}[hH:]\d\d")


def code_column_candidates(text: str) -> Iterator[Redaction]:
    """The codes in columns whose header names them (see the module's docstring)."""
    if "|" not in text and "\t" not in text and "  " not in text:
        return
    header: list[tuple[int, int, str | None]] | None = None
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cells = _cells(line)
        if len(cells) < 2:
            header = None
            continue
        if _RULE_LINE.fullmatch(line):
            continue
        if header is None or not any(kind for _, _, kind in header):
            header = None if any(ch.isdigit() for ch in line) else _header(line, cells)
            continue
        for index, (cell_start, cell_end) in enumerate(cells):
            kind = _kind_under(header, cells, index, _DELIMITED.search(line) is not None)
            value = line[cell_start:cell_end]
            if kind is not None and _is_code(value):
                yield Redaction(kind, start + cell_start, start + cell_end, value, label(kind))


def _cells(line: str) -> list[tuple[int, int]]:
    """The cells of a line as (start, end) offsets, their blanks trimmed. Between pipes or tabs
    every cell counts, an empty one too (so that the columns keep their places); set apart by
    blanks, three cells at least (two words far apart are no table)."""
    if _DELIMITED.search(line):
        spans = _between(line, _PIPE_OR_TAB)
    else:
        spans = [(a, b) for a, b in _between(line, _BLANKS) if line[a:b].strip()]
        if len(spans) < 3:
            return []
    trimmed = []
    for cell_start, cell_end in spans:
        cell = line[cell_start:cell_end]
        left = cell_start + len(cell) - len(cell.lstrip())
        trimmed.append((left, left + len(cell.strip())))
    return trimmed


def _between(line: str, gaps: re.Pattern[str]) -> list[tuple[int, int]]:
    """The pieces of ``line`` between the matches of ``gaps``, as (start, end) offsets."""
    spans, at = [], 0
    for gap in gaps.finditer(line):
        spans.append((at, gap.start()))
        at = gap.end()
    spans.append((at, len(line)))
    return spans


def _header(line: str, cells: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """Each header cell with the kind of code its column holds, or None."""
    out: list[tuple[int, int, str | None]] = []
    for cell_start, cell_end in cells:
        words = line[cell_start:cell_end]
        kind: str | None = None
        if len(words) <= 30 and not _NOT_A_CODE.search(words):
            if _VEHICLE.search(words):
                kind = "vehicle_id"
            elif _CODE.search(words) or _numbered(words) or _SERIAL.fullmatch(words):
                kind = "id_number"
        out.append((cell_start, cell_end, kind))
    return out


def _numbered(words: str) -> bool:
    """Whether a header names a code by a number's word and another word ("Hosp No", "Sample
    no.", "Member #", "Visit ID"): a number's word alone ("No.", "Number", "#") heads a row's
    index or a count, and "Number of ..." a count."""
    if _NUMBER_WORD.search(words) is None:
        return False
    rest = _NUMBER_WORD.sub(" ", words)
    return _A_WORD.search(rest) is not None and _OF.match(rest) is None


def _kind_under(
    header: list[tuple[int, int, str | None]],
    cells: list[tuple[int, int]],
    index: int,
    delimited: bool,
) -> str | None:
    """The kind of the header cell over a row's cell: the same column where pipes or tabs set
    the cells apart (and the row has the header's count of them), else the header cell whose
    start is within two characters of the cell's or whose span it overlaps."""
    if delimited:
        return header[index][2] if len(cells) == len(header) else None
    start = cells[index][0]
    for head_start, head_end, kind in header:
        if abs(head_start - start) <= 2 or (head_start <= start < head_end):
            return kind
    return None


def _is_code(value: str) -> bool:
    return (
        _VALUE.fullmatch(value) is not None
        and _DATE.fullmatch(value) is None
        and _DECIMAL.fullmatch(value) is None
        and _LOWER_WORD.search(value) is None
        and _UNIT.search(value) is None
        and not _a_range(value)
        and _TIME.fullmatch(value) is None
    )


def _a_range(value: str) -> bool:
    """A reference range, low to high and within a hundredfold ("120-160", "3.9-5.8", "0-40");
    a claim's number with its check digit ("77315-2") goes from high to low, a lab number
    ("26-4471893") far beyond a range's reach."""
    match = _RANGE.fullmatch(value)
    if match is None or any(_ZERO_LED.match(part) for part in match.groups()):
        return False
    low, high = (float(part.replace(",", ".")) for part in match.groups())
    return low < high and (high <= 100 * low or (low == 0 and high <= 1000))
