"""The whole window driven through its widgets (pytest-qt, offscreen): first run -> vault ->
patient -> import by drop -> ask -> citation -> highlighted source -> lock (nothing left on
screen) -> unlock (the chat is back)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from fixtures.message_boxes import answer_questions
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.progress import Progress
from medlocal.ui.first_run import FirstRunWizard
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import QuestionDialog

MEDS = "Discharge medications: metformin 500 mg twice daily. Lisinopril 10 mg once daily."
ALLERGY = "Allergies: penicillin causes a widespread rash."
PATIENT = "Jane Quixote"


def run_first_run(qtbot: QtBot, ws: Workspace) -> None:
    wizard = FirstRunWizard(ws)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.passphrase_page
    page.secret.setText("short")
    page.confirm.setText("short")
    wizard.next()
    assert "at least 8" in page.error.text() and not ws.vault_exists()
    page.secret.setText(PASS)
    page.confirm.setText(PASS)
    assert page.meter.value() >= 2
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)
    recovery = wizard.recovery_page
    assert len(recovery.key.text()) > 20
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # must confirm first
    recovery.stored.setChecked(True)
    wizard.next()
    assert recovery.key.text() == ""  # the recovery key leaves the screen
    assert wizard.currentPage() is wizard.model_page
    assert wizard.model_page.demo.isChecked()
    wizard.accept()
    assert ws.vault is not None and not ws.vault.is_locked


def fill_modal(fields: dict[str, str]) -> None:
    def fill() -> None:
        dialog: Any = QApplication.activeModalWidget()
        for name, value in fields.items():
            getattr(dialog, name).setText(value)
        dialog._check()

    QTimer.singleShot(0, fill)


def drop(widget: Any, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def wait_import(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.patients.imports.import_job is None, timeout=30000)


def test_first_run_to_cited_source_lock_and_unlock(qtbot: QtBot, tmp_path: Path) -> None:
    model = FakeChatModel("The patient takes metformin 500 mg twice daily [1].")
    ws = make_workspace(tmp_path, chat=model)
    run_first_run(qtbot, ws)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.stack.currentIndex() == window.WORKING

    fill_modal({"name": PATIENT, "mrn": "MRN-77", "dob": "1950-02-03"})
    window.patients.add_patient()
    assert window.patients.patients.count() == 1
    window.patients.patients.setCurrentRow(0)
    assert window.patients.patient_id is not None

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "meds.txt").write_text(MEDS)
    (docs / "allergy.txt").write_text(ALLERGY)
    drop(window.patients, [docs / "meds.txt", docs / "allergy.txt"])
    wait_import(qtbot, window)
    assert window.patients.documents.count() == 2
    assert "Imported 2" in window.patients.imports.progress_label.text()

    chat = window.chat
    chat.question.setPlainText("What does the patient take for diabetes?")
    qtbot.keyClick(chat.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(chat.turns) == 1 and chat.job is None, timeout=30000)
    turn = chat.turns[0]
    assert turn.output_id is not None and turn.sources
    shown = chat.view.toPlainText()
    assert "metformin 500 mg" in shown and "[1]" in shown

    # Clicking the chip [1] shows the passage inside its document, highlighted by offsets.
    chat.view.anchorClicked.emit(QUrl("cite:0.1"))
    source = turn.sources[0]
    qtbot.waitUntil(lambda: window.sources.current == source)  # read on a worker
    assert (
        window.sources.highlighted_text()
        == window.sources.text.toPlainText()[source.start : source.end]
    )
    assert "metformin" in window.sources.highlighted_text().lower()
    # Where the passage is, in words a clinician reads: the file, not character offsets.
    assert window.sources.header.text() == f"[1] {source.file_name}"
    assert f"{source.file_name}" in shown and "chars" not in chat.view.toPlainText()

    # Lock: no patient text anywhere on screen, keys wiped.
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    text = window.visible_text()
    for secret in (PATIENT, "MRN-77", "metformin", "meds.txt", "diabetes", "Lisinopril"):
        assert secret.lower() not in text.lower()
    assert ws.vault is None and window.windowTitle() == "MedLocal"
    assert not window.menus.import_action.isEnabled()

    # A wrong passphrase is refused with a message; the right one restores patient and chat.
    window.lock_screen.secret.setText("wrong passphrase!")
    qtbot.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "passphrase" in window.lock_screen.error.text().lower(), timeout=20000)
    assert window.stack.currentIndex() == window.LOCKED
    window.lock_screen.secret.setText(PASS)
    qtbot.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=20000)
    assert window.patients.patient_id is not None
    qtbot.waitUntil(lambda: len(chat.turns) == 1)
    assert "What does the patient take for diabetes?" in chat.view.toPlainText()
    assert chat.turns[0].sources and chat.turns[0].output_id == turn.output_id
    window.close()


def test_bad_file_in_a_dropped_folder_does_not_stop_the_batch(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Batch Patient")
    vault = gui_workspace.require_vault()
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(MEDS)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (folder / "old").mkdir()
    (folder / "old" / "empty.docx").write_bytes(b"")
    (folder / "old" / "scan.heic").write_bytes(b"\xff\xd8")
    drop(window.patients, [folder])
    wait_import(qtbot, window)
    listed = window.patients.imports.errors
    errors = [listed.item(i).text() for i in range(listed.count())]
    assert any(e.startswith("broken.pdf:") for e in errors)
    # named by their place in the dropped folder
    assert any(e.startswith(f"{Path('old', 'empty.docx')}:") for e in errors)
    assert any(e.startswith(f"{Path('old', 'scan.heic')}: skipped") for e in errors)
    assert window.patients.documents.count() == 1  # good.txt imported all the same
    for i in range(listed.count()):  # the whole line, however narrow the list
        item = listed.item(i)
        assert item.toolTip() == item.text()
    assert [d.file_name for d in vault.list_documents()] == ["good.txt"]
    window.close()


def test_cancel_during_import_keeps_whole_documents(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Cancel Patient")
    vault = gui_workspace.require_vault()
    files = []
    for i in range(30):
        path = tmp_path / f"note{i:02}.txt"
        path.write_text(f"Visit {i}. " + MEDS * 20)
        files.append(path)
    imports = window.patients.imports
    job = imports.import_paths(files)
    assert job is not None
    qtbot.waitUntil(lambda: imports.progress.value() >= 1, timeout=30000)
    imports.cancel_button.click()
    wait_import(qtbot, window)
    report = imports.last_report
    assert report is not None and report.cancelled
    imported = vault.list_documents()
    assert 1 <= len(imported) < 30
    # The window's list names every file the import never reached, to import it again: by its
    # name (a full path pushed the reason out of the list), the path in the tooltip.
    listed = imports.errors
    items = [
        listed.item(i) for i in range(listed.count()) if "not reached" in listed.item(i).text()
    ]
    reached = {o.file_name for o in report.files}
    left = [path for path in files if path.name not in reached]
    assert left
    assert [i.text() for i in items] == [
        f"{path.name}: not reached — the import was cancelled" for path in left
    ]
    assert [i.toolTip() for i in items] == [
        f"{path}: not reached — the import was cancelled" for path in left
    ]
    assert f"{len(left)} file(s) not reached" in imports.progress_label.text()
    assert all(d.chunk_count > 0 for d in imported)  # every stored document is whole
    window.close()


def test_a_long_document_shows_its_embedding_batches(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Long Patient")
    note = tmp_path / "long.txt"
    note.write_text("\n\n".join(f"Visit {i}. " + MEDS * 8 for i in range(60)))
    imports = window.patients.imports
    passages: list[Progress] = []
    bar_shown: list[bool] = []

    def seen(value: Progress) -> None:  # runs after the section's own slot
        if value.unit == "passages":
            passages.append(value)
            bar_shown.append(not imports.file_progress.isHidden())

    imports.relay.progressed.connect(seen)
    imports.import_paths([note])
    wait_import(qtbot, window)
    report = imports.last_report
    assert report is not None and len(report.imported) == 1
    # Batches may reach the window merged, but the file's passages always do, up to the last.
    # The file by its name, not its path (walk 39b), with the time left once it is known.
    assert passages and all(
        re.fullmatch(r"long\.txt(, about .+ left)?", p.detail) for p in passages
    )
    assert passages[-1].done == passages[-1].total == report.chunks > 32
    assert all(bar_shown) and imports.file_progress.isHidden()
    assert window.patients.documents.count() == 1
    window.close()


def test_input_in_the_window_or_a_dialog_postpones_the_idle_lock(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Busy Patient")
    touches: list[str] = []
    monkeypatch.setattr(gui_workspace, "touch", lambda: touches.append("window"))
    window.show()
    qtbot.waitExposed(window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert touches == ["window"]

    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    monkeypatch.setattr(window._activity, "_last", 0.0)  # past the once-in-5-s limit
    monkeypatch.setattr(gui_workspace, "touch", lambda: touches.append("dialog"))
    QTest.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton)
    assert touches == ["window", "dialog"]
    dialog.close()
    window.close()


def test_streamed_text_does_not_render_the_earlier_answers_again(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.app.chats import ChatTurn
    from medlocal.ui import chat_view

    window = window_with_patient(qtbot, gui_workspace, "Chatty Patient")
    chat = window.chat
    chat.turns = [ChatTurn(f"Question {i}?", f"Answer {i}: metformin 500 mg.") for i in range(5)]
    chat.redraw()
    rendered: list[str] = []
    real = chat_view.iter_answer_blocks

    def counting(text: str, *args: Any, **kwargs: Any) -> Iterator[str]:
        rendered.append(text)
        return iter(real(text, *args, **kwargs))

    monkeypatch.setattr(chat_view, "iter_answer_blocks", counting)
    chat.live_question = "Question 5?"
    for piece in ("Answer ", "5: ", "lisinopril."):
        chat._piece(piece)
    shown = chat.view.toPlainText()
    assert rendered == [] and "Answer 4: metformin" in shown and "5: lisinopril." in shown
    chat.turns = [*chat.turns, ChatTurn("Question 5?", "Answer 5: lisinopril.")]
    chat.redraw()
    assert rendered == ["Answer 5: lisinopril."]  # a new turn: only it is rendered
    chat.clear()
    assert chat.view._rendered == []  # nothing of the patient kept for the next redraw
    window.close()


@pytest.mark.parametrize("reason", ["user", "idle"])
def test_lock_from_any_thread_clears_the_screen(
    qtbot: QtBot, gui_workspace: Workspace, reason: str
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Lock Patient")
    vault = gui_workspace.require_vault()
    assert "Lock Patient" in window.visible_text()
    if reason == "idle":
        vault.set_idle_timeout(0.2)  # the vault's own timer thread locks it
    else:
        window.lock()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=5000)
    assert "Lock Patient" not in window.visible_text()
    if reason == "idle":
        assert "inactivity" in window.lock_screen.error.text()
    window.close()


def test_lock_closes_open_dialogs_holding_patient_text(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

    vault = gui_workspace.require_vault()
    patient = vault.add_patient("Dialog Patient")
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.start()
    dialog = SummarizeDialog(gui_workspace, patient, parent=window)
    dialog.show()
    assert dialog.isVisible()
    window.lock()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    assert not dialog.isVisible()
    window.close()


def test_unlock_rechunks_older_documents_in_the_background(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    from fixtures.ingest_files import FakeEmbedder

    from medlocal.vault.records import ChunkRecord

    vault = gui_workspace.require_vault()
    patient = vault.add_patient("Old Vault Patient")
    text = "DISCHARGE SUMMARY\n\nDIET:\nTwo gram sodium diet.\n\nACTIVITY:\nWalk daily.\n"
    emb = FakeEmbedder()
    vault.add_document(
        patient,
        "old.txt",
        "txt",
        text.encode(),
        [ChunkRecord(text=text, page=None, start=0, end=len(text))],
        emb.embed([text]),
        emb.model_id,
        text=text,
    )
    assert gui_workspace.rechunk_pending() == 1
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: gui_workspace.rechunk_pending() == 0, timeout=30000)
    assert len(vault.document_chunks(vault.list_documents()[0].id)) >= 2
    window.close()


def test_an_empty_conversation_says_what_to_do(qtbot: QtBot, gui_workspace: Workspace) -> None:
    """The centre pane was blank until the first answer: no hint to choose a patient or ask."""
    from medlocal.ui.chat_texts import EMPTY_CHAT_HINT, NO_PATIENT_HINT, NO_PATIENTS_YET_HINT

    gui_workspace.require_vault().add_patient("Hint Patient")
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.resize(1024, 700)  # a small laptop screen
    window.show()
    window.start()
    view = window.chat.view
    assert view.toPlainText() == "" and view.placeholderText() == NO_PATIENT_HINT
    metrics = view.fontMetrics()
    for hint in (NO_PATIENT_HINT, EMPTY_CHAT_HINT, NO_PATIENTS_YET_HINT):  # lines must fit
        for line in hint.splitlines():
            assert metrics.horizontalAdvance(line) < view.viewport().width() - 10, line
    blank = view.viewport().grab().toImage()
    drawn = {blank.pixel(x, y) for x in range(blank.width()) for y in range(0, 40)}
    assert len(drawn) > 1  # the hint is drawn, not only set
    window.patients.patients.setCurrentRow(0)
    assert view.placeholderText() == EMPTY_CHAT_HINT
    window.lock()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    assert view.placeholderText() == NO_PATIENT_HINT
    window.close()


def test_a_vault_with_no_patient_points_to_add_patient(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """Walk 29: with no patient at all the chat said "Choose a patient on the left"."""
    from medlocal.ui.chat_texts import NO_PATIENT_HINT, NO_PATIENTS_YET_HINT

    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.chat.view.placeholderText() == NO_PATIENTS_YET_HINT
    gui_workspace.require_vault().add_patient("First Patient")
    window.chat.set_patient(None)
    assert window.chat.view.placeholderText() == NO_PATIENT_HINT
    window.close()


def test_first_run_subtitles_fit_the_two_lines_the_header_shows(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The model page's subtitle took three lines and the wizard's header cut the last off
    ("…or open the model"): what does not fit goes in the page."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    wizard = FirstRunWizard(make_workspace(tmp_path))
    qtbot.addWidget(wizard)
    wizard.show()
    metrics = QFontMetrics(wizard.font())
    width = wizard.width() - 40  # the header's margins and indent
    for page in (wizard.passphrase_page, wizard.recovery_page, wizard.model_page):
        box = metrics.boundingRect(
            QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, page.subTitle()
        )
        assert box.height() <= 2 * metrics.lineSpacing(), page.subTitle()
    assert "model manager later" in wizard.model_page.advice.text()


class _BrokenModel(FakeChatModel):
    def stream_chat(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("llama_decode returned -3 at token 'metformin'")


def test_a_failed_answer_shows_words_not_the_raw_exception(qtbot: QtBot, tmp_path: Path) -> None:
    """The status line printed str(exc): an engine's internals (and any text it quoted)."""
    ws = make_workspace(tmp_path, chat=_BrokenModel("unused"))
    ws.create_vault(PASS, PASS)
    note = tmp_path / "meds.txt"
    note.write_text(MEDS)
    window = window_with_patient(qtbot, ws, "Broken Patient")
    ws.import_documents([note], window.patients.patient_id)
    window.chat.ask("What dose of metformin and lisinopril?")
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=30000)
    shown = window.chat.view.toPlainText()
    assert "The answer failed unexpectedly (RuntimeError)" in shown, shown
    assert "llama_decode" not in shown and "metformin" not in shown.split("?", 1)[1]
    window.close()
    ws.close()


def test_a_failed_import_shows_words_not_the_raw_exception(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Import Patient")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise KeyError("chunk_text of /home/dr/Jane Roe.pdf")

    monkeypatch.setattr(gui_workspace, "import_documents", broken)
    (tmp_path / "a.txt").write_text(MEDS)
    window.patients.imports.import_paths([tmp_path / "a.txt"])
    wait_import(qtbot, window)
    shown = window.patients.imports.progress_label.text()
    assert shown.startswith(
        "For Import Patient: Import stopped. The import failed unexpectedly (KeyError)"
    ), shown
    assert "Jane Roe" not in shown
    window.close()


def test_asking_about_a_patient_without_documents_says_to_import(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """It answered "Not found in the selected documents." when there were none at all."""
    from medlocal.ui.chat_texts import NO_DOCUMENTS_HINT

    window = window_with_patient(qtbot, gui_workspace, "Empty Patient")
    chat = window.chat
    chat.question.setPlainText("What medications?")
    qtbot.keyClick(chat.question, Qt.Key.Key_Return)
    assert chat.job is None and not chat.turns  # no model run, nothing saved
    assert NO_DOCUMENTS_HINT in chat.view.toPlainText().replace("\n", " ")
    assert chat.question.toPlainText() == "What medications?"  # kept for after the import
    window.close()


def test_status_messages_do_not_hide_the_model_and_speed(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """The backup reminder (15 s) and re-chunking progress hid the model, backend and tokens
    per second: they were normal status-bar widgets, which a temporary message covers."""
    window = window_with_patient(qtbot, gui_workspace, "Status Patient")
    window.show()
    bar = window.statusBar()
    bar.showMessage("Updating passages: 3 of 40 documents")
    qtbot.wait(50)
    assert bar.currentMessage()
    for label in (window.status.model, window.status.offline):
        assert label.isVisible(), label.accessibleName()
    window.close()


def test_the_lock_screen_keeps_its_form_together(qtbot: QtBot, gui_workspace: Workspace) -> None:
    """Its rows spread over the whole window height: the title near the top, the error a
    hundred pixels under the Unlock button."""
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.lock()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    screen = window.lock_screen
    screen.error.setText("Wrong passphrase.")
    qtbot.wait(20)

    def top(widget: Any) -> int:
        return int(widget.mapTo(screen, widget.rect().topLeft()).y())

    assert top(screen.error) - (top(screen.button) + screen.button.height()) < 30
    assert top(screen.secret) - (top(screen.title) + screen.title.height()) < 80
    window.close()


def test_confirmations_before_deleting_default_to_no(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Yes was the default button: Enter removed a patient with all their records."""
    asked: list[tuple[str, Any]] = []

    def question(dialog: QuestionDialog) -> None:
        default = next(label for label, button in dialog.answers.items() if button.isDefault())
        asked.append((dialog.windowTitle(), default))
        return None

    answer_questions(monkeypatch, question)
    window = window_with_patient(qtbot, gui_workspace, "Confirm Patient")
    note = tmp_path / "meds.txt"
    note.write_text(MEDS)
    gui_workspace.import_documents([note], window.patients.patient_id)
    window.patients.reload_documents()
    window.patients.documents.setCurrentRow(0)
    window.patients.delete_documents()
    qtbot.waitUntil(lambda: bool(asked) and not window.patients.busy)
    window.patients.remove_patient()
    qtbot.waitUntil(lambda: len(asked) == 2 and not window.patients.busy)
    assert [title for title, _ in asked] == ["Delete documents", "Remove patient"]
    assert all(default == "Cancel" for _, default in asked)
    assert window.patients.patients.count() == 1 and window.patients.documents.count() == 1
    window.close()


def test_a_full_disk_stops_the_import_with_one_line(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    """Walk 38: each file after the disk filled failed with "unexpected error (OperationalError)".
    The vault's page limit makes SQLite answer SQLITE_FULL, as a full disk does."""
    window = window_with_patient(qtbot, gui_workspace, "Full Disk Patient")
    vault = gui_workspace.require_vault()
    session = vault._s
    assert session is not None
    pages = int(session.conn.execute("PRAGMA page_count").fetchone()[0])
    session.conn.execute(f"PRAGMA max_page_count = {pages + 60}")
    files = []
    for i in range(12):
        path = tmp_path / f"note{i:02}.txt"
        path.write_text(f"Visit {i}. " + " ".join(f"w{i}x{n}" for n in range(8000)))
        files.append(path)
    window.patients.imports.import_paths(files)
    wait_import(qtbot, window)
    report = window.patients.imports.last_report
    assert report is not None and report.stopped.startswith("The disk is full (")
    summary = window.patients.imports.progress_label.text()
    assert "Stopped: The disk is full (" in summary and "nothing already saved was lost" in summary
    listed = window.patients.imports.errors
    errors = [listed.item(i).text() for i in range(listed.count())]
    assert not any("unexpected error" in e for e in errors)
    assert [e for e in errors if "not reached" in e] == [
        f"{Path(name).name}: not reached — the disk is full" for name in report.not_reached
    ]
    assert len(report.failed) == 1 and report.not_reached
    assert len(vault.list_documents()) == len(report.imported)
    window.close()
