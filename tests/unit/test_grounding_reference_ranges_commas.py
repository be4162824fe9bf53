"""Left48c: a reference range written with decimal commas, as German and most European lab
reports write it ("Kalium 5,9 mmol/l (3,5-5,1) H"), is read as a range of decimals, so "potassium
5.9 was normal" against it is flagged ``range_conflict`` (promise 3) as it is against "3.5-5.1";
a thousands range ("1,200-1,500") is never read as decimals."""

from __future__ import annotations

import pytest

from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.rag.reference_ranges import reference_limits

GERMAN = "Kalium 5,9 mmol/l (3,5-5,1) H"
ENGLISH_COMMAS = "Potassium 5,9 mmol/L (3,5–5,1) H"
UNFLAGGED = "Potassium 5,9 mmol/L (3,5 – 5,1)"
INSIDE = "Potassium 4,2 mmol/L (3,5–5,1)"
REPORT = (
    "Labor 30.11.2026: Natrium 139 mmol/l (135-145). Kalium 5,9 mmol/l (3,5-5,1) H."
    " CRP 5,4 mg/l (< 5,9). Kreatinin 1,4 mg/dl (0,5-1,0) H."
)
TABLE_ROW = "Kalium  5,9  mmol/l  3,5-5,1  H\nNatrium  139  mmol/l  135-145"
THOUSANDS = "Platelets 1,300 x10^9/L (1,200-1,500)"


def range_flags(answer: str, passage: str) -> list[str]:
    return [f.message for f in ground(answer, {1: passage}).flags if f.kind == "range_conflict"]


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Potassium 5.9 was normal [1].", GERMAN),
        ("Potassium 5.9 was normal [1].", ENGLISH_COMMAS),
        # The range alone says it, with spaces around its dash.
        ("Her potassium was 5.9 mmol/L, within the normal range [1].", UNFLAGGED),
        # The answer copies the comma.
        ("Her potassium of 5,9 mmol/L was normal [1].", GERMAN),
        ("Her creatinine of 1.4 mg/dl was normal [1].", REPORT),
        # The reverse: called high where the comma range holds it.
        ("Her potassium was high at 4.2 mmol/L [1].", INSIDE),
    ],
)
def test_a_claim_a_comma_range_contradicts_is_flagged(answer: str, passage: str) -> None:
    assert range_flags(answer, passage), answer


def test_the_flag_gives_the_range_as_written() -> None:
    (message,) = range_flags("Potassium 5.9 was normal [1].", ENGLISH_COMMAS)
    assert "above its reference range" in message
    assert "3,5-5,1" in message


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Potassium 4.2 was normal [1].", INSIDE),
        ("Her potassium was 4.2 mmol/L, within the normal range [1].", INSIDE),
        # "< 5,9" is under 5.9, not under 5: a CRP of 5.4 is inside it.
        ("Her CRP of 5.4 mg/l was normal [1].", REPORT),
        ("Her sodium was normal [1].", REPORT),
        ("Her potassium was raised at 5.9 mmol/L [1].", GERMAN),
        ("Her platelets of 1,300 were normal [1].", THOUSANDS),
    ],
)
def test_a_claim_a_comma_range_bears_out_is_not_flagged(answer: str, passage: str) -> None:
    assert range_flags(answer, passage) == []


def test_comma_limits_are_limits_not_results() -> None:
    limits = reference_limits(GERMAN)
    assert {GERMAN.index("3,5"), GERMAN.index("5,1")} == limits
    results = [b.value.canonical for b in bind(GERMAN) if b.attribute != "reference range"]
    assert results == ["5.9"]
    # A table row's reference cell, after the result and its unit.
    assert {TABLE_ROW.index("3,5"), TABLE_ROW.index("5,1")} <= reference_limits(TABLE_ROW)


def test_a_thousands_range_is_no_range_of_decimals() -> None:
    values = [b.value.canonical for b in bind(THOUSANDS)]
    assert values == ["1300", "1200", "1500"]
    assert reference_limits(THOUSANDS) == set()
    # Even where the text writes its decimals with a comma elsewhere.
    text = "Kalium 5,9 mmol/l (3,5-5,1). Thrombozyten 1,300 x10^9/l (1,200-1,500)."
    assert {text.index("3,5"), text.index("5,1")} == reference_limits(text)
