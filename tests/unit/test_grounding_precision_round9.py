"""Round 9 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): numbers
a competent model writes that the passages give in another form (a lab system's column dates, a
table's unit in a cell of its own, g/dL for g/L, °C for °F, the systolic side of a blood
pressure) or that it works out exactly (the time between two clock times). Each test gives the
correct sentence (no flag) and a wrong one beside it (still flagged); passages and wordings of
their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- a lab system's column dates ----------------------------------------------------------------


def test_a_month_name_between_hyphens_is_a_date() -> None:
    found = extract_values("Results  05-Sep-24   Nov-24   Feb-2025")
    assert [(v.kind, v.canonical) for v in found] == [
        ("date", "2024-09-05"),
        ("date", "2024-11"),
        ("date", "2025-02"),
    ]
    table = (
        "Renal results       Sep-24   Nov-24   Feb-25\nCreatinine  umol/L  142      150      161"
    )
    assert kinds("His creatinine rose from 142 umol/L in September 2024 [1].", table) == []
    assert "unverified_number" in kinds("His creatinine was 142 umol/L in October 2024 [1].", table)


# --- a table's unit in a cell of its own ---------------------------------------------------------


def test_a_unit_in_brackets_before_a_row_s_values_is_their_unit() -> None:
    table = (
        "Spirometry\n              Pre     Post\nFVC (L)       2.60    2.71\nFEV1/FVC %    61    63"
    )
    assert kinds("Her FVC was 2.71 L after the bronchodilator [1].", table) == []
    assert "unverified_number" in kinds("Her FVC was 2.81 L after the bronchodilator [1].", table)


def test_a_row_s_unit_holds_for_thousands_written_with_a_comma() -> None:
    table = "Muscle enzymes\nCK          U/L      2,450   (25-200)"
    assert kinds("His CK was raised at 2,450 U/L [1].", table) == []
    assert kinds("His CK was raised at 2,540 U/L [1].", table) != []


def test_a_row_s_unit_per_day_is_a_sentence_s_unit_a_day() -> None:
    table = "Steroid taper\nPrednisolone   mg/day   40   30   20"
    assert kinds("Her prednisolone came down to 20 mg a day [1].", table) == []
    assert kinds("Her prednisolone came down to 25 mg a day [1].", table) != []


def test_a_unit_atop_a_column_set_out_with_spaces_is_its_cells_unit() -> None:
    report = (
        "SENSITIVITIES\n"
        "Agent          MIC (mg/L)   Result\n"
        "Gentamicin     <=1          S\n"
        "Amoxicillin    >=32         R"
    )
    assert kinds("The gentamicin MIC was 1 mg/L or less [1].", report) == []
    assert kinds("The gentamicin MIC was 2 mg/L or less [1].", report) != []


# --- exact conversions ---------------------------------------------------------------------------


def test_grams_per_decilitre_are_ten_times_grams_per_litre() -> None:
    passage = "Admission bloods: Hb 7.2 g/dL, MCV 64 fL."
    assert kinds("Her haemoglobin was 72 g/L on admission [1].", passage) == []
    assert "unverified_number" in kinds("Her haemoglobin was 62 g/L on admission [1].", passage)


def test_a_temperature_in_the_other_scale_rounded_as_written() -> None:
    passage = "Obs 22:00: Temp 39.2 °C, HR 118."
    assert kinds("His temperature was 39.2 °C, about 102.6 °F [1].", passage) == []
    assert kinds("His temperature was about 103 °F [1].", passage) == []
    assert "unverified_number" in kinds("His temperature was about 103.6 °F [1].", passage)
    fahrenheit = "Triage: T 100.4 °F, HR 96."
    assert kinds("Her temperature was 38.0 °C at triage [1].", fahrenheit) == []
    assert "unverified_number" in kinds("Her temperature was 38.4 °C at triage [1].", fahrenheit)


def test_the_systolic_side_of_a_blood_pressure() -> None:
    passage = "Postural BP: sitting 162/88, standing 134/80."
    assert kinds("Her systolic pressure fell from 162 sitting to 134 standing [1].", passage) == []
    assert kinds("Her diastolic pressure was 88 sitting [1].", passage) == []
    assert "unverified_number" in kinds("Her systolic pressure was 88 sitting [1].", passage)


# --- time worked out from clock times ------------------------------------------------------------


def test_a_length_of_time_between_two_clock_times_of_the_passages() -> None:
    passages = ("Arrival 14:05. Triage complete.", "CT head 14:31: no bleed.")
    assert kinds("The CT head was done 26 minutes after arrival [1][2].", *passages) == []
    assert "unverified_number" in kinds(
        "The CT head was done 36 minutes after arrival [1][2].", *passages
    )


def test_hours_and_minutes_written_together_are_one_length() -> None:
    assert [(v.canonical, v.unit) for v in extract_values("fifteen minutes")] == [("15", "min")]
    passage = "Platelets: started 09:20, completed 11:05. No reaction."
    assert kinds("The platelets ran for 1 hour and 45 minutes [1].", passage) == []
    assert "unverified_number" in kinds(
        "The platelets ran for 2 hours and 45 minutes [1].", passage
    )


# --- a value's time point or side written after it -----------------------------------------------


def test_hours_after_a_start_written_after_the_value() -> None:
    passage = "GCS on arrival 9. Extubated. GCS at 6 h: 14."
    assert kinds("His GCS was 9 on arrival and had risen to 14 at 6 hours [1].", passage) == []
    assert "misattributed_value" in kinds(
        "His GCS was 9 on arrival and had risen to 14 at 12 hours [1].", passage
    )


def test_a_side_written_after_the_value_in_prose() -> None:
    passage = "Grip strength: right grip 32 kg. Left grip 18 kg."
    assert kinds("Her grip was 32 kg on the right but only 18 kg on the left [1].", passage) == []
    assert "misattributed_value" in kinds(
        "Her grip was 32 kg on the left but only 18 kg on the right [1].", passage
    )


# --- reference ranges listed under one label -----------------------------------------------------


def test_reference_ranges_listed_under_one_label_are_limits() -> None:
    report = (
        "Thyroid clinic 02/03/2025: TSH 9.6 mIU/L, FT4 8.9 pmol/L.\nRef: TSH 0.27-4.2; FT4 12-22"
    )
    assert (
        kinds(
            "Her free T4 was 8.9 pmol/L on 2 March 2025, below the reference range of 12-22 [1].",
            report,
        )
        == []
    )
    # A limit given as her result is no result.
    assert "misattributed_value" in kinds("Her TSH was 12 mIU/L on 2 March 2025 [1].", report)


# --- an interval in weeks or months written as an adjective -------------------------------------


def test_an_interval_of_months_written_as_an_adjective() -> None:
    passage = "Plan: renal ultrasound 6-monthly. Bloods 3-weekly while on chemo."
    assert kinds("He is to have a renal ultrasound every six months [1].", passage) == []
    assert kinds("He is to have a renal ultrasound every 12 months [1].", passage) != []


# --- a table's column dates over a row that sets its unit apart ---------------------------------


def test_a_value_of_another_column_s_date_is_still_flagged() -> None:
    table = (
        "Cumulative results\n"
        "                  Jan-25   Apr-25   Jul-25\n"
        "Albumin   g/L     31       -        36\n"
        "CRP       mg/L    48       12       6"
    )
    assert (
        kinds("Her albumin rose from 31 g/L in January 2025 to 36 g/L in July 2025 [1].", table)
        == []
    )
    assert kinds("Her albumin was 36 g/L in April 2025 [1].", table) != []
    assert kinds("Her CRP was 6 mg/L in April 2025 [1].", table) != []


def test_om_is_once_every_morning() -> None:
    passage = "Medications: losartan 50 mg OM; atorvastatin 20 mg ON."
    assert kinds("She takes losartan 50 mg once daily [1].", passage) == []
    assert kinds("She takes losartan 50 mg twice a day [1].", passage) != []


# --- a person named for the one GP the passage gives to someone else ----------------------------


def test_her_gp_named_for_someone_the_passage_names_without_a_role() -> None:
    letter = "Clinic letter 03/02/2025. GP: Dr Alan Reid. Dr Fiona MacLeod reviewed her today."
    assert "wrong_role" in kinds("Her GP is Dr Fiona MacLeod [1].", letter)
    assert "wrong_role" in kinds("Dr Fiona MacLeod is her GP [1].", letter)
    assert kinds("Her GP is Dr Alan Reid [1].", letter) == []
    # A role others share (several nurses, several consultants) is no such claim.
    ward = "Nurse: Sr Ann Boyd. Sr Mary Kerr gave the 18:00 dose."
    assert "wrong_role" not in kinds("Her nurse was Sr Mary Kerr [1].", ward)
    # A passage that names the person and gives GP to no one says nothing against it.
    assert kinds("Her GP is Dr Fiona MacLeod [1].", "Dr Fiona MacLeod reviewed her today.") == []


def test_a_doctor_s_social_title_in_brackets_and_a_resident_s_role() -> None:
    ward = "Ward round 04/03/2025. Consultant: Dr (Mrs) Ngozi Eze. Resident: Dr Tunde Bello."
    assert "wrong_role" in kinds("Her consultant is Dr Tunde Bello [1].", ward)
    assert kinds("Her consultant is Dr Ngozi Eze [1].", ward) == []


# --- days counted between the sentence's own dates, and a lung lobe's side ----------------------


def test_days_between_two_dates_the_sentence_gives() -> None:
    note = "Sick leave certificate: 3 Mar 2025 to 16 Mar 2025."
    assert kinds("She was on sick leave for 14 days, from 3 to 16 March 2025 [1].", note) == []
    assert (
        kinds("She was on sick leave for 13 days, from 3 March to 16 March 2025 [1].", note) == []
    )
    assert "unverified_number" in kinds(
        "She was on sick leave for 21 days, from 3 March to 16 March 2025 [1].", note
    )


def test_a_lung_lobe_s_abbreviation_names_its_side() -> None:
    report = "CXR 12/03/2025: new RUL consolidation. Sats 91% on air."
    assert kinds("The chest X-ray showed new right upper lobe consolidation [1].", report) == []
    assert "laterality_conflict" in kinds(
        "The chest X-ray showed new left upper lobe consolidation [1].", report
    )


def test_a_table_s_reference_column_holds_limits_not_results() -> None:
    table = (
        "Bloods        08/2024   10/2024   12/2024   Ref\n"
        "Albumin  g/L  29        31        33        35-50\n"
        "Sodium   mmol/L  130    132       134       135-145"
    )
    assert (
        kinds("Her albumin rose from 29 g/L in August 2024 to 33 g/L in December 2024 [1].", table)
        == []
    )
    assert "misattributed_value" in kinds("Her albumin was 35 g/L in December 2024 [1].", table)
