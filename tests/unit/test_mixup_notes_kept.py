"""Walk 30: the note that an imported file names another patient of the vault lived only in that
import's result. It is stored with the document now (schema 5), so it outlives the import and a
restart: the CLI lists it under the document, a duplicate re-import repeats it, and search hits
carry it to the answers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.terminal import run_cli
from fixtures.vault_file import FAST, PASS, new_vault

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.cli.ingest_cmds import print_summary
from medlocal.vault import db
from medlocal.vault.records import ChunkRecord
from medlocal.vault.schema import MIGRATIONS
from medlocal.vault.store import Vault

LETTER = "Re: Mrs Margaret Thornbury, MRN RAI-558213. Apixaban 5 mg BD for atrial fibrillation."
OWN = "Tobias Okonkwo-Reyes: metformin 500 mg BD."


def _workspace(folder: Path) -> Workspace:
    return Workspace(folder, kdf_params=FAST, embedder_loader=lambda model: FakeEmbedder())


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    letter, own = tmp_path / "letter.txt", tmp_path / "own.txt"
    letter.write_text(LETTER, encoding="utf-8")
    own.write_text(OWN, encoding="utf-8")
    return letter, own


def _imported_for_tobias(folder: Path, files: tuple[Path, Path]) -> int:
    """A vault with Margaret and Tobias, and both files imported for Tobias; closed again."""
    ws = _workspace(folder)
    ws.create_vault(PASS)
    vault = ws.require_vault()
    vault.add_patient("Margaret Thornbury", mrn="RAI-558213")
    tobias = vault.add_patient("Tobias Okonkwo-Reyes", mrn="T-77120")
    report = ws.import_documents(list(files), tobias)
    assert [o.status for o in report.files] == ["imported", "imported"]
    ws.close()
    return tobias


def test_the_note_outlives_a_restart_and_a_duplicate_import_repeats_it(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    folder = tmp_path / "vault"
    tobias = _imported_for_tobias(folder, files)
    ws = _workspace(folder)  # a restart: a new workspace on the same vault
    ws.unlock(PASS)
    try:
        vault = ws.require_vault()
        notes = {d.file_name: d.notes for d in vault.list_documents(tobias)}
        (note,) = notes["letter.txt"]
        assert "Margaret Thornbury (patient 1, MRN RAI-558213)" in note
        assert "check that the file belongs to this patient" in note
        assert notes["own.txt"] == ()
        # Imported again: skipped as a duplicate, with the note stored with the first copy.
        report = ws.import_documents(list(files), tobias)
        letter, own = report.files
        assert letter.status == own.status == "skipped"
        assert letter.duplicate_of is not None and letter.notes == [note]
        assert own.duplicate_of is not None and own.notes == []
        out = io.StringIO()
        print_summary(report, 0.1, out)
        lines = out.getvalue().splitlines()
        assert "duplicate" in lines[0] and "Margaret Thornbury" in lines[0]
        assert "duplicate" in lines[1] and "Margaret" not in lines[1]
        # Search hits carry the note to the answers; the other file's carry none.
        query = FakeEmbedder().embed(["apixaban"])[0]
        hits = vault.search("apixaban metformin", query, patient_id=tobias, k=5)
        by_file = {h.file_name: h.file_notes for h in hits}
        assert by_file == {"letter.txt": (note,), "own.txt": ()}
    finally:
        ws.close()


def test_the_cli_lists_the_note_under_the_document(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    tobias = _imported_for_tobias(folder, files)
    opts = _vault_options(folder, tmp_path)
    assert run_cli("patient", "show", str(tobias), *opts) == 0
    _assert_one_note_under_the_letter(capsys.readouterr().out)
    assert run_cli("patient", "show", str(tobias), "--json", *opts) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [len(d["notes"]) for d in shown["documents"]] == [1, 0]


def test_vault_search_prints_the_note_under_its_hit(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    tobias = _imported_for_tobias(folder, files)
    argv = ["search", "apixaban metformin", "--patient", str(tobias)]
    ws = _workspace(folder)  # the fake embedder: search embeds the query
    try:
        assert main([*argv, *_vault_options(folder, tmp_path)], workspace=ws) == 0
    finally:
        ws.close()
    _assert_one_note_under_the_letter(capsys.readouterr().out)


def _vault_options(folder: Path, tmp_path: Path) -> list[str]:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return ["--vault", str(folder), "--passphrase-file", str(secret)]


def _assert_one_note_under_the_letter(out: str) -> None:
    lines = out.splitlines()
    (at,) = [i for i, line in enumerate(lines) if "letter.txt" in line]
    assert lines[at + 1].strip().startswith("note: it names another patient of this vault")
    assert "Margaret Thornbury" in lines[at + 1]
    assert sum("note:" in line for line in lines) == 1  # own.txt has none


def test_notes_are_written_with_the_document_and_only_when_there_are_some(
    tmp_path: Path,
) -> None:
    with new_vault(tmp_path / "vault") as vault:
        p = vault.add_patient("P")
        chunk = ChunkRecord("Apixaban 5 mg.", None, 0, 14)
        vector = FakeEmbedder().embed([chunk.text])
        noted = vault.add_document(
            p, "a.txt", "txt", b"a", [chunk], vector, "m", notes=["first", "second"]
        )
        plain = vault.add_document(p, "b.txt", "txt", b"b", [chunk], vector, "m")
        assert vault.get_document(noted).notes == ("first", "second")
        assert vault.get_document(plain).notes == ()
        with vault._read() as s:
            stored = dict(s.conn.execute("SELECT id, notes FROM documents").fetchall())
        assert stored == {noted: '["first", "second"]', plain: None}


def test_a_schema_4_vault_gains_the_column_with_no_notes(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        p = vault.add_patient("P")
        chunk = ChunkRecord("Apixaban 5 mg.", None, 0, 14)
        vector = FakeEmbedder().embed([chunk.text])
        old = vault.add_document(p, "old.txt", "txt", b"old", [chunk], vector, "m")
        with vault._tx() as s:  # rewind to schema 4 (SQLite >= 3.35 drops a column)
            s.conn.execute("ALTER TABLE documents DROP COLUMN notes")
            s.conn.execute("PRAGMA user_version = 4")
    with Vault.open(folder, PASS) as vault:
        with vault._read() as s:
            assert db.schema_version(s.conn) == len(MIGRATIONS) >= 5
        assert vault.get_document(old).notes == ()
        new = vault.add_document(p, "new.txt", "txt", b"new", [chunk], vector, "m", notes=["n"])
        assert vault.get_document(new).notes == ("n",)
