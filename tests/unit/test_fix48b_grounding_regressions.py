"""Regressions of left48b in the grounding checks (review48 R3, R4, R5).

R3. A dosage form, route or maker written after a comma or a semicolon ("Ramipril, Tabs 10 mg",
    "Ramipril; Tabs 10 mg", "Ramipril, Ratiopharm 10 mg") was read as a drug the lists lack and
    took the dose, so a wrong dose or frequency of ramipril passed unflagged.
R4. A label naming a sample outside a five-sample table (dialysate, drain fluid) or a test not
    listed for its sample (pleural lactate, urine chloride) ended the label's reach, so "What
    was the pleural fluid lactate?" was not found.
R5. One decimal comma in a cited passage ("Lorazepam 1,5 mg") made an English list in the
    answer ("days 1,2", "Ribs 4,5", "segments 6,7") a decimal, flagged as not in the passage.

Each first test of a part failed on main 87063a56; the others check that what worked stays.
"""

from __future__ import annotations

import pytest

from medlocal.rag.drug_facts import dose_pairs
from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon
from medlocal.rag.relevance import term_finder
from medlocal.rag.report_sections import Section, report_sections
from medlocal.values import decimal_marks


def _number_flags(answer: str, passages: dict[int, str]) -> list[str]:
    return [f.token for f in ground(answer, passages).flags if f.kind == "unverified_number"]


# --- R3. A form, route or maker is never the unlisted drug ---------------------------------

DISCHARGE = {
    1: "Discharge medication 03/03/2026: Ramipril 5 mg once daily. Amlodipine 10 mg once daily."
}


@pytest.mark.parametrize(
    "answer",
    [
        "Ramipril, Tabs 10 mg once daily [1].",
        "Ramipril; Tabs 10 mg once daily [1].",
        "Ramipril, Ratiopharm 10 mg once daily [1].",
        "Ramipril, Hexal 10 mg once daily [1].",
        "Ramipril; Sandoz 10 mg once daily [1].",
        "Ramipril, Tablets 10 mg once daily [1].",
    ],
)
def test_a_wrong_dose_after_a_form_or_maker_is_flagged(answer: str) -> None:
    assert _number_flags(answer, DISCHARGE) == ["10 mg"]


def test_a_wrong_frequency_after_a_form_is_flagged() -> None:
    passages = {1: "Ramipril 5 mg once daily. Amlodipine 5 mg twice daily."}
    assert _number_flags("Ramipril, Tabs 5 mg twice daily [1].", passages) == ["twice daily"]
    assert _number_flags("Ramipril, Tabs 5 mg once daily [1].", passages) == []


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Ramipril, Tabs 10 mg", [("ramipril", "10", "mg")]),
        ("Ramipril; Ratiopharm 10 mg", [("ramipril", "10", "mg")]),
        # An unlisted drug keeps its dose (left48b).
        ("Ramipril 2,5 mg und Xyzolin 5 mg", [("ramipril", "2.5", "mg")]),
        ("Quetiapine 100 mg, Priadel 800 mg", [("quetiapine", "100", "mg")]),
    ],
)
def test_the_dose_after_a_form_is_the_drugs(text: str, pairs: list[tuple[str, str, str]]) -> None:
    assert [pair for pair, _ in dose_pairs(text, default_lexicon())] == pairs


# --- R4. A label naming any sample carries its tests ---------------------------------------


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Pleural fluid: turbid. Lactate 4.1 mmol/L.", ("turbid.", "Lactate 4.1 mmol/L.")),
        ("Urine: spot sample. Chloride 15 mmol/L.", ("spot sample.", "Chloride 15 mmol/L.")),
        ("Dialysate: cloudy. WBC 300 per mm3.", ("cloudy.", "WBC 300 per mm3.")),
        ("Drain fluid: milky. Triglycerides 12 mmol/L.", ("milky.", "Triglycerides 12 mmol/L.")),
        ("BAL: bloody. Neutrophils 40%.", ("bloody.", "Neutrophils 40%.")),
        ("Bile: green. Amylase 900 U/L.", ("green.", "Amylase 900 U/L.")),
    ],
)
def test_a_samples_label_carries_any_test(text: str, rows: tuple[str, ...]) -> None:
    assert report_sections(text) == [Section(text.split(":")[0], rows)]


def test_the_pleural_fluid_lactate_is_found() -> None:
    text = "Pleural tap 03/03/2026. Pleural fluid: turbid. Lactate 4.1 mmol/L. Glucose 1.5 mmol/L."
    assert term_finder("What was the pleural fluid lactate?")(text)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # A finding's label, not a sample's, ends at a laboratory test (left48b).
        ("Ascites: moderate on US. Albumin 28 g/L", ("moderate on US.",)),
        ("Fluid balance: positive 2 L. Sodium 131 mmol/L.", ("positive 2 L.",)),
        # A sentence naming another sample ends the section (review47 R5).
        ("Pleural fluid: turbid. Serum LDH 300 U/L.", ("turbid.",)),
        ("Urine: dilute. Dialysate glucose 5 mmol/L.", ("dilute.",)),
    ],
)
def test_a_finding_or_another_sample_still_ends_the_reach(text: str, rows: tuple[str, ...]) -> None:
    (section,) = report_sections(text)
    assert section.rows == rows


# --- R5. A list stays a list beside a passage's decimal comma ------------------------------


@pytest.mark.parametrize(
    ("passage", "answer"),
    [
        (
            "Lorazepam 1,5 mg given overnight. Antibiotics given on days 1 and 2.",
            "Antibiotics were given on days 1,2 [1].",
        ),
        (
            "Lorazepam 1,5 mg given overnight. L1 and L2 fractured, ribs 4 and 5 fractured.",
            "Ribs 4,5 were fractured [1].",
        ),
        (
            "Letter: Hb 12,1 g/dL. CT shows nodules of 1 and 2 cm in segments 6 and 7.",
            "Nodules in segments 6,7 of 1 and 2 cm [1].",
        ),
    ],
)
def test_a_list_after_a_counted_noun_stays_a_list(passage: str, answer: str) -> None:
    assert _number_flags(answer, {1: passage}) == []


def test_the_answers_own_point_decimals_keep_its_lists() -> None:
    passage = "Lorazepam 1,5 mg, warfarin 2,5 mg. Doses 1 and 2 given; Hb 11.5 g/dL."
    assert _number_flags("Doses 1,2 were given; Hb 11.5 g/dL [1].", {1: passage}) == []


def test_the_habit_is_the_cited_passages_majority() -> None:
    passage = "Hb 12,1 g/dL. Creatinine 1.3 mg/dL, potassium 4.5 mmol/L, INR 2.8. Doses 1 and 2."
    assert _number_flags("Doses 1,2 of the antibiotic were given [1].", {1: passage}) == []


@pytest.mark.parametrize(
    ("answer", "flags"),
    [
        # A passage that writes its decimals with commas still lends its habit (left48b).
        ("INR 2,8 and hemoglobin 11,5 g/dL [1].", []),
        ("INR 2,3 and hemoglobin 11,5 g/dL [1].", ["2,3"]),
        ("The INR was 2,8 [1].", []),
    ],
)
def test_a_comma_habit_is_still_lent(answer: str, flags: list[str]) -> None:
    passage = "Analítica 03/03/2026: Plaquetas 150.000/mm3. Hemoglobina 11,5 g/dL. INR 2,8."
    assert _number_flags(answer, {1: passage}) == flags


def test_a_german_date_or_time_is_no_point_decimal() -> None:
    assert decimal_marks("Aufnahme am 03.04. um 14.30 Uhr, Kreatinin 1,2 mg/dl") == (1, 0)
    assert decimal_marks("03.04.2025: INR 2.8. Hb 11.5 g/dL") == (0, 2)
    passage = "Aufnahme am 03.04.: Kreatinin 1,2 mg/dl, INR 2,8."
    assert _number_flags("INR 2,8 [1].", {1: passage}) == []
