"""The main window's size, place and pane widths, kept between starts."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QMainWindow, QSplitter

from medlocal import paths
from medlocal.ui.screen_room import size_on_screen

FIRST_SIZE = (1300, 800)  # the window's size at its first start, if the screen has room


def window_settings() -> QSettings:
    # Geometry and panel sizes only: never a patient, a file name or any text. With
    # MEDLOCAL_HOME (a portable install, a USB stick) they stay in its config folder too,
    # not in this computer's ~/.config or registry.
    if paths.home_override() is not None:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
    return QSettings("MedLocal", "MedLocal")


def first_size(window: QMainWindow) -> QSize:
    """1300 x 800, or the room the screen's free area leaves the window inside its frame where
    that is smaller (a 1024 x 768 or a 1366 x 768 laptop with a side panel): a window larger
    than the screen hides its edges and its status bar. The frame counted as for the dialogs
    (screen_room): sized to the whole free height, the title bar pushed the status bar (the
    offline line) below a 728 px free area (review61u)."""
    return size_on_screen(window, *FIRST_SIZE)


def restore_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    store = window_settings()
    geometry = store.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(first_size(window))
    sizes = store.value("window/splitter")
    if sizes is not None:
        splitter.restoreState(sizes)


def save_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    store = window_settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/splitter", splitter.saveState())
    store.sync()  # written now: a quit with a job still running ends the process at once
