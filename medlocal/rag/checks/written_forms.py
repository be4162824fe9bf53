"""How the passages write a number where the value reader takes it for something else: glued to
a code, one side of a ratio, its thousands set apart by a space, a day and month without a year.
Where a number may be written so, its absence is an unsure reading (rag/checks/values.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.rag.assertion_triggers import RELATIVES
from medlocal.values import Value, extract_values


# Round 6 of the precision audit (tests/fixtures/grounding_eval/RESULTS.md): a number is
# flagged only where the sentence's reading and the passage's plainly differ (rag/checks/units.py
# for the units); where the passage writes it in a form the value reader takes for something
# else, the check stays silent.
def unsure_absence(value: Value, values: Sequence[Value], evidence_text: str) -> bool:
    """Whether "does not appear in the cited passages" would be an unsure reading: a number of
    two or more digits the passages write glued to a code ("SVR12"), or as one side of a
    ratio whose other side the sentence gives too ("ACE-III 71/100" as "71 out of 100"; a
    blood pressure's "145/90" is no heart rate of 90), or a number of four or more digits the
    passages write with its thousands set apart by a space, as tables do ("1 240" for
    "1,240"; round 8); or a date, with its year or without ("11 November" for a handover's
    "dressed 11/11"; round 8), whose day and month the passages give without a year ("Tetanus
    toxoid given 10/14")."""
    if value.kind == "number" and len(value.canonical) >= _COMPOUND_DIGITS:
        n = re.escape(value.canonical)
        if _spaced_thousands(value, evidence_text):
            return True
        if re.search(rf"(?<=[A-Za-z]{{2}}){n}(?![\d.])", evidence_text):
            return True
        mine = {v.canonical for v in values if v is not value}
        return any(
            value.canonical in pair and (set(pair) - {value.canonical}) <= mine
            for pair in _RATIO.findall(evidence_text)
        )
    if value.kind == "date":
        parts = value.canonical.removeprefix("-").split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts[1:]):
            month, day = int(parts[1]), int(parts[2])
            no_year = rf"(?<![\d/.])0?(?:{month}/0?{day}|{day}/0?{month})(?![\d]|[/.]\d)"
            return any(
                not (
                    m.group().split("/")[1].lstrip("0") in ("12", "7")
                    and _DURATION.search(evidence_text, 0, m.start())
                )
                for m in re.finditer(no_year, evidence_text)
            )
    return False


def _spaced_thousands(value: Value, evidence_text: str) -> bool:
    """Whether the passages write the whole number of ``value`` (four or more digits) with its
    thousands set apart by a space: "1 240" (a plain or a narrow no-break space). Not a number
    after a label that counts ("Day 1 250 mL" is day 1's 250 mL; "Bed 2 400", "x 2 500 mg";
    review 33), nor one followed by a unit other than the sentence's."""
    canonical = value.canonical
    if not canonical.isdigit() or len(canonical) < 4 or canonical.startswith("0"):
        return False
    head = canonical[: len(canonical) % 3 or 3]
    rest = canonical[len(head) :]
    groups = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    spaced = r"[ \u202f\u00a0]".join(re.escape(g) for g in [head, *groups])
    for found in re.finditer(rf"(?<![\d.,]){spaced}(?![\d]|[.,]\d)", evidence_text):
        if _COUNTING_LABEL.search(evidence_text, 0, found.start()):
            continue
        probe = extract_values("1" + evidence_text[found.end() : found.end() + 16])
        unit = probe[0].unit if probe and probe[0].start == 0 else None
        if value.unit is not None and unit is not None and unit != value.unit:
            continue
        return True
    return False


# A label whose number counts or names something ("Day 1", "No. 2", "x 2", "bed 3"): a number
# after it is no thousands group of the next.
_COUNTING_LABEL = re.compile(
    r"(?:\b(?:day|days|d|no|nos|number|bed|bay|room|ward|cycle|week|wk|dose|doses|step|grade"
    r"|stage|page|visit|item|tablets?|tabs?|capsules?|caps|level|line|case|patient|pt|x)\.?"
    r"|[×#])\s*$",
    re.I,
)
# "in 3/12", "for 2/52", "x 5/7": months, weeks, days, no day and month (review 33).
_DURATION = re.compile(r"\b(?:in|for|x|over|within|after|every|next)\s*$|×\s*$", re.I)


_RATIO = re.compile(r"(?<![\d./])(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)(?![\d/]|\.\d)")
# A one-digit number stands inside all manner of codes ("T1DM", "x10^9"): never unsure.
_COMPOUND_DIGITS = 2


def diabetes_type(value: Value, body: str, evidence_text: str) -> bool:
    """Whether ``value`` is the 1 or 2 of the sentence's "type 2 diabetes" and the passages
    write that type as notes do: "T2DM", "DM2", "DM type 2", "type II diabetes", "NIDDM" (round
    10: "type 2 diabetes" against "PMHx: ... T2DM" was an unverified number)."""
    n = _TYPES.get(value.raw.upper())
    if value.kind != "number" or n is None:
        return False
    end = value.start + len(value.raw)
    if not _TYPE_BEFORE.search(body, 0, value.start) or not _DIABETES_AFTER.match(body, end):
        return False
    roman = "I" * int(n)
    marker = "IDDM" if n == "1" else "NIDDM"  # insulin-dependent: type 1; non-: type 2
    written = re.compile(
        rf"\bT{n}DM?\b|\bDM\s?(?:type\s?)?(?:{n}|{roman})\b"
        rf"|\btype\s?(?:{n}|{roman})\s+(?:diabetes|DM)\b|(?<![A-Za-z]){marker}\b",
        re.IGNORECASE,
    )
    # Only the patient's, and only as had: "FHx: brother has T1DM" writes a relative's type and
    # "No history of T2DM", "high risk of T2DM", "?T2DM", "T2DM excluded", "T2DM (mother)" none
    # the patient has (review 60f); the sentence's number is then still read as absent (a
    # catch of heldout4 and heldout7). The whole clause is read, before and after the type.
    return any(
        _NOT_HAD.search(evidence_text, *_clause(evidence_text, m.start())) is None
        for m in written.finditer(evidence_text)
    )


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause around ``at``: from the last full stop, semicolon or line end before it to the
    next after it."""
    marks = (".", ";", "\n")
    start = max(text.rfind(mark, 0, at) for mark in marks) + 1
    ends = [found for mark in marks if (found := text.find(mark, at)) >= 0]
    return start, min(ends, default=len(text))


_TYPES = {"1": "1", "2": "2", "I": "1", "II": "2"}
# A relative's, denied, doubted or a risk only: no type the patient has.
_NOT_HAD = re.compile(
    r"\b(?:FHx?|family\s+history|"
    + "|".join(sorted(w for w in RELATIVES if w.isalpha()))
    + r"|no|not|nil|never|denie[sd]|negative|exclude[ds]?|ruled?\s+out|risks?|query|possible"
    r"|probable|likely|suspected|borderline|screen(?:ing|ed)?|if|pre-?diabet\w*)\b|\?",
    re.IGNORECASE,
)
_TYPE_BEFORE = re.compile(r"\btype\s*$", re.IGNORECASE)
_DIABETES_AFTER = re.compile(r"\s*(?:diabetes|DM)\b", re.IGNORECASE)


# An inspired oxygen fraction is written as a fraction or a percentage: "FiO2 0.45" is "an FiO2
# of 45%". Only where both name the FiO2 just before the number.
_FIO2_FRACTION = re.compile(r"\bFiO2\b[ \t]*(?:of|was|is|:|=)?[ \t]*(0?\.\d{1,2})(?!\d|\.\d)", re.I)
_FIO2_BEFORE = re.compile(r"\bFiO2\b[ \t]*(?:of|was|is|:|=)?[ \t]*$", re.I)


def fio2_as_percent(value: Value, body: str, evidence_text: str) -> bool:
    """Whether ``value`` is a percentage the sentence names the FiO2 whose fraction the cited
    passages give ("an FiO2 of 45%" for "FiO2 0.45")."""
    if value.kind != "number" or value.unit != "%" or not value.canonical.isdigit():
        return False
    if _FIO2_BEFORE.search(body, max(0, value.start - 24), value.start) is None:
        return False
    wanted = int(value.canonical)
    return any(
        round(float(m.group(1)) * 100) == wanted for m in _FIO2_FRACTION.finditer(evidence_text)
    )
