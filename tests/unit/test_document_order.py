"""Walk 34: a folder of note_1 ... note_11 was listed note_1, note_10, note_11, note_2 (the
order of import, a plain text sort) by `patient show` and the window. Both list a patient's
documents through one function, in natural order: numbers compared as numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.terminal import run_cli
from fixtures.vault_file import FAST, PASS

from medlocal.app import Workspace
from medlocal.app.patients import documents_in_order, natural_key

NAMES = ["note_1.txt", "note_10.txt", "note_11.txt", "note_2.txt", "Note_3.txt", "letter.txt"]
NATURAL = ["letter.txt", "note_1.txt", "note_2.txt", "Note_3.txt", "note_10.txt", "note_11.txt"]


def test_natural_key_compares_numbers_as_numbers() -> None:
    assert sorted(NAMES, key=natural_key) == NATURAL
    assert sorted(["scan 2 page 10", "scan 2 page 9", "scan 10"], key=natural_key) == [
        "scan 2 page 9",
        "scan 2 page 10",
        "scan 10",
    ]


def imported_folder(tmp_path: Path) -> tuple[Path, int]:
    """A closed vault with one patient and a folder of notes imported for them."""
    folder = tmp_path / "notes"
    folder.mkdir()
    for number, name in enumerate(NAMES):
        (folder / name).write_text(f"Clinic note {number}: metformin 500 mg BD.", "utf-8")
    vault_folder = tmp_path / "vault"
    ws = Workspace(vault_folder, kdf_params=FAST, embedder_loader=lambda model: FakeEmbedder())
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("Ada Byrne")
    report = ws.import_documents([folder], patient)
    assert len(report.imported) == len(NAMES)
    stored = [d.file_name for d in ws.require_vault().list_documents(patient)]
    assert stored != NATURAL  # imported in plain text order: the case the walk met
    ordered = documents_in_order(ws.require_vault().list_documents(patient))
    assert [d.file_name for d in ordered] == NATURAL
    ws.close()
    return vault_folder, patient


def test_patient_show_lists_documents_in_natural_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault_folder, patient = imported_folder(tmp_path)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(vault_folder), "--passphrase-file", str(secret)]
    assert run_cli("patient", "show", str(patient), *opts) == 0
    out = capsys.readouterr().out
    listed = [name for line in out.splitlines() for name in NAMES if f"  {name}  " in line]
    assert listed == NATURAL
    assert run_cli("patient", "show", str(patient), "--json", *opts) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [d["file_name"] for d in shown["documents"]] == NATURAL
