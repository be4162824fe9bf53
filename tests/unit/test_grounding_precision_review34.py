"""Review 34 of grounding round 9 (/work/notes/review34.md): the round's readings narrowed where a
wrong sentence passed or a good one was flagged. Each test gives the reviewer's case and a second
wording of its own; the round's own cases stay in test_grounding_precision_round9.py."""

from __future__ import annotations

import time
from collections.abc import Callable

from medlocal.rag.frequency import frequencies
from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- 1. a length of time between clock times: one end is the sentence's ------------------------

_ED = (
    "Emergency department note: patient arrival 08:10. Obs 08:40: BP 130/80. Bloods sent 09:15."
    " CT head requested. Seen by registrar 10:00."
)


def test_a_gap_between_two_other_events_is_no_time_after_arrival() -> None:
    # 08:40 -> 09:15 is 35 minutes, but neither end is the arrival the sentence counts from.
    assert "unverified_number" in kinds(
        "The CT head was done 35 minutes after arrival in the emergency department [1].", _ED
    )
    # Two ends the sentence names: arrival (08:10) and the registrar (10:00), not 08:40.
    assert "unverified_number" in kinds(
        "She waited 1 hour and 20 minutes to be seen by the registrar after arrival [1].", _ED
    )
    assert (
        kinds("Bloods were sent 65 minutes after arrival in the emergency department [1].", _ED)
        == []
    )
    assert (
        kinds(
            "She waited 1 hour and 50 minutes to be seen by the registrar after arrival [1].", _ED
        )
        == []
    )


def test_the_times_of_two_doses_are_no_length_of_an_infusion() -> None:
    chart = "Medication chart: IV paracetamol 1 g at 06:00 and 12:00. Morphine 2 mg IV at 06:30."
    assert "unverified_number" in kinds("The IV paracetamol infusion ran over 6 hours [1].", chart)
    assert "unverified_number" in kinds(
        "The IV paracetamol infusion ran over 30 minutes [1].", chart
    )


def test_a_clock_time_the_sentence_gives_is_one_end() -> None:
    stroke = "Stroke pathway: last known well 09:40. Door 10:20. CT 10:31. Alteplase bolus 11:04."
    assert (
        kinds("Alteplase was given at 11:04, 84 minutes after she was last known well [1].", stroke)
        == []
    )
    # 10:20 -> 10:31 is 11 minutes, neither end the alteplase the sentence times.
    assert "unverified_number" in kinds(
        "Alteplase was given at 11:04, 11 minutes after she was last known well [1].", stroke
    )


# --- 2. days between two dates: the count's own "from A to B" --------------------------------


def test_days_between_two_dates_only_for_the_count_s_own_span() -> None:
    note = "Amoxicillin started 3 March 2025 for a 5 day course. Clinic review 10 March 2025."
    for wrong in ("a 7-day course", "an 8-day course"):
        assert "unverified_number" in kinds(
            f"Amoxicillin was started on 3 March 2025 as {wrong}, with clinic review on 10 March"
            " 2025 [1].",
            note,
        )
    assert (
        kinds(
            "Amoxicillin was started on 3 March 2025 as a 5-day course, with clinic review on 10"
            " March 2025 [1].",
            note,
        )
        == []
    )


def test_a_day_more_than_the_span_only_when_both_days_count() -> None:
    stay = "She was in hospital: admitted 3 March 2025, discharged 10 March 2025."
    assert kinds("She was in hospital for 7 days, from 3 March to 10 March 2025 [1].", stay) == []
    assert "unverified_number" in kinds(
        "She was in hospital for 8 days, from 3 March to 10 March 2025 [1].", stay
    )
    assert (
        kinds("She was in hospital for 8 days, from 3 March to 10 March 2025 inclusive [1].", stay)
        == []
    )


# --- 3. a blood pressure's side: the posture agrees too ---------------------------------------


def test_the_systolic_side_of_a_reading_in_another_posture() -> None:
    postural = "Postural BP: sitting 162/88, standing 134/80. Heart rate 92."
    assert "unverified_number" in kinds(
        "Her systolic pressure was 134 sitting and 162 standing [1].", postural
    )
    assert "unverified_number" in kinds("Her diastolic pressure was 80 sitting [1].", postural)
    assert kinds("Her diastolic pressure was 88 sitting [1].", postural) == []
    lying = "Lying BP 148/84; standing BP 118/70 after 3 minutes."
    assert kinds("His systolic pressure was 118 standing [1].", lying) == []
    assert "unverified_number" in kinds("His systolic pressure was 118 lying [1].", lying)


# --- 4. a converted temperature rounded to the places the sentence writes -------------------


def test_a_trailing_zero_is_a_place_of_a_converted_temperature() -> None:
    chart = "Temp chart: 100.9 °F at 06:00."  # 38.28 °C
    assert "unverified_number" in kinds("Her temperature was 38.0 °C at 06:00 [1].", chart)
    assert kinds("Her temperature was 38.3 °C at 06:00 [1].", chart) == []
    celsius = "Obs: T 37.04 °C."  # 98.672 °F
    assert "unverified_number" in kinds("His temperature was 99.0 °F [1].", celsius)
    assert "unverified_number" not in kinds("His temperature was 98.7 °F [1].", celsius)


# --- 5. "normal:" after a finding is no reference label --------------------------------------


def test_a_finding_called_normal_before_a_colon_labels_no_reference_range() -> None:
    echo = "Echo: LV systolic function normal: EF 55-60%. RV normal."
    assert kinds("Her ejection fraction was 55-60% [1].", echo) == []
    film = "Blood film normal: white cell count 4-6 on repeat film, no blasts."
    assert kinds("Her white cell count was 4-6 on the repeat film [1].", film) == []


# --- 6. "OM" is once every morning only after a dose ------------------------------------------


def test_om_after_acute_or_for_is_otitis_media() -> None:
    note = "Medications: amoxicillin 500 mg TDS for 5 days. Diagnosis: acute OM, left ear."
    assert kinds("Amoxicillin 500 mg TDS was started for acute OM [1].", note) == []
    assert (
        kinds(
            "She was given amoxicillin 500 mg three times a day for acute OM of the left ear [1].",
            note,
        )
        == []
    )
    history = "Plan: start amoxicillin 500 mg TDS. PMH: recurrent OM as a child."
    assert (
        kinds("She started amoxicillin 500 mg TDS; she had recurrent OM as a child [1].", history)
        == []
    )
    assert [f.raw for f in frequencies("chronic OM with effusion")] == []
    assert [f.raw for f in frequencies("Amlodipine 5 mg OM; 1 tab OM")] == ["OM", "OM"]


# --- 7. her GP: a doctor of the same practice -------------------------------------------------


def test_a_doctor_the_passage_ties_to_the_practice_may_be_her_gp() -> None:
    seen = "Registered GP: Dr Alan Reid. Seen at the practice today by Dr Fiona MacLeod."
    assert "wrong_role" not in kinds("She was seen by her GP, Dr Fiona MacLeod [1].", seen)
    listed = "GPs: Dr Alan Reid (named GP). Also seen by Dr Fiona MacLeod at the same practice."
    assert "wrong_role" not in kinds("Her GP is Dr Fiona MacLeod [1].", listed)
    surgery = "GP: Dr Alan Reid. Dr Fiona MacLeod reviewed her at Hillside Surgery today."
    assert "wrong_role" not in kinds("Her GP is Dr Fiona MacLeod [1].", surgery)
    # Without the practice the claim is still flagged.
    plain = "GP: Dr Alan Reid. Dr Fiona MacLeod reviewed her today."
    assert "wrong_role" in kinds("Her GP is Dr Fiona MacLeod [1].", plain)


# --- 8. a year in words ----------------------------------------------------------------------


def test_a_teen_word_before_a_tens_word_is_a_year() -> None:
    assert extract_values("diagnosed in nineteen ninety-five") == []
    assert extract_values("since the nineteen nineties") == []
    assert "unverified_number" not in kinds(
        "He was diagnosed in nineteen ninety-five [1].", "T2DM diagnosed 1995."
    )
    assert "unverified_number" not in kinds(
        "She has had asthma since the nineteen eighties [1].", "Asthma since childhood (1980s)."
    )
    assert [(v.canonical, v.unit) for v in extract_values("for fourteen days")] == [("14", "day")]


# --- 9. a table's column units read once per passage ---------------------------------------


def _cpu(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def test_a_long_table_set_out_with_spaces_is_read_in_linear_time() -> None:
    """Twice the rows take well under four times as long (the round 9 reading was cubic)."""

    def table(rows: int) -> dict[int, str]:
        return {1: "Agent MIC (mg/L) Result\n" + "Gent     5     S\n" * rows, 2: "Short note."}

    sentence = "Her ferritin was 5 mg/L [1]."
    ground(sentence, table(10))  # word lists and patterns load once
    one = min(_cpu(lambda: ground(sentence, table(300))) for _ in range(3))
    two = min(_cpu(lambda: ground(sentence, table(600))) for _ in range(3))
    assert two < 3.0 * one + 0.2


def test_a_date_the_sentence_gives_or_a_triage_time_names_an_end() -> None:
    record = "Transfusion record: unit 1 (no. 25-0441): started 11/03/2025 14:10, completed 17:25."
    assert "unverified_number" not in kinds(
        "The first unit ran for 3 hours and 15 minutes on 11 March 2025 [1].", record
    )
    passages = ("ED TRIAGE - 11/08/2025 21:47. Arrived by ambulance.", "ECG 21:50: sinus rhythm.")
    assert "unverified_number" not in kinds(
        "His ECG was recorded 3 minutes after he arrived [1][2].", *passages
    )
    assert "unverified_number" in kinds(
        "His ECG was recorded 8 minutes after he arrived [1][2].", *passages
    )
