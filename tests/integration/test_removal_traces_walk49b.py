"""Walk 49b D3: ``patient remove`` said "Removed patient 9 and all their records." while every
earlier backup, the files exported from their records and the audit log still held them, and
its question named documents only. The question and the result now name their chats and saved
outputs, and what keeps their records after the removal."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault
from fixtures.terminal import at_terminal, run_cli

from medlocal.app.removal_traces import removal_traces
from medlocal.vault.backup import create_backup
from medlocal.vault.store import Vault


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path, int, list[str]]:
    """A vault whose patient has a chat and a saved output, one document exported, and two
    backups made since the patient was added."""
    vault = make_planted_vault(tmp_path / "vault", documents=2, chunks=4).folder
    usb = tmp_path / "usb"
    usb.mkdir()
    with Vault.open(vault, PASS) as opened:
        patient = opened.list_patients()[0].id
        document = opened.list_documents(patient)[0].id
        opened.record_event("export", {"document_id": document, "format": "txt"})  # as export does
        create_backup(opened, PASS, usb)
        create_backup(opened, PASS, usb)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return vault, usb, patient, ["--vault", str(vault), "--passphrase-file", str(secret)]


def test_the_question_and_the_result_say_what_still_holds_them(
    backed_up: tuple[Path, Path, int, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault, usb, patient, args = backed_up
    asked = at_terminal(monkeypatch, "y")
    assert run_cli("patient", "remove", str(patient), *args) == 0
    question = asked[0]
    assert "with their 2 documents, 1 chat and 1 saved output from the vault?" in question
    assert f"2 older backups in {usb}" in question, question
    # Left 49: the vault is not the default one, so the command names it.
    assert f"medlocal vault backup --vault {vault} --prune 1 --to {usb}" in question, question
    assert "1 file exported from their records" in question, question
    assert "The audit log keeps" in question, question
    out = capsys.readouterr().out
    assert "Removed patient" in out and "What still holds their records:" in out, out
    assert f"2 older backups in {usb}" in out
    with Vault.open(vault, PASS) as opened:
        assert opened.list_patients() == []


def test_backups_made_before_the_patient_was_added_are_not_counted(
    backed_up: tuple[Path, Path, int, list[str]],
) -> None:
    vault, usb, _patient, _args = backed_up
    time.sleep(1.1)  # a patient's time is to the second: one added in a backup's second counts
    with Vault.open(vault, PASS) as opened:
        newcomer = opened.add_patient("Added After The Backups")
        traces = removal_traces(opened, newcomer)
    assert [held.folder for held in traces.backup_folders] == [usb] and traces.backups == ()
    assert traces.exports == 0 and traces.records() == "0 documents, 0 chats and 0 saved outputs"
    assert not any("older backup" in line for line in traces.still_held())


def test_restore_over_a_newer_vault_counts_what_it_loses(
    backed_up: tuple[Path, Path, int, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Walk 49b D7: the question said only "Everything added or changed since then will be
    lost", the result only what the backup brought."""
    vault, usb, _patient, args = backed_up
    with Vault.open(vault, PASS) as opened:
        opened.add_patient("Added Since One")
        opened.add_patient("Added Since Two")
    asked = at_terminal(monkeypatch, "replace")
    # The backup's passphrase still opens the vault: it counts it (checked on its key file).
    assert run_cli("vault", "restore", str(usb), "--replace", *args) == 0
    question = asked[0]
    assert "The vault there holds 3 patients and 2 documents now" in question, question
    assert "the backup holds 1 patient and 2 documents (2 fewer patient(s))" in question, question
    assert "removed since come back" in question, question
    out = capsys.readouterr().out
    assert "It held 3 patients and 2 documents; the restored vault holds 1 patient" in out, out
