"""Review 43 D6: check_identifiers flagged years after a prefix ("mid-2024", "FY2026"), "x1000",
an extension ("x4521"), an ICD code without its dot ("E1190"), a form ("DS1500") and a batch
number as another patient's identifier. An unlabelled code is now one only in a record
number's shape; the walk's true positives stay flagged."""

from __future__ import annotations

import pytest

from medlocal.rag.checks.patient_identity import RecordIdentity, check_identifiers

PASSAGES = {
    1: "Seen in clinic on 12-NOV-2026. HbA1c 58 mmol/mol (was 64 in June 2024). Type 2 diabetes"
    " (E11.9) since 2019. WBC 7.2 x10^9/L. Postcode M13 9WL. Form DS1500 completed. Bleep 4521.",
    2: "Plan: review in 3 months. Ref NICE NG28.",
}
IDENTITY = RecordIdentity("Anna Smith", "KTV-880412", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Her HbA1c improved since mid-2024 [1].",
        "Diabetes was diagnosed pre-2020 [1].",
        "She was reviewed in late-2026 [1].",
        "Seen in FY2026 clinic [1].",
        "WBC was 7.2 x1000/uL [1].",
        "Contact the team on x4521 [1].",
        "Coded as E1190 [1].",
        "Coded as E11.9 [2].",
        "Vaccinated with batch AB12345 [1].",
        "Lot: AB-123456 [1].",
        "The DS1500 form was completed [2].",
    ],
)
@pytest.mark.parametrize("identity", [IDENTITY, None])
def test_dates_extensions_codes_forms_and_batches_are_no_identifiers(
    sentence: str, identity: RecordIdentity | None
) -> None:
    assert check_identifiers(sentence, PASSAGES, identity) == []


@pytest.mark.parametrize(
    ("sentence", "token", "identity"),
    [
        ("Patient: Tobias Strandquist DOB:KV-9376500 [1].", "KV-9376500", None),
        ("His MRN is KTV-880999 [1].", "KTV-880999", None),
        ("Ref RAI-558213 [1].", "RAI-558213", None),
        # The record's MRN's shape and letters, written without its dash.
        ("His number is KTV880999 [1].", "KTV880999", IDENTITY),
        ("Patient ID A12345 [1].", "A12345", None),
    ],
)
def test_identifiers_the_passages_do_not_hold_are_still_flagged(
    sentence: str, token: str, identity: RecordIdentity | None
) -> None:
    assert [f.token for f in check_identifiers(sentence, PASSAGES, identity)] == [token]


def test_a_code_in_the_shape_of_an_mrn_the_passages_label_is_flagged() -> None:
    passages = {1: "Patient: Anna Smith MRN: KTV-880412. Seen today."}
    flags = check_identifiers("Her results are filed under KTV-88041 [1].", passages)
    assert [f.token for f in flags] == ["KTV-88041"]
