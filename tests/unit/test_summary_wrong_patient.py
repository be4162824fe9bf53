"""Walk 40b item 7: a summary line "Name: Margaret Helen Hartley [1†]" mixed two patients'
names (another patient's middle name, this one's surname) and was not flagged. A name, date of
birth or MRN a summary gives for the patient that is not the vault's record is flagged."""

from __future__ import annotations

from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import new_workspace

from medlocal.rag.checks.patient_identity import RecordIdentity, check_patient_identity

RECORD = RecordIdentity("Margaret Ellen Hartley", "HRT-440912", "1948-03-14")


def _flagged(text: str, identity: RecordIdentity | None = RECORD) -> list[str]:
    return [text[f.token_start : f.token_end] for f in check_patient_identity(text, identity)]


def test_another_name_dob_or_mrn_is_flagged() -> None:
    text = (
        "Name: Margaret Helen Hartley [1].\n"
        "The patient is Margaret Helen Hartley, a 78 year old lady [4].\n"
        "MRN: HRT-440921 [2].\nDOB 15/03/1948 [2].\n"
    )
    assert _flagged(text) == [
        "Margaret Helen Hartley",
        "Margaret Helen Hartley",
        "HRT-440921",
        "15/03/1948",
    ]
    (flag, *_) = check_patient_identity(text, RECORD)
    assert flag.kind == "wrong_patient"
    assert "record says Margaret Ellen Hartley" in flag.message


def test_the_patients_own_details_in_any_form_pass() -> None:
    text = (
        "Name: Margaret Hartley DOB: 14/03/1948 MRN: hrt 440912 [1].\n"
        "Patient: Mrs M. E. Hartley, born 14 March 1948 [1].\n"
        "Patient name: HARTLEY, Margaret Ellen [2].\n"
        "The patient is stable on apixaban [3]. Patient: she was seen in clinic [3].\n"
    )
    assert _flagged(text) == []
    assert _flagged("Name: Margaret Helen Hartley [1].", None) == []  # no record: no check


def test_a_summary_naming_another_patient_is_flagged_end_to_end(tmp_path: Path) -> None:
    chat = FakeChatModel("Name: Margaret Helen Hartley [1].")
    ws = new_workspace(tmp_path, chat)
    patient = ws.require_vault().add_patient("Margaret Ellen Hartley", mrn="HRT-440912")
    note = tmp_path / "letter.txt"
    note.write_text("Name: Margaret Helen Hartley. Apixaban 2.5 mg twice daily.", encoding="utf-8")
    ws.import_documents([note], patient)
    saved = ws.summarize(patient, "soap")
    flagged = [f for f in saved.summary.flags if f.kind == "wrong_patient"]
    assert flagged and flagged[0].token == "Margaret Helen Hartley"
    assert saved.summary.provenance["flag_counts"].get("wrong_patient")
    ws.close()
