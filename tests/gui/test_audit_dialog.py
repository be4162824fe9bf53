"""The audit dialog lists entries (ids and hashes only) and verifies the chain off the GUI
thread: intact on a fresh vault, failed after an attacker's edit."""

from __future__ import annotations

from fixtures.gui_window import PASS
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.audit_dialog import HIDDEN, SESSIONS_LABEL, AuditDialog, details_text

WAIT_MS = 10_000


def _open(qtbot: QtBot, workspace: Workspace) -> AuditDialog:
    dialog = AuditDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.load_job is None, timeout=WAIT_MS)
    return dialog


def _shown(dialog: AuditDialog, row: int, column: int) -> str:
    """What the table shows in a cell: the view's model's display data (review 51b R7: reading
    the model's own text() passed even when the view showed each entry raw)."""
    model = dialog.table.model()
    value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
    assert isinstance(value, str), value
    return value


def _cells(dialog: AuditDialog) -> list[str]:
    model = dialog.table.model()
    return [
        _shown(dialog, row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def _events(dialog: AuditDialog) -> list[str]:
    return [_shown(dialog, row, 2) for row in range(dialog.table.model().rowCount())]


def test_entries_and_intact_chain(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace)
    events = _events(dialog)
    assert "patient_add" in events and "import" in " ".join(events)
    assert not any("Jane" in cell or "metformin" in cell for cell in _cells(dialog))
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.verify_job is None, timeout=WAIT_MS)
    assert dialog.verdict.text().startswith("Intact")


def test_tampered_chain_fails(qtbot: QtBot, workspace: Workspace, patient_with_note: int) -> None:
    vault = workspace.require_vault()
    with vault._tx() as session:  # an attacker with the key edits a row
        session.conn.execute("DROP TRIGGER audit_no_update")
        session.conn.execute("UPDATE audit SET event = 'forged' WHERE seq = 2")
    dialog = _open(qtbot, workspace)
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.verify_job is None, timeout=WAIT_MS)
    assert dialog.verdict.text().startswith("FAILED at entry #2")


def test_text_in_details_is_never_shown() -> None:
    text = details_text({"patient_id": 3, "sha256": "ab" * 32, "note": "Jane Roe has diabetes"})
    assert "Jane" not in text and HIDDEN in text and "patient_id=3" in text


def test_locked_vault_says_so(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.lock()
    dialog = AuditDialog(workspace)
    qtbot.addWidget(dialog)
    assert "locked" in dialog.verdict.text()
    assert dialog.entries.rowCount() == 0


def test_unlock_and_lock_entries_are_left_out_until_asked_for(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    """Walk 38: each command-line run adds an unlock/lock pair; they crowded out the rest."""
    workspace.lock()
    workspace.unlock(PASS)
    dialog = _open(qtbot, workspace)

    def events() -> list[str]:
        return _events(dialog)

    assert "patient_add" in events() and not {"unlock", "lock"} & set(events())
    assert not dialog.sessions_box.isChecked()
    assert dialog.sessions_box.text() == f"{SESSIONS_LABEL} (2 hidden)"
    dialog.sessions_box.setChecked(True)
    qtbot.waitUntil(lambda: dialog.load_job is None, timeout=WAIT_MS)
    assert {"unlock", "lock"} <= set(events()) and "patient_add" in events()
    assert dialog.sessions_box.text() == SESSIONS_LABEL
