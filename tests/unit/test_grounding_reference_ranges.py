"""Walk 39, defect 1 (second half): a value called normal where the cited passage gives it
outside its reference range or flags it, or called high or low where the passage gives it inside
its range, unflagged, is flagged ``range_conflict``; a passage that says nothing of range never
is a reason to flag."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

# A lab system's CSV export as the importer keeps it (medlocal/ingest/extractors/plaintext.py:
# the file's text, row by row as written): a reference range cell and a flag cell.
LABS_CSV = (
    "Date,Test,Result,Units,Reference range,Flag\n"
    "30/11/2026,HbA1c,58,mmol/mol,20-41,H\n"
    "30/11/2026,Potassium,5.4,mmol/L,3.5-5.3,HIGH\n"
    "30/11/2026,Sodium,139,mmol/L,135-145,\n"
    "30/11/2026,Haemoglobin,102,g/L,115-165,L\n"
    "30/11/2026,Creatinine,88,umol/L,45-90,\n"
)
# The walk's own file: no flag column, the range alone says it.
WALK_CSV = (
    "Test,Value,Unit,Reference range\nPotassium,5.4,mmol/L,3.5-5.3\nSodium,139,mmol/L,135-145\n"
)
REPORT = (
    "U&E 30/11/2026: Sodium 139 mmol/L (ref 135-145). Potassium 5.4 mmol/L (3.5-5.3) H.\n"
    "CRP 4 mg/L (<5). Ferritin 12 ug/L [15-300] L."
)
LETTER = (
    "Her bloods on 30 November showed a raised CRP of 85 mg/L and a low haemoglobin of 92 g/L."
    " Her potassium was 4.1 mmol/L and her eGFR 64."
)
SERIES = "K 5.4 mmol/L (3.5-5.3) H on 28/11; repeat 30/11 K 4.6 mmol/L (3.5-5.3)."
NO_RANGE = "Bloods 30/11/2026: potassium 5.4 mmol/L, sodium 139 mmol/L, CRP 85 mg/L."
# "High" and "low" in a test's name say nothing of the value (review 39).
LIPIDS = (
    "Lipids 30/11: total cholesterol 4.1 mmol/L, high density lipoprotein 1.4 mmol/L,"
    " low density lipoprotein 2.1 mmol/L, triglycerides 1.2."
)
TROPONIN = "Troponin: high sensitivity troponin 6 ng/L at 0h and 7 ng/L at 3h."


def range_flags(answer: str, passage: str) -> list[str]:
    return [f.message for f in ground(answer, {1: passage}).flags if f.kind == "range_conflict"]


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        # The walk's answer, word for word (its unit is flagged too: test_grounding_wrong_unit).
        (
            "The patient's potassium was 5.4 mmol/mol, which is a normal range for her age"
            " and sex [1].",
            WALK_CSV,
        ),
        ("Her potassium was 5.4 mmol/L, which is normal [1].", WALK_CSV),
        ("Her potassium was 5.4 mmol/L, within the normal range [1].", LABS_CSV),
        ("Her potassium of 5.4 mmol/L was within normal limits [1].", LABS_CSV),
        ("Her potassium was normal [1].", LABS_CSV),
        ("She had a normal potassium of 5.4 mmol/L [1].", LABS_CSV),
        ("Her HbA1c of 58 mmol/mol is not raised [1].", LABS_CSV),
        ("Her haemoglobin was unremarkable at 102 g/L [1].", LABS_CSV),
        ("Potassium was 5.4 mmol/L, in the normal range [1].", REPORT),
        # Ferritin is no measured thing the checks know by name: its value says which.
        ("Her ferritin of 12 ug/L was normal [1].", REPORT),
        ("Her CRP was normal [1].", LETTER),
        ("Her haemoglobin of 92 g/L was within the reference range [1].", LETTER),
        # The reverse: called high or low where the passage gives it inside its range.
        ("Her sodium was raised at 139 mmol/L [1].", LABS_CSV),
        ("Her creatinine of 88 umol/L is elevated [1].", LABS_CSV),
        ("Her CRP was raised at 4 mg/L [1].", REPORT),
        ("Her sodium was low [1].", REPORT),
        ("Her potassium was low at 5.4 mmol/L [1].", LABS_CSV),
        # The value the claim is stated at, of two the passage gives (one high, one not).
        ("Her potassium was normal at 5.4 mmol/L [1].", SERIES),
    ],
)
def test_a_claim_the_passage_s_range_contradicts_is_flagged(answer: str, passage: str) -> None:
    assert range_flags(answer, passage), answer


def test_the_flag_says_what_the_passage_gives() -> None:
    (message,) = range_flags(
        "The patient's potassium was 5.4 mmol/L, which is a normal range for her age and sex [1].",
        LABS_CSV,
    )
    assert message.startswith(
        "'normal': the cited passage gives potassium as 5.4 mmol/L, above its reference range"
    )
    assert "3.5-5.3" in message
    (low,) = range_flags("Her haemoglobin was normal [1].", LABS_CSV)
    assert "below its reference range" in low and "102 g/L" in low


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        # Agreeing with the passage.
        ("Her potassium was 5.4 mmol/L, above the normal range [1].", LABS_CSV),
        ("Her potassium was high at 5.4 mmol/L [1].", WALK_CSV),
        ("Her sodium was 139 mmol/L, within the normal range [1].", LABS_CSV),
        ("Her sodium was normal [1].", REPORT),
        ("Her CRP of 4 mg/L was not raised [1].", REPORT),
        ("Her CRP was raised at 85 mg/L [1].", LETTER),
        ("Her haemoglobin was low at 92 g/L [1].", LETTER),
        ("Her ferritin was low at 12 ug/L [1].", REPORT),
        ("Her HbA1c was raised at 58 mmol/mol [1].", LABS_CSV),
        # The passage says nothing of range: nothing to contradict.
        ("Her potassium was 5.4 mmol/L, which is normal [1].", NO_RANGE),
        ("Her potassium was 4.1 mmol/L, within the normal range [1].", LETTER),
        ("Her CRP was normal [1].", NO_RANGE),
        # "Normal" of something else in the sentence.
        ("Her potassium was 5.4 mmol/L and her ECG was normal [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol/L with normal renal function [1].", LABS_CSV),
        ("Sodium was 139 mmol/L (normal 135-145) and potassium 5.4 mmol/L [1].", LABS_CSV),
        ("Her sodium was normal but her potassium was raised at 5.4 mmol/L [1].", LABS_CSV),
        ("She was given normal saline and her potassium was 5.4 mmol/L [1].", LABS_CSV),
        ("Her potassium of 5.4 mmol/L is just above the upper limit of normal [1].", LABS_CSV),
        ("She is at high risk; her potassium was 5.4 mmol/L [1].", LABS_CSV),
        # Of two values, one high and one not, a claim about the measure alone is unsettled.
        ("Her potassium is normal [1].", SERIES),
        ("Her potassium was normal at 4.6 mmol/L [1].", SERIES),
        (
            "Her potassium was high at 5.4 mmol/L but has since returned to normal at 4.6"
            " mmol/L [1].",
            SERIES,
        ),
        # Review 39: "than normal", "above normal" compare with normal; they claim no normal.
        ("Her potassium of 5.4 mmol/L was higher than normal [1].", LABS_CSV),
        ("Her haemoglobin of 102 g/L was lower than normal [1].", LABS_CSV),
        ("Her potassium of 5.4 mmol/L was above normal [1].", LABS_CSV),
        ("Her potassium of 5.4 mmol/L was above the normal [1].", LABS_CSV),
        ("Her haemoglobin of 102 g/L was below normal [1].", LABS_CSV),
        ("Her potassium of 5.4 mmol/L was over normal [1].", LABS_CSV),
        # Review 39: "high" and "low" in a test's name flag nothing.
        ("Her troponin was normal at 6 ng/L [1].", TROPONIN),
        ("Troponin was 6 ng/L, which is normal [1].", TROPONIN),
        ("Her HDL was normal at 1.4 mmol/L [1].", LIPIDS),
        ("Her HDL of 1.4 mmol/L was normal [1].", LIPIDS),
        ("Her LDL was normal at 2.1 mmol/L [1].", LIPIDS),
        # Review 39: an exception clause keeps its value out of the claim.
        ("Apart from a potassium of 5.4 mmol/L her electrolytes were normal [1].", LABS_CSV),
        ("Other than potassium at 5.4 mmol/L the results were normal [1].", LABS_CSV),
        ("Except for a potassium of 5.4 mmol/L her results were normal [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol/L though her sodium was normal [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol/L whereas her sodium was normal [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol/L while her sodium was normal [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol/L but her sodium was normal [1].", LABS_CSV),
        # Review 39: a range quoted with a few words between: no claim.
        ("Her potassium was 5.4 mmol/L (normal range for this lab 3.5-5.3) [1].", LABS_CSV),
        # Review 39: "low" of a value under a range with no lower limit ("<5") is fair.
        ("Her CRP is 4 mg/L, which is low [1].", REPORT),
    ],
)
def test_a_claim_the_passage_bears_out_or_does_not_speak_to_is_not_flagged(
    answer: str, passage: str
) -> None:
    assert range_flags(answer, passage) == []


def test_the_walk_s_uncited_answer_is_flagged_on_the_passage_attached() -> None:
    """The walk's model cited nothing: MedLocal attached the CSV passage ([1†]), and the checks
    then read the sentence against it (only "attached citation" and "model doubt" showed)."""
    answer = (
        "The patient's potassium was 5.4 mmol/mol, which is a normal range for her age and sex."
    )
    flags = ground(answer, {1: WALK_CSV, 2: "Clinic letter: she is much less breathless."}).flags
    kinds = {f.kind for f in flags}
    assert {"attached_citation", "unverified_number", "range_conflict"} <= kinds
    unit = next(f for f in flags if f.kind == "unverified_number")
    assert unit.message.startswith("'5.4 mmol/mol': the cited passage gives 5.4 in mmol/L")


def test_a_long_run_of_spaces_after_a_claim_is_read_at_once() -> None:
    """Review 39: the pattern for a range after a claim ("normal 3.5-5.3") had four optional
    runs of spaces in a row; 200 spaces took seconds to fail."""
    import time

    from medlocal.rag.checks.ranges import _RANGE_AFTER

    started = time.perf_counter()
    for text in (" " * 400, " \t" * 200, "range" + " " * 400, "range for" + " " * 400):
        assert _RANGE_AFTER.match(text) is None
    # Not a speed target: the old pattern took about 61 s here, a linear one microseconds; the
    # bound is loose so a loaded machine cannot fail it.
    assert time.perf_counter() - started < 10
