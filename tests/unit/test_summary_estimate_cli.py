"""Walk 41 #11 on the command line: `summarize` said "reading the documents: 0/32 steps" and
nothing else for the first minute; it now prints the steps first, with what shortens them,
and the time a later summary with the same model should take."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import FAST, PASS

from medlocal.app import Workspace, outputs
from medlocal.cli import main


def test_summarize_prints_its_steps_and_then_the_time_from_the_last_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "SESSION_PACE", {})  # this test's session
    chat = FakeChatModel("Metformin 500 mg twice daily [1].")
    chat.name = "fake-model"
    ws = Workspace(tmp_path / "vault", kdf_params=FAST, chat_loader=lambda model: chat)
    ws.create_vault(PASS, PASS)
    patient = ws.require_vault().add_patient("Jane Roe", mrn="MRN-4711")
    note = tmp_path / "meds.txt"
    note.write_text("Jane Roe. Medications: metformin 500 mg twice daily.", encoding="utf-8")
    ws.import_documents([note], patient)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    args = ["summarize", "--patient", str(patient), "--template", "medication-list"]
    args += ["--passphrase-file", str(secret)]
    ws.close()
    assert main(args, workspace=ws) == 0
    plan = [line for line in capsys.readouterr().err.splitlines() if "this summary takes" in line]
    assert plan == [
        "medlocal: this summary takes 4 steps: 1 to read the documents, 3 to write the sections;"
        " the time left is estimated during the first step; to shorten it, choose fewer"
        " documents with --doc"
    ]
    ws.close()
    assert main(args, workspace=ws) == 0
    err = capsys.readouterr().err
    assert (
        "medlocal: this summary takes 4 steps: 1 to read the documents, 3 to write the sections;"
        " about 1 min at this model's pace in the last summary; to shorten it" in err
    ), err
