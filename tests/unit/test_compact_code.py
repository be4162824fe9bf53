"""Review 43b: the patient list's search (app.patients) and the answer check of identifiers
(rag.checks.patient_identity) compacted codes with near-copies that knew different separators:
the search Unicode dashes, soft hyphens and spaces but not "/", the check spaces, "-" and "/"
but not the dashes a word processor writes. One function, ``medlocal.codes.compact_code``, with
their union; each caller's own cases still hold."""

from __future__ import annotations

import pytest

from medlocal.app.patients import patient_matches
from medlocal.codes import compact_code
from medlocal.rag.checks.patient_identity import (
    RecordIdentity,
    check_identifiers,
    check_patient_identity,
)


@pytest.mark.parametrize(
    "written",
    [
        "KTV-219907",
        "ktv 219907",
        "KTV/219907",
        "KTV – 219907",  # en dash, spaced
        "KTV‑219907",  # non-breaking hyphen
        "KTV\u00ad219907",  # soft hyphen
        "KTV−219907",  # minus sign
        "KTV\t219\u00a0907",
    ],
)
def test_every_separator_of_both_callers_is_aside(written: str) -> None:
    assert compact_code(written) == "ktv219907"


def test_letters_and_digits_stay() -> None:
    assert compact_code("KTV-219908") != compact_code("KTV-219907")
    assert compact_code("HRT.440912") == "hrt.440912"  # a full stop is no separator


@pytest.mark.parametrize(
    "query", ["ktv219907", "KTV-219907", "ktv–219907", "ktv/219907", "lindgren ktv 219907"]
)
def test_the_patient_search_finds_the_mrn_however_it_is_typed(query: str) -> None:
    assert patient_matches(query, "Amara Lindgren", "KTV-219907")
    assert not patient_matches(query.replace("907", "908"), "Amara Lindgren", "KTV-219907")


def test_the_answer_check_reads_a_dashed_or_slashed_code_as_the_passages_code() -> None:
    passages = {1: "Referral for MRN KTV–219907 (en dash, as a word processor wrote it)."}
    for answer in ("Her record is KTV-219907 [1].", "Her record is KTV/219907 [1]."):
        assert check_identifiers(answer, passages) == [], answer
    flags = check_identifiers("Her record is KTV-219908 [1].", passages)
    assert [f.kind for f in flags] == ["wrong_patient"]


def test_the_records_own_mrn_is_not_flagged_whatever_its_separators() -> None:
    identity = RecordIdentity("Amara Lindgren", "KTV 219907", None)
    assert check_identifiers("MRN KTV/219907 [1].", {1: "Seen in clinic."}, identity) == []


@pytest.mark.parametrize(
    "answer",
    [
        "MRN: 123–456.",  # en dash, as a word processor writes it
        "MRN: 123—456.",  # em dash
        "MRN 123−456.",  # minus sign
        "The MRN is 123-456.",
        "Her MRN was 123 456.",
        "MRN: 12-3456.",  # grouped otherwise: the same number (see compact_code)
    ],
)
def test_the_patients_own_mrn_passes_the_check_however_it_is_separated(answer: str) -> None:
    """Review 44 D7: the check's own MRN pattern stopped at an en dash ("MRN: 123–456." read as
    "123", flagged as another patient's) and took "is" for part of the number."""
    identity = RecordIdentity("Ann Lee", mrn="123-456")
    assert check_patient_identity(answer, identity) == []
    assert check_identifiers(answer, {1: "Seen in clinic."}, identity) == []


@pytest.mark.parametrize(
    ("answer", "token"),
    [
        ("MRN: 123–457.", "123–457"),
        ("The MRN is 123-457.", "123-457"),
        ("MRN was KTV–880999.", "KTV–880999"),
    ],
)
def test_another_mrn_with_a_dash_is_flagged_whole(answer: str, token: str) -> None:
    identity = RecordIdentity("Ann Lee", mrn="123-456")
    assert [f.token for f in check_patient_identity(answer, identity)] == [token]
    assert [f.token for f in check_identifiers(answer, {1: "Seen."}, identity)] == [token]


def test_an_nhs_number_with_en_dashes_is_read_whole() -> None:
    flags = check_identifiers("NHS number 943–476–5919.", {1: "Seen in clinic."})
    assert [f.token for f in flags] == ["943–476–5919"]
    assert check_identifiers("NHS number 943–476–5919 [1].", {1: "NHS no 943 476 5919"}) == []
