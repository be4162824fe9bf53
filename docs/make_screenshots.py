"""Save a screenshot of every screen under docs/screenshots/ (``python docs/make_screenshots.py``).

Runs offscreen with a throwaway MEDLOCAL_HOME and a synthetic patient. The chat model is a
scripted stand-in so the pictures are reproducible and show what the window does with a cited
sentence and an unsupported number; everything else (vault, import, embedder fallback, grounding
check, rendering, PDF page) is the real code.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MEDLOCAL_HOME"] = tempfile.mkdtemp(prefix="medlocal-shots-")

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QWidget

from medlocal.app import Workspace
from medlocal.engine.api import ChatMessage, ModelProvenance, SamplingParams
from medlocal.privacy import netguard
from medlocal.vault.keys import KdfParams

OUT = Path(__file__).resolve().parent / "screenshots"
PASS = "screenshot passphrase"
HISTORY = "".join(
    f"Day {d}: temperature {37 + d % 3 * 0.4:.1f} C, oxygen saturation {93 + d % 4}% on room air, "
    "eating and walking on the ward.\n"
    for d in range(1, 25)
)
NOTE = (
    "DISCHARGE SUMMARY\n\nAdmitted with community-acquired pneumonia of the right lower lobe.\n\n"
    "HOSPITAL COURSE\nTreated with intravenous ceftriaxone 1 g daily for three days, then oral "
    "amoxicillin 500 mg three times daily. Fever resolved on day two.\n\n"
    "DISCHARGE MEDICATIONS\nAmoxicillin 500 mg by mouth three times daily for five more days.\n"
    "Paracetamol 1 g every six hours as needed, maximum 4 g per day.\n\n"
    "FOLLOW-UP\nGeneral practitioner in one week; chest X-ray in six weeks.\n\n"
    "WARD OBSERVATIONS\n" + HISTORY
)
ANSWER = (
    "The patient was discharged on amoxicillin 500 mg three times daily [1]. "
    "The course lasts 14 more days."
)


class ScriptedModel:
    """Answers every question with ANSWER, word by word (see the module docstring)."""

    n_ctx = 4096
    name = "scripted-demo"
    backend = "CPU"
    sha256 = "0" * 64

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return sum(len(m.content.split()) + 4 for m in messages)

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        words = ANSWER.split(" ")
        for i, word in enumerate(words):
            yield word if i == 0 else " " + word

    def provenance(self) -> ModelProvenance:
        return ModelProvenance("scripted-demo", "-", self.sha256, "-", "-", self.n_ctx, 0, "CPU")


def save(widget: QWidget, name: str, app: QApplication) -> None:
    widget.resize(max(widget.width(), 1280) if name == "main-window" else widget.width(), 800)
    widget.show()
    for _ in range(20):
        app.processEvents()
    OUT.mkdir(exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"saved {name}.png")


def dialog(module: str, name: str, ws: Workspace, *args: Any) -> QWidget | None:
    try:
        cls = getattr(importlib.import_module(f"medlocal.ui.dialogs.{module}"), name)
    except (ImportError, AttributeError):
        print(f"skipped {module}: not available")
        return None
    widget: QWidget = cls(ws, *args, parent=None)
    return widget


def main() -> int:
    netguard.install()
    app = QApplication(sys.argv[:1])
    from medlocal.ui.first_run import FirstRunWizard
    from medlocal.ui.main_window import MainWindow

    folder = Path(os.environ["MEDLOCAL_HOME"])
    model = ScriptedModel()
    ws = Workspace(
        folder / "vault", kdf_params=KdfParams(8 * 1024, 1, 1), chat_loader=lambda m: model
    )

    wizard = FirstRunWizard(ws)
    wizard.passphrase_page.secret.setText("a long sentence as passphrase")
    wizard.passphrase_page.confirm.setText("a long sentence as passphrase")
    save(wizard, "first-run", app)
    wizard.close()

    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Alex Example", mrn="MRN-000123", dob="1961-04-12")
    vault.add_patient("Sam Sample", mrn="MRN-000456")
    note = folder / "discharge-summary.txt"
    note.write_text(NOTE)
    ws.import_documents([note], patient)

    window = MainWindow(ws)
    window.start()
    window.patients.reload(select=patient)
    window.chat.ask("Which antibiotic was the patient discharged on?")
    while window.chat.job is not None:
        app.processEvents()
    window.chat.view.anchorClicked.emit(QUrl("cite:0.1"))
    save(window, "main-window", app)

    window.lock()
    save(window, "unlock", app)
    ws.unlock(PASS)
    window.start()

    for module, name, args, shot in (
        ("summarize_dialog", "SummarizeDialog", (patient,), "summarize"),
        ("models_dialog", "ModelManagerDialog", (), "model-manager"),
        ("settings_dialog", "SettingsDialog", (), "settings"),
        ("audit_dialog", "AuditDialog", (), "audit-log"),
        ("about_dialog", "AboutDialog", (), "about"),
    ):
        widget = dialog(module, name, ws, *args)
        if widget is None:
            continue
        if shot == "summarize":
            widget.start()  # type: ignore[attr-defined]
        # Let background work (a summary, fit checks, the doctor report) finish first.
        from medlocal.ui.workers import active_jobs

        deadline = time.monotonic() + 120
        while active_jobs() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        save(widget, shot, app)
        widget.close()
    window.close()
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
