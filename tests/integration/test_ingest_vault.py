"""Import into the real SQLCipher vault with the real (demo) llama.cpp embedder: good files land
complete and searchable, every bad file fails alone, and the vault stays healthy."""

from __future__ import annotations

import threading
from pathlib import Path

from fixtures.ingest_files import (
    BATCH_MAX_BYTES,
    FakeEmbedder,
    make_pdf,
    write_bad_and_good_files,
)

from medlocal.engine.api import Embedder
from medlocal.ingest.pipeline import ProgressEvent, import_paths
from medlocal.vault.store import Vault


def test_batch_with_every_bad_input_into_real_vault(vault: Vault, tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    expectations = write_bad_and_good_files(tmp_path / "batch")
    named = [tmp_path / "batch" / name for name in sorted(expectations)]  # named, not walked
    patient = vault.add_patient("Test Patient")
    report = import_paths(vault, named, patient, embedder, max_bytes=BATCH_MAX_BYTES)
    outcomes = {outcome.file_name: outcome for outcome in report.files}
    good = {name for name, expectation in expectations.items() if expectation == "imported"}
    for name, expectation in expectations.items():
        if name in good:
            assert outcomes[name].status == "imported", (name, outcomes[name].reason)
        else:
            assert outcomes[name].status == "failed", name
            assert expectation in (outcomes[name].reason or "")

    stored = vault.list_documents(patient)
    assert {doc.file_name for doc in stored} == good
    for doc in stored:
        assert doc.embed_model_id == embedder.model_id
        text = vault.document_text(doc.id)
        chunks = vault.document_chunks(doc.id)
        assert len(chunks) == doc.chunk_count == outcomes[doc.file_name].chunks
        for chunk in chunks:
            assert text[chunk.start : chunk.end] == chunk.text
        assert vault.document_bytes(doc.id) == (tmp_path / "batch" / doc.file_name).read_bytes()
    pdf = next(doc for doc in stored if doc.file_type == "pdf")
    assert vault.document_chunks(pdf.id)[0].page == 1
    assert vault.check_integrity() == []

    # Importing the same folder again skips every good file as a duplicate.
    again = import_paths(vault, named, patient, embedder, max_bytes=BATCH_MAX_BYTES)
    assert {o.file_name for o in again.skipped} == good
    assert all((o.reason or "").startswith("duplicate") for o in again.skipped)
    assert len(vault.list_documents(patient)) == len(good)


def test_real_embedder_import_is_searchable(
    vault: Vault, demo_embedder: Embedder, tmp_path: Path
) -> None:
    """The whole path with real components: llama.cpp embeddings, SQLCipher, chromadb, FTS5."""
    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "letter.txt").write_text(
        "Clinic letter.\n\nThe patient takes metformin 500 mg twice daily for diabetes.\n\n"
        "Blood pressure is well controlled on amlodipine."
    )
    (folder / "scan.pdf").write_bytes(make_pdf(["Chest X-ray: no consolidation seen."]))
    patient = vault.add_patient("Real Patient")
    report = import_paths(vault, [folder], patient, demo_embedder)
    assert [o.status for o in report.files] == ["imported", "imported"]
    query = "metformin"
    hits = vault.search(
        query,
        demo_embedder.embed([query])[0],
        patient_id=patient,
        embed_model_id=demo_embedder.model_id,
    )
    assert hits and hits[0].file_name == "letter.txt"
    assert "metformin 500 mg" in hits[0].text
    assert hits[0].vector_score is not None and hits[0].bm25_score is not None


def test_cancel_leaves_only_complete_documents(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for index in range(6):
        pages = [f"Document {index} page {p}. " + "Stable findings noted. " * 30 for p in (1, 2)]
        (folder / f"{index:02d}.pdf").write_bytes(make_pdf(pages))
    patient = vault.add_patient("Cancel Patient")
    cancel = threading.Event()

    def stop_after_third(event: ProgressEvent) -> None:
        if event.index == 3 and event.stage == "embed":
            cancel.set()  # mid-file: the third document must not be written

    report = import_paths(
        vault,
        [folder],
        patient,
        FakeEmbedder(),
        progress=stop_after_third,
        cancel=cancel,
        embed_batch=1,
    )
    assert report.cancelled
    assert [o.status for o in report.files] == ["imported", "imported", "cancelled"]
    stored = vault.list_documents(patient)
    assert [doc.file_name for doc in stored] == ["00.pdf", "01.pdf"]
    for doc in stored:
        assert doc.chunk_count == next(
            o.chunks for o in report.files if o.file_name == doc.file_name
        )
    assert vault.check_integrity() == []


def test_duplicate_raced_past_the_precheck_is_skipped(vault: Vault, tmp_path: Path) -> None:
    """Two identical files in one batch: the vault's own check inside the transaction holds."""
    folder = tmp_path / "same"
    folder.mkdir()
    (folder / "a.txt").write_text("Identical content.")
    (folder / "b.txt").write_text("Identical content.")
    patient = vault.add_patient("Dup Patient")

    class NoPrecheck:
        def __getattr__(self, name: str) -> object:
            return getattr(vault, name)

        def has_document(self, patient_id: int, sha256: str) -> bool:
            return False

    report = import_paths(NoPrecheck(), [folder], patient, FakeEmbedder())  # type: ignore[arg-type]
    assert [o.status for o in report.files] == ["imported", "skipped"]
    assert len(vault.list_documents(patient)) == 1


def test_a_duplicate_imported_with_a_collection_joins_it(vault: Vault, tmp_path: Path) -> None:
    """Imported first without a collection, then again with one: the document is not stored
    twice, but it joins the collection, so search within the collection (vector and exact-word)
    finds it; the report says so."""
    note = tmp_path / "note.txt"
    note.write_text("Ferritin was low at 12 ug/L on review.")
    patient = vault.add_patient("Collection Patient")
    embedder = FakeEmbedder()
    (first,) = import_paths(vault, [note], patient, embedder).files
    query = embedder.embed(["ferritin low"])[0]
    assert vault.search("ferritin", query, patient_id=patient, k=3)  # the index is built
    vault.add_collection("cardio")
    assert vault.search("ferritin", query, patient_id=patient, collection="cardio") == []

    (again,) = import_paths(vault, [note], patient, embedder, collection="cardio").files
    assert again.status == "skipped"
    assert again.reason == (
        f"duplicate: already imported for this patient (document {first.document_id}); "
        "added to collection cardio"
    )
    assert vault.get_document(first.document_id or 0).collection == "cardio"
    by_vector = vault.search("qqqq", query, patient_id=patient, collection="cardio", k=3)
    assert [hit.document_id for hit in by_vector] == [first.document_id]
    lexical = vault.search("ferritin", None, patient_id=patient, collection="cardio", k=3)
    assert [hit.document_id for hit in lexical] == [first.document_id]
    assert "collection_add" in [e.event for e in vault.audit_entries()]

    (third,) = import_paths(vault, [note], patient, embedder, collection="cardio").files
    assert third.reason and third.reason.endswith("; already in collection cardio")
    (other,) = import_paths(vault, [note], patient, embedder, collection="renal").files
    assert other.reason and other.reason.endswith(
        "; it stays in collection cardio (a document is in one collection only)"
    )
    assert vault.get_document(first.document_id or 0).collection == "cardio"
    assert vault.check_integrity() == []
