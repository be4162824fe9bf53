"""The Vault API: patients, documents in one transaction, deletion, chats, outputs, scoping and
hybrid search (real SQLCipher and real chromadb; a small deterministic embedder for speed)."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from medlocal.errors import UserInputError
from medlocal.vault.errors import DuplicateDocumentError, NotFoundError
from medlocal.vault.keys import KdfParams
from medlocal.vault.lexical import fts_match_expression, reciprocal_rank_fusion
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"

# Concepts the fake model "knows", with synonyms that share a direction. Like a real small
# embedder it captures meaning and misses rare identifiers: drug names and record numbers fall
# outside its vocabulary.
CONCEPTS = (
    ("dose", "dosage", "tablet", "tablets", "mg"),
    ("daily", "twice", "nightly"),
    ("heart", "cardiac", "chest"),
    ("pain", "ache"),
    ("kidney", "renal"),
    ("fever", "temperature"),
    ("cough", "breath"),
    ("patient", "admitted", "discharged"),
    ("review", "reviewed", "clinic", "follow"),
    ("started", "stopped", "increased", "reduced"),
    ("blood", "pressure"),
    ("diabetes", "sugar"),
)
WORD_TO_CONCEPT = {word: i for i, words in enumerate(CONCEPTS) for word in words}


class FakeEmbedder:
    """Deterministic bag-of-concepts embedder (L2-normalised float32)."""

    model_id = "fake-concepts-v1"
    dim = 16

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if word in WORD_TO_CONCEPT:
                    out[row, WORD_TO_CONCEPT[word]] += 1.0
            out[row, self.dim - 1] += 0.05  # never the zero vector
            out[row] /= np.linalg.norm(out[row])
        return out

    def count_tokens(self, text: str) -> int:
        return len(text.split())


EMB = FakeEmbedder()


def chunks_of(*texts: str) -> list[ChunkRecord]:
    records, offset = [], 0
    for text in texts:
        records.append(ChunkRecord(text, 1, offset, offset + len(text)))
        offset += len(text) + 1
    return records


def add(vault: Vault, patient: int, name: str, *texts: str, collection: str | None = None) -> int:
    chunks = chunks_of(*texts)
    return vault.add_document(
        patient,
        name,
        "txt",
        "\n".join(texts).encode(),
        chunks,
        EMB.embed([c.text for c in chunks]),
        EMB.model_id,
        collection,
    )


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    yield vault
    vault.lock()


def test_patients_crud(vault: Vault) -> None:
    a = vault.add_patient("Ada Lovelace", mrn="MRN-1", dob="1815-12-10")
    b = vault.add_patient("Alan Turing")
    assert [p.name for p in vault.list_patients()] == ["Ada Lovelace", "Alan Turing"]
    assert vault.get_patient(a).mrn == "MRN-1"
    vault.remove_patient(b)
    with pytest.raises(NotFoundError):
        vault.get_patient(b)
    with pytest.raises(UserInputError):
        vault.add_patient("   ")


def test_add_document_stores_everything_and_rejects_duplicates(vault: Vault) -> None:
    p = vault.add_patient("P")
    doc = add(vault, p, "notes.txt", "Chest pain on exertion.", "Started aspirin 75 mg daily.")
    info = vault.get_document(doc)
    assert (info.file_name, info.chunk_count, info.embed_model_id) == ("notes.txt", 2, EMB.model_id)
    assert vault.document_bytes(doc) == b"Chest pain on exertion.\nStarted aspirin 75 mg daily."
    assert vault.document_text(doc) == "Chest pain on exertion. Started aspirin 75 mg daily."
    chunk = vault.document_chunks(doc)[1]
    assert vault.get_chunk(chunk.id).text == "Started aspirin 75 mg daily."
    assert vault.has_document(p, info.sha256)
    with pytest.raises(DuplicateDocumentError) as dup:
        add(vault, p, "copy.txt", "Chest pain on exertion.", "Started aspirin 75 mg daily.")
    assert dup.value.existing_id == doc
    other = vault.add_patient("Q")  # the same file for another patient is fine
    add(vault, other, "notes.txt", "Chest pain on exertion.", "Started aspirin 75 mg daily.")


def test_explicit_text_is_kept(vault: Vault) -> None:
    p = vault.add_patient("P")
    chunks = chunks_of("Line one.")
    doc = vault.add_document(
        p, "a.txt", "txt", b"a", chunks, EMB.embed(["Line one."]), EMB.model_id, text="Line one.\n"
    )
    assert vault.document_text(doc) == "Line one.\n"


def test_failed_add_leaves_nothing_behind(vault: Vault) -> None:
    p = vault.add_patient("P")
    chunks = chunks_of("one", "two")
    with pytest.raises(ValueError):
        vault.add_document(p, "a", "txt", b"a", chunks, EMB.embed(["one"]), EMB.model_id)
    bad = EMB.embed(["one", "two"])
    bad[1, 0] = np.nan
    with pytest.raises(ValueError):
        vault.add_document(p, "a", "txt", b"a", chunks, bad, EMB.model_id)
    with pytest.raises(NotFoundError):
        vault.add_document(999, "a", "txt", b"a", chunks, EMB.embed(["one", "two"]), "m")
    # A failure inside the transaction (a chunk with a NULL text) rolls everything back.
    broken = [ChunkRecord("one", 1, 0, 3), ChunkRecord(None, 1, 4, 7)]  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - sqlite's IntegrityError
        vault.add_document(p, "a", "txt", b"a", broken, EMB.embed(["x", "y"]), EMB.model_id)
    assert vault.list_documents() == []
    assert vault.search("one", None) == []


def test_delete_document_removes_chunks_vectors_and_fts_rows(vault: Vault) -> None:
    p = vault.add_patient("P")
    keep = add(vault, p, "keep.txt", "Metformin 500 mg twice daily.")
    gone = add(vault, p, "gone.txt", "Dabigatran 150 mg twice daily.")
    query = EMB.embed(["dabigatran twice daily"])[0]
    assert {h.document_id for h in vault.search("dabigatran", query, patient_id=p)} == {keep, gone}
    vault.delete_document(gone)
    hits = vault.search("dabigatran twice daily", query, patient_id=p)
    assert {h.document_id for h in hits} == {keep}
    session = vault._s
    assert session is not None
    conn = session.conn
    assert conn.execute("SELECT count(*) FROM chunks").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM embeddings").fetchone()[0] == 1
    fts = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'dabigatran'"
    assert conn.execute(fts).fetchone()[0] == 0
    assert [d.id for d in vault.list_documents(p)] == [keep]
    with pytest.raises(NotFoundError):
        vault.delete_document(gone)


def test_remove_patient_removes_their_documents_from_every_index(vault: Vault) -> None:
    p, q = vault.add_patient("P"), vault.add_patient("Q")
    add(vault, p, "p.txt", "Apixaban 5 mg twice daily.")
    add(vault, q, "q.txt", "Apixaban 2.5 mg twice daily.")
    query = EMB.embed(["apixaban"])[0]
    assert len(vault.search("apixaban", query)) == 2
    vault.remove_patient(p)
    hits = vault.search("apixaban", query)
    assert [h.patient_id for h in hits] == [q]


def test_scoping_by_patient_collection_and_document(vault: Vault) -> None:
    p, q = vault.add_patient("P"), vault.add_patient("Q")
    d1 = add(vault, p, "cardio.txt", "Heart failure review, furosemide.", collection="cardiology")
    d2 = add(vault, p, "renal.txt", "Kidney review, furosemide stopped.", collection="renal")
    d3 = add(vault, q, "other.txt", "Furosemide 40 mg daily.")
    vec = EMB.embed(["furosemide review"])[0]
    assert {h.document_id for h in vault.search("furosemide", vec)} == {d1, d2, d3}
    assert {h.document_id for h in vault.search("furosemide", vec, patient_id=p)} == {d1, d2}
    assert {h.document_id for h in vault.search("furosemide", vec, collection="renal")} == {d2}
    assert {h.document_id for h in vault.search("furosemide", vec, document_ids=[d3])} == {d3}
    assert vault.search("furosemide", vec, collection="no such collection") == []
    assert vault.search("furosemide", vec, document_ids=[]) == []
    assert [c.name for c in vault.list_collections()] == ["cardiology", "renal"]
    assert vault.get_document(d1).collection == "cardiology"


def test_hits_carry_location_and_both_scores(vault: Vault) -> None:
    p = vault.add_patient("P")
    doc = add(vault, p, "a.txt", "Blood pressure 150/90.", "Started ramipril 2.5 mg daily.")
    hits = vault.search("ramipril", EMB.embed(["ramipril daily"])[0], patient_id=p, k=2)
    top = hits[0]
    assert (top.document_id, top.file_name, top.page) == (doc, "a.txt", 1)
    assert (top.start, top.end) == (23, 53)
    assert top.text == "Started ramipril 2.5 mg daily."
    assert top.bm25_score is not None and top.bm25_score > 0
    assert top.vector_score is not None and -1.0 <= top.vector_score <= 1.0001
    assert top.score == pytest.approx(2 / 61)


def test_an_updated_document_and_its_original_both_reach_the_top_k_newest_first(
    vault: Vault,
) -> None:
    p = vault.add_patient("P")
    summary = (
        "Discharge summary. Type 2 diabetes. Medications: metformin {dose} twice daily, "
        "atorvastatin 40 mg nightly, ramipril 5 mg daily. Review in diabetes clinic."
    )
    old = add(vault, p, "summary.txt", summary.format(dose="500 mg"))
    # A copy of it (quoted in a letter) is a repeat and never takes a slot from other evidence.
    copy = add(vault, p, "copy.txt", summary.format(dose="500 mg") + " Copied to GP.")
    letters = add(vault, p, "letters.txt", "Metformin dose reviewed.", "Metformin held for scan.")
    new = add(vault, p, "summary_revised.txt", summary.format(dose="1 g"))
    query = "metformin dose"
    hits = vault.search(query, EMB.embed([query])[0], patient_id=p, k=3)
    docs = [h.document_id for h in hits]
    versions = [d for d in docs if d in (old, copy, new)]
    assert len(versions) == 2 and versions[0] == new
    assert letters in docs


def test_hybrid_finds_exact_drug_name_and_mrn_that_vector_search_misses(vault: Vault) -> None:
    p = vault.add_patient("P")
    # Passages about doses (close in meaning to the question) that lack its exact words.
    distractors = [f"Tablet dosage {w} reviewed." for w in ("held", "same", "halved", "split")]
    unrelated = [f"Patient admitted with fever and cough, chest pain {i}." for i in range(6)]
    add(vault, p, "distractors.txt", *distractors, *unrelated)
    target = add(vault, p, "letter.txt", "Started dabigatran for atrial fibrillation.")
    mrn_doc = add(
        vault, p, "admin.txt", "Patient admitted, fever, cough, chest pain, MRN-4471-2209-X."
    )

    query = "dabigatran dose"
    vector = EMB.embed([query])[0]
    vector_only = vault.search("", vector, patient_id=p, k=3)
    assert len(vector_only) == 3 and target not in {h.document_id for h in vector_only}
    hybrid = vault.search(query, vector, patient_id=p, k=3)
    assert target in {h.document_id for h in hybrid}

    query = "MRN-4471-2209-X"
    vector = EMB.embed([query])[0]
    assert mrn_doc not in {h.document_id for h in vault.search("", vector, patient_id=p, k=3)}
    hybrid = vault.search(query, vector, patient_id=p, k=3)
    assert mrn_doc in {h.document_id for h in hybrid}
    assert [h.document_id for h in hybrid if h.bm25_score is not None] == [mrn_doc]


def test_vectors_of_different_embedding_models_are_never_mixed(vault: Vault) -> None:
    p = vault.add_patient("P")
    a = add(vault, p, "a.txt", "chest pain")
    other_vector = np.zeros((1, EMB.dim), dtype=np.float32)
    other_vector[0, 0] = 1.0
    b = vault.add_document(p, "b.txt", "txt", b"b", chunks_of("zzz"), other_vector, "another-model")
    hits = vault.search("", other_vector[0], patient_id=p, embed_model_id=EMB.model_id, k=5)
    assert {h.document_id for h in hits} == {a}
    hits = vault.search("", other_vector[0], patient_id=p, embed_model_id="another-model", k=5)
    assert {h.document_id for h in hits} == {b}
    # Without a model id the newest model with the query's dimension is used.
    assert vault.embed_model_ids()[0] == "another-model"
    assert {h.document_id for h in vault.search("", other_vector[0], k=5)} == {b}
    # A query of another dimension matches no model: lexical results only.
    assert vault.search("", np.ones(7, dtype=np.float32), k=5) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NEAR(a b)",
        "a AND",
        "-",
        "col:value",
        "*",
        "'; DROP TABLE chunks; --",
        "^start",
        "()",
        "",
    ],
)
def test_user_text_never_breaks_fts(vault: Vault, query: str) -> None:
    p = vault.add_patient("P")
    add(vault, p, "a.txt", "value start a b")
    vault.search(query, None, patient_id=p)
    assert len(vault.list_documents()) == 1


def test_fts_expression_quotes_every_word() -> None:
    assert fts_match_expression('MRN-0042 "x" dose?') == '"MRN-0042" OR "x" OR "dose"'
    assert fts_match_expression('a"b') == '"a""b"'
    assert fts_match_expression("?? --") is None


def test_reciprocal_rank_fusion() -> None:
    fused = dict(reciprocal_rank_fusion([(1, 0.9), (2, 0.8)], [(2, 5.0), (3, 1.0)]))
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[1] == pytest.approx(1 / 61)
    assert max(fused, key=fused.__getitem__) == 2


def test_chats_and_outputs(vault: Vault) -> None:
    p = vault.add_patient("P")
    chat = vault.create_chat(p)
    vault.add_chat_message(chat, "user", "What is the dose?")
    vault.add_chat_message(chat, "assistant", "5 mg [1].")
    assert [(m.role, m.content) for m in vault.chat_messages(chat)] == [
        ("user", "What is the dose?"),
        ("assistant", "5 mg [1]."),
    ]
    assert vault.list_chats(p) == [(chat, p, vault.list_chats()[0][2])]
    with pytest.raises(ValueError):
        vault.add_chat_message(chat, "robot", "x")
    with pytest.raises(NotFoundError):
        vault.add_chat_message(999, "user", "x")
    out = vault.save_output(p, "discharge", "Discharge summary", "Text", {"model": "m"}, [{"a": 1}])
    stored = vault.get_output(out)
    assert (stored.kind, stored.provenance, stored.flags) == (
        "discharge",
        {"model": "m"},
        [{"a": 1}],
    )
    assert [o.id for o in vault.list_outputs(p)] == [out] == [o.id for o in vault.list_outputs()]
    with pytest.raises(NotFoundError):
        vault.get_output(out + 1)
    vault.remove_patient(p)
    assert vault.list_outputs() == [] and vault.chat_messages(chat) == []


def test_background_index_build_reports_progress(vault: Vault) -> None:
    from medlocal.vault.index import ALL_PATIENTS, VectorIndex

    patients = [vault.add_patient(f"P{i}") for i in range(3)]
    for i, p in enumerate(patients):
        add(vault, p, f"{i}.txt", f"chest pain {i}", f"fever {i}", "cough")
    session = vault._s
    assert session is not None
    session.index.close()  # start from an empty index, as after unlock
    session.index = VectorIndex()
    seen: list[tuple[int, int]] = []
    thread = vault.build_index(progress=lambda done, total: seen.append((done, total)))
    assert isinstance(thread, threading.Thread)
    thread.join(timeout=60)
    assert seen and seen[-1] == (9, 9)
    assert session.index.is_built(ALL_PATIENTS, EMB.model_id)
    assert not any(session.index.is_built(p, EMB.model_id) for p in patients)
    # Unscoped queries use the whole-vault collection; a scoped one builds its patient's.
    query = EMB.embed(["fever"])[0]
    assert len({h.patient_id for h in vault.search("", query, k=9)}) == 3
    assert {h.patient_id for h in vault.search("", query, patient_id=patients[1])} == {patients[1]}
    assert session.index.is_built(patients[1], EMB.model_id)
    # New and deleted documents reach both kinds of collection.
    new_doc = add(vault, patients[1], "new.txt", "fever again")
    assert new_doc in {h.document_id for h in vault.search("", query, k=20)}
    assert new_doc in {h.document_id for h in vault.search("", query, patient_id=patients[1])}
    vault.delete_document(new_doc)
    assert new_doc not in {h.document_id for h in vault.search("", query, k=20)}
    assert new_doc not in {h.document_id for h in vault.search("", query, patient_id=patients[1])}


def test_index_lives_in_memory_only_and_is_dropped_on_lock(
    tmp_path: Path, medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    vault, _ = Vault.create(None, PASS, kdf_params=FAST)  # the default folder, under MEDLOCAL_HOME
    p = vault.add_patient("P")
    add(vault, p, "a.txt", "chest pain", "fever")
    vault.build_index(background=False)
    vault.search("fever", EMB.embed(["fever"])[0])
    session = vault._s
    assert session is not None
    index = session.index
    names = [c.name for c in index._client.list_collections()]
    assert any(name.startswith(index._prefix) for name in names)
    files = sorted(
        os.path.relpath(os.path.join(root, f), medlocal_home)
        for root, _, fs in os.walk(medlocal_home)
        for f in fs
    )
    assert files == [
        "data/vault/vault.db",
        "data/vault/vault.db-shm",
        "data/vault/vault.db-wal",
        "data/vault/vault.keys.json",
        "data/vault/vault.unrecorded.json",  # a count and a time, nothing of the index
    ]
    assert list(cwd.iterdir()) == []
    vault.lock()
    remaining = [c.name for c in index._client.list_collections()]
    assert not any(name.startswith(index._prefix) for name in remaining)
    assert list(cwd.iterdir()) == []


def test_chroma_client_is_ephemeral_with_the_required_settings() -> None:
    from medlocal.vault.index import chroma_settings

    settings = chroma_settings()
    assert settings.anonymized_telemetry is False
    assert settings.chroma_api_impl == "chromadb.api.rust.RustBindingsAPI"
    assert settings.allow_reset is False
    assert not settings.is_persistent


def test_sha256_is_of_the_original_bytes(vault: Vault) -> None:
    p = vault.add_patient("P")
    doc = add(vault, p, "a.txt", "x")
    assert vault.get_document(doc).sha256 == hashlib.sha256(b"x").hexdigest()


def test_words_in_most_passages_are_dropped_from_large_vault_queries(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.vault import lexical

    p = vault.add_patient("P")
    add(vault, p, "a.txt", *[f"common words everywhere number {i}" for i in range(9)], "rare zeta")
    session = vault._s
    assert session is not None
    words = ["common", "zeta", "MRN-1"]
    assert lexical.drop_common_words(session.conn, words, 10) == words  # small vault: untouched
    monkeypatch.setattr(lexical, "COMMON_TERM_MIN_DOCS", 2)
    assert lexical.drop_common_words(session.conn, words, 10) == ["zeta", "MRN-1"]
    hits = vault.search("common zeta", None, patient_id=p)
    assert [h.text for h in hits] == ["rare zeta"]


def test_deleting_documents_together_purges_their_text_once(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window deletes a selection in one call: one FTS optimise and WAL fold for all of it
    (each is a pass over the whole text index), and none of the deleted text stays findable."""
    from medlocal.vault.session import Session

    purge = Session.purge
    purges: list[int] = []

    def counting(s: Session) -> None:
        purges.append(1)
        purge(s)

    monkeypatch.setattr(Session, "purge", counting)
    p = vault.add_patient("P")
    keep = add(vault, p, "keep.txt", "Metformin 500 mg twice daily.")
    gone = [add(vault, p, f"gone{n}.txt", f"Dabigatran {n}50 mg twice daily.") for n in range(3)]
    vault.delete_documents(gone)
    assert purges == [1]
    session = vault._s
    assert session is not None
    fts = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'dabigatran'"
    assert session.conn.execute(fts).fetchone()[0] == 0
    assert [d.id for d in vault.list_documents(p)] == [keep]
    deleted = [e.details["document_id"] for e in vault.audit_entries() if e.event == "delete"]
    assert deleted == gone
    query = EMB.embed(["dabigatran twice daily"])[0]
    assert {h.document_id for h in vault.search("dabigatran", query, patient_id=p)} == {keep}


def test_a_missing_document_in_a_batch_deletes_none(vault: Vault) -> None:
    p = vault.add_patient("P")
    first = add(vault, p, "a.txt", "Apixaban 5 mg twice daily.")
    with pytest.raises(NotFoundError):
        vault.delete_documents([first, first + 100])
    assert [d.id for d in vault.list_documents(p)] == [first]
