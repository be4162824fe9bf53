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
