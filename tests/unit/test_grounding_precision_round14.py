"""Round 14 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): sides
and named limits first (review63g's strict xfails: a value stated for the other side passed, so
did a result placed on the wrong side of a limit the sentence names), then what heldout13
showed flagged in what a competent model writes: a count word read as a relative's ("two"
brothers), a relative who "also" has the patient's condition, and an hour written with its half
of the day ("9 p.m."). Each test gives the correct sentence (no flag) and a wrong one beside it
(still flagged); passages and wordings of their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


_EYES = (
    "Visit | Eye | IOP (mmHg) | CCT (um)\n03.03.2025 | RE | 21 | 538\n03.03.2025 | LE | 17 | 561"
)


def test_a_side_s_row_binds_its_values_to_that_side() -> None:
    right = "Her right eye pressure was 21 mmHg and her left 17 mmHg [1]."
    assert kinds(right, _EYES) == []
    assert "misattributed_value" in kinds(
        "Her right eye pressure was 17 mmHg and her left 21 mmHg [1].", _EYES
    )
    # Both sides in the passage's order, unnamed, and a side far from the value: no flag.
    assert kinds("Her eye pressures were 21 and 17 mmHg [1].", _EYES) == []
    assert kinds("In the right eye, treated with drops, the pressure was 21 mmHg [1].", _EYES) == []


def test_a_side_s_column_binds_its_values_to_that_side() -> None:
    table = "date,ABPI R,ABPI L\n2025-04-02,0.58,0.97"
    good = "Her ankle-brachial index was 0.58 on the right and 0.97 on the left [1]."
    assert kinds(good, table) == []
    assert "misattributed_value" in kinds(
        "Her ankle-brachial index was 0.97 on the right and 0.58 on the left [1].", table
    )


def test_a_side_letter_in_a_side_column_and_a_unit_before_the_side() -> None:
    study = (
        "Nerve | Side | Latency (ms) | Amplitude (mV)\n"
        "Median | R | 5.8 | 4.9\nMedian | L | 3.9 | 9.2"
    )
    good = "The median latency was 5.8 ms on the right and 3.9 ms on the left [1]."
    assert kinds(good, study) == []
    assert "misattributed_value" in kinds(
        "The median latency was 3.9 ms on the right and 5.8 ms on the left [1].", study
    )


def test_a_lab_flag_l_and_a_litre_are_no_side() -> None:
    # "L" is a side only in a side's column, or where headings name both sides by letter.
    labs = "Test,Result,Unit,Flag\nPotassium,3.1,mmol/L,L\nSodium,139,mmol/L,"
    assert {b.side for b in bind(labs)} == {None}
    spirometry = "date,FEV1 L,FVC L\n2025-01-10,2.1,3.0"
    assert {b.side for b in bind(spirometry)} == {None}
    assert kinds("On the right side of the form, her potassium is 3.1 mmol/L [1].", labs) == []


def test_a_side_word_in_another_clause_gives_no_value_a_side() -> None:
    # "right-sided chest pain" says where the pain is, not whose the pressure is: the value's
    # own clause names its side.
    sentence = "She has right-sided chest pain and her eye pressure on the left was 17 mmHg [1]."
    assert kinds(sentence, _EYES) == []
    assert "misattributed_value" in kinds(sentence.replace("17 mmHg", "21 mmHg"), _EYES)


def test_an_eye_chart_s_sides_in_prose() -> None:
    note = "Visual acuity 6/9 both eyes. IOP OD 14 mmHg, OS 18 mmHg after the injection."
    good = "After the injection the pressure was 14 mmHg on the right and 18 mmHg on the left [1]."
    assert kinds(good, note) == []
    assert "misattributed_value" in kinds(
        "After the injection the pressure was 18 mmHg on the right and 14 mmHg on the left [1].",
        note,
    )
    # Outside an eye chart "OD" is once daily, no side.
    assert kinds("She takes amlodipine 5 mg once daily [1].", "Amlodipine 5 mg OD.") == []


def test_a_result_on_the_wrong_side_of_the_limit_the_sentence_names() -> None:
    labs = "ALT: 96 U/L [7-40] H"
    good = "Her ALT of 96 U/L is well above the upper limit of 40 [1]."
    assert kinds(good, labs) == []
    assert "range_conflict" in kinds(good.replace("well above", "just below"), labs)
    assert "range_conflict" in kinds(
        "Her ALT of 96 U/L is below the upper limit of normal of 40 [1].", labs
    )
    # A multiple or a share of the limit is no result.
    assert "range_conflict" not in kinds(
        "Her ALT of 96 U/L is 2 times above the upper limit of 40 [1].", labs
    )
    assert "range_conflict" not in kinds(
        "Her ALT is 96 U/L, 20% above the upper limit of 80 [1].", labs
    )


def test_a_count_word_is_no_relative_s() -> None:
    note = (
        "Take levothyroxine 4 hours apart from calcium carbonate. "
        "Her mother and four sisters have hypothyroidism."
    )
    good = "She should take her levothyroxine four hours apart from her calcium [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("four hours", "two hours"), note)


def test_a_relative_who_also_has_it_says_the_patient_has_it() -> None:
    note = "Kaftrio since 2021 for F508del homozygous. Her sister also has cystic fibrosis."
    good = "She has cystic fibrosis and has taken Kaftrio since 2021 [1]."
    assert kinds(good, note) == []
    # Without "also", the relative's sentence is still no ground for the patient's; nor is
    # what follows another word after "also" ("also HIV+, on ART, VL suppressed").
    alone = "Kaftrio since 2021 for F508del homozygous. Her sister has cystic fibrosis."
    assert "experiencer_conflict" in kinds(good, alone)
    husband = "Husband also HIV+, on ART, VL suppressed. Her own VL 1,240 copies/mL."
    assert "experiencer_conflict" in kinds("Her viral load is suppressed on ART [1].", husband)
    # Nor a relative's event of their own after "also": "also had a stroke in 2021".
    wife = "Family taught to supervise meals; his wife also had a stroke in 2021."
    assert "experiencer_conflict" in kinds("He had a stroke in 2021 [1].", wife)


def test_an_hour_with_its_half_of_the_day_is_a_clock_time() -> None:
    assert [(v.kind, v.canonical) for v in extract_values("at 9 p.m.")] == [("time", "21:00")]
    assert [(v.kind, v.canonical) for v in extract_values("by 6am")] == [("time", "06:00")]
    assert [(v.kind, v.canonical) for v in extract_values("12 a.m.")] == [("time", "00:00")]
    chart = "Given 14/05/2025 21:00: enoxaparin 40 mg SC. Repeat 15/05/2025 21:00."
    good = "She was given enoxaparin 40 mg at 9 p.m. on 14 May 2025 [1]."
    assert kinds(good, chart) == []
    assert "unverified_number" in kinds(good.replace("9 p.m.", "9 a.m."), chart)


def test_a_target_range_in_brackets_is_a_range() -> None:
    plan = "Plan: trough level within target (5-10 ng/mL); repeat in 4 weeks."
    good = "His trough level is to stay within the target range of 5 to 10 ng/mL [1]."
    assert kinds(good, plan) == []
    assert kinds(good.replace("5 to", "4 to"), plan) != []
    # A target of a named thing stays its value: "aiming for saturations of 88-92%".
    oxygen = "Plan: oxygen 2 L/min; target SpO2 88-92%."
    assert kinds("Her oxygen is titrated, aiming for saturations of 88-92% [1].", oxygen) == []
