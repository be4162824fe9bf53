"""Does the window stay responsive while an export reads a patient's long record? (walk 35)

A patient with a long text document (``--big FILE``, else about 5 MB generated) and a small one;
the redacted-copy dialog of the small one is opened, which previews at once: the preview reads
the patient's record. A QTimer asks for a tick every 50 ms on the GUI thread; the longest gap
between two ticks is the longest the window froze. The run stops when the preview is shown or
after ``--seconds``. Then a second preview of a new dialog (the record read before) is timed.

Run it with ``PYTHONPATH`` pointing at the checkout to measure (walk 35's main read the whole
5 MB text in single regular-expression calls: gaps up to 19 s).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_export_record.py --seconds 90
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MEDLOCAL_HOME", tempfile.mkdtemp(prefix="medlocal-bench-record-"))

import numpy as np
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from medlocal.app import Workspace
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord

PASS = "benchmark passphrase"
TICK_MS = 50
SMALL = "Clinic letter\n\nMr Fenwick was seen with his daughter Rowena. Metformin continued.\n"


def generated(size: int) -> str:
    paragraph = (
        "Ward round {n}: Mortimer Fenwick reviewed by Dr Okafor at Larkfield Clinic on "
        "12/03/2025. Observations stable; apixaban 2.5 mg twice daily continued. His daughter "
        "Rowena Quillfeather visited.\n\n"
    )
    parts, total, n = [], 0, 0
    while total < size:
        piece = paragraph.format(n=n)
        parts.append(piece)
        total += len(piece)
        n += 1
    return "".join(parts)


def add(ws: Workspace, patient: int, name: str, text: str) -> int:
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(text[:2000], 1, 0, min(len(text), 2000))]
    return ws.require_vault().add_document(
        patient, name, "txt", text.encode(), chunks, vector, "bench-v1", text=text
    )


class GapMeter:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.longest = 0
        self.last = 0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.longest = 0
        self.timer.start()

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def preview(app: QApplication, ws: Workspace, document_id: int, seconds: float) -> dict[str, float]:
    meter = GapMeter()
    meter.start()
    started = time.monotonic()
    dialog = DocumentExportDialog(ws, document_id)
    while dialog.planned is None and time.monotonic() - started < seconds:
        app.processEvents()
        time.sleep(0.005)
    shown = dialog.planned is not None
    elapsed = time.monotonic() - started
    meter.timer.stop()
    job = dialog.preview_job
    dialog.reject()
    result: dict[str, float] = {
        "shown": shown,
        "seconds": round(elapsed, 2),
        "longest_gap_ms": meter.longest - TICK_MS,
    }
    if job is not None:  # closing the dialog asks the reading to stop: how soon it does
        stop = time.monotonic()
        while job.running and time.monotonic() - stop < 60:
            app.processEvents()
            time.sleep(0.01)
        result["stopped_after_close_s"] = round(time.monotonic() - stop, 2)
        if job.running:  # a reading that cannot be stopped: report and leave
            print(json.dumps({"first": result, "note": "still reading 60 s after close"}))
            sys.stdout.flush()
            os._exit(0)
    dialog.deleteLater()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=Path, help="the long text document (default: generated)")
    parser.add_argument("--size", type=int, default=5_000_000, help="generated size in chars")
    parser.add_argument("--seconds", type=float, default=900.0, help="cap on the first preview")
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="skip the window's start-up warm-up (its gc.freeze): full garbage-collector sweeps "
        "then walk the whole heap on the preview's worker, 0.5-0.6 s each (session 34)",
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    big = args.big.read_text(encoding="utf-8") if args.big else generated(args.size)
    folder = Path(tempfile.mkdtemp(prefix="medlocal-bench-vault-"))
    ws = Workspace(folder, kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    patient = ws.require_vault().add_patient("Mortimer Fenwick", mrn="FN-771204")
    add(ws, patient, "long.txt", big)
    small = add(ws, patient, "letter.txt", SMALL)
    if not args.no_warm_up:
        ws.warm_up()  # as the window does at start (medlocal.app.warm_up)
    result = {"big_chars": len(big), "first": preview(app, ws, small, args.seconds)}
    if result["first"]["shown"]:
        ws.close()  # what a second session starts from: nothing in memory
        ws = Workspace(folder, kdf_params=KdfParams(8 * 1024, 1, 1))
        ws.unlock(PASS)
        result["second"] = preview(app, ws, small, args.seconds)
    ws.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
