"""The desktop window (PySide6): the only package that imports Qt, a thin face over
:class:`medlocal.app.Workspace`."""

import os

# superqt and qtawesome go through qtpy, which must pick PySide6 (the binding we ship), never a
# PyQt that happens to be installed. Set here so it holds before any ui module loads them.
os.environ.setdefault("QT_API", "pyside6")
