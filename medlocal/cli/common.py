"""What several command groups share: the workspace a command runs in, and how the vault opens.

``main`` builds one :class:`~medlocal.app.Workspace` per run and hands it to the handler as
``args.workspace``; handlers call its verbs and print. Nothing here holds logic the window would
need too: that lives in :mod:`medlocal.app`.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import io
import json
import os
import shutil
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from medlocal.app import Workspace
from medlocal.app.vault_session import upgrade_notice
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_path
from medlocal.progress import Progress
from medlocal.vault.store import Vault

T = TypeVar("T")


def workspace(args: argparse.Namespace) -> Workspace:
    ws: Workspace = args.workspace
    return ws


def notice(text: str) -> None:
    print(f"medlocal: {text}", file=sys.stderr)


def add_vault_args(parser: argparse.ArgumentParser) -> None:
    """``--vault DIR`` and ``--passphrase-file FILE`` for any command that opens the vault."""
    parser.add_argument("--vault", metavar="DIR", help="vault folder (default: the app's)")
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help="read the passphrase from FILE (for scripts)"
    )


def open_vault(args: argparse.Namespace) -> Vault:
    """Unlock with --passphrase-file, else the remembered keychain wrap, else a prompt."""
    passphrase_file = getattr(args, "passphrase_file", None)
    secret = read_secret_file(passphrase_file) if passphrase_file else None
    ws = workspace(args)
    vault = ws.unlock(secret, prompt=lambda: ask_secret("Vault passphrase: "))
    tell_upgrade(ws)
    return vault


def tell_upgrade(ws: Workspace) -> None:
    """The one line on stderr after the open that upgraded the vault (walk 44 D5: it was silent
    and one-way)."""
    note = ws.take_upgrade_notice()
    if note is not None:
        notice(note)


def tell_vault_upgrade(vault: Vault) -> None:
    """:func:`tell_upgrade` for a vault a command opened itself, outside the workspace."""
    note = upgrade_notice(vault)
    if note is not None:
        notice(note)


def ask_secret(prompt: str) -> str:
    """A passphrase typed at the terminal (or piped in). With nothing to read (a script or a
    service without a terminal, stdin closed) say how to pass it instead of failing."""
    try:
        # Piped in (no terminal), getpass cannot turn echo off and warns with a source line of
        # its own; there is nothing on a screen to hide, so the warning only confuses. With no
        # terminal at all its fallback also prints "Warning: Password input may be echoed" and
        # the prompt to stderr, before the error when nothing is piped (walk 33): no one sees
        # them there.
        quiet = io.StringIO() if not _has_terminal() else None
        with warnings.catch_warnings(), contextlib.redirect_stderr(quiet or sys.stderr):
            warnings.simplefilter("ignore", getpass.GetPassWarning)
            return getpass.getpass(prompt)
    except (EOFError, AttributeError):  # input closed; no stdin at all ("<&-"): review 32b
        raise UserInputError(
            "No passphrase could be read (no terminal, input closed). In scripts give it in a "
            "file: --passphrase-file FILE (a new one: --new-passphrase-file FILE)."
        ) from None


def _has_terminal() -> bool:
    """Whether a person can be asked: standard input is a terminal, or the process has one
    (getpass then reads /dev/tty even with input piped)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except (OSError, AttributeError):  # no controlling terminal; Windows has no O_NOCTTY
        return False
    return True


def read_secret_file(name: str) -> str:
    path = Path(name).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UserInputError(f"Cannot read the passphrase file {name}.") from err
    secret = text.rstrip("\r\n")
    if not secret:
        raise UserInputError(f"The passphrase file {name} is empty.")
    warn_if_others_can_read(path)
    return secret


def warn_if_others_can_read(path: Path) -> None:
    """A secret's file that other users of the computer can read is used, with a word on how
    to keep it (walk 49a D8: a 0644 file was read without one). POSIX permissions only: on
    Windows a file's access is its folder's ACL, which the mode does not show."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return
    if mode & 0o077:
        notice(
            f"{shown_path(path)} can be read by other users of this computer (permissions "
            f"{mode:03o}). Keep a passphrase or recovery-key file readable by you only "
            f"(chmod 600), and delete it once it has been used."
        )


# Redirected progress of a stage whose size is unknown: a line this often, so a long step
# (a summary's reduce) does not look hung in a log.
QUIET_PROGRESS_S = 10.0


class TerminalProgress:
    """Progress on stderr: one updating line on a terminal; otherwise a line when a stage
    starts, at every tenth of it, and every ``QUIET_PROGRESS_S`` seconds when its size is
    unknown."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.stage: str | None = None
        self.last_tenth = -1
        self.last_print = 0.0
        self.last_done = 0
        self.printed = False
        self.shown = ""  # the line now on the terminal

    def __call__(self, p: Progress) -> None:
        text = p.describe()
        if self.tty:
            self._redraw(text)
            return
        if p.live:  # redrawn on a terminal only; a log gets the figure when the unit ends
            return
        now = time.monotonic()
        fresh = p.stage != self.stage
        if fresh:
            # Walk 20: the tenths were counted across stages, so after "map: 1/1 steps" every
            # line of the reduce stage was held back (15 silent minutes in a log).
            self.stage, self.last_tenth = p.stage, -1
        fraction = p.fraction
        if fraction is not None:
            due = int(fraction * 10) > self.last_tenth
            self.last_tenth = max(self.last_tenth, int(fraction * 10))
        else:
            due = now - self.last_print >= QUIET_PROGRESS_S
        # A unit finished (a summary step, with the tokens it wrote) after a quiet while: said,
        # even within the same tenth, so a log of minutes-long steps shows each one end.
        finished = p.done != self.last_done and now - self.last_print >= QUIET_PROGRESS_S
        self.last_done = p.done
        if fresh or due or finished:
            self.last_print = now
            print(text, file=sys.stderr, flush=True)

    def _redraw(self, text: str) -> None:
        """Write ``text`` over the line now shown (walk 54a D6: each step read twice, "(document
        1 of 7)   (document 1 of 7)"): a line the same as the last is not written again, one
        shorter blanks what is left of the last, and one wider than the terminal is cut to fit,
        as a wrapped line is left behind by the next carriage return."""
        width = shutil.get_terminal_size().columns - 1
        if len(text) > width:
            text = text[: max(0, width - 1)] + "…"
        if text == self.shown and self.printed:
            return
        blank = " " * max(0, len(self.shown) - len(text))
        print("\r" + text + blank, end="", file=sys.stderr, flush=True)
        self.shown = text
        self.printed = True

    def done(self) -> None:
        if self.printed:
            print(file=sys.stderr)
            self.printed = False
            self.shown = ""


def run_with_progress(
    task: Callable[[TerminalProgress, threading.Event], T], stopped: str
) -> T | None:
    """``task(progress, cancel)`` with a progress line. Ctrl-C sets ``cancel`` (the task stops
    between whole units of work), prints ``medlocal: <stopped>`` and returns None."""
    progress = TerminalProgress()
    cancel = threading.Event()
    try:
        result = task(progress, cancel)
    except KeyboardInterrupt:
        cancel.set()
        progress.done()
        print(f"medlocal: {stopped}", file=sys.stderr)
        return None
    progress.done()
    return result


def confirm(
    question: str | Callable[[], str],
    args: argparse.Namespace,
    *,
    typed: str | None = None,
    scripts_refused: str | None = None,
) -> bool:
    """Ask before something that cannot be undone, when a person is at the terminal: ``--yes``
    skips the question, and so does a script (standard input not a terminal, or closed), which
    keeps working as before; with ``scripts_refused`` a script is refused instead (that
    message, as bad input). ``typed``: the word the person must type (else y/N). False when the
    person does not answer yes, or ends the input (Ctrl-D). ``question`` may be a function, called
    only when someone is asked (naming what is replaced can take reading it)."""
    if getattr(args, "yes", False):
        return True
    if not stdin_is_terminal():
        if scripts_refused is not None:
            raise UserInputError(scripts_refused)
        return True
    text = question() if callable(question) else question
    prompt = (
        f"{text} Type '{typed}' to go on: " if typed else f"{text} This cannot be undone. [y/N] "
    )
    try:
        answer = input(prompt)
    except (EOFError, OSError, RuntimeError, ValueError):  # Ctrl-D; stdin closed meanwhile
        print(file=sys.stderr)
        return False
    if typed:
        return answer.strip().lower() == typed.lower()
    return answer.strip().lower() in ("y", "yes")


def stdin_is_terminal() -> bool:
    stdin = sys.stdin
    if stdin is None:  # started with standard input closed
        return False
    try:
        return stdin.isatty()
    except (OSError, ValueError):  # a closed file
        return False


def print_listing(
    args: argparse.Namespace,
    items: Sequence[T],
    as_json: Callable[[T], dict[str, Any]],
    line: Callable[[T], str],
    empty: str,
) -> int:
    """A ``list`` command's output: with ``--json`` one JSON array, else a line per item (or
    ``empty`` when there is none)."""
    if getattr(args, "json", False):
        print(json.dumps([as_json(i) for i in items], indent=2, ensure_ascii=False))
        return 0
    if not items:
        print(empty)
    for item in items:
        print(line(item))
    return 0


def add_yes_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
