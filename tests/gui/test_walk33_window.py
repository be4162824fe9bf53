"""Walk 33's window defects: a new chat's list entry named "— new" after its answers were saved
(#10), speed figures left beside "Model: not loaded" on the lock screen (#11), and
``theme = dark`` leaving the window light where the platform cannot switch its scheme (#12)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.ui.app import apply_theme
from medlocal.ui.chat_widgets import chat_label
from medlocal.ui.colours import Tone, contrast, is_dark, scheme_palette, tone_colour
from medlocal.ui.main_window import MainWindow

MEDS = "Discharge medications: metformin 500 mg twice daily. Lisinopril 10 mg once daily."
# The second sentence's dose is in no passage: the answer has a flagged sentence and a flag list.
ANSWER = "The patient takes metformin 500 mg twice daily [1]. Lisinopril is 40 mg daily [1]."
ROLE = QPalette.ColorRole


class _TimedModel(FakeChatModel):
    """The fake model with the speed figures a real one keeps for the status bar."""

    name = "timed-model"
    backend = "CPU"

    def stream_chat(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        yield from super().stream_chat(*args, **kwargs)
        self.last_stats = SimpleNamespace(
            prompt_tokens=200,
            generated_tokens=40,
            tokens_per_second=3.3,
            drafted_tokens=246,
            accepted_tokens=222,
        )


def _window_with_answer(qtbot: QtBot, tmp_path: Path, model: FakeChatModel) -> Any:
    ws = make_workspace(tmp_path, chat=model)
    ws.create_vault(PASS, PASS)
    note = tmp_path / "meds.txt"
    note.write_text(MEDS, encoding="utf-8")
    window = window_with_patient(qtbot, ws, "Jane Quixote")
    ws.import_documents([note], window.patients.patient_id)
    chat = window.chat
    chat.question.setPlainText("What does she take?")
    qtbot.keyClick(chat.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(chat.turns) == 1 and chat.job is None, timeout=30000)
    qtbot.waitUntil(lambda: not chat.view._pending, timeout=10000)
    return window


@pytest.fixture
def closing() -> Iterator[list[Any]]:
    opened: list[Any] = []
    yield opened
    for window in opened:
        window.close()
        window.workspace.close()


def test_a_new_chat_is_listed_with_its_date_once_an_answer_is_saved(
    qtbot: QtBot, tmp_path: Path, closing: list[Any]
) -> None:
    window = _window_with_answer(qtbot, tmp_path, FakeChatModel(ANSWER))
    closing.append(window)
    chat = window.chat
    vault = window.workspace.require_vault()
    [(chat_id, _patient, created)] = vault.list_chats(chat.patient_id)
    assert chat.chat_id == chat_id
    assert chat.chats.currentText() == chat_label(chat_id, created)
    assert "new" not in chat.chats.currentText()
    # The same as the list reads it after a lock and unlock.
    chat.set_patient(chat.patient_id)
    assert chat.chats.itemText(0) == chat_label(chat_id, created)


def test_speed_figures_go_with_the_lock_and_come_back_with_the_next_answer(
    qtbot: QtBot, tmp_path: Path, closing: list[Any]
) -> None:
    model = _TimedModel(ANSWER)
    window = _window_with_answer(qtbot, tmp_path, model)
    closing.append(window)
    status = window.status
    qtbot.waitUntil(lambda: "tok/s" in status.speed.text())
    assert "222/246" in status.speed.text() and status.context.text()

    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    assert status.model.text() == "Model: not loaded"
    assert status.speed.text() == "" and status.context.text() == ""

    window.lock_screen.secret.setText(PASS)
    qtbot.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=20000)
    # The model stayed in memory: named again, with no figures of an answer not on screen.
    assert status.model.text() == "Model: timed-model"
    assert status.speed.text() == "" and status.context.text() == ""

    window.chat.question.setPlainText("And her allergies?")
    qtbot.keyClick(window.chat.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.chat.turns) == 2 and window.chat.job is None, timeout=30000)
    qtbot.waitUntil(lambda: "tok/s" in status.speed.text())


def test_an_unloaded_model_takes_its_figures_with_it(
    qtbot: QtBot, tmp_path: Path, closing: list[Any]
) -> None:
    window = _window_with_answer(qtbot, tmp_path, _TimedModel(ANSWER))
    closing.append(window)
    status = window.status
    qtbot.waitUntil(lambda: "tok/s" in status.speed.text())
    status.set_model(None)  # what the model manager's "models changed" shows after an unload
    assert status.speed.text() == "" and status.context.text() == ""
    other = _TimedModel(ANSWER)  # another model, not yet used: no figures of the last one
    status.set_model(other)
    assert status.model.text() == "Model: timed-model" and status.speed.text() == ""


# -- the dark theme where setColorScheme does nothing (the offscreen platform) ----------------


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The application as the test leaves it: the platform's own scheme again afterwards."""
    before = qapp.palette().color(ROLE.Window).name()
    yield qapp
    apply_theme(qapp, "system")
    assert qapp.palette().color(ROLE.Window).name() == before


def test_dark_theme_darkens_the_window_where_the_platform_cannot(themed: QApplication) -> None:
    assert not is_dark(themed.palette())  # offscreen: light, and setColorScheme is a no-op
    apply_theme(themed, "dark")
    palette = themed.palette()
    assert palette.color(ROLE.Window).lightness() < 64
    assert palette.color(ROLE.WindowText).lightness() > 200
    assert palette.color(ROLE.Text).lightness() > 200
    apply_theme(themed, "light")  # switched back in the settings: light again
    assert not is_dark(themed.palette())
    apply_theme(themed, "dark")
    apply_theme(themed, "system")
    assert not is_dark(themed.palette())


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_forced_palettes_are_readable(dark: bool) -> None:
    palette = scheme_palette(dark)
    assert is_dark(palette) == dark
    pairs = [
        (ROLE.WindowText, ROLE.Window),
        (ROLE.Text, ROLE.Base),
        (ROLE.Text, ROLE.AlternateBase),
        (ROLE.ButtonText, ROLE.Button),
        (ROLE.ToolTipText, ROLE.ToolTipBase),
        (ROLE.HighlightedText, ROLE.Highlight),
        (ROLE.Link, ROLE.Base),
        (ROLE.LinkVisited, ROLE.Base),
    ]
    for text, background in pairs:
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= 4.5, (text, background, ratio)
    assert contrast(palette.color(ROLE.PlaceholderText), palette.color(ROLE.Base)) >= 4.5
    disabled = QPalette.ColorGroup.Disabled
    for role, background in ((ROLE.Text, ROLE.Base), (ROLE.ButtonText, ROLE.Button)):
        assert contrast(palette.color(disabled, role), palette.color(background)) >= 3.0
    for tone in Tone:
        for background in (ROLE.Window, ROLE.Base):
            ratio = contrast(tone_colour(tone, palette), palette.color(background))
            assert ratio >= 4.5, (tone, background, ratio)


def _runs(window: MainWindow) -> list[tuple[str, QTextCharFormat]]:
    document = window.chat.view.document()
    runs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                runs.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return runs


def test_a_chat_answer_is_readable_in_the_dark_theme(
    qtbot: QtBot, tmp_path: Path, themed: QApplication, closing: list[Any]
) -> None:
    """Every coloured run of an answer (the question, a flagged sentence on its highlight, the
    flag list, the notes) keeps 4.5:1 on what it is drawn on, drawn in the light scheme and
    then again after switching to dark."""
    window = _window_with_answer(qtbot, tmp_path, FakeChatModel(ANSWER))
    closing.append(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    apply_theme(themed, "dark")
    qtbot.waitUntil(lambda: is_dark(window.chat.view.palette()))
    qtbot.waitUntil(lambda: not window.chat.view._pending, timeout=10000)
    base = window.chat.view.palette().color(ROLE.Base)
    assert is_dark(window.palette()) and base.lightness() < 64
    runs = _runs(window)
    assert any("Lisinopril is 40 mg" in text for text, _ in runs)  # the flagged sentence
    coloured = 0
    for text, fmt in runs:
        colour = fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else None
        if colour is None:
            colour = window.chat.view.palette().color(ROLE.Text)
        else:
            coloured += 1
        background = (
            fmt.background().color() if fmt.hasProperty(fmt.Property.BackgroundBrush) else base
        )
        assert contrast(colour, background) >= 4.5, (text[:40], colour.name(), background.name())
    assert coloured >= 3  # question, flagged sentence, flag heading at least
    shots = os.environ.get("MEDLOCAL_SHOTS")
    if shots:  # for a person to look at: MEDLOCAL_SHOTS=folder
        window.grab().save(str(Path(shots) / "dark_window.png"))
        window.chat.view.grab().save(str(Path(shots) / "dark_chat.png"))
    assert QColor(tone_colour(Tone.MUTED)).lightness() > 128
