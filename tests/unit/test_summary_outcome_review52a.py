"""Review 52a finding 7: a summary with nothing from the documents counted its sections wrongly
when "None documented." sat beside the failed ones (3 not extracted and 1 "None documented." read
"Nothing could be extracted for any of its 3 sections", as if it had 3), and `outputs list
--json` gave only ``items_to_check: 1`` for it, with nothing saying it was empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.rag.summarize import NO_SUPPORTED_SECTION, NONE_DOCUMENTED, NOT_EXTRACTED, NOT_USABLE
from medlocal.rag.summary_outcome import nothing_extracted_note, unextracted_sections
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"


def _summary(*bodies: str, newline: str = "\n") -> str:
    sections = "\n\n".join(f"## Section {i}\n\n{body}" for i, body in enumerate(bodies))
    return f"# Discharge summary\n\n{sections}\n".replace("\n", newline)


@pytest.mark.parametrize(
    ("bodies", "counted"),
    [
        ((NOT_EXTRACTED,) * 3 + (NONE_DOCUMENTED,), "for 3 of its 4 sections"),
        ((NOT_EXTRACTED, NONE_DOCUMENTED), "for 1 of its 2 sections"),
        ((NOT_USABLE, NONE_DOCUMENTED, NO_SUPPORTED_SECTION, NONE_DOCUMENTED), "2 of its 4"),
    ],
)
def test_none_documented_sections_are_counted_apart(bodies: tuple[str, ...], counted: str) -> None:
    note = nothing_extracted_note(_summary(*bodies))
    assert note is not None
    assert counted in note, note
    silent = bodies.count(NONE_DOCUMENTED)
    others = "the other one reads" if silent == 1 else f"the other {silent} read"
    assert f'{others} "{NONE_DOCUMENTED}"' in note, note
    assert "any of its" not in note and "its only section" not in note, note
    # Not "(that does not mean they are silent)" beside a section that says they are.
    assert "they are silent" not in note, note
    assert "does not mean the documents are silent" in note, note


def test_every_section_not_extracted_still_reads_as_before() -> None:
    three = nothing_extracted_note(_summary(NOT_EXTRACTED, NOT_USABLE, NO_SUPPORTED_SECTION))
    assert three is not None and "for any of its 3 sections:" in three, three
    assert "that does not mean they are silent" in three
    one = nothing_extracted_note(_summary(NOT_EXTRACTED))
    assert one is not None and "for its only section:" in one, one
    crlf = nothing_extracted_note(_summary(NOT_EXTRACTED, NONE_DOCUMENTED, newline="\r\n"))
    assert crlf is not None and "for 1 of its 2 sections" in crlf, crlf


def test_summaries_with_something_in_them_say_nothing() -> None:
    assert nothing_extracted_note(_summary(NONE_DOCUMENTED, NONE_DOCUMENTED)) is None
    assert nothing_extracted_note(_summary(NOT_EXTRACTED, "- Metformin 500 mg [1]")) is None
    assert nothing_extracted_note("An answer with no sections.") is None
    assert unextracted_sections(_summary(NOT_EXTRACTED, NOT_EXTRACTED, NONE_DOCUMENTED)) == 2


def test_outputs_list_json_says_which_summary_has_nothing_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Margaret Hartley", mrn="HRT-440912")
    empty = vault.save_output(
        patient, "summary", "Discharge", _summary(NOT_EXTRACTED, NONE_DOCUMENTED), {}, []
    )
    filled = vault.save_output(
        patient, "summary", "Medications", _summary("- Metformin 500 mg [1]"), {}, []
    )
    answer = vault.save_output(patient, "answer", "EF?", NOT_EXTRACTED, {}, [])
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    try:
        args = ["outputs", "list", "--json", "--passphrase-file", str(secret)]
        assert main(args, workspace=ws) == 0
    finally:
        ws.close()
    listed = {item["id"]: item for item in json.loads(capsys.readouterr().out)}
    assert listed[empty]["nothing_extracted"] is True
    assert listed[filled]["nothing_extracted"] is False
    assert listed[answer]["nothing_extracted"] is False
