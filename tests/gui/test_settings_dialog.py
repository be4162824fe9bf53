"""Settings generated from the declarations, saved through the workspace, keychain remember."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

import pytest
from fixtures.keychain import MemoryKeychain, no_keychain, using_keyring
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.settings import Settings, load_settings
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


def test_context_and_answer_editors_follow_the_declared_bounds(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QSpinBox

    from medlocal.ui.dialogs.settings_form import make_editor

    specs = {f.name: f for f in fields(Settings)}
    context = make_editor(specs["context_tokens"])
    answer = make_editor(specs["max_tokens"])
    qtbot.addWidget(context)
    qtbot.addWidget(answer)
    assert isinstance(context, QSpinBox) and isinstance(answer, QSpinBox)
    assert (context.minimum(), context.maximum()) == (0, 131072)  # 0 = auto
    assert context.specialValueText().startswith("auto")
    assert (answer.minimum(), answer.maximum()) == (16, 32768)
