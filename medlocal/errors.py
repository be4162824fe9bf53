"""Errors a person can act on.

Every error MedLocal shows a user derives from :class:`MedLocalError` and carries a one-line,
human message (``str(err)``). The CLI maps ``UserInputError`` subclasses to exit code 2 and every
other ``MedLocalError`` to exit code 1; anything else is a bug and gets a crash report.
Messages never contain patient text.
"""

from __future__ import annotations


class MedLocalError(Exception):
    """Base class: an expected failure with a message fit for the user. ``window``: the same
    message as the window words it, where ``str(err)`` tells a command-line option or command
    the window has its own control for (left 52: window errors said "--ctx" and "medlocal
    settings set"); the window shows it, the terminal ``str(err)``."""

    def __init__(self, *args: object, window: str | None = None) -> None:
        super().__init__(*args)
        self.window = window


class NoticeText(str):
    """A notice's words as the terminal prints them (the string itself), carrying the window's
    wording (``window``) where they differ. Notices pass through callables typed for ``str``
    (``Workspace.notice``): the CLI prints the string, the window shows :func:`window_wording`
    (review 52a: a model that failed to load told the window "--ctx")."""

    window: str

    def __new__(cls, terminal: str, window: str) -> NoticeText:
        text = super().__new__(cls, terminal)
        text.window = window
        return text


def error_notice(err: MedLocalError, then: str = "") -> str:
    """The notice for ``err``, followed by what happens ``then`` ("Searching exact words
    only."), in the terminal's words and, where the error has them, the window's."""

    def joined(message: str) -> str:
        message = message.rstrip()
        if not then:
            return message
        if message and message[-1] not in ".!?:":
            message += "."  # walk 28 read "...truncated or corrupt Searching without reranking."
        return f"{message} {then}"

    terminal = joined(str(err))
    return NoticeText(terminal, joined(err.window)) if err.window else terminal


def window_wording(text: str) -> str:
    """What the window shows for the notice ``text``."""
    return text.window if isinstance(text, NoticeText) else text


class UserInputError(MedLocalError):
    """The user gave something we cannot use (bad path, bad option, bad file). Exit code 2."""


class ModelLoadError(UserInputError):
    """A model file is missing, malformed or could not be loaded."""


class ContextBudgetError(MedLocalError):
    """A request cannot fit the model's context window even after trimming."""


class GenerationCancelled(MedLocalError):
    """The user stopped a generation or a batch."""


class NetworkBlockedError(MedLocalError, ConnectionRefusedError):
    """An outbound connection was attempted outside a user-started download."""


def free_space_text(free_bytes: int | None) -> str:
    """How much is free, in a unit a person reads at a glance: "16 KB free" (walk 45: "0.0 MB
    free" when 16 KB were), "3.2 MB free", "1.50 GB free"; "no space left" when unknown."""
    if free_bytes is None:
        return "no space left"
    if free_bytes < 1_000_000:
        return f"{free_bytes // 1000} KB free"
    if free_bytes < 1_000_000_000:
        return f"{free_bytes / 1e6:.1f} MB free"
    return f"{free_bytes / 1e9:.2f} GB free"


class DiskFullError(MedLocalError):
    """The disk (or the user's quota) ran out while MedLocal wrote. What was being written was
    rolled back (the vault commits whole transactions only), so nothing already saved is lost.
    ``where``: the folder written to; ``free_bytes``: what is left there (None if unknown)."""

    def __init__(self, where: str | None, free_bytes: int | None) -> None:
        self.where = where
        self.free_bytes = free_bytes
        at = f" at {where}" if where else ""
        super().__init__(self._said(f"{free_space_text(free_bytes)}{at}"))

    def _said(self, left: str) -> str:
        return (
            f"The disk is full ({left}). Free some space and try again — nothing already "
            "saved was lost, and the write that failed was undone."
        )


class DiskFullOnOpenError(DiskFullError):
    """The disk is so full that the vault cannot be opened even to read it: SQLite needs a
    little room for its working files (walk 47a D3: this was said as a damaged vault, with the
    advice to restore a backup over it). Nothing was written or changed."""

    def _said(self, left: str) -> str:
        return (
            f"The disk is full ({left}): MedLocal cannot open the vault, not even to read it, "
            "until a little space is freed (its database needs room for working files). "
            "Nothing in the vault was changed."
        )


class ExportDiskFullError(DiskFullError):
    """An export ran out of space. Exports are written to a temporary file renamed into place
    (fsutil.atomic_private_file), so no partial file is left; the useful advice is another
    folder or drive (walk 45: the vault's wording, "nothing already saved was lost", said
    nothing about the file asked for)."""

    def _said(self, left: str) -> str:
        return (
            f"The disk is full ({left}): the export was not written, and no partial file was "
            "left. Choose another folder or drive, or free some space and try again."
        )
