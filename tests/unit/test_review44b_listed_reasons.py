"""Review 44b B3: rag/checks/reasons.py read purposes and drugs one at a time.
"Metformin and ramipril were started for diabetes and hypertension respectively" flagged
'diabetes' (read as ramipril's), "for pain and swelling" read 'pain' alone (so "for swelling and
pain" passed what "for pain and swelling" flagged), and "for type 2 diabetes" was read as 'type'.
A purpose after a list of drugs may be any one's (in order with "respectively"), every listed
purpose is read (a list naming the drug's own purpose, or one the passages do not give, is a
plausible second indication, not flagged; a list of purposes all given apart from the drug is),
and "type 2" is one word. The tests marked below failed before the fix (checked by
restoring medlocal/rag/checks/reasons.py from main)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

BOTH = "Ramipril 5 mg for hypertension. Metformin 500 mg for type 2 diabetes."
NAPROXEN = "Naproxen 500 mg bd for knee swelling. Pain in both knees on walking."
AMLODIPINE = "Amlodipine 5 mg for hypertension. Type 2 diabetes."


def _reasons(sentence: str, passage: str) -> list[str]:
    return [f.token for f in ground(sentence, {1: passage}).flags if f.kind == "wrong_reason"]


@pytest.mark.parametrize(
    "sentence",
    [
        # Failed before: 'diabetes' and 'hypertension' read as the other drug's.
        "Metformin and ramipril were started for diabetes and hypertension respectively [1].",
        "Ramipril and metformin are taken for hypertension and diabetes [1].",
        "Ramipril 5 mg and metformin 500 mg, for blood pressure and diabetes [1].",
        "Metformin for type 2 diabetes [1].",
    ],
)
def test_purposes_after_a_list_of_drugs_are_any_ones(sentence: str) -> None:
    assert _reasons(sentence, BOTH) == []


def test_respectively_pairs_in_order() -> None:
    sentence = "Metformin and ramipril were started for hypertension and diabetes respectively [1]."
    assert sorted(_reasons(sentence, BOTH)) == ["diabetes", "hypertension"]


@pytest.mark.parametrize(
    "sentence",
    [
        # Failed before: 'pain' was flagged in this order and not in the other.
        "She takes naproxen for pain and swelling [1].",
        "She takes naproxen for swelling and pain [1].",
        "She takes naproxen for swelling, stiffness and pain [1].",
    ],
)
def test_a_list_naming_the_drugs_own_purpose_is_read_alike_in_any_order(sentence: str) -> None:
    assert _reasons(sentence, NAPROXEN + " Morning stiffness.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # Failed before: only the first purpose was read. (Pain was the list's first purpose
        # until leftgr45: naproxen, an analgesic, is now a recognised treatment of pain.)
        "She takes naproxen for insomnia and stiffness [1].",
        "She takes naproxen for stiffness and insomnia [1].",
    ],
)
def test_every_purpose_of_a_list_given_apart_from_the_drug_is_flagged(sentence: str) -> None:
    passage = NAPROXEN + " Morning stiffness. Insomnia."
    assert sorted(_reasons(sentence, passage)) == ["insomnia", "stiffness"]


def test_type_2_diabetes_is_one_purpose() -> None:
    # Failed before: the token was 'type'. (Dapagliflozin, a diabetes medicine, was the drug
    # until leftgr45 made a purpose the drug's class treats a second indication, not flagged.)
    assert _reasons("Amlodipine 5 mg for type 2 diabetes [1].", AMLODIPINE) == ["type 2 diabetes"]
    sentence = "Amlodipine 5 mg for type 2 diabetes and hypertension [1]."
    assert _reasons(sentence, AMLODIPINE) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "She takes naproxen for swelling and was reviewed in clinic [1].",
        "She takes naproxen for swelling and ramipril for hypertension [1].",
        "She takes naproxen for swelling and two weeks ago started ramipril [1].",
    ],
)
def test_a_clause_a_time_or_a_drug_after_and_is_no_listed_purpose(sentence: str) -> None:
    passage = NAPROXEN + " Reviewed in clinic two weeks ago. Ramipril 5 mg for hypertension."
    assert _reasons(sentence, passage) == []
