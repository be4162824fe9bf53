"""About and diagnostics: versions, the ``doctor`` report, the log folder, pending crash reports
and an in-app view of MedLocal's recent log. Everything here is text-free by construction
(versions, folders, counts, code locations) and stays on screen: nothing is sent anywhere."""

from __future__ import annotations

import platform
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QTimer, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import medlocal
from medlocal import paths
from medlocal.app import Workspace
from medlocal.crash import mark_crash_report_shown, pending_crash_reports
from medlocal.fsutil import shown_path
from medlocal.ui.dialogs.common import ErrorLine, error_text, resize_on_screen, run_owned
from medlocal.ui.log_tail import LogTail, install_log_tail
from medlocal.ui.tab_order import tab_in_layout_order
from medlocal.ui.workers import Job

LOG_REFRESH_MS = 500
LOG_VIEW_LINES = 2000
NOTICE = "Decision support only: verify every answer against its sources."
# The notices shipped in resources/ (a wheel, a checkout and the frozen app all carry them).
NOTICE_FILES = ("NOTICES.txt", "THIRD_PARTY_NOTICES.txt", "deid_NOTICES.txt")
LICENCE = """MedLocal is licensed under the Apache License, Version 2.0 (SPDX: Apache-2.0).
You may not use MedLocal except in compliance with that licence; a copy is at
https://www.apache.org/licenses/LICENSE-2.0. MedLocal is distributed "AS IS", WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.

Main components and their licences (each package's full licence text is installed with it):
  Qt and Qt for Python (PySide6, shiboken6) - LGPL-3.0, https://www.qt.io/licensing
  llama.cpp and llama-cpp-python - MIT
  superqt - BSD-3-Clause; qtawesome - MIT (icon fonts SIL OFL 1.1 / CC BY 4.0)
  huggingface-hub - Apache-2.0; cryptography - Apache-2.0 OR BSD-3-Clause; argon2-cffi - MIT
  NumPy - BSD-3-Clause

Models: each language model keeps its own licence (its model card; the Models dialog names
it). Downloading or importing one means accepting that licence."""


def licence_text() -> str:
    """MedLocal's licence, its main components' and the notices shipped in resources/, in one
    text (About > Licences). A notice that cannot be read is named, not skipped silently."""
    parts = [LICENCE]
    for name in NOTICE_FILES:
        path = paths.resources_dir() / name
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError as err:
            text = f"{name} could not be read from {shown_path(path)} ({type(err).__name__})."
        parts.append(f"{'=' * 78}\n{name}\n{'=' * 78}\n{text}")
    return "\n\n".join(parts) + "\n"


def versions() -> list[str]:
    try:
        llama = metadata.version("llama_cpp_python")
    except metadata.PackageNotFoundError:
        llama = "not installed"
    return [
        f"MedLocal {medlocal.__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        f"llama-cpp-python {llama}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
    ]


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system file manager (a local path: no network involved)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def _monospace_view(name: str, parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setAccessibleName(name)
    return view


class AboutDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        tail: LogTail | None = None,
        opener: Callable[[Path], bool] = open_folder,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("About MedLocal")
        self.workspace = workspace
        self.tail = tail or install_log_tail()
        self.opener = opener
        self.doctor_job: Job | None = None
        self._shown_serial = -1
        self.message = ErrorLine("About message", self)

        about = QWidget(self)
        about_box = QVBoxLayout(about)
        self.versions = QLabel("\n".join(versions()), about)
        self.versions.setAccessibleName("Versions")
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice = QLabel(NOTICE, about)
        notice.setWordWrap(True)
        about_box.addWidget(self.versions)
        about_box.addWidget(notice)
        about_box.addWidget(self._folders_box(about))
        about_box.addStretch(1)

        self.doctor_view = _monospace_view("Diagnostics report", self)
        self.doctor_view.setPlainText("Collecting the report…")
        self.log_view = _monospace_view("Recent log", self)
        self.log_view.setMaximumBlockCount(LOG_VIEW_LINES)
        # Walk 34: no licence anywhere in the window, MedLocal's or its components'.
        self.licences_view = _monospace_view("Licences and third-party notices", self)
        self.licences_view.setPlainText(licence_text())

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("About pages")
        # The tab bar takes the keyboard, and a screen reader names it (walk 53a L3).
        self.tabs.tabBar().setAccessibleName("About pages: About, Diagnostics, Log, Licences")
        self.tabs.addTab(about, "&About")
        self.tabs.addTab(self.doctor_view, "&Diagnostics")
        self.tabs.addTab(self.log_view, "&Log")
        self.tabs.addTab(self.licences_view, "L&icences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        resize_on_screen(self, 720, 520)
        tab_in_layout_order(self)  # the page tabs first, then the page, then Close (walk 55a L2)

        self.timer = QTimer(self)
        self.timer.setInterval(LOG_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_log)
        self.timer.start()
        self.refresh_log()
        self.refresh_crashes()
        self.load_doctor()

    def _folders_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Logs and crash reports", parent)
        column = QVBoxLayout(box)
        self.log_folder = QLineEdit(str(paths.log_dir()), box)
        self.log_folder.setReadOnly(True)
        self.log_folder.setAccessibleName("Log folder")
        self.open_button = QPushButton("&Open log folder", box)
        self.open_button.setAccessibleName("Open the log folder")
        self.open_button.clicked.connect(self.open_log_folder)
        row = QHBoxLayout()
        row.addWidget(self.log_folder, 1)
        row.addWidget(self.open_button)
        column.addLayout(row)
        self.crashes = QListWidget(box)
        self.crashes.setAccessibleName("Unread crash reports")
        self.crashes.setMaximumHeight(100)
        self.dismiss_button = QPushButton("&Mark crash reports as read", box)
        self.dismiss_button.setAccessibleName("Mark crash reports as read")
        self.dismiss_button.clicked.connect(self.dismiss_crashes)
        column.addWidget(QLabel("Crash reports hold versions and code locations only.", box))
        column.addWidget(self.crashes)
        column.addWidget(self.dismiss_button)
        return box

    def refresh_crashes(self) -> None:
        self.crashes.clear()
        reports = pending_crash_reports()
        self.crashes.addItems([report.name for report in reports] or ["none"])
        self.dismiss_button.setEnabled(bool(reports))

    def dismiss_crashes(self) -> None:
        for report in pending_crash_reports():
            try:
                mark_crash_report_shown(report)
            except OSError as exc:
                self.message.show_error(error_text(exc, "Marking the crash report"))
        self.refresh_crashes()

    def open_log_folder(self) -> None:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not self.opener(folder):
            self.message.show_error(
                f"Could not open {shown_path(folder)}; open it from your file manager."
            )

    def load_doctor(self) -> None:
        """The report probes the hardware and the GPU driver: off the GUI thread."""
        workspace = self.workspace

        def work(cancel: threading.Event) -> list[str]:
            return workspace.doctor().lines()

        def done(lines: list[str]) -> None:
            self.doctor_job = None
            self.doctor_view.setPlainText("\n".join(lines))

        def failed(exc: BaseException) -> None:
            self.doctor_job = None
            self.doctor_view.setPlainText(error_text(exc, "The diagnostics report"))

        self.doctor_job = run_owned(self, "doctor report", work, done, failed)

    def refresh_log(self) -> None:
        if self.tail.serial == self._shown_serial:
            return
        self._shown_serial = self.tail.serial
        bar = self.log_view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        self.log_view.setPlainText("\n".join(self.tail.lines()))
        if at_end:  # follow new lines unless the reader scrolled up
            bar.setValue(bar.maximum())

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
