"""Review 33 of grounding round 8 (/work/notes/review33.md): six ways a wrong sentence escaped
and two false alarms. Each test holds the review's repro and another wording of its own."""

from __future__ import annotations

from medlocal.rag.grounding import ground


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


def roles(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.message for f in result.flags if f.kind == "wrong_role"]


# 1. A condition of another clause does not make the sentence's drug hypothetical.


def test_a_condition_in_another_clause_keeps_the_hypothetical_check() -> None:
    plan = "Plan: consider starting apixaban if AF is confirmed on Holter monitoring."
    assert "hypothetical_conflict" in kinds(
        "Apixaban was started, to be stopped if she bleeds [1].", plan
    )
    statin = "Discuss starting atorvastatin at next visit if LDL remains above target."
    assert "hypothetical_conflict" in kinds(
        "Atorvastatin was started; the dose will be reviewed if she gets muscle pain [1].", statin
    )
    # The drug inside the condition's clause, or in a clause given as planned: no flag.
    assert "hypothetical_conflict" not in kinds(
        "She will have a Holter monitor, and apixaban is planned if AF is confirmed [1].", plan
    )


# 2. "80 mg/12 h" is a dose and its interval, not a strength.


def test_a_dose_per_hours_keeps_its_place_in_the_order() -> None:
    plan = "Enoxaparin 80 mg/12 h for 5 days, then 40 mg/24 h until review."
    assert "unverified_number" in kinds(
        "Enoxaparin 40 mg/12 h for 5 days, then 80 mg/24 h [1].", plan
    )
    assert kinds("Enoxaparin 80 mg/12 h for 5 days, then 40 mg/24 h [1].", plan) == []
    gent = "Gentamicin 320 mg/24 h on day 1, then 240 mg/24 h."
    assert "unverified_number" in kinds(
        "Gentamicin 240 mg/24 h on day 1, then 320 mg/24 h [1].", gent
    )
    # A strength (a volume below the line) is still no dose in the order.
    syrup = "Oramorph 10 mg/5 mL: give 5 mg, then 2.5 mg if needed."
    assert "unverified_number" not in kinds("Oramorph 5 mg, then 2.5 mg if needed [1].", syrup)


# 3. Two numbers set apart by a space are one only as a thousands group.


def test_a_counted_label_s_number_is_no_thousands_group() -> None:
    chart = "Fluid chart: Day 1 250 mL oral intake. Day 2 900 mL."
    assert "unverified_number" in kinds("He drank 1,250 mL of fluid on day 1 [1].", chart)
    beds = "Ward list: Bed 2 400 mL urine since 06:00; bed 3 catheter out."
    assert "unverified_number" in kinds("His urine output was 2,400 mL [1].", beds)
    # The number followed by another unit than the sentence's is no thousands group of it.
    dose = "Amiodarone 1 240 mg total given. Urine output 980 mL."
    assert "unverified_number" in kinds("Her urine output was 1,240 mL [1].", dose)
    # Round 8's table cell still reads as one number.
    table = "Date | Platelets (x10^9/L) | CRP\n2025/04/02 | 15 300 | 12"
    assert "unverified_number" not in kinds("Her count was 15,300 on 2 April 2025 [1].", table)


# 4. "3/12" after "in" is three months, no 3 December.


def test_months_and_weeks_as_fractions_are_no_day_and_month() -> None:
    clinic = "Clinic 14/03/2026. Review in 3/12 with bloods."
    assert "unverified_number" in kinds("Her review is on 3 December [1].", clinic)
    assert "unverified_number" in kinds("Her review is on 3 December 2026 [1].", clinic)
    course = "Seen 02/05/2026. Prednisolone for 5/7, then stop."
    assert "unverified_number" in kinds("She was seen again on 5 July [1].", course)
    # A day and month as such still confirm the date.
    ward = "Handover 21/03/2026. Cannula re-sited 19/03."
    assert kinds("His cannula was re-sited on 19 March [1].", ward) == []


# 5. A column's unit holds only for the row of the sentence's date.


def test_a_column_unit_holds_for_the_row_of_the_sentence_s_date() -> None:
    log = "Date | Weight (kg) | Fluid removed (L)\n03/02/26 | 81.2 | 2.6\n05/02/26 | 80.4 | 1.9"
    # Flagged as absent, or (since ground61 reads a "|" table as a table) as the other row's.
    wrong_day = {"unverified_number", "misattributed_value"}
    assert wrong_day & set(kinds("On 3 February 2026 1.9 litres of fluid were removed [1].", log))
    assert wrong_day & set(kinds("On 5 February 2.6 litres were removed [1].", log))
    assert kinds("On 5 February 2026 1.9 litres of fluid were removed [1].", log) == []
    assert kinds("On 3 February her weight was 81.2 kg [1].", log) == []


# 6. A rate per kilogram times the body weight, not any kilograms.


def test_a_rate_per_kilogram_is_multiplied_by_the_body_weight_only() -> None:
    icu = "Noradrenaline 0.1 mcg/kg/min. Weight 80 kg, lost 5 kg."
    assert "unverified_number" in kinds("Noradrenaline runs at 0.5 micrograms per minute [1].", icu)
    assert kinds("Noradrenaline runs at 8 micrograms per minute [1].", icu) == []
    ward = "Weight 70 kg (was 76 kg). Enoxaparin 1.5 mg/kg once daily."
    assert "unverified_number" in kinds("Enoxaparin 114 mg once daily [1].", ward)
    assert "unverified_number" not in kinds("Enoxaparin 105 mg once daily [1].", ward)
    child = "Paracetamol 15 mg/kg QDS. Wt 20 kg; birth weight 3 kg."
    assert "unverified_number" in kinds("Each paracetamol dose is 45 mg [1].", child)


# 7. A result written before "cut-off" or "threshold" with its own number is the result.


def test_a_result_before_a_cut_off_with_its_own_number_is_the_result() -> None:
    psa = "Urology clinic. PSA 5.2 ng/mL cut-off 4.0 ng/mL for age. Refer for MRI."
    assert kinds("Her PSA was 5.2 ng/mL [1].", psa) == []
    assert "misattributed_value" in kinds("The PSA cut-off used was 5.2 ng/mL [1].", psa)
    calpro = "Faecal calprotectin 180 ug/g threshold 100 ug/g; refer to gastroenterology."
    assert kinds("Her faecal calprotectin was 180 micrograms/g [1].", calpro) == []
    egfr = "eGFR 38 mL/min/1.73m2 threshold: 30 for referral."
    assert kinds("Her eGFR was 38 mL/min/1.73m2 [1].", egfr) == []
    assert "misattributed_value" in kinds("Her eGFR was 30 mL/min/1.73m2 [1].", egfr)


# 8. A role phrase's head; no role for a possessive, "for", "previous".

TEAM = "Clinic letter. Consultant: Dr Hugh Pemberton. Registrar: Dr Amy Cole. GP: Dr Priya Raman."


def test_a_role_phrase_is_read_by_its_head_and_asides_pair_no_role() -> None:
    assert roles("Dr Amy Cole is a GP registrar [1].", TEAM) == []
    assert roles("She was reviewed by Dr Amy Cole, GP registrar [1].", TEAM) == []
    assert roles("She was seen by Dr Amy Cole, the consultant's registrar [1].", TEAM) == []
    assert roles("The letter was signed by Dr Amy Cole (for the consultant) [1].", TEAM) == []
    assert roles("Dr Amy Cole, on behalf of the consultant, wrote to her [1].", TEAM) == []
    old = "Registered GP: Dr Sam Ong (previously Dr Ann Lowe, now consultant)."
    assert roles("Her previous GP was Dr Ann Lowe [1].", old) == []
    assert roles("Her former GP, Dr Ann Lowe, retired [1].", old) == []
    # Wrong roles are still flagged, a role phrase by its head.
    assert roles("Dr Amy Cole is her GP [1].", TEAM) == [
        "[1] names Dr Priya Raman as GP; Dr Amy Cole is the registrar"
    ]
    assert roles("Dr Priya Raman is the consultant's registrar [1].", TEAM) == [
        "[1] names Dr Amy Cole as registrar; Dr Priya Raman is the GP"
    ]
