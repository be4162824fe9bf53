"""Walk 47a D3: with the vault's disk full, reading was refused too. The unlock's audit entry
(and the key file's rewrite) could not be written, so `patient show`, `vault status`, search and
the window's unlock all said "The disk is full ... the write that failed was undone", a write
nobody asked for; with no room at all for SQLite's working files the vault was even called
damaged, with the advice to restore a backup over it. Now a full disk still reads: the unlock's
audit entry is written with the next change (marked deferred), the chain stays valid, and
the one case where nothing can be opened says so plainly.

A real small tmpfs (root and ``mount``; skipped otherwise) and a real SQLCipher vault."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.small_disk import fill, mounted_tmpfs
from fixtures.vault_file import PASS, new_vault

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.errors import DiskFullOnOpenError
from medlocal.vault.errors import WrongPassphraseError
from medlocal.vault.store import Vault

# Room for SQLite's -shm file (32 KiB) and no more: the open reads, no write fits.
ROOM_TO_READ_ONLY = 33 * 1024


@pytest.fixture
def full_vault(tmp_path: Path) -> Iterator[Path]:
    """A vault with one patient on a tmpfs filled up behind it; yields the vault folder."""
    with mounted_tmpfs(tmp_path / "disk") as mount:
        vault = new_vault(mount / "vault")
        vault.add_patient("Ada Quornwaithe", "QWT-771204")
        vault.lock()
        yield mount / "vault"


def test_a_full_disk_still_reads_and_the_unlock_is_audited_with_the_next_change(
    full_vault: Path,
) -> None:
    filler = fill(full_vault.parent, leave=ROOM_TO_READ_ONLY)
    notices: list[str] = []
    ws = Workspace(full_vault, notice=notices.append)
    try:
        vault = ws.unlock(PASS)
        assert [p.name for p in vault.list_patients()] == ["Ada Quornwaithe"]
        assert vault.disk_full is not None
        said = " ".join(notices)
        assert "The disk is full" in said and "open for reading" in said
        assert "may go unrecorded in the audit log" in said  # review 47 R3: no false promise
        assert "undone" not in said
        filler.unlink()  # space freed while the vault is open: the next change takes the entry
        vault.add_patient("Bea Quornwaithe")
        events = [(e.event, e.details.get("deferred")) for e in vault.audit_entries()]
        assert events[-2:] == [("unlock", True), ("patient_add", None)]
        assert vault.audit_verify().ok
    finally:
        ws.close()


def test_the_command_line_reads_a_patient_on_a_full_disk(
    full_vault: Path, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = full_vault.parent.parent / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    fill(full_vault.parent, leave=ROOM_TO_READ_ONLY)
    code = main(
        ["patient", "show", "1", "--vault", str(full_vault), "--passphrase-file", str(secret)]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Ada Quornwaithe" in out
    assert "open for reading" in err and "undone" not in err


def test_no_room_at_all_is_said_as_a_full_disk_not_a_damaged_vault(full_vault: Path) -> None:
    fill(full_vault.parent)
    with pytest.raises(DiskFullOnOpenError) as caught:
        Vault.open(full_vault, PASS)
    said = str(caught.value)
    assert said.startswith("The disk is full (0 KB free at ")
    assert "not even to read it" in said
    assert "damaged" not in said and "restore" not in said.lower() and "undone" not in said


def test_a_session_that_locks_on_a_full_disk_is_noted_by_the_next_unlock(
    full_vault: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Review 47 R3: unlock, read and lock on a full disk left no audit entry at all.
    filler = fill(full_vault.parent, leave=ROOM_TO_READ_ONLY)
    with caplog.at_level(logging.INFO):
        for _ in range(2):  # two such sessions, as two `patient show` runs
            vault = Vault.open(full_vault, PASS)
            assert vault.disk_full is not None
            assert [p.name for p in vault.list_patients()] == ["Ada Quornwaithe"]
            vault.lock()
    logged = caplog.text
    assert logged.count("a session on a full disk locked without its audit entries (unlock)") == 2
    assert "Quornwaithe" not in logged
    filler.unlink()
    with Vault.open(full_vault, PASS) as vault:
        entries = vault.audit_entries()
        assert [e.event for e in entries[-3:]] == ["lock", "unrecorded_sessions", "unlock"]
        assert entries[-2].details["sessions"] == 2
        assert vault.audit_verify().ok
    with Vault.open(full_vault, PASS) as vault:  # noted once, not at every unlock
        assert vault.audit_count(["unrecorded_sessions"]) == 1


def test_failed_unlocks_before_a_full_disk_unlock_are_counted_once(full_vault: Path) -> None:
    # Review 47 R4: the key file could not be rewritten, so its count was logged twice.
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            Vault.open(full_vault, "not the passphrase")
    filler = fill(full_vault.parent, leave=ROOM_TO_READ_ONLY)
    vault = Vault.open(full_vault, PASS)
    assert vault.disk_full is not None
    filler.unlink()
    vault.add_patient("Bea Quornwaithe")  # the deferred unlock entry goes in
    vault.lock()
    with Vault.open(full_vault, PASS) as vault:
        failed = [e.details["count"] for e in vault.audit_entries() if e.event == "failed_unlock"]
        assert failed == [2]
        assert vault.audit_verify().ok
