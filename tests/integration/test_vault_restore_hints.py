"""Walkthrough 15, small things around restore: the passphrase hint names the vault it was
restored into, ``doctor`` lists folders an interrupted restore left behind (with what to do;
``--vault DIR`` for another vault's), and verifying an interrupted (``.partial``) backup is bad
input, exit 2, like other bad paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault
from fixtures.terminal import run_cli as _cli

from medlocal import paths
from medlocal.vault.backup import create_backup
from medlocal.vault.store import Vault


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    vault = make_planted_vault(tmp_path / "vault").folder
    dest = tmp_path / "usb"
    dest.mkdir()
    with Vault.open(vault, PASS) as opened:
        create_backup(opened, PASS, dest)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return dest, secret


def test_the_passphrase_hint_names_a_vault_other_than_the_default(
    backed_up: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest, secret = backed_up
    target = tmp_path / "restored"
    auth = ["--passphrase-file", str(secret)]
    assert _cli("vault", "restore", str(dest), "--vault", str(target), *auth) == 0
    out = capsys.readouterr().out
    assert f"To change it: medlocal vault passwd --vault {target}\n" in out, out

    assert _cli("vault", "restore", str(dest), *auth) == 0  # into the default vault folder
    out = capsys.readouterr().out
    assert "To change it: medlocal vault passwd\n" in out, out


def test_doctor_lists_what_an_interrupted_restore_left(
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = paths.vault_dir()
    assert _cli("doctor") == 0
    assert "interrupted restore" not in capsys.readouterr().out  # nothing left: nothing said
    left = vault.parent / f".{vault.name}.restore-1a2b3c4d"
    left.mkdir()
    replaced = vault.parent / f".{vault.name}.replaced-5e6f7a8b"
    replaced.mkdir()
    assert _cli("doctor") == 0
    out = capsys.readouterr().out
    assert "2 folder(s) left by an interrupted restore" in out, out
    assert f"           {left}\n" in out and f"           {replaced}\n" in out
    assert "Look inside before removing one: medlocal patient list --vault FOLDER" in out
    assert left.is_dir() and replaced.is_dir()  # never removed by doctor
    assert _cli("doctor", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["restore_leftovers"] == [str(replaced), str(left)]  # sorted by name


def test_doctor_vault_checks_that_vaults_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``doctor --vault DIR``, as other vault commands take it: the leftovers beside that vault,
    not the default one's (which it did not check before), and the vault folder it names."""
    other = tmp_path / "clinic" / "vault2"
    other.parent.mkdir()
    left = other.parent / f".{other.name}.replaced-0a1b2c3d"
    left.mkdir()
    default = paths.vault_dir()
    beside_default = default.parent / f".{default.name}.restore-99999999"
    beside_default.mkdir()
    assert _cli("doctor", "--vault", str(other)) == 0
    out = capsys.readouterr().out
    assert "1 folder(s) left by an interrupted restore" in out, out
    assert f"           {left}\n" in out and str(beside_default) not in out
    # The folder itself is gone (only what the interrupted restore left beside it).
    assert f"vault:     {other} (no such folder: no vault here)\n" in out, out
    assert _cli("doctor", "--json", "--vault", str(other)) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["restore_leftovers"] == [str(left)]
    assert report["folders"]["vault"] == str(other)
    assert not other.exists()  # only looked at: no vault created, nothing unlocked


def test_verifying_an_interrupted_backup_is_bad_input(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    dest, secret = backed_up
    (backup,) = list(dest.iterdir())
    partial = backup.rename(dest / f".{backup.name}.partial")
    auth = ["--passphrase-file", str(secret)]
    assert _cli("vault", "backup", "--verify", str(partial), *auth) == 2
    assert "not a finished backup" in capsys.readouterr().err
    target = dest.parent / "restored"
    assert _cli("vault", "restore", str(partial), "--vault", str(target), *auth) == 2
    assert "not a finished backup" in capsys.readouterr().err


def test_verify_names_each_backup_in_a_folder_and_goes_on_past_a_damaged_one(
    backed_up: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI and the window's Verify share app.backups.verify_backups: every backup, each named.
    dest, secret = backed_up
    (first,) = list(dest.iterdir())
    with Vault.open(tmp_path / "vault", PASS) as opened:
        second = create_backup(opened, PASS, dest).path
    part = next(p for p in first.iterdir() if p.name.startswith("vault.db"))
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    assert _cli("vault", "backup", "--verify", str(dest), "--passphrase-file", str(secret)) == 1
    captured = capsys.readouterr()
    assert f"FAILED  {first.name}: " in captured.out
    assert f"OK      {second.name}: made " in captured.out
    assert "1 of 2 backups failed verification." in captured.err


def test_a_damaged_newest_backup_is_named_with_the_older_sound_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 40: restoring from a folder whose newest backup is truncated said only "The backup
    file vault.db.000 is truncated …", naming neither that backup nor the sound older one."""
    import time

    vault = make_planted_vault(tmp_path / "vault").folder
    mix = tmp_path / "mix"
    mix.mkdir()
    with Vault.open(vault, PASS) as opened:
        older = create_backup(opened, PASS, mix).path
        time.sleep(1.1)  # backup names and dates are to the second
        newest = create_backup(opened, PASS, mix).path
    part = newest / "vault.db.000"
    part.write_bytes(part.read_bytes()[:20000])
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    auth = ["--passphrase-file", str(secret)]
    target = tmp_path / "restored"
    assert _cli("vault", "restore", str(mix), "--vault", str(target), *auth) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"The backup {newest.name} (made " in err and f"in {mix} is damaged" in err, err
    assert "vault.db.000 is truncated" in err
    assert "An older backup in the same folder checks out" in err and older.name in err
    assert f"To restore it, name its folder: {older}" in err
    assert not target.exists()  # nothing restored in its place
    assert _cli("vault", "restore", str(older), "--vault", str(target), *auth) == 0
    capsys.readouterr()

    # The older one damaged too: said, and nothing pointed at.
    (older / "vault.db.000").write_bytes(b"")
    other = tmp_path / "restored2"
    assert _cli("vault", "restore", str(mix), "--vault", str(other), *auth) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "No older backup in the same folder checks out with this passphrase (1 checked)" in err
    assert not other.exists()
