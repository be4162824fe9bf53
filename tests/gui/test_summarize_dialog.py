"""The summarise dialog runs a real summary (map/reduce with the fake chat model) in a worker,
shows it with citation chips, flags and provenance, saves it, and can be cancelled."""

from __future__ import annotations

import threading

import pytest
from fixtures.fake_models import FakeChatModel
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.progress import Progress
from medlocal.rag.export import Shared
from medlocal.ui.dialogs.export_dialog import ExportDialog
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

WAIT_MS = 20_000


def _open(qtbot: QtBot, workspace: Workspace, patient: int) -> SummarizeDialog:
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    return dialog


def _hold_first_word(model: FakeChatModel) -> tuple[threading.Event, threading.Event]:
    """The model stops before each word until ``release`` is set; ``started`` says it got there."""
    started, release = threading.Event(), threading.Event()

    def hold(call: int) -> None:
        started.set()
        release.wait(10)

    model.on_piece = hold
    return started, release


def test_summary_runs_per_step_and_opens_with_citations(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    assert dialog.documents.count() == 1 and len(dialog.chosen_documents()) == 1
    steps: list[Progress] = []
    dialog.task.relay.progressed.connect(steps.append)
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    output_id = saved.args[0]
    assert [o.id for o in workspace.require_vault().list_outputs(patient_with_note)] == [output_id]
    assert steps and {p.unit for p in steps} == {"steps"}
    assert {"map", "reduce"} <= {p.stage for p in steps}
    html = dialog.view.toHtml()
    assert "Metformin" in dialog.view.toPlainText() and "cite:1" in html
    assert "Sources" in dialog.view.toPlainText() and "meds.txt" in dialog.view.toPlainText()
    assert "Model: fake-model" in dialog.provenance.toPlainText()
    assert dialog.export_button.isEnabled()

    with qtbot.waitSignal(dialog.sourceRequested) as requested:
        dialog.view.anchorClicked.emit(QUrl("cite:1"))
    assert requested.args[0].number == 1 and requested.args[0].file_name == "meds.txt"


def test_flags_are_underlined_and_listed(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    fake_chat: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 850 mg is not in the note: the checker flags the number.
    monkeypatch.setattr(fake_chat, "_script", "Metformin 850 mg twice daily [1].")
    dialog = _open(qtbot, workspace, patient_with_note)
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
        dialog.start()
    assert dialog.saved is not None and dialog.saved.summary.flags
    assert "underline" in dialog.view.toHtml() or "wavy" in dialog.view.toHtml()
    shown = dialog.view.toPlainText()
    assert "Check these against the sources" in shown
    # Named by its sections and opening words, as the CLI and exports name it, not "Sentence 1";
    # the one sentence of all three sections is listed once (walk 26: once per section, its
    # section not named).
    sections = "“Current medications”, “Stopped medications”, “Allergies and intolerances”"
    assert f"Sections {sections}, sentence “Metformin 850 mg twice daily" in shown, shown
    assert shown.count("sentence “Metformin") == 1, shown
    assert "Sentence 1" not in shown
    # Sections that only repeat the first are flagged on their headings.
    assert shown.count("only repeats what the section “Current medications” says") == 2, shown
    # The count is of the items listed.
    assert "3 item(s) to check against the sources" in dialog.message.text()
    # The summary's own title is not doubled above it (walk 26: "Problem list" twice).
    assert shown.count("Medication list") == 1, shown


def test_cancel_stops_the_summary_and_saves_nothing(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, fake_chat: FakeChatModel
) -> None:
    started, release = _hold_first_word(fake_chat)
    dialog = _open(qtbot, workspace, patient_with_note)
    dialog.start()
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert dialog.task.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.task.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "stopped" in dialog.message.text() and "Nothing was saved" in dialog.message.text()
    assert workspace.require_vault().list_outputs(patient_with_note) == []
    assert not dialog.export_button.isEnabled() and dialog.run_button.isEnabled()


def test_no_documents_chosen_is_refused(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    dialog.none_button.click()
    assert dialog.start() is None and "at least one" in dialog.message.text()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on showing
def test_export_button_opens_the_export_dialog(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS) as saved:
        dialog.start()
    dialog.export_button.click()
    export = dialog.findChild(ExportDialog)
    assert export is not None and export.shared == Shared.output(saved.args[0])
    export.reject()


def test_deleting_the_dialog_mid_summary_cancels_it_quietly(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, fake_chat: FakeChatModel
) -> None:
    from medlocal.ui.workers import active_jobs

    started, release = _hold_first_word(fake_chat)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = SummarizeDialog(workspace, patient_with_note, parent)
    job = dialog.start()
    assert job is not None
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: job.cancel_event.is_set(), timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(lambda: not active_jobs(), timeout=WAIT_MS)
    assert workspace.require_vault().list_outputs(patient_with_note) == []
