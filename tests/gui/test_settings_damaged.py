"""A damaged settings.toml: the window opens with a dialog naming the file and the problem,
offering Reset to defaults (the bad file kept as settings.toml.bad-<time>) or Quit; no crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.message_boxes import answer_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.settings import Settings, settings_path
from medlocal.ui.app import build_window
from medlocal.ui.dialogs.settings_dialog import SettingsDialog
from medlocal.ui.message_dialog import QuestionDialog
from medlocal.ui.workers import wait_for_jobs


def _answer(monkeypatch: pytest.MonkeyPatch, button_text: str, seen: list[str]) -> None:
    def choose(box: QuestionDialog) -> str:
        seen.append(box.text.text())
        return button_text

    answer_questions(monkeypatch, choose)


def _damage() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("threads = = 3")


def test_reset_to_defaults_opens_the_window_and_keeps_the_bad_file(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage()
    seen: list[str] = []
    _answer(monkeypatch, "Reset to defaults", seen)
    monkeypatch.setattr(gui_workspace, "warm_up", lambda: None)
    window = build_window(gui_workspace)
    assert window is not None
    qtbot.addWidget(window)
    assert len(seen) == 1
    assert str(settings_path()) in seen[0] and "not valid TOML" in seen[0]
    kept = list(settings_path().parent.glob("settings.toml.bad-*"))
    assert len(kept) == 1 and kept[0].read_text() == "threads = = 3"
    assert gui_workspace.settings == Settings()
    assert wait_for_jobs(10.0)
    window.close()


def test_quit_leaves_the_file_alone(
    gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage()
    seen: list[str] = []
    _answer(monkeypatch, "Quit", seen)
    assert build_window(gui_workspace) is None
    assert len(seen) == 1
    assert settings_path().read_text() == "threads = = 3"
    assert not list(settings_path().parent.glob("settings.toml.bad-*"))


def test_a_good_file_asks_nothing(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[str] = []
    _answer(monkeypatch, "Quit", seen)
    monkeypatch.setattr(gui_workspace, "warm_up", lambda: None)
    window = build_window(gui_workspace)
    assert window is not None and not seen
    qtbot.addWidget(window)
    assert wait_for_jobs(10.0)
    window.close()


def test_a_newer_file_is_not_called_damaged(
    gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 37: a settings file of a newer MedLocal got the title "… is damaged" above a text
    saying "written by a newer MedLocal"; the title now says what the text says."""
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("version = 999\n")
    titles: list[str] = []

    def quit_(box: QuestionDialog) -> str:
        titles.append(f"{box.windowTitle()}\n{box.text.text()}")
        return "Quit"

    answer_questions(monkeypatch, quit_)
    assert build_window(gui_workspace) is None
    assert len(titles) == 1 and "damaged" not in titles[0]
    assert titles[0].startswith("MedLocal settings file is from a newer MedLocal")
    assert "written by a newer MedLocal" in titles[0]


def test_a_damaged_file_keeps_its_title(
    gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage()
    titles: list[str] = []

    def quit_(box: QuestionDialog) -> str:
        titles.append(box.windowTitle())
        return "Quit"

    answer_questions(monkeypatch, quit_)
    assert build_window(gui_workspace) is None
    assert titles == ["MedLocal settings file is damaged"]


@pytest.mark.parametrize("line", ["seed = 3000000000", "import_max_mb = 5000000000"])
def test_a_number_too_large_for_the_window_is_a_damaged_file(
    qtbot: QtBot,
    gui_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    line: str,
) -> None:
    """Review 36: a settings.toml holding a whole number a 32-bit spin box cannot hold (written
    before the maximum was declared) made the Settings window raise OverflowError. It is out of
    the declared range: the damaged-file path offers a reset, and the window then opens."""
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(line + "\n")
    seen: list[str] = []
    _answer(monkeypatch, "Reset to defaults", seen)
    monkeypatch.setattr(gui_workspace, "warm_up", lambda: None)
    window = build_window(gui_workspace)
    assert window is not None
    qtbot.addWidget(window)
    assert len(seen) == 1 and "must be at most 2147483647" in seen[0]
    assert gui_workspace.settings == Settings()
    dialog = SettingsDialog(gui_workspace)
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    assert wait_for_jobs(10.0)
    window.close()
