"""What a grounded answer gives back: :class:`GroundedAnswer` (text, status, sources, flags,
notes, provenance, the model's thinking), and :class:`AnswerStream`, which yields the text as the
model writes it and holds the answer once read to the end; with the two steps that complete an
answer given instead of the model's (its draft kept) or after a reasoning model's thinking.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from medlocal.engine.reasoning import ReasoningStream
from medlocal.rag.context import ContextFit
from medlocal.rag.flags import Flag
from medlocal.rag.passages import NumberedPassage, SourceRef

AnswerStatus = Literal["answered", "not_found", "general"]


@dataclass
class GroundedAnswer:
    question: str
    status: AnswerStatus
    text: str  # the final text (cleaned citations, or the not-found / general message)
    raw_text: str  # what the model wrote
    passages: list[NumberedPassage] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)  # the cited passages, by number
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. passages left out to fit the window
    provenance: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    # A reasoning model's thinking before its answer: shown folded, never checked or saved.
    thinking: str = ""
    thinking_tokens: int = 0

    @property
    def found(self) -> bool:
        return self.status == "answered"


class AnswerStream:
    """Iterate for streamed text; ``result`` holds the checked answer once iteration ends."""

    def __init__(self, generator: Generator[str, None, GroundedAnswer]) -> None:
        self._generator = generator
        self._result: GroundedAnswer | None = None

    def __iter__(self) -> Iterator[str]:
        self._result = yield from self._generator

    @property
    def result(self) -> GroundedAnswer:
        if self._result is None:
            raise RuntimeError("the answer stream has not been consumed")
        return self._result

    def consume(self) -> GroundedAnswer:
        for _ in self:
            pass
        return self.result


def with_draft(
    result: GroundedAnswer, raw: str, fit: ContextFit, notes: list[str]
) -> GroundedAnswer:
    """A not-found (or general) answer given after the model wrote ``raw`` from ``fit``'s
    passages: what it wrote and was given stays with it, with the draft's ``notes``
    (answer_notes.draft_notes)."""
    result.raw_text = raw
    result.passages = fit.passages
    result.notes.extend(notes)
    return result


def with_thinking(result: GroundedAnswer, stream: ReasoningStream) -> GroundedAnswer:
    """The thinking that came before ``result``'s answer, kept with it (folded, unchecked); the
    provenance records only how long it was and its budget, never what it said."""
    if not result.thinking:
        result.thinking, result.thinking_tokens = stream.thinking, stream.thinking_tokens
    if result.thinking_tokens:
        result.provenance["thinking"] = {
            "tokens": result.thinking_tokens,
            "budget": stream.think_budget,
        }
    return result
