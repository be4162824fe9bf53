"""Page spans kept at import (schema step 4): a PDF's documents row says where each page lies in
its text; PDFs from before are given their spans by the re-chunk job from the stored original,
without re-embedding, and a PDF whose stored text no longer matches is marked unknown once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder, make_pdf

from medlocal.ingest.formats import format_for
from medlocal.ingest.pipeline import import_paths
from medlocal.ingest.rechunk import pending_documents, rechunk_documents
from medlocal.vault import db
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import PageSpan
from medlocal.vault.schema import MIGRATIONS
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
EMB = FakeEmbedder()
PAGES = [
    "Cardiology clinic letter\nSeen today with exertional chest pain.",
    "Medication list\nAmlodipine 5 mg once daily.\nAtorvastatin 40 mg at night.",
    "Plan\nExercise test in four weeks.",
]


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        yield vault


def _import_pdf(vault: Vault, tmp_path: Path, name: str = "letter.pdf") -> int:
    patient = vault.add_patient("P")
    (tmp_path / name).write_bytes(make_pdf(PAGES))
    report = import_paths(vault, [tmp_path / name], patient_id=patient, embedder=EMB)
    (outcome,) = report.imported
    assert outcome.document_id is not None
    return outcome.document_id


def _forget_pages(vault: Vault, document_id: int) -> None:
    """What a vault from before schema step 4 holds: no spans for the document."""
    with vault._tx() as s:
        s.conn.execute("UPDATE documents SET pages = NULL WHERE id = ?", (document_id,))


def test_import_records_where_each_page_lies(vault: Vault, tmp_path: Path) -> None:
    document_id = _import_pdf(vault, tmp_path)
    spans = vault.document_pages(document_id)
    assert spans is not None and [s.number for s in spans] == [1, 2, 3]
    text = vault.document_text(document_id)
    assert "Atorvastatin 40 mg" in text[spans[1].start : spans[1].end]
    assert "Atorvastatin" not in text[spans[0].start : spans[0].end] + text[spans[2].start :]
    assert vault.documents_without_pages() == []


def test_old_pdfs_get_their_spans_without_reembedding(vault: Vault, tmp_path: Path) -> None:
    document_id = _import_pdf(vault, tmp_path)
    expected = vault.document_pages(document_id)
    chunk_ids = [c.id for c in vault.document_chunks(document_id)]
    _forget_pages(vault, document_id)
    assert vault.document_pages(document_id) is None
    assert pending_documents(vault) == [document_id]
    result = rechunk_documents(vault, EMB)
    assert (result.total, result.paged, result.rechunked, result.failed) == (1, 1, 0, 0)
    assert vault.document_pages(document_id) == expected
    assert [c.id for c in vault.document_chunks(document_id)] == chunk_ids  # nothing re-embedded
    assert pending_documents(vault) == []


def test_changed_text_marks_spans_unknown_once(vault: Vault, tmp_path: Path) -> None:
    document_id = _import_pdf(vault, tmp_path)
    with vault._tx() as s:  # as if an older extractor had produced other text
        s.conn.execute(
            "UPDATE documents SET pages = NULL, text = text || ' ' WHERE id = ?", (document_id,)
        )
    result = rechunk_documents(vault, EMB)
    assert (result.paged, result.failed) == (0, 1)
    assert vault.document_pages(document_id) == ()  # unknown: the panel uses the page number
    assert rechunk_documents(vault, EMB).total == 0  # not retried at every unlock


def test_a_schema_3_vault_gains_the_column(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        document_id = _import_pdf(vault, tmp_path)
        # Rewind to schema 3: drop the columns of later steps (SQLite >= 3.35) and the version.
        with vault._tx() as s:
            s.conn.execute("ALTER TABLE documents DROP COLUMN notes")
            s.conn.execute("ALTER TABLE documents DROP COLUMN pages")
            s.conn.execute("PRAGMA user_version = 3")
    with Vault.open(tmp_path / "vault", "correct horse battery") as vault:
        with vault._read() as s:
            assert db.schema_version(s.conn) == len(MIGRATIONS) >= 4
        assert vault.document_pages(document_id) is None
        assert pending_documents(vault) == [document_id]
        rechunk_documents(vault, EMB)
        spans = vault.document_pages(document_id)
        fresh = format_for(Path("letter.pdf")).extract(make_pdf(PAGES), "letter.pdf").pages
        assert spans == fresh and all(isinstance(s, PageSpan) for s in spans)


def test_vault_update_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from medlocal.app import Workspace
    from medlocal.cli import main

    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, "correct horse battery", kdf_params=FAST)
    with vault:
        document_id = _import_pdf(vault, tmp_path)
        _forget_pages(vault, document_id)
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery\n")
    args = ["vault", "update", "--vault", str(folder), "--passphrase-file", str(secret)]

    def run() -> int:
        workspace = Workspace(embedder_loader=lambda model=None: EMB)
        try:
            return main(args, workspace=workspace)
        finally:
            workspace.close()

    assert run() == 0
    assert "Updated 1 of 1 documents (0 re-chunked, 1 given page positions)." in (
        capsys.readouterr().out
    )
    assert run() == 0
    assert "Every document is up to date." in capsys.readouterr().out
    with Vault.open(folder, "correct horse battery") as reopened:
        assert reopened.document_pages(document_id)


def test_a_passage_across_pages_is_cited_with_its_page_range(vault: Vault, tmp_path: Path) -> None:
    from medlocal.rag.passages import SourceRef, number_hits, render_passages

    patient = vault.add_patient("P")
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(make_pdf(["Seen in clinic today.", "Lactate 4.4 mmol/L on arrival."]))
    import_paths(vault, [pdf], patient_id=patient, embedder=EMB)
    (hit,) = vault.search("lactate", None, patient_id=patient, k=3)
    assert (hit.page, hit.last_page) == (1, 2)  # one short passage over both pages
    source = SourceRef.from_hit(1, hit)
    assert source.pages == "pp. 1\u20132" and ", pp. 1\u20132," in source.label()
    assert SourceRef.from_dict(source.as_dict()) == source
    legacy = {k: v for k, v in source.as_dict().items() if k != "last_page"}
    assert SourceRef.from_dict(legacy).pages == "p. 1"  # outputs saved before: first page
    assert "(short.pdf, pages 1\u20132)" in render_passages(number_hits([hit]))
    single = SourceRef.from_hit(2, replace(hit, last_page=1))
    assert single.pages == "p. 1"
