"""Walk 47a D2: `vault backup --verify` and `vault restore` on a folder holding only an
interrupted backup said "No MedLocal backup in ..." without naming it: exactly when a clinician
most needs to hear that their only backup there was interrupted. The folder is now named, with
its size, as the README says --verify does.

A real vault and a real backup, left as a backup killed before it was published leaves it: its
hidden ``.NAME.partial`` folder (the published name is given only after it verified)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.vault_file import FAST, PASS, new_vault

from medlocal.cli import main
from medlocal.vault.store import Vault


def _backed_up(tmp_path: Path) -> tuple[list[str], Path]:
    """A vault with one patient, backed up to ``tmp_path/usb``: the passphrase arguments and
    the backup folder."""
    vault = new_vault(tmp_path / "vault")
    vault.add_patient("Ada Quornwaithe")
    vault.lock()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    auth = ["--passphrase-file", str(secret)]
    dest = tmp_path / "usb"
    assert (
        main(["vault", "backup", "--vault", str(tmp_path / "vault"), *auth, "--to", str(dest)]) == 0
    )
    return auth, dest


@pytest.mark.parametrize("command", ["verify", "restore"])
def test_a_folder_with_only_an_interrupted_backup_names_it(
    command: str, tmp_path: Path, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    auth, dest = _backed_up(tmp_path)
    (made,) = dest.iterdir()
    left = made.rename(dest / f".{made.name}.partial")
    capsys.readouterr()

    if command == "verify":
        code = main(["vault", "backup", "--verify", str(dest), *auth])
    else:
        code = main(["vault", "restore", str(dest), "--vault", str(tmp_path / "new"), *auth])
    err = capsys.readouterr().err
    assert code == 2
    assert f"No MedLocal backup in {dest}. It holds only 1 unfinished backup folder(s)" in err
    assert f"{left.name} (0." in err and "make a new backup" in err
    assert not (tmp_path / "new").exists()


def test_a_backup_restores_over_a_vault_whose_creation_was_interrupted(
    tmp_path: Path, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 47a D1: the first-run wizard's *Restore from a backup*, after a killed creation."""
    auth, dest = _backed_up(tmp_path)
    left, _key = Vault.create(tmp_path / "new", PASS, kdf_params=FAST, finish=False)
    left.lock()
    assert main(["vault", "restore", str(dest), "--vault", str(tmp_path / "new"), *auth]) == 0
    with Vault.open(tmp_path / "new", PASS) as restored:
        assert [p.name for p in restored.list_patients()] == ["Ada Quornwaithe"]
