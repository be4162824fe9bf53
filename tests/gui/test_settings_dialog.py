"""Settings generated from the declarations, saved through the workspace, keychain remember."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import fields

import pytest
from fixtures.keychain import MemoryKeychain, no_keychain, using_keyring
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.settings import (
    Settings,
    SettingValueError,
    coerce_setting,
    label_of,
    load_settings,
    threads_max,
    update_setting,
)
from medlocal.ui.dialogs.settings_dialog import (
    CUSTOM,
    GPU_MANUAL,
    GpuLayersEditor,
    SettingsDialog,
)

THREADS, CPUS = threads_max(), os.cpu_count() or 1


SAVED_MS = 30_000  # the settings are written on a worker (left 52); a loaded machine is slow


def _saved(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Save and wait until the worker has written the file."""
    assert dialog.save()
    qtbot.waitUntil(lambda: dialog.save_job is None, timeout=SAVED_MS)


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
    with qtbot.waitSignal(dialog.settingsChanged, timeout=SAVED_MS) as signal:
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
    """Review 50a R10: the box was offered ("Tick the box to remember it again") where ticking
    could only fail; with no keychain at all it is disabled and says so."""
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)  # the keychain asked
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert "This computer has no keychain MedLocal can use" in dialog.keychain_message.text()
    assert not workspace.vault_remembered()


def test_a_vault_locked_during_the_keychain_check_disables_the_box_and_says_so(
    qtbot: QtBot, workspace: Workspace, keychain: MemoryKeychain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 50a R10: locked while the look-up ran, the box ended enabled with no message, and
    ticking it bounced back silently."""
    import threading

    from medlocal.vault.store import Vault

    asked, answer = threading.Event(), threading.Event()
    real = Vault.remembered_here

    def slow(self: Vault) -> tuple[bool, str]:
        found = real(self)
        asked.set()
        answer.wait(10)
        return found

    monkeypatch.setattr(Vault, "remembered_here", slow)
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(asked.is_set, timeout=10_000)
    workspace.lock()
    answer.set()
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert not dialog.remember.isEnabled()
    assert "The vault was locked" in dialog.keychain_message.text()


def test_remember_and_forget_with_a_keychain(
    qtbot: QtBot, workspace: Workspace, keychain: MemoryKeychain
) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    dialog.remember.setChecked(True)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert workspace.vault_remembered() and keychain.store
    assert "Remembered" in dialog.keychain_message.text()
    dialog.remember.setChecked(False)
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert not workspace.vault_remembered()


def test_remember_shows_whether_the_keychain_can_unlock_the_vault_now(
    qtbot: QtBot, workspace: Workspace, keychain: MemoryKeychain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left 49: the box was ticked from the key file alone, so a vault whose keychain entry was
    gone (or a copy of a remembered vault) showed as remembered; `vault status` said it was
    not usable. The keychain is asked off the window's thread."""
    import threading

    from medlocal.vault.store import Vault

    vault = workspace.require_vault()
    vault.remember()
    asked_on: list[threading.Thread] = []
    real = Vault.remembered_here

    def remembered_here(self: Vault) -> tuple[bool, str]:
        asked_on.append(threading.current_thread())
        return real(self)

    monkeypatch.setattr(Vault, "remembered_here", remembered_here)
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()  # until the keychain answers
    qtbot.waitUntil(lambda: dialog.keychain_job is None, timeout=10_000)
    assert dialog.remember.isChecked() and dialog.remember.isEnabled()
    assert asked_on and asked_on[0] is not threading.main_thread()

    keychain.store.clear()  # the entry removed (another tool, a new login keychain)
    assert workspace.vault_remembered()  # the key file still says so
    again = SettingsDialog(workspace)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.keychain_job is None, timeout=10_000)
    assert not again.remember.isChecked() and again.remember.isEnabled()
    assert "Not remembered on this computer now" in again.keychain_message.text()
    status = vault.status()
    assert not status.remembered and status.remembered_problem  # `vault status` agrees
    again.remember.setChecked(True)  # remembered again from the box
    qtbot.waitUntil(lambda: again.keychain_job is None, timeout=10_000)
    assert keychain.store and vault.remembered_here() == (True, "")


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
        ("threads", "-2", f"CPU threads must be at least 0, not -2: its range is 0 to {THREADS}"),
        # Walk 39b: "its range is 0 to 2147483647", and 999 threads saved on a 2-core machine.
        (
            "threads",
            "100000",
            f"CPU threads must be at most {THREADS}, not 100000: this computer has {CPUS} "
            f"logical CPU{'s' if CPUS != 1 else ''}, and more than 4 threads per CPU only slow "
            "the model down (0 = as many as the physical cores)",
        ),
        (
            "auto_lock_minutes",
            "-1",
            "Auto-lock after (minutes) must be at least 0, not -1: its range is 0 to 1440",
        ),
        (
            "auto_lock_minutes",
            "5000",
            "Auto-lock after (minutes) must be at most 1440, not 5000: its range is 0 to 1440",
        ),
        ("import_max_mb", "0", "Largest import (MB) must be at least 1, not 0"),
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
    good = {
        "temperature": "0.45",
        "max_tokens": "160",
        "context_tokens": "4096",
        "threads": "2",
        "auto_lock_minutes": "30",
        "import_max_mb": "50",
    }
    _typed(qtbot, editor, good[name])
    assert not dialog.errors[name].isVisible() and not editor.property("invalid")
    assert dialog.save_button.isEnabled()
    _saved(qtbot, dialog)
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


@pytest.fixture(params=["en_US", "de_DE"])
def number_locale(request: pytest.FixtureRequest) -> Iterator[str]:
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    try:
        yield str(request.param)
    finally:
        QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("typed", "value"), [("0,1", 0.1), ("1,5", 1.5), ("0.7", 0.7), (",5", 0.5), ("1.25", 1.25)]
)
def test_a_decimal_point_is_a_dot_or_a_comma_in_any_locale(
    qtbot: QtBot, workspace: Workspace, number_locale: str, typed: str, value: float
) -> None:
    """Review 36: in English "0,1" typed in Temperature was read as 1.0 ("1,5" as 15, the comma
    taken as a thousands separator) and in German "0.7" as 7, with no error. Either is the
    decimal point; never a silently different number."""
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editors["temperature"]
    assert editor.locale().name() == number_locale
    _typed(qtbot, editor, typed)
    assert dialog.value("temperature") == value
    assert not editor.property("invalid") and dialog.save_button.isEnabled()
    _saved(qtbot, dialog)
    assert load_settings().temperature == value


def test_two_decimal_points_are_refused_visibly(
    qtbot: QtBot, workspace: Workspace, number_locale: str
) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editors["temperature"]
    line = editor.lineEdit()  # type: ignore[attr-defined]
    line.selectAll()
    qtbot.keyClicks(line, "1,2.5")
    assert line.text() != "1,2.5" or editor.property("invalid")  # refused, never read as 12.5
    assert dialog.value("temperature") != 12.5 and dialog.value("temperature") != 125


def test_values_shown_rounded_are_not_changes(qtbot: QtBot, workspace: Workspace) -> None:
    """Review 36: temperature 0.333 from settings.toml showed as 0.33 and saving another field
    rewrote it as 0.33 (model_check 0.005 as 0.01). Untouched, it is kept as stored."""
    workspace.update_settings(temperature=0.333, model_check=0.005)
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.value("temperature") == 0.33 and dialog.value("model_check") == 0.01
    assert dialog.changes() == {}
    dialog.editors["theme"].setCurrentText("dark")  # type: ignore[attr-defined]
    assert dialog.changes() == {"theme": "dark"}
    _saved(qtbot, dialog)
    saved = load_settings()
    assert (saved.temperature, saved.model_check, saved.theme) == (0.333, 0.005, "dark")
    dialog.editors["temperature"].setValue(0.4)  # type: ignore[attr-defined]
    assert dialog.changes() == {"temperature": 0.4}  # a real change still is one


def test_every_whole_number_setting_fits_the_spin_box() -> None:
    """Review 36: `settings set seed 3000000000` was accepted, then the Settings window raised
    OverflowError putting it in its 32-bit spin box."""
    for spec in fields(Settings):
        if type(spec.default) is int:
            assert spec.metadata["max"] is not None and spec.metadata["max"] <= 2**31 - 1
    with pytest.raises(SettingValueError) as caught:
        update_setting("seed", "3000000000")
    assert (
        str(caught.value)
        == "Seed must be at most 2147483647, not 3000000000 (the largest number a setting can "
        "hold)"
    )
    with pytest.raises(SettingValueError, match=r"^Largest import \(MB\) must be at most"):
        update_setting("import_max_mb", "5000000000")
    assert load_settings() == Settings()  # nothing saved
