"""Walk 51b M2a: a summary over four chosen documents cited only one of them, and neither the
summary, its flags nor its sources said that the other three gave nothing (a problem list
without the osteoporosis of the DEXA scan it was given). The summary now names the chosen
documents no statement cites, in its notes: on the command line, in its provenance and in
every export (the window: tests/gui/test_summarize_dialog_uncited.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import PASS, new_workspace

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.rag.export import Shared
from medlocal.rag.passages import NumberedPassage, uncited_documents_note
from medlocal.vault.records import SearchHit

DOCUMENTS = {
    "lyon.txt": "Letter from Dr Camille Fournier, Lyon: wrist fracture treated in March 2023.",
    "dexa.txt": "DEXA scan: femoral neck T-score -2.6, consistent with osteoporosis.",
    "clinic.txt": "Fracture clinic: distal radius fracture healing; start alendronic acid 70 mg.",
}
NOTE = "2 of the 3 documents you chose are not cited by this summary: "


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    chat = FakeChatModel("Wrist fracture treated in Lyon in March 2023 [1].")
    workspace: Workspace = new_workspace(tmp_path, chat)
    patient = workspace.require_vault().add_patient("Harold Bexley")
    files = []
    for name, text in DOCUMENTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    report = workspace.import_documents(files, patient)
    assert [o.status for o in report.files] == ["imported"] * 3
    return workspace


def _ids(ws: Workspace) -> dict[str, int]:
    return {d.file_name: d.id for d in ws.require_vault().list_documents(1)}


def test_the_summary_names_the_chosen_documents_it_does_not_cite(
    ws: Workspace, tmp_path: Path
) -> None:
    ids = _ids(ws)
    chosen = [ids["lyon.txt"], ids["dexa.txt"], ids["clinic.txt"]]
    saved = ws.summarize(1, "problem-list", document_ids=chosen)
    (note,) = [n for n in saved.summary.notes if n.startswith(NOTE)]
    assert "dexa.txt" in note and "clinic.txt" in note and "lyon.txt" not in note
    assert note in saved.summary.provenance["notes"]
    for suffix in ("md", "txt"):
        out = tmp_path / f"summary.{suffix}"
        ws.export(Shared.output(saved.output_id), out)
        assert NOTE in out.read_text(encoding="utf-8"), suffix


def test_the_command_line_prints_the_note(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _ids(ws)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    args = ["summarize", "--patient", "1", "--template", "problem-list"]
    args += ["--passphrase-file", str(secret)]
    for name in ("lyon.txt", "dexa.txt", "clinic.txt"):
        args += ["--doc", str(ids[name])]
    ws.close()
    assert main(args, workspace=ws) == 0
    err = capsys.readouterr().err
    assert f"medlocal: note: {NOTE}" in err


def _passage(number: int, document_id: int, name: str) -> NumberedPassage:
    hit = SearchHit(
        chunk_id=number,
        document_id=document_id,
        patient_id=1,
        file_name=name,
        page=None,
        start=0,
        end=10,
        section=None,
        text="text",
        score=0.0,
        vector_score=None,
        bm25_score=None,
    )
    return NumberedPassage(number, hit)


def test_the_note_counts_documents_not_passages() -> None:
    passages = [_passage(1, 7, "a.txt"), _passage(2, 8, "b.txt"), _passage(3, 8, "b.txt")]
    assert uncited_documents_note(passages, {1, 3}) == ""  # one passage of b.txt is enough
    assert uncited_documents_note(passages, {2}) == (
        "1 of the 2 documents you chose is not cited by this summary: a.txt."
        " What it holds may be missing from it: read it."
    )
    assert uncited_documents_note(passages, set()).startswith(
        "None of the 2 documents you chose is cited by this summary: a.txt, b.txt."
    )
    assert uncited_documents_note(passages[:1], set()).startswith(
        "The document you chose is not cited by this summary: a.txt."
    )


def test_a_long_list_is_cut_with_a_count() -> None:
    passages = [_passage(n, n, f"doc{n}.txt") for n in range(1, 13)]
    note = uncited_documents_note(passages, {1})
    assert note.startswith("11 of the 12 documents you chose are not cited by this summary:")
    assert "doc9.txt and 3 more." in note
