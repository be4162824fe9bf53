"""perf46, in the window: Export after the preview writes the previewed list without reading the
text again, and Cancel stops a long document's rules step part-way (before: ~15 s of CPU read
again for a 0.76 MB document, and a Cancel that waited for the whole reading)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from fixtures.deid_corpus import load
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.privacy.redact import Redactor
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog
from medlocal.vault.records import ChunkRecord

WAIT_MS = 120_000  # the redactor loads in the worker: seconds on a busy machine
STOP_WITHIN_S = 2.0  # as tests/unit/test_export_reuses_preview_plan.py: the rules' longest step
TEXT = "Mrs Ada Quennell drove to the clinic with her daughter Philippa. Apixaban 2.5 mg bd.\n"


def _document(workspace: Workspace, text: str) -> int:
    vault = workspace.require_vault()
    patient = vault.add_patient("Ada Quennell")
    chunks = [ChunkRecord(text[:2000], 1, 0, min(len(text), 2000))]
    vector = np.ones((1, 4), dtype=np.float32) / 2
    return vault.add_document(
        patient, "letter.txt", "txt", text.encode(), chunks, vector, "f-v1", text=text
    )


def test_export_writes_the_previewed_list_without_reading_again(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = DocumentExportDialog(workspace, _document(workspace, TEXT))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    shown = [(i.number, i.redaction.original) for i in dialog.planned or []]
    read: list[int] = []
    preview = Redactor.preview
    monkeypatch.setattr(
        Redactor, "preview", lambda self, text: read.append(1) or preview(self, text)
    )
    out = tmp_path / "copy.txt"
    dialog.path_edit.setText(str(out))
    job = dialog.export()
    assert job is not None
    qtbot.waitUntil(lambda: dialog.export_job is None, timeout=WAIT_MS)
    assert read == [] and out.exists(), dialog.message.text()
    written = out.read_text(encoding="utf-8")
    assert all(original not in written for _, original in shown)
    assert "Apixaban 2.5 mg bd." in written


def test_cancel_stops_a_long_documents_rules_part_way(qtbot: QtBot, workspace: Workspace) -> None:
    notes = load("dev")
    parts = [TEXT]
    while sum(map(len, parts)) < 260_000:
        parts.append(notes[len(parts) % len(notes)].text + "\n")
    dialog = DocumentExportDialog(workspace, _document(workspace, "".join(parts)))
    qtbot.addWidget(dialog)
    # The record read (in pieces), then the rules over the whole text: said, then stopped.
    qtbot.waitUntil(
        lambda: "finding identifiers in the text" in dialog.message.text(), timeout=WAIT_MS
    )
    assert "Cancel to stop" in dialog.message.text()
    qtbot.wait(1000)
    job = dialog.preview_job
    assert job is not None and job.running
    asked = time.monotonic()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    assert time.monotonic() - asked < STOP_WITHIN_S
    qtbot.waitUntil(lambda: "The preview was stopped" in dialog.message.text(), timeout=5_000)
    assert dialog.planned is None and not dialog.export_button.isEnabled()
