"""Starting the window: the QApplication, theme, crash report from last time, first run or lock
screen, then the main window. ``run_gui`` is what ``medlocal`` with no arguments calls."""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import time
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, QTimer, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from medlocal import crash, paths
from medlocal.app import Workspace
from medlocal.errors import window_wording
from medlocal.fsutil import shown_path
from medlocal.settings import SettingsFileError
from medlocal.ui.colours import is_dark, scheme_palette
from medlocal.ui.file_drags import install_file_drag_guard
from medlocal.ui.file_open import FileOpenHandler
from medlocal.ui.first_run import FirstRunWizard
from medlocal.ui.focus_frame import show_focus_rings
from medlocal.ui.focus_return import watch_focus_return
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import ask, tell
from medlocal.ui.quit_signals import QuitOnSignals, quit_requested
from medlocal.ui.workers import end_if_jobs_linger, run_task

log = logging.getLogger(__name__)
GUI_SWITCH_INTERVAL_S = 0.001
# The answers to the question about a settings file that cannot be used.
RESET_SETTINGS, QUIT = "Reset to defaults", "Quit"
qt_log = logging.getLogger("medlocal.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# A path or URL inside a Qt message ("QFileSystemWatcher: failed to add paths: /home/…/Jane_Doe")
# can name a patient: kept out of the log.
_PATH_IN_MESSAGE = re.compile(
    r"""(?<![\w.])(?:[A-Za-z][\w+.-]*://|[A-Za-z]:[\\/]|~?[\\/](?=[^\s\\/]))[^\s"',;]*"""
)


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    # Qt's own messages go through Python logging (qutebrowser's approach): tests see them and
    # the log file keeps them, with any file path or URL in them replaced by "<path>".
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", scrub_paths(message))


_QUOTED_PATH = re.compile(r'"[^"\n]*[\\/][^"\n]*"')  # "C:/Users/x/Jane Doe.pdf": spaces too


def scrub_paths(message: str) -> str:
    return _PATH_IN_MESSAGE.sub("<path>", _QUOTED_PATH.sub('"<path>"', message))


class _NoticeRelay(QObject):
    """Workspace notices (a fallback taken, a GPU load that fell back to the CPU) come from
    worker threads: show them in the status bar on the GUI thread."""

    posted = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        bar = window.statusBar()
        if bar is not None:
            self.posted.connect(lambda text: bar.showMessage(text, 10000))

    def __call__(self, text: str) -> None:
        log.info("%s", text)
        self.posted.emit(window_wording(text))  # not the terminal's "--ctx" (review 52a)


# What apply_theme replaced to force a scheme (the style's name), so that "system" or a scheme
# the platform can show itself gives the platform's own look back.
_FORCED_STYLE = "_medlocal_forced_theme_style"


def apply_theme(app: QApplication, theme: str) -> None:
    """Follow the OS light/dark scheme unless the user chose one. A chosen scheme is asked of the
    platform first (Qt >= 6.8's ``setColorScheme``, which keeps the native look); where that
    leaves the palette in the other scheme (a platform theme without it: plain X11, many Linux
    desktops, offscreen), the window gets the Fusion style and MedLocal's own palette for it
    (walk 33: ``theme = dark`` left the window light)."""
    _unforce(app)
    hints = app.styleHints()
    scheme = {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
    }.get(theme, Qt.ColorScheme.Unknown)
    if hints is not None and hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)
    if theme not in ("light", "dark"):
        return
    dark = theme == "dark"
    if is_dark(app.palette()) == dark:
        return  # the platform switched
    style = app.style()
    app.setProperty(_FORCED_STYLE, style.name() if style is not None else "")
    app.setStyle("Fusion")  # native styles (Windows, macOS) draw over a palette
    app.setPalette(scheme_palette(dark))


def _unforce(app: QApplication) -> None:
    """Undo what a forced scheme set: the platform's palette and style again."""
    style = app.property(_FORCED_STYLE)
    if style is None:
        return
    app.setProperty(_FORCED_STYLE, None)
    if style:
        app.setStyle(str(style))
    app.setPalette(QPalette())  # no role set: the style's and platform's own colours


def tell_last_run(parent: QWidget | None, *, vault_unfinished: bool = False) -> None:
    """Mark this window's run, then say in one dialog what happened since MedLocal was last
    opened: an earlier run killed or stopped with the machine (walk 38: nothing was said, and the
    question being answered seemed lost) and crash reports not yet shown (versions and code
    locations only, no patient text). A native crash leaves both a run marker and a report;
    walk 40 saw them as two dialogs in a row, so both are said together, each report offered
    once. ``vault_unfinished``: the vault's creation was cut short, so it is not called safe."""
    from medlocal.crash import mark_crash_report_shown, pending_crash_reports
    from medlocal.run_marker import start_run

    ended = start_run("window")
    try:
        reports = pending_crash_reports()
    except OSError:  # an unreadable log folder: the run markers can still be told
        reports = []
    if not ended and not reports:
        return
    paragraphs = [
        end.note(crash_reported=bool(reports), vault_unfinished=vault_unfinished) for end in ended
    ]
    if reports:
        paragraphs.append(_crash_report_text(len(reports), also=bool(ended)))
    title = "MedLocal did not close properly" if ended else "MedLocal hit an internal error"
    # Not a QMessageBox: its text cannot scroll, and this one ran off a small screen (walk 55a).
    tell(parent, title, "\n\n".join(paragraphs))
    for report in reports:
        with contextlib.suppress(OSError):  # offered again next time rather than fail start-up
            mark_crash_report_shown(report)


def _crash_report_text(count: int, *, also: bool) -> str:
    from medlocal.paths import log_dir

    # Reports come from the window and from medlocal commands alike (a command says so on its
    # terminal too), and not every internal error closed anything: say what is known.
    lead = "MedLocal also hit" if also else "MedLocal hit"
    safe = "" if also else "Your vault is safe: every import that finished is kept. "
    return (
        f"{lead} an internal error since it was last opened ({count} crash report(s), from this "
        f"window or a medlocal command). {safe}The reports hold only version numbers and code "
        f"locations (no patient data) and are in:\n\n{log_dir()}\n\nYou can send them to your "
        "support contact."
    )


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    # Qt's event loop takes over: the launcher's start-up SIGTERM handler would be ignored
    # there (review 52b F2); the main window installs QuitOnSignals after this.
    crash.default_termination_in_event_loop()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qInstallMessageHandler(_qt_message)
    # Each time the GUI thread runs Python (a slot, a paint of a font icon) it must take the
    # interpreter lock; a worker running Python (PDF parsing, chunking, sampling) hands it over
    # only after this interval. 1 ms instead of 5 keeps those waits from adding up to visible
    # stalls; the lock changes hands this often only while both threads want it.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("MedLocal")
    app.setOrganizationName("MedLocal")
    app.setApplicationDisplayName("MedLocal")
    # From the first-run wizard on, not only once the main window exists (walk 48a D1, D10).
    watch_focus_return()
    show_focus_rings()
    install_file_drag_guard(app)  # no text input types a dropped file's path (review 53c F7)
    return app


def home_writable(parent: QWidget | None = None) -> bool:
    """True when MedLocal's folders can be written; otherwise one clear dialog ("MedLocal cannot
    write to its folder …: read-only") and False, where a read-only home used to end in a
    traceback or a crash report (walk 37)."""
    try:
        for folder in (paths.config_dir, paths.data_dir, paths.log_dir):
            folder()
        return True
    except OSError as exc:
        line = crash.cannot_write_message(exc)
        if line is None:
            raise
    log.warning("MedLocal's folder is read-only; the window cannot open")
    tell(parent, "MedLocal cannot write to its folder", line, "critical")
    return False


def settings_usable(workspace: Workspace, parent: QWidget | None = None) -> bool:
    """True when the settings file can be used, or the person chose to reset it to defaults
    (the bad file kept beside it as ``settings.toml.bad-<time>``); False when they chose Quit."""
    try:
        _ = workspace.settings  # loading is the check
        return True
    except SettingsFileError as exc:
        problem, path, newer = exc.problem, exc.path, exc.newer
    log.warning("settings file unusable; asking whether to reset it")
    answer = ask(
        parent,
        # The title says what the text says: a newer MedLocal's file is not damaged (walk 37).
        "MedLocal settings file is from a newer MedLocal"
        if newer
        else "MedLocal settings file is damaged",
        f"MedLocal cannot use its settings file:\n\n{shown_path(path)}\n\n{problem}\n\n"
        "Reset to defaults keeps a copy of this file beside it (settings.toml.bad-<time>) and "
        "opens MedLocal with the default settings. Quit leaves the file as it is, so you can fix "
        "it in a text editor. Your vault is not affected either way.",
        [RESET_SETTINGS],
        QUIT,
        # Enter resets, as before (nothing is lost: the file is kept beside it); Escape and
        # the close button quit, leaving the file as it is.
        default=RESET_SETTINGS,
        kind="warning",
    )
    if answer != RESET_SETTINGS:
        return False
    try:
        backup = workspace.reset_settings()
        _ = workspace.settings  # the defaults now load
    except (OSError, SettingsFileError) as exc:
        tell(
            parent,
            "MedLocal settings file",
            f"The settings file could not be moved aside ({exc}). Delete it "
            f"yourself:\n\n{shown_path(path)}",
            "critical",
        )
        return False
    if backup is not None:
        log.info("damaged settings file moved aside")
    return True


VAULT_NOT_FINISHED = (
    "The vault was not finished: its recovery key was not confirmed, so it holds nothing, and "
    "MedLocal closes now. The next start creates the vault again, with a new recovery key (a "
    "recovery key shown before will not open it)."
)


class FirstRun(NamedTuple):
    ready: bool  # a vault exists (False: the person closed the wizard first)
    open_manager: bool = False  # "Choose later in the model manager": open it over the window


def first_run(workspace: Workspace, parent: QWidget | None = None) -> FirstRun:
    """Create the vault when there is none, and say what the wizard's model page asked for."""
    if workspace.vault_exists():
        return FirstRun(True)
    wizard = FirstRunWizard(workspace, parent)
    wizard.exec()
    ready = workspace.vault_exists()
    if not ready and workspace.vault_unfinished() and not quit_requested():
        # Closed before the recovery key was confirmed (or its confirmation not written): the
        # window closes, but not without a word (review 47 R2).
        tell(parent, "The vault was not finished", VAULT_NOT_FINISHED)
    return FirstRun(ready, ready and wizard.open_manager_requested())


def build_window(workspace: Workspace) -> MainWindow | None:
    """First run if needed, then the main window (shown, not yet running an event loop)."""
    app = create_application()
    if not home_writable() or not settings_usable(workspace):
        return None
    apply_theme(app, workspace.settings.theme)
    tell_last_run(None, vault_unfinished=workspace.vault_unfinished())
    # A quit signal during a start-up dialog dismissed it: open nothing more (walk 40).
    if quit_requested():
        return None
    started = first_run(workspace)
    if not started.ready or quit_requested():
        return None
    window = MainWindow(workspace)
    window.show()
    window.start()
    if started.open_manager:
        # Once the window is up (the event loop running), over it: the wizard promised it.
        QTimer.singleShot(0, window.dialogs.show_model_manager)
    run_task(
        "warm up",
        lambda _cancel: workspace.warm_up(),
        None,
        lambda exc: log.info("warm-up skipped (%s)", type(exc).__name__),
    )
    return window


def run_gui(argv: Sequence[str] | None = None) -> int:
    from medlocal.run_marker import end_run
    from medlocal.ui.log_tail import install_log_tail

    started = time.perf_counter()
    install_log_tail()  # the About dialog's log view starts with the app, not when first opened
    app = create_application(argv)
    # SIGTERM, SIGINT, SIGHUP: closed as File > Quit does, not killed mid-answer (walk 40).
    quitter = QuitOnSignals(app)
    try:
        file_open = FileOpenHandler(app)  # macOS: a double-clicked .gguf, even during first run
        app.installEventFilter(file_open)
        if not home_writable():
            return 2  # said in a dialog; the CLI's exit status for it
        workspace = Workspace(notice=lambda text: log.info("%s", text))
        # The de-identification rules are built and run in a process of their own: built here,
        # they held the interpreter lock and stalled the window (walkfix54a D2).
        workspace.rules_in_own_process()
        try:
            window = build_window(workspace)
            code = 0  # first run left without a vault: nothing more to show
            if window is not None:
                quitter.window = window
                file_open.attach(window.dialogs)
                log.info("window shown %.2f s after start", time.perf_counter() - started)
                relay = _NoticeRelay(window)
                workspace.notice = relay
                if quitter.received is None:
                    code = int(app.exec())
                else:  # asked to quit during a start-up dialog: no event loop to run first
                    window.close()
        finally:
            workspace.close()
    finally:
        quitter.uninstall()
    # The run ended as asked: its marker goes now, as end_if_jobs_linger may leave by
    # os._exit, which skips the atexit hook that would remove it.
    end_run()
    end_if_jobs_linger(code)  # quit during a slow unlock: no worker outlives Qt (walk 34)
    return code
