"""The first question about a patient with a huge record: while the patient's passages go into
the in-memory index, the chat line counts them ("Indexing this patient's passages: 12,000 of
41,610…") instead of sitting on "finding passages" for minutes (walk 36); then the answer comes
as usual. And the workspace's build reports real counts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from pytestqt.qtbot import QtBot

NOTE = "Metformin 500 mg twice daily for type 2 diabetes."


def test_the_chat_counts_the_passages_being_indexed(qtbot: QtBot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, chat=FakeChatModel("She takes metformin 500 mg [1]."))
    ws.create_vault(PASS, PASS)
    note = tmp_path / "gp_note.txt"
    note.write_text(NOTE)
    window = window_with_patient(qtbot, ws, "Huge Record")
    ws.import_documents([note], window.patients.patient_id)
    release = threading.Event()
    real = ws.index_patient

    def slow_index(
        patient_id: int, progress: Callable[[int, int], None], cancel: threading.Event
    ) -> None:
        progress(0, 41_610)
        progress(12_000, 41_610)
        release.wait(30)
        real(patient_id, progress, cancel)

    ws.index_patient = slow_index  # type: ignore[method-assign]
    chat = window.chat
    try:
        chat.ask("What dose of metformin?")
        qtbot.waitUntil(
            lambda: (
                "Indexing this patient's passages: 12,000 of 41,610…" in chat.view.toPlainText()
            ),
            timeout=30000,
        )
    finally:
        release.set()
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=30000)
    shown = chat.view.toPlainText()
    assert "metformin 500 mg" in shown and "Indexing" not in shown


def test_index_patient_reports_the_vectors_it_builds(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Counted", mrn="MRN-9")
    note = tmp_path / "note.txt"
    note.write_text("\n\n".join(f"Visit {i}: blood pressure {120 + i}/80." * 30 for i in range(40)))
    ws.import_documents([note], patient)
    embedder = ws.embedder()
    assert embedder is not None
    calls: list[tuple[int, int]] = []
    ws.index_patient(patient, lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert total > 1 and calls[0] == (0, total) and calls[-1] == (total, total)
    assert vault.search("blood pressure", None, patient_id=patient, k=3)  # index usable
    ws.index_patient(patient, lambda done, total: calls.append((done, total)))
    assert calls[-1] == (total, total) and len(calls) == len(set(calls))  # built once only
