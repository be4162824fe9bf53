"""The Summarise dialog's period row: "Dated from [day] to [day] [Tick these]".

A period summary ("the last admission", "since March") meant ticking documents one by one
(walk51b L6). The row only proposes ticks (app/summary_period.py decides which documents fall in
the period); the list stays the one place where the choice is made and can be changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Signal
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


class PeriodRow(QWidget):
    """``chosen`` when *Tick these* is pressed (read :meth:`period` then). Disabled, with a
    tooltip saying why, when no document shows a date of its own."""

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
        row.addStretch(1)
        self.set_days([])

    def set_days(self, days: Iterable[date]) -> None:
        """Offer the span of the documents' own dates (earliest to latest) as the period."""
        known = sorted(days)
        self.setEnabled(bool(known))
        self.setToolTip(
            "" if known else "No document shows a date of its own: tick the documents by hand."
        )
        if known:
            self.start.setDate(QDate(known[0].year, known[0].month, known[0].day))
            self.end.setDate(QDate(known[-1].year, known[-1].month, known[-1].day))

    def period(self) -> Period:
        """The period shown; raises UserInputError when it ends before it starts."""
        return Period(_day(self.start.date()), _day(self.end.date()))

    def _pressed(self) -> None:
        self.chosen.emit()
