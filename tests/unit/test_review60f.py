"""Review 60f of ground60 (grounding precision round 10): wrong answers that the round's new
readings let pass. Each test gives the wrong sentence (still flagged) and, where the round meant
it to pass, the right one beside it (no flag)."""

from __future__ import annotations

from medlocal.rag.checks.worked_out import percent_change
from medlocal.rag.grounding import ground
from medlocal.values import extract_values
from tests.fixtures.timing import assert_linear


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- "was replaced" --------------------------------------------------------------------------


def test_an_electrolyte_replaced_was_given_not_stopped() -> None:
    # "Potassium was replaced" is potassium given; only "replaced by" another stops it.
    assert "negation_conflict" in kinds(
        "Potassium supplements were stopped [1].", "K 3.1. Potassium was replaced orally."
    )
    assert "negation_conflict" in kinds(
        "Magnesium was stopped [1].", "Mg 0.5. Magnesium was replaced IV."
    )
    note = "Phenytoin stopped 2022 (gum hypertrophy) and replaced by lamotrigine."
    assert kinds("Phenytoin was replaced by lamotrigine in 2022 [1].", note) == []


# --- "type 2 diabetes" against "T2DM" ------------------------------------------------------------


def test_a_diabetes_type_the_patient_does_not_have_confirms_nothing() -> None:
    claim = "He has type 2 diabetes [1]."
    for passage in (
        "PMHx: hypertension. No history of T2DM.",
        "GDM in last pregnancy; high risk of T2DM.",
        "PMHx: asthma, T2DM (mother).",
        "PMHx: asthma. ?T2DM - HbA1c requested.",
        "T2DM excluded: HbA1c 38 mmol/mol.",
    ):
        assert "unverified_number" in kinds(claim, passage), passage
    assert kinds(claim, "PMHx: T2DM, hypertension.") == []


# --- a change as a percentage ------------------------------------------------------------------


def test_a_percentage_after_an_unrelated_pair_is_no_change() -> None:
    # 800 -> 520 is a 35% fall, but the 35% is the ejection fraction (the passage gives 55%).
    echo = "BNP 800 ng/L on 01/02/2025, 520 ng/L on 01/03/2025. Echo: ejection fraction 55%."
    wrong = "BNP fell from 800 ng/L to 520 ng/L and her ejection fraction is 35% [1]."
    assert "unverified_number" in kinds(wrong, echo)
    labs = "HbA1c 64 mmol/mol in March, 53 mmol/mol in June. Weight 92 kg to 88 kg."
    other = "HbA1c fell from 64 mmol/mol to 53 mmol/mol and her weight fell 17% [1]."
    assert "unverified_number" in kinds(other, labs)


def test_a_percentage_change_written_the_other_way_is_flagged() -> None:
    labs = "Ferritin 480 ug/L on 02/03/2025; 312 ug/L on 14/05/2025."
    assert kinds("Her ferritin fell from 480 ug/L to 312 ug/L, a fall of 35% [1].", labs) == []
    wrong = "Her ferritin went from 480 ug/L to 312 ug/L, a rise of 35% [1]."
    assert "unverified_number" in kinds(wrong, labs)


def test_a_named_change_is_of_the_value_right_before_it() -> None:
    chart = "Birth weight 3400 g. Day 3 weight 3180 g."
    good = "Birth weight 3400 g; on day 3 she weighed 3180 g, a loss of 220 g or about 6.5% [1]."
    assert kinds(good, chart) == []
    # 220 of 3,620 (birth weight plus the loss) is 6.1%: no change the sentence gives.
    assert "unverified_number" in kinds(good.replace("6.5%", "6.1%"), chart)


def test_a_rounded_percentage_says_it_is_rounded() -> None:
    labs = "Ferritin 52 ug/L then 34 ug/L."
    assert kinds("Her ferritin fell from 52 ug/L to 34 ug/L, a fall of about 35% [1].", labs) == []
    # 18 of 52 is 34.6%: written bare, "35%" claims an exact figure.
    bare = "Her ferritin fell from 52 ug/L to 34 ug/L, a fall of 35% [1]."
    assert "unverified_number" in kinds(bare, labs)


# --- totals --------------------------------------------------------------------------------------


def test_a_course_total_uses_the_course_s_own_length() -> None:
    note = "Prednisolone 40 mg daily for 5 days. Admitted 4 days ago."
    # 40 mg x 4 days is the days since admission, not the course (5 days: 200 mg).
    wrong = "Admitted 4 days ago; she takes 40 mg a day of prednisolone, 160 mg in total [1]."
    assert "unverified_number" in kinds(wrong, note)
    good = "She takes prednisolone 40 mg a day for 5 days, 200 mg in total [1]."
    assert kinds(good, note) == []


def test_a_day_s_total_is_of_the_dose_right_before_it() -> None:
    note = "Metformin 500 mg BD. Gliclazide 80 mg BD."
    wrong = "Metformin 500 mg twice daily and gliclazide 80 mg twice daily, 1 g a day [1]."
    assert "unverified_number" in kinds(wrong, note)


def test_the_percentage_check_reads_in_linear_time() -> None:
    # Each percentage reads back to the two values before it only (the first version paired
    # every two values before it and looked back over all of them for each pair).
    evidence = extract_values("Ferritin 480 ug/L on 02/03/2025; 312 ug/L on 14/05/2025.")

    def answer(n: int) -> None:
        body = "Her " + "ferritin fell from 480 ug/L to 312 ug/L, a fall of 35%, " * n + "so."
        values = extract_values(body)
        for value in values:
            percent_change(value, values, body, evidence)

    assert_linear(answer, 40)
