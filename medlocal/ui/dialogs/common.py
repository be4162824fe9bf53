"""Pieces every dialog shares: one background task with progress and Cancel, an inline error
line, and the wording of errors for people (never patient text in the log). File choosers are
:mod:`medlocal.ui.files` (Qt's own dialog: nothing lands in the desktop's recent files)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from medlocal.crash import describe_exception
from medlocal.errors import GenerationCancelled, MedLocalError
from medlocal.fsutil import disk_full_error, shown_path
from medlocal.other_account import another_account_message
from medlocal.progress import Progress, ProgressCallback
from medlocal.ui.announce import announce
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.fitting_scroll import scrolling_pane
from medlocal.ui.screen_room import keep_on_screen, size_on_screen
from medlocal.ui.tab_order import in_layout_order, tab_in_layout_order
from medlocal.ui.workers import Job, ProgressRelay, run_task

log = logging.getLogger(__name__)

T = TypeVar("T")
Task = Callable[[ProgressCallback, threading.Event], T]
BAR_STEPS = 1000  # QProgressBar holds an int32: byte counts of big models would overflow it
_MB = 1_000_000


def error_text(exc: BaseException, what: str = "The task") -> str:
    """What a person reads when a task fails. Only the error's type and frames go to the log:
    messages can quote file names or text."""
    if isinstance(exc, GenerationCancelled):
        return f"{what} was stopped."
    if isinstance(exc, MedLocalError):
        return exc.window or str(exc)  # worded for the window where the terminal's differs
    if (full := disk_full_error(exc)) is not None:  # walk 38: one line for a full disk
        return str(full)
    # Walk 52b M2: another account's private folder is named as such, nothing to loosen.
    named = exc.filename if isinstance(exc, PermissionError) else None
    if isinstance(named, str) and (other := another_account_message(Path(named))) is not None:
        return other
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        where = f" ({shown_path(str(exc.filename))})" if exc.filename else ""
        return f"{what} could not read or write a file: {reason}{where}."
    # The frames (file, line, function) and those of the errors it was raised from, never the
    # messages, which can quote patient text: "the log has details" must be true (walk 35: the
    # log held the one line below, and nobody could tell where the export failed).
    log.error(
        "%s failed unexpectedly (%s)\n%s",
        what,
        type(exc).__name__,
        "\n".join(describe_exception(exc)),
    )
    return f"{what} failed unexpectedly ({type(exc).__name__}); the log has details."


def size_text(count: int | float) -> str:
    if count >= 1000 * _MB:
        return f"{count / (1000 * _MB):.2f} GB"
    return f"{count / _MB:.1f} MB"


def progress_text(value: Progress) -> str:
    """One line for a progress value; byte counts in MB/GB rather than raw numbers."""
    if value.unit != "bytes":
        return value.describe()
    amount = size_text(value.done) + (f" of {size_text(value.total)}" if value.total else "")
    detail = f" · {value.detail}" if value.detail else ""
    return f"{value.stage}: {amount}{detail}"


def run_owned(
    owner: QObject,
    name: str,
    work: Callable[[threading.Event], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    *,
    pool: QThreadPool | None = None,
) -> Job:
    """:func:`run_task` for a task a widget started: the task is cancelled when the widget is
    destroyed, and its result or error is dropped if the widget is gone by then (a dialog
    closed and deleted while a download or a summary was still finishing). ``pool``: as for
    :func:`run_task` (:func:`medlocal.ui.workers.folder_looks` for a folder that may not
    answer)."""

    def done(result: T) -> None:
        if shiboken6.isValid(owner):
            on_done(result)

    def failed(exc: BaseException) -> None:
        if shiboken6.isValid(owner):
            on_error(exc)

    job = run_task(name, work, done, failed, pool=pool)
    # Not ``connect(job.cancel)``: ``destroyed`` passes the deleted object, which became the
    # job's ``cancelled_by`` reason (review 52b F11: any later read or log of it raised).
    owner.destroyed.connect(lambda *_: job.cancel())
    return job


class ErrorLine(ToneLabel):
    """An inline message under a form: red for errors, green for success, plain for notes
    (readable in either scheme); hidden when empty."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__("", Tone.PLAIN, parent)
        self.setWordWrap(True)
        self.setAccessibleName(name)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self._show(text, Tone.ERROR)

    def show_ok(self, text: str) -> None:
        self._show(text, Tone.OK)

    def show_note(self, text: str) -> None:
        self._show(text, Tone.PLAIN)

    def _show(self, text: str, tone: Tone) -> None:
        self.show_text(text, tone)
        self.setVisible(bool(text))
        if text:
            grow_to_fit(self)
            announce(self, text, urgent=tone is Tone.ERROR)

    def clear_message(self) -> None:
        self._show("", Tone.PLAIN)


def grow_to_fit(widget: QWidget) -> None:
    """Make ``widget``'s window tall enough for its layout at its present width (up to the
    screen). A top-level window does not grow for a wrapped label's extra lines by itself: walk
    29's backup check said "The backup is whole…" in a label 21 px high that needed 56, cut off
    at the buttons."""
    window = widget.window()
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    need = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    # Within the room the screen leaves it, its frame counted (screen_room): bounded by the
    # screen's whole height, Settings grew to 736 px on a 384 px screen at 18 pt once its
    # keychain note showed, its buttons below the screen's edge (ui61's walk).
    need = size_on_screen(window, width, need).height()
    if need > window.height():
        window.resize(width, need)
        # Grown downwards from where it lies: a dialog Qt centred over the window ran past the
        # screen's bottom edge once its message showed (review61u).
        keep_on_screen(window)


def resize_on_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget`` at ``width`` x ``height``, or at the screen's free area where that is smaller:
    a dialog larger than an 800 x 600 or 1024 x 768 screen hides its buttons (walk 34 found the
    main window too wide for such a screen; the evaluation dialog opened at 1100 px)."""
    # What does not fit scrolls, the closing buttons stay in view. The dialogs split into a
    # picker and a result (Summarise, Evaluate) are only kept on the screen: their picker
    # scrolls in its own pane (picker_and_result_layout); in a scroll area of the whole dialog
    # the picker took the larger part of the width from the summary (walkfix55a's report).
    layout = widget.layout()
    first = layout.itemAt(0) if layout is not None else None
    # Where the screen has room, no smaller than its content: before fit_dialog the layout's
    # minimum set the dialog's, so Backup opened at 640 x 528 for its 640 x 460; after it, the
    # 460 was kept and the restore part scrolled at 1x on a 1920 x 1080 screen (review55c).
    least = widget.minimumSizeHint()
    if first is None or not isinstance(first.widget(), QSplitter):
        fit_dialog(widget)
    else:
        fit_dialog(widget, scroll=False)  # its panes scroll (picker_and_result_layout)
    wanted = least.expandedTo(QSize(width, height))
    widget.resize(size_on_screen(widget, wanted.width(), wanted.height()))


class _PickerAThirdAtMost(QObject):
    """On a splitter of a picker and a result: where the two sides ask for more width than the
    splitter has, the picker is given a third at most (it scrolls) and the result the rest.
    Left to Qt, the picker kept the width it asked for and the summary got 70 px of a 683 px
    dialog at 18 pt (only the result stretches). Where both fit, Qt's split (and the user's,
    dragged) is left alone."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QSplitter):
            picker, result = watched.widget(0), watched.widget(1)
            width = watched.width() - watched.handleWidth()
            if picker is not None and result is not None and width > 0:
                asked = picker.sizeHint().width() + result.sizeHint().width()
                if asked > width and picker.width() > width // 3:
                    watched.setSizes([width // 3, width - width // 3])
        return False


class TaskPanel(QWidget):
    """A progress bar, a status line and a Cancel button for one background task at a time.

    ``start(name, task, on_done, on_error)`` runs ``task(progress, cancel)`` off the GUI thread;
    its progress reaches the bar through a :class:`ProgressRelay`; Cancel sets the task's event.
    """

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.job: Job | None = None
        self.last: Progress | None = None
        self.bar = QProgressBar(self)
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(0)
        self.bar.setAccessibleName(f"{what} progress")
        # Shown from the first task on: an idle "0%" bar read as a task stuck at the start.
        policy = self.bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing moves when it appears
        self.bar.setSizePolicy(policy)
        self.bar.hide()
        self.status = QLabel(self)
        self.status.setAccessibleName(f"{what} status")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName(f"Cancel {what.lower()}")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self.show_progress)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 2)
        row.addWidget(self.status, 3)
        row.addWidget(self.cancel_button)

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def start(
        self,
        name: str,
        task: Task[T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        *,
        cancellable: bool = True,
        pool: QThreadPool | None = None,
    ) -> Job:
        if self.busy:
            raise RuntimeError(f"{self.what} is already running")
        self.last = None
        self.bar.setRange(0, 0)  # busy until the first progress value says how much
        self.bar.show()
        self.status.setText(f"{name}…")
        self.cancel_button.setEnabled(cancellable)
        relay = self.relay

        def done(result: T) -> None:
            self._finish(completed=True)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._finish(completed=False)
            on_error(exc)

        def work(cancel: threading.Event) -> T:
            return task(_alive_only(relay), cancel)

        self.job = run_owned(self, name, work, done, failed, pool=pool)
        return self.job

    def show_progress(self, value: Progress) -> None:
        self.last = value
        fraction = value.fraction
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(round(fraction * BAR_STEPS))
        self.status.setText(progress_text(value))

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.status.setText("Stopping…")
            self.cancel_button.setEnabled(False)

    def _finish(self, *, completed: bool) -> None:
        """A full bar only for a task that completed: a stopped or failed one empties it (walk
        38: "100%" beside "The summary was stopped. Nothing was saved.")."""
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(BAR_STEPS if completed and self.last is not None else 0)
        self.status.setText("")


def _alive_only(relay: ProgressRelay) -> ProgressCallback:
    """Progress from a task whose panel was deleted goes nowhere (the task is being cancelled)."""

    def send(value: Progress) -> None:
        if shiboken6.isValid(relay):
            relay(value)

    return send


def row_table(columns: Sequence[str], name: str, parent: QWidget | None = None) -> QTableWidget:
    """A read-only table chosen by whole rows, columns sized to their first rows, no row
    numbers; ``name`` is its accessible name. Tab leaves it (the arrow keys move inside)."""
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(list(columns))
    _rows_look(table, name)
    return table


def row_view(model: QAbstractItemModel, name: str, parent: QWidget | None = None) -> QTableView:
    """:func:`row_table`'s look over ``model``, for a table that may grow long: the model makes
    only the cells shown (:class:`medlocal.ui.row_model.RowsModel`)."""
    view = QTableView(parent)
    view.setModel(model)
    _rows_look(view, name)
    return view


def _rows_look(table: QTableView, name: str) -> None:
    # Walk 39: Tab went from cell to cell of the model manager's Installed table and never left
    # it, so Import, Set as default and Remove were out of the keyboard's reach.
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    fit_columns_to_first_rows(table)
    table.verticalHeader().setVisible(False)
    table.setAccessibleName(name)


# Rows measured (beside the visible ones) when a column is sized to its contents. Qt's default
# is 1000: a 720-row export preview froze the window 0.4-1.1 s while Qt measured every cell
# (walk 50a D1), and the audit log and saved outputs grow with use.
MEASURED_ROWS = 40


def fit_columns_to_first_rows(table: QTableView) -> None:
    """Columns sized to the contents of the visible rows and the first ``MEASURED_ROWS``, the
    last one stretched: a long table costs no more to lay out than a short one."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(MEASURED_ROWS)
    header.setStretchLastSection(True)


def picker_and_result_layout(
    dialog: QDialog,
    picker: QWidget,
    result: QWidget,
    task: QWidget,
    message: QWidget,
    action: QPushButton,
) -> None:
    """The frame the summarise and evaluate dialogs share: what to run on the left, its result
    on the right, then the task's progress, a message line and Close beside the action."""
    splitter = QSplitter(Qt.Orientation.Horizontal, dialog)
    # Each side scrolls in its pane, as the main window's panes do: the picker's controls at
    # 18 pt made the dialog at least 794 px wide, and Evaluate's chart (380 x 220 at least)
    # 400 px tall, larger than a 683 x 384 screen (walk 55a M1).
    picker_pane, result_pane = scrolling_pane(picker), scrolling_pane(result)
    splitter.addWidget(picker_pane)
    splitter.addWidget(result_pane)
    splitter.setStretchFactor(1, 2)
    splitter.installEventFilter(_PickerAThirdAtMost(splitter))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    buttons.addButton(action, QDialogButtonBox.ButtonRole.ActionRole)
    layout = QVBoxLayout(dialog)
    layout.addWidget(splitter, 1)
    layout.addWidget(task)
    layout.addWidget(message)
    layout.addWidget(buttons)
    # Tab as they show, not as they were created (walk 55a L2: Evaluate's "Start over", below
    # the models, came before Questions).
    tab_in_layout_order(dialog)


def table_and_actions_layout(
    dialog: QDialog, table: QTableView, actions: Sequence[QWidget], message: QWidget
) -> None:
    """The frame the audit and saved-outputs dialogs share: the table, its action buttons in a
    row on the left, a message line, then Close."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    row = QHBoxLayout()
    for action in actions:
        row.addWidget(action)
    row.addStretch(1)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table, 1)
    layout.addLayout(row)
    layout.addWidget(message)
    layout.addWidget(buttons)


def tab_order_of_forms(forms: Sequence[QFormLayout], after: Sequence[QWidget] = ()) -> None:
    """Tab goes through ``forms`` row by row, as they show, then to ``after`` (the buttons).
    Qt's own order is the order widgets joined the window, which a form built group by group
    from a list of settings does not follow (walk 48a D7: Preset was reached last)."""
    order = [widget for form in forms for widget in in_layout_order(form)]
    order += after
    for first, second in pairwise(order):
        QWidget.setTabOrder(first, second)
