"""Settings: a form generated from the typed declarations, grouped for people, saved through
:meth:`Workspace.update_settings`; keychain remember on/off for the open vault; the data folder
shown read-only.

Each value is checked as it is typed by the declaration's own rule (:func:`coerce_setting`): a
value out of its range is marked, the error under its field names the field's label and its
range, and Save stays disabled until every field passes (walk 39: the spin boxes replaced
"7.5" with 0.50 and "99999" with 9999 without a word).
"""

from __future__ import annotations

import threading
from dataclasses import Field
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlocal import paths
from medlocal.app import Workspace
from medlocal.errors import UserInputError
from medlocal.settings import Settings, coerce_setting
from medlocal.ui.colours import Tone, tone_colour
from medlocal.ui.dialogs.common import ErrorLine, error_text, run_owned, tab_order_of_forms
from medlocal.ui.dialogs.settings_form import (
    declared,
    editor_problem,
    editor_value,
    label_for,
    make_editor,
    set_editor_value,
    shown_unchanged,
)
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.workers import Job, folder_looks
from medlocal.vault import keychain
from medlocal.vault.store import Vault

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Model", ("threads", "gpu_layers", "context_tokens")),
    ("Answers", ("temperature", "max_tokens", "seed", "summary_step_tokens", "thinking_budget")),
    ("Privacy", ("auto_lock_minutes",)),
    ("Appearance", ("theme",)),
)
OTHER_GROUP = "Other"
SETTINGS_MAX_HEIGHT = 600  # fits a 768-pixel screen under its task bar
# Sampling presets set the fields they name; any other combination reads as "Custom".
PRESETS: dict[str, dict[str, Any]] = {
    "Precise": {"temperature": 0.0},
    "Balanced": {"temperature": 0.2},
    "Exploratory": {"temperature": 0.6},
}
CUSTOM = "Custom"
SAVING = "Saving the settings…"
# Said when Cancel, Esc or the title bar's × is pressed while they are written (review 52a: the
# dialog closed as if cancelled, and the change was saved all the same).
SAVING_HELD = (
    "Saving the settings… A save cannot be stopped half-way: Settings closes once they are "
    "saved, or says here why they could not be."
)
GPU_AUTO, GPU_CPU, GPU_MANUAL = "Auto (as many as fit)", "CPU only", "Manual"


class GpuLayersEditor(QWidget):
    """``gpu_layers`` as a person thinks of it: auto (-1), CPU only (0) or a number of layers."""

    def __init__(self, spec: Field[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox(self)
        self.mode.addItems([GPU_AUTO, GPU_CPU, GPU_MANUAL])
        self.mode.setAccessibleName("GPU layers mode")
        self.layers = QSpinBox(self)
        self.layers.setRange(1, 999)
        self.layers.setAccessibleName("GPU layers to offload")
        help_text = str(spec.metadata.get("help", ""))
        self.setAccessibleName(label_for(spec))
        for widget in (self.mode, self.layers):
            widget.setToolTip(help_text)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mode)
        row.addWidget(self.layers)
        self.mode.currentTextChanged.connect(self._mode_changed)
        self._mode_changed(self.mode.currentText())

    def _mode_changed(self, mode: str) -> None:
        self.layers.setEnabled(mode == GPU_MANUAL)

    def value(self) -> int:
        mode = self.mode.currentText()
        return -1 if mode == GPU_AUTO else 0 if mode == GPU_CPU else self.layers.value()

    def setValue(self, value: int) -> None:
        if value < 0:
            self.mode.setCurrentText(GPU_AUTO)
        elif value == 0:
            self.mode.setCurrentText(GPU_CPU)
        else:
            self.mode.setCurrentText(GPU_MANUAL)
            self.layers.setValue(value)


class SettingsDialog(QDialog):
    """``settingsChanged(Settings)`` fires after a successful save (theme, auto-lock and model
    options are the window's to apply)."""

    settingsChanged = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.workspace = workspace
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLine] = {}
        self.keychain_job: Job | None = None
        self.save_job: Job | None = None  # the settings being written
        layout = QVBoxLayout(self)
        # The groups scroll, the Save and Cancel buttons stay: all of them together are taller
        # than a 768-pixel laptop screen (or a 1080p one at 150 % scaling).
        body = QWidget(self)
        groups = QVBoxLayout(body)
        groups.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # No Tab stop of its own (walk 48a D7: an empty stop after Cancel); Tab between its
        # fields still scrolls each into view.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName("Settings")
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)
        forms: dict[str, QFormLayout] = {}
        for title, _names in (*GROUPS, (OTHER_GROUP, ())):
            group = QGroupBox(title, body)
            forms[title] = QFormLayout(group)
            groups.addWidget(group)
        # No parent until its row takes it, as the fields: its Tab stop is then where it shows,
        # not after Save and Cancel (walk 48a D7).
        self.preset = QComboBox()
        self.preset.addItems([*PRESETS, CUSTOM])
        self.preset.setAccessibleName("Sampling preset")
        self.preset.setToolTip("Precise answers the same way every time; higher settings vary.")
        forms["Answers"].addRow("&Preset", self.preset)
        placed = {name: title for title, names in GROUPS for name in names}
        self.specs = {spec.name: spec for spec in declared()}
        first_names = GROUPS[0][1]
        self.first_field = next(name for name in self.specs if name in first_names)
        for spec in declared():
            editor: QWidget = (
                GpuLayersEditor(spec) if spec.name == "gpu_layers" else make_editor(spec)
            )
            self.editors[spec.name] = editor
            error = ErrorLine(f"{label_for(spec)} error", self)
            self.errors[spec.name] = error
            form = forms[placed.get(spec.name, OTHER_GROUP)]
            form.addRow(label_for(spec), editor)
            if isinstance(editor, GpuLayersEditor):
                # The label names the mode combo for a screen reader, and Alt+its letter goes
                # there (walk 48a D6): the row's own buddy is the editor around it.
                label = form.labelForField(editor)
                if isinstance(label, QLabel):
                    label.setBuddy(editor.mode)
            form.addRow("", error)
        self._privacy_rows(forms["Privacy"])
        model_note = QLabel("Model options apply the next time a model is loaded.", self)
        model_note.setWordWrap(True)
        forms["Model"].addRow(model_note)
        self.message = ErrorLine("Settings message", self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save settings")
        layout.addWidget(buttons)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        tab_order_of_forms(list(forms.values()), [self.save_button, self.cancel_button])
        self._focus_before_save: QWidget | None = None
        self.load(workspace.settings)
        width = body.sizeHint().width() + self.scroll_area.verticalScrollBar().sizeHint().width()
        self.resize(width + 24, min(body.sizeHint().height() + 80, SETTINGS_MAX_HEIGHT))
        # Within the screen (walk 55a M1: 600 px high on a 384 px one); its groups scroll.
        fit_dialog(self, scroll=False)
        self.preset.currentTextChanged.connect(self._preset_chosen)
        temperature = self.editors["temperature"]
        temperature.valueChanged.connect(self._match_preset)  # type: ignore[attr-defined]
        for name, editor in self.editors.items():
            if isinstance(editor, QAbstractSpinBox):
                line = editor.lineEdit()
                assert line is not None
                line.textChanged.connect(lambda _text, name=name: self.check(name))
            elif isinstance(editor, QLineEdit):
                editor.textChanged.connect(lambda _text, name=name: self.check(name))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            # Opened from the keyboard (Ctrl+,), typing goes to the first field (walk 39: the
            # focus was on the scroll area).
            self.editors[self.first_field].setFocus(Qt.FocusReason.OtherFocusReason)

    def _privacy_rows(self, form: QFormLayout) -> None:
        self.remember = QCheckBox("Remember this vault on this computer (OS keychain)", self)
        self.remember.setAccessibleName("Remember the vault in the OS keychain")
        self.remember.setToolTip(
            "Unlock without the passphrase on this computer. Anyone who can log in as you "
            "can then open the vault."
        )
        self.keychain_message = ErrorLine("Keychain message", self)
        vault = self.workspace.vault
        # Left 49: ticked from the key file alone, the box showed a copied vault, or one whose
        # keychain entry is gone, as remembered (`vault status` said it was not usable). The
        # keychain is asked on a worker (it may block: a locked Secret Service prompts); the
        # box stays off until it answers.
        self.remember.setEnabled(False)
        if vault is None or vault.is_locked:
            self.keychain_message.show_note("Unlock the vault to change this.")
        else:
            self._show_remembered(vault)
        self.remember.toggled.connect(self._remember_toggled)
        form.addRow(self.remember)
        form.addRow(self.keychain_message)
        self.data_folder = QLineEdit(str(paths.data_dir()), self)
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName("Data folder (read-only)")
        self.data_folder.setToolTip("Set MEDLOCAL_HOME before starting MedLocal to move it.")
        form.addRow("Data folder", self.data_folder)

    # -- values --------------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        for name, editor in self.editors.items():
            value = getattr(settings, name)
            if isinstance(editor, GpuLayersEditor):
                editor.setValue(int(value))
            else:
                set_editor_value(editor, value)
        self._match_preset()

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        return editor.value() if isinstance(editor, GpuLayersEditor) else editor_value(editor)

    def changes(self) -> dict[str, Any]:
        current = self.workspace.settings
        return {
            name: self.value(name)
            for name, editor in self.editors.items()
            if not shown_unchanged(editor, self.value(name), getattr(current, name))
        }

    def _preset_chosen(self, name: str) -> None:
        for field_name, value in PRESETS.get(name, {}).items():
            set_editor_value(self.editors[field_name], value)

    def _match_preset(self, *_: object) -> None:
        chosen = next(
            (
                name
                for name, values in PRESETS.items()
                if all(abs(float(self.value(k)) - float(v)) < 1e-9 for k, v in values.items())
            ),
            CUSTOM,
        )
        self.preset.blockSignals(True)
        self.preset.setCurrentText(chosen)
        self.preset.blockSignals(False)

    # -- checking ------------------------------------------------------------------------------

    def check(self, name: str) -> bool:
        """Check field ``name`` as it is now: an error under it, the field marked, and Save
        disabled while any field is wrong. True when it is right."""
        editor = self.editors[name]
        problem = (
            "" if isinstance(editor, GpuLayersEditor) else editor_problem(self.specs[name], editor)
        )
        if problem:
            self.errors[name].show_error(problem)
        else:
            self.errors[name].clear_message()
        self._mark(editor, bool(problem))
        self.save_button.setEnabled(not self.invalid_fields())
        return not problem

    def invalid_fields(self) -> list[str]:
        return [name for name, editor in self.editors.items() if editor.property("invalid")]

    @staticmethod
    def _mark(editor: QWidget, invalid: bool) -> None:
        if bool(editor.property("invalid")) == invalid:
            return
        editor.setProperty("invalid", invalid)
        if invalid:
            palette = editor.palette()
            palette.setColor(QPalette.ColorRole.Text, tone_colour(Tone.ERROR, palette))
            editor.setPalette(palette)
        else:
            editor.setPalette(QPalette())  # back to the window's (the theme's) palette

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """Check every field and save the changes (on a worker: True once they are under
        way, and the dialog closes when they are saved)."""
        if self.save_job is not None:
            return True  # Enter again while the last Save is written: one write
        # Enter in a field presses Save even while it is disabled: refused here as well.
        if not all([self.check(name) for name in self.editors]):
            return False
        return self.save_changes(self.changes())

    def save_changes(self, changes: dict[str, Any]) -> bool:
        """Check each change by its declaration (errors shown under the field), then save."""
        self.message.clear_message()
        for error in self.errors.values():
            error.clear_message()
        bad = False
        for name, value in changes.items():
            try:
                coerce_setting(name, value)
            except UserInputError as exc:
                target = self.errors.get(name, self.message)
                target.show_error(str(exc))
                if name in self.editors:
                    self._mark(self.editors[name], True)
                bad = True
        if bad:
            return False
        if not changes:
            self.accept()
            return True
        self._write(changes)
        return True

    def _write(self, changes: dict[str, Any]) -> Job:
        """Save ``changes`` on a worker; close once they are saved, or say why not under the
        form (the changes stay in the fields to save again). The settings file may sit on a
        slow or sleeping disk (a portable install on a USB stick): its write held the window
        (left 51). Meanwhile the form is held as it was saved (review 52a): its fields, Save
        and Cancel are off, Esc and × close nothing (see :meth:`reject`), and a lock leaves the
        dialog open (:attr:`survives_lock`) so that a write that fails is said where it is
        read."""
        self._hold_form(True)
        self.message.show_note(SAVING)
        ws = self.workspace

        def write(_cancel: threading.Event) -> Settings:
            # No safe point to stop at: the file is replaced whole (atomic_write_private) or
            # not at all, and the person was told the save goes on.
            return ws.update_settings(**changes)

        def saved(settings: Settings) -> None:
            self.save_job = None
            self.message.clear_message()
            self._hold_form(False)
            self.settingsChanged.emit(settings)  # saved: the window applies them
            self.accept()

        def failed(exc: BaseException) -> None:
            self.save_job = None
            self._hold_form(False)
            self.message.show_error(error_text(exc, "Saving the settings"))

        self.save_job = run_owned(
            self, "saving settings", write, saved, failed, pool=folder_looks()
        )
        # It needs no vault: a lock must neither stop it (it cannot be stopped half-way) nor
        # leave its end unsaid.
        self.save_job.survives_lock = True
        return self.save_job

    def _hold_form(self, held: bool) -> None:
        """Fields, Save and Cancel off while the settings are written (a value typed after
        Save was dropped without a word when the first save closed the dialog: review 52a);
        back on, with the keyboard where it was, when the save failed."""
        if held:
            self._focus_before_save = self.focusWidget()
        self.scroll_area.setEnabled(not held)
        self.cancel_button.setEnabled(not held)
        self.save_button.setEnabled(not held and not self.invalid_fields())
        focus = self._focus_before_save
        if not held and focus is not None and shiboken6.isValid(focus) and focus.isEnabled():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def survives_lock(self) -> bool:
        """While the settings are written, a lock leaves the dialog open over the lock screen
        (Settings opens there too, and shows no patient text): closed by the lock, a write
        that then failed said so in a hidden dialog, and the person believed it saved (review
        52a)."""
        return self.save_job is not None

    def reject(self) -> None:
        """Cancel, Esc and the title bar's × close the dialog, except while the settings are
        being written: closing then would read as "not saved" while they are saved (review
        52a). The dialog says so and closes by itself once they are."""
        if self.save_job is not None:
            self.message.show_note(SAVING_HELD)
            return
        super().reject()

    # -- keychain ------------------------------------------------------------------------------

    def _remember_toggled(self, on: bool) -> None:
        """The keychain may block (a locked Secret Service prompts): talk to it off the GUI
        thread, and put the box back when it refuses."""
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            self._set_remember(not on)
            self._locked_meanwhile()
            return
        self.remember.setEnabled(False)
        self.keychain_message.show_note("Asking the OS keychain…")

        def work(cancel: threading.Event) -> str:
            if on:
                return f"Remembered in {vault.remember().rsplit('.', 1)[-1]}."
            vault.forget()
            return "This computer no longer remembers the vault."

        def done(text: str) -> None:
            self.keychain_job = None
            self.remember.setEnabled(True)
            self.keychain_message.show_note(text)

        def failed(exc: BaseException) -> None:
            self.keychain_job = None
            self.remember.setEnabled(True)
            self._set_remember(not on)
            self.keychain_message.show_error(error_text(exc, "The keychain"))

        self.keychain_job = run_owned(self, "keychain", work, done, failed)

    def _show_remembered(self, vault: Vault) -> None:
        """Tick the box when this computer's keychain can unlock ``vault`` now, as `vault status`
        says, and say why not when it was remembered but cannot be."""
        self.keychain_message.show_note("Asking the OS keychain whether it remembers this vault…")

        def look_up(_cancel: threading.Event) -> tuple[bool, str, str | None]:
            return (*vault.remembered_here(), keychain.unavailable_reason())

        def done(state: tuple[bool, str, str | None]) -> None:
            self.keychain_job = None
            remembered, problem, no_keychain = state
            self._set_remember(remembered and no_keychain is None)
            if vault.is_locked:  # locked (idle, Lock) while the keychain was asked
                self._locked_meanwhile()
                return
            if no_keychain is not None:
                # Review 50a R10: "Tick the box to remember it again" could never work here.
                self.keychain_message.show_note(
                    "This computer has no keychain MedLocal can use "
                    f"({no_keychain.rstrip('.')}): the passphrase is asked at each unlock."
                )
                return
            self.remember.setEnabled(True)
            if problem:
                self.keychain_message.show_note(
                    f"Not remembered on this computer now: {problem.rstrip('.')}. Tick the box "
                    "to remember it again."
                )
            else:
                self.keychain_message.clear_message()

        def failed(exc: BaseException) -> None:
            self.keychain_job = None
            self.remember.setEnabled(True)
            self.keychain_message.show_error(error_text(exc, "The keychain"))

        self.keychain_job = run_owned(self, "keychain", look_up, done, failed)

    def _locked_meanwhile(self) -> None:
        """The vault locked while the box was being set: it stays as it was, and says why
        (review 50a R10: it bounced back with no word)."""
        self.remember.setEnabled(False)
        self.keychain_message.show_note(
            "The vault was locked, so this cannot be changed now: unlock it and open Settings "
            "again."
        )

    def _set_remember(self, on: bool) -> None:
        self.remember.blockSignals(True)
        self.remember.setChecked(on)
        self.remember.blockSignals(False)
