"""A general answer: the model from its own knowledge, with no patient's documents.

Every face gives it through :class:`GeneralAnswer`, which says what it is before its first word
(:data:`~medlocal.rag.prompts.GENERAL_LABEL`, the line a grounded ask's labelled fallback
carries). Walk 39: ``medlocal ask QUESTION`` without ``--patient`` printed the demo model's
clinically false answer on metformin with nothing saying it came from no document and had no
reference; a face that forgot the label could not be told apart from a grounded answer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

from medlocal.engine.api import ChatMessage, ChatModel, SamplingParams
from medlocal.engine.reasoning import ReasoningStream, ThinkingMeter
from medlocal.rag.prompts import GENERAL_LABEL

__all__ = ["GENERAL_LABEL", "GeneralAnswer", "labelled"]


def labelled(answer: str) -> str:
    """``answer`` as shown, saved or exported: the label's line, then the answer."""
    return f"{GENERAL_LABEL}\n{answer.strip()}"


class GeneralAnswer:
    """One general answer, streamed: iterating yields the label's line first, then the model's
    pieces (its thinking split off, as :class:`ReasoningStream` does). Afterwards ``answer`` is
    the model's words alone (what a conversation's history keeps: the model is not fed the
    label back) and ``text`` the labelled whole (what is shown or written anywhere)."""

    def __init__(
        self,
        model: ChatModel,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
        *,
        think_budget: int,
        meter: ThinkingMeter | None = None,
    ) -> None:
        if not messages or messages[-1].role != "user":
            raise ValueError("a general answer answers a question: the last message is the user's")
        self.stream = ReasoningStream(
            model, messages, params, cancel, think_budget=think_budget, meter=meter
        )
        self._labelled = False

    def __iter__(self) -> Iterator[str]:
        pieces = iter(self.stream)
        # The label comes with the answer's first piece, not before the model has said
        # anything: a reasoning model thinks first (a "Thinking…" status line is shown
        # meanwhile), and a generation that fails or is stopped before it answers has no
        # answer to label.
        for piece in pieces:
            if not self._labelled:
                self._labelled = True
                yield GENERAL_LABEL + "\n"
            yield piece

    @property
    def answer(self) -> str:
        return self.stream.answer

    @property
    def text(self) -> str:
        return labelled(self.stream.answer)

    @property
    def thinking_tokens(self) -> int:
        return self.stream.thinking_tokens
