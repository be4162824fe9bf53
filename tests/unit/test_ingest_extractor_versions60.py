"""Ingest60 item 1: each document records the version of the extractor that read it (vault
schema 10), and the update job reads documents an older extractor read again from their stored
originals, so an extractor fix (a comment moved, hidden text left out) reaches documents already
in the vault. Text that comes out the same records only the version; a document whose stored
original is absent, or whose text was read by OCR, keeps its text and is named in the report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.office_files import make_odt

from medlocal.ingest.extractor_versions import EXTRACTOR_VERSIONS, extractor_version
from medlocal.ingest.formats import extract_file
from medlocal.ingest.pipeline import import_paths
from medlocal.ingest.rechunk import (
    NO_ORIGINAL,
    READ_BY_OCR,
    pending_documents,
    rechunk_documents,
)
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord, PictureMarks
from medlocal.vault.schema import SCHEMA_VERSION
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
EMB = FakeEmbedder()
LETTER = make_odt(["Seen in clinic today.", "Potassium 5.6 mmol/L, repeat sent."], "Clinic letter")
# What an older ODT extractor made of it: a hidden section's stale wording read as text.
OLD_TEXT = "Clinic letter\n\nSeen in clinic today.\n\nWarfarin 5 mg daily (stale template).\n"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        yield vault


def _read_before(
    vault: Vault,
    patient: int,
    name: str,
    data: bytes,
    text: str,
    *,
    stored: bytes | None = None,
    pictures: PictureMarks | None = None,
) -> int:
    """A document as an import before versions were kept left it: passages with headers, the
    text ``text``, and no extractor version."""
    chunk = ChunkRecord(text=text, page=None, start=0, end=len(text), context="letter")
    return vault.add_document(
        patient,
        name,
        name.rsplit(".", 1)[1],
        data,
        [chunk],
        EMB.embed([text]),
        EMB.model_id,
        text=text,
        stored=stored,
        pictures=pictures,
    )


def test_a_document_read_by_an_older_extractor_is_read_again(vault: Vault) -> None:
    patient = vault.add_patient("P")
    document_id = _read_before(vault, patient, "letter.odt", LETTER, OLD_TEXT)
    assert vault.extractor_version(document_id) is None
    assert pending_documents(vault) == [document_id]
    result = rechunk_documents(vault, EMB)
    assert (result.total, result.rechunked, result.failed, result.kept) == (1, 1, 0, [])
    now = extract_file(Path("letter.odt"), LETTER).text
    assert vault.document_text(document_id) == now and "Warfarin" not in now
    chunks = vault.document_chunks(document_id)
    assert chunks and all(now[c.start : c.end] == c.text for c in chunks)
    assert not vault.search("warfarin", None, patient_id=patient, k=3)
    assert vault.search("potassium", None, patient_id=patient, k=3)
    assert vault.extractor_version(document_id) == EXTRACTOR_VERSIONS["odt"] == 2
    events = [e for e in vault.audit_entries() if e.event == "rechunk"]
    assert [e.details["document_id"] for e in events] == [document_id]
    assert vault.audit_verify().ok
    assert pending_documents(vault) == [] and rechunk_documents(vault, EMB).total == 0


def test_the_same_text_records_the_version_without_embedding_again(vault: Vault) -> None:
    patient = vault.add_patient("P")
    now = extract_file(Path("letter.odt"), LETTER).text
    document_id = _read_before(vault, patient, "letter.odt", LETTER, now)
    before = vault.document_chunks(document_id)
    embedder = FakeEmbedder()
    result = rechunk_documents(vault, embedder)
    assert (result.total, result.current, result.rechunked) == (1, 1, 0)
    assert embedder.calls == [] and vault.document_chunks(document_id) == before
    assert vault.extractor_version(document_id) == 2
    assert not [e for e in vault.audit_entries() if e.event == "rechunk"]


def test_formats_whose_extractor_did_not_change_are_left_alone(vault: Vault) -> None:
    patient = vault.add_patient("P")
    _read_before(vault, patient, "note.txt", b"Seen today.\n", "Seen today, differently read.\n")
    assert extractor_version("txt") == 1 and extractor_version("image") == 1
    assert pending_documents(vault) == []


def test_a_missing_or_other_original_is_reported_and_kept(vault: Vault) -> None:
    patient = vault.add_patient("P")
    # An e-mail-like stored copy: not the file imported (its sha256 is the file's).
    other = _read_before(vault, patient, "other.odt", LETTER, OLD_TEXT, stored=b"not it")
    scanned = _read_before(
        vault,
        patient,
        "scan.odt",
        LETTER + b" ",  # another file: not a duplicate of the first
        OLD_TEXT,
        pictures=PictureMarks(read=((0, 12),)),
    )
    with vault._tx() as s:  # a stored original that is gone
        s.conn.execute("UPDATE documents SET sha256 = 'x' WHERE id = ?", (scanned,))
    gone = _read_before(vault, patient, "gone.odt", LETTER + b"  ", OLD_TEXT)
    with vault._tx() as s:
        s.conn.execute("UPDATE documents SET content = x'' WHERE id = ?", (gone,))
    result = rechunk_documents(vault, EMB)
    assert (result.total, result.rechunked, result.failed) == (3, 0, 3)
    assert sorted(result.kept) == sorted(
        [("other.odt", NO_ORIGINAL), ("scan.odt", NO_ORIGINAL), ("gone.odt", NO_ORIGINAL)]
    )
    for document_id in (other, scanned, gone):
        assert vault.document_text(document_id) == OLD_TEXT
        assert len(vault.document_chunks(document_id)) == 1
    assert pending_documents(vault) == []  # said once, not at every unlock


def test_text_read_by_ocr_is_kept(vault: Vault) -> None:
    patient = vault.add_patient("P")
    document_id = _read_before(
        vault, patient, "letter.odt", LETTER, OLD_TEXT, pictures=PictureMarks(read=((0, 12),))
    )
    result = rechunk_documents(vault, EMB)
    assert result.kept == [("letter.odt", READ_BY_OCR)]
    assert vault.document_text(document_id) == OLD_TEXT


def test_an_import_records_its_extractors_version(vault: Vault, tmp_path: Path) -> None:
    patient = vault.add_patient("P")
    (tmp_path / "letter.odt").write_bytes(LETTER)
    (tmp_path / "note.txt").write_text("Seen today. Stable.\n")
    report = import_paths(vault, [tmp_path / "letter.odt", tmp_path / "note.txt"], patient, EMB)
    ids = {f.file_name: f.document_id for f in report.files}
    assert vault.extractor_version(ids["letter.odt"]) == 2
    assert vault.extractor_version(ids["note.txt"]) == 1
    assert pending_documents(vault) == []


def test_the_version_goes_with_its_document(vault: Vault) -> None:
    patient = vault.add_patient("P")
    document_id = _read_before(vault, patient, "letter.odt", LETTER, OLD_TEXT)
    vault.set_extractor_version(document_id, 2)
    vault.delete_document(document_id)
    with vault._read() as s:
        assert s.conn.execute("SELECT count(*) FROM document_extractors").fetchone()[0] == 0
    vault.set_extractor_version(document_id, 2)  # deleted meanwhile: nothing written
    assert vault.extractor_version(document_id) is None


def test_a_vault_from_before_the_step_gains_the_table(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        patient = vault.add_patient("P")
        document_id = _read_before(vault, patient, "letter.odt", LETTER, OLD_TEXT)
        with vault._tx() as s:
            s.conn.execute("DROP TABLE document_extractors")
            s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with Vault.open(tmp_path / "vault", "correct horse battery") as vault:
        assert pending_documents(vault) == [document_id]
        assert rechunk_documents(vault, EMB).rechunked == 1
        assert vault.extractor_version(document_id) == 2
