"""A clinician's day in the window (ui62), keyboard first, at 18 pt on a 1366 x 768 screen: several
patients and switching between them while a job runs, an import with a bad file among good
ones, a citation whose passage is a table row, searching the patients, deleting a document,
closing during an answer, lock and unlock while idle, and the dark scheme.

Each step checks what the person sees: where the keyboard is, which buttons can be pressed,
that no label or button is cut by its own size (fixtures.seen_text), the status words, and that
the event loop kept turning while the job ran (fixtures.heartbeat). A Qt warning fails any of
them (pyproject's qt_log_level_fail)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, shown_window
from fixtures.heartbeat import Heartbeat
from fixtures.held_stream import HeldStream
from fixtures.message_boxes import answer_questions
from fixtures.seen_text import cut_texts
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.answer import GroundedAnswer
from medlocal.ui import screen_room
from medlocal.ui.app import apply_theme
from medlocal.ui.colours import contrast, is_dark
from medlocal.ui.main_window import MainWindow

SCREEN = QRect(0, 0, 1366, 768)
FIRST, SECOND = "Margaret Hartley", "Desmond Okafor"
MEDS = "Discharge medications: metformin 500 mg twice daily. Lisinopril 10 mg once daily."
OTHER = "Clinic letter: salbutamol inhaler as needed for asthma."
MOST_GUI_CPU_S = 0.5  # the event loop's widest gap (GUI-thread CPU) while a job runs
WAIT_MS = 60_000


@pytest.fixture
def screen(big_font: QFont, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """A 1366 x 768 screen, the application's font at 18 pt (conftest's big_font)."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SCREEN))
    return SCREEN


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def _sees_all(qtbot: QtBot, window: QWidget) -> None:
    qtbot.wait(100)
    assert window.width() <= SCREEN.width() and window.height() <= SCREEN.height()
    assert cut_texts(window) == []


def _day(
    qtbot: QtBot, tmp_path: Path, chat: object = None
) -> tuple[Workspace, MainWindow, dict[str, int]]:
    """The window on a vault with two patients, each with a note; the first chosen."""
    workspace = make_workspace(tmp_path, chat=chat or FakeChatModel("Metformin 500 mg [1]."))
    workspace.create_vault(PASS)
    vault = workspace.require_vault()
    ids = {FIRST: vault.add_patient(FIRST), SECOND: vault.add_patient(SECOND)}
    for name, text in ((FIRST, MEDS), (SECOND, OTHER)):
        note = tmp_path / f"{name.split()[1].lower()}.txt"
        note.write_text(text, "utf-8")
        workspace.import_documents([note], ids[name])
    window = shown_window(qtbot, workspace, SCREEN.width(), SCREEN.height())
    _choose(qtbot, window, FIRST)
    return workspace, window, ids


def _choose(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Choose the patient by keyboard in the list (Up/Down), and wait for their documents."""
    patients = window.patients.patients
    patients.setFocus()
    rows = [patients.item(i).text() for i in range(patients.count())]
    row = next(i for i, text in enumerate(rows) if name in text)
    patients.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.patients.patient_id is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.patients.documents.count() >= 1, timeout=WAIT_MS)


def _documents(window: MainWindow) -> list[str]:
    listed = window.patients.documents
    return [listed.item(i).text() for i in range(listed.count())]


def test_an_import_for_one_patient_lands_on_them_after_switching_to_another(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    _workspace, window, ids = _day(qtbot, tmp_path)
    panel = window.patients
    folder = tmp_path / "letters"
    folder.mkdir()
    files = []
    for number in range(6):
        path = folder / f"letter{number}.txt"
        path.write_text(f"Letter {number}. {MEDS}", "utf-8")
        files.append(path)
    beat = Heartbeat()
    beat.start()
    assert panel.imports.import_paths(files) is not None
    _choose(qtbot, window, SECOND)  # while it runs
    assert panel.patient_id == ids[SECOND]
    qtbot.waitUntil(lambda: panel.imports.import_job is None, timeout=WAIT_MS)
    beat.stop()
    assert beat.longest_cpu < MOST_GUI_CPU_S, beat.longest_cpu
    qtbot.wait(200)
    assert not any("letter" in text for text in _documents(window))  # not on the second
    _choose(qtbot, window, FIRST)
    qtbot.waitUntil(lambda: len(_documents(window)) == 7, timeout=WAIT_MS)
    _sees_all(qtbot, window)
    window.close()


class _HeldSession:
    chat_id = None
    last_output_id = None

    def __init__(self, finish: threading.Event, partial: str) -> None:
        self.finish, self.partial = finish, partial

    def ask(self, question: str, cancel: threading.Event, meter: object = None) -> HeldStream:
        answer = GroundedAnswer(question, "answered", self.partial, self.partial)
        return HeldStream(cancel, self.finish, answer, self.partial)


def _held_answers(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partial: str
) -> tuple[MainWindow, threading.Event]:
    """The day's window whose answers stream ``partial`` and then wait for the event."""
    workspace, window, _ids = _day(qtbot, tmp_path)
    finish = threading.Event()
    monkeypatch.setattr(workspace, "grounded_chat", lambda *a, **k: _HeldSession(finish, partial))
    return window, finish


def test_switching_patients_while_an_answer_streams_keeps_the_question_with_its_patient(
    qtbot: QtBot, tmp_path: Path, screen: QRect, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = "Metformin 500 mg twice daily"
    window, _finish = _held_answers(qtbot, tmp_path, monkeypatch, partial)
    chat = window.chat
    _key(qtbot, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is chat.question
    qtbot.keyClicks(chat.question, "What does she take for diabetes?")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: partial in chat.view.toPlainText(), timeout=WAIT_MS)
    job = chat.job
    assert job is not None and chat.stop_button.isEnabled() and not chat.send_button.isEnabled()
    _choose(qtbot, window, SECOND)  # the answer on its way is stopped by the switch
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    assert partial not in chat.view.toPlainText()  # nothing of it on the other patient
    assert chat.question.toPlainText() == "" and chat.send_button.isEnabled()
    _choose(qtbot, window, FIRST)
    # Back with the first patient: the question they were asked waits in the box, to send again.
    assert "diabetes" in chat.question.toPlainText()
    _sees_all(qtbot, window)
    window.close()


def test_a_long_answer_scrolled_up_while_it_streams_stays_where_the_reader_put_it(
    qtbot: QtBot, tmp_path: Path, screen: QRect, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = " ".join(f"Line {n}: metformin 500 mg twice daily with food." for n in range(120))
    window, finish = _held_answers(qtbot, tmp_path, monkeypatch, partial)
    chat = window.chat
    job = chat.ask("Summarise the medicines")
    bar = chat.view.verticalScrollBar()
    qtbot.waitUntil(lambda: "Line 119" in chat.view.toPlainText(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
    bar.setValue(bar.minimum())  # the reader goes back to the top while it streams
    qtbot.wait(300)  # more pieces and redraws meanwhile
    assert bar.value() == bar.minimum(), (bar.value(), bar.maximum())
    finish.set()
    qtbot.waitUntil(lambda: not job.running and chat.job is None, timeout=WAIT_MS)
    qtbot.wait(100)
    assert bar.value() == bar.minimum(), (bar.value(), bar.maximum())
    window.close()


def test_a_citation_whose_passage_is_a_table_row_opens_it(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    workspace, window, ids = _day(qtbot, tmp_path, FakeChatModel("HbA1c was 58 mmol/mol [1]."))
    labs = tmp_path / "labs.csv"
    labs.write_text("test,value,unit\nHbA1c,58,mmol/mol\neGFR,62,mL/min\n", "utf-8")
    workspace.import_documents([labs], ids[FIRST])
    window.patients.sync_with_vault()
    qtbot.waitUntil(lambda: len(_documents(window)) == 2, timeout=WAIT_MS)
    chat = window.chat
    chat.ask("What was the HbA1c?")
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=WAIT_MS)
    sources = chat.turns[0].sources
    table = [s for s in sources if s.file_name.endswith("labs.csv")]
    assert table, [s.file_name for s in sources]
    window.sources.show_source(table[0])
    qtbot.waitUntil(lambda: window.sources.current == table[0], timeout=WAIT_MS)
    assert "labs.csv" in window.sources.header.text()
    qtbot.waitUntil(lambda: "58" in window.sources.visible_text(), timeout=WAIT_MS)
    _sees_all(qtbot, window)
    window.close()


def test_searching_the_patients_filters_the_list_by_keyboard(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    _workspace, window, _ids = _day(qtbot, tmp_path)
    panel = window.patients
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "okafor")
    shown = [
        panel.patients.item(i).text()
        for i in range(panel.patients.count())
        if not panel.patients.item(i).isHidden()
    ]
    assert len(shown) == 1 and SECOND in shown[0]
    assert QApplication.focusWidget() is panel.search  # the keyboard stays in the box
    _sees_all(qtbot, window)
    window.close()


def test_deleting_a_document_asks_then_the_vault_and_its_index_forget_it(
    qtbot: QtBot, tmp_path: Path, screen: QRect, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, window, ids = _day(qtbot, tmp_path)
    vault = workspace.require_vault()
    assert vault.search("metformin", None, patient_id=ids[FIRST])
    panel = window.patients
    panel.documents.setFocus()
    panel.documents.setCurrentRow(0)
    assert panel.delete_button.isEnabled()
    asked: list[str] = []
    answers = iter([None, "Delete"])  # Escape first (nothing deleted), then Delete

    def choose(box: QWidget) -> str | None:
        asked.append(box.text.text())  # type: ignore[attr-defined]
        return next(answers)

    answer_questions(monkeypatch, choose)
    panel.delete_button.setFocus()
    _key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.delete_job is None, timeout=WAIT_MS)
    assert "hartley.txt" in asked[0] and "cannot be undone" in asked[0]
    assert len(vault.list_documents(ids[FIRST])) == 1  # Escape deleted nothing
    # The keyboard is back on Delete (it was on the next button, Export redacted copy).
    assert QApplication.focusWidget() is panel.delete_button
    beat = Heartbeat()
    beat.start()
    _key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: vault.list_documents(ids[FIRST]) == [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.documents.count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    beat.stop()
    assert beat.longest_cpu < MOST_GUI_CPU_S, beat.longest_cpu
    assert vault.search("metformin", None, patient_id=ids[FIRST]) == []  # the index forgot it
    assert vault.search("salbutamol", None, patient_id=ids[SECOND])  # the other patient's kept
    # Delete stays enabled with the patient chosen (a Tab stop), though nothing is left to
    # delete; pressing it then says so (review62u; test_review62u).
    assert panel.delete_button.isEnabled() and panel.documents.selectedItems() == []
    _sees_all(qtbot, window)
    window.close()


def test_a_bad_file_among_good_ones_is_named_and_the_batch_goes_on(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    _workspace, window, _ids = _day(qtbot, tmp_path)
    panel = window.patients
    folder = tmp_path / "batch"
    folder.mkdir()
    good = [folder / "a_letter.txt", folder / "z_letter.txt"]
    for number, path in enumerate(good):
        path.write_text(f"Letter {number}: {MEDS}", "utf-8")
    bad = folder / "m_scan.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a PDF at all")
    beat = Heartbeat()
    beat.start()
    assert panel.imports.import_paths([good[0], bad, good[1]]) is not None
    qtbot.waitUntil(lambda: panel.imports.import_job is None, timeout=WAIT_MS)
    beat.stop()
    assert beat.longest_cpu < MOST_GUI_CPU_S, beat.longest_cpu
    errors = [panel.imports.errors.item(i).text() for i in range(panel.imports.errors.count())]
    assert len(errors) == 1 and "m_scan.pdf" in errors[0], errors
    qtbot.waitUntil(lambda: len(_documents(window)) == 3, timeout=WAIT_MS)
    assert "Imported 2" in panel.imports.progress_label.text(), panel.imports.progress_label.text()
    _sees_all(qtbot, window)
    window.close()


def test_lock_and_unlock_while_idle_by_keyboard(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    _workspace, window, _ids = _day(qtbot, tmp_path)
    _key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=WAIT_MS)
    lock = window.lock_screen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lock.secret, timeout=5000)
    assert FIRST not in window.visible_text()  # no patient text behind the lock
    _sees_all(qtbot, window)
    qtbot.keyClicks(lock.secret, PASS)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.patients.patients.count() == 2, timeout=WAIT_MS)
    assert QApplication.focusWidget() is not None
    assert window.isAncestorOf(QApplication.focusWidget())
    _sees_all(qtbot, window)
    window.close()


def _readable(widget: QWidget) -> float:
    """The contrast of a label's text with what it is drawn on."""
    palette = widget.palette()
    background = (
        QPalette.ColorRole.Base
        if widget.backgroundRole() == QPalette.ColorRole.Base
        else QPalette.ColorRole.Window
    )
    group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
    return contrast(palette.color(group, widget.foregroundRole()), palette.color(background))


def test_every_label_is_readable_in_the_dark_scheme(
    qtbot: QtBot, tmp_path: Path, screen: QRect, qapp: QApplication
) -> None:
    apply_theme(qapp, "dark")
    try:
        assert is_dark(qapp.palette())
        _workspace, window, _ids = _day(qtbot, tmp_path)
        window.chat.ask("What does she take?")
        qtbot.waitUntil(lambda: window.chat.job is None, timeout=WAIT_MS)
        qtbot.wait(100)
        faint = [
            (label.text()[:40], round(_readable(label), 2))
            for label in window.findChildren(QLabel)
            if label.isVisible() and label.text().strip() and _readable(label) < 4.5
        ]
        assert faint == []
        window.close()
    finally:
        apply_theme(qapp, "system")
