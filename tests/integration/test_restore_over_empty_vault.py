"""Walk 43 D1: a second computer could not restore the clinic's backup once its first start had
made a vault of its own (another vault id: "Restore it into an empty folder instead", which
neither face could do). A vault that never held a record now gives way to another vault's backup
after one confirmation, in the window's workspace and in `vault restore --replace`; a vault with
records is still refused, the message naming the next step."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.backup_vault import FAST, MARKERS, PASS, make_planted_vault
from fixtures.terminal import at_terminal
from fixtures.terminal import run_cli as _cli

from medlocal.app import Workspace
from medlocal.vault.backup import create_backup
from medlocal.vault.manifest import BackupRefusedError
from medlocal.vault.store import Vault


@pytest.fixture
def clinic_backup(tmp_path: Path) -> Path:
    vault = make_planted_vault(tmp_path / "clinic", documents=2, chunks=2).folder
    usb = tmp_path / "usb"
    usb.mkdir()
    with Vault.open(vault, PASS) as opened:
        create_backup(opened, PASS, usb)
    return usb


def _names(folder: Path, passphrase: str = PASS) -> list[str]:
    with Vault.open(folder, passphrase) as opened:
        return [p.name for p in opened.list_patients()]


def test_the_window_restores_over_a_just_made_vault(clinic_backup: Path, tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "second", kdf_params=FAST)
    try:
        ws.create_vault("another new passphrase", "another new passphrase")
        result = ws.restore(clinic_backup, PASS, replace=True)
        assert result.replaced
    finally:
        ws.close()
    assert _names(tmp_path / "second") == [MARKERS[1]]


def test_a_vault_with_records_is_still_refused_with_the_next_step(
    clinic_backup: Path, tmp_path: Path
) -> None:
    ws = Workspace(tmp_path / "second", kdf_params=FAST)
    try:
        ws.create_vault(PASS, PASS)
        ws.require_vault().add_patient("Kept Here")
        with pytest.raises(BackupRefusedError) as refused:
            ws.restore(clinic_backup, PASS, replace=True)
        assert "move the folder" in str(refused.value)
        assert "Restore from a backup" in str(refused.value)
        assert ws.vault is not None and not ws.vault.is_locked  # left as it was, still open
    finally:
        ws.close()
    assert _names(tmp_path / "second") == ["Kept Here"]


def test_vault_restore_replace_replaces_an_empty_vault_after_one_confirmation(
    clinic_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "second"
    own = "a different passphrase words"
    Vault.create(target, own, kdf_params=FAST)[0].lock()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    current = tmp_path / "current.txt"
    current.write_text(own + "\n")
    args = ["vault", "restore", str(clinic_backup), "--vault", str(target)]
    auth = ["--passphrase-file", str(secret)]
    # Without --replace: refused, the vault never opened (review 43, D3).
    assert _cli(*args, *auth, "--current-passphrase-file", str(current)) == 2
    assert _names(target, own) == []
    auth += ["--current-passphrase-file", str(current), "--replace"]
    questions = at_terminal(monkeypatch, "no")
    assert _cli(*args, *auth) == 2
    assert "never held a record" in questions[0]
    assert _names(target, own) == []
    at_terminal(monkeypatch, "replace")
    assert _cli(*args, *auth) == 0
    assert _names(target) == [MARKERS[1]]
