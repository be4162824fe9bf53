"""Review 50b R5: the chart symbols of other languages bound English things: faecal
calprotectin's "FC 250 ug/g" a heart rate, a catheter's "14 FR" a respiratory rate, "TA 3 mm"
a blood pressure, "Dr Li" and "Li-ion" lithium. Their value now says which."""

from __future__ import annotations

import pytest

from medlocal.measured_things import find_measures


def _things(text: str) -> list[str]:
    return [thing for _, _, thing in find_measures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "FC 250 ug/g in March.",
        "Catheter size 14 FR inserted.",
        "TA 3 mm regurgitation jet.",
        "PATIENT TA 2 DAYS POST OP.",
        "Dr Li 2 weeks ago.",
        "Li Wei (interpreter) present.",
        "Li-ion battery in the programmer.",
        "Li 4 (pain score).",
    ],
)
def test_a_symbol_with_another_things_value_names_nothing(text: str) -> None:
    assert _things(text) == []


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("FC 110 lpm", "heart rate"),
        ("FC: 88 bpm", "heart rate"),
        ("FC 90, TA 130/80", "heart rate"),
        ("FR 18 rpm", "respiratory rate"),
        ("TA: 120 / 70 mmHg", "blood pressure"),
        ("Li 1,2 mmol/l (0,6-1,0)", "lithium"),
        ("Li 0.9 mEq/L", "lithium"),
    ],
)
def test_a_symbol_with_its_things_value_names_it(text: str, thing: str) -> None:
    assert _things(text)[0] == thing
