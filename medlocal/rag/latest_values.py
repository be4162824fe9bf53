"""The note that names a test's newest value among the passages given (walk 44 D1): "newest
creatinine in the passages given: 190 umol/L [1] (lab_2025-08-12.txt, 12 Aug 2025)".

A question about the latest value of a test ("What is the most recent creatinine?") is answered
by a small model from sixteen reports alike but for their dates and values; it may quote any of
them, or a reference range ("104 umol/L" of "(59-104)"). The newest dated value is read here
without the model, as the medicines' newest dose is (``medlocal.rag.dose_disagreements``), so the
clinician sees it whatever the model wrote. Medicines keep their own notes: a question naming a
drug gets none here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from medlocal.document_dates import day_of
from medlocal.rag.dose_disagreements import passage_date, where_written
from medlocal.rag.medications import MedicationLexicon
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.reference_ranges import reference_limits
from medlocal.values import Value, extract_values
from medlocal.vault.lexical import value_count
from medlocal.vault.series import latest_terms

# A value this far after the test's name at most, on its line ("Creatinine 190 umol/L",
# "eGFR: 25"), as ``medlocal.vault.lexical.value_count`` reads one.
_NEAR = 20


def newest_value_notes(
    question: str, passages: Sequence[NumberedPassage], lexicon: MedicationLexicon
) -> list[str]:
    """One note per thing a question about its newest value asks about ("creatinine"), naming
    its value in the newest dated passage given that holds one; none for other questions, for
    a question naming a drug, and where no dated passage holds a value."""
    if lexicon.find(question):
        return []
    notes = []
    for term in latest_terms(question):
        found: list[tuple[date, NumberedPassage, Value, str | None]] = []
        for passage in passages:
            shown = passage_date(passage)
            day = day_of(shown)
            value = _value_of(term, passage.hit.text)
            if day is not None and value is not None:
                found.append((day, passage, value, shown))
        if not found:
            continue
        # The newest day; among one day's passages the first given.
        day, passage, value, shown = max(found, key=lambda f: (f[0], -f[1].number))
        notes.append(
            f"newest {term} in the passages given: {value.raw} {where_written(shown, day, passage)}"
        )
    return notes


def _value_of(term: str, text: str) -> Value | None:
    """The first value ``text`` gives ``term``: a number right after its name on its line, not
    a reference range's limit nor a threshold ("eGFR below 30")."""
    name = re.compile(rf"(?<![^\W_]){re.escape(term)}\w*", re.IGNORECASE)
    values = [v for v in extract_values(text) if v.kind == "number"]
    limits = reference_limits(text)
    for m in name.finditer(text):
        for value in values:
            gap = text[m.end() : value.start]
            if value.start < m.end() or len(gap) > _NEAR or "\n" in gap:
                continue
            if (
                value.start in limits
                or value_count(text[m.start() : value.start + len(value.raw)], [term]) != 1
            ):
                break
            return value
    return None
