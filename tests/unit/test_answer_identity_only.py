"""Walk 47b D10: "What was his INR on 12 March 2025?" was answered with the letter's heading
copied twice, "Patient: Ólafur Þórsson, kennitala 300949-2189, Laugavegur 58, 101 Reykjavík,
+354 861 2345 [1]", with a citation and no flag but "attached citation": grounded, as the words
are the passage's, yet it answers nothing. Such an answer is set aside as no supported answer,
the draft kept behind its flag (rag/checks/identity_only.py), through the real answerer."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.checks.identity_only import repeats_identity_only
from medlocal.rag.checks.patient_identity import RecordIdentity
from medlocal.rag.flags import UNSUPPORTED_DRAFT
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import IDENTITY_ONLY_ANSWER, NO_SUPPORTED_OPENING

HEADING = (
    "Patient: Ólafur Þórsson, kennitala 300949-2189, Laugavegur 58, 101 Reykjavík, +354 861 2345"
)
LETTER = (
    "Landspítali – University Hospital of Iceland, Hringbraut, 101 Reykjavík.\n"
    f"Clinic letter, 12.03.2025\n{HEADING}\n"
    "Mr Þórsson attended the anticoagulation clinic. INR today 2,8 (target 2,0–3,0).\n"
    "Warfarin 2,5 mg daily on weekdays and 5 mg on Saturdays and Sundays."
)
OLAFUR = RecordIdentity("Ólafur Þórsson", mrn=None, dob="1949-09-30")
INR = "What was his INR on 12 March 2025?"
# The walk's answer: the heading without its label, then with it.
COPIED = f"{HEADING.removeprefix('Patient: ')} [1]\n{HEADING} [1]"


def _ask(reply: str, question: str, identity: RecordIdentity | None = OLAFUR) -> GroundedAnswer:
    answerer = GroundedAnswerer(
        FakeChatModel(reply),  # type: ignore[arg-type]
        FakeRetriever([hit(1, LETTER, file_name="landspitali_letter.txt", page=None)]),
        FakeEmbedder(),  # type: ignore[arg-type]
        model_check=False,
        identity=identity,
    )
    return answerer.ask(question, Scope(patient_id=1)).consume()


@pytest.mark.parametrize("identity", [OLAFUR, None])
def test_an_answer_that_only_repeats_the_heading_is_set_aside(
    identity: RecordIdentity | None,
) -> None:
    answer = _ask(COPIED, INR, identity)
    assert answer.status == "not_found", answer.text
    assert answer.text == IDENTITY_ONLY_ANSWER and answer.text.startswith(NO_SUPPORTED_OPENING)
    (flag,) = answer.flags
    assert flag.kind == UNSUPPORTED_DRAFT and flag.quote.startswith("Ólafur Þórsson, kennitala")
    assert "only repeats the patient's details" in flag.message
    assert answer.provenance["identity_only"] is True


@pytest.mark.parametrize(
    "reply",
    [
        "INR 2,8 on 12.03.2025 [1].",
        f"{HEADING}. INR today 2,8 [1].",
        "Mr Þórsson attended the anticoagulation clinic; INR today 2,8 [1].",
    ],
)
def test_an_answer_that_gives_the_inr_is_answered(reply: str) -> None:
    answer = _ask(reply, INR)
    assert answer.status == "answered", answer.text
    assert "identity_only" not in answer.provenance


def test_a_question_asking_for_the_details_is_answered_by_them() -> None:
    assert _ask(f"{HEADING} [1].", "What is his kennitala?").status == "answered"
    for question in ("Where does he live?", "What is his date of birth?", "Who is the patient?"):
        assert not repeats_identity_only(f"{HEADING} [1].", question, OLAFUR), question


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("Name: Jane Doe, DOB 1970-01-31, MRN MRN-0042 [1].", True),
        ("OLAFUR THORSSON, TEL 861 2345, LAUGAVEGUR 58, REYKJAVIK [1].", True),
        # The record's own date of birth or a national/telephone number marks the heading.
        ("Ólafur Þórsson, 30.09.1949 [1].", True),
        ("Ólafur Þórsson, 300949-2189, Laugavegur 58 [1].", True),
        ("Ólafur Þórsson, +354 861 2345 [1].", True),
        # The name, places and a date of an event alone do not (review47 R1).
        ("Ólafur Þórsson [1].", False),
        ("Ólafur Þórsson, Landspítali, 12.03.2025 [1].", False),
        ("OLAFUR THORSSON, LAUGAVEGUR 58, REYKJAVIK [1].", False),
        # A medicine, a value with its unit, a test's name, or words of its own: more than that.
        ("Ólafur Þórsson, Warfarin 2,5 mg [1].", False),
        ("Patient: Ólafur Þórsson, HbA1c 48 [1].", False),
        ("Patient: Ólafur Þórsson, CKD [1].", False),
        ("Ólafur Þórsson attended the clinic [1].", False),
        ("Landspítali, Hringbraut, 101 Reykjavík [1].", False),  # no patient named
    ],
)
def test_what_counts_as_only_the_patients_details(text: str, only: bool) -> None:
    assert repeats_identity_only(text, "What is his latest potassium?", OLAFUR) is only


JOSE, NAME = "José García Núñez", "Ólafur Þórsson"


# Review47 R1: real answers set aside as "only repeats the patient's details" because the name,
# a capitalised word and a date were taken for the heading.
@pytest.mark.parametrize(
    ("question", "reply", "name"),
    [
        ("When was she admitted?", "José García Núñez, Hospital La Paz, 14.02.2025.", JOSE),
        ("Where was she admitted?", "José García Núñez, Hospital La Paz, 14.02.2025.", JOSE),
        ("When was the echo done?", "Mr Þórsson: Landspítali, 12 March 2025.", "Ólafur Þórsson"),
        ("Which hospital discharged him?", "Ólafur Þórsson, Landspítali.", "Ólafur Þórsson"),
        ("What is the diagnosis?", "Ólafur Þórsson: Parkinson Disease.", "Ólafur Þórsson"),
        ("What was the diagnosis?", "Ólafur Þórsson: Crohn's.", "Ólafur Þórsson"),
        ("Resuscitation status?", "Mr Þórsson: Full Escalation.", "Ólafur Þórsson"),
        ("Which GP referred him?", "Ólafur Þórsson, Dr Anna Jónsdóttir, Heilsugæslan Miðbæ.", NAME),
        ("Next of kin?", "Ólafur Þórsson: Guðrún Þórsdóttir (Wife), 861 2345.", "Ólafur Þórsson"),
        ("What date was the scan?", "Ólafur Þórsson, 12.03.2025.", "Ólafur Þórsson"),
    ],
)  # fmt: skip
def test_an_answer_naming_the_patient_with_what_was_asked_is_kept(
    question: str, reply: str, name: str
) -> None:
    assert not repeats_identity_only(f"{reply} [1]", question, RecordIdentity(name))
    answer = _ask(f"{reply} [1]", question, RecordIdentity(name))
    assert "identity_only" not in answer.provenance, answer.text


def test_the_heading_is_still_set_aside_whatever_the_question_does_not_ask() -> None:
    # What the narrowing keeps: walk 47b's INR case, and the heading with the record's date of
    # birth for a question about a value.
    assert repeats_identity_only(COPIED, INR, OLAFUR)
    assert repeats_identity_only(
        "Ólafur Þórsson, 30.09.1949, Laugavegur 58 [1].", "What is his latest potassium?", OLAFUR
    )
