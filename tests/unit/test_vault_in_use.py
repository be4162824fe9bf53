"""rotate-key is refused while another process has the vault open: that process would go on with
the old key and report every page as damaged (seen: an import running alongside failed with 'The
vault database is damaged or was altered.')."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from medlocal.vault.errors import VaultInUseError
from medlocal.vault.inuse import other_openers
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"


def _locks_line(pid: int, shm: Path, start: str = "128", end: str = "128") -> str:
    info = shm.stat()
    device = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    return f"1: POSIX  ADVISORY  READ {pid} {device} {start} {end}"


def test_other_openers_reads_proc_locks(tmp_path: Path) -> None:
    database = tmp_path / "vault.db"
    shm = tmp_path / "vault.db-shm"
    shm.write_bytes(b"")
    locks = tmp_path / "locks"
    me = os.getpid()
    locks.write_text(
        "\n".join(
            [
                _locks_line(me, shm),  # our own connection
                _locks_line(4242, shm, "0", "EOF"),
                _locks_line(4343, shm, "1073741826", "1073742335"),  # not the DMS byte
                "2: -> " + _locks_line(4444, shm).split(": ", 1)[1],  # waiting to open
                "3: FLOCK  ADVISORY  WRITE 99 00:00:1 0 EOF",  # another file
            ]
        )
    )
    assert other_openers(database, locks) == {4242, 4444}
    assert other_openers(tmp_path / "missing.db", locks) == set()
    assert other_openers(database, tmp_path / "no-such-locks") == set()


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="Linux /proc/locks")
def test_rotate_key_refused_while_another_process_has_the_vault_open(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASS, kdf_params=FAST)
    vault.add_patient("Ann Example")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from medlocal.vault.store import Vault
                v = Vault.open({str(folder)!r}, {PASS!r})
                v.list_patients()
                print("open", flush=True)
                sys.stdin.read()
                v.lock()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(VaultInUseError, match="open in another MedLocal process"):
            vault.rotate_key(PASS)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    deadline = time.monotonic() + 10
    while other_openers(folder / "vault.db") and time.monotonic() < deadline:
        time.sleep(0.1)
    vault.rotate_key(PASS)  # alone again: allowed
    assert [p.name for p in vault.list_patients()] == ["Ann Example"]
    vault.lock()
