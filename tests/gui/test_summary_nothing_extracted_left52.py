"""Walk 51b L9 (Qt offscreen, a real vault, the real map/reduce summary with the fake chat
model): a summary whose every section was "Not extracted" (the model cited nothing) said
"Saved in the vault. 1 item(s) to check against the sources." - the words of a good summary
with one doubt. It says plainly that nothing could be extracted; the window, ``summarize`` and
``outputs list`` alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import FAST, PASS
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.cli.rag_cmds import _checking
from medlocal.rag.summarize import NOT_EXTRACTED
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

WAIT_MS = 60_000


def _summarised(qtbot: QtBot, workspace: Workspace, patient: int) -> SummarizeDialog:
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
        dialog.start()
    return dialog


def test_a_summary_with_nothing_extracted_says_so(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    fake_chat: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A model that cites nothing: every map note is dropped, every section "Not extracted".
    monkeypatch.setattr(fake_chat, "_script", "I am happy to help with this patient today.")
    dialog = _summarised(qtbot, workspace, patient_with_note)
    assert dialog.saved is not None
    text = dialog.saved.summary.text
    assert text.count(NOT_EXTRACTED) == 3, text  # the medication list's three sections
    said = dialog.message.text()
    assert "item(s) to check" not in said, said
    assert said.startswith("Saved in the vault, but empty."), said
    assert "Nothing could be extracted for any of its 3 sections" in said, said
    assert "does not mean they are silent" in said
    stored = workspace.require_vault().get_output(dialog.saved.output_id)
    assert _checking(stored) == "nothing extracted from the documents: read them"


def test_a_summary_with_text_still_counts_its_items(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _summarised(qtbot, workspace, patient_with_note)  # the cited metformin line
    said = dialog.message.text()
    assert said.startswith("Saved in the vault.") and "empty" not in said, said
    assert dialog.saved is not None
    stored = workspace.require_vault().get_output(dialog.saved.output_id)
    assert "item(s) to check" in _checking(stored)


def test_summarize_on_the_command_line_says_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = FakeChatModel("I am happy to help with this patient today.")
    ws = Workspace(tmp_path / "vault", kdf_params=FAST, chat_loader=lambda model: chat)
    ws.create_vault(PASS, PASS)
    patient = ws.require_vault().add_patient("Jane Roe", mrn="MRN-4711")
    note = tmp_path / "meds.txt"
    note.write_text("Jane Roe. Medications: metformin 500 mg twice daily.", encoding="utf-8")
    ws.import_documents([note], patient)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    args = ["summarize", "--patient", str(patient), "--template", "medication-list"]
    assert main([*args, "--passphrase-file", str(secret)], workspace=ws) == 0
    err = capsys.readouterr().err
    assert "medlocal: Nothing could be extracted for any of its 3 sections" in err, err
    assert main(["outputs", "list", "--passphrase-file", str(secret)], workspace=ws) == 0
    listed = capsys.readouterr().out
    assert "(nothing extracted from the documents: read them)" in listed, listed
