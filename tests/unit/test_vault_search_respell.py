"""A question's misspelt word finds the word the patient's own passages write (walk 42g:
"Is she taking linaglipton?" did not find "Linagliptin 5 mg once daily" by keyword), and the
answer says how it was read."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit
from fixtures.hashed_words import embed

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.relevance import respelt
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.respell import edit_distance, may_be_misspelt, nearest, opposite, respelling
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)

STARTED = "Linagliptin 5 mg once daily STARTED 12/07/2026 in place of metformin."
STEROID = "Prednisolone 5 mg once daily, reducing by 1 mg a week."
OTHER = ("Blood pressure 138/82 mmHg at the clinic.", "She lives with her husband.")
THEIRS = "Sitagliptin 100 mg once daily."  # another patient's drug


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vault, int, int]:
    folder: Path = tmp_path_factory.mktemp("respell")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    mine, theirs = v.add_patient("P"), v.add_patient("Q")
    for number, text in enumerate((STARTED, STEROID, *OTHER)):
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(mine, f"{number}.txt", "txt", text.encode(), [chunk], embed([text]), "m")
    chunk = ChunkRecord(THEIRS, 1, 0, len(THEIRS))
    v.add_document(theirs, "q.txt", "txt", THEIRS.encode(), [chunk], embed([THEIRS]), "m")
    return v, mine, theirs


def found(vault: tuple[Vault, int, int], question: str) -> list[str]:
    v, mine, _ = vault
    return [h.text for h in v.search(question, None, patient_id=mine, k=5)]


@pytest.mark.parametrize(
    "question",
    ["Is she taking linaglipton?", "Is she on linagliptn?", "Is she on lingaliptin?"],
)
def test_a_misspelt_drug_finds_the_patients_drug(
    vault: tuple[Vault, int, int], question: str
) -> None:
    assert found(vault, question)[0] == STARTED


def test_a_known_drug_is_not_respelt(vault: tuple[Vault, int, int]) -> None:
    # "prednisone" is another drug than the record's prednisolone: nothing is found for it.
    assert found(vault, "Is she taking prednisone?") == []
    assert not may_be_misspelt("prednisone") and not may_be_misspelt("smoking")
    assert may_be_misspelt("linaglipton") and may_be_misspelt("lisinipril")


def test_another_patients_word_is_not_used(vault: tuple[Vault, int, int]) -> None:
    # "sitagliptn" is one edit from patient Q's "sitagliptin", which patient P's record lacks.
    assert found(vault, "Is she on sitagliptn?") == []


def test_the_nearest_word_within_the_edits_allowed() -> None:
    assert edit_distance("linaglipton", "linagliptin", 2) == 1
    assert edit_distance("lingaliptin", "linagliptin", 2) == 1  # two letters swapped
    assert edit_distance("linaglipton", "metformin", 2) == 3  # past the limit
    assert nearest("linaglipton", ["metformin", "linagliptin", "liner"]) == "linagliptin"
    # Six or seven letters: one edit only; two words as near: no guess.
    assert nearest("asprin", ["aspirin"]) == "aspirin"
    assert nearest("aspxxn", ["aspirin"]) is None
    assert nearest("warfarn", ["warfarin", "warfare"]) is None


def test_the_answer_says_how_a_misspelt_word_was_read() -> None:
    # The passage search found for "linaglipton" is given (its cosine is low), and the model
    # and the clinician are told how the word was read.
    given = [hit(51, STARTED, vector_score=0.2, document_id=4, file_name="discharge.txt")]
    model = FakeChatModel("Yes, linagliptin 5 mg once daily was started [1].")
    answerer = GroundedAnswerer(model, FakeRetriever(given), FakeEmbedder())
    result = answerer.ask("Is she on linaglipton?", Scope(patient_id=1)).consume()
    note = "'linaglipton' in the question was read as 'Linagliptin' [1]"
    assert result.status == "answered"
    assert note in result.notes and note in model.calls[0][-1].content
    # A word written as the passage writes it gets no note.
    model = FakeChatModel("Yes, linagliptin 5 mg once daily was started [1].")
    answerer = GroundedAnswerer(model, FakeRetriever(given), FakeEmbedder())
    plain = answerer.ask("Is she on linagliptin?", Scope(patient_id=1)).consume()
    assert not any("was read as" in n for n in plain.notes)


def test_a_set_aside_draft_still_says_how_the_word_was_read() -> None:
    # Walk 42g: the draft ("she is taking linaglipton", then sertraline) was set aside, and the
    # note was not shown on that path.
    given = [hit(52, STARTED, vector_score=0.2, document_id=4, file_name="discharge.txt")]
    model = FakeChatModel("She has been prescribed sertraline 50 mg every day for 4 weeks [1].")
    answerer = GroundedAnswerer(model, FakeRetriever(given), FakeEmbedder())
    result = answerer.ask("Is she taking linaglipton?", Scope(patient_id=1)).consume()
    assert result.status != "answered"
    assert "'linaglipton' in the question was read as 'Linagliptin' [1]" in result.notes


def test_the_letter_pair_test_keeps_every_word_within_the_edits() -> None:
    # Each kind of edit, at its worst for the letter pairs (a swap inside the word), still
    # finds the word: the quick test only leaves out words that are too far.
    word = "linagliptin"
    for typo in ("lniagliptin", "linagilptin", "linagliptni", "linaglptin", "linaglipptin"):
        assert nearest(typo, ["metformin", word]) == word
    assert nearest("lniaglpitin", [word]) == word  # two swaps: two edits


HYPER = "Admitted with hyperkalaemia, potassium 6.8 mmol/L, treated with insulin dextrose."

# Review 42: a condition one or two edits from its opposite was read as the opposite.
OPPOSITES = [
    ("hypokalaemia", "hyperkalaemia"),
    ("hypokalemia", "hyperkalemia"),
    ("hyponatraemia", "hypernatraemia"),
    ("hypomagnesaemia", "hypermagnesaemia"),
    ("hypovolaemia", "hypervolaemia"),
    ("hypercapnia", "hypocapnia"),
    ("hyperreflexia", "hyporeflexia"),
    ("microcytic", "macrocytic"),
    ("microalbuminuria", "macroalbuminuria"),
    ("bradycardia", "tachycardia"),
]


@pytest.mark.parametrize(("asked", "written"), OPPOSITES)
def test_a_condition_is_never_read_as_its_opposite(asked: str, written: str) -> None:
    assert opposite(asked, written) and opposite(written, asked)
    assert respelling(asked, [written]) is None
    assert not respelt(asked, {written, "potassium"})


def test_only_a_known_drug_is_a_reading() -> None:
    # A misspelt condition is left unread (it may be a near word of another meaning); a
    # misspelt drug is read as the drug, in a passage's words and as the index's stem.
    assert respelling("dysphagai", ["dysphasia"]) is None
    assert respelling("linaglipton", ["linagliptin", "metformin"]) == "linagliptin"
    assert respelling("amlodipien", ["amlodipin"], stemmed=True) == "amlodipin"
    assert respelling("amlodipien", ["amlodipin"]) is None  # a stem is no passage word
    assert not opposite("linaglipton", "linagliptin")


def test_search_and_answer_do_not_read_a_condition_as_its_opposite(tmp_path: Path) -> None:
    v, _ = Vault.create(tmp_path / "vault", "pass", kdf_params=FAST)
    mine = v.add_patient("P")
    for number, text in enumerate((HYPER, OTHER[1])):
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(mine, f"{number}.txt", "txt", text.encode(), [chunk], embed([text]), "m")
    hits = [h.text for h in v.search("Has she ever had hypokalaemia?", None, patient_id=mine, k=5)]
    assert HYPER not in hits
    given = [hit(53, HYPER, vector_score=0.2, document_id=4, file_name="discharge.txt")]
    model = FakeChatModel("Yes, she had hyperkalaemia with potassium 6.8 mmol/L [1].")
    answerer = GroundedAnswerer(model, FakeRetriever(given), FakeEmbedder())
    result = answerer.ask("Was her potassium low, any hypokalaemia?", Scope(patient_id=1)).consume()
    assert not any("was read as" in n for n in result.notes)
    assert all("was read as" not in call[-1].content for call in model.calls)
