"""The backup window offers to create a backup folder that does not exist yet, naming its full
path, at any depth (walk 39: a folder two levels deep was refused); a missing folder where
drives appear (an unplugged USB stick under /media/me) is refused and nothing appears on the
local disk; a relative path, a file or a read-only folder is refused with what is wrong before
anything runs. Its messages are said under the
part they are about, not at the foot of the dialog (walk 26 item 10: "Type the vault
passphrase" appeared far below the field, under an empty area)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.gui_window import PASS
from fixtures.message_boxes import answer_boxes
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.vault import backup_files

WAIT_MS = 120_000
YES, NO = True, False


def _dialog(qtbot: QtBot, workspace: Workspace, folder: Path | None = None) -> BackupDialog:
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    if folder is not None:
        dialog.destination.setText(str(folder))
    return dialog


def _back_up(qtbot: QtBot, dialog: BackupDialog, passphrase: str = PASS) -> str:
    dialog.backup_passphrase.setText(passphrase)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    return dialog.backup_message.text()


def test_a_new_folder_is_created_only_after_asking_with_its_full_path(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    new = usb / "medlocal backups"
    dialog = _dialog(qtbot, workspace, new)

    asked = answer_boxes(monkeypatch, NO)
    assert _back_up(qtbot, dialog).startswith("No backup was written")
    assert len(asked) == 1 and f"The folder {new} does not exist yet" in asked[0], asked
    assert not new.exists()
    assert dialog.backup_passphrase.text() == PASS  # nothing ran: it need not be typed again

    asked = answer_boxes(monkeypatch, YES)
    text = _back_up(qtbot, dialog, "not the passphrase")
    assert "not the vault's passphrase" in text, text
    assert not new.exists()  # a refused passphrase leaves no new folder behind

    text = _back_up(qtbot, dialog)
    assert text.startswith(f"Created the folder {new}. Backup written and verified"), text
    assert [p.parent for p in new.iterdir()] == [new]
    assert not workspace.backup_due()

    asked = answer_boxes(monkeypatch, YES)
    assert "written and verified" in _back_up(qtbot, dialog)
    assert asked == []  # it exists now: nothing to ask


def test_a_folder_two_levels_deep_is_offered_and_made_with_its_parents(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 39: a missing folder whose parent was missing too was refused, with no offer."""
    top = tmp_path / "clinic"
    new = top / "MedLocal" / "backups"
    dialog = _dialog(qtbot, workspace, new)

    asked = answer_boxes(monkeypatch, NO)
    assert _back_up(qtbot, dialog).startswith("No backup was written")
    assert len(asked) == 1, asked
    # The full path and the topmost missing folder, with the warning for a drive not there.
    assert f"The folder {new} does not exist yet, nor does {top}" in asked[0], asked
    assert "plugged in" in asked[0]
    assert not top.exists()

    asked = answer_boxes(monkeypatch, YES)
    text = _back_up(qtbot, dialog, "not the passphrase")
    assert "not the vault's passphrase" in text, text
    assert not top.exists()  # a refused backup removes every folder it made, not only the last

    text = _back_up(qtbot, dialog)
    assert text.startswith(f"Created the folder {new}. Backup written and verified"), text
    assert [p.parent for p in new.iterdir()] == [new]


def test_a_missing_folder_where_drives_appear_is_refused_without_asking(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/media/me/STICK/backups with the stick unplugged: never made on the local disk."""
    media = tmp_path / "media"
    (media / "me").mkdir(parents=True)
    monkeypatch.setattr(backup_files, "_PER_USER_DRIVE_FOLDERS", (media,))
    unplugged = media / "me" / "STICK"
    dialog = _dialog(qtbot, workspace, unplugged / "backups")
    asked = answer_boxes(monkeypatch, YES)
    text = _back_up(qtbot, dialog)
    assert asked == []
    assert "does not exist" in text and "may not be plugged in" in text, text
    assert not unplugged.exists()
    assert dialog.backup_passphrase.text() == PASS  # nothing ran


def test_a_relative_folder_is_refused_not_made_under_the_apps_folder(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 39: "backups" became a folder under whatever folder the app was started from."""
    started_in = tmp_path / "started here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    (started_in / "backups").mkdir()  # even an existing one: it is not what was chosen
    for typed in ("backups", "new/backups"):
        dialog = _dialog(qtbot, workspace)
        dialog.destination.setText(typed)
        asked = answer_boxes(monkeypatch, YES)
        text = _back_up(qtbot, dialog)
        assert asked == []
        assert text.startswith("The backup folder needs a full path"), text
        assert f"not '{typed}'" in text and "Choose" in text, text
        assert dialog.backup_passphrase.text() == PASS
    assert sorted(p.name for p in started_in.iterdir()) == ["backups"]
    assert list((started_in / "backups").iterdir()) == []


def test_a_file_or_a_read_only_folder_is_said_before_anything_runs(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    # Tests may run as root, for whom every folder is writable: the check is what is faked.
    real_access = os.access
    monkeypatch.setattr(
        backup_files.os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode)
    )
    cases = {
        note: f"{note} is a file, not a folder",
        note / "backups": f"cannot be created: {note} is a file, not a folder",
        locked: f"The backup folder {locked} is not writable",
        locked / "a" / "b": f"cannot be created: the folder {locked} is not writable",
    }
    asked = answer_boxes(monkeypatch, YES)
    for folder, expected in cases.items():
        dialog = _dialog(qtbot, workspace, folder)
        text = _back_up(qtbot, dialog)
        assert expected in text, (folder, text)
        assert dialog.backup_passphrase.text() == PASS
    assert asked == []
    assert not (locked / "a").exists()


def test_a_relative_backup_to_verify_or_restore_is_refused_before_asking(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    dialog = _dialog(qtbot, workspace)
    dialog.source.setText("usb/backups")
    dialog.source_passphrase.setText(PASS)
    asked = answer_boxes(monkeypatch, YES)
    for start in (dialog.start_verify, dialog.start_restore):
        assert start() is None
        text = dialog.restore_message.text()
        assert text.startswith("The backup to verify or restore needs a full path"), text
        assert dialog.source_passphrase.text() == PASS  # kept, to fix the path and go on
        assert workspace.vault is not None  # nothing locked
    assert asked == []  # refused before "Restore over this vault?"


def _gap_below(field: QWidget, message: QWidget, dialog: QWidget) -> int:
    """Pixels from the bottom of ``field`` to the top of ``message`` in the dialog."""
    bottom = field.mapTo(dialog, QPoint(0, field.height())).y()
    return message.mapTo(dialog, QPoint(0, 0)).y() - bottom


def test_a_missing_entry_is_said_beside_its_field(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = _dialog(qtbot, workspace)
    dialog.resize(900, 700)  # the walk's size: taller than the dialog needs
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.start_backup() is None
    message = dialog.backup_message
    assert message.isVisible() and message.text().startswith("Type the vault passphrase")
    # Under the Back up now button that follows the field, not at the foot of the dialog.
    gap = _gap_below(dialog.backup_passphrase, message, dialog)
    assert 0 < gap < 3 * dialog.backup_button.height(), gap
    assert dialog.focusWidget() is dialog.backup_passphrase  # typed into next

    assert dialog.start_verify() is None
    assert not message.isVisible()  # one message at a time, where the person is working
    restore = dialog.restore_message
    assert restore.isVisible() and restore.text().startswith("Choose the backup"), restore.text()
    gap = _gap_below(dialog.confirm_passphrase, restore, dialog)
    assert 0 < gap < 3 * dialog.verify_button.height(), gap
    assert dialog.focusWidget() is dialog.source
