"""Walk 48b D1: `outputs list` showed a general answer (`ask --patient --general`: no passage,
no reference, no check) as "(0 item(s) to check)", read as an answer checked and found sound.
It says what the saved answer says: a general answer, not from the documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.rag.prompts import GENERAL_LABEL
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"


def test_a_general_answer_is_listed_as_not_from_the_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Margaret Hartley", mrn="HRT-440912", dob="1948-03-14")
    text = f"{GENERAL_LABEL}\nA normal ejection fraction is 50-70%."
    general = vault.save_output(
        patient, "answer", "Is her ejection fraction normal?", text, {"status": "general"}, []
    )
    checked = vault.save_output(patient, "answer", "What is her EF?", "EF 45% [1].", {}, [])
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    try:
        assert main(["outputs", "list", "--passphrase-file", str(secret)], workspace=ws) == 0
    finally:
        ws.close()
    lines = {int(line.split()[0]): line for line in capsys.readouterr().out.splitlines()}
    assert lines[general].endswith("(general answer, not from the documents: verify independently)")
    assert lines[checked].endswith("(0 item(s) to check)")
