"""The model line in the window (walk 45, D10): "Export redacted copy" has a checkbox, off by
default, that says it is slow and what it does; ticked, the preview asks the chat model (on the
worker, the window stays responsive), says how far it is, and Cancel stops it and shows the
rules' list instead."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.engine.api import ChatMessage
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog
from medlocal.ui.dialogs.export_texts import MODEL_LINE_STOPPED
from medlocal.ui.dialogs.redaction_preview import PREVIEW_COLUMNS

WAIT_MS = 120_000  # the redactor loads in the worker: seconds on a busy machine
TEXT = "Mrs Ada Quennell drove her Corolla to the clinic. Apixaban 2.5 mg twice daily.\n"


class HeldModel(FakeChatModel):
    """Proposes "Corolla", once ``release`` is set; ``asked`` is set when a reading starts."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.release = threading.Event()
        super().__init__(self._answer)

    def _answer(self, messages: Sequence[ChatMessage]) -> str:
        self.asked.set()
        assert self.release.wait(60)
        return "PLACE: Corolla"


@pytest.fixture
def model() -> HeldModel:
    return HeldModel()


@pytest.fixture
def held(tmp_path: Path, model: HeldModel) -> Iterator[Workspace]:
    from medlocal.ui.workers import wait_for_jobs

    ws = make_workspace(tmp_path, chat=model)
    ws.create_vault(PASS, PASS)
    patient = ws.require_vault().add_patient("Ada Quennell")
    note = tmp_path / "letter.txt"
    note.write_text(TEXT, encoding="utf-8")
    ws.import_documents([note], patient)
    yield ws
    model.release.set()
    assert wait_for_jobs(10.0), "a background task outlived its test"
    ws.close()


def _dialog(qtbot: QtBot, workspace: Workspace) -> DocumentExportDialog:
    document = workspace.require_vault().list_documents()[0].id
    dialog = DocumentExportDialog(workspace, document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    return dialog


def _texts(dialog: DocumentExportDialog) -> list[str]:
    column = PREVIEW_COLUMNS.index("Text")
    return [dialog.preview.item(r, column).text() for r in range(dialog.preview.rowCount())]


def test_the_checkbox_is_off_and_says_it_is_slow_and_what_it_does(
    qtbot: QtBot, held: Workspace, model: HeldModel
) -> None:
    dialog = _dialog(qtbot, held)
    box = dialog.model_line
    assert box.isEnabled() and not box.isChecked()
    assert "slow" in box.text() and "names and places" in box.text().replace("&", "")
    assert "never removes fewer" in box.toolTip() and "minute" in box.toolTip()
    assert "Corolla" not in _texts(dialog) and not model.calls  # off: the rules alone
    dialog.redact.setChecked(False)
    assert not box.isEnabled()  # only with Redact identifiers


def test_ticked_the_model_reads_in_the_worker_and_its_finds_are_listed(
    qtbot: QtBot, held: Workspace, model: HeldModel
) -> None:
    dialog = _dialog(qtbot, held)
    dialog.model_line.setChecked(True)
    assert model.asked.wait(WAIT_MS / 1000)
    # The window answers while the model reads: the preview is on a worker, with Cancel shown.
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: "the chat model" in dialog.message.text(), timeout=10_000)
    assert "Cancel to stop" in dialog.message.text()
    model.release.set()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert "Corolla" in _texts(dialog)
    assert not dialog.cancel_button.isVisible() and dialog.export_button.isEnabled()


def test_cancel_stops_the_model_and_lists_what_the_rules_remove(
    qtbot: QtBot, held: Workspace, model: HeldModel
) -> None:
    dialog = _dialog(qtbot, held)
    rules = _texts(dialog)
    dialog.model_line.setChecked(True)
    assert model.asked.wait(WAIT_MS / 1000)
    dialog.cancel_button.click()
    model.release.set()  # the reading ends; its answer is not used
    qtbot.waitUntil(lambda: not dialog.model_line.isChecked(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert _texts(dialog) == rules and "Corolla" not in _texts(dialog)
    assert dialog.message.text().startswith(MODEL_LINE_STOPPED.strip())
