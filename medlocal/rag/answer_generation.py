"""The model's answer streamed for a grounded answer: a reasoning model's thinking split off,
the not-found sentinel held back unseen, and a text that has become a loop stopped there
(a base of :class:`~medlocal.rag.answer.GroundedAnswerer`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator
from dataclasses import dataclass

from medlocal.engine.api import ChatMessage, ChatModel, SamplingParams
from medlocal.engine.reasoning import ReasoningStream, ThinkingMeter
from medlocal.errors import GenerationCancelled
from medlocal.rag.loop_watch import LoopWatch
from medlocal.rag.prompts import NOT_FOUND_SENTINEL


@dataclass(frozen=True)
class Generated:
    """One generation: the stream (stop reason, thinking), its answer text up to where a loop
    was stopped, and whether one was."""

    stream: ReasoningStream
    text: str
    looped: bool


class AnswerGeneration:
    """Streams one generation; :class:`~medlocal.rag.answer.GroundedAnswerer` sets the model, its
    sampling, its thinking budget and the current question's meter (declared here so that the
    type checker reads this base on its own)."""

    model: ChatModel
    params: SamplingParams
    think_budget: int
    _meter: ThinkingMeter | None

    def _stream_model(
        self,
        messages: list[ChatMessage],
        cancel: threading.Event | None,
        timings: dict[str, float],
        started: float,
        holdback: bool,
    ) -> Generator[str, None, Generated]:
        """Stream the model's answer pieces (a reasoning model's thinking is split off, see
        engine/reasoning.py); with ``holdback``, hold the opening back until it is clear the
        model is not answering with the not-found sentinel (which is never shown). A text that
        has become a loop is stopped there (``LoopWatch``): the rest would go the same way."""
        raw = ""
        decided = not holdback
        watch = LoopWatch(patterns=False)  # an answer's rows alike but for numbers are a list
        looped = False
        stream = ReasoningStream(
            self.model,
            messages,
            self.params,
            cancel,
            think_budget=self.think_budget,
            meter=self._meter,
        )
        pieces = iter(stream)
        try:
            for piece in pieces:
                if "first_token" not in timings:
                    timings["first_token"] = time.perf_counter() - started
                raw += piece
                if len(stream.answer) < len(raw):
                    # The splitter took text back as thinking (a block the template opened,
                    # seen only at its closing tag): the watch reads the answer alone.
                    raw, watch = stream.answer, LoopWatch(patterns=False)
                    looped = watch.feed(raw)  # the piece is the answer's end already
                else:
                    looped = watch.feed(piece)
                if looped:
                    break
                if decided:
                    yield piece
                    continue
                head = raw.lstrip().upper()
                if len(head) < len(NOT_FOUND_SENTINEL) and NOT_FOUND_SENTINEL.startswith(head):
                    continue
                decided = True
                if head.startswith(NOT_FOUND_SENTINEL):
                    break
                yield raw
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
        if cancel is not None and cancel.is_set():
            raise GenerationCancelled("the answer was stopped")
        return Generated(stream, watch.text if looped else stream.answer, looped)
