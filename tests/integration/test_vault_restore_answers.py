"""What ``vault restore --replace`` does with the answers a person (or a script) gives at its
question: Ctrl-D and a closed standard input change nothing and say so, exit non-zero, and
leave no crash report (walkthrough 15: Ctrl-D printed an internal error and wrote a crash
report). The one confirmation helper of ``medlocal.cli.common`` asks."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault
from fixtures.terminal import Tty
from fixtures.terminal import run_cli as _cli

from medlocal.crash import pending_crash_reports
from medlocal.vault.backup import create_backup
from medlocal.vault.store import Vault

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path, Path]:
    vault = make_planted_vault(tmp_path / "vault").folder
    dest = tmp_path / "usb"
    dest.mkdir()
    with Vault.open(vault, PASS) as opened:
        create_backup(opened, PASS, dest)
        opened.add_patient("Added After Backup")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return vault, dest, secret


def _patients(folder: Path) -> list[str]:
    with Vault.open(folder, PASS) as vault:
        return [p.name for p in vault.list_patients()]


def test_ctrl_d_at_the_question_changes_nothing(
    backed_up: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault, dest, secret = backed_up
    before = _patients(vault)
    asked: list[str] = []

    def ctrl_d(prompt: str = "") -> str:
        asked.append(prompt)
        raise EOFError

    monkeypatch.setattr("sys.stdin", Tty())
    monkeypatch.setattr(builtins, "input", ctrl_d)
    code = _cli(
        "vault", "restore", str(dest), "--replace", "--vault", str(vault),
        "--passphrase-file", str(secret),
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Type 'replace' to go on" in asked[0]
    assert "Not confirmed; nothing was replaced." in err
    assert "internal error" not in err and pending_crash_reports() == []
    assert _patients(vault) == before and "Added After Backup" in before


def test_a_closed_standard_input_is_refused_without_a_crash(
    backed_up: tuple[Path, Path, Path], medlocal_home: Path
) -> None:
    vault, dest, secret = backed_up
    before = _patients(vault)
    args = ["vault", "restore", str(dest), "--replace", "--vault", str(vault)]
    done = subprocess.run(
        [sys.executable, "-m", "medlocal", *args, "--passphrase-file", str(secret)],
        env={**os.environ, "PYTHONPATH": str(REPO), "MEDLOCAL_HOME": str(medlocal_home)},
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(0),  # started as `medlocal ... <&-`
    )
    assert done.returncode == 2, done.stderr
    assert "add --yes. Nothing was changed." in done.stderr
    assert "internal error" not in done.stderr and pending_crash_reports() == []
    assert _patients(vault) == before


def test_patient_remove_in_a_script_with_stdin_closed_does_not_crash(
    tmp_path: Path, medlocal_home: Path
) -> None:
    vault = make_planted_vault(tmp_path / "vault").folder
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    args = ["patient", "remove", "1", "--vault", str(vault), "--passphrase-file", str(secret)]
    done = subprocess.run(
        [sys.executable, "-m", "medlocal", *args],
        env={**os.environ, "PYTHONPATH": str(REPO), "MEDLOCAL_HOME": str(medlocal_home)},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.close(0),
    )
    # No terminal to ask: a script goes ahead, as with standard input not a terminal.
    assert done.returncode == 0, done.stderr
    assert pending_crash_reports() == [] and _patients(vault) == []


def test_a_wrong_current_passphrase_is_no_failed_unlock_and_is_named(
    backed_up: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Review 49b R6: a wrong --current-passphrase-file was tried with an unlock (a failed unlock
    of that vault) and the question blamed the backup's passphrase, which was right."""
    vault, dest, secret = backed_up
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n")
    with Vault.open(vault, PASS) as opened:
        failures = len([e for e in opened.audit_entries() if e.event == "failed_unlock"])
    asked: list[str] = []

    def decline(prompt: str = "") -> str:
        asked.append(prompt)
        return "no"

    monkeypatch.setattr("sys.stdin", Tty())
    monkeypatch.setattr(builtins, "input", decline)
    code = _cli(
        "vault", "restore", str(dest), "--replace", "--vault", str(vault),
        "--passphrase-file", str(secret), "--current-passphrase-file", str(wrong),
    )  # fmt: skip
    assert code == 2, capsys.readouterr().err
    assert "the passphrase in --current-passphrase-file does not open it" in asked[0], asked
    with Vault.open(vault, PASS) as opened:
        after = len([e for e in opened.audit_entries() if e.event == "failed_unlock"])
    assert after == failures
