"""Settings generated from the declarations, saved through the workspace, keychain remember."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

import pytest
from fixtures.keychain import MemoryKeychain, no_keychain, using_keyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.settings import (
    Settings,
    SettingValueError,
    coerce_setting,
    label_of,
    load_settings,
)
from medlocal.ui.dialogs.settings_dialog import (
    CUSTOM,
    GPU_MANUAL,
    GpuLayersEditor,
    SettingsDialog,
)


@pytest.fixture
def keychain() -> Iterator[MemoryKeychain]:
    backend = MemoryKeychain()
    with using_keyring(backend):
        yield backend


@pytest.fixture
def without_keychain() -> Iterator[None]:
    with using_keyring(no_keychain()):
        yield


def test_every_declared_setting_has_an_editor_and_saves(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {f.name for f in fields(Settings)}
    assert all(e.accessibleName() for e in dialog.editors.values())
    assert dialog.data_folder.isReadOnly()
    dialog.preset.setCurrentText("Precise")
    assert dialog.value("temperature") == 0.0
    gpu = dialog.editors["gpu_layers"]
    assert isinstance(gpu, GpuLayersEditor) and dialog.value("gpu_layers") == -1
    gpu.mode.setCurrentText(GPU_MANUAL)
    gpu.layers.setValue(12)
    dialog.editors["auto_lock_minutes"].setValue(3)  # type: ignore[attr-defined]
    dialog.editors["theme"].setCurrentText("dark")  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.settingsChanged) as signal:
        assert dialog.save()
    saved = signal.args[0]
    assert (saved.temperature, saved.gpu_layers, saved.auto_lock_minutes, saved.theme) == (
        0.0,
        12,
        3,
        "dark",
    )
    assert load_settings() == saved == workspace.settings


def test_preset_follows_the_temperature(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.preset.currentText() == "Balanced"  # the declared default, 0.2
    dialog.editors["temperature"].setValue(0.45)  # type: ignore[attr-defined]
    assert dialog.preset.currentText() == CUSTOM


def test_invalid_values_are_shown_under_their_field(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert not dialog.save_changes({"threads": -3, "theme": "purple"})
    assert "at least 0" in dialog.errors["threads"].text()
    assert not dialog.errors["threads"].isHidden()
    assert "one of" in dialog.errors["theme"].text()
    assert load_settings() == Settings()  # nothing saved


def test_remember_is_refused_cleanly_without_a_keychain(
    qtbot: QtBot, workspace: Workspace, without_keychain: None
) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.remember.isEnabled() and not dialog.remember.isChecked()
    dialog.remember.setChecked(True)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert not dialog.remember.isChecked()
    assert "keychain" in dialog.keychain_message.text().lower()
    assert not workspace.vault_remembered()


def test_remember_and_forget_with_a_keychain(
    qtbot: QtBot, workspace: Workspace, keychain: MemoryKeychain
) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.remember.setChecked(True)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert workspace.vault_remembered() and keychain.store
    assert "Remembered" in dialog.keychain_message.text()
    dialog.remember.setChecked(False)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert not workspace.vault_remembered()


def test_locked_vault_disables_remember(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.lock()
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "Unlock" in dialog.keychain_message.text()


def test_the_dialog_fits_a_small_screen_with_save_always_visible(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Every group together is taller than a laptop screen: the groups scroll, the buttons stay."""
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() <= 700
    assert dialog.save_button.isVisible()
    assert dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomLeft()).y() <= (
        dialog.height()
    )
    last = dialog.editors["chat_rerank"]
    dialog.scroll_area.ensureWidgetVisible(last)
    assert (
        dialog.scroll_area.viewport()
        .rect()
        .contains(last.mapTo(dialog.scroll_area.viewport(), last.rect().center()))
    )


def test_labels_spell_acronyms_as_people_read_them() -> None:
    from medlocal.ui.dialogs.settings_form import declared, label_for

    labels = {spec.name: label_for(spec) for spec in declared()}
    assert "OCR" in labels["ocr"] and "OCR" in labels["ocr_max_pages"]
    assert not any(label.startswith("Ocr") for label in labels.values())


def _typed(qtbot: QtBot, editor: QWidget, text: str) -> None:
    """Type ``text`` over the field's value and Tab out of it, as walk 39 did."""
    assert isinstance(editor, QAbstractSpinBox)
    line = editor.lineEdit()
    assert line is not None
    editor.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    ("name", "typed", "shown"),
    [
        ("temperature", "7.5", "Temperature must be at most 2, not 7.5: its range is 0 to 2"),
        (
            "max_tokens",
            "99999",
            "Longest answer (tokens) must be at most 32768, not 99999: its range is 16 to 32768",
        ),
        (
            "max_tokens",
            "-5",
            "Longest answer (tokens) must be at least 16, not -5: its range is 16 to 32768",
        ),
        (
            "context_tokens",
            "999999",
            "Context size (tokens) must be at most 131072, not 999999: "
            "its range is 512 to 131072 (or 0 for the model's own)",
        ),
        (
            "context_tokens",
            "100",
            "Context size (tokens) must be at least 512, not 100: its "
            "range is 512 to 131072 (or 0 for the model's own)",
        ),
        ("threads", "-2", "CPU threads must be at least 0, not -2"),
    ],
)
def test_typed_values_out_of_range_are_refused_visibly(
    qtbot: QtBot, workspace: Workspace, name: str, typed: str, shown: str
) -> None:
    """Walk 39: "7.5" became 0.50, "99999" 9999, "-5" left 512 and "999999" became 99999,
    without a word. The typed value stays, the field is marked, its error names its label and
    range, and Save is disabled (and refused by Enter) until it is put right."""
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editors[name]
    _typed(qtbot, editor, typed)
    assert editor.lineEdit().text() == typed  # type: ignore[attr-defined]
    assert dialog.errors[name].text() == shown and dialog.errors[name].isVisible()
    assert editor.property("invalid")
    assert not dialog.save_button.isEnabled()
    assert not dialog.save() and dialog.isVisible()
    assert load_settings() == Settings()  # nothing saved
    good = {"temperature": "0.45", "max_tokens": "160", "context_tokens": "4096", "threads": "2"}
    _typed(qtbot, editor, good[name])
    assert not dialog.errors[name].isVisible() and not editor.property("invalid")
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    assert str(getattr(load_settings(), name)) == good[name]


def test_an_emptied_number_field_is_refused_too(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    editor = dialog.editors["max_tokens"]
    assert isinstance(editor, QAbstractSpinBox)
    editor.lineEdit().selectAll()  # type: ignore[union-attr]
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Delete)
    assert dialog.errors["max_tokens"].text() == (
        "Longest answer (tokens) needs a whole number (16 to 32768)"
    )
    assert not dialog.save_button.isEnabled()


def test_settings_layer_messages_name_the_label_not_the_key() -> None:
    with pytest.raises(SettingValueError) as caught:
        coerce_setting("context_tokens", 100)
    assert str(caught.value).startswith("Context size (tokens) must be at least 512")
    assert "context_tokens" not in str(caught.value)
    assert caught.value.name == "context_tokens"


def test_labels_come_from_the_declarations() -> None:
    from medlocal.ui.dialogs import settings_form

    assert not hasattr(settings_form, "LABELS")  # one table: the declarations
    for spec in fields(Settings):
        assert settings_form.label_for(spec) == spec.metadata["label"] == label_of(spec.name)


def test_settings_open_with_the_first_field_focused(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.editors["threads"]  # not the scroll area


def test_context_and_answer_editors_step_within_the_declared_bounds(qtbot: QtBot) -> None:
    from medlocal.ui.dialogs.settings_form import make_editor

    specs = {f.name: f for f in fields(Settings)}
    context = make_editor(specs["context_tokens"])
    answer = make_editor(specs["max_tokens"])
    qtbot.addWidget(context)
    qtbot.addWidget(answer)
    assert isinstance(context, QSpinBox) and isinstance(answer, QSpinBox)
    context.setValue(0)
    assert context.text().startswith("auto")  # 0 = the model's own
    context.stepBy(1)
    assert context.value() == 512
    context.stepBy(-1)
    assert context.value() == 0
    context.setValue(131072)
    context.stepBy(5)
    assert context.value() == 131072
    answer.setValue(16)
    answer.stepBy(-3)
    assert answer.value() == 16
    answer.setValue(32768)
    answer.stepBy(1)
    assert answer.value() == 32768
