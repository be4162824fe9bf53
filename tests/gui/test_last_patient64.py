"""The patient chosen last is chosen again after a restart (note 63's window leftover), kept
inside the encrypted vault and nowhere in plaintext (promise 2)."""

from __future__ import annotations

import os
from pathlib import Path

from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal import paths
from medlocal.app import Workspace
from medlocal.app.last_patient import LAST_PATIENT_NOTE, last_patient
from medlocal.ui.main_window import MainWindow

NAMES = ["Aoife Brennan", "Tomasz Wierzbicki", "Ngozi Adeyemi"]
WAIT_MS = 20_000


def _started(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    return window


def _restarted(qtbot: QtBot, tmp_path: Path, window: MainWindow, old: Workspace) -> MainWindow:
    """Close the window and the workspace, then start MedLocal again on the same vault."""
    window.close()
    old.close()
    workspace = make_workspace(tmp_path)
    workspace.unlock(PASS)
    return _started(qtbot, workspace)


def _three_patients(tmp_path: Path) -> tuple[Workspace, list[int]]:
    workspace = make_workspace(tmp_path)
    workspace.create_vault(PASS, PASS)
    vault = workspace.require_vault()
    return workspace, [vault.add_patient(name, mrn=f"MRN-{i}1") for i, name in enumerate(NAMES)]


def test_the_patient_chosen_last_is_chosen_again_after_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    workspace, ids = _three_patients(tmp_path)
    window = _started(qtbot, workspace)
    assert window.patients.patient_id is None  # a vault never used in a window: nobody
    window.patients.patients.setCurrentRow(1)
    assert window.patients.patient_id == ids[1]

    again = _restarted(qtbot, tmp_path, window, workspace)
    qtbot.waitUntil(lambda: again.patients.patient_id == ids[1], timeout=WAIT_MS)
    shown = again.patients.patients.currentItem()
    assert shown is not None and shown.text().startswith(NAMES[1])
    assert again.chat.patient_id == ids[1]  # the conversation is theirs, not an empty one
    again.close()
    again.workspace.close()


def test_a_patient_removed_since_is_not_chosen_and_nobody_is(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, ids = _three_patients(tmp_path)
    window = _started(qtbot, workspace)
    window.patients.patients.setCurrentRow(2)
    assert window.patients.patient_id == ids[2]
    workspace.require_vault().remove_patient(ids[2])  # e.g. 'medlocal patient remove'

    again = _restarted(qtbot, tmp_path, window, workspace)
    assert again.patients.patient_id is None
    assert again.patients.patients.count() == 2
    assert not again.patients.notice.isVisible()  # no error box, no stale name
    assert last_patient(again.workspace.require_vault()) is None
    again.close()
    again.workspace.close()


def test_the_choice_lands_in_no_plaintext_file(qtbot: QtBot, tmp_path: Path) -> None:
    """Promise 2: the settings files and every file under the data folders that is not the
    encrypted database hold neither the patient's name nor a note of the choice."""
    workspace, ids = _three_patients(tmp_path)
    window = _started(qtbot, workspace)
    window.patients.patients.setCurrentRow(1)
    assert workspace.require_vault().read_note(LAST_PATIENT_NOTE) == str(ids[1])
    window.close()
    workspace.close()

    roots = [tmp_path, Path(os.environ[paths.HOME_ENV])]
    files = [f for root in roots for f in root.rglob("*") if f.is_file()]
    assert files  # the vault folder at least
    for f in files:
        data = f.read_bytes()
        for name in NAMES:
            for part in name.split():
                assert part.encode() not in data, f"{part} in plaintext {f}"
        assert LAST_PATIENT_NOTE.encode() not in data, f"the choice in plaintext {f}"
        if f.suffix in {".ini", ".toml", ".conf", ".json"}:
            assert b"patient" not in data.lower(), f"a patient choice in settings {f}"
