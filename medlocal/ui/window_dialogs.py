"""The dialogs the main window opens (its menus, the chat's and the Patients panel's export
buttons), each over the window and loaded on first use."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from medlocal.ui.message_dialog import tell

if TYPE_CHECKING:
    from medlocal.ui.main_window import MainWindow


class WindowDialogs:
    """Opens each of the window's dialogs with the window's workspace, over the window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.workspace = window.workspace

    def make(self, module: str, name: str, *args: Any) -> Any:
        """Dialogs load on first use: the window opens faster and each stays self-contained."""
        cls = getattr(importlib.import_module(f"medlocal.ui.dialogs.{module}"), name)
        return cls(self.workspace, *args, parent=self.window)

    def _vault_open(self, title: str) -> bool:
        if self.workspace.vault is None or self.workspace.vault.is_locked:
            tell(self.window, title, "Unlock the vault first.")
            return False
        return True

    def open_summarize(self) -> None:
        patient = self.window.patients.patient_id
        if patient is None:
            tell(self.window, "Summarise", "Choose a patient first.")
            return
        # Modal: it shows a clicked citation's passage itself (the sources panel is behind it).
        self.make("summarize_dialog", "SummarizeDialog", patient).exec()

    def open_outputs(self) -> None:
        """The chosen patient's saved outputs (every patient's when none is chosen)."""
        dialog = self.make("outputs_dialog", "OutputsDialog", self.window.patients.patient_id)
        dialog.exportRequested.connect(self.export_output)
        dialog.exec()
        self.window.chat.reload_open_chat()  # an answer shown there may have lost its saved copy

    def export_output(self, output_id: int) -> None:
        self.make("export_dialog", "ExportDialog", output_id).exec()

    def export_document(self, document_id: int) -> None:
        """A de-identified copy of an imported document: the outputs' export dialog, redacting
        from the start."""
        self.make("export_dialog", "DocumentExportDialog", document_id).exec()

    def open_models(self, importing: Path | None = None) -> None:
        """The model manager; with ``importing``, already importing that file (a ``.gguf``
        the operating system handed over)."""
        dialog = self._models_dialog()
        if importing is not None:
            dialog.show()
            dialog.import_file(importing.resolve())
        dialog.exec()

    def show_model_manager(self) -> Any:
        """The model manager over the window without a nested event loop (``open()``, not
        ``exec()``): what "Choose later in the model manager" on the first-run wizard opens once
        the window is shown."""
        dialog = self._models_dialog()
        dialog.open()
        return dialog

    def _models_dialog(self) -> Any:
        dialog = self.make("models_dialog", "ModelManagerDialog")
        dialog.modelsChanged.connect(self.window.show_model)
        return dialog

    def open_settings(self) -> None:
        dialog = self.make("settings_dialog", "SettingsDialog")
        dialog.settingsChanged.connect(self._settings_changed)
        dialog.exec()

    @staticmethod
    def _settings_changed(settings: Any) -> None:
        from medlocal.ui.app import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme)

    def open_audit(self) -> None:
        if self._vault_open("Audit log"):
            self.make("audit_dialog", "AuditDialog").exec()

    def open_change_passphrase(self) -> None:
        self.make("passphrase_dialog", "ChangePassphraseDialog").exec()

    def offer_new_passphrase(self) -> Any:
        """After an unlock with the recovery key: *Change passphrase* over the window, saying
        why, without a nested event loop (Close leaves it for later)."""
        if self.workspace.vault is None or self.window.stack.currentIndex() == self.window.LOCKED:
            return None
        dialog = self.make("passphrase_dialog", "ChangePassphraseDialog")
        dialog.open()
        return dialog

    def open_evaluate(self) -> None:
        self.make("eval_dialog", "EvaluateDialog").exec()

    def open_backup(self) -> None:
        if self._vault_open("Backup"):
            self.backup_dialog().exec()

    def backup_dialog(self) -> Any:
        # The outcome of a restore reaches the lock screen from the workspace (the window's
        # restore_ended), however the dialog was opened.
        return self.make("backup_dialog", "BackupDialog")

    def open_about(self) -> None:
        self.make("about_dialog", "AboutDialog").exec()
