"""The Qt binding must not drop references to None/True/False: on Python 3.11 (not immortal)
PySide6 6.12.0 did on every void call and emit, and the app aborted with "none_dealloc" after a
few thousand calls — a crash no short GUI test would otherwise notice."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

CALLS = 3000


class _Emitter(QObject):
    changed = Signal(object)
    flag = Signal(bool)


def _drift(call: object) -> tuple[int, int]:
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(CALLS):
        call()  # type: ignore[operator]
    return sys.getrefcount(None) - before[0], sys.getrefcount(True) - before[1]


def test_void_calls_and_emits_keep_singleton_refcounts(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    label = QLabel("x")
    qtbot.addWidget(label)
    emitter = _Emitter()
    received = [0]

    def count(_value: object) -> None:  # keeps no reference to what it receives
        received[0] += 1

    emitter.changed.connect(count)
    emitter.flag.connect(count)
    for name, call in (
        ("processEvents", app.processEvents),
        ("setText", lambda: label.setText("y")),
        ("emit object", lambda: emitter.changed.emit(None)),
        ("emit bool", lambda: emitter.flag.emit(True)),
    ):
        none_drift, true_drift = _drift(call)
        # A leak of one reference per call shows as -3000; allow ordinary interpreter noise.
        assert abs(none_drift) < CALLS // 10, (name, none_drift)
        assert abs(true_drift) < CALLS // 10, (name, true_drift)
    assert received[0] == 2 * CALLS
