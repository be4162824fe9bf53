"""The window under test: real Qt (offscreen), a real vault, fast fakes or the real demo model.

Qt warnings fail a test (``qt_log_level_fail`` in pyproject); window geometry goes to a
per-test QSettings folder, never the developer's own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace
from fixtures.keychain import store  # noqa: F401 (a fixture, offered to the suite by name)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from medlocal.app import Workspace
from medlocal.ui.file_drags import FileDragGuard, install_file_drag_guard


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))


@pytest.fixture
def gui_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace with a created, unlocked vault and one patient (id in ``.test_patient``)."""
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS, PASS)
    yield ws
    ws.close()


# -- dialogs: a workspace with the fake chat model, and a patient with one note ----------------

SUMMARY_TEXT = "Metformin 500 mg twice daily for diabetes [1]."


@pytest.fixture
def fake_chat() -> FakeChatModel:
    return FakeChatModel(SUMMARY_TEXT)


@pytest.fixture
def workspace(tmp_path: Path, fake_chat: FakeChatModel) -> Iterator[Workspace]:
    """A created, unlocked vault behind a workspace whose chat model is ``fake_chat``; a test
    fails if a dialog leaves a background task running."""
    from medlocal.ui.workers import wait_for_jobs

    ws = make_workspace(tmp_path, chat=fake_chat)
    ws.create_vault(PASS, PASS)
    yield ws
    assert wait_for_jobs(10.0), "a background task outlived its test"
    ws.close()


@pytest.fixture
def patient_with_note(workspace: Workspace, tmp_path: Path) -> int:
    """A patient with one imported note naming them (for redaction and summaries)."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Jane Roe", mrn="MRN-4711")
    note = tmp_path / "meds.txt"
    note.write_text(
        "Patient Jane Roe. Medications: metformin 500 mg twice daily for diabetes.",
        encoding="utf-8",
    )
    workspace.import_documents([note], patient)
    return patient


@pytest.fixture
def file_drag_guard(qapp: QApplication) -> FileDragGuard:
    """The guard ``run_gui`` installs (text inputs refuse dragged files): for widgets a test
    builds without the main window, which installs it too."""
    return install_file_drag_guard(qapp)


@pytest.fixture
def big_font(qapp: QApplication) -> Iterator[QFont]:
    """The application font at 18 pt for the test (a user's large system font), restored after."""
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(18)
    qapp.setFont(font)
    yield font
    qapp.setFont(before)
