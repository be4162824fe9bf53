"""Walk 35: every export of a patient read every document of the patient again (more than ten
minutes with a 5 MB document on file). Each document's record seeds are now kept in the vault
(SQLCipher), read once, in bounded pieces, with progress and cancel; they go with the document."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from medlocal.app.outputs import delete_document, preview_redactions
from medlocal.errors import GenerationCancelled
from medlocal.privacy import deid_record, deid_seeds_version
from medlocal.progress import Progress
from medlocal.rag import export as rag_export
from medlocal.rag import export_record
from medlocal.rag.export import Shared
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

PASS = "correct horse battery staple"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
# The daughter is named with a cue in the referral only; the clinic letter names her alone.
REFERRAL = (
    "Referral\n\nPatient: Mortimer Fenwick. Seen with his daughter Rowena Quillfeather.\n\n"
    + "Observations were stable overnight and the plan is unchanged.\n\n" * 400
)
LETTER = "Clinic letter\n\nQuillfeather called about the appointment. Metformin continued.\n"


def _add(vault: Vault, patient: int, name: str, text: str) -> int:
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(text, 1, 0, len(text))]
    return vault.add_document(
        patient, name, "txt", text.encode(), chunks, vector, "f-v1", text=text
    )


@pytest.fixture
def record(tmp_path: Path) -> Iterator[tuple[Vault, int, int, int]]:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    patient = vault.add_patient("Mortimer Fenwick", mrn="FN-771204", dob="1933-02-11")
    referral = _add(vault, patient, "referral.txt", REFERRAL)
    letter = _add(vault, patient, "letter.txt", LETTER)
    yield vault, patient, referral, letter
    vault.lock()


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every document text the record reader reads from here on."""
    reads: list[int] = []
    real = deid_record.document_seeds

    def counting(text: str, *args: object, **kwargs: object) -> deid_record.DocumentSeeds:
        reads.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(deid_record, "document_seeds", counting)
    return reads


def _stored(vault: Vault) -> dict[int, str]:
    with vault._read() as s:
        return dict(s.conn.execute("SELECT document_id, key FROM record_seeds").fetchall())


def _forget_memory(vault: Vault) -> None:
    # What a second command-line export starts from: nothing in memory.
    export_record._RECORDS.pop(vault, None)


def test_a_document_is_read_once_and_its_seeds_kept_in_the_vault(
    record: tuple[Vault, int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _, referral, letter = record
    reads = _reads(monkeypatch)
    first = preview_redactions(vault, Shared.document(letter))
    assert sorted(reads) == sorted([len(REFERRAL), len(LETTER)])
    assert set(_stored(vault)) == {referral, letter}
    # The name the referral gave with a cue goes from the letter that names her alone.
    assert "Quillfeather" in {item.redaction.original for item in first.items}

    _forget_memory(vault)
    reads.clear()
    second = preview_redactions(vault, Shared.document(letter))
    assert reads == []  # nothing read again
    assert [i.redaction for i in second.items] == [i.redaction for i in first.items]


def test_seeds_are_read_again_for_another_identity_or_version(
    record: tuple[Vault, int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _, _, letter = record
    identity = rag_export.patient_identity("Mortimer Fenwick", "FN-771204", "1933-02-11")
    other = rag_export.patient_identity("Mortimer Fenwick", "FN-000001", "1933-02-11")
    text = vault.document_text(letter)
    assert export_record.seeds_key(text, identity) != export_record.seeds_key(text, other)
    preview_redactions(vault, Shared.document(letter))
    reads = _reads(monkeypatch)
    _forget_memory(vault)
    monkeypatch.setattr(deid_seeds_version, "SEEDS_VERSION", deid_seeds_version.SEEDS_VERSION + 1)
    preview_redactions(vault, Shared.document(letter))
    assert len(reads) == 2  # a new redactor version reads the record again
    assert all(key.startswith(deid_record.seeds_version()) for key in _stored(vault).values())


def test_the_seeds_go_with_the_document(record: tuple[Vault, int, int, int]) -> None:
    vault, _, referral, letter = record
    preview_redactions(vault, Shared.document(letter))
    delete_document(vault, referral)
    assert set(_stored(vault)) == {letter}


def test_the_seeds_are_encrypted_with_the_vault(
    record: tuple[Vault, int, int, int], tmp_path: Path
) -> None:
    vault, _, _, letter = record
    preview_redactions(vault, Shared.document(letter))
    vault.lock()
    for path in (tmp_path / "vault").rglob("*"):
        if path.is_file():
            assert b"quillfeather" not in path.read_bytes().lower(), path


def test_progress_says_which_document_and_cancel_stops(
    record: tuple[Vault, int, int, int],
) -> None:
    vault, _, referral, letter = record
    seen: list[Progress] = []
    cancel = threading.Event()

    def progress(value: Progress) -> None:
        seen.append(value)
        if value.detail.startswith("document 2 of 2"):
            cancel.set()  # stopped while the second document is read

    with pytest.raises(GenerationCancelled):
        preview_redactions(vault, Shared.document(letter), progress=progress, cancel=cancel)
    assert seen[0].describe() == "reading the patient's record (document 1 of 2)"
    assert {p.stage for p in seen} == {"reading the patient's record"}
    assert set(_stored(vault)) == {referral}  # what was read whole is kept


def test_a_long_text_is_read_in_bounded_pieces_cut_at_paragraphs() -> None:
    text = "".join(f"Paragraph {i} about the ward round.\nSecond line.\n\n" for i in range(3000))
    parts = list(deid_record.pieces(text))
    assert len(parts) > 1
    assert "".join(text[s:e] for s, e in parts) == text
    assert all(e - s <= deid_record.PIECE_CHARS for s, e in parts)
    assert all(text[s:e].endswith("\n\n") for s, e in parts)
    one_line = "word " * 20_000  # no line ends at all: cut after a space
    parts = list(deid_record.pieces(one_line))
    assert all(e - s <= deid_record.PIECE_CHARS for s, e in parts)
    assert all(one_line[s:e].endswith(" ") for s, e in parts)
    assert list(deid_record.pieces("")) == [(0, 0)]


def test_the_record_reads_alike_in_pieces_and_whole() -> None:
    # A cue-named name in the first piece and day-first dates in the last one.
    text = "Seen with his daughter Rowena Quillfeather.\n\n" + "Stable.\n\n" * 4000
    text += "Review 25/03/2025 and 14/04/2025.\n"
    assert len(list(deid_record.pieces(text))) > 1
    redactor = deid_record.record_redactor(None)
    seeds = deid_record.document_seeds(text, redactor)
    day_first, names = deid_record.combined([seeds])
    assert day_first is True
    assert "quillfeather" in names.words
