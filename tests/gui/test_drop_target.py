"""Where dropped files go, and a drop while the vault is busy (walk 53a H1, H2). A drop on the
Documents list imports for the patient shown; a drop on another patient's row asks, naming that
patient, before anything is imported; a drop while an import runs is refused and said, never
accepted and then thrown away. Real Qt drop events, sent where the desktop sends them (the panel
that accepts drops, at the point under the pointer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import open_window
from fixtures.held_calls import hold
from fixtures.message_boxes import answer_next_box
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.main_window import MainWindow
from medlocal.ui.patient_rows import ID_ROLE, LABEL_ROLE

WAIT_MS = 30_000
EDWINA = ("Edwina Marchbanks", "EMB-448210")
EDWIN = ("Edwin Marchant", "EMC-100233")


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _at(window: MainWindow, widget: QWidget, point: QPoint) -> QPointF:
    """``point`` of ``widget`` in the panel's coordinates, where the desktop's drop lands."""
    return QPointF(widget.mapTo(window.patients, point))


def drop_at(window: MainWindow, where: QPointF, paths: list[Path]) -> bool:
    """A drag entering the panel then dropped at ``where``; True if the drop was accepted."""
    mime = _mime(paths)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window.patients, enter)
    event = QDropEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys)
    event.setAccepted(False)
    QApplication.sendEvent(window.patients, event)
    return event.isAccepted()


def on_row(window: MainWindow, patient_id: int) -> QPointF:
    patients = window.patients.patients
    row = next(r for r in range(patients.count()) if patients.item(r).data(ID_ROLE) == patient_id)
    centre = patients.visualItemRect(patients.item(row)).center()
    return _at(window, patients.viewport(), centre)


def on_documents(window: MainWindow) -> QPointF:
    viewport = window.patients.documents.viewport()
    return _at(window, viewport, viewport.rect().center())


def _label(window: MainWindow, patient_id: int) -> str:
    patients = window.patients.patients
    rows = [patients.item(r) for r in range(patients.count())]
    return str(next(i for i in rows if i.data(ID_ROLE) == patient_id).data(LABEL_ROLE))


@pytest.fixture
def namesakes(qtbot: QtBot, gui_workspace: Workspace) -> tuple[MainWindow, int, int]:
    vault = gui_workspace.require_vault()
    edwina = vault.add_patient(EDWINA[0], mrn=EDWINA[1])
    edwin = vault.add_patient(EDWIN[0], mrn=EDWIN[1])
    window = open_window(qtbot, gui_workspace)
    window.resize(1000, 800)
    window.show()
    qtbot.waitExposed(window)
    window.patients.reload(select=edwina)  # Edwina is the patient shown
    assert window.patients.patient_id == edwina
    return window, edwina, edwin


def _note(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(f"{name}: apixaban 5 mg twice daily for atrial fibrillation.", "utf-8")
    return path


def _count(ws: Workspace, patient: int) -> int:
    return len(ws.require_vault().list_documents(patient))


def test_a_drop_on_a_namesakes_row_asks_and_goes_to_that_patient(
    qtbot: QtBot, gui_workspace: Workspace, namesakes: tuple[MainWindow, int, int], tmp_path: Path
) -> None:
    window, edwina, edwin = namesakes
    imports = window.patients.imports
    asked: list[str] = []
    answer_next_box(f"Import for {_label(window, edwin)}", asked)
    assert drop_at(window, on_row(window, edwin), [_note(tmp_path, "lab.txt")])
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert asked[0].startswith(f"Import 1 file for {_label(window, edwin)}?"), asked
    assert "Edwina Marchbanks" in asked[0]  # the patient shown is named too
    qtbot.waitUntil(lambda: imports.import_job is None and imports.last_report is not None)
    assert (_count(gui_workspace, edwin), _count(gui_workspace, edwina)) == (1, 0)
    # The window follows: Edwin chosen, his document listed, the result naming him.
    assert window.patients.patient_id == edwin
    assert window.patients.documents.count() == 1
    assert imports.progress_label.text() == (
        f"For {_label(window, edwin)}: Imported 1, skipped 0, failed 0."
    )


def test_a_drop_on_a_namesakes_row_cancelled_imports_nothing(
    qtbot: QtBot, gui_workspace: Workspace, namesakes: tuple[MainWindow, int, int], tmp_path: Path
) -> None:
    window, edwina, edwin = namesakes
    asked: list[str] = []
    answer_next_box("Cancel", asked)
    drop_at(window, on_row(window, edwin), [_note(tmp_path, "letter.txt")])
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    qtbot.wait(100)
    assert window.patients.imports.import_job is None
    assert (_count(gui_workspace, edwin), _count(gui_workspace, edwina)) == (0, 0)
    assert window.patients.patient_id == edwina


def test_a_drop_on_the_chosen_row_or_the_documents_names_the_patient(
    qtbot: QtBot,
    gui_workspace: Workspace,
    namesakes: tuple[MainWindow, int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, edwina, edwin = namesakes
    imports = window.patients.imports
    held = hold(monkeypatch, gui_workspace, "import_documents")
    try:
        assert drop_at(window, on_row(window, edwina), [_note(tmp_path, "a.txt")])  # no question
        assert imports.progress_label.text() == f"Importing 1 file for {_label(window, edwina)}…"
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    assert drop_at(window, on_documents(window), [_note(tmp_path, "b.txt"), tmp_path / "sub"])
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    assert (_count(gui_workspace, edwina), _count(gui_workspace, edwin)) == (2, 0)
    assert imports.progress_label.text().startswith(f"For {_label(window, edwina)}: Imported 1")


def test_a_drop_while_an_import_runs_is_refused_and_said(
    qtbot: QtBot,
    gui_workspace: Workspace,
    namesakes: tuple[MainWindow, int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, edwina, _edwin = namesakes
    imports = window.patients.imports
    held = hold(monkeypatch, gui_workspace, "import_documents")
    assert drop_at(window, on_documents(window), [_note(tmp_path, "first.txt")])
    assert held.started.wait(10)
    later = [_note(tmp_path, f"ward_note_{n}.txt") for n in (4, 5, 6)]
    try:
        assert not drop_at(window, on_documents(window), later)  # the desktop sees it refused
    finally:
        held.release.set()
    notice = imports.drop_notice.text()
    assert imports.drop_notice.isVisible(), notice
    assert notice.startswith("Not imported: an import is running, so these 3 file(s)"), notice
    assert all(p.name in notice for p in later) and notice.endswith("when it ends.")
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    # The list, the vault and the window agree: one document, and the refusal still said.
    assert _count(gui_workspace, edwina) == 1 == window.patients.documents.count()
    assert imports.drop_notice.isVisible()
    assert drop_at(window, on_documents(window), later)  # dropped again: imported
    assert not imports.drop_notice.isVisible()
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    assert _count(gui_workspace, edwina) == 4 == window.patients.documents.count()
