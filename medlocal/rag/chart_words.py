"""Words a chart says without writing them, for the support check (rag/coverage.py): the months
of the dates it writes in figures ("12.03.2025" is in March), and the eye clinic's shorthand
for sides and measures ("IOP RE | IOP LE" is the right and the left eye's pressure, "CCT" the
central corneal thickness). heldout12's glaucoma table: "The pressure in his left eye was 22
mmHg ..., down from 24 mmHg in March" was read as resting on none of 'left', 'eye', 'march'."""

from __future__ import annotations

import re

from medlocal.values import extract_values

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


def month_words(evidence: str) -> set[str]:
    """The names of the months ``evidence``'s dates fall in, each reading of an ambiguous date
    ("03/04/2025": March or April)."""
    found: set[str] = set()
    for value in extract_values(evidence):
        if value.kind != "date":
            continue
        for canonical in (value.canonical, value.alt):
            parts = (canonical or "").removeprefix("-").split("-")
            if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
                found.add(_MONTHS[int(parts[1]) - 1])
    return found


# An eye chart: a measure only the eye has, written as eye clinics write it. Only there are
# "RE" / "LE" sides and "CCT" / "MD" its measures ("LE" is lupus or a lower extremity
# elsewhere, "MD" a doctor).
_EYE_CHART = re.compile(r"\b(?:IOP|RNFL|visual\s+(?:field|acuity)|Humphrey|intraocular)\b", re.I)
_EYE_SIDE = re.compile(r"(?<![A-Za-z])(?P<side>RE|LE|OD|OS|OU)(?![A-Za-z])")
_SIDE_OF: dict[str, tuple[str, ...]] = {
    "RE": ("right",),
    "OD": ("right",),
    "LE": ("left",),
    "OS": ("left",),
    "OU": ("right", "left", "both"),
}
_EYE_MEASURES = {
    "CCT": ("central", "corneal", "thickness"),
    "MD": ("mean", "deviation"),
    "PSD": ("pattern", "standard", "deviation"),
    "VFI": ("visual", "field", "index"),
}


def names_an_eye_measure(text: str) -> bool:
    """Whether ``text`` names a measure only the eye has (IOP, RNFL, visual field or acuity)."""
    return _EYE_CHART.search(text) is not None


def eye_chart_words(evidence: str) -> set[str]:
    """The words an eye chart's shorthand stands for: "right"/"left" and "eye" for its side
    labels, and its measures' names. Nothing where ``evidence`` names no eye measure."""
    if not _EYE_CHART.search(evidence):
        return set()
    found: set[str] = set()
    for m in _EYE_SIDE.finditer(evidence):
        found |= {"eye", "eyes", *_SIDE_OF[m.group("side")]}
    for short, words in _EYE_MEASURES.items():
        if re.search(rf"(?<![A-Za-z]){short}(?![A-Za-z])", evidence):
            found |= set(words)
    return found


# A reference range written beside a result, in brackets: "HbA1c 6.3 % [4.6-6.2] H",
# "ferritin 14 ng/mL (15-150) L".
_RANGE = re.compile(r"[\[(]\s*\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?\s*[\])]")


def range_words(evidence: str) -> set[str]:
    """The words for a bracketed reference range's ends that ``evidence`` writes in figures
    only: "just above the upper limit of 6.2" against "HbA1c 6.3 % [4.6-6.2]" (the numbers
    themselves are the value checks')."""
    if not _RANGE.search(evidence):
        return set()
    return {"upper", "lower", "limit", "limits", "normal", "reference"}
