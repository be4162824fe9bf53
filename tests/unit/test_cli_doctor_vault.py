"""'medlocal doctor --vault DIR' says when DIR holds no vault (it printed 'vault: /nonexistent'
as if all were well), as a finding like the others (exit 0); every line reads 'Label:  value'."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fixtures.vault_file import new_vault

from medlocal.cli import main


def _doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["doctor", *argv]) == 0  # findings are reported, not failed on
    return capsys.readouterr().out


def test_doctor_says_when_the_vault_folder_is_missing_or_empty(
    medlocal_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexistent"
    out = _doctor(capsys, "--vault", str(missing))
    assert f"vault:     {missing} (no such folder: no vault here)" in out.splitlines()
    data = json.loads(_doctor(capsys, "--vault", str(missing), "--json"))
    assert data["vault_note"] == "no such folder: no vault here"

    empty = tmp_path / "empty"
    empty.mkdir()
    assert f"vault:     {empty} (no vault in this folder)" in _doctor(capsys, "--vault", str(empty))

    real = tmp_path / "real"
    with new_vault(real):
        pass
    assert f"vault:     {real}" in _doctor(capsys, "--vault", str(real)).splitlines()


def test_every_doctor_line_has_the_label_layout(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _doctor(capsys).splitlines()
    labelled = re.compile(r"[A-Za-z][\w .-]*: +\S")
    for line in lines:
        if not line.startswith(" "):  # continuation lines are indented under their label
            assert labelled.match(line), line
    assert any(line.startswith("llama.cpp: llama-cpp-python ") for line in lines)


def test_a_vault_folder_that_cannot_be_read_is_said_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.app.doctor import _vault_note

    locked = tmp_path / "locked" / "vault"

    def refuse(self: Path, *args: object, **kwargs: object) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    # As Path.exists does on Python 3.11 under a parent folder this user may not enter (root,
    # which runs the tests, may enter any folder, so the refusal is played).
    monkeypatch.setattr(Path, "exists", refuse)
    assert _vault_note(locked) == "cannot be read (Permission denied)"


def test_doctor_reports_the_backup_of_the_vault_it_checks(
    medlocal_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One data folder records the backups of every vault used on it: the doctor named the
    newest of any vault as this one's, and a folder deleted since as if it were still there."""
    from medlocal.vault.backup_state import record_verified
    from medlocal.vault.manifest import Header
    from medlocal.vault.unlock import VaultFiles

    mine, other = tmp_path / "mine", tmp_path / "other"
    for folder in (mine, other):
        with new_vault(folder):
            pass
    mine_id, other_id = VaultFiles(mine).vault_id(), VaultFiles(other).vault_id()
    assert mine_id and other_id and mine_id != other_id
    backup = tmp_path / "usb" / "backup-of-other"
    backup.mkdir(parents=True)
    # Made an hour ago: a fixed date grows older than the reminder interval (7 days) and the
    # line then ends with "back up soon" (it failed from 2026-12-07 on).
    made = (datetime.now(UTC) - timedelta(hours=1)).replace(second=0, microsecond=0)
    record_verified(backup, Header("b1", other_id, 1, made.isoformat()))

    out = _doctor(capsys, "--vault", str(mine))
    assert "Backup:    never verified" in out and str(backup) not in out, out
    out = _doctor(capsys, "--vault", str(other))
    when = made.strftime("%Y-%m-%d %H:%M")
    assert f"Backup:    last verified {when} UTC, {backup.resolve()}\n" in out, out

    backup.rmdir()  # the USB drive unplugged, or the folder deleted
    out = _doctor(capsys, "--vault", str(other))
    assert f"{backup.resolve()} (that folder cannot be reached now)" in out, out
    assert "Backup:    no vault in this folder" in _doctor(capsys, "--vault", str(tmp_path))


def test_doctor_says_when_redacted_export_cannot_run(
    medlocal_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walk 27: an install without the de-identification model failed every redacted export,
    and doctor said nothing. It now checks the model file the export needs."""
    assert "Redaction: ready (de-identification model in place)" in _doctor(capsys).splitlines()
    missing = tmp_path / "resources"
    missing.mkdir()
    monkeypatch.setattr("medlocal.privacy.deid_model_file.resources_dir", lambda: missing)
    line = next(x for x in _doctor(capsys).splitlines() if x.startswith("Redaction:"))
    assert "PROBLEM: deid_tagger.crfsuite is missing" in line and "Reinstall" in line
    (missing / "deid_tagger.crfsuite").write_bytes(b"not a model")
    line = next(x for x in _doctor(capsys).splitlines() if x.startswith("Redaction:"))
    assert "PROBLEM: deid_tagger.crfsuite cannot be opened" in line
    data = json.loads(_doctor(capsys, "--json"))
    assert data["redaction_problem"].startswith("deid_tagger.crfsuite cannot be opened")
