"""``medlocal vault backup|restore`` as a user runs them: ``python -m medlocal`` in a child
process on a real vault, including a full disk (a file-size limit) and a kill -9 mid-way."""

from __future__ import annotations

import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, add_documents, make_planted_vault
from fixtures.child_process import child_env, run_cli

from medlocal.vault.backup import verify_backup
from medlocal.vault.backup_files import LOCK_SUFFIX, is_published
from medlocal.vault.manifest import BackupError
from medlocal.vault.store import Vault


def _cli(
    home: Path, *args: str, limit_bytes: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return run_cli(*args, home=home, timeout=300, preexec_fn=limit, no_stdin=True)


@pytest.fixture
def setup(tmp_path: Path, medlocal_home: Path) -> tuple[Path, Path, Path]:
    vault = make_planted_vault(tmp_path / "vault").folder
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    secret.chmod(0o600)  # as README advises: one readable by others is told on stderr
    dest = tmp_path / "usb"
    dest.mkdir()
    return vault, secret, dest


def test_backup_verify_restore_and_doctor(
    setup: tuple[Path, Path, Path], tmp_path: Path, medlocal_home: Path
) -> None:
    vault, secret, dest = setup
    auth = ["--passphrase-file", str(secret)]
    done = _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    assert done.returncode == 0, done.stderr
    assert "Backup written and verified" in done.stdout
    # Off a terminal each stage is a line naming its command (walk 48b D6: bare "copying").
    assert "backup: copying…" in done.stderr.splitlines(), done.stderr
    assert "copying" not in done.stderr.splitlines()
    checked = _cli(medlocal_home, "vault", "backup", "--verify", str(dest), *auth)
    assert checked.returncode == 0 and checked.stdout.startswith("OK"), checked.stderr
    target = tmp_path / "restored"
    restored = _cli(medlocal_home, "vault", "restore", str(dest), "--vault", str(target), *auth)
    assert restored.returncode == 0, restored.stderr
    assert all(line.startswith("restore: ") for line in restored.stderr.splitlines()), (
        restored.stderr
    )
    with Vault.open(target, PASS) as vault_now:
        assert len(vault_now.list_documents()) == 6
    doctor = _cli(medlocal_home, "doctor", "--vault", str(vault))
    assert "Backup:    last verified" in doctor.stdout, doctor.stdout
    # The default folder holds no vault: another vault's backup is not reported as its own.
    elsewhere = _cli(medlocal_home, "doctor")
    assert "Backup:    no vault in this folder" in elsewhere.stdout, elsewhere.stdout


def test_verify_and_doctor_name_an_unfinished_backup(
    setup: tuple[Path, Path, Path], medlocal_home: Path
) -> None:
    """Walk 37: a killed backup's hidden .partial folder was mentioned nowhere."""
    vault, secret, dest = setup
    auth = ["--passphrase-file", str(secret)]
    done = _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    assert done.returncode == 0, done.stderr
    left = dest / ".medlocal-backup-20261203T215728Z-ffffffff-35d7.partial"  # another vault's
    left.mkdir()
    (left / "vault.db.000").write_bytes(b"x" * 292_000)
    checked = _cli(medlocal_home, "vault", "backup", "--verify", str(dest), *auth)
    assert checked.returncode == 0, checked.stderr
    expected = (
        f"1 unfinished backup folder(s) in {dest}, left by an interrupted backup (or one "
        f"running now): {left.name} (0.3 MB)."
    )
    assert f"Note: {expected}" in checked.stdout, checked.stdout
    doctor = _cli(medlocal_home, "doctor", "--vault", str(vault))
    assert expected in doctor.stdout, doctor.stdout


def test_backup_makes_a_new_folder_and_its_parents_and_says_so(
    setup: tuple[Path, Path, Path], tmp_path: Path, medlocal_home: Path
) -> None:
    """Walk 26 item 10: `--to` a new folder on the stick was refused ("does not exist").
    Session 41: a missing parent is made too, as `mkdir -p` (a missing drive where drives
    appear is still refused: tests/unit/test_cli_backup_folders.py)."""
    vault, secret, dest = setup
    auth = ["--vault", str(vault), "--passphrase-file", str(secret)]
    new = dest / "medlocal"
    done = _cli(medlocal_home, "vault", "backup", *auth, "--to", str(new))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Created the backup folder {new}.\nBackup written"), done.stdout
    assert [is_published(p) for p in new.iterdir()] == [True]

    deep = tmp_path / "STICK" / "medlocal"
    made = _cli(medlocal_home, "vault", "backup", *auth, "--to", str(deep))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(
        f"Created the backup folder {deep} (and the missing folders from {deep.parent} down)."
    ), made.stdout


def test_relative_paths_are_the_shells_folder_and_the_absolute_path_is_said(
    setup: tuple[Path, Path, Path],
    tmp_path: Path,
    medlocal_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walk 39: a relative path was used silently. At a terminal it means the shell's folder,
    as users expect, and the absolute path used is printed (the window refuses it instead)."""
    vault, secret, dest = setup
    auth = ["--passphrase-file", str(secret)]
    monkeypatch.chdir(dest)  # the child process starts in the same folder
    done = _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", "new")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Backup folder: {dest / 'new'} (relative to the current folder)\n"
        f"Created the backup folder {dest / 'new'}."
    ), done.stdout
    checked = _cli(medlocal_home, "vault", "backup", "--verify", "./sub/../new", *auth)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"Checking: {dest / 'new'} (relative"), checked.stdout
    target = tmp_path / "restored"
    restored = _cli(medlocal_home, "vault", "restore", "new", "--vault", str(target), *auth)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restoring from: {dest / 'new'} (relative"), restored.stdout
    # An absolute path is used as typed, with nothing extra said.
    again = _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    assert again.stdout.startswith("Backup written and verified"), again.stdout


def test_replace_asks_first_and_wrong_passphrase_is_one_line(
    setup: tuple[Path, Path, Path], tmp_path: Path, medlocal_home: Path
) -> None:
    vault, secret, dest = setup
    auth = ["--passphrase-file", str(secret)]
    assert _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    before = {p.name: p.read_bytes() for p in vault.iterdir()}
    refused = _cli(
        medlocal_home, "vault", "restore", str(dest), "--vault", str(vault), "--replace", *auth
    )
    assert refused.returncode == 2 and "confirmation" in refused.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase")
    wrong.chmod(0o600)
    bad = _cli(
        medlocal_home, "vault", "backup", "--verify", str(dest), "--passphrase-file", str(wrong)
    )
    assert bad.returncode == 2 and "Wrong passphrase for this backup" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in vault.iterdir()} == before


def test_restore_says_the_backup_keeps_its_own_passphrase(
    setup: tuple[Path, Path, Path], tmp_path: Path, medlocal_home: Path
) -> None:
    """After ``passwd`` A->B, a restore over the vault brings back A: it must say so."""
    vault, secret, dest = setup
    auth = ["--passphrase-file", str(secret)]
    assert _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    later = tmp_path / "later.txt"
    later.write_text("a different passphrase set later\n")
    changed = _cli(
        medlocal_home, "vault", "passwd", "--vault", str(vault), *auth,
        "--new-passphrase-file", str(later),
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    restored = _cli(
        medlocal_home, "vault", "restore", str(dest), "--vault", str(vault), "--replace", "--yes",
        *auth,
    )  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    assert "previous vault there was replaced" in restored.stdout
    assert "passphrase the vault had when this backup was made" in restored.stdout
    assert "not with a passphrase set since then" in restored.stdout
    with Vault.open(vault, PASS) as vault_now:  # the backup's passphrase, as said
        assert len(vault_now.list_documents()) == 6


def test_full_disk_is_refused_and_nothing_changes(
    setup: tuple[Path, Path, Path], medlocal_home: Path
) -> None:
    vault, secret, dest = setup
    size = (vault / "vault.db").stat().st_size
    result = _cli(
        medlocal_home,
        "vault",
        "backup",
        "--vault",
        str(vault),
        "--passphrase-file",
        str(secret),
        "--to",
        str(dest),
        limit_bytes=size // 2,  # the snapshot cannot reach the vault's size
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert "disk full" in lines[-1] and "nothing was written" in lines[-1]
    assert list(dest.iterdir()) == []
    assert sorted(p.name for p in vault.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "vault.db",
        "vault.keys.json",
        "vault.unrecorded.json",
    ]
    with Vault.open(vault, PASS) as opened:
        assert "backup" not in [e.event for e in opened.audit_entries()]
        assert opened.check_integrity() == []


# --- kill -9 ----------------------------------------------------------------------------------


@pytest.fixture
def big_setup(setup: tuple[Path, Path, Path]) -> tuple[Path, Path, Path]:
    """``setup`` grown to ~16 MB, so that a kill lands inside each stage of the work."""
    with Vault.open(setup[0], PASS) as vault:
        patient = vault.list_patients()[0].id
        add_documents(vault, patient, 120, 30, start=10, payload_bytes=120_000)
    return setup


def _spawn(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "medlocal", *args],
        env=child_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def _first_progress_line(child: subprocess.Popen[str]) -> str:
    """The child's first progress line, past the note that the run killed before it did not
    close properly (walk 38: said at start-up, before any work)."""
    assert child.stderr is not None
    line = child.stderr.readline()
    while "did not close properly" in line:
        line = child.stderr.readline()
    return line


def _timed(home: Path, *args: str) -> float:
    """Seconds from the child's first progress line (work begun, start-up over) to its exit."""
    child = _spawn(home, *args)
    _first_progress_line(child)
    start = time.monotonic()
    _out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    return time.monotonic() - start


def _kill_mid_work(home: Path, args: tuple[str, ...], within: float, rng: random.Random) -> int:
    """Start the command, wait for its first progress line, SIGKILL it at a random moment of
    the work; returns its exit status (0 when it finished first)."""
    child = _spawn(home, *args)
    _first_progress_line(child)
    time.sleep(rng.uniform(0.0, within))
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    return child.returncode


@pytest.mark.slow
def test_kill9_during_backup_never_leaves_a_backup_that_passes(
    big_setup: tuple[Path, Path, Path], medlocal_home: Path
) -> None:
    vault, secret, dest = big_setup
    args = ("vault", "backup", "--vault", str(vault), "--passphrase-file", str(secret))
    full = _timed(medlocal_home, *args, "--to", str(dest), "--keep", "1")
    (previous,) = list(dest.iterdir())
    rng = random.Random(11)
    finished = interrupted = 0
    for _run in range(20):
        finished += _kill_mid_work(medlocal_home, (*args, "--to", str(dest)), full, rng) == 0
        verify_backup(previous, passphrase=PASS)
        for entry in dest.iterdir():
            if entry == previous or entry.name.endswith(LOCK_SUFFIX):
                continue  # a killed run's lock file: proof its folder is abandoned
            if is_published(entry):
                verify_backup(entry, passphrase=PASS)  # it finished before the kill
            else:
                interrupted += 1
                with pytest.raises(BackupError, match="not a finished backup"):
                    verify_backup(entry, passphrase=PASS)
    assert finished < 20 and interrupted > 0  # the kills really landed mid-backup
    with Vault.open(vault, PASS) as opened:
        assert opened.check_integrity() == []
        assert opened.audit_verify().ok


@pytest.mark.slow
def test_kill9_during_restore_replace_keeps_a_vault_that_opens(
    big_setup: tuple[Path, Path, Path], medlocal_home: Path
) -> None:
    vault, secret, dest = big_setup
    auth = ("--passphrase-file", str(secret))
    _timed(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    with Vault.open(vault, PASS) as opened:  # the live vault moves on after the backup
        add_documents(opened, opened.list_patients()[0].id, 1, 5, start=900)
        live_docs = {d.file_name for d in opened.list_documents()}
    args = ("vault", "restore", str(dest), "--vault", str(vault), "--replace", "--yes", *auth)
    full = _timed(medlocal_home, *args)
    with Vault.open(vault, PASS) as opened:
        backup_docs = {d.file_name for d in opened.list_documents()}
        add_documents(opened, opened.list_patients()[0].id, 1, 5, start=900)
    assert backup_docs != live_docs
    rng = random.Random(5)
    kept = 0
    for _run in range(10):
        _kill_mid_work(medlocal_home, args, full, rng)
        with Vault.open(vault, PASS) as opened:
            docs = {d.file_name for d in opened.list_documents()}
            assert docs in (live_docs, backup_docs)
            kept += docs == live_docs
            assert opened.audit_verify().ok
            if docs == backup_docs:  # the restore finished: make the live vault differ again
                add_documents(opened, opened.list_patients()[0].id, 1, 5, start=900)
    assert kept > 0  # some kills landed before the new vault was in place


def test_a_damaged_backup_is_bad_input_and_changes_nothing(
    setup: tuple[Path, Path, Path], tmp_path: Path, medlocal_home: Path
) -> None:
    """A truncated part or a cut-short manifest named to verify or restore is bad input (exit
    2, one line), as a malformed model file is; nothing is restored."""
    vault, secret, dest = setup
    auth = ["--passphrase-file", str(secret)]
    done = _cli(medlocal_home, "vault", "backup", "--vault", str(vault), *auth, "--to", str(dest))
    assert done.returncode == 0, done.stderr
    (backup,) = [p for p in dest.iterdir() if is_published(p)]
    part = next(p for p in backup.iterdir() if p.name.startswith("vault.db"))
    with part.open("r+b") as handle:
        handle.truncate(part.stat().st_size // 2)
    target = tmp_path / "restored"
    for argv in (
        ("vault", "backup", "--verify", str(backup), *auth),
        ("vault", "restore", str(backup), "--vault", str(target), *auth),
    ):
        result = _cli(medlocal_home, *argv)
        assert result.returncode == 2, (argv, result.stderr)
        (line,) = result.stderr.strip().splitlines()[-1:]
        assert "truncated" in line and "Traceback" not in result.stderr, result.stderr
    assert not target.exists() or not any(target.iterdir())

    manifest = backup / "backup.json"
    manifest.write_bytes(manifest.read_bytes()[:40])
    result = _cli(medlocal_home, "vault", "restore", str(backup), "--vault", str(target), *auth)
    assert result.returncode == 2 and "manifest is damaged" in result.stderr, result.stderr
