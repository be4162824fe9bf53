"""Re-chunking a vault written before passages had headers, from the stored originals, in a
real SQLCipher vault: every document is brought up to date in one swap each, is found by its
header words afterwards, the job reports progress, honours cancel, and leaves an audit trail."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder

from medlocal.ingest.rechunk import rechunk_documents
from medlocal.progress import Progress
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
NOTE = b"DISCHARGE SUMMARY\n\nDIET:\nTwo gram sodium diet.\n\nACTIVITY:\nWalk daily as tolerated.\n"
EMB = FakeEmbedder()


def _old_style(vault: Vault, patient: int, name: str, data: bytes) -> int:
    """A document stored the way the first schema chunked it: one passage, no header."""
    text = data.decode()
    chunk = ChunkRecord(text=text, page=None, start=0, end=len(text))
    return vault.add_document(
        patient, name, "txt", data, [chunk], EMB.embed([text]), EMB.model_id, text=text
    )


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        yield vault


def test_old_documents_are_rechunked_in_place(vault: Vault) -> None:
    patient = vault.add_patient("P")
    first = _old_style(vault, patient, "discharge_summary.txt", NOTE)
    second = _old_style(vault, patient, "letter.txt", b"Seen today. Stable on current treatment.\n")
    assert vault.documents_without_headers() == [first, second]
    events: list[Progress] = []
    result = rechunk_documents(vault, EMB, progress=events.append)
    assert (result.total, result.rechunked, result.failed, result.cancelled) == (2, 2, 0, False)
    assert vault.documents_without_headers() == []
    chunks = vault.document_chunks(first)
    assert [c.section for c in chunks] == ["DIET", "ACTIVITY"]
    assert chunks[0].context == "discharge summary | DIET (food and fluid advice)"
    text = vault.document_text(first)
    assert all(text[c.start : c.end] == c.text for c in chunks)
    # Found by a word only its header holds, and the text shown is the passage alone.
    hits = vault.search("food advice", None, patient_id=patient, k=3)
    assert hits and hits[0].text == "DISCHARGE SUMMARY\n\nDIET:\nTwo gram sodium diet."
    assert [e.stage for e in events if e.unit == "documents"] == ["re-chunking"] * 2
    assert events[-1].done == events[-1].total == 2
    assert any(e.unit == "passages" and e.detail == "letter.txt" for e in events)
    assert [e.details["document_id"] for e in vault.audit_entries() if e.event == "rechunk"] == [
        first,
        second,
    ]
    assert vault.audit_verify().ok
    assert rechunk_documents(vault, EMB).total == 0  # nothing left to do


def test_cancel_leaves_every_document_whole(vault: Vault) -> None:
    patient = vault.add_patient("P")
    ids = [_old_style(vault, patient, f"{i}.txt", NOTE + bytes([65 + i])) for i in range(3)]
    cancel = threading.Event()

    def stop_after_first(event: Progress) -> None:
        if event.unit == "documents":
            cancel.set()

    result = rechunk_documents(vault, EMB, progress=stop_after_first, cancel=cancel)
    assert result.cancelled and result.rechunked == 1
    assert vault.documents_without_headers() == ids[1:]
    for document_id in ids[1:]:
        (chunk,) = vault.document_chunks(document_id)
        assert chunk.context is None and chunk.text.startswith("DISCHARGE SUMMARY")


def test_a_document_changed_meanwhile_is_left_alone(vault: Vault) -> None:
    patient = vault.add_patient("P")
    document_id = _old_style(vault, patient, "a.txt", NOTE)
    stale = [chunk.id + 1000 for chunk in vault.document_chunks(document_id)]
    chunk = ChunkRecord(text="x", page=None, start=0, end=1, context="a")
    swapped = vault.replace_passages(
        document_id, stale, text="x", chunks=[chunk], vectors=EMB.embed(["x"]), embed_model_id="m"
    )
    assert not swapped
    assert vault.document_text(document_id) == NOTE.decode()
