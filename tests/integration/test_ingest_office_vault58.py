"""Excel workbooks and OpenDocument text through the real import into the real SQLCipher vault
(ingest58): good files land complete and searchable, each bad one fails alone with its reason
and the vault stays healthy; and a lab workbook's later rows are read under their columns by
the search, the model's prompt and the grounding checks (the potassium right, and wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.office_files import (
    lab_values,
    make_encrypted_office_file,
    make_odt,
    make_xlsx,
    make_zip_bomb,
)
from fixtures.table_answers import potassium_answer

from medlocal.engine.api import Embedder, SamplingParams
from medlocal.ingest.pipeline import import_paths
from medlocal.models.embedders import packaged_model_zip
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.record import record_passages
from medlocal.vault.store import Vault

SHEETS = {
    "Renal": [["Date", "Na", "K", "Creat"], ["2024-03-02", 139, 5.6, 88]],
    "Workings": [["x", 1]],
}


def test_workbooks_and_odt_letters_import_and_bad_ones_fail_alone(
    vault: Vault, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    files = {
        "01-labs.xlsx": (make_xlsx(SHEETS, hidden=["Workings"]), "imported"),
        "02-letter.odt": (make_odt(["Potassium 5.6 mmol/L."], heading="Clinic letter"), "imported"),
        "03-locked.xlsx": (make_encrypted_office_file(), "password-protected Excel workbook"),
        "04-really-a.csv.xlsx": (b"Date,K\n2024-03-02,5.6\n", "rename it to end in .csv"),
        "05-bomb.xlsx": (make_zip_bomb("xl/workbook.xml"), "zip bomb"),
        "06-empty.xlsx": (make_xlsx({"Sheet1": []}), "no cells with content"),
        "07-cut.odt": (make_odt(["Hello."])[:300], "cut short"),
        "08-old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "save it as .xlsx"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    embedder = FakeEmbedder()
    patient = vault.add_patient("Test Patient")
    named = [folder / name for name in sorted(files)]
    report = import_paths(vault, named, patient, embedder)
    outcomes = {outcome.file_name: outcome for outcome in report.files}
    for name, (_, expectation) in files.items():
        if expectation == "imported":
            assert outcomes[name].status == "imported", (name, outcomes[name].reason)
        else:
            assert outcomes[name].status == "failed", name
            assert expectation in (outcomes[name].reason or ""), (name, outcomes[name].reason)
    assert any("1 hidden sheet not imported" in note for note in outcomes["01-labs.xlsx"].notes)

    stored = {doc.file_name: doc for doc in vault.list_documents(patient)}
    assert set(stored) == {"01-labs.xlsx", "02-letter.odt"}
    assert stored["01-labs.xlsx"].file_type == "xlsx" and stored["02-letter.odt"].file_type == "odt"
    assert vault.document_text(stored["01-labs.xlsx"].id) == (
        "Renal\n\nDate,Na,K,Creat\n2024-03-02,139,5.6,88"
    )
    for doc in stored.values():
        chunks = vault.document_chunks(doc.id)
        text = vault.document_text(doc.id)
        assert chunks and all(text[c.start : c.end] == c.text for c in chunks)
        assert vault.document_bytes(doc.id) == (folder / doc.file_name).read_bytes()
    assert vault.check_integrity() == []

    again = import_paths(vault, named, patient, embedder)
    assert {o.file_name for o in again.skipped} == set(stored)


QUESTION = "What was the potassium on 15 October 2023?"
DAY = "2023-10-15"  # row 266: Hb 116, K 5.6 (set below)


@pytest.mark.skipif(
    packaged_model_zip() is None, reason="the packaged all-MiniLM embedder is not available"
)
def test_a_lab_workbook_s_late_potassium_is_checked_under_its_columns(
    vault: Vault, tmp_path: Path, minilm: Embedder
) -> None:
    values = lab_values()
    assert str(values[267][0]) == DAY
    values[267][5] = 5.6
    path = tmp_path / "labs_export.xlsx"
    path.write_bytes(make_xlsx({"Results": values}))
    patient = vault.add_patient("Ines Calloway", mrn="IC-550127")
    report = import_paths(vault, [path], patient, minilm)
    assert [f.status for f in report.files] == ["imported"], report.failed

    (document,) = vault.list_documents(patient)
    chunks = sorted(vault.document_chunks(document.id), key=lambda c: c.ord)
    header = "Date,Hb,WCC,Plt,Na,K,Creat"
    assert len(chunks) > 5 and header in chunks[0].text
    assert all("K (potassium)" in (c.context or "") for c in chunks[1:])
    hits = record_passages(vault, patient)
    assert {h.table_heading for h in hits[1:]} == {header}

    shown: list[str] = []
    params = SamplingParams(max_tokens=64)
    right = GroundedAnswerer(potassium_answer(DAY, "5.6", shown), vault, minilm, params=params)
    result = right.ask(QUESTION, Scope(patient)).consume()
    assert result.status == "answered", result
    assert result.flags == [], result.flags
    assert shown[0].split("\n")[1] == f"Columns: {header}", shown[0]

    wrong = GroundedAnswerer(potassium_answer(DAY, "116", []), vault, minilm, params=params)
    flagged = wrong.ask(QUESTION, Scope(patient)).consume()
    assert [f.kind for f in flagged.flags] == ["misattributed_value"], flagged.flags
    assert f"the hemoglobin on {DAY}" in flagged.flags[0].message
