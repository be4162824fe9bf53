"""Walk 38: a disk that filled up during an import gave "unexpected error (OperationalError)" for
the file and for every file after it. Now every vault write (import, chat, patients, notes) and
an export say it in one line: the disk is full, how much is free where, free space and retry,
nothing was lost (a backup has its own line: tests/integration/test_vault_backup.py). An import
stops at the first full write (each further one would fail the same way) and says which files
were imported.

Two ways of filling the disk: a real small tmpfs (needs root and ``mount``; skipped otherwise),
and SQLite's own page limit (``PRAGMA max_page_count``), which makes SQLite answer
SQLITE_FULL exactly as a full disk does, on any machine."""

from __future__ import annotations

import errno
import io
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.small_disk import mounted_tmpfs
from fixtures.vault_file import new_vault

from medlocal import crash
from medlocal.app import Workspace
from medlocal.cli.ingest_cmds import print_summary
from medlocal.errors import DiskFullError, ExportDiskFullError
from medlocal.fsutil import disk_full_error, is_disk_full
from medlocal.rag.export import Shared
from medlocal.vault import db
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASS = "correct horse battery"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs: room for a new vault and one ~300 kB note, not for twelve."""
    with mounted_tmpfs(tmp_path / "small") as mount:
        yield mount


def _notes(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    rng = random.Random(38)
    files = []
    for i in range(count):  # random words: nothing compresses or repeats away
        words = " ".join(f"w{rng.randrange(10**9)}" for _ in range(30000))
        path = folder / f"note{i:02}.txt"
        path.write_text(f"Clinic note {i}. {words}", encoding="utf-8")
        files.append(path)
    return files


def test_an_import_onto_a_full_disk_stops_with_one_clear_line(
    small_disk: Path, tmp_path: Path
) -> None:
    ws = Workspace(
        small_disk / "vault", kdf_params=FAST_KDF, embedder_loader=lambda model: FakeEmbedder()
    )
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Ann Example")
    _notes(tmp_path / "notes", 12)

    report = ws.import_documents([tmp_path / "notes"], patient)

    imported = [o.shown for o in report.imported]
    assert imported, "the disk should hold at least one note"
    failed = report.failed
    assert len(failed) == 1  # the one whose write met the full disk; then the batch stopped
    assert "unexpected error" not in failed[0].reason
    assert failed[0].reason.startswith("not imported: The disk is full (")
    assert f"at {small_disk / 'vault'})" in failed[0].reason
    assert "nothing already saved was lost" in report.stopped
    assert len(imported) + 1 + len(report.not_reached) == 12
    summary = io.StringIO()
    print_summary(report, 1.0, summary)
    assert f"Imported before it stopped: {', '.join(imported)}." in summary.getvalue()
    # The vault stayed consistent: what was imported is whole, the failed write left nothing.
    assert vault.check_integrity() == []
    assert vault.audit_verify().ok
    assert sorted(d.file_name for d in vault.list_documents(patient)) == sorted(imported)
    ws.close()


def test_an_export_onto_a_full_disk_is_the_same_line(small_disk: Path, tmp_path: Path) -> None:
    ws = Workspace(
        tmp_path / "vault", kdf_params=FAST_KDF, embedder_loader=lambda model: FakeEmbedder()
    )
    ws.create_vault(PASS, PASS)
    filler = small_disk / "filler"
    # Fill the small disk to its last few kB.
    with filler.open("wb") as handle, pytest.raises(OSError):
        handle.write(b"\0" * (4 << 20))
    vault = ws.require_vault()
    patient = vault.add_patient("Ann Example")
    output = vault.save_output(patient, "summary", "Summary", "Stable. " * 20000, {}, [])
    with pytest.raises(ExportDiskFullError) as caught:
        ws.export(Shared.output(output), small_disk / "summary.md")
    # The few kB left said in kB (walk 45: "0.0 MB free"), and what became of the file.
    said = str(caught.value)
    assert re.match(rf"The disk is full \(\d+ KB free at {re.escape(str(small_disk))}\): ", said)
    assert "the export was not written, and no partial file was left" in said
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no partial export left
    ws.close()


@pytest.fixture
def capped_vault(tmp_path: Path) -> Iterator[Vault]:
    """A vault that SQLite lets grow by a few pages only: then SQLITE_FULL, as a full disk."""
    vault = new_vault(tmp_path / "vault")
    session = vault._s
    assert session is not None
    pages = int(session.conn.execute("PRAGMA page_count").fetchone()[0])
    session.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    yield vault
    vault.lock()


def test_every_vault_write_says_disk_full_and_keeps_the_vault_whole(
    capped_vault: Vault, tmp_path: Path
) -> None:
    vault = capped_vault
    with pytest.raises(DiskFullError) as caught:
        for i in range(200):  # patients until the cap: each its own transaction
            vault.add_patient(f"Patient {i} " + "x" * 2000)
    assert str(caught.value).startswith("The disk is full (")
    assert f"at {tmp_path / 'vault'})" in str(caught.value)
    assert isinstance(caught.value.__cause__, db.OperationalError)  # where it came from
    chat = vault.list_chats()
    assert chat == []
    with pytest.raises(DiskFullError):
        patient = vault.list_patients()[0].id
        for _ in range(200):
            chat_id = vault.create_chat(patient)
            vault.save_chat_turn(
                chat_id,
                "Q " * 2000,
                "A " * 2000,
                patient_id=patient,
                title="t",
                provenance={},
                flags=[],
                ask_details={},
            )
    # Every write that failed was rolled back: the vault opens, checks and audits clean.
    assert vault.check_integrity() == []
    assert vault.audit_verify().ok


def test_a_full_disk_anywhere_is_one_line_in_both_faces() -> None:
    from medlocal.ui.dialogs.common import error_text

    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/backup/part.tmp")
    assert is_disk_full(full) and is_disk_full(db.OperationalError("database or disk is full"))
    assert not is_disk_full(db.OperationalError("database is locked"))
    line = crash.cannot_write_message(full)
    assert line is not None and line.startswith("The disk is full (")
    assert "/media/usb/backup" in line
    assert error_text(full, "The backup") == str(disk_full_error(full))


def test_a_full_temporary_disk_outside_the_vault_stops_the_import_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out of space for a converter's or OCR's temporary file (an OSError, not SQLite's): the
    same line, naming the folder of the file that could not be written, and the batch stops."""
    import medlocal.ingest.pipeline as pipeline
    from medlocal.ingest.pipeline import import_paths

    real_chunk = pipeline.chunk_document
    calls: list[int] = []

    def chunk_then_fill(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:  # the second file: its temporary file meets a full disk
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "t" / "p.png"))
        return real_chunk(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "chunk_document", chunk_then_fill)
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(4):
        (folder / f"note{i}.txt").write_text(f"Clinic note {i}: metformin 500 mg.", "utf-8")
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Ann Example")
        report = import_paths(vault, [folder], patient, FakeEmbedder())
        assert [o.status for o in report.files] == ["imported", "failed"]
        # The space left where it was written: read from the disk (it changes as others write).
        said = re.escape(f" free at {tmp_path / 't'})")
        free = r"\d+(\.\d+)? [KMG]B"
        assert re.match(rf"not imported: The disk is full \({free}{said}", report.files[1].reason)
        assert report.not_reached == ["note2.txt", "note3.txt"]
        assert [d.file_name for d in vault.list_documents(patient)] == ["note0.txt"]
