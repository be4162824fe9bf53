"""Review of grounding round 13 (review63g): near-misses of its readings that must still be
flagged, and odd input that must not crash. Each test gives the right sentence (no flag, where
round 13 made it pass) and the wrong one beside it (flagged)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


def test_a_ceiling_worked_from_the_dose_is_no_ceiling_the_passage_lowers() -> None:
    # Four doses of 1 g are 4 g, but this patient's ceiling is 3 g: the sentence is wrong.
    note = "Paracetamol 1 g up to four times a day; maximum 3 g in 24 hours (weight 45 kg)."
    wrong = "She can take paracetamol 1 g up to four times a day, at most 4 g a day [1]."
    assert "unverified_number" in kinds(wrong, note)
    assert kinds(wrong.replace("4 g a day", "3 g a day"), note) == []
    # No ceiling in the passage: the product of the sentence's own words still passes.
    assert kinds(wrong, "Paracetamol 1 g up to four times a day with food.") == []


def test_a_size_keeps_its_unit_against_bare_sides() -> None:
    table = "lesion;site;size_mm\nB;left calf;7 x 5;unchanged"
    assert kinds("The lesion on her left calf measures 7 × 5 mm [1].", table) == []
    assert kinds("The lesion on her left calf measures 7 × 5 cm [1].", table) != []
    # Sides the passage writes with their unit: only that unit.
    assert kinds("The lesion measures 8 × 6 cm [1].", "Lesion B left calf 8 x 6 mm.") != []


def test_a_conversion_uses_the_factor_of_the_result_s_own_measure() -> None:
    labs = "Glucose 90 mg/dL. Total cholesterol 232 mg/dL"
    good = "Her glucose was normal and her cholesterol was 232 mg/dL, about 6.0 mmol/L [1]."
    assert kinds(good, labs) == []
    # 232 / 18 is 12.9: glucose's factor, not cholesterol's.
    assert "unverified_number" in kinds(good.replace("6.0 mmol/L", "12.9 mmol/L"), labs)


def test_the_top_of_a_scale_the_passage_does_not_write_is_checked() -> None:
    assert "unverified_number" in kinds(
        "Carcinoma was found in 3 out of 14 lymph nodes [1].", "Lymph nodes: 3/12 positive."
    )
    acuity = "Visual acuity RE 6/9, LE 6/6"
    assert "unverified_number" in kinds("Visual acuity in the right eye was 6/12 [1].", acuity)


@pytest.mark.parametrize("count", ["3000000", "99999999999"])
def test_a_count_of_days_later_past_the_calendar_does_not_crash(count: str) -> None:
    sentence = f"He fell on 3 February 2025 and had surgery {count} days later [1]."
    assert "unverified_number" in kinds(sentence, "Fall 03/02/2025. Surgery 05/02/2025.")


def test_a_conversion_of_a_huge_number_does_not_crash() -> None:
    huge = "1" + "0" * 400
    sentence = f"Her glucose was {huge} mg/dL, about 6.5 mmol/L [1]."
    assert "unverified_number" in kinds(sentence, f"Glucose {huge} mg/dL")


def test_eye_chart_sides_swapped_are_flagged() -> None:
    # Round 13 reads "RE"/"LE" as "right"/"left" for the support check, which took away the
    # weak_support that flagged this sentence before; round 14 binds a table's values to the
    # side its column heading names (rag/table_sides.py).
    table = "date | IOP RE (mmHg) | IOP LE (mmHg)\n02.05.2025 | 19 | 26"
    swapped = "The pressure in her right eye was 26 mmHg and in her left 19 mmHg [1]."
    assert kinds(swapped, table) != []


def test_a_result_on_the_wrong_side_of_a_named_limit_is_flagged() -> None:
    # Round 13 lets "upper/lower limit" rest on a bracketed range, which took away the
    # weak_support that flagged this sentence before; 5.1 is above the range, not below 0.4
    # (round 14: checks/named_limit_sides.py).
    labs = "TSH: 5.1 mU/L [0.4-4.8] H"
    assert kinds("Her TSH of 5.1 mU/L is just below the lower limit of 0.4 [1].", labs) != []
