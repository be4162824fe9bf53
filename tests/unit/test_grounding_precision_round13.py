"""Round 13 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): what a
competent model writes that heldout12 showed flagged. A stop the passage denies ("not
stopped"), the top of a score's scale ("6 out of 10"), a month the passage writes in figures,
an eye chart's shorthand ("IOP RE", "CCT"), the ends of a bracketed reference range named in
words, a time after "target", a count of days to a day the passage gives ("two days later"), a
day's ceiling worked from the dose ("at most 4 g a day") and a size written as two sides ("8 ×
6 mm"). Each test gives the correct sentence (no flag) and a wrong one beside it (still
flagged); passages and wordings of their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.grounding import ground


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


def test_a_drug_not_stopped_goes_on() -> None:
    note = "Colonoscopy 04/03/2025 with polypectomy. Clopidogrel 75 mg not stopped."
    good = "Her clopidogrel 75 mg was continued through the colonoscopy [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("75 mg", "150 mg"), note)


def test_the_top_of_a_score_s_scale_is_no_value_to_find() -> None:
    chart = (
        "Time        Pain (0-10)   Breakthrough\n"
        "03/04 2 a.m.   3             -\n"
        "03/04 6 a.m.   7             oxycodone 5 mg\n"
    )
    good = "At 6 a.m. on 3 April her pain reached 7 out of 10 and she was given oxycodone [1]."
    assert kinds(good, chart) == []
    assert "unverified_number" in kinds(good.replace("7 out of", "9 out of"), chart)


def test_a_month_the_chart_writes_in_figures_supports_its_name() -> None:
    table = "Date | Weight (kg)\n14.04.2025 | 81.2\n16.06.2025 | 78.9"
    good = "His weight fell from 81.2 kg in April to 78.9 kg by the middle of June [1]."
    assert kinds(good, table) == []
    assert "unverified_number" in kinds(good.replace("78.9", "76.9"), table)


def test_an_eye_chart_s_sides_and_measures_support_their_names() -> None:
    table = (
        "date | IOP RE (mmHg) | IOP LE (mmHg) | CCT RE (um) | CCT LE (um)\n"
        "02.05.2025 | 19 | 26 | 552 | 548"
    )
    assert (
        kinds("The pressure in her right eye was 19 mmHg and in her left 26 mmHg [1].", table) == []
    )
    assert kinds("Her central corneal thickness was 552 µm right and 548 µm left [1].", table) == []
    # Not outside an eye chart: "LE" is no left eye in a leg's note.
    assert "weak_support" in kinds(
        "Her left eye was swollen [1].", "LE oedema to the knee. RE: referral letter."
    )


def test_a_bracketed_range_s_ends_may_be_named_in_words() -> None:
    labs = "TSH: 5.1 mU/L [0.4-4.8] H\nFree T4: 13 pmol/L [9-19]"
    good = "Her TSH of 5.1 mU/L is just above the upper limit of 4.8 [1]."
    assert kinds(good, labs) == []
    assert "unverified_number" in kinds(good.replace("5.1", "5.7"), labs)


def test_a_time_after_target_is_no_limit() -> None:
    plan = "If HbA1c still above target 12 weeks after starting, add gliclazide."
    good = "Gliclazide would be added if her HbA1c is above target twelve weeks after starting [1]."
    assert kinds(good, plan) == []


def test_days_later_count_to_a_day_the_passage_gives() -> None:
    note = "Fall 03/02/2025: right neck of femur fracture. Hemiarthroplasty 05/02/2025."
    good = "He fractured his hip on 3 February 2025 and had a hemiarthroplasty two days later [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("two days", "four days"), note)


def test_a_day_s_ceiling_worked_from_the_dose_and_regimen() -> None:
    note = "Ibuprofen 400 mg up to three times daily with food."
    good = "He can take ibuprofen 400 mg up to three times a day, at most 1.2 g a day [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("1.2 g", "1.6 g"), note)


def test_a_size_written_as_two_sides_takes_its_unit_once() -> None:
    table = "lesion;site;size_mm\nB;left calf;7 x 5;grown from 5 x 5"
    good = "The lesion on her left calf has grown from 5 × 5 mm to 7 × 5 mm [1]."
    assert kinds(good, table) == []
    assert "unverified_number" in kinds(good.replace("7 × 5", "9 × 5"), table)


def test_a_result_converted_to_the_other_lab_unit_beside_it() -> None:
    lipids = "Total cholesterol 232 mg/dL\nTriglycerides 140 mg/dL"
    good = "His total cholesterol was 232 mg/dL, about 6.0 mmol/L [1]."
    assert kinds(good, lipids) == []
    assert "unverified_number" in kinds(good.replace("6.0 mmol/L", "6.8 mmol/L"), lipids)
    # Only for the measure the factor is of: a creatinine converted with glucose's is wrong.
    renal = "Creatinine 150 umol/L"
    assert "unverified_number" in kinds(
        "Her creatinine was 150 umol/L, about 8.3 mg/dL [1].", renal
    )
    assert kinds("Her creatinine was 150 umol/L, about 1.7 mg/dL [1].", renal) == []
