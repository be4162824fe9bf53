"""About/diagnostics: versions, the doctor report (collected off the GUI thread), crash reports,
the log folder button and the in-app tail of MedLocal's own log."""

from __future__ import annotations

import logging
from pathlib import Path

from pytestqt.qtbot import QtBot

from medlocal import paths
from medlocal.app import Workspace
from medlocal.crash import pending_crash_reports, write_crash_report
from medlocal.ui.dialogs.about_dialog import AboutDialog
from medlocal.ui.log_tail import LogTail, install_log_tail


def test_log_tail_keeps_medlocal_records_only_and_is_bounded() -> None:
    tail = LogTail(capacity=3)
    for name in ("medlocal.vault", "chromadb", "medlocalish", "medlocal"):
        tail.handle(logging.LogRecord(name, logging.INFO, __file__, 1, "from %s", (name,), None))
    assert [line.split(": ", 1)[1] for line in tail.lines()] == [
        "from medlocal.vault",
        "from medlocal",
    ]
    for index in range(5):
        tail.handle(logging.LogRecord("medlocal.x", logging.INFO, "", 1, f"n{index}", (), None))
    assert len(tail.lines()) == 3 and tail.lines()[-1].endswith("n4")
    assert install_log_tail() is install_log_tail()


def test_about_shows_versions_doctor_crashes_and_log(qtbot: QtBot, workspace: Workspace) -> None:
    try:
        raise RuntimeError("a crash")
    except RuntimeError as exc:
        write_crash_report(exc)
    opened: list[Path] = []
    tail = LogTail()
    dialog = AboutDialog(workspace, tail=tail, opener=lambda folder: opened.append(folder) or True)
    qtbot.addWidget(dialog)
    assert "MedLocal" in dialog.versions.text() and "Qt " in dialog.versions.text()
    qtbot.waitUntil(lambda: dialog.doctor_job is None, timeout=20_000)
    report = dialog.doctor_view.toPlainText()
    assert "Offline:   guard on" in report and "Crashes:   1 unread" in report
    assert dialog.crashes.count() == 1 and dialog.crashes.item(0).text().startswith("crash")
    dialog.open_button.click()
    assert opened == [paths.log_dir()]
    dialog.dismiss_button.click()
    assert pending_crash_reports() == [] and dialog.crashes.item(0).text() == "none"

    tail.handle(logging.LogRecord("medlocal.engine", logging.WARNING, "", 1, "hello", (), None))
    qtbot.waitUntil(lambda: "hello" in dialog.log_view.toPlainText(), timeout=5_000)
