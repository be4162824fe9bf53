"""Evaluate models: choose a benchmark file and installed chat models, run the evaluation in a
worker with progress, ETA and Cancel (a cancelled run resumes next time), then read the
comparison table and chart. Benchmark files are public exam questions: nothing here touches
the vault."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.evaluation import (
    Comparison,
    EvalRequest,
    compare_runs,
    comparison_files_present,
    write_comparison,
)
from medlocal.errors import UserInputError
from medlocal.eval.readers import FORMATS
from medlocal.eval.records import MODES, EvalSettings
from medlocal.eval.report import HEADERS, invalid_lines, row_cells
from medlocal.eval.runs import EvalRun
from medlocal.fsutil import shown_path
from medlocal.progress import ProgressCallback
from medlocal.ui import files
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import (
    ErrorLine,
    TaskPanel,
    error_text,
    picker_and_result_layout,
    resize_on_screen,
)
from medlocal.ui.dialogs.eval_chart import ChartView
from medlocal.ui.file_drags import take_dropped_path
from medlocal.ui.workers import Job

FILTERS = "Benchmark files (*.jsonl *.json *.csv);;All files (*)"


class EvaluateDialog(QDialog):
    """``evaluated(list[EvalRun])`` when an evaluation finishes."""

    evaluated = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evaluate models")
        self.workspace = workspace
        self.comparison: Comparison | None = None

        self.data = QLineEdit(self)
        self.data.setAccessibleName("Benchmark file")
        take_dropped_path(self.data)  # a benchmark file dropped here is named (left54)
        self.data.setPlaceholderText("MedQA/MedMCQA .jsonl, PubMedQA ori_pqal.json, MMLU .csv")
        self.browse = QPushButton("&Browse…", self)
        self.browse.setAccessibleName("Choose the benchmark file")
        self.browse.clicked.connect(self.choose_file)
        self.fmt = QComboBox(self)
        self.fmt.setAccessibleName("File format")
        self.fmt.addItems(["auto", *FORMATS])
        self.mode = QComboBox(self)
        self.mode.setAccessibleName("Scoring mode")
        self.mode.addItems(list(MODES))
        # Walk 26: a stored run resumes; a new measurement (say after closing other programs)
        # needs its answers discarded first, as the CLI's --fresh does.
        # Two lines: on one, the picker alone was 426 px and the dialog 832 px at its narrowest.
        self.fresh = QCheckBox("Start over (discard the stored\nanswers of these runs)", self)
        # A screen reader reads the name as one sentence, not the label's two lines (walk55a L7).
        self.fresh.setAccessibleName("Start over (discard the stored answers of these runs)")
        self.limit = QSpinBox(self)
        self.limit.setAccessibleName("Questions (0 for all)")
        self.limit.setRange(0, 1_000_000)
        self.limit.setSpecialValueText("all")
        self.models = QListWidget(self)
        self.models.setAccessibleName("Models to evaluate")
        self.run_button = QPushButton("&Evaluate", self)
        self.run_button.setAccessibleName("Start the evaluation")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.task = TaskPanel("Evaluation", self)
        self.message = ErrorLine("Evaluation message", self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setAccessibleName("Comparison table")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.chart = ChartView(self)
        self.save_button = QPushButton("&Save chart and table…", self)
        self.save_button.setAccessibleName("Save the comparison files")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self._layout()
        self.load_models()

    def _layout(self) -> None:
        picker = QWidget(self)
        form = QFormLayout(picker)
        row = QHBoxLayout()
        row.addWidget(self.data, 1)
        row.addWidget(self.browse)
        label = QLabel("&File", picker)
        label.setBuddy(self.data)  # a row holding a layout gets no buddy of its own
        form.addRow(label, row)
        form.addRow("F&ormat", self.fmt)
        form.addRow("&Mode", self.mode)
        form.addRow("&Questions", self.limit)
        form.addRow("Mo&dels", self.models)
        form.addRow(self.fresh)  # the whole row: the label column stays narrow
        form.addRow("", self.run_button)
        results = QSplitter(Qt.Orientation.Vertical, self)
        results.addWidget(self.table)
        results.addWidget(self.chart)
        results.setStretchFactor(1, 2)
        picker_and_result_layout(self, picker, results, self.task, self.message, self.save_button)
        resize_on_screen(self, 1100, 680)

    def load_models(self) -> None:
        self.models.clear()
        try:
            installed = [m for m in self.workspace.registry.models() if m.role == "chat"]
        except Exception as exc:
            self.message.show_error(error_text(exc, "Listing the models"))
            installed = []
        for index, model in enumerate(installed):
            item = QListWidgetItem(model.id)
            item.setData(Qt.ItemDataRole.UserRole, model.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if index == 0 else Qt.CheckState.Unchecked
            item.setCheckState(checked)
            self.models.addItem(item)

    def chosen_models(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.models.item(row) for row in range(self.models.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def choose_file(self) -> None:
        name = files.open_file_name(self, "Benchmark file", FILTERS)
        if name:
            self.data.setText(name)

    def request(self) -> EvalRequest | None:
        path, models = self.data.text().strip(), self.chosen_models()
        if not path:
            self.message.show_error("Choose a benchmark file.")
            return None
        if not models:
            self.message.show_error("Choose at least one model.")
            return None
        limit = self.limit.value() or None
        settings = EvalSettings(mode=self.mode.currentText(), limit=limit)  # type: ignore[arg-type]
        return EvalRequest(
            Path(path),
            tuple(models),
            self.fmt.currentText(),
            settings=settings,
            fresh=self.fresh.isChecked(),
        )

    def start(self) -> Job | None:
        request = self.request()
        if request is None:
            return None
        workspace = self.workspace
        self.message.clear_message()
        self.run_button.setEnabled(False)
        self.save_button.setEnabled(False)

        def task(progress: ProgressCallback, cancel: threading.Event) -> list[EvalRun]:
            return workspace.evaluate_models(request, progress=progress, cancel=cancel)

        return self.task.start("evaluating", task, self._done, self._failed)

    def _done(self, runs: list[EvalRun]) -> None:
        self.run_button.setEnabled(True)
        comparison = compare_runs(runs)
        self.show_comparison(comparison)
        resumed = sum(run.sessions > 1 for run in runs)
        lines = [
            f"{len(runs)} run(s) stored." + (f" {resumed} resumed from before." if resumed else "")
        ]
        # Why answers were invalid, not only how many (walk 38: a question refused as too long
        # showed as "invalid 100%" with the reason only in answers.jsonl).
        for run in runs:
            why = invalid_lines(run)
            if why:
                lines.append(f"{run.label} ({run.run_id}), {run.summary.invalid} invalid:")
                lines += [f"  {line}" for line in why]
        lines += [f"Note: {note}" for note in comparison.notes]
        self.message.show_note("\n".join(lines))
        self.evaluated.emit(runs)

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        # A file refused before any question ran (walk 26: "'options' must map A, B, ...") has
        # no answers to resume; only a run that failed midway does.
        text = error_text(exc, "The evaluation")
        if not isinstance(exc, UserInputError):
            text += " Answers so far are kept: run it again to resume."
        self.message.show_error(text)

    def show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.table.setRowCount(len(comparison.rows))
        # Each row names its run: two runs of one model in one mode look alike otherwise.
        self.table.setVerticalHeaderLabels([row.run_id for row in comparison.rows])
        for r, row in enumerate(comparison.rows):
            for c, text in enumerate(row_cells(row)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.chart.set_scene(comparison.chart())
        self.save_button.setEnabled(True)

    def save(self) -> None:
        if self.comparison is None:
            return
        folder = files.existing_folder(self, "Save the comparison in")
        if not folder or not self._may_replace(Path(folder)):
            return
        try:
            written = write_comparison(self.comparison, Path(folder))
        except OSError as exc:
            self.message.show_error(error_text(exc, "Saving"))
            return
        self.message.show_note(f"Saved {len(written)} files in {shown_path(folder)}.")

    def _may_replace(self, folder: Path) -> bool:
        """Earlier comparison files in ``folder`` are replaced only when the person agrees, as
        the other exports ask (walk 27: a second save replaced the first without a word)."""
        present = comparison_files_present(folder)
        if not present:
            return True
        names = ", ".join(path.name for path in present)
        if confirm(
            self,
            "Replace the earlier comparison?",
            f"{shown_path(folder)} already holds {names}. Replace them with this comparison?",
            "Replace them",
        ):
            return True
        self.message.show_note("Not saved: choose another folder to keep the earlier files.")
        return False

    def reject(self) -> None:
        self.task.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.task.cancel()
        super().closeEvent(event)
