"""The Summarise dialog's period row: "Dated from [day] to [day] [Tick these]".

A period summary ("the last admission", "since March") meant ticking documents one by one
(walk51b L6). The row only proposes ticks (app/summary_period.py decides which documents fall in
the period); the list stays the one place where the choice is made and can be changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from medlocal.app.summary_period import Period

# Days shown as every other date of the window (YYYY-MM-DD): never in the locale's order, where
# 03/04 reads as March in one clinic and April in another.
DAY_FORMAT = "yyyy-MM-dd"


def _day_edit(name: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setAccessibleName(name)
    edit.setDisplayFormat(DAY_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def _day(shown: QDate) -> date:
    return date(shown.year(), shown.month(), shown.day())


_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NO_DATES = "No document shows a date of its own: tick the documents by hand."


class PeriodRow(QWidget):
    """``chosen`` when *Tick these* is pressed, or Enter in a date (read :meth:`period` then).
    Where no document shows a date of its own the row says so in place of its controls."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = _day_edit("Period start", self)
        self.end = _day_edit("Period end", self)
        self.button = QPushButton("Tic&k these", self)
        self.button.setAccessibleName("Tick the documents dated in this period")
        self.button.setToolTip(
            "Tick the documents whose own date falls in this period (both days included) and "
            "untick the others"
        )
        self.button.clicked.connect(self._pressed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        from_label = QLabel("Dated &from", self)
        from_label.setBuddy(self.start)
        row.addWidget(from_label)
        row.addWidget(self.start)
        to_label = QLabel("t&o", self)
        to_label.setBuddy(self.end)
        row.addWidget(to_label)
        row.addWidget(self.end)
        row.addWidget(self.button)
        # Said in the row itself: a tooltip on a disabled row reached neither the keyboard nor
        # a hover over its button (review52a 6).
        self.no_dates = QLabel(NO_DATES, self)
        self.no_dates.setAccessibleName("Period")
        row.addWidget(self.no_dates)
        row.addStretch(1)
        self._controls: tuple[QWidget, ...] = (
            from_label, self.start, to_label, self.end, self.button,
        )  # fmt: skip
        # Enter in a date uses the period: passed on, it pressed the dialog's default button
        # and summarised the documents ticked before, as if they were the period (review52a 1).
        for edit in (self.start, self.end):
            edit.installEventFilter(self)
        self.set_days([])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
        ):
            self._pressed()
            return True
        return super().eventFilter(watched, event)

    def set_days(self, days: Iterable[date]) -> None:
        """Offer the span of the documents' own dates (earliest to latest) as the period."""
        known = sorted(days)
        for control in self._controls:
            control.setVisible(bool(known))
        self.no_dates.setVisible(not known)
        if known:
            self.start.setDate(QDate(known[0].year, known[0].month, known[0].day))
            self.end.setDate(QDate(known[-1].year, known[-1].month, known[-1].day))

    def period(self) -> Period:
        """The period shown; raises UserInputError when it ends before it starts."""
        return Period(_day(self.start.date()), _day(self.end.date()))

    def _pressed(self) -> None:
        self.chosen.emit()
