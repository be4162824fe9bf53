"""The model manager: the catalog with fit badges, downloads (progress, speed, ETA, cancel,
resume), import from disk or USB, verify, default models and embedder conversion.

Downloads, imports, conversions, verification, fit checks and the re-embed that follows a new
default embedder all run off the GUI thread through one :class:`TaskPanel` (one model task at a
time: they compete for the same disk and network anyway).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace, model_tasks
from medlocal.app.fit import FitBadge, fit_badges
from medlocal.errors import GenerationCancelled
from medlocal.fsutil import shown_name, shown_path
from medlocal.models.catalog import Catalog, CatalogEntry, bundled_catalog
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.download import DEFAULT_STALL_TIMEOUT_S, DownloadCancelled
from medlocal.models.importer import ImportResult, folder_summary
from medlocal.models.registry import InstalledModel, answering_defaults
from medlocal.progress import ProgressCallback
from medlocal.ui import files
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import ErrorLine, TaskPanel, error_text, resize_on_screen, run_owned
from medlocal.ui.dialogs.model_tables import (
    CATALOG_COLUMNS,
    INSTALLED_COLUMNS,
    fill_catalog,
    fill_installed,
    model_table,
    select_key,
    selected_key,
)
from medlocal.ui.fit_screen import keep_rows
from medlocal.ui.flow import FlowLayout
from medlocal.ui.workers import Job, folder_looks
from medlocal.vault.reembed import ReembedReport

log = logging.getLogger(__name__)


def _button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


class ModelManagerDialog(QDialog):
    """``modelsChanged`` fires after anything installed, removed or made default changes."""

    modelsChanged = Signal()

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        catalog: Catalog | None = None,
        stall_timeout: float = DEFAULT_STALL_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Models")
        self.workspace = workspace
        self.catalog = catalog or bundled_catalog()
        self.stall_timeout = stall_timeout
        self.badges: dict[str, FitBadge] = {}
        self.fit_job: Job | None = None

        self.catalog_table = model_table(CATALOG_COLUMNS, "Model catalog")
        self.installed_table = model_table(INSTALLED_COLUMNS, "Installed models")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Selected model details")
        self.download_button = _button("Download", "Download the selected model", self.download)
        self.download_button.setEnabled(False)
        self.import_file_button = _button("Import file…", "Import a GGUF file", self.ask_file)
        self.import_folder_button = _button(
            "Import folder…", "Import a folder of models with SHA256SUMS", self.ask_folder
        )
        self.convert_button = _button(
            "Convert embedder…",
            "Convert a sentence-transformers folder to an embedder",
            self.ask_embedder,
        )
        self.verify_button = _button("Verify all", "Verify installed models", self.verify)
        self.default_button = _button(
            "Set as default", "Make the selected model the default for its role", self.set_default
        )
        self.default_button.setEnabled(False)
        self.remove_button = _button(
            "Remove…", "Remove the selected model (asks first)", self.remove_selected
        )
        self.remove_button.setEnabled(False)
        self.reembed_button = _button(
            "Re-embed the vault now", "Re-embed the open vault with the new embedder", self.reembed
        )
        self.reembed_button.setVisible(False)
        self.task = TaskPanel("Model task", self)
        self.message = ErrorLine("Model manager message", self)
        self.results = QListWidget()
        self.results.setAccessibleName("Model task results")
        self.results.setMaximumHeight(110)
        self._busy_buttons = (
            self.download_button,
            self.import_file_button,
            self.import_folder_button,
            self.convert_button,
            self.verify_button,
            self.default_button,
            self.remove_button,
            self.reembed_button,
        )
        self._layout()
        self.catalog_table.itemSelectionChanged.connect(self._catalog_selected)
        self.installed_table.itemSelectionChanged.connect(self._installed_selected)
        # The first full registry read may hash the packaged demo model (its first sighting),
        # so the window opens on the models as recorded (walk 34: downloaded models showed as
        # "available" until the fit check came back) and the fit cells say "checking…".
        self.check_fit()
        self.refresh(installed=self._recorded())

    def _layout(self) -> None:
        catalog_page = QWidget()
        catalog_box = QVBoxLayout(catalog_page)
        catalog_box.addWidget(self.catalog_table)
        row = QHBoxLayout()
        row.addWidget(self.download_button)
        row.addStretch(1)
        catalog_box.addLayout(row)

        installed_page = QWidget()
        installed_box = QVBoxLayout(installed_page)
        installed_box.addWidget(self.installed_table)
        actions = FlowLayout()  # a second line in a narrow dialog (walk 55a H4: 1130 px at 18 pt)
        for button in (
            self.import_file_button,
            self.import_folder_button,
            self.convert_button,
            self.verify_button,
            self.default_button,
            self.remove_button,
        ):
            actions.addWidget(button)
        installed_box.addLayout(actions)
        # A few rows of each table always show; a dialog too large for the screen scrolls
        # instead (walk 55a H4: the catalog was 18 px high, its scroll bar alone).
        keep_rows(self.catalog_table, 4)
        keep_rows(self.installed_table, 3)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Model manager pages")
        # The tab bar takes the keyboard, and a screen reader names it (walk 53a L3).
        self.tabs.tabBar().setAccessibleName("Model manager pages: Catalog or Installed")
        self.tabs.addTab(catalog_page, "&Catalog")
        self.tabs.addTab(installed_page, "&Installed")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.task)
        layout.addWidget(self.message)
        layout.addWidget(self.reembed_button)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        resize_on_screen(self, 860, 560)

    # -- tables --------------------------------------------------------------------------------

    def installed(self) -> list[InstalledModel]:
        return self.workspace.registry.models()

    def _recorded(self) -> list[InstalledModel]:
        try:
            return self.workspace.registry.recorded_models()
        except Exception:  # an unreadable registry: the fit check's worker reports it
            log.warning("model registry unreadable when the model manager opened")
            return []

    def answering_defaults(self, installed: list[InstalledModel]) -> dict[str, str]:
        """Each role's default as it answers: with no chat model chosen, the demo model answers,
        and the table says so (walk 32: no model was marked, so nothing said which one)."""
        try:
            return self.workspace.installed_models(installed).answering
        except Exception:  # unreadable: reported by the fit check
            return answering_defaults(installed, {})

    def refresh(self, installed: list[InstalledModel] | None = None) -> None:
        if installed is None:
            installed = self.installed()
        pending = self.fit_job is not None
        fill_catalog(self.catalog_table, self.catalog.entries, installed, self.badges, pending)
        defaults = self.answering_defaults(installed) if installed else {}
        fill_installed(self.installed_table, installed, defaults, self.badges, pending)
        self._catalog_selected()
        self._installed_selected()

    def check_fit(self) -> None:
        """Fit badges are computed in a worker: reading GGUF headers and probing the GPU take
        longer than a frame."""
        entries, registry = self.catalog.entries, self.workspace.registry
        n_ctx = self.workspace.settings.context_tokens or None

        def work(cancel: threading.Event) -> dict[str, FitBadge]:
            return fit_badges(entries, registry.models(), n_ctx)

        # A newer check (after an import, say) supersedes one still running: only the latest
        # job's answer is shown.
        def done(badges: dict[str, FitBadge]) -> None:
            if self.fit_job is job:
                self.fit_job = None
                self.badges = badges
                self.refresh()

        def failed(exc: BaseException) -> None:
            if self.fit_job is job:
                self.fit_job = None
                self.message.show_error("Fit check: " + error_text(exc, "The fit check"))
                self.refresh()

        job = run_owned(self, "fit check", work, done, failed)
        self.fit_job = job

    def selected_entry(self) -> CatalogEntry | None:
        key = selected_key(self.catalog_table)
        return self.catalog.find(key) if key else None

    def selected_model(self) -> InstalledModel | None:
        key = selected_key(self.installed_table)
        return self.workspace.registry.find(key) if key else None

    def select(self, key: str) -> None:
        """Select a model by id in whichever table shows it (keyboard users and tests)."""
        for index, table in enumerate((self.catalog_table, self.installed_table)):
            if select_key(table, key):
                self.tabs.setCurrentIndex(index)
                return

    def _catalog_selected(self) -> None:
        entry = self.selected_entry()
        busy = self.task.busy
        self.download_button.setEnabled(bool(entry and entry.downloadable) and not busy)
        if entry is not None:
            badge = self.badges.get(entry.id)
            self.details.setText(
                f"{entry.display_name} — {entry.parameters}, {entry.quantization}, licence "
                f"{entry.license}. {entry.intended_use}"
                + (f"\nFit: {badge.reason}" if badge else "")
            )

    def _installed_selected(self) -> None:
        model = self.selected_model()
        self.default_button.setEnabled(model is not None and not self.task.busy)
        self.remove_button.setEnabled(model is not None and not self.task.busy)
        if model is not None:
            badge = self.badges.get(model.id)
            self.details.setText(
                f"{model.id} — {shown_path(model.path)}"
                + (f"\nFit: {badge.reason}" if badge else "")
            )

    # -- tasks ---------------------------------------------------------------------------------

    def _run(
        self,
        name: str,
        task: Callable[[ProgressCallback, threading.Event], Any],
        on_done: Callable[[Any], None],
        *,
        cancellable: bool = True,
        on_error: Callable[[BaseException], None] | None = None,
        pool: QThreadPool | None = None,
    ) -> Job:
        self.message.clear_message()
        for button in self._busy_buttons:
            button.setEnabled(False)

        def done(result: Any) -> None:
            self._idle()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._idle()
            if on_error is not None:
                on_error(exc)
            else:
                self.message.show_error(error_text(exc, name.capitalize()))

        return self.task.start(name, task, done, failed, cancellable=cancellable, pool=pool)

    def _idle(self) -> None:
        for button in self._busy_buttons:
            button.setEnabled(True)
        self._catalog_selected()
        self._installed_selected()

    def _changed(self, note: str) -> None:
        self.message.show_note(note)
        self.check_fit()  # first, so rows without a badge yet say "checking…"
        self.refresh()
        self.modelsChanged.emit()

    def download(self) -> Job | None:
        entry = self.selected_entry()
        if entry is None or not entry.downloadable:
            return None
        task = partial(model_tasks.download, entry, stall_timeout=self.stall_timeout)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DownloadCancelled):
                self.download_button.setText("Resume download")
                self.message.show_note(
                    f"Download of {entry.display_name} paused: the part already received is "
                    "kept; Resume download continues from there."
                )
            else:
                self.message.show_error(error_text(exc, "The download"))

        def done(model: InstalledModel) -> None:
            self.download_button.setText("Download")
            self._changed(f"Downloaded and verified {model.id} ({model.provenance}).")

        return self._run(f"downloading {entry.id}", task, done, on_error=failed)

    def ask_file(self) -> None:
        chosen = files.open_file_name(self, "Import a GGUF model", "GGUF models (*.gguf)")
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> Job:
        task = partial(model_tasks.import_file, path)

        def done(result: ImportResult) -> None:
            self.results.addItem(result.message)
            self._changed(result.message)

        def failed(exc: BaseException) -> None:
            # Listed with the successes: the results list is the record of what was tried
            # (walk 32: a refused file showed only in the message line, gone at the next task).
            # The reason can quote the file's raw name ("x.gguf is not a GGUF file"): escaped as
            # the name itself is (session 45: ESC or U+202E in it reached the list raw).
            why = shown_name(error_text(exc, f"Importing {shown_name(path.name)}"))
            name = shown_name(path.name)
            if isinstance(exc, GenerationCancelled):
                line = f"stopped: {name}: nothing was added."
            else:  # the reason often names the file already
                line = f"failed: {why}" if name in why else f"failed: {name}: {why}"
            self.results.addItem(line)
            self.message.show_error(why)

        return self._run(f"importing {shown_name(path.name)}", task, done, on_error=failed)

    def ask_folder(self) -> None:
        chosen = files.existing_folder(self, "Import a folder of models")
        if chosen:
            self.import_folder(Path(chosen))

    def import_folder(self, folder: Path) -> Job:
        task = partial(model_tasks.import_models_folder, folder)

        def done(outcome: model_tasks.FolderOutcome) -> None:
            for item in outcome.items:
                self.results.addItem(("ok: " if item.ok else "") + item.message)
            stopped = " (stopped)" if outcome.cancelled else ""
            self._changed(f"{folder_summary(outcome.items).capitalize()}{stopped}.")

        return self._run(f"importing {shown_name(folder.name)}", task, done)

    def ask_embedder(self) -> None:
        chosen = files.existing_folder(self, "Choose a sentence-transformers model folder")
        if chosen:
            self.convert(Path(chosen))

    def convert(self, folder: Path) -> Job:
        task = partial(model_tasks.convert_embedder, folder)

        def done(model: InstalledModel) -> None:
            self._changed(f"Converted {shown_name(folder.name)} into the embedder {model.id}.")

        return self._run(f"converting {shown_name(folder.name)}", task, done, cancellable=False)

    def verify(self) -> Job:
        def task(progress: ProgressCallback, cancel: threading.Event) -> list[Any]:
            return self.workspace.verify_models(progress=progress, cancel=cancel)

        def done(checks: list[Any]) -> None:
            for check in checks:
                state = "ok" if check.ok else "FAILED"
                self.results.addItem(f"{state}  {check.model_id}: {check.message}")
            failed = [c.model_id for c in checks if not c.ok]
            if failed:
                self.message.show_error(f"Verification failed for: {', '.join(failed)}.")
            else:
                self.message.show_note(f"All {len(checks)} model(s) match their records.")

        return self._run("verifying models", task, done)

    def set_default(self) -> Job | None:
        """Make the selected model its role's default, on a worker: the registry file
        (models.json) is written and fsynced, and the models folder may sit on a slow or
        sleeping disk (a portable install on a USB stick) that held the window (left 52). Its
        role's model is unloaded too. A write cannot be stopped half-way: no Cancel."""
        model = self.selected_model()
        if model is None or self.task.busy:
            return None
        chosen = model.id

        def task(_progress: ProgressCallback, _cancel: threading.Event) -> str:
            return self.workspace.set_default_model(chosen)

        def done(role: str) -> None:
            self._changed(f"{chosen} is now the default {role} model.")
            vault = self.workspace.vault
            if role == "embedding" and vault is not None and not vault.is_locked:
                # Vectors of different models are never compared: offer the re-embed inline
                # (no modal question) so it can be done now or later.
                self.reembed_button.setVisible(True)
                self.message.show_note(
                    f"{chosen} is now the default embedding model. Search by meaning misses "
                    "documents until the vault is re-embedded with it."
                )

        def failed(exc: BaseException) -> None:  # a registry error is shown, not raised
            self.message.show_error(error_text(exc, "Setting the default"))

        return self._run(
            "setting the default model",
            task,
            done,
            cancellable=False,
            on_error=failed,
            pool=folder_looks(),
        )

    def remove_selected(self) -> None:
        """Remove the selected model after a confirmation, as ``medlocal models remove`` does
        (the same application call; the demo model is refused with the same message)."""
        model = self.selected_model()
        if model is None:
            return
        what = (
            "Its file, copied into MedLocal's models folder, is deleted."
            if model.managed
            else f"Its file stays where it is: {shown_path(model.path)}"
        )
        # The demo model is refused by the application layer, without asking first.
        asking = model.id != DEMO_MODEL_ID
        if asking and not confirm(
            self, "Remove model", f"Remove the model {model.id}? {what}", "Remove the model"
        ):
            return
        try:
            removal = self.workspace.remove_model(model.id)
        except Exception as exc:  # a registry error (the demo model) is shown, not raised
            self.message.show_error(error_text(exc, "Removing the model"))
            return
        notes = removal.window_notes or removal.notes  # the window's words (walk 52b L2)
        for note in notes:
            self.results.addItem(f"note: {note}")
        note = " ".join([removal.message[0].upper() + removal.message[1:] + ".", *notes])
        self._changed(note)

    def reembed(self) -> Job:
        def task(progress: ProgressCallback, cancel: threading.Event) -> ReembedReport:
            return self.workspace.reembed(progress=progress, cancel=cancel)

        def done(result: ReembedReport) -> None:
            self.reembed_button.setVisible(False)
            self.message.show_note(f"Re-embedding finished: {_reembed_text(result)}.")

        return self._run("re-embedding the vault", task, done)

    # -- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        self.task.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.task.cancel()
        super().closeEvent(event)


def _reembed_text(result: ReembedReport) -> str:
    text = f"{result.converted} of {result.total} document(s) now use {result.model_id}"
    if result.cancelled:
        text += " (stopped: the rest are found by exact words until the next re-embed)"
    return text
