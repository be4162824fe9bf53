"""review53c F7: a file dropped on the chat's question box was taken by the box (its path typed
into the question), so the desktop showed the drop accepted while nothing was imported and
nothing said where files go. The window's file-drag guard (medlocal.ui.file_drags, which
run_gui and the main window install; here the ``file_drag_guard`` fixture) makes every text
input refuse a drag of local files; the box itself has no refusal of its own. The drags are
delivered to the box's window, as the desktop delivers them."""

from __future__ import annotations

from pathlib import Path

from fixtures.desktop_drags import drag_to, file_mime
from PySide6.QtCore import QMimeData, QUrl
from pytestqt.qtbot import QtBot

from medlocal.ui.chat_widgets import QuestionBox
from medlocal.ui.file_drags import FileDragGuard


def _shown_box(qtbot: QtBot, guard: FileDragGuard) -> QuestionBox:
    box = QuestionBox()
    qtbot.addWidget(box)
    box.resize(400, 100)
    box.show()
    qtbot.waitExposed(box)
    guard.watch(box.windowHandle())
    return box


def test_a_file_dropped_on_the_question_box_is_refused(
    qtbot: QtBot, file_drag_guard: FileDragGuard
) -> None:
    box = _shown_box(qtbot, file_drag_guard)
    ward_note = Path("/home/gp/Downloads/ward_note_4.pdf")
    for with_text in (False, True):  # the URL alone, or with the path as text too
        drag = drag_to(box.viewport(), file_mime([ward_note], with_text=with_text))
        assert not drag.entered and not drag.dropped
        assert box.toPlainText() == ""


def test_plain_text_dropped_on_the_question_box_is_still_typed(
    qtbot: QtBot, file_drag_guard: FileDragGuard
) -> None:
    box = _shown_box(qtbot, file_drag_guard)
    mime = QMimeData()
    mime.setText("What is her current dose of bisoprolol?")
    assert drag_to(box.viewport(), mime).dropped
    assert box.toPlainText() == "What is her current dose of bisoprolol?"
    box.clear()
    link = QMimeData()  # a link is not a local file: typed as before
    link.setText("https://example.org/page")
    link.setUrls([QUrl("https://example.org/page")])
    assert drag_to(box.viewport(), link).dropped
    assert box.toPlainText() == "https://example.org/page"
