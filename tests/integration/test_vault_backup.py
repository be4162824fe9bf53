"""Encrypted backup and restore with real SQLCipher and real files (issue 11).

No backup file holds patient text or raw vectors; a restore gives back every document, passage,
chat, output, search result and audit entry, followed by one restore entry; every damaged,
foreign, truncated or unauthorised backup and every unsafe restore is refused with one clear
message and nothing changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fixtures.backup_vault import (
    FAST,
    MARKERS,
    PASS,
    PlantedVault,
    add_documents,
    make_planted_vault,
)
from fixtures.small_disk import mounted_tmpfs

from medlocal.errors import GenerationCancelled, UserInputError
from medlocal.progress import Progress
from medlocal.vault import backup_files, db, schema, unrecorded
from medlocal.vault.backup import create_backup, verify_backup
from medlocal.vault.backup_check import check_snapshot
from medlocal.vault.backup_state import backup_due, last_verified_backup
from medlocal.vault.errors import WrongPassphraseError
from medlocal.vault.manifest import (
    MANIFEST_NAME,
    BackupError,
    BackupRefusedError,
    open_contents,
    read_manifest,
    unwrap_backup_key,
)
from medlocal.vault.restore import restore_backup
from medlocal.vault.store import Vault
from medlocal.vault.unrecorded import NOTE_NAME

REPO = Path(__file__).resolve().parents[2]
# What a vault folder holds: the database, its key file and the unrecorded-session count (a
# number and a time, nothing of a patient; review 47 R3).
VAULT_FILES = sorted(["vault.db", "vault.keys.json", NOTE_NAME])


@pytest.fixture
def planted(tmp_path: Path) -> PlantedVault:
    return make_planted_vault(tmp_path / "vault")


def _backup(folder: Path, dest: Path, **kwargs: object) -> Path:
    dest.mkdir(exist_ok=True)
    with Vault.open(folder, PASS) as vault:
        return create_backup(vault, PASS, dest, **kwargs).path  # type: ignore[arg-type]


def planted_id(planted: PlantedVault) -> str:
    return str(json.loads((planted.folder / "vault.keys.json").read_text())["vault_id"])


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _leaks(data: bytes, vectors: list[np.ndarray]) -> list[str]:
    found = []
    for marker in MARKERS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if marker.encode(encoding) in data:
                found.append(f"{marker} ({encoding})")
    for matrix in vectors:
        for row in matrix:
            if row.tobytes()[:32] in data:
                found.append("raw embedding bytes")
                return found
    return found


# --- what a backup holds ------------------------------------------------------------------------


def test_backup_files_hold_no_patient_text_or_vectors(
    planted: PlantedVault, tmp_path: Path
) -> None:
    dest = tmp_path / "usb"
    backup = _backup(planted.folder, dest, part_bytes=64 * 1024)  # several parts, FAT32-style
    files = _tree(dest)
    assert len([n for n in files if ".db." in n]) > 1
    for name, data in files.items():
        assert _leaks(data, planted.vectors) == [], name
        assert (dest / name).stat().st_mode & 0o077 == 0, name
    # The check itself can fail: the same markers are plainly in a decrypted restore's terms.
    assert _leaks(f"x {MARKERS[0]} y".encode("utf-16-le"), planted.vectors)
    # Nothing is left beside the vault either (the staged snapshot is removed).
    assert sorted(p.name for p in planted.folder.iterdir()) == VAULT_FILES
    with Vault.open(planted.folder, PASS) as vault:
        events = [e for e in vault.audit_entries() if e.event == "backup"]
    assert len(events) == 1 and len(events[0].details["manifest_sha256"]) == 64
    assert verify_backup(backup, passphrase=PASS).header.vault_id == planted_id(planted)
    assert verify_backup(backup, recovery_key=planted.recovery_key).counts["documents"] == 6
    last = last_verified_backup()
    assert last is not None and last.path == str(backup)
    assert not backup_due(7) and backup_due(0) is False


def test_restore_gives_back_everything_and_one_restore_entry(
    planted: PlantedVault, tmp_path: Path
) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    result = restore_backup(backup, tmp_path / "restored", passphrase=PASS)
    assert result.migrated_from is None and not result.replaced
    query = planted.vectors[1][3]
    with Vault.open(planted.folder, PASS) as old, Vault.open(tmp_path / "restored", PASS) as new:
        assert old.vault_id == new.vault_id
        assert old.list_patients() == new.list_patients()
        assert old.list_documents() == new.list_documents()
        for doc in old.list_documents():
            assert old.document_bytes(doc.id) == new.document_bytes(doc.id)
            assert old.document_text(doc.id) == new.document_text(doc.id)
            assert old.document_chunks(doc.id) == new.document_chunks(doc.id)
        for chat_id, _patient, _ts in old.list_chats():
            assert old.chat_messages(chat_id) == new.chat_messages(chat_id)
        assert old.list_outputs() == new.list_outputs()
        for text, vector in (("lisinopril 4 mg", query), (MARKERS[0], None)):
            assert [h.chunk_id for h in old.search(text, vector, k=5)] == [
                h.chunk_id for h in new.search(text, vector, k=5)
            ]
        original = old.audit_entries()
        restored = new.audit_entries()
        assert new.audit_verify().ok
    backup_seq = next(e.seq for e in original if e.event == "backup")
    # The backup holds the log up to the snapshot (the backup event itself comes after it).
    assert restored[: backup_seq - 1] == original[: backup_seq - 1]
    assert restored[backup_seq - 1].event == "restore"
    assert restored[backup_seq - 1].details["backup_id"] == result.header.backup_id
    assert restored[backup_seq].event == "unlock"


def test_recovery_key_restores_with_a_new_passphrase(planted: PlantedVault, tmp_path: Path) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    with pytest.raises(BackupRefusedError, match="new passphrase"):
        restore_backup(backup, tmp_path / "r", recovery_key=planted.recovery_key)
    restore_backup(
        backup, tmp_path / "r", recovery_key=planted.recovery_key, new_passphrase="brand new pass"
    )
    Vault.open(tmp_path / "r", "brand new pass").lock()
    # The printed recovery key still opens the restored vault.
    Vault.open(tmp_path / "r", recovery_key=planted.recovery_key).lock()


def test_backup_opens_with_the_passphrase_it_was_made_under(
    planted: PlantedVault, tmp_path: Path
) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    with Vault.open(planted.folder, PASS) as vault:
        vault.change_passphrase("a different passphrase", FAST)
    verify_backup(backup, passphrase=PASS)
    with pytest.raises(WrongPassphraseError, match="passphrase the vault had"):
        verify_backup(backup, passphrase="a different passphrase")


def test_retention_keeps_n_of_this_vault_and_never_another_vaults(
    planted: PlantedVault, tmp_path: Path
) -> None:
    dest = tmp_path / "usb"
    other = make_planted_vault(tmp_path / "other", documents=1, chunks=2)
    foreign = _backup(other.folder, dest)
    first = _backup(planted.folder, dest)
    second = _backup(planted.folder, dest)
    with Vault.open(planted.folder, PASS) as vault:
        result = create_backup(vault, PASS, dest, keep=2)
    assert result.removed == (first,)
    assert sorted(dest.iterdir()) == sorted([foreign, second, result.path])


def test_schema_versions_older_migrated_newer_refused(
    planted: PlantedVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    future = (*schema.MIGRATIONS, "CREATE TABLE future_thing (id INTEGER PRIMARY KEY);")
    # A scoped patch: undo() would also drop the autouse fixture's MEDLOCAL_HOME.
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", future)
        patch.setattr(db, "MIGRATIONS", future)
        result = restore_backup(backup, tmp_path / "migrated", passphrase=PASS)
        assert result.migrated_from == len(future) - 1
        newer = _backup(tmp_path / "migrated", tmp_path / "usb2")
    with pytest.raises(BackupRefusedError, match="newer MedLocal"):
        restore_backup(newer, tmp_path / "refused", passphrase=PASS)
    assert not (tmp_path / "refused").exists()


# --- refusals: each with a clear message, nothing changed ---------------------------------------


def _snapshot_state(*folders: Path) -> dict[str, dict[str, bytes]]:
    return {str(f): _tree(f) if f.exists() else {} for f in folders}


@pytest.mark.parametrize("damage", ["flip", "truncate", "drop-part", "swap-manifest", "partial"])
def test_damaged_backups_are_refused(planted: PlantedVault, tmp_path: Path, damage: str) -> None:
    dest = tmp_path / "usb"
    backup = _backup(planted.folder, dest, part_bytes=256 * 1024)
    part = backup / "vault.db.000"
    expected = "damaged"
    if damage == "flip":
        data = bytearray(part.read_bytes())
        data[len(data) // 2] ^= 0x40  # one bit in one page
        part.write_bytes(bytes(data))
    elif damage == "truncate":
        last = sorted(backup.glob("vault.db.*"))[-1]
        last.write_bytes(last.read_bytes()[:-4096])
        expected = "truncated"
    elif damage == "drop-part":
        sorted(backup.glob("vault.db.*"))[-1].unlink()
        expected = "missing"
    elif damage == "swap-manifest":
        other = make_planted_vault(tmp_path / "other", documents=1, chunks=2)
        other_backup = _backup(other.folder, tmp_path / "usb-other")
        shutil.copy(other_backup / MANIFEST_NAME, backup / MANIFEST_NAME)
        expected = "another backup"
    else:
        backup = backup.rename(backup.parent / f".{backup.name}.partial")
        expected = "not a finished backup"
    before = _snapshot_state(planted.folder, dest)
    with pytest.raises(BackupError, match=expected) as caught:
        verify_backup(backup, passphrase=PASS)
    assert "\n" not in str(caught.value)
    with pytest.raises(BackupError, match=expected):
        restore_backup(backup, tmp_path / "restored", passphrase=PASS)
    assert not (tmp_path / "restored").exists()
    assert [p.name for p in tmp_path.iterdir() if ".restore-" in p.name] == []
    assert _snapshot_state(planted.folder, dest) == before


def test_wrong_passphrase_is_refused_everywhere(planted: PlantedVault, tmp_path: Path) -> None:
    dest = tmp_path / "usb"
    dest.mkdir()
    with (
        Vault.open(planted.folder, PASS) as vault,
        pytest.raises(WrongPassphraseError, match="no backup was written"),
    ):
        create_backup(vault, "not the passphrase", dest)
    assert list(dest.iterdir()) == []
    backup = _backup(planted.folder, dest)
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase for this backup"):
        restore_backup(backup, tmp_path / "r", passphrase="not the passphrase")
    with pytest.raises(WrongPassphraseError, match="Wrong recovery key"):
        verify_backup(backup, recovery_key="AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    assert not (tmp_path / "r").exists()


def test_destination_must_exist_and_be_writable(planted: PlantedVault, tmp_path: Path) -> None:
    before = _snapshot_state(planted.folder)
    with Vault.open(planted.folder, PASS) as vault:
        with pytest.raises(BackupRefusedError, match="does not exist"):
            create_backup(vault, PASS, tmp_path / "no-such-usb")
        if os.geteuid() != 0:  # root writes anywhere; the missing folder above still runs
            locked = tmp_path / "read-only"
            locked.mkdir(mode=0o500)
            with pytest.raises(BackupRefusedError, match="not writable"):
                create_backup(vault, PASS, locked)
        audit = [e.event for e in vault.audit_entries()]
    assert "backup" not in audit
    after = _snapshot_state(planted.folder)
    assert after[str(planted.folder)].keys() == before[str(planted.folder)].keys()


def test_create_folder_makes_only_a_missing_last_folder(
    planted: PlantedVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 26 item 10: a new folder on a mounted stick is made for the backup; a missing
    parent (the stick unplugged) or a drive's own folder where drives appear is refused and
    nothing is made on the local disk; a failed backup takes the folder it made away again."""
    usb = tmp_path / "usb"
    usb.mkdir()
    media = tmp_path / "media"  # stands for /media: each user's drives appear in /media/<user>
    (media / "me").mkdir(parents=True)
    monkeypatch.setattr(backup_files, "_PER_USER_DRIVE_FOLDERS", (media,))
    cancel = threading.Event()

    def cancel_at_copy(p: Progress) -> None:
        if p.stage == "copying":
            cancel.set()

    with Vault.open(planted.folder, PASS) as vault:
        with pytest.raises(WrongPassphraseError):
            create_backup(vault, "not the passphrase", usb / "new", create_folder=True)
        assert not (usb / "new").exists()
        with pytest.raises(GenerationCancelled):
            create_backup(
                vault, PASS, usb / "new", create_folder=True, progress=cancel_at_copy, cancel=cancel
            )
        assert not (usb / "new").exists()  # made for the backup, gone with it

        result = create_backup(vault, PASS, usb / "new", create_folder=True)
        assert result.created_folder and result.path.parent == usb / "new"
        again = create_backup(vault, PASS, usb / "new", create_folder=True)
        assert not again.created_folder

        for refused, reason in (
            (tmp_path / "unplugged" / "backups", "Create it first, or check the name"),
            (media / "me" / "STICK", "the drive may not be plugged in or mounted yet"),
        ):
            with pytest.raises(BackupRefusedError, match=reason):
                create_backup(vault, PASS, refused, create_folder=True)
            assert not refused.exists()
        assert not (tmp_path / "unplugged").exists()
        (media / "me" / "STICK").mkdir()  # the stick mounted: a new folder on it is fine
        assert create_backup(vault, PASS, media / "me" / "STICK" / "b", create_folder=True)
    assert backup_files.may_create_destination(usb / "another")
    assert not backup_files.may_create_destination(usb)  # it exists: nothing to make


def test_create_parents_makes_the_chain_and_a_failed_backup_removes_it_all(
    planted: PlantedVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 39: the window makes a missing folder at any depth once the person agreed. A backup
    cancelled half-way removes every folder it made (not only the last, nor one that was there
    or that something else put files in), and a chain under where drives appear is never made."""
    media = tmp_path / "media"
    (media / "me").mkdir(parents=True)
    monkeypatch.setattr(backup_files, "_PER_USER_DRIVE_FOLDERS", (media,))
    top = tmp_path / "clinic"
    deep = top / "MedLocal" / "backups"
    cancel = threading.Event()

    def cancel_at_copy(p: Progress) -> None:
        if p.stage == "copying":
            cancel.set()

    with Vault.open(planted.folder, PASS) as vault:
        with pytest.raises(BackupRefusedError, match="Create it first"):
            create_backup(vault, PASS, deep, create_folder=True)  # the CLI's rule: one level
        assert not top.exists()
        with pytest.raises(GenerationCancelled):
            create_backup(
                vault,
                PASS,
                deep,
                create_folder=True,
                create_parents=True,
                progress=cancel_at_copy,
                cancel=cancel,
            )
        assert not top.exists() and tmp_path.is_dir()  # the whole chain, and no further
        cancel.clear()
        result = create_backup(vault, PASS, deep, create_folder=True, create_parents=True)
        assert result.created_folder and result.path.parent == deep

        unplugged = media / "me" / "STICK"
        with pytest.raises(BackupRefusedError, match="may not be plugged in"):
            create_backup(
                vault, PASS, unplugged / "backups", create_folder=True, create_parents=True
            )
        assert not unplugged.exists()
        note = tmp_path / "note.txt"
        note.write_text("x")
        with pytest.raises(BackupRefusedError, match=f"{note} is a file, not a folder"):
            create_backup(vault, PASS, note / "b", create_folder=True, create_parents=True)
    # Made with its parents by a cancelled backup: another's file in one of them is kept.
    made = tmp_path / "a" / "b" / "c"
    made.mkdir(parents=True)
    (tmp_path / "a" / "theirs.txt").write_text("x")
    backup_files.remove_made_folders(made, tmp_path / "a")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["theirs.txt"]


def test_restore_never_overwrites_without_replace_or_another_vault(
    planted: PlantedVault, tmp_path: Path
) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    other = make_planted_vault(tmp_path / "other", documents=1, chunks=2)
    before = _snapshot_state(planted.folder, other.folder)
    with pytest.raises(BackupRefusedError, match="already exists"):
        restore_backup(backup, planted.folder, passphrase=PASS)
    with pytest.raises(BackupRefusedError, match="another vault"):
        restore_backup(backup, other.folder, passphrase=PASS, replace=True)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("x")
    with pytest.raises(BackupRefusedError, match="not empty"):
        restore_backup(backup, busy, passphrase=PASS)
    assert _snapshot_state(planted.folder, other.folder) == before


def test_restore_into_a_folder_left_with_only_the_session_count(
    planted: PlantedVault, tmp_path: Path
) -> None:
    """Left48a: the vault's files gone (the disk died, the folder was emptied by hand), the
    unrecorded-session count fix47b keeps beside them stayed: the folder was "not empty" to a
    restore. It is a leftover like an unfinished vault: the restore goes on, and the count of
    the restored vault's own lost sessions is recorded at its next unlock; anything else in the
    folder is named in the refusal."""
    backup = _backup(planted.folder, tmp_path / "usb")
    vault_id = planted_id(planted)
    target = tmp_path / "emptied"
    target.mkdir()
    unrecorded.prepare(target, vault_id)
    assert unrecorded.count_session(target, vault_id)
    restore_backup(backup, target, passphrase=PASS)
    with Vault.open(target, PASS) as vault:
        assert vault.audit_count([unrecorded.UNRECORDED_EVENT]) == 1
        assert vault.audit_verify().ok
    # Another vault's count is dropped, not carried into the restored vault.
    other = tmp_path / "other_count"
    other.mkdir()
    unrecorded.prepare(other, "another-vault")
    assert unrecorded.count_session(other, "another-vault")
    restore_backup(backup, other, passphrase=PASS)
    with Vault.open(other, PASS) as vault:
        assert vault.audit_count([unrecorded.UNRECORDED_EVENT]) == 0
    busy = tmp_path / "busy"
    busy.mkdir()
    unrecorded.prepare(busy, vault_id)
    (busy / "scan.pdf").write_bytes(b"%PDF-")
    with pytest.raises(BackupRefusedError, match=r"not empty \(it holds scan.pdf, vault"):
        restore_backup(backup, busy, passphrase=PASS)
    assert sorted(p.name for p in busy.iterdir()) == ["scan.pdf", NOTE_NAME]


def test_restore_refuses_a_vault_open_in_another_process(
    planted: PlantedVault, tmp_path: Path
) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from medlocal.vault.store import Vault\n"
            "v = Vault.open(sys.argv[1], sys.argv[2])\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(planted.folder),
            PASS,
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        before = _snapshot_state(planted.folder)
        refusal = "Another MedLocal window or command has the vault"
        with pytest.raises(BackupRefusedError, match=refusal):
            restore_backup(backup, planted.folder, passphrase=PASS, replace=True)
        assert _snapshot_state(planted.folder) == before
    finally:
        child.kill()
        child.wait()
    # Closed (here: killed), the same vault is replaced and the restore verifies.
    result = restore_backup(backup, planted.folder, passphrase=PASS, replace=True)
    assert result.replaced
    with Vault.open(planted.folder, PASS) as vault:
        assert vault.audit_verify().ok
        assert [e.event for e in vault.audit_entries()][-2:] == ["restore", "unlock"]
    assert sorted(p.name for p in planted.folder.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("stage", ["snapshot", "copying", "reading backup", "verifying"])
def test_cancel_leaves_nothing_behind(planted: PlantedVault, tmp_path: Path, stage: str) -> None:
    dest = tmp_path / "usb"
    dest.mkdir()
    cancel = threading.Event()
    seen: list[str] = []

    def progress(p: Progress) -> None:
        seen.append(p.stage)
        if p.stage == stage:
            cancel.set()

    with Vault.open(planted.folder, PASS) as vault:
        with pytest.raises(GenerationCancelled):
            create_backup(vault, PASS, dest, part_bytes=64 * 1024, progress=progress, cancel=cancel)
        assert "backup" not in [e.event for e in vault.audit_entries()]
    assert list(dest.iterdir()) == []
    assert stage in seen
    assert sorted(p.name for p in planted.folder.iterdir()) == VAULT_FILES


def test_backup_during_an_import_holds_whole_documents(tmp_path: Path) -> None:
    planted = make_planted_vault(tmp_path / "vault", documents=2, chunks=4)
    dest = tmp_path / "usb"
    dest.mkdir()
    chunks_per_doc = 40
    stop = threading.Event()
    with Vault.open(planted.folder, PASS) as vault:
        patient = vault.list_patients()[0].id

        def importer() -> None:
            start = 100
            while not stop.is_set():
                add_documents(vault, patient, 1, chunks_per_doc, start=start, payload_bytes=50_000)
                start += 1

        thread = threading.Thread(target=importer)
        thread.start()
        try:
            backups = [create_backup(vault, PASS, dest).path for _ in range(3)]
        finally:
            stop.set()
            thread.join()
    for index, backup in enumerate(backups):
        target = tmp_path / f"restored-{index}"
        restore_backup(backup, target, passphrase=PASS)
        with Vault.open(target, PASS) as restored:
            docs = restored.list_documents()
            assert restored.check_integrity() == []
            for doc in docs:
                expected = 4 if doc.file_name in ("record-0.txt", "record-1.txt") else 40
                assert len(restored.document_chunks(doc.id)) == expected == doc.chunk_count
    assert len(docs) > 2  # the import really ran while the backups were taken


def test_leftovers_of_killed_runs_are_cleaned_only_when_old(
    planted: PlantedVault, tmp_path: Path
) -> None:
    dest = tmp_path / "usb"
    dest.mkdir()
    vault_id = planted_id(planted)
    old = dest / f".medlocal-backup-20200101T000000Z-{vault_id[:8]}-0000.partial"
    recent = dest / f".medlocal-backup-20200101T000000Z-{vault_id[:8]}-1111.partial"
    foreign = dest / ".medlocal-backup-20200101T000000Z-ffffffff-2222.partial"
    for folder in (old, recent, foreign):
        folder.mkdir()
        (folder / "vault.db.000").write_bytes(b"x")
    for folder in (old, foreign):  # old, and so is its newest file
        os.utime(folder / "vault.db.000", (1, 1))
        os.utime(folder, (1, 1))
    backup = _backup(planted.folder, dest)
    assert sorted(dest.iterdir()) == sorted([backup, recent, foreign])


def _staging_paths(staging: Path) -> list[Path]:
    lock = staging.with_name(staging.name + backup_files.LOCK_SUFFIX)
    return [staging, *staging.iterdir(), lock]


def _writer(staging: Path) -> subprocess.Popen[str]:
    """A process writing an unfinished backup into ``staging`` (holding its lock), as a backup
    run does, until it is killed."""
    code = (
        "import sys, time; from pathlib import Path; from medlocal.vault import backup_files\n"
        "staging = Path(sys.argv[1]); lock = backup_files.StagingLock(staging)\n"
        "staging.mkdir(); (staging / 'vault.db.000').write_bytes(b'x' * 300_000)\n"
        "print('ready', flush=True); time.sleep(600)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(staging)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    return proc


def test_a_killed_backups_folder_goes_at_the_next_backup_a_running_ones_stays(
    planted: PlantedVault, tmp_path: Path
) -> None:
    """Walk 37: a backup killed mid-way left its hidden .partial folder for good. Its lock file
    now proves whether its writer (on this machine) is alive: a live one's folder stays, however
    old; a dead writer's goes once it is over an hour old (review 35: not at once, as a lock
    taken on another machine may not be seen here)."""
    from medlocal.app.backups import unfinished_note

    dest = tmp_path / "usb"
    dest.mkdir()
    prefix = f"medlocal-backup-20261203T215728Z-{planted_id(planted)[:8]}"
    killed = backup_files.staging_folder(dest, f"{prefix}-35d7")
    running = backup_files.staging_folder(dest, f"{prefix}-9e9e")
    killed_writer, running_writer = _writer(killed), _writer(running)
    try:
        killed_writer.kill()
        killed_writer.wait()
        for path in (*_staging_paths(killed), *_staging_paths(running)):
            os.utime(path, (1, 1))  # old; the running one, in use, is kept
        note = unfinished_note(dest)
        assert note.startswith("2 unfinished backup folder(s) in ")
        assert killed.name in note and running.name in note and "(0.6 MB)" in note
        backup = _backup(planted.folder, dest)
        assert sorted(p.name for p in dest.iterdir()) == sorted(
            [backup.name, running.name, running.name + backup_files.LOCK_SUFFIX]
        )
    finally:
        running_writer.kill()
        running_writer.wait()
    assert backup_files.remove_stale_partials(dest, planted_id(planted), 3600.0) == [running]
    assert sorted(dest.iterdir()) == [backup]  # no lock files left either
    assert unfinished_note(dest) == ""


def test_a_backup_emptied_as_it_is_published_is_an_error(
    planted: PlantedVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 35: a removal racing the publish emptied the published backup, and the writer
    reported success. The writer now re-counts its files after publishing."""
    real_publish = backup_files.publish

    def publish_then_lose_a_part(staging: Path, final: Path) -> None:
        real_publish(staging, final)
        (final / backup_files.part_name(0)).unlink()

    monkeypatch.setattr(backup_files, "publish", publish_then_lose_a_part)
    with pytest.raises(BackupError, match="damaged just after it was written"):
        _backup(planted.folder, tmp_path / "usb")


def test_reminder_follows_the_interval(planted: PlantedVault, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from medlocal.settings import Settings
    from medlocal.vault.backup_state import backup_summary

    assert backup_due(7) and "never" in backup_summary(7)
    _backup(planted.folder, tmp_path / "usb")
    later = datetime.now(UTC) + timedelta(days=8)
    assert not backup_due(7) and backup_due(7, now=later) and not backup_due(0, now=later)
    assert backup_summary(7).startswith("last verified ")
    assert Settings().backup_reminder_days == 7 and Settings().backup_folder == ""


def test_restore_from_a_folder_takes_the_newest_of_one_vault_only(
    planted: PlantedVault, tmp_path: Path
) -> None:
    dest = tmp_path / "usb"
    _backup(planted.folder, dest)
    with Vault.open(planted.folder, PASS) as vault:
        add_documents(vault, vault.list_patients()[0].id, 1, 3, start=50)
    newest = _backup(planted.folder, dest)
    result = restore_backup(dest, tmp_path / "restored", passphrase=PASS)
    assert result.backup == newest and result.counts["documents"] == 7
    other = make_planted_vault(tmp_path / "other", documents=1, chunks=2)
    _backup(other.folder, dest)
    with pytest.raises(BackupRefusedError, match="more than one vault"):
        restore_backup(dest, tmp_path / "second", passphrase=PASS)
    assert not (tmp_path / "second").exists()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB file system (tmpfs), where this machine lets the test mount one."""
    with mounted_tmpfs(tmp_path / "tiny-usb", "512k") as mount:
        yield mount


def test_a_full_backup_disk_is_refused_and_leaves_nothing(tmp_path: Path, tiny_disk: Path) -> None:
    planted = make_planted_vault(tmp_path / "vault", documents=1, chunks=2)
    with Vault.open(planted.folder, PASS) as vault:  # ~1 MB: twice the small disk
        add_documents(vault, vault.list_patients()[0].id, 20, 4, start=10, payload_bytes=50_000)
    before = _snapshot_state(planted.folder)
    with Vault.open(planted.folder, PASS) as vault:
        with pytest.raises(BackupError, match="Not enough space") as caught:
            create_backup(vault, PASS, tiny_disk)
        assert "backup" not in [e.event for e in vault.audit_entries()]
    assert "\n" not in str(caught.value)
    assert list(tiny_disk.iterdir()) == []
    assert sorted(_snapshot_state(planted.folder)[str(planted.folder)]) == sorted(
        before[str(planted.folder)]
    )


def test_a_bit_flipped_page_fails_sqlcipher_checks_even_with_matching_checksums(
    planted: PlantedVault, tmp_path: Path
) -> None:
    """Behind the part checksums, the snapshot's own page HMACs catch an altered page (as they
    would if someone rewrote the checksums too)."""
    backup = _backup(planted.folder, tmp_path / "usb")
    manifest = read_manifest(backup)
    key = unwrap_backup_key(manifest, passphrase=PASS)
    contents = open_contents(key, manifest)
    part = backup / contents.parts[0].name
    check_snapshot(part, key, manifest, contents)  # whole: passes
    data = bytearray(part.read_bytes())
    data[5 * 4096 + 100] ^= 0x01
    part.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="damaged"):
        check_snapshot(part, key, manifest, contents)


@pytest.mark.parametrize("stage", ["reading backup", "verifying"])
def test_cancelled_restore_changes_nothing(
    planted: PlantedVault, tmp_path: Path, stage: str
) -> None:
    backup = _backup(planted.folder, tmp_path / "usb")
    cancel = threading.Event()

    def progress(p: Progress) -> None:
        if p.stage == stage:
            cancel.set()

    before = _snapshot_state(planted.folder)
    with pytest.raises(GenerationCancelled):
        restore_backup(
            backup, planted.folder, passphrase=PASS, replace=True, progress=progress, cancel=cancel
        )
    assert _snapshot_state(planted.folder) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_replace_names_the_backup_and_what_is_lost_before_asking(
    planted: PlantedVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The question was only "Replace the vault in X with the backup?": a clinician restoring a
    # folder of backups did not see which one (the newest), nor that later work is lost (QA).
    from medlocal.cli import backup_cmds

    dest = tmp_path / "usb"
    _backup(planted.folder, dest)
    newest = _backup(planted.folder, dest)
    made = read_manifest(newest).header.created_at[:16].replace("T", " ")
    asked: list[str] = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return "no"

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", answer)
    with pytest.raises(UserInputError, match="Not confirmed"):
        backup_cmds._confirm_replace(planted.folder, dest)
    assert newest.name in asked[0] and f"made {made} UTC" in asked[0]
    assert "added or changed since then will be lost" in asked[0]
