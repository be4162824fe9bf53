"""walk51b L6: a period summary meant ticking documents one by one. ``summarize --from/--to``
(and the Summarise dialog's period row) choose the documents whose own date falls in the period;
undated documents and letters naming another patient are left out and named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fixtures.dated_documents import import_dated_documents
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import PASS, new_workspace

from medlocal.app import Workspace
from medlocal.app.summary_period import Period, documents_in_period, parse_day, period_documents
from medlocal.cli import main
from medlocal.errors import UserInputError
from medlocal.vault.rows import DocumentInfo


def _info(doc_id: int, notes: tuple[str, ...] = ()) -> DocumentInfo:
    return DocumentInfo(doc_id, 1, None, f"d{doc_id}.txt", "txt", 1, "", "", "", 1, notes)


def test_parse_day_takes_only_year_month_day() -> None:
    assert parse_day(" 2024-03-31 ") == date(2024, 3, 31)
    for bad in ("31/03/2024", "2024-02-30", "March 2024", ""):
        with pytest.raises(UserInputError, match="YYYY-MM-DD"):
            parse_day(bad)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UserInputError, match="swap the two dates"):
        Period(date(2024, 5, 1), date(2024, 4, 1))
    assert Period(date(2024, 5, 1), date(2024, 5, 1)).holds(date(2024, 5, 1))


def test_documents_are_split_by_their_own_date_both_ends_included() -> None:
    documents = [_info(1), _info(2), _info(3), _info(4), _info(5, ("names another patient",))]
    dates = {
        1: "2024-01-15",
        2: "2024-03-20",
        3: "08/03/2024 (day and month order unclear)",  # never guessed
        5: "2024-03-01",
    }
    choice = documents_in_period(documents, dates, Period(date(2024, 3, 1), date(2024, 3, 20)))
    assert choice.chosen == [2]
    assert [d.id for d in choice.undated] == [3, 4]
    assert [d.id for d in choice.noted] == [5]
    open_start = documents_in_period(documents, dates, Period(None, date(2024, 2, 1)))
    assert open_start.chosen == [1]
    assert Period(date(2024, 3, 1)).words() == "dated 2024-03-01 or later"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = new_workspace(tmp_path, FakeChatModel("AKI, resolved [1]."))
    import_dated_documents(workspace, tmp_path)
    return workspace


def _ids(ws: Workspace) -> dict[str, int]:
    return {d.file_name: d.id for d in ws.require_vault().list_documents(1)}


def test_the_vault_reads_each_document_s_own_date(ws: Workspace) -> None:
    ids = _ids(ws)
    choice = period_documents(ws.require_vault(), 1, Period(date(2024, 2, 1), date(2024, 6, 2)))
    assert choice.chosen == [ids["march_discharge.txt"], ids["june_letter.txt"]]
    assert [d.file_name for d in choice.undated] == ["undated_note.txt"]


def _cli(ws: Workspace, tmp_path: Path, *extra: str) -> list[str]:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    base = ["summarize", "--patient", "1", "--template", "problem-list"]
    return [*base, "--passphrase-file", str(secret), *extra]


def test_the_command_line_summarises_the_period_and_names_what_it_left_out(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _ids(ws)
    args = [*_cli(ws, tmp_path), "--from", "2024-03-01", "--to", "2024-03-31"]
    assert main(args, workspace=ws) == 0
    shown = capsys.readouterr()
    assert "summarising the 1 document(s) dated 2024-03-01 to 2024-03-31" in shown.err
    assert f"left out: {ids['undated_note.txt']} (undated_note.txt)" in shown.err
    assert "march_discharge.txt" in shown.out
    for other in ("jan_clinic.txt", "june_letter.txt", "undated_note.txt"):
        assert other not in shown.out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--from", "2025-01-01"), "no document of patient 1 is dated 2025-01-01 or later"),
        (("--from", "2024-05-01", "--to", "2024-04-01"), "swap the two dates"),
        (("--from", "2024-01-01", "--doc", "1"), "either with --doc or with --from/--to"),
    ],
)
def test_a_period_that_cannot_be_summarised_is_refused_before_any_model_work(
    ws: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: tuple[str, ...],
    message: str,
) -> None:
    assert main([*_cli(ws, tmp_path), *extra], workspace=ws) == 2
    assert message in capsys.readouterr().err


def test_a_day_written_another_way_is_an_argument_error(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        main([*_cli(ws, tmp_path), "--to", "31/03/2024"], workspace=ws)
    assert ended.value.code == 2
    assert "not a date written YYYY-MM-DD" in capsys.readouterr().err
