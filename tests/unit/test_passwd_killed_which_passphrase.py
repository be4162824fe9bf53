"""A `vault passwd` killed: the next start says which passphrase opens the vault, from the key
file's state at the killed run's start and now (walk 49a D7: "try the new one first" where the
change had never been written)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from medlocal import paths
from medlocal.cli import main
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

ROOT = Path(__file__).resolve().parents[2]
OLD = "first clinic passphrase"
NEW = "second clinic passphrase"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
# Runs `medlocal ARGS...` and kills it right after its run marker was written.
KILLED_AFTER_MARKING = textwrap.dedent(
    """
    import os, signal, sys
    from medlocal import run_marker
    marked = run_marker.start_run
    def mark_then_die(*a, **k):
        marked(*a, **k)
        os.kill(os.getpid(), signal.SIGKILL)
    run_marker.start_run = mark_then_die
    from medlocal.cli import main
    main(sys.argv[1:])
    """
)


def _killed_passwd(old: Path, new: Path) -> None:
    args = ["vault", "passwd", "--passphrase-file", str(old), "--new-passphrase-file", str(new)]
    child = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_MARKING, *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def _secret(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("written", [False, True])
def test_the_next_start_says_which_passphrase_opens_the_vault(
    written: bool, medlocal_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Vault.create(paths.vault_dir(), OLD, kdf_params=FAST)[0].lock()
    old, new = _secret(tmp_path, "old.txt", OLD), _secret(tmp_path, "new.txt", NEW)
    _killed_passwd(old, new)
    if written:  # as if the kill came after the key file's write
        with Vault.open(paths.vault_dir(), OLD) as vault:
            vault.change_passphrase(NEW)
    assert main(["vault", "status", "--passphrase-file", str(new if written else old)]) == 0
    said = capsys.readouterr().err
    assert "The last run of 'medlocal vault passwd'" in said
    assert "Try the new one first" not in said
    if written:
        assert "the passphrase change had been written, so the new passphrase opens it" in said
    else:
        assert "had not been written, so the passphrase it had before still opens it" in said
