"""review53c F7: a file dropped on the chat's question box is taken by the box (its path typed
into the question), so the desktop shows the drop accepted while nothing is imported and nothing
says where files go. The box should refuse a drag of local files (the desktop then shows the
drop refused), as the rest of the window does."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.ui.chat_widgets import QuestionBox


def test_a_file_dropped_on_the_question_box_is_refused(qtbot: QtBot) -> None:
    box = QuestionBox()
    qtbot.addWidget(box)
    box.resize(400, 100)
    box.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/home/gp/Downloads/ward_note_4.pdf")])
    where = QPointF(20, 20)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(box.viewport(), enter)
    drop = QDropEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys)
    drop.setAccepted(False)
    QApplication.sendEvent(box.viewport(), drop)
    accepted, typed = drop.isAccepted(), box.toPlainText()
    assert not accepted
    assert typed == ""


def test_plain_text_dropped_on_the_question_box_is_still_typed(qtbot: QtBot) -> None:
    box = QuestionBox()
    qtbot.addWidget(box)
    mime = QMimeData()
    mime.setText("What is her current dose of bisoprolol?")
    assert box.canInsertFromMimeData(mime)
    mime.setUrls([QUrl("https://example.org/page")])  # a link is not a local file: text as before
    assert box.canInsertFromMimeData(mime)
