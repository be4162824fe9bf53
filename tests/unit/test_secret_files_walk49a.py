"""Secrets in files and a forgotten passphrase on the command line (walk 49a D8): a file that
other users can read is used with a word on how to keep it, and a wrong passphrase names the way
back with the recovery key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.terminal import run_cli as _cli

from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASS = "correct horse battery"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)[0].lock()
    return tmp_path / "vault"


def _secret(tmp_path: Path, text: str, mode: int) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(text + "\n")
    path.chmod(mode)
    return path


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_passphrase_file_others_can_read_is_told(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _secret(tmp_path, PASS, 0o644)
    assert _cli("vault", "status", "--vault", str(folder), "--passphrase-file", str(secret)) == 0
    err = capsys.readouterr().err
    assert "can be read by other users of this computer (permissions 644)" in err
    assert "chmod 600" in err and "delete it" in err
    secret.chmod(0o600)
    assert _cli("vault", "status", "--vault", str(folder), "--passphrase-file", str(secret)) == 0
    assert "other users" not in capsys.readouterr().err


def test_a_wrong_passphrase_names_the_recovery_key_way_back(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _secret(tmp_path, "not the vault passphrase", 0o600)
    assert _cli("vault", "status", "--vault", str(folder), "--passphrase-file", str(secret)) == 2
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err
    assert "'medlocal vault passwd --recovery-key-file FILE'" in err
