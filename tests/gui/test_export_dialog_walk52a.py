"""Walk 52a H1 and M1: a saved answer or summary exported from the window with Redact off is
written only after the person says yes to a question naming what it holds, and the result line
says it is unredacted; a relative file name is refused (the window has no meaningful current
folder), and the result line names the full path written."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.message_boxes import answer_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.export_dialog import ExportDialog
from medlocal.ui.dialogs.export_texts import EXPORT_UNREDACTED
from medlocal.ui.message_dialog import QuestionDialog

WAIT_MS = 120_000  # the redactor loads in a worker: seconds, more under load


@pytest.fixture
def fake_chat() -> FakeChatModel:
    return FakeChatModel("Jane Roe takes metformin 500 mg twice daily for diabetes [1].")


@pytest.fixture
def output_id(workspace: Workspace, patient_with_note: int) -> int:
    return workspace.summarize(patient_with_note, "medication-list").output_id


def _answering(monkeypatch: pytest.MonkeyPatch, agree: bool) -> list[str]:
    asked: list[str] = []

    def question(dialog: QuestionDialog) -> str | None:
        asked.append(dialog.text.text())
        # The safe answer is the default for Enter and Escape (ui.confirm).
        assert dialog.answers["Cancel"].isDefault()
        return EXPORT_UNREDACTED if agree else None

    answer_questions(monkeypatch, question)
    return asked


def _dialog(qtbot: QtBot, workspace: Workspace, output_id: int, path: str) -> ExportDialog:
    dialog = ExportDialog(workspace, output_id)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(path)
    return dialog


def test_redact_off_asks_first_and_no_writes_nothing(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _answering(monkeypatch, False)
    out = tmp_path / "answer_redacted.md"  # a name that says "redacted" changes nothing
    dialog = _dialog(qtbot, workspace, output_id, str(out))
    assert not dialog.redact.isChecked()
    assert dialog.export() is None
    assert len(asked) == 1 and "Write it unredacted?" in asked[0], asked
    assert "identifiers" in asked[0]
    assert not out.exists()


def test_redact_off_agreed_writes_and_says_unredacted(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _answering(monkeypatch, True)
    out = tmp_path / "answer.md"
    dialog = _dialog(qtbot, workspace, output_id, str(out))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert len(asked) == 1
    assert "Jane Roe" in out.read_text(encoding="utf-8")
    said = dialog.message.text()
    assert said.startswith(f"Exported to {out}") and "unredacted" in said, said
    assert "identifiers were not removed" in said


def test_a_relative_file_name_is_refused_and_nothing_is_written(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _answering(monkeypatch, True)
    started_in = tmp_path / "started_in"
    started_in.mkdir()
    monkeypatch.chdir(started_in)  # wherever the window happened to be started from
    for name in ("shared_note.txt", "exports/shared_note.txt", "./shared_note.txt"):
        dialog = _dialog(qtbot, workspace, output_id, name)
        assert dialog.export() is None
        said = dialog.message.text()
        assert "needs a full path" in said and f"'{name}'" in said, said
        assert "Choose" in said
    assert not any(started_in.iterdir())
    assert asked == []  # refused before the question: nothing to agree to


def test_a_home_path_is_written_there_and_named_in_full(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _answering(monkeypatch, True)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    dialog = _dialog(qtbot, workspace, output_id, "~/answer.txt")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert (home / "answer.txt").is_file()
    assert dialog.message.text().startswith(f"Exported to {home / 'answer.txt'},")
