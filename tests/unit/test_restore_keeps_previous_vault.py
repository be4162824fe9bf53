"""Review 41, D2 and D3. D2: after the atomic exchange the staging name holds the PREVIOUS
vault, and the cleanup removed it whenever the restore did not finish: a failed check after the
swap whose undo then failed, or Ctrl-C during that check, deleted the previous vault. Now it is
deleted only once the restored vault is in place and opened; on any failure it is put back,
and where that fails it is left where it lies and the error names that folder (which ``doctor``
lists). D3: the window locked its vault before refusing a backup made by another vault."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from test_restore_reads_once import FAST_KDF, PASS, _backup, workspace  # noqa: F401

from medlocal.app import Workspace
from medlocal.errors import MedLocalError
from medlocal.vault import restore as restore_mod
from medlocal.vault.errors import VaultError
from medlocal.vault.manifest import BackupError
from medlocal.vault.restore import leftover_folders, restore_backup

BEFORE, AFTER = ["Before Backup"], ["After Backup", "Before Backup"]


def _patients(folder: Path) -> list[str]:
    """The patients of the vault in ``folder``, opened with the passphrase as an unlock would."""
    ws = Workspace(folder, kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder())
    try:
        ws.unlock(PASS)
        return sorted(p.name for p in ws.require_vault().list_patients())
    finally:
        ws.close()


@pytest.fixture
def replacing(workspace: Workspace, tmp_path: Path) -> Iterator[Path]:  # noqa: F811
    """A backup in tmp/usb of the closed vault in tmp/vault, which has one patient more since."""
    _backup(workspace, tmp_path / "usb")
    workspace.close()
    assert _patients(tmp_path / "vault") == AFTER
    yield tmp_path / "vault"


def _fail_at(
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    call: int,
    error: BaseException,
    *,
    after: bool = False,
) -> None:
    """Make the ``call``-th call of restore's ``name`` raise ``error`` (``after``: once the real
    call has done its work, as an interrupt landing just after a rename would)."""
    real: Callable[..., object] = getattr(restore_mod, name)
    calls = [0]

    def wrapper(*args: object) -> object:
        calls[0] += 1
        if calls[0] != call:
            return real(*args)
        if after:
            real(*args)
        raise error

    monkeypatch.setattr(restore_mod, name, wrapper)


def _kept_path(message: str) -> Path:
    found = re.search(r"It is kept, unchanged, in (\S+) \(never deleted", message)
    assert found, message
    return Path(found.group(1))


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_failed_check_after_the_swap_puts_the_previous_vault_back(
    replacing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(restore_mod, "_exchange", lambda a, b: False)
    # Call 1 checks the staging folder; call 2 is the check after the swap.
    _fail_at(monkeypatch, "_check_vault", 2, VaultError("simulated: does not open"))
    with pytest.raises(VaultError, match="simulated"):
        restore_backup(tmp_path / "usb", replacing, passphrase=PASS, replace=True)
    assert _patients(replacing) == AFTER
    assert leftover_folders(replacing) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_ctrl_c_during_the_check_after_the_swap_puts_the_previous_vault_back(
    replacing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(restore_mod, "_exchange", lambda a, b: False)
    _fail_at(monkeypatch, "_check_vault", 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        restore_backup(tmp_path / "usb", replacing, passphrase=PASS, replace=True)
    assert _patients(replacing) == AFTER
    assert leftover_folders(replacing) == []


def test_ctrl_c_just_after_the_exchange_keeps_the_previous_vault(
    replacing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The exchange happened, but the interrupt came before the code could note it.
    _fail_at(monkeypatch, "_exchange", 1, KeyboardInterrupt(), after=True)
    with pytest.raises(KeyboardInterrupt):
        restore_backup(tmp_path / "usb", replacing, passphrase=PASS, replace=True)
    assert _patients(replacing) == AFTER
    assert leftover_folders(replacing) == []


def test_the_second_rename_failing_puts_the_previous_vault_back(
    replacing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restore_mod, "_exchange", lambda a, b: False)
    real_rename = restore_mod.os.rename
    calls = [0]

    def rename(a: Path, b: Path) -> None:
        calls[0] += 1
        if calls[0] == 2:  # staging -> target, after target -> .vault.replaced-*
            raise OSError(5, "simulated EIO")
        real_rename(a, b)

    monkeypatch.setattr(restore_mod.os, "rename", rename)
    with pytest.raises(OSError, match="simulated EIO"):
        restore_backup(tmp_path / "usb", replacing, passphrase=PASS, replace=True)
    assert _patients(replacing) == AFTER
    assert leftover_folders(replacing) == []


@pytest.mark.parametrize(
    "failure", [VaultError("simulated: does not open"), KeyboardInterrupt()], ids=repr
)
def test_a_failed_undo_leaves_the_previous_vault_and_names_it(
    replacing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    _fail_at(monkeypatch, "_check_vault", 2, failure)
    _fail_at(monkeypatch, "_exchange", 2, OSError(5, "simulated EIO"))  # the undo
    with pytest.raises(BackupError, match="could not be put back") as err:
        restore_backup(tmp_path / "usb", replacing, passphrase=PASS, replace=True)
    kept = _kept_path(str(err.value))
    assert kept.parent == replacing.parent and kept.name.startswith(".vault.restore-")
    assert _patients(kept) == AFTER  # whole, and it opens with its old passphrase
    assert leftover_folders(replacing) == [kept]  # what `medlocal doctor` lists
    assert _patients(replacing) == BEFORE  # the restored vault, left in place


def test_a_failed_undo_of_two_renames_leaves_the_previous_vault_and_names_it(
    replacing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restore_mod, "_exchange", lambda a, b: False)
    _fail_at(monkeypatch, "_check_vault", 2, VaultError("simulated: does not open"))
    real_rename = restore_mod.os.rename
    calls = [0]

    def rename(a: Path, b: Path) -> None:
        calls[0] += 1
        if calls[0] == 4:  # the undo's .vault.replaced-* -> target
            raise OSError(5, "simulated EIO")
        real_rename(a, b)

    monkeypatch.setattr(restore_mod.os, "rename", rename)
    with pytest.raises(BackupError, match="could not be put back") as err:
        restore_backup(tmp_path / "usb", replacing, passphrase=PASS, replace=True)
    kept = _kept_path(str(err.value))
    assert kept.name.startswith(".vault.replaced-")
    assert f"rename {kept} to {replacing}" in str(err.value)
    assert _patients(kept) == AFTER
    assert kept in leftover_folders(replacing)


def test_the_window_refuses_another_vaults_backup_before_it_locks(
    workspace: Workspace,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = Workspace(
        tmp_path / "other", kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder()
    )
    other.create_vault(PASS, PASS)
    other.backup(PASS, tmp_path / "usb", create_folder=True)
    other.close()
    locks: list[str] = []
    monkeypatch.setattr(workspace, "lock", locks.append)
    with pytest.raises(MedLocalError, match="made by another vault"):
        workspace.restore(tmp_path / "usb", PASS, replace=True)
    assert locks == []
    assert workspace.vault is not None and not workspace.require_vault().is_locked
    assert leftover_folders(workspace.vault_folder) == []
    with pytest.raises(MedLocalError, match="A vault already exists"):
        workspace.restore(tmp_path / "usb", PASS)  # without replace: refused first too
    assert locks == []
