"""Questions before something that cannot be undone, answered yes or no: the button that acts
says what it does ("Delete", "Replace"), and the safe answer (Cancel, Go back, Keep working) is
the default button and Escape's, so an Enter pressed out of habit (or meant for the window
behind) loses nothing. Shown by message_dialog, so a long question fits the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from medlocal.ui.message_dialog import ask

CANCEL = "Cancel"


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    act: str,
    safe: str = CANCEL,
    *,
    kind: str = "question",
    informative: str = "",
) -> bool:
    """True only when the person chose ``act``; ``informative`` (what happens next, what is
    kept) follows the question after a blank line."""
    question = f"{text}\n\n{informative}" if informative else text
    return ask(parent, title, question, [act], safe, kind=kind) == act
