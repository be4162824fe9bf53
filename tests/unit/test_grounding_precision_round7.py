"""Round 7 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): each
check fires only where its reading is plain. Each test gives a correct sentence a competent
model writes (no flag) and, where the restriction could hide one, the wrong one beside it
(still flagged); passages and wordings of their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.assertions import mentions
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.rag.reference_ranges import REFERENCE_RANGE


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


def reading(sentence: str, key: str) -> tuple[bool, bool]:
    """(negated, unsure_denial) of the first mention of ``key``."""
    found = next(m for m in mentions(sentence) if m.key == key)
    return found.assertion.negated, found.unsure_denial


# --- negation: what stands between a cue and the word ---------------------------------------


def test_a_cue_that_opens_a_comparison_denies_nothing() -> None:
    # "no more than 5 mg a week" bounds a taper; it denies nothing after it.
    sentence = "Her prednisolone is to be reduced by no more than 5 mg a week [1]."
    assert reading(sentence, "5 mg")[1]
    passage = "Plan: reduce prednisolone by 5 mg a week; review in clinic."
    assert "negation_conflict" not in kinds(sentence, passage)


def test_a_cue_before_as_does_not_plainly_reach_the_reason_after_it() -> None:
    passage = "Physiotherapy not arranged as swelling persists."
    assert reading(passage, "swelling")[1]
    assert "negation_conflict" not in kinds(
        "Physiotherapy was not arranged because his swelling persists [1].", passage
    )


def test_and_right_before_a_backward_cue_joins_a_predicate_of_its_own() -> None:
    sentence = "Her headache began on the morning of 4 June and was not eased by paracetamol [1]."
    assert reading(sentence, "morning")[1]
    passage = "Headache from 04/06 morning, not eased by paracetamol 1 g."
    assert "negation_conflict" not in kinds(sentence, passage)
    # Items before the cue stay its subject: "fever and chills were absent".
    assert not reading("Fever and chills were absent.", "fever")[1]


def test_items_after_a_cue_joined_by_commas_are_not_plainly_affirmed() -> None:
    sentence = "No BRAF, NRAS or KIT mutation was found [1]."
    assert reading(sentence, "kit")[1]
    passage = "Molecular: BRAF, NRAS, KIT negative."
    assert "negation_conflict" not in kinds(sentence, passage)
    # The denial itself still needs the cue beside it: a comma is another claim there.
    assert reading("No fever, cough since Monday.", "cough")[1]


# --- numbers: arithmetic a competent model does, accepted only when exact --------------------


def test_a_change_worked_out_from_the_sentence_and_the_passage_is_exact() -> None:
    passage = "Weight on admission 02/03/2025 52.4 kg; weight today 55.0 kg."
    assert kinds("Her weight is now 55.0 kg, a gain of 2.6 kg [1].", passage) == []
    assert "unverified_number" in kinds("Her weight is now 55.0 kg, a gain of 2.8 kg [1].", passage)


def test_a_change_in_a_unit_the_reader_does_not_read_is_the_difference_of_the_sentence_s() -> None:
    passage = "Weight 212 lb in January; weight 197 lb today."
    assert kinds("His weight fell from 212 lb to 197 lb, a loss of 15 pounds [1].", passage) == []
    assert "unverified_number" in kinds(
        "His weight fell from 212 lb to 197 lb, a loss of 17 pounds [1].", passage
    )


# --- misattributed values: a plain reading on both sides -------------------------------------


def test_a_number_named_the_target_is_a_reference_limit() -> None:
    (_, limit) = bind("Her HbA1c is 61 mmol/mol, above the target of 53.")
    assert limit.attribute == REFERENCE_RANGE
    passage = "HbA1c 61 mmol/mol (target <53) on 04/02/2025."
    assert kinds("Her HbA1c was 61 mmol/mol on 4 February 2025, above the target of 53 [1].",
                 passage) == []  # fmt: skip


def test_a_value_after_two_measures_may_be_either_s() -> None:
    # "LDL" here is "lower than detectable limit"; the value reader binds "<20 copies/mL" to
    # the nearer name, the LDL cholesterol, but the viral load named before it may be its own.
    passage = "HIV VL 11/2024: LDL (<20 copies/mL)."
    (found,) = bind(passage, True)
    assert found.attribute == "ldl"
    assert kinds("His viral load was below 20 copies/mL in November 2024 [1].", passage) == []
    # One measure named, another's value is still misattributed.
    assert "misattributed_value" in kinds(
        "His viral load was 4.1 mmol/L in November 2024 [1].", "LDL 11/2024: 4.1 mmol/L."
    )


# --- doses and regimens: a pairing no plain reading contradicts ------------------------------


def test_a_dose_and_regimen_the_passage_gives_no_drug_may_be_the_sentence_s() -> None:
    passage = "Oxycodone MR 20 mg BD continued. Plan: reduce by 5 mg every 7 days."
    assert kinds("Oxycodone MR is to be reduced by 5 mg every seven days [1].", passage) == []
    # Another drug's dose is still no dose of this one.
    assert "unverified_number" in kinds(
        "Oxycodone MR 300 mg BD is continued [1].", "Oxycodone MR 20 mg BD. Gabapentin 300 mg TDS."
    )


def test_a_dose_whose_regimen_the_reader_does_not_read_takes_the_sentence_s() -> None:
    passage = "Plan: change bumetanide 1 mg OM to 1 mg BD for 3 days, then review."
    assert (
        kinds(
            "Bumetanide was changed from 1 mg each morning to 1 mg twice daily for three days [1].",
            passage,
        )
        == []
    )
    # A count of tablets after the dose is the same dose, not a new one: the regimen is read.
    assert "unverified_number" in kinds(
        "She takes ramipril 2.5 mg once daily [1].", "Ramipril 2.5mg - ONE capsule TWICE a day"
    )
    # A dose the passage gives a regimen for keeps it.
    assert "unverified_number" in kinds(
        "Bumetanide 1 mg three times daily for three days [1].",
        "Plan: bumetanide 2 mg OM to 1 mg BD for 3 days.",
    )


def test_a_sentence_whose_every_value_the_passage_gives_is_not_weakly_supported() -> None:
    passage = "Wound check. Sutures out. Ortho OPA 14 Apr 2025."
    sentence = "Her next appointment with the orthopaedic surgeon is on 14 April 2025 [1]."
    assert kinds(sentence, passage) == []
    assert kinds(sentence.replace("14", "15"), passage) == ["weak_support", "unverified_number"]
    # Two values in one unit: the words relating them are the claim, and are looked for.
    assert kinds(
        "Her A1c improved from 8.1% to 7.6% [1].",
        "Diabetes review 5/02/2024: A1c 8.1% (prior 7.6% in 1/2024). Time in range 61%.",
    ) == ["weak_support"]
