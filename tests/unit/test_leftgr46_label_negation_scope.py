"""Note45 (grounding, left): "Diabetes: negative for ketones" read as denying diabetes, the
label before the colon, so a diabetes purpose the drug's class treats was flagged
"wrong_reason". A denial after "Label:" that names what it denies ("negative for ketones", "no
known complications") denies that, not the label; a denial with nothing after it ("Hepatitis B:
negative", "Allergies: none") still denies the label, and so does one whose object repeats it
("Allergies: no known drug allergies"). The first group failed before the fix (checked by
restoring medlocal/rag/assertion_scopes.py from main)."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import flag_kinds, negated

# A GP letter's review of a woman with type 2 diabetes on dapagliflozin, started for heart
# failure; the urine dip is filed under the diabetes heading, as templates do.
_LETTER = (
    "Dapagliflozin 10 mg once daily, started for heart failure (EF 35%). "
    "Diabetes: negative for ketones on urine dip, HbA1c 58 mmol/mol."
)


@pytest.mark.parametrize(
    "text",
    [
        "Diabetes: negative for ketones.",
        "Diabetes: negative for ketones on urine dip, HbA1c 58 mmol/mol.",
        "Diabetes: no known complications.",
        "Hypertension: negative for end-organ damage.",
    ],
)
def test_a_denial_after_the_label_denies_what_follows_not_the_label(text: str) -> None:
    label = text.split(":")[0].lower()
    assert not negated(text, label)


def test_what_follows_the_label_is_still_denied() -> None:
    assert negated("Diabetes: negative for ketones.", "ketone")
    assert negated("Diabetes: no known complications.", "complication")


def test_a_purpose_under_such_a_label_is_neither_denied_nor_a_wrong_reason() -> None:
    # On main: "negation_conflict" (the passage "reports it as negative or absent").
    assert flag_kinds("Dapagliflozin is taken for her diabetes [1].", _LETTER) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Hepatitis B: negative.", "hepatitis"),
        ("Allergies: none.", "allergy"),
        ("Allergies: none known.", "allergy"),
        ("Allergies: no known drug allergies.", "allergy"),
        ("Allergies: none of note.", "allergy"),
        ("Complications: none of the above.", "complication"),
        ("Chlamydia NAAT: negative on the rectal sample.", "chlamydia"),
        ("Ulceration: absent.", "ulceration"),
    ],
)
def test_a_label_whose_value_denies_it_is_still_denied(text: str, label: str) -> None:
    assert negated(text, label)


@pytest.mark.parametrize("value", ["negative", "nil", "none"])
def test_a_purpose_the_passage_denies_under_its_label_is_still_flagged(value: str) -> None:
    letter = f"Dapagliflozin 10 mg once daily, started for heart failure. Diabetes: {value}."
    flags = flag_kinds("Dapagliflozin is taken for her diabetes [1].", letter)
    assert {"negation_conflict", "wrong_reason"} & set(flags), flags
