"""Walk 44 D5: today's first open of a vault the old release made (schema 4) upgraded it to 6
without a word, and the old release then refused it as "created by a newer MedLocal" (it was
created by the old one and upgraded by the new). The open that migrates now says so once, and
the refusal of a vault newer than this version says "created or upgraded". Each test failed
before the fix (checked by restoring medlocal/vault, medlocal/app, medlocal/cli from main: no
line on stderr, no upgraded_from, the old refusal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.older_vault import older_vault
from fixtures.vault_file import PASS, new_workspace

from medlocal.cli import main
from medlocal.vault import db
from medlocal.vault.errors import VaultCorruptedError
from medlocal.vault.schema import SCHEMA_VERSION
from medlocal.vault.store import Vault

NOTICE = (
    f"Vault upgraded to format {SCHEMA_VERSION}; older MedLocal versions cannot open it; backups"
    " made before still restore in this version."
)


def test_the_first_open_that_upgrades_says_so_once_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, secret = older_vault(tmp_path)
    args = ["patient", "list", "--passphrase-file", str(secret)]
    assert main(args, workspace=ws) == 0
    captured = capsys.readouterr()
    assert captured.err.count("Vault upgraded") == 1
    assert f"medlocal: {NOTICE}" in captured.err.splitlines()
    assert "Quennell-Abbot" in captured.out
    ws.lock()
    # Already upgraded: the next open says nothing.
    assert main(args, workspace=ws) == 0
    assert "upgraded" not in capsys.readouterr().err
    ws.close()


def test_the_notice_is_taken_once_and_the_upgrade_is_audited(tmp_path: Path) -> None:
    ws, _ = older_vault(tmp_path)
    vault = ws.unlock(PASS)
    assert vault.upgraded_from == SCHEMA_VERSION - 1
    assert ws.take_upgrade_notice() == NOTICE
    assert ws.take_upgrade_notice() is None
    upgrades = [e for e in vault.audit_entries() if e.event == "upgrade"]
    assert [e.details for e in upgrades] == [
        {"from_schema": SCHEMA_VERSION - 1, "to_schema": SCHEMA_VERSION}
    ]
    ws.lock()
    assert ws.unlock(PASS).upgraded_from is None and ws.take_upgrade_notice() is None
    ws.close()


def test_a_new_vault_is_no_upgrade(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path, FakeChatModel("x"))
    assert ws.require_vault().upgraded_from is None and ws.take_upgrade_notice() is None
    ws.lock()
    assert ws.unlock(PASS).upgraded_from is None
    ws.close()


def test_a_vault_from_a_newer_medlocal_says_created_or_upgraded(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path, FakeChatModel("x"))
    vault = ws.require_vault()
    with vault._tx() as s:
        s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    ws.lock()
    with pytest.raises(VaultCorruptedError) as raised:
        Vault.open(tmp_path / "vault", PASS)
    assert str(raised.value) == (
        f"This vault was created or upgraded by a newer MedLocal (vault format"
        f" {SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION}); update MedLocal to"
        " open it."
    )
    assert db.newer_vault_message(SCHEMA_VERSION + 1) == str(raised.value)
    ws.close()
