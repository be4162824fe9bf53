"""Documents that give the same drug at different doses or frequencies: a note under the answer.

Walk 40b item 3: the discharge summary of 18 Sep gave apixaban 5 mg twice daily and the GP
medication list of 4 Nov gave 2.5 mg twice daily. The window's answer gave 5 mg alone; the
CLI's gave 2.5 mg, the disagreement only buried inside an unsupported flag (rag/checks/
elsewhere.py lists the doses other passages give, but only for a sentence it flags). Whichever
dose the model picks, the clinician must be told that the documents it read disagree, with
where each dose is written, newest first; so the note is made from the passages given to the
model, whatever it wrote.

A passage that gives a drug two doses itself ("increased from 2.5 mg to 5 mg") records a change,
not a disagreement, and is left out; so is a passage that gives no dose or frequency for it.
The drugs compared are those the question names, else those the answer names: a note about
every drug the passages mention would bury the one asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from medlocal.rag.drug_facts import dose_pairs, frequency_pairs
from medlocal.rag.frequency import Frequency
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.passages import NumberedPassage
from medlocal.values import extract_values

# A date written in a file name ("discharge_summary_2026-09-18.pdf", "labs_20261030.csv").
_FILE_DATE = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
# A label that makes a date the passage's own ("Date: 18/09/2026", "Dated 4 Nov 2026").
_DATE_LABEL = re.compile(
    r"\b(?:date|dated|seen|clinic|letter|discharged?|issued|printed)\W{0,12}$", re.I
)
_TIMES = {1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily"}


@dataclass(frozen=True)
class _Regimen:
    """What one passage gives one drug: its dose (as written, and canonical) and frequency."""

    passage: NumberedPassage
    dose: tuple[str, str | None] | None  # (canonical amount, unit)
    dose_raw: str
    frequency: Frequency | None

    def key(self) -> tuple[object, object]:
        return (self.dose, self.frequency.key if self.frequency else None)

    def describe(self) -> str:
        parts = [self.dose_raw] if self.dose_raw else []
        if self.frequency is not None:
            parts.append(_frequency_words(self.frequency))
        return " ".join(parts)


def _frequency_words(freq: Frequency) -> str:
    if freq.per_day is None:
        return "as needed"
    low, high = freq.per_day
    if low == high and low.denominator == 1 and int(low) in _TIMES:
        return _TIMES[int(low)]
    if low == high and low == Fraction(1, 7):
        return "once weekly"
    return freq.raw


def passage_date(passage: NumberedPassage) -> date | None:
    """The day a passage's document is dated: a date in its file name, else a date its text
    labels as its own ("Date: 18/09/2026"); None when neither says."""
    found = _FILE_DATE.search(passage.hit.file_name)
    if found is not None:
        try:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            pass
    text = passage.hit.text
    for value in extract_values(text):
        if value.kind == "date" and _DATE_LABEL.search(text, max(0, value.start - 16), value.start):
            # "01/10/2026" reads both ways (``Value.alt`` is the day-first reading): the notes
            # this app reads are British (NHS, GP letters), so day first.
            try:
                return date.fromisoformat(value.alt or value.canonical)
            except ValueError:
                continue
    return None


def _regimens(
    passage: NumberedPassage, drugs: set[str], lexicon: MedicationLexicon
) -> list[_Regimen]:
    """The one regimen ``passage`` gives each of ``drugs``; none for a drug it gives two doses
    or two frequencies (a change it records) or neither."""
    text = passage.hit.text
    doses: dict[str, dict[tuple[str, str | None], str]] = {}
    for (drug, amount, unit), value in dose_pairs(text, lexicon):
        if drug in drugs and value.unit not in {"day", "week", "month"}:
            doses.setdefault(drug, {}).setdefault((amount, unit), value.raw)
    freqs: dict[str, dict[object, Frequency]] = {}
    for drug, freq in frequency_pairs(text, lexicon):
        if drug in drugs:
            freqs.setdefault(drug, {}).setdefault(freq.key, freq)
    found = []
    for drug in sorted(drugs):
        given = doses.get(drug, {})
        times = freqs.get(drug, {})
        if len(given) > 1 or len(times) > 1 or not (given or times):
            continue
        dose, raw = next(iter(given.items()), (None, ""))
        found.append(_Regimen(passage, dose, raw, next(iter(times.values()), None)))
    return found


def dose_disagreements(
    passages: Sequence[NumberedPassage],
    drugs: Sequence[str],
    lexicon: MedicationLexicon,
) -> list[str]:
    """One note per drug of ``drugs`` that documents among ``passages`` give at different doses
    or frequencies: "the documents disagree on apixaban: 2.5 mg twice daily [2]
    (gp_medication_list_2026-11-04.docx, 4 Nov 2026) vs 5 mg twice daily [1]
    (discharge_summary_2026-09-18.pdf, 18 Sep 2026)", the newest first."""
    wanted = {d.lower() for d in drugs}
    notes = []
    for drug in sorted(wanted):
        by_document: dict[int, _Regimen] = {}
        for passage in passages:
            for regimen in _regimens(passage, {drug}, lexicon):
                # A document's first passage giving the drug stands for it.
                by_document.setdefault(passage.hit.document_id, regimen)
        regimens = list(by_document.values())
        if not _differ(regimens):
            continue
        # Newest first; undated documents last, in passage order.
        dated = [(passage_date(r.passage), r) for r in regimens]
        dated.sort(key=lambda d: (d[0] is None, -(d[0].toordinal() if d[0] else 0)))
        # One entry per distinct regimen, at its newest document.
        seen: set[tuple[object, object]] = set()
        parts = []
        for when, regimen in dated:
            if regimen.key() in seen:
                continue
            seen.add(regimen.key())
            day = f", {when.day} {when:%b %Y}" if when else ", undated"
            parts.append(
                f"{regimen.describe()} [{regimen.passage.number}]"
                f" ({regimen.passage.hit.file_name}{day})"
            )
        notes.append(f"the documents disagree on {drug}: " + " vs ".join(parts))
    return notes


def _differ(regimens: Sequence[_Regimen]) -> bool:
    """Whether two documents' regimens disagree: different doses (both given), or different
    frequencies (both given)."""
    for i, a in enumerate(regimens):
        for b in regimens[i + 1 :]:
            if a.dose and b.dose and a.dose != b.dose:
                return True
            if a.frequency and b.frequency and not a.frequency.same(b.frequency):
                return True
    return False
