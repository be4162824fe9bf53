"""Walk 47a D1: a `vault init` killed part-way left a half-made vault. Killed after the key file,
before the database: every command said "The vault database file is missing." and `vault init`
"A vault already exists" (stuck). Killed after the database, before the recovery key was shown:
an empty vault that opened and took patients, whose recovery key nobody had. Both times the
next start said "Your vault is safe: everything it had saved is kept".

Now the key file says "unfinished" until the recovery key has been shown: such a vault is
refused with a clear message, and the next init (or the window's wizard) makes it again. A
vault that finished is never removed. Real SQLCipher vault; the kill is a real SIGKILL of a
`medlocal vault init` subprocess at the step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fixtures.vault_file import FAST, PASS, new_vault

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.vault.errors import VaultExistsError
from medlocal.vault.store import Vault
from medlocal.vault.unlock import VaultFiles

ROOT = Path(__file__).resolve().parents[2]
# Runs `medlocal vault init` with the vault's ``db.STEP`` made to SIGKILL the process (after
# the step for "migrate": the database is made, the recovery key not yet shown).
KILLED_INIT = textwrap.dedent(
    """
    import os, signal, sys
    from medlocal.vault import db
    step, secret = sys.argv[1], sys.argv[2]
    original = getattr(db, step)
    def killed(*args, **kwargs):
        if step == "migrate":
            original(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(db, step, killed)
    from medlocal.cli import main
    main(["vault", "init", "--passphrase-file", secret])
    """
)


def _kill_init_at(step: str, secret: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", KILLED_INIT, step, str(secret)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "Recovery key" not in child.stdout


@pytest.mark.parametrize("step", ["create_private_file", "migrate"])
def test_a_killed_init_is_refused_plainly_then_made_again(
    step: str, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = medlocal_home.parent / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    _kill_init_at(step, secret)

    assert main(["vault", "status", "--passphrase-file", str(secret)]) == 2
    err = capsys.readouterr().err
    assert "was never finished" in err and "medlocal vault init" in err
    # The next start names the command and does not call the unfinished vault safe and kept.
    assert "'medlocal vault init'" in err and "did not close properly" in err
    assert "everything it had saved is kept" not in err

    assert main(["vault", "init", "--passphrase-file", str(secret)]) == 0
    out, err = capsys.readouterr()
    assert "Recovery key" in out
    assert "interrupted before its recovery key was shown" in err
    assert main(["vault", "status", "--passphrase-file", str(secret)]) == 0
    assert "Patients:     0" in capsys.readouterr().out


def test_a_finished_vault_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault = new_vault(folder)
    vault.add_patient("Ada Quornwaithe")
    vault.lock()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(VaultExistsError):
        Vault.create(folder, PASS)
    with pytest.raises(VaultExistsError):
        VaultFiles(folder).remove_unfinished()
    ws = Workspace(folder)
    try:
        with pytest.raises(VaultExistsError):
            ws.create_vault(PASS, PASS)
    finally:
        ws.close()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_vault_is_unfinished_until_its_recovery_key_was_shown(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _key = Vault.create(folder, PASS, kdf_params=FAST, finish=False)
    assert Vault.is_unfinished(folder) and not Vault.exists(folder)
    vault.finish_creation()
    vault.lock()
    assert Vault.exists(folder) and not Vault.is_unfinished(folder)
    Vault.open(folder, PASS).lock()


def test_a_vault_another_process_is_still_creating_is_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    vault, _key = Vault.create(folder, PASS, kdf_params=FAST, finish=False)  # key on screen
    try:
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from medlocal.cli import main; sys.exit(main())",
                "vault",
                "init",
                "--vault",
                str(folder),
                "--passphrase-file",
                str(secret),
            ],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        vault.finish_creation()
        vault.lock()
    assert Vault.exists(folder)
    Vault.open(folder, PASS).lock()  # still the first process's vault
    assert other.returncode == 2
    assert "Another MedLocal is creating the vault in" in other.stderr
