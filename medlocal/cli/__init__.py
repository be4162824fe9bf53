"""Command line face: argparse subcommands that call the services. No business logic here.

Each command group lives in its own module exposing ``register(subparsers)``; handlers take the
parsed arguments and return an exit code. Expected failures are ``MedLocalError``s, printed as one
line on stderr: exit code 2 for bad input, 1 for everything else. Anything else is a bug: one
line too, exit code 1, and a crash report (no patient text) in the log folder.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import medlocal
from medlocal import crash, run_marker
from medlocal.cli.term_signals import Terminated, after_the_command, terminated_as_interrupt
from medlocal.errors import GenerationCancelled, MedLocalError, UserInputError
from medlocal.fsutil import disk_full_error, shown_name, shown_path
from medlocal.privacy import hardening, netguard
from medlocal.vault.errors import WrongPassphraseError

if TYPE_CHECKING:
    from medlocal.app import Workspace

log = logging.getLogger(__name__)

COMMAND_GROUPS = (
    "engine_cmds",
    "model_cmds",
    "vault_cmds",
    "ingest_cmds",
    "rag_cmds",
    "chat_cmds",
    "settings_cmds",
    "eval_cmds",
)

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a tool killed by the signal reports


_PROG_ATTR = "_medlocal_parser_prog"  # the (sub)command whose parser read the arguments last
# The command's name without arguments ("vault backup"), kept for the run marker (walk 47a D5).
COMMAND_ATTR = "medlocal_command"


class MedLocalParser(argparse.ArgumentParser):
    """argparse with MedLocal's error form: one line on stderr, exit status 2, pointing at the
    command's help (``medlocal import: error: the following arguments are required: --patient
    (see medlocal import --help)``) instead of the usage block. Subcommand parsers are made of
    the same class (argparse's ``add_subparsers`` default), so every command reads the same."""

    def error(self, message: str) -> NoReturn:
        self._fail(self.prog, message)

    def _fail(self, prog: str, message: str) -> NoReturn:
        line = " ".join(f"{prog}: error: {message} (see {prog} --help)".split())
        self.exit(EXIT_BAD_INPUT, line + "\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if not hasattr(parsed, _PROG_ATTR):  # the innermost subcommand's parser finishes first
            setattr(parsed, _PROG_ATTR, self.prog)
        return parsed, extras

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        prog = getattr(parsed, _PROG_ATTR, self.prog)
        delattr(parsed, _PROG_ATTR)
        setattr(parsed, COMMAND_ATTR, prog.removeprefix(self.prog).strip())
        if extras:  # named after the subcommand that was given them: 'medlocal summarize: ...'
            self._fail(prog, f"unrecognized arguments: {' '.join(extras)}")
        return parsed


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not at module top, so that `main` installs the network guard before any
    # service (and the third-party libraries behind it) is imported.
    from medlocal.cli import (
        chat_cmds,
        engine_cmds,
        eval_cmds,
        ingest_cmds,
        model_cmds,
        rag_cmds,
        settings_cmds,
        vault_cmds,
    )

    parser = MedLocalParser(
        prog="medlocal",
        description="MedLocal: private, offline medical language models. Nothing leaves this "
        "machine except a model download you start yourself.",
        epilog="Without a command (or with 'medlocal gui') MedLocal opens its window. "
        "'medlocal --selftest' runs a headless end-to-end check and prints PASS or FAIL.",
    )
    parser.add_argument("--version", action="version", version=f"medlocal {medlocal.__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (
        engine_cmds,
        model_cmds,
        vault_cmds,
        ingest_cmds,
        rag_cmds,
        chat_cmds,
        settings_cmds,
        eval_cmds,
    ):
        module.register(sub)
    return parser


def _values_that_look_like_options(argv: Sequence[str]) -> list[str]:
    """``argv`` with a value that opens with a dash and a digit joined to its option: argparse
    reads "--keep -1=name" as an unknown option "-1=name" and says "--keep: expected one
    argument" (walk 19), where the option's own check says what a span number is."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--keep" and arg[:1] == "-" and arg[1:2].isdigit():
            out[-1] = f"--keep={arg}"
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str] | None = None, *, workspace: Workspace | None = None) -> int:
    """Run one command. ``workspace`` injects a prepared one (tests pass fake models); by
    default each run builds its own and closes it at the end."""
    # Privacy first: offline environment, socket guard and hardening before any service import.
    netguard.install()
    crash.install_crash_handler()
    hardening.harden_process()
    _stdout_in_step_with_stderr()
    parser = build_parser()
    args = parser.parse_args(_values_that_look_like_options(sys.argv[1:] if argv is None else argv))
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_OK
    # The log file is closed when the command ends, its errors logged first (a process that
    # runs many commands, as the tests do, kept every one's file open).
    with hardening.logging_for_one_command(logging.DEBUG if args.verbose else logging.INFO):
        return _run(args, workspace)


def _stdout_in_step_with_stderr() -> None:
    """Written to a file or a pipe, stdout is kept in blocks until the process ends, while
    stderr's lines go out at once: with both sent to one file, ``ask``'s closing "Saved as output
    N … verify against the sources." came before the answer it closes (walk 54b). Flushing
    stdout at each line keeps the two in the order they were written (a command prints its
    results in a few whole lines, so the cost is a few writes)."""
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and not stdout.line_buffering:
        with contextlib.suppress(OSError, ValueError):  # closed or detached: nothing to keep
            stdout.reconfigure(line_buffering=True)


def _key_state(args: argparse.Namespace) -> str:
    """The passphrase state of the vault this command uses (see keyfile.passphrase_state): an
    interrupted `vault passwd` is told whether its change was written (walk 49a D7)."""
    if not hasattr(args, "vault"):
        return ""
    from medlocal import paths
    from medlocal.vault.keyfile import KEY_FILE_NAME, passphrase_state

    try:
        folder = Path(args.vault).expanduser() if args.vault else paths.vault_dir()
    except OSError:
        return ""
    return passphrase_state(folder / KEY_FILE_NAME)


def tell_unclean_ends(ended: Sequence[run_marker.UncleanEnd], state_now: str = "") -> None:
    """Say on stderr which earlier runs did not close, and where the crash reports waiting to
    be read are: a native crash leaves both (walk 47a D4: the terminal said only "killed", the
    window named the report). The reports stay unread: the window and doctor offer them too."""
    if not ended:
        return
    try:
        reports = crash.pending_crash_reports()
    except OSError:
        reports = []
    for end in ended:
        note = end.note(crash_reported=bool(reports), state_now=state_now)
        print(f"medlocal: {note}", file=sys.stderr)
    if reports:
        names = ", ".join(shown_name(report.name) for report in reports)
        print(
            f"medlocal: crash report(s) in {shown_path(reports[0].parent)}: {names}. They hold "
            "only version numbers and code locations, no patient text; you can send them to your "
            "support contact.",
            file=sys.stderr,
        )


# Where the ids an unknown id was looked for are listed (walk 48b D5: "No patient with id 99."
# said nothing of how to find the right one). The vault's message is the window's too, which
# lists them on screen: the command to run is the command line's to add.
_ID_LISTINGS = {
    "No patient with id": "'medlocal patient list' lists the patients",
    "No document with id": "'medlocal patient show PATIENT_ID' lists a patient's documents",
    "No chat with id": "'medlocal chats list' lists them",
    "No saved output with id": "'medlocal outputs list' lists them",
}


def _where_ids_are_listed(exc: UserInputError) -> str:
    message = str(exc)
    for opening, listing in _ID_LISTINGS.items():
        if message.startswith(opening) and "medlocal " not in message:
            return f" ({listing})"
    if (
        isinstance(exc, WrongPassphraseError)
        and message.startswith("Wrong passphrase")
        and not message.startswith("Wrong passphrase for")  # a backup's: not the vault's
    ):
        # Walk 49a D8: the way back from a forgotten passphrase was in no message.
        return (
            " Forgotten it? 'medlocal vault passwd --recovery-key-file FILE' sets a new one with "
            "the recovery key."
        )
    return ""


def _run(args: argparse.Namespace, workspace: Workspace | None) -> int:
    """The command ``args`` names, its errors told as one line each (exit codes above)."""
    handler = args.func
    # A run killed before it could close (SIGKILL, a power cut) leaves its marker: say so once.
    # A command without --vault never opens one: its unclean end is not told as the vault's.
    command = getattr(args, COMMAND_ATTR, "")
    state = _key_state(args) if command == "vault passwd" else ""
    ended = run_marker.start_run(
        "command", uses_vault=hasattr(args, "vault"), command=command, state=state
    )
    if not state and any(end.command == "vault passwd" for end in ended):
        state = _key_state(args)
    tell_unclean_ends(ended, state)
    finished: list[int] = []  # the command's exit code, once it has run to its end
    try:
        from medlocal.app import Workspace
        from medlocal.cli.common import notice

        ws = workspace or Workspace(notice=notice)
        if getattr(args, "vault", None):
            ws.use_vault_folder(args.vault)
        args.workspace = ws
        try:
            with terminated_as_interrupt():  # SIGTERM stops as Ctrl-C does (walk51b L7)
                finished.append(int(handler(args) or EXIT_OK))
            return finished[0]
        finally:
            if workspace is None:
                if finished:  # done and said: closing is not failed by a late SIGTERM
                    with after_the_command():
                        ws.close()
                else:
                    ws.close()
    except UserInputError as exc:
        print(f"medlocal: error: {exc}{_where_ids_are_listed(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except GenerationCancelled as exc:
        told = " (asked to end by the system)" if isinstance(exc.__context__, Terminated) else ""
        print(f"medlocal: {exc}{told}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MedLocalError as exc:
        print(f"medlocal: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt as exc:
        if finished:  # Ctrl+C as the finished command closed: what it said it did is done
            return finished[0]
        asked = " (asked to end by the system)" if crash.asked_to_end(exc) else ""
        print(f"\nmedlocal: interrupted{asked}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away ('medlocal search ... | head'): not a bug, no crash report. Point
        # stdout at /dev/null so the flush at exit does not fail a second time.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        if (full := disk_full_error(exc)) is not None:  # the machine's state, not bad input
            print(f"medlocal: error: {full}", file=sys.stderr)
            return EXIT_FAILURE
        if (line := crash.cannot_write_message(exc)) is not None:  # a read-only home: no bug
            print(f"medlocal: error: {line}", file=sys.stderr)
            return EXIT_BAD_INPUT
        # A bug, not a user error: one line, no traceback and no message on screen (either may
        # quote a patient's document); the details that help fix it go to a crash report.
        log.error(
            "internal error (%s)\n%s", type(exc).__name__, "\n".join(crash.describe_exception(exc))
        )
        print(crash.report_internal_error(exc), file=sys.stderr)
        return EXIT_FAILURE
