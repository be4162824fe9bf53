"""The first-run wizard's last page: the demo model, a GGUF file imported from a disk or USB
stick (copied on a worker, and stoppable), or the model manager later."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWizardPage

from medlocal.app import Workspace
from medlocal.errors import GenerationCancelled
from medlocal.fsutil import shown_name
from medlocal.ui.dialogs.common import run_owned
from medlocal.ui.files import open_file_name
from medlocal.ui.workers import Job

STOPPING_IMPORT = "Stopping the import…"
# The copy hears the stop only between chunks: a read from a dead stick can hang there for good
# (review 53a: Esc and × then only said "Stopping…", and the wizard could not be closed).
STOPPING_IMPORT_WAIT = (
    f"{STOPPING_IMPORT} (press Esc again to close without waiting: the part copied so far is "
    "deleted once the copy stops, or at the next start)"
)


class ModelPage(QWizardPage):
    DEMO, IMPORT, LATER = range(3)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setTitle("Choose a model")
        # The wizard's header shows two lines of subtitle at most (a third was cut off): the
        # rest goes in the page.
        self.setSubTitle(
            "The demo model only shows how MedLocal works: it is not for clinical use."
        )
        self.advice = QLabel(
            "For clinical use, import a medical GGUF model from a disk or USB stick, or open "
            "the model manager later (Models menu) to download one."
        )
        self.advice.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.demo = QRadioButton("Start with the demo model")
        self.import_file = QRadioButton("Import a GGUF model file from disk or USB…")
        self.later = QRadioButton("Choose later in the model manager")
        for index, button in enumerate((self.demo, self.import_file, self.later)):
            button.setAccessibleName(button.text())
            self.group.addButton(button, index)
        self.demo.setChecked(True)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # file names and error texts
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.advice, self.demo, self.import_file, self.later, self.status):
            layout.addWidget(widget)
        self._imported = False
        self._busy = False
        self._stopping = False  # asked to stop: the wizard closes once the copy has stopped
        self._job: Job | None = None

    @property
    def importing(self) -> bool:
        return self._busy

    @property
    def stopping(self) -> bool:
        """Asked to stop, the copy not stopped yet."""
        return self._busy and self._stopping

    def validatePage(self) -> bool:
        if self.group.checkedId() != self.IMPORT or self._imported:
            return True
        if self._busy:
            return False
        name = open_file_name(self, "Import a model", "GGUF models (*.gguf)")
        if not name:
            return False
        self._import(Path(name))
        return False

    def _import(self, path: Path) -> None:
        from medlocal.models.importer import import_gguf

        self._busy = True
        self.status.setText(f"Checking and importing {shown_name(path.name)}…")

        def work(cancel: threading.Event) -> str:
            result = import_gguf(path, cancel=cancel)
            if result.model.role == "chat":
                self.workspace.set_default_model(result.model.id, "chat")
            return result.message

        # Owned by the page: should the wizard go all the same (a quit signal), the copy hears
        # the cancel and its partial file is deleted, and its end finds no page (fix 52b).
        self._job = run_owned(self, "import model", work, self._imported_ok, self._import_failed)

    def stop_import(self) -> None:
        """Stop the copy under way (its partial file is deleted); the wizard closes once it
        has stopped (:meth:`_import_failed`), or says that the copy had already finished."""
        if self._job is None or not self._busy:
            return
        self._stopping = True
        self.status.setText(STOPPING_IMPORT_WAIT)
        self._job.cancel()

    def _imported_ok(self, message: str) -> None:
        self._busy = False
        self._imported = True
        if self._stopping:
            # Too late to stop: the model is in place, and the wizard stays to say so.
            self._stopping = False
            self.status.setText(f"Not stopped: the copy had already finished. {message}")
            return
        self.status.setText(message)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _import_failed(self, exc: BaseException) -> None:
        self._busy = False
        if self._stopping and isinstance(exc, GenerationCancelled):
            self._stopping = False
            wizard = self.wizard()
            if wizard is not None and wizard.isVisible():  # not closed already without waiting
                wizard.reject()  # stopped as asked: the wizard closes, nothing was kept
            return
        self._stopping = False
        self.status.setText(f"Not imported: {exc}")
