"""Errors a person can act on.

Every error MedLocal shows a user derives from :class:`MedLocalError` and carries a one-line,
human message (``str(err)``). The CLI maps ``UserInputError`` subclasses to exit code 2 and every
other ``MedLocalError`` to exit code 1; anything else is a bug and gets a crash report.
Messages never contain patient text.
"""

from __future__ import annotations


class MedLocalError(Exception):
    """Base class: an expected failure with a message fit for the user."""


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


class DiskFullError(MedLocalError):
    """The disk (or the user's quota) ran out while MedLocal wrote. What was being written was
    rolled back (the vault commits whole transactions only), so nothing already saved is lost.
    ``where``: the folder written to; ``free_bytes``: what is left there (None if unknown)."""

    def __init__(self, where: str | None, free_bytes: int | None) -> None:
        self.where = where
        self.free_bytes = free_bytes
        left = f"{free_bytes / 1e6:.1f} MB free" if free_bytes is not None else "no space left"
        at = f" at {where}" if where else ""
        super().__init__(
            f"The disk is full ({left}{at}). Free some space and try again — nothing already "
            "saved was lost, and the write that failed was undone."
        )
