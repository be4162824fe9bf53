"""A redacted copy of an imported document: `medlocal patient export-document` writes the
document's extracted text through the same redaction, preview, keep/add and audit as `outputs
export`, and refuses to write it unredacted unless told so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from medlocal.app import Workspace
from medlocal.app.outputs import preview_redactions
from medlocal.cli import main
from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.rag.export import Shared
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord

PASS = "correct horse battery staple"
NAME = "Eleanor Whitcombe-Harrow"
TEXT = (
    f"Discharge summary\n\nPatient: {NAME}, MRN-448812, of Gympie QLD 4870.\n"
    "Admitted 15 January 2026 with a fall. Apixaban 2.5 mg twice daily continued.\n"
    "Reviewed by Dr. Okafor at Larkfield Clinic.\n"
)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Workspace, int, Path]]:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient(NAME, mrn="MRN-448812", dob="1931-03-14")
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(TEXT, 1, 0, len(TEXT))]
    doc = vault.add_document(
        patient, "whitcombe_discharge.txt", "txt", TEXT.encode(), chunks, vector, "f-v1",
        text=TEXT,
    )  # fmt: skip
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    yield ws, doc, secret
    ws.close()


def _run(setup: tuple[Workspace, int, Path], *argv: str, doc: int | None = None) -> int:
    ws, document_id, secret = setup
    args = ["patient", "export-document", str(document_id if doc is None else doc),
            "--passphrase-file", str(secret), *argv]  # fmt: skip
    return main(args, workspace=ws)


def _read(path: Path) -> str:
    if path.suffix == ".pdf":
        import pypdf

        return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx", ".pdf"])
def test_redacted_copy_lacks_the_identifiers_and_keeps_the_clinical_text(
    setup: tuple[Workspace, int, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    out = tmp_path / f"copy{suffix}"
    assert _run(setup, "--out", str(out), "--redact") == 0
    text = _read(out)
    for identifier in ("Whitcombe", "Harrow", "448812", "4870", "15 January", "Okafor"):
        assert identifier.lower() not in text.lower(), (identifier, text)
    assert "Apixaban 2.5 mg twice daily" in text
    assert "no model wrote it" in text  # the footer says what it is, not a model's provenance
    err = capsys.readouterr().err
    assert f"Exported document {setup[1]} to {out}: " in err and "identifier(s) removed" in err
    ws = setup[0]
    ws.unlock(PASS)  # the command locked the vault when it ended
    event = [e for e in ws.require_vault().audit_entries() if e.event == "export"][-1]
    assert event.details["document_id"] == setup[1] and event.details["redacted"] is True
    assert event.details["redactions"] > 0


def test_preview_keep_and_add_share_the_outputs_flow(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = setup[0]
    out = tmp_path / "copy.md"
    assert _run(setup, "--out", str(out), "--redact", "--preview") == 0
    assert "Preview only: nothing was written." in capsys.readouterr().err
    assert not out.exists()
    ws.unlock(PASS)
    plan = ws.preview_redactions(Shared.document(setup[1]))
    clinic = next(it.number for it in plan.items if "Larkfield" in it.redaction.original)
    # The preview's numbers and date offset are the export's.
    assert [i.number for i in ws.preview_redactions(Shared.document(setup[1])).items] == [
        i.number for i in plan.items
    ]
    ws.lock()
    argv = ["--out", str(out), "--redact", "--keep", f"{clinic}=a ward name", "--add", "fall"]
    assert _run(setup, *argv) == 0
    text = out.read_text(encoding="utf-8")
    assert "Larkfield" in text and " fall" not in text
    err = capsys.readouterr().err
    assert "1 kept (reason recorded in the audit log)" in err and ": added by you" in err
    assert "[REDACTED]" in text  # "fall" has no known type: never "[NAME]" (walk 39)


def test_without_redact_or_unredacted_nothing_is_written(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copy.md"
    assert _run(setup, "--out", str(out)) == 2
    assert "add --redact to de-identify it" in capsys.readouterr().err
    assert _run(setup, "--out", str(out), "--redact", "--unredacted") == 2
    assert not out.exists()
    assert _run(setup, "--out", str(out), "--unredacted", "--keep", "1=x") == 2
    assert _run(setup, "--out", str(out), "--unredacted") == 0
    assert NAME in out.read_text(encoding="utf-8")
    assert "unredacted: it holds the patient's identifiers" in capsys.readouterr().err


def test_unknown_document_and_existing_file_are_refused(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copy.md"
    assert _run(setup, "--out", str(out), "--redact", doc=999) == 2
    err = capsys.readouterr().err
    assert "No document with id 999. ('medlocal patient show PATIENT_ID' lists" in err  # walk 48b
    assert not out.exists()
    out.write_text("earlier export", encoding="utf-8")
    assert _run(setup, "--out", str(out), "--redact") == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "earlier export"
    assert _run(setup, "--out", str(out), "--redact", "--overwrite") == 0
    assert "Whitcombe" not in out.read_text(encoding="utf-8")
    assert _run(setup, "--out", str(tmp_path / "copy.rtf"), "--redact") == 2
    assert "use .md, .txt, .docx or .pdf" in capsys.readouterr().err


def test_a_patients_document_copy_and_saved_answer_share_one_date_offset(
    setup: tuple[Workspace, int, Path],
) -> None:
    # Walk 18: each document of a patient had its own offset, so a case shared in several
    # files showed one admission on two dates and a later letter as a year earlier.
    ws, document_id, _ = setup
    vault = ws.require_vault()
    patient = vault.get_document(document_id).patient_id
    answer = vault.save_output(patient, "answer", "q", "Admitted 15 January 2026.", {}, [])

    def dates(plan: RedactionPlan) -> list[str]:
        return [i.redaction.replacement for i in plan.items if i.redaction.kind == "date"]

    copy = dates(ws.preview_redactions(Shared.document(document_id)))
    assert copy and copy[0] == dates(preview_redactions(vault, Shared.output(answer)))[0]


def test_a_text_document_exports_as_plain_text(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 40: `export-document --out x.txt` of a .txt document was refused ("use .md, .docx
    or .pdf"). Unredacted, the copy holds the document's text as it is, under its underlined
    title, with the footer; no Markdown markup."""
    out = tmp_path / "copy.txt"
    assert _run(setup, "--out", str(out), "--unredacted") == 0
    text = out.read_text(encoding="utf-8")
    title = "whitcombe_discharge.txt"
    assert text.startswith(f"{title}\n{'=' * len(title)}\n\n{TEXT.strip()}\n"), text
    assert "no model wrote it" in text and "# " not in text and "*" not in text
