"""The vault's audit log: every entry (sequence, time, event and its ids/hashes) and a Verify
button that checks the HMAC chain. Loading and verifying run off the GUI thread, and the table
makes only the rows it shows (:class:`medlocal.ui.row_model.RowsModel`: filling an item per cell
held the window ~0.5 s at 5,000 entries, left 51). The vault's
unlock and lock entries are left out unless the box is ticked (its label counts them), as in
``medlocal audit show`` (:mod:`medlocal.app.audit_view`).

Services write only ids and hashes into audit details; the table still shows only values that
look like ids, counts, flags or hashes, so a text that slipped into an entry is never displayed.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QPushButton,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.audit_view import AuditView
from medlocal.ui.dialogs.common import (
    ErrorLine,
    error_text,
    resize_on_screen,
    row_view,
    run_owned,
    table_and_actions_layout,
)
from medlocal.ui.row_model import RowsModel
from medlocal.ui.workers import Job
from medlocal.vault.audit import AuditEntry, AuditReport

COLUMNS = ("#", "Time (UTC)", "Event", "Details")
# Identifiers, model/format names, hex digests: short tokens without spaces.
_SAFE_TOKEN = re.compile(r"^[\w.:/+-]{1,100}$")
HIDDEN = "(not shown)"
SESSIONS_LABEL = "Show &unlock/lock entries"


def safe_value(value: Any) -> str:
    if isinstance(value, bool | int | float) or value is None:
        return str(value)
    if isinstance(value, str) and _SAFE_TOKEN.match(value):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, int) for v in value):
        return ",".join(str(v) for v in value)
    return HIDDEN


def details_text(details: dict[str, Any]) -> str:
    return "  ".join(f"{key}={safe_value(value)}" for key, value in sorted(details.items()))


def entry_cells(entry: AuditEntry) -> tuple[str, str, str, str]:
    """One entry's row, made when the table shows it."""
    return (str(entry.seq), entry.ts, entry.event, details_text(entry.details))


class AuditDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit log")
        self.workspace = workspace
        self.load_job: Job | None = None
        self._loads = 0  # which load of the entries is the latest (older ones are dropped)
        self.verify_job: Job | None = None
        self.entries: RowsModel[AuditEntry] = RowsModel(COLUMNS, entry_cells, self)
        self.table = row_view(self.entries, "Audit log entries", self)
        self.verify_button = QPushButton("&Verify chain", self)
        self.verify_button.setAccessibleName("Verify the audit log")
        self.verify_button.clicked.connect(self.verify)
        self.reload_button = QPushButton("&Reload", self)
        self.reload_button.setAccessibleName("Reload the audit log")
        self.reload_button.clicked.connect(self.reload)
        self.sessions_box = QCheckBox(SESSIONS_LABEL, self)
        self.sessions_box.setAccessibleName("Show the vault's unlock and lock entries")
        self.sessions_box.toggled.connect(lambda _checked: self.reload())
        self.verdict = ErrorLine("Audit verification result", self)
        table_and_actions_layout(
            self,
            self.table,
            [self.verify_button, self.reload_button, self.sessions_box],
            self.verdict,
        )
        resize_on_screen(self, 760, 480)
        self.reload()

    def reload(self) -> None:
        try:
            self.workspace.require_vault()
        except Exception as exc:  # a locked vault: say so instead of an empty table
            self.verdict.show_error(error_text(exc, "Reading the audit log"))
            return
        self.reload_button.setEnabled(False)
        # Only the latest load is shown: the box ticked twice quickly started two, and the
        # older could land last with the other filter (review 51b, pre-existing).
        self._loads += 1
        load = self._loads

        def done(view: AuditView) -> None:
            if load != self._loads:
                return
            self.load_job = None
            self.reload_button.setEnabled(True)
            self.show_entries(view.entries)
            hidden = f" ({view.hidden_sessions} hidden)" if view.hidden_sessions else ""
            self.sessions_box.setText(SESSIONS_LABEL + hidden)

        def failed(exc: BaseException) -> None:
            if load != self._loads:
                return
            self.load_job = None
            self.reload_button.setEnabled(True)
            self.verdict.show_error(error_text(exc, "Reading the audit log"))

        sessions = self.sessions_box.isChecked()

        def work(cancel: threading.Event) -> AuditView:
            return self.workspace.audit_view(sessions=sessions)

        self.load_job = run_owned(self, "audit entries", work, done, failed)

    def show_entries(self, entries: list[AuditEntry]) -> None:
        self.entries.set_records(entries)

    def verify(self) -> None:
        try:
            vault = self.workspace.require_vault()
        except Exception as exc:
            self.verdict.show_error(error_text(exc, "Verifying the audit log"))
            return
        self.verify_button.setEnabled(False)
        self.verdict.show_note("Verifying…")

        def done(report: AuditReport) -> None:
            self.verify_job = None
            self.verify_button.setEnabled(True)
            if report.ok:
                self.verdict.show_ok(f"Intact: all {report.rows} entries verified.")
            else:
                where = f" at entry #{report.bad_seq}" if report.bad_seq is not None else ""
                self.verdict.show_error(f"FAILED{where}: {report.problem or 'the chain is broken'}")

        def failed(exc: BaseException) -> None:
            self.verify_job = None
            self.verify_button.setEnabled(True)
            self.verdict.show_error(error_text(exc, "Verifying the audit log"))

        def work(cancel: threading.Event) -> AuditReport:
            return vault.audit_verify()

        self.verify_job = run_owned(self, "audit verify", work, done, failed)
