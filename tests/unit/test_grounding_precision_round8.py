"""Round 8 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md) and walk
33's misses. Each test gives a correct sentence a competent model writes (no flag) and, where
the reading could hide one, the wrong one beside it (still flagged); passages and wordings of
their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- dates and numbers as other records write them --------------------------------------------


def test_a_date_written_year_first_with_slashes_is_a_date() -> None:
    found = extract_values("Started 2019/11/04; next review 2027/05.")
    assert [(v.kind, v.canonical) for v in found] == [
        ("date", "2019-11-04"),
        ("date", "2027-05"),
    ]
    passage = "Clinic card. Insulin glargine started 2019/11/04. Next review 2027/05."
    assert kinds("She started insulin glargine on 4 November 2019 [1].", passage) == []
    assert kinds("Her next review is due in May 2027 [1].", passage) == []
    assert "unverified_number" in kinds(
        "She started insulin glargine on 14 November 2019 [1].", passage
    )


def test_a_day_and_month_without_a_year_confirm_the_same_day_and_month() -> None:
    passage = "Handover 09:00 21/03/2026. Cannula re-sited 19/03. Blood cultures taken 20/3."
    assert kinds("His cannula was re-sited on 19 March [1].", passage) == []
    assert kinds("Blood cultures were taken on March 20 [1].", passage) == []
    assert "unverified_number" in kinds("His cannula was re-sited on 18 March [1].", passage)


def test_thousands_set_apart_by_a_space_are_one_number() -> None:
    passage = "Date | Platelets (x10^9/L) | CRP\n2025/04/02 | 15 300 | 12"
    assert extract_values("15 300")[0].canonical == "15"  # still two numbers when read alone
    assert "unverified_number" not in kinds("Her count was 15,300 on 2 April 2025 [1].", passage)
    assert "unverified_number" in kinds("Her count was 15,400 on 2 April 2025 [1].", passage)


# --- a table's unit in a cell of its own -------------------------------------------------------


def test_a_unit_before_a_row_s_values_is_their_unit() -> None:
    # Walk 33: a cumulative report writes the unit once, between the test and its values.
    report = (
        "CUMULATIVE REPORT Test Units 12/01/2026 09/03/2026 16/03/2026 Ref\n"
        "HbA1c  mmol/mol  58  62  -  59  <48\n"
        "ALT  U/L  22  35  28  24  0-40"
    )
    assert "unverified_number" not in kinds("Her HbA1c was 58 mmol/mol [1].", report)
    assert "unverified_number" in kinds("Her HbA1c was 57 mmol/mol [1].", report)
    # Another wording, a unit the row does not give: still flagged.
    lipids = "Lipids   mmol/L   4.9   4.1   3.8"
    assert "unverified_number" not in kinds("His cholesterol came down to 3.8 mmol/L [1].", lipids)
    assert kinds("His cholesterol came down to 3.8 mg/dL [1].", lipids) != []


def test_a_unit_atop_a_column_is_its_cells_unit() -> None:
    log = (
        "Date | Weight (kg) | Fluid removed (L) | Notes\n"
        "03/02/26 | 81.2 | 2.6 | -\n"
        "05/02/26 | 80.4 | 1.9 | cramp"
    )
    assert "unverified_number" not in kinds(
        "On 3 February 2026 2.6 litres of fluid were removed [1].", log
    )
    assert "unverified_number" in kinds(
        "On 3 February 2026 2.8 litres of fluid were removed [1].", log
    )
    # The other column's unit is not this one's.
    assert kinds("On 5 February 2026 he weighed 1.9 kg [1].", log) != []


# --- a list sentence cited item by item --------------------------------------------------------


def test_an_item_cited_to_a_passage_that_does_not_name_it_is_flagged() -> None:
    # Walk 33: a summary's list sentence, one invented diagnosis among three.
    passages = {
        2: "DIAGNOSES 1. Community-acquired pneumonia. 2. Type 2 diabetes mellitus. "
        "3. Hypertension. 4. Paroxysmal atrial fibrillation.",
        3: "Echo report. Indication: paroxysmal atrial fibrillation. LVEF 45%.",
        4: "FOLLOW-UP Cardiology outpatient echocardiogram requested for paroxysmal AF.",
    }
    walk = (
        "Paroxysmal atrial fibrillation, 10 [3], Hypertension, 5 [2], Paroxysmal ventricular"
        " tachycardia, 8 [4]"
    )
    flags = [f for f in ground(walk, passages).flags if f.kind == "weak_support"]
    assert len(flags) == 1
    assert "'Paroxysmal ventricular tachycardia, 8' cites [4]" in flags[0].message
    assert "'ventricular', 'tachycardia'" in flags[0].message
    # Another wording: items joined by "and", the invented one cited to the plan.
    mine = "She has hypertension [2], atrial fibrillation [3] and heart block [4]."
    assert "weak_support" in [f.kind for f in ground(mine, passages).flags]
    # Each item named in the passage it cites: no flag.
    right = (
        "She has hypertension [2], paroxysmal atrial fibrillation [3] and an echocardiogram"
        " has been requested [4]."
    )
    assert "weak_support" not in [f.kind for f in ground(right, passages).flags]


# --- a person named for a role the passage gives someone else ----------------------------------

DISCHARGE = (
    "Discharge Summary Patient: Eleanor Mary Whitcombe MRN: WH-448213 GP: Dr Priya Raman,"
    " Bishopsgate Surgery, 4 Station Parade, Harrogate Admitted: 02/03/2026 Discharged:"
    " 09/03/2026 Ward: Nidd Ward Consultant: Dr Hugh Pemberton"
)


def roles(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.message for f in result.flags if f.kind == "wrong_role"]


def test_a_person_named_for_a_role_the_passage_gives_someone_else_is_flagged() -> None:
    # Walk 33's wording.
    assert roles("Her GP is Dr. Hugh [1].", DISCHARGE) == [
        "[1] names Dr Priya Raman as GP; Dr Hugh Pemberton is the consultant"
    ]
    # Another wording: the role after the name, the other way round.
    assert roles("Dr P. Raman is her consultant [1].", DISCHARGE) == [
        "[1] names Dr Hugh Pemberton as consultant; Dr Priya Raman is the GP"
    ]
    letter = (
        "Clinic letter. Seen by Dr Fiona MacLeod, consultant endocrinologist. Copy to: Dr Sam"
        " O'Neill (GP). Diabetes specialist nurse: Ms Ann Lowe."
    )
    assert roles("Her diabetes nurse, Ms Fiona MacLeod, reviewed her [1].", letter) == [
        "[1] names Ms Ann Lowe as nurse; Dr Fiona MacLeod is the consultant endocrinologist"
    ]
    assert roles("She was seen by her GP, Dr MacLeod, in clinic [1].", letter) == [
        "[1] names Dr Sam O'Neill as GP; Dr Fiona MacLeod is the consultant endocrinologist"
    ]


def test_no_role_flag_where_the_passage_gives_that_person_that_role_or_none() -> None:
    assert roles("Her GP is Dr Priya Raman [1].", DISCHARGE) == []
    assert roles("Dr Hugh Pemberton is her consultant [1].", DISCHARGE) == []
    # A person the passage gives no role: nothing to compare.
    assert roles("Her GP is Dr Smith [1].", DISCHARGE) == []
    both = "Dr Ann Lowe, GP and practice nurse lead. Nurse: Ms Kay Bell. GP: Dr Ann Lowe."
    assert roles("Her nurse is Dr Ann Lowe [1].", both) == []
    # A comma that ends a clause pairs no role with the name after it.
    assert roles("After seeing her GP, Dr Hugh reviewed her [1].", DISCHARGE) == []


# --- the order of one drug's doses --------------------------------------------------------------


def test_a_dose_and_its_volume_or_strength_are_not_two_doses_in_an_order() -> None:
    chart = (
        "Morphine 10 mg in 10 mL (1 mg/mL): 3 mL/h = 3 mg/h.\n"
        "Cefalexin oral susp 125 mg/5 mL: 25 mg/kg BD = 450 mg (18 mL) BD."
    )
    assert (
        kinds("Morphine runs at 3 mg/h, that is 3 mL/h of the 1 mg/mL solution [1].", chart) == []
    )
    assert kinds("Each cefalexin dose is 18 mL of the 125 mg/5 mL suspension [1].", chart) == []
    # Two doses of one unit in the wrong order are still flagged.
    plan = "Prednisolone 40 mg daily for 5 days, then 20 mg daily for 5 days."
    assert "unverified_number" in kinds(
        "She takes prednisolone 20 mg daily for 5 days, then 40 mg daily [1].", plan
    )


# --- a rate per kilogram times the weight -------------------------------------------------------


def test_a_rate_per_kilogram_times_the_weight_is_accepted_only_when_exact() -> None:
    chart = "Infusion chart. Wt 62 kg. Dobutamine 250 mg in 50 mL: 5 mcg/kg/min."
    assert kinds("That dobutamine rate is 310 micrograms per minute [1].", chart) == []
    assert "unverified_number" in kinds(
        "That dobutamine rate is 320 micrograms per minute [1].", chart
    )
    drug_chart = "Weight 20 kg. Paracetamol 15 mg/kg QDS."
    assert "unverified_number" not in kinds("Each paracetamol dose is 300 mg [1].", drug_chart)
    assert "unverified_number" in kinds("Each paracetamol dose is 350 mg [1].", drug_chart)


# --- a temperature with its letter alone; a limit named a cut-off -------------------------------


def test_a_temperature_written_with_its_letter_alone_is_the_temperature() -> None:
    obs = "Triage 14:10. Obs: T 39.2 C, P 124, BP 100/60, sats 95% RA."
    assert kinds("On arrival his temperature was 39.2 °C [1].", obs) == []
    assert "unverified_number" in kinds("On arrival his temperature was 39.4 °C [1].", obs)


def test_a_number_named_a_cut_off_is_a_limit() -> None:
    lab = "Random glucose 11.4 mmol/L (ref < 7.8) H Ferritin 12 ug/L (ref 15-200) L"
    assert kinds("Her random glucose was 11.4 mmol/L, above the 7.8 cut-off [1].", lab) == []
    assert (
        kinds("Her random glucose of 11.4 mmol/L was above the 7.8 mmol/L threshold [1].", lab)
        == []
    )
    # A result is still no limit, nor a limit a result.
    assert "misattributed_value" in kinds("Her random glucose was 7.8 mmol/L [1].", lab)
    screen = "1-hour glucose challenge 162 mg/dL (>=140 abnormal) on 03/12/2025."
    assert kinds("Her glucose challenge was 162 mg/dL, above the 140 cutoff [1].", screen) == []


# --- a sentence with a condition of its own -----------------------------------------------------


def test_a_sentence_with_a_condition_of_its_own_states_nothing_as_done() -> None:
    plan = (
        "Plan: start allopurinol 100 mg daily, increase to 200 mg daily after 2 weeks if"
        " urate > 360."
    )
    assert "hypothetical_conflict" not in kinds(
        "Allopurinol 100 mg daily is to start, going up to 200 mg daily after two weeks if his"
        " urate stays above 360 [1].",
        plan,
    )
    chemo = "Plan: proceed with cycle 3 on 02/10/2026 if neutrophils > 1.5."
    assert "hypothetical_conflict" not in kinds(
        "Cycle 3 is booked for 2 October 2026 provided her neutrophils are above 1.5 [1].", chemo
    )
    # Stated as done, without a condition: still flagged.
    assert "hypothetical_conflict" in kinds(
        "Her allopurinol was increased to 200 mg daily [1].", plan
    )
