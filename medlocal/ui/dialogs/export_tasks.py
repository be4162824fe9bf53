"""What the export dialog's workers run: the redaction preview and the export itself, bound to
the workspace and to what is exported (a saved output or a document) on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from medlocal.app import Workspace
from medlocal.progress import ProgressCallback
from medlocal.rag.export import ExportReport, Shared

if TYPE_CHECKING:
    # The redactor compiles its patterns on import: only its worker imports it (walk 25).
    from medlocal.privacy.deid_plan import RedactionPlan

# (date mode, keep, add, model line) -> the plan; (path, redact, date mode, keep, add, model
# line) -> the report. Built on the GUI thread from the dialog's values, called on a worker.
# Both also take the progress callback and the cancel event of the worker they run on.
Previewer = Callable[
    [str, Sequence[tuple[int, str]], Sequence[str], bool, ProgressCallback, threading.Event],
    "RedactionPlan",
]
Exporter = Callable[
    [
        Path,
        bool,
        str,
        Sequence[tuple[int, str]],
        Sequence[str],
        bool,
        ProgressCallback,
        threading.Event,
    ],
    ExportReport,
]


def previewer(workspace: Workspace, shared: Shared) -> Previewer:
    return lambda mode, keep, add, model_line, progress, cancel: workspace.preview_redactions(
        shared, mode, keep, add, model_line, progress=progress, cancel=cancel
    )


def exporter(workspace: Workspace, shared: Shared) -> Exporter:
    def run(
        path: Path,
        redact: bool,
        mode: str,
        keep: Sequence[tuple[int, str]],
        add: Sequence[str],
        model_line: bool,
        progress: ProgressCallback,
        cancel: threading.Event,
    ) -> ExportReport:
        return workspace.export(
            shared,
            path,
            redact=redact,
            date_mode=mode,
            keep=keep,
            add=add,
            model_line=model_line,
            progress=progress,
            cancel=cancel,
        )

    return run
