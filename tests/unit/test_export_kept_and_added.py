"""A kept span is in the exported file: it is counted as kept, never as removed, in what the
command prints and in the audit log; a text to remove that the export does not hold is refused
(walk g1 #1, #2: 'N identifier(s) removed' of a file that still held them; an --add of a
misspelt name removed nothing and said nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import Shared, kept_span_warnings
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
BODY = "Jane Roe takes metformin 500 mg twice daily for diabetes."


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Workspace, int, Path]]:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Jane Roe", mrn="MRN-4711")
    output_id = vault.save_output(patient, "summary", "Medicines", BODY, {}, [])
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    yield ws, output_id, secret
    ws.close()


def _export(setup: tuple[Workspace, int, Path], out: Path, *extra: str) -> int:
    ws, output_id, secret = setup
    argv = ["outputs", "export", str(output_id), "--out", str(out), "--redact",
            "--passphrase-file", str(secret), *extra]  # fmt: skip
    return main(argv, workspace=ws)


def _name_number(setup: tuple[Workspace, int, Path]) -> int:
    ws, output_id, _ = setup
    plan = ws.preview_redactions(Shared.output(output_id))
    return next(it.number for it in plan.items if it.redaction.original == "Jane Roe")


def test_cli_export_counts_a_kept_span_as_kept(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = setup[0]
    total = len(ws.preview_redactions(Shared.output(setup[1])).items)
    out = tmp_path / "letter.md"
    number = _name_number(setup)
    assert _export(setup, out, "--keep", f"{number}=a teaching case") == 0
    assert "Jane Roe" in out.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"{total - 1} redaction(s), 1 kept:" in err, err
    assert f": {total - 1} identifier(s) removed, 1 kept (reason recorded in the audit log)." in err
    ws.unlock(PASS)  # the command locked the vault when it ended
    export = [e for e in ws.require_vault().audit_entries() if e.event == "export"][-1]
    assert export.details["redactions"] == total - 1
    assert export.details["kept"] == [f"{number} patient_name in body"]
    assert export.details["kept_reasons"] == ["a teaching case"]


def test_keeping_the_patients_own_name_is_warned_about(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Walk 19: a reason was all it asked; the file then names the patient.
    number = _name_number(setup)
    assert _export(setup, tmp_path / "letter.md", "--keep", f"{number}=a teaching case") == 0
    err = capsys.readouterr().err
    assert (
        f"Warning: kept redaction {number} holds the patient's own name (or part of it): the "
        "exported file will "
        "identify them." in err
    ), err


def test_cli_export_without_keeps_says_only_removed(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    total = len(setup[0].preview_redactions(Shared.output(setup[1])).items)
    assert _export(setup, tmp_path / "letter.md") == 0
    err = capsys.readouterr().err
    assert f": {total} identifier(s) removed." in err and "kept" not in err, err
    assert "Warning" not in err, err


def test_cli_add_of_a_text_not_in_the_export_is_refused(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letter.md"
    assert _export(setup, out, "--add", "Carver") == 2
    err = capsys.readouterr().err
    assert "“Carver” does not occur in the text being exported; nothing added" in err, err
    assert not out.exists()
    assert _export(setup, out, "--add", "Carver", "--preview") == 2  # the preview says it too
    assert "does not occur" in capsys.readouterr().err
    assert _export(setup, out, "--add", "METFORMIN") == 0  # any case, as the preview matches
    assert "metformin" not in out.read_text(encoding="utf-8").lower()


def test_a_span_kept_twice_is_refused_and_nothing_written(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 19: the second reason replaced the first in the audit log, unsaid."""
    out = tmp_path / "letter.md"
    number = _name_number(setup)
    assert _export(setup, out, "--keep", f"{number}=ok", "--keep", f"{number}=again") == 2
    assert f"redaction {number} is kept twice" in capsys.readouterr().err
    assert not out.exists()


def test_a_kept_span_that_holds_the_patients_name_warns_whatever_its_kind() -> None:
    # Walk 21: "MARGERY WHITLOCK-DUNNE D.O.B" was found as a "name" span, and keeping it gave no
    # warning though the file then named the patient.
    identity = PatientIdentity("Margery Ellen Whitlock-Dunne", "RX-448190", date(1931, 7, 14))
    text = "RE: MRS MARGERY WHITLOCK-DUNNE D.O.B. 14.07.1931\nSeen with Dr Piotr Zielinski."
    plan = RedactionPlan.build([("body", text)], Redactor(identity, shift_days=10))
    own = next(it for it in plan.items if "MARGERY" in it.redaction.original)
    other = next(it for it in plan.items if "Zielinski" in it.redaction.original)
    assert own.own == "patient_name" and other.own == ""
    plan.keep(own.number, "a teaching case")
    plan.keep(other.number, "a colleague agreed")
    warnings = kept_span_warnings(plan.items)
    assert warnings == [
        f"kept redaction {own.number} holds the patient's own name (or part of it): the "
        "exported file will identify them"
    ]


def test_keeping_a_date_keeps_its_copies_and_warns_of_the_shift() -> None:
    """Walk 30: a kept "14/03/2025" in the body beside "09/08/2025" in a reference (the same
    text, shifted) gave away the patient's shift for every date of every export."""
    body = "DISCHARGE NOTE 14/03/2025. Reviewed on 20/03/2025."
    snippet = "DISCHARGE NOTE 14/03/2025 Admitted with pneumonia"
    plan = RedactionPlan.build([("body", body), ("reference 1", snippet)], Redactor(shift_days=148))
    copies = [it for it in plan.items if it.redaction.original == "14/03/2025"]
    other = next(it for it in plan.items if it.redaction.original == "20/03/2025")
    assert len(copies) == 2
    plan.keep(copies[0].number, "discharge date needed by the receiving team")
    assert copies[1].kept and copies[1].reason == f"same date as kept redaction {copies[0].number}"
    assert not other.kept
    assert "14/03/2025" in plan.apply("reference 1", snippet)
    assert "20/03/2025" not in plan.apply("body", body)
    warnings = kept_span_warnings(plan.items)
    assert len(warnings) == 1 and "work out the shift" in warnings[0], warnings
    # With no other date shifted there is no shift to give away.
    alone = RedactionPlan.build([("body", "Seen 14/03/2025.")], Redactor(shift_days=148))
    alone.keep(alone.items[0].number, "needed")
    assert kept_span_warnings(alone.items) == []
