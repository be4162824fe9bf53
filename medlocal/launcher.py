"""``medlocal``: the window with no arguments (or ``medlocal gui``), ``--selftest``, otherwise the
command line. It sits outside the layer contracts on purpose: it is the one module allowed to
choose between the Qt face and the terminal face."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Sequence

from medlocal import crash

crash.tell_interrupts_in_one_line()  # before the imports a Ctrl+C may land in (walk 49a D6)

from medlocal.privacy import hardening, netguard  # noqa: E402

NO_DISPLAY_HINT = (
    "medlocal: no display found (DISPLAY / WAYLAND_DISPLAY unset), so the window cannot open; "
    "use the commands below, or set QT_QPA_PLATFORM=offscreen for a headless check."
)


def has_display() -> bool:
    """Whether a window can open. X11/Wayland desktops announce themselves in the environment;
    Windows and macOS always have one for a logged-in user."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _prepare() -> None:
    # Privacy first: offline environment, socket guard and hardening before any service import.
    netguard.install()
    crash.install_crash_handler()
    hardening.harden_process()
    hardening.configure_logging(logging.INFO)
    _native_first()


def _native_first() -> None:
    # Before anything imports numpy: llama.cpp crashed on load where numpy came first (see
    # engine/native_first.py).
    from medlocal.engine.native_first import load_before_numpy

    load_before_numpy()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--selftest"]:
        _prepare()
        from medlocal.app.selftest import run_selftest

        return run_selftest(sys.stdout)
    if args == ["--speed-check"]:
        # Installers' benchmark: tok/s on the demo model, the same code frozen or from source.
        _prepare()
        from medlocal.app.speedcheck import speed_check

        return speed_check(sys.stdout)
    if args == ["--check-window"]:
        # Installers' smoke test: the first window opens (QT_QPA_PLATFORM=offscreen in CI).
        _prepare()
        from medlocal.ui.launch_checks import check_window

        return check_window(sys.stdout)
    if len(args) == 2 and args[0] == "import-model":
        # What a double-clicked .gguf runs (installers' file association): the model manager
        # importing it; with no display, the same import on the command line.
        if not has_display():
            _native_first()
            from medlocal.cli import main as cli_main

            return cli_main(["models", "import", args[1]])
        _prepare()
        from pathlib import Path

        from medlocal.ui.launch_checks import import_model

        return import_model(Path(args[1]))
    if not args or args == ["gui"]:
        if not has_display():
            from medlocal.cli import build_parser

            print(NO_DISPLAY_HINT, file=sys.stderr)
            build_parser().print_help()
            return 0
        _prepare()
        from medlocal.ui.app import run_gui

        return run_gui(sys.argv[:1])
    _native_first()
    from medlocal.cli import main as cli_main

    code = cli_main(args)
    if argv is None:
        _close_without_interrupts()
    return code


def _close_without_interrupts() -> None:
    """The command has finished and said so: a Ctrl+C while the process closes (the vault
    locking, the run marker removed at exit) would only print a traceback and turn a done
    change into exit 130 (walk 49a D6), so it is ignored from here on."""
    with contextlib.suppress(ValueError, OSError):  # not the main thread: nothing to change
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from medlocal.cli.term_signals import let_go_until_exit

    let_go_until_exit()  # a SIGTERM now is not a failure after a done command (walk 52b L3)
