"""Note 43 (left for session 44): a wrong purpose for a drug ("started an SGLT2 inhibitor to
manage her allergies" where the passage gives it for heart failure and lists allergies on
another line) passed every check: rag/checks/reasons.py flags it "wrong_reason". A purpose the
passage gives the drug, in its words, its abbreviations or lay words, is never flagged; nor is a
drug the passage gives no purpose, or a purpose the passage does not name at all."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

PASSAGE = (
    "Dapagliflozin 10 mg started for heart failure with reduced ejection fraction."
    " Allergies: penicillin (rash)."
)


def _reasons(sentence: str, passage: str = PASSAGE) -> list[str]:
    return [f.token for f in ground(sentence, {1: passage}).flags if f.kind == "wrong_reason"]


@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        ("She was started on an SGLT2 inhibitor to manage her allergies [1].", PASSAGE,
         "allergies"),
        ("She was started on dapagliflozin to treat her allergies [1].", PASSAGE, "allergies"),
        ("She takes dapagliflozin 10 mg for her penicillin allergy [1].", PASSAGE,
         "penicillin allergy"),
        ("She takes amlodipine for her cholesterol [1].",
         "Amlodipine 5 mg OD for hypertension. Cholesterol 6.2 mmol/L.", "cholesterol"),
    ],
)  # fmt: skip
def test_a_purpose_the_passage_gives_only_apart_from_the_drug_is_flagged(
    sentence: str, passage: str, token: str
) -> None:
    assert _reasons(sentence, passage) == [token]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She was started on dapagliflozin for heart failure [1].", PASSAGE),
        ("She takes dapagliflozin 10 mg for HFrEF [1].", PASSAGE),
        ("She takes an SGLT2 inhibitor for heart failure [1].", PASSAGE),
        ("She takes amlodipine for her blood pressure [1].",
         "Amlodipine 5 mg OD for hypertension. Blood pressure 150/90."),
        ("She takes cetirizine for her allergies [1].",
         "Cetirizine 10 mg for hay fever. Allergies: penicillin (rash)."),
        ("She takes furosemide for her swollen ankles [1].",
         "Furosemide 40 mg OD for heart failure. Swollen ankles noted."),
        ("Amoxicillin was given for her chest infection [1].",
         "Amoxicillin 500 mg TDS for community-acquired pneumonia. Chest infection last year."),
        # The passage gives the drug no purpose: nothing to contradict.
        ("She takes dapagliflozin for diabetes [1].",
         "Dapagliflozin 10 mg daily. Type 2 diabetes."),
        ("She takes dapagliflozin for diabetes [1].",
         "Dapagliflozin started for heart failure and type 2 diabetes."),
        # A time, not a purpose.
        ("She has taken dapagliflozin for several months [1].", PASSAGE),
        # A purpose the passage does not name at all is the coverage checks' to flag.
        ("She takes dapagliflozin to manage her gout [1].", PASSAGE),
    ],
)  # fmt: skip
def test_a_purpose_the_passage_gives_the_drug_or_does_not_name_is_not_flagged(
    sentence: str, passage: str
) -> None:
    assert _reasons(sentence, passage) == []
