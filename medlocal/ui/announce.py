"""Say a change to a screen reader (walk 48a D2): an answer arriving while focus stays in the
question box, an import's result, a wrong passphrase, an export done were silent label changes.

Qt 6.8's announcement event asks the platform's accessibility bridge (AT-SPI, UIA, NSAccessibility)
to speak ``text`` without moving focus. Every announcement is also emitted on
:data:`announcer`'s ``announced`` signal, for tests and anything else that listens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcer(QObject):
    announced = Signal(str)


announcer = Announcer()


def announce(source: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have a screen reader say ``text``, spoken as coming from ``source``. ``urgent`` (an error)
    interrupts what it is saying; otherwise it waits its turn."""
    text = text.strip()
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    announcer.announced.emit(text)
