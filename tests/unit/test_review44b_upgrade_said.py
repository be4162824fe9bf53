"""Review 44b B6: ``medlocal vault backup`` as the first command after an update opened the vault
itself and upgraded it without a word (the audit entry written, no line; the next command found
nothing to say), and a restore of an older backup said only "The backup's vault schema 5 was
upgraded" in the CLI and nothing in the window. Every open that upgrades now says so once, and
a restore names the formats. Each test failed before (no line; no ``upgrade_note``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.older_vault import OLDER, older_vault, rewind_one_format
from fixtures.vault_file import PASS, new_workspace

from medlocal.cli import main
from medlocal.vault.backup import create_backup
from medlocal.vault.restore import restore_backup
from medlocal.vault.schema import SCHEMA_VERSION

NOTICE = f"medlocal: Vault upgraded to format {SCHEMA_VERSION}; older MedLocal versions"
RESTORED = (
    f"The backup's vault was upgraded from vault format {OLDER} to {SCHEMA_VERSION}: older "
    "MedLocal versions cannot open the restored vault."
)


def test_a_backup_that_upgrades_the_vault_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, secret = older_vault(tmp_path)
    vault_args = ["--vault", str(tmp_path / "vault"), "--passphrase-file", str(secret)]
    usb = tmp_path / "usb"
    assert main(["vault", "backup", *vault_args, "--to", str(usb)], workspace=ws) == 0
    captured = capsys.readouterr()
    assert captured.err.count("Vault upgraded") == 1 and NOTICE in captured.err
    assert "Backup written and verified" in captured.out
    assert main(["patient", "list", *vault_args], workspace=ws) == 0
    assert "upgraded" not in capsys.readouterr().err  # said once: the vault is upgraded now
    ws.close()


def _older_backup(tmp_path: Path) -> Path:
    ws = new_workspace(tmp_path / "clinic", FakeChatModel("x"))
    vault = ws.require_vault()
    vault.add_patient("Marguerite Quennell-Abbot")
    rewind_one_format(vault)
    usb = tmp_path / "usb"
    result = create_backup(vault, PASS, usb, create_folder=True)
    assert result.path.is_dir()
    ws.close()
    return usb


def test_a_restore_of_an_older_backup_names_both_formats(tmp_path: Path) -> None:
    usb = _older_backup(tmp_path)
    result = restore_backup(usb, tmp_path / "restored", passphrase=PASS)
    assert result.migrated_from == OLDER and result.migrated_to == SCHEMA_VERSION
    assert result.upgrade_note() == RESTORED
    assert result.outcome_note() == f"{RESTORED} {result.unlock_note()}"
    current = restore_backup(usb.parent / "usb", tmp_path / "again", passphrase=PASS)
    assert current.upgrade_note() == RESTORED  # the backup itself is unchanged


def test_the_cli_restore_says_the_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = _older_backup(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    target = tmp_path / "restored"
    code = main(
        ["vault", "restore", str(usb), "--vault", str(target), "--passphrase-file", str(secret)]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"  {RESTORED}" in out.splitlines()
