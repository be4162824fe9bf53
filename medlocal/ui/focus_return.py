"""Focus goes back where it was when a dialog closes (walk 46a D8, walk 48a D1).

A window manager activates a closed dialog's parent window again by itself, and Qt then
gives focus back to the widget that had it. Qt's offscreen platform, and some bare X11 or
kiosk sessions, do not: after any dialog (a menu action's, a button's, a message box or an
input box opened from another dialog) no widget had focus, the window was not active, and
keyboard shortcuts did nothing until a click. One watcher per application covers every dialog,
whoever opens it: it remembers which widget had focus when a dialog took it, and when that
dialog has closed and nothing has focus, it activates that widget's window and focuses it
again (else the window's default, :func:`set_default_focus`).

Leaving the application for another one also leaves no focus window, but the dialog is still
open then: only a dialog that has closed hands focus back, so nothing is stolen."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# Window -> its default widget, by id: a later window with a recycled id fails the check that
# the widget belongs to it.
_DEFAULTS: dict[int, QWidget] = {}


@dataclass
class _Opened:
    dialog: QWidget
    return_to: QWidget | None  # the widget that had focus before the dialog took it
    parent: QWidget  # the window to activate again


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def _has_focus(window: QWidget) -> bool:
    """Whether ``window`` is active with a visible widget of its own focused (a window manager
    gave it back, or the closing dialog's caller moved focus on purpose)."""
    focus = QApplication.focusWidget()
    return (
        window.isActiveWindow()
        and focus is not None
        and focus.window() is window
        and focus.isVisible()
    )


def set_default_focus(window: QWidget, widget: QWidget) -> None:
    """Where focus goes in ``window`` after a dialog closes when nothing had focus before."""
    key = id(window)
    _DEFAULTS[key] = widget
    window.destroyed.connect(lambda _obj=None: _DEFAULTS.pop(key, None))


class FocusReturn(QObject):
    """Watches focus for the whole application; see the module's docstring."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._last: QWidget | None = None
        self._opened: list[_Opened] = []
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        window = new.window()
        last = self._last if _alive(self._last) else None
        self._last = new
        if not isinstance(window, QDialog) or any(o.dialog is window for o in self._opened):
            return
        if last is not None and last.window() is not window:
            opened = _Opened(window, last, last.window())
        elif (parent := window.parentWidget()) is not None:
            opened = _Opened(window, None, parent.window())
        else:
            return
        self._opened.append(opened)
        # After done() has hidden it; once its own window events are through (deactivation).
        window.finished.connect(lambda _result: QTimer.singleShot(0, self._give_back))
        if not window.isVisible():  # focus arrived late, after the dialog had already closed
            QTimer.singleShot(0, self._give_back)

    def _give_back(self) -> None:
        # Dialogs that have closed, innermost first; one still open keeps its focus.
        while self._opened:
            opened = self._opened[-1]
            if _alive(opened.dialog) and opened.dialog.isVisible():
                return
            self._opened.pop()
            if _alive(opened.parent) and opened.parent.isVisible():
                if not _has_focus(opened.parent):
                    self._focus(opened)
                return

    def _focus(self, opened: _Opened) -> None:
        window = opened.parent
        window.activateWindow()
        default = _DEFAULTS.get(id(window))
        for target in (opened.return_to, default, window.focusWidget()):
            if (
                isinstance(target, QWidget)
                and _alive(target)
                and target.window() is window
                and target.isVisibleTo(window)
                and target.isEnabled()
            ):
                target.setFocus()
                return


def watch_focus_return() -> None:
    """Install the watcher once for this application (a no-op without a QApplication)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.findChild(FocusReturn) is None:
        FocusReturn(app)
