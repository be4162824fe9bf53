"""An added text wins over a keep, and the command says so (walk: 'outputs export 1 --redact
--keep 7="test" --add "Whitcombe"' printed the kept span and no "(added)" line, and the export
kept "Whitcombe": an added text inside a found span left the span as it was, so the keep held)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import Shared
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
NAME = "Eleanor Whitcombe-Harrow"
BODY = f"{NAME} takes metformin 500 mg twice daily for diabetes."


def _plan() -> RedactionPlan:
    redactor = Redactor(PatientIdentity(name=NAME), shift_days=10)
    return RedactionPlan.build([("title", "Medicines"), ("body", BODY)], redactor)


def test_an_added_text_inside_a_found_span_takes_it_over() -> None:
    plan = _plan()
    name = next(it for it in plan.items if it.redaction.original == NAME)
    assert plan.add("Whitcombe") == 1
    added = [it for it in plan.items if it.added]
    assert len(added) == 1 and added[0].redaction.original == NAME
    assert plan.absorbed_into(name.number) == added[0].number
    assert plan.keep_unless_added(name.number, "test") is None
    assert plan.overridden == [(name.number, added[0].number)]
    assert "Whitcombe" not in plan.apply("body", BODY)
    assert plan.audit_details()["keeps_overridden"] == [f"{name.number} into {added[0].number}"]


def test_an_add_that_touches_no_span_leaves_the_numbers_alone() -> None:
    plan = _plan()
    before = [(it.number, it.redaction.original) for it in plan.items]
    plan.add("diabetes")
    assert all(row in [(it.number, it.redaction.original) for it in plan.items] for row in before)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Workspace, int, Path]]:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient(NAME, mrn="MRN-4711")
    output_id = vault.save_output(patient, "summary", "Medicines", BODY, {}, [])
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    yield ws, output_id, secret
    ws.close()


def _name_number(ws: Workspace, output_id: int) -> int:
    plan = ws.preview_redactions(Shared.output(output_id))
    return next(it.number for it in plan.items if it.redaction.original == NAME)


@pytest.mark.parametrize("preview", [False, True])
def test_cli_says_the_keep_was_overridden_and_the_file_lacks_the_added_text(
    setup: tuple[Workspace, int, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    preview: bool,
) -> None:
    ws, output_id, secret = setup
    number = _name_number(ws, output_id)
    out = tmp_path / "a.md"
    argv = ["outputs", "export", str(output_id), "--out", str(out), "--redact",
            "--passphrase-file", str(secret), "--keep", f"{number}=test", "--add", "Whitcombe",
            *(["--preview"] if preview else [])]  # fmt: skip
    assert main(argv, workspace=ws) == 0
    err = capsys.readouterr().err
    assert f"kept redaction {number} overlaps a text you added to remove" in err, err
    assert "(the keep is overridden)" in err
    assert "(added by you)" in err and "KEPT" not in err, err
    if preview:
        assert not out.exists()
        return
    assert "Whitcombe" not in out.read_text(encoding="utf-8")
    ws.unlock(PASS)
    export = [e for e in ws.require_vault().audit_entries() if e.event == "export"][-1]
    assert export.details["kept"] == []
    assert export.details["keeps_overridden"][0].startswith(f"{number} into ")
