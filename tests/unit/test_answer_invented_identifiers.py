"""Walk 43 D3: an answer that gives an identifier no passage holds was never flagged. The window
answered "Patient: Tobias Strandquist MRN: KTV-880412 DOB:KV-9376500 [2†]" where the passage says
"DOB: 23/11/1979"; "His MRN is KTV-880999 [2]" passed too (the value check reads digits only,
and the summary's wrong-patient check ran on summaries only). Now an MRN, NHS number or code of
letters and digits an answer gives must be in the passages its sentence cites, or be the
record's own MRN (rag/checks/patient_identity.py, the summary's check module)."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.checks.patient_identity import RecordIdentity, check_identifiers
from medlocal.rag.passages import Scope

LABS = (
    "Date,Test,Result,Unit,Patient MRN\n03/11/2026,Sodium,138,mmol/L,KTV-880412\n"
    "17/11/2026,Sodium,129,mmol/L,KTV-880412"
)
NOTE = (
    "Nursing note\nPatient: Tobias Strandquist  MRN: KTV-880412  DOB: 23/11/1979\n"
    "Date: 02/11/2026\n\nSeen in the Kestrelvale rural clinic. Current medication: "
    "levetiracetam 750 mg twice daily. Sodium 129 mmol/L on 02/11/2026."
)
PASSAGES = {1: LABS, 2: NOTE}


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Patient: Tobias Strandquist MRN: KTV-880412 DOB:KV-9376500 [2].", "KV-9376500"),
        ("Patient: Tobias Strandquist MRN: KTV-880412 DOB: KV-9376500 [2].", "KV-9376500"),
        ("His MRN is KTV-880999 [2].", "KTV-880999"),
        ("MRN: 55012 [2].", "55012"),
        ("NHS number 943 476 5919 [2].", "943 476 5919"),
        # Not inside a longer code: a clipped MRN is another number.
        ("His MRN is KTV-88041 [2].", "KTV-88041"),
    ],
)
def test_an_identifier_no_cited_passage_holds_is_flagged(text: str, token: str) -> None:
    (flag,) = check_identifiers(text, PASSAGES)
    assert flag.kind == "wrong_patient" and flag.token == token
    assert text[flag.token_start : flag.token_end] == token
    assert "do not hold" in flag.message


@pytest.mark.parametrize(
    "text",
    [
        "Patient: Tobias Strandquist MRN: KTV-880412 [2].",
        "His MRN is ktv 880412 [2].",  # case and spaces aside
        "His MRN is KTV-880412 [1].",
        "The MRN on the results is KTV-880412.",  # cites nothing: any passage given counts
        # Clinical codes and values are no identifiers.
        "HbA1c 48 mmol/mol, B12 normal, T2DM, COVID-19 in Nov-2026, 1000mg [2].",
    ],
)
def test_an_identifier_the_passages_hold_is_not_flagged(text: str) -> None:
    assert check_identifiers(text, PASSAGES) == []


def test_the_records_own_mrn_is_not_flagged() -> None:
    record = RecordIdentity("Tobias Strandquist", mrn="KTV-880999")
    assert check_identifiers("His MRN is KTV-880999 [2].", PASSAGES, record) == []
    (flag,) = check_identifiers("His MRN is KTV-880998 [2].", PASSAGES, record)
    assert "not this patient's MRN" in flag.message


def _ask(reply: str, identity: RecordIdentity | None = None) -> GroundedAnswer:
    answerer = GroundedAnswerer(
        FakeChatModel(reply),  # type: ignore[arg-type]
        FakeRetriever([hit(1, LABS, vector_score=0.8), hit(2, NOTE, vector_score=0.8)]),
        FakeEmbedder(),  # type: ignore[arg-type]
        model_check=False,
        identity=identity,
    )
    stream = answerer.ask("What is his latest sodium?", Scope(patient_id=1))
    list(stream)
    return stream.result


def test_an_answer_flags_the_invented_identifier() -> None:
    answer = _ask("Patient: Tobias Strandquist MRN: KTV-880412 DOB:KV-9376500 [2]. Sodium 129 [2].")
    assert answer.status == "answered"
    assert [f.token for f in answer.flags if f.kind == "wrong_patient"] == ["KV-9376500"]


def test_an_answer_giving_the_records_mrn_is_not_flagged() -> None:
    answer = _ask(
        "His MRN is KTV-880999 and his sodium is 129 mmol/L [2].",
        RecordIdentity("Tobias Strandquist", mrn="KTV-880999"),
    )
    assert not [f for f in answer.flags if f.kind == "wrong_patient"]
