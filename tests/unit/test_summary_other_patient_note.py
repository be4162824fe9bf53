"""Walk 40b item 6: a document that names another patient of the vault (its import said so) was
summarised by default, and the summary cited it with no note, in the window and its exports;
an answer citing it carries the note. A summary now leaves it out unless it is named, and one
that takes it carries the answer's note, in its text, provenance and every export."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import PASS, new_workspace

from medlocal.app import Workspace
from medlocal.app.outputs import default_summary_documents
from medlocal.cli import main
from medlocal.errors import UserInputError
from medlocal.rag.export import Shared
from medlocal.rag.passages import NumberedPassage, summary_file_notes
from medlocal.vault.records import SearchHit

LETTER = "Re: Mrs Margaret Thornbury, MRN RAI-558213. Apixaban 5 mg BD for atrial fibrillation."
OWN = "Tobias Okonkwo-Reyes: metformin 500 mg BD."
OTHER = "names another patient of this vault"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    chat = FakeChatModel("Apixaban 5 mg BD for atrial fibrillation [1].")
    workspace = new_workspace(tmp_path, chat)
    vault = workspace.require_vault()
    vault.add_patient("Margaret Thornbury", mrn="RAI-558213")
    tobias = vault.add_patient("Tobias Okonkwo-Reyes", mrn="T-77120")
    letter, own = tmp_path / "letter.txt", tmp_path / "own.txt"
    letter.write_text(LETTER, encoding="utf-8")
    own.write_text(OWN, encoding="utf-8")
    report = workspace.import_documents([letter, own], tobias)
    assert [o.status for o in report.files] == ["imported", "imported"]
    return workspace


def _ids(ws: Workspace) -> dict[str, int]:
    return {d.file_name: d.id for d in ws.require_vault().list_documents(2)}


def test_a_summary_taking_the_letter_carries_the_note_into_its_exports(
    ws: Workspace, tmp_path: Path
) -> None:
    ids = _ids(ws)
    saved = ws.summarize(2, "medication-list", document_ids=[ids["letter.txt"], ids["own.txt"]])
    # The second note names own.txt, which the summary does not cite (walk 51b).
    note, uncited = saved.summary.notes
    assert note.startswith("Passage [1] (letter.txt): it " + OTHER), note
    assert "Margaret Thornbury" in note
    assert uncited.startswith("1 of the 2 documents you chose is not cited by this summary: own")
    assert saved.summary.provenance["notes"] == [note, uncited]
    for suffix in ("md", "txt"):
        out = tmp_path / f"summary.{suffix}"
        ws.export(Shared.output(saved.output_id), out)
        assert OTHER in out.read_text(encoding="utf-8"), suffix


def test_by_default_the_letter_is_left_out_and_refused_when_it_is_all(ws: Workspace) -> None:
    vault = ws.require_vault()
    chosen, left_out = default_summary_documents(vault, 2)
    assert chosen == [_ids(ws)["own.txt"]]
    assert [d.file_name for d in left_out] == ["letter.txt"]
    vault.delete_document(_ids(ws)["own.txt"])
    with pytest.raises(UserInputError, match="name them with --doc"):
        default_summary_documents(vault, 2)


def test_the_command_line_leaves_it_out_unless_named_and_then_notes_it(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _ids(ws)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    base = ["summarize", "--patient", "2", "--template", "medication-list"]
    base += ["--passphrase-file", str(secret)]
    ws.close()
    assert main(base, workspace=ws) == 0
    err = capsys.readouterr().err
    assert f"document {ids['letter.txt']} (letter.txt) is left out: it {OTHER}" in err
    assert f"--doc {ids['letter.txt']}" in err
    assert "Passage [1] (letter.txt)" not in err
    ws.close()
    named = [*base, "--doc", str(ids["letter.txt"]), "--doc", str(ids["own.txt"])]
    assert main(named, workspace=ws) == 0
    err = capsys.readouterr().err
    assert "left out" not in err
    assert f"medlocal: note: Passage [1] (letter.txt): it {OTHER}" in err


def _passage(number: int, document_id: int, name: str, notes: tuple[str, ...]) -> NumberedPassage:
    hit = SearchHit(
        chunk_id=number,
        document_id=document_id,
        patient_id=2,
        file_name=name,
        page=None,
        start=0,
        end=10,
        section=None,
        text="text",
        score=0.0,
        vector_score=None,
        bm25_score=None,
        file_notes=notes,
    )
    return NumberedPassage(number, hit)


def test_a_summary_citing_none_of_the_letter_still_says_it_was_summarised() -> None:
    passages = [
        _passage(1, 7, "own.txt", ()),
        _passage(2, 8, "letter.txt", ("it names another patient",)),
        _passage(3, 8, "letter.txt", ("it names another patient",)),
    ]
    assert summary_file_notes(passages, {1}) == [
        "letter.txt (summarised, no passage cited): it names another patient"
    ]
    assert summary_file_notes(passages, {3}) == [
        "Passage [3] (letter.txt): it names another patient"
    ]
    assert summary_file_notes(passages[:1], {1}) == []


def test_summarize_help_names_every_export_format(capsys: pytest.CaptureFixture[str]) -> None:
    """Walk 40b item 13: --help said ".md, .docx, .pdf" though --out x.txt works."""
    with pytest.raises(SystemExit):
        main(["summarize", "--help"])
    assert ".md, .txt, .docx or .pdf" in " ".join(capsys.readouterr().out.split())
