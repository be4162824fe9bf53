"""Review 43, D1-D3: restoring another vault's backup over a vault "with no patients and no
documents" lost that vault's chats, outputs, collections and audit trail (D1); records added
while the backup was read were lost too, as emptiness was never checked again (D2); and `vault
restore` guessed the vault's passphrase with the backup's, each wrong guess counted as a failed
unlock that throttled its owner (D3)."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

import pytest
from fixtures.backup_vault import FAST, MARKERS, PASS, make_planted_vault
from fixtures.terminal import at_terminal
from fixtures.terminal import run_cli as _cli

from medlocal.app import Workspace
from medlocal.app.backups import vault_records
from medlocal.progress import Progress
from medlocal.vault.backup import create_backup
from medlocal.vault.manifest import BackupRefusedError
from medlocal.vault.restore import finish_restore, prepare_restore
from medlocal.vault.store import Vault
from medlocal.vault.unlock import VaultFiles

OWN = "the second computer's passphrase"


@pytest.fixture
def clinic_backup(tmp_path: Path) -> Path:
    vault = make_planted_vault(tmp_path / "clinic", documents=1, chunks=1).folder
    usb = tmp_path / "usb"
    usb.mkdir()
    with Vault.open(vault, PASS) as opened:
        create_backup(opened, PASS, usb)
    return usb


def _names(folder: Path, passphrase: str = OWN) -> list[str]:
    with Vault.open(folder, passphrase) as opened:
        return [p.name for p in opened.list_patients()]


def test_a_vault_that_held_records_is_not_replaceable(clinic_backup: Path, tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "second", kdf_params=FAST)
    try:
        ws.create_vault(OWN, OWN)
        vault = ws.require_vault()
        assert vault_records(vault) == []  # only created and unlocked
        patient = vault.add_patient("Removed Patient", mrn="X1")
        vault.add_collection("Guidelines 2026")
        chat = vault.create_chat(None)
        vault.add_chat_message(chat, "user", "a general question")
        vault.save_output(None, "summary", "General output", "kept", {}, [])
        vault.remove_patient(patient)
        held = vault_records(vault)
        assert held == [
            "1 chat",
            "1 saved output",
            "1 collection",
            "an audit trail of records added or removed",
        ]
        with pytest.raises(BackupRefusedError) as refused:
            ws.restore(clinic_backup, PASS, replace=True)
        assert "move the folder" in str(refused.value)
        assert ws.vault is not None and not ws.vault.is_locked
    finally:
        ws.close()
    with Vault.open(tmp_path / "second", OWN) as kept:
        assert [c.name for c in kept.list_collections()] == ["Guidelines 2026"]


def test_a_vault_whose_records_were_all_removed_is_not_replaceable(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", OWN, kdf_params=FAST)
    with vault:
        vault.remove_patient(vault.add_patient("Gone"))
        assert vault_records(vault) == ["an audit trail of records added or removed"]


def test_a_patient_added_while_the_backup_is_read_stops_the_swap(
    clinic_backup: Path, tmp_path: Path
) -> None:
    ws = Workspace(tmp_path / "second", kdf_params=FAST)
    added: list[int] = []

    def meanwhile(progress: Progress) -> None:
        # The window's import or "Add patient" committing during the long read of the backup.
        if not added and progress.stage != "installing":
            added.append(ws.require_vault().add_patient("Added During Read"))

    try:
        ws.create_vault(OWN, OWN)
        with pytest.raises(BackupRefusedError) as refused:
            ws.restore(clinic_backup, PASS, replace=True, progress=meanwhile)
        assert added
        assert "changed while the backup was read (1 patient" in str(refused.value)
        assert ws.vault is not None and not ws.vault.is_locked  # refused, left open
    finally:
        ws.close()
    assert _names(tmp_path / "second") == ["Added During Read"]


def test_finish_restore_checks_a_replaceable_vault_again_before_the_swap(
    clinic_backup: Path, tmp_path: Path
) -> None:
    target = tmp_path / "third"
    vault, _ = Vault.create(target, OWN, kdf_params=FAST)
    replaceable = vault.vault_id
    prepared = prepare_restore(
        clinic_backup,
        target,
        passphrase=PASS,
        replace=True,
        replaceable=replaceable,
        target_open_here=True,
    )
    vault.add_patient("Added During Read")
    vault.lock()
    # Without a last check nothing says the vault is still unused: refused.
    with pytest.raises(ValueError, match="last_check"):
        finish_restore(prepared, replace=True, replaceable=replaceable)
    assert _names(target) == ["Added During Read"]


def _key_file(folder: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(VaultFiles(folder).key_file.read_text())
    return loaded


def test_vault_restore_never_guesses_the_vault_passphrase(
    clinic_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "other"
    vault, _ = Vault.create(target, OWN, kdf_params=FAST)
    vault.add_patient("Kept Patient")
    vault.lock()
    before = VaultFiles(target).key_file.read_bytes()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    args = ["vault", "restore", str(clinic_backup), "--vault", str(target)]
    for _ in range(3):
        assert _cli(*args, "--passphrase-file", str(secret)) == 2
    # Never opened: no failed unlock recorded, the owner is not throttled.
    assert VaultFiles(target).key_file.read_bytes() == before
    # With --replace it asks for the vault's own passphrase (never tries the backup's).
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return OWN

    monkeypatch.setattr(getpass, "getpass", typed)
    assert _cli(*args, "--passphrase-file", str(secret), "--replace", "--yes") == 2
    assert len(prompts) == 1 and f"vault now in {target}" in prompts[0]
    assert _key_file(target).get("failed_attempts", 0) == 0
    assert _names(target) == ["Kept Patient"]


def test_vault_restore_replaces_an_unused_vault_naming_what_goes(
    clinic_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "second"
    Vault.create(target, OWN, kdf_params=FAST)[0].lock()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    current = tmp_path / "current.txt"
    current.write_text(OWN + "\n")
    args = ["vault", "restore", str(clinic_backup), "--vault", str(target)]
    auth = ["--passphrase-file", str(secret), "--current-passphrase-file", str(current)]
    # Without --replace: refused as before, the vault never opened.
    assert _cli(*args, *auth) == 2
    questions = at_terminal(monkeypatch, "no")
    assert _cli(*args, *auth, "--replace") == 2
    assert "never held a record" in questions[0]
    assert "with its audit trail" in questions[0]
    assert _names(target) == []
    at_terminal(monkeypatch, "replace")
    assert _cli(*args, *auth, "--replace") == 0
    assert _names(target, PASS) == [MARKERS[1]]


def test_vault_restore_checks_the_vault_again_before_the_swap(
    clinic_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.vault import restore

    target = tmp_path / "second"
    Vault.create(target, OWN, kdf_params=FAST)[0].lock()
    real_check = restore.backup_check.check_snapshot

    def check_then_add(*args: Any, **kwargs: Any) -> None:
        real_check(*args, **kwargs)
        with Vault.open(target, OWN) as meanwhile:  # another window adds a patient meanwhile
            meanwhile.add_patient("Added During Read")

    monkeypatch.setattr(restore.backup_check, "check_snapshot", check_then_add)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    current = tmp_path / "current.txt"
    current.write_text(OWN + "\n")
    args = ["vault", "restore", str(clinic_backup), "--vault", str(target), "--replace", "--yes"]
    auth = ["--passphrase-file", str(secret), "--current-passphrase-file", str(current)]
    assert _cli(*args, *auth) == 2
    assert _names(target) == ["Added During Read"]
