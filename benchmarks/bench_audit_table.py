"""How long the audit log dialog holds the window when it shows a long log: the widest gap
between beats of a 20 ms QTimer on the window's thread, from the dialog's opening until its
table is filled and drawn, at 0 (the baseline), 5,000 and 50,000 entries (left 51). The
entries are made here and handed to the dialog as its worker would (reading them from the vault
runs off the window's thread either way); what is measured is the window's own share: putting
them in the table.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python3 benchmarks/bench_audit_table.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from medlocal.app.audit_view import AuditView
from medlocal.vault.audit import AuditEntry

PROBE_MS = 20


class _Workspace:
    """What the dialog asks of a workspace: an open vault and its audit view."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        self.entries = entries

    def require_vault(self) -> object:
        return object()

    def audit_view(self, limit: int | None = None, *, sessions: bool = False) -> AuditView:
        return AuditView(self.entries)


def entries(count: int) -> list[AuditEntry]:
    return [
        AuditEntry(
            seq,
            f"2026-12-06T05:{seq % 60:02d}:00Z",
            "import",
            {"patient_id": seq % 97, "document_id": seq, "sha256": f"{seq:064x}"},
        )
        for seq in range(1, count + 1)
    ]


def measure(app: QApplication, count: int) -> dict[str, Any]:
    from medlocal.ui.dialogs.audit_dialog import AuditDialog

    workspace: Any = _Workspace(entries(count))
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(PROBE_MS)
    timer.timeout.connect(beat)
    timer.start()
    started = time.perf_counter()
    dialog = AuditDialog(workspace)
    dialog.show()
    while dialog.load_job is not None and time.perf_counter() - started < 120:
        app.processEvents()
        time.sleep(0.001)
    filled = time.perf_counter()
    while time.perf_counter() - filled < 0.3:  # the table drawn, the columns measured
        app.processEvents()
        time.sleep(0.001)
    beat()
    timer.stop()
    rows = dialog.table.model().rowCount()
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    return {
        "entries": count,
        "rows": rows,
        "max_gap_ms": round(max(gaps) * 1000, 1),
        "open_to_filled_s": round(filled - started, 2),
    }


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    for count in (0, 5_000, 50_000):  # 0: the dialog's own opening, the baseline
        print(json.dumps(measure(app, count)), flush=True)
    from medlocal.ui.workers import wait_for_jobs

    wait_for_jobs(10.0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
