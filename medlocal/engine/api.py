"""The engine's contract with the services above it.

Services (rag, ingest, models) depend on these small protocols, not on llama.cpp, so unit tests can
pass a deterministic fake while integration tests pass the real engine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True)
class SamplingParams:
    """Sampling settings. The defaults are deliberately conservative for clinical text:
    low temperature, mild repetition penalty, fixed seed so answers are reproducible."""

    temperature: float = 0.2
    top_p: float = 0.9
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 512
    seed: int = 42
    # A reasoning model's thinking: after this many tokens inside its block, an engine that can
    # (``ChatModel.closes_thinking``) closes the block itself so the model answers; 0: no cap.
    think_budget: int = 0

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        if not values["think_budget"]:  # provenance of a plain answer reads as it always has
            del values["think_budget"]
        return values


@dataclass(frozen=True)
class ModelProvenance:
    """What made an output: stored with every answer and summary."""

    name: str
    path: str
    sha256: str
    llama_cpp_version: str
    medlocal_version: str
    n_ctx: int
    n_gpu_layers: int
    backend: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TrimReport:
    """What the context budget had to drop to make a request fit."""

    dropped_messages: int = 0
    dropped_tokens: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def trimmed(self) -> bool:
        return self.dropped_messages > 0


@runtime_checkable
class TokenCounter(Protocol):
    def count_tokens(self, text: str) -> int: ...


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text, deterministically."""

    model_id: str  # stable id of the embedding model (its file sha256) recorded with every vector
    dim: int

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...

    def count_tokens(self, text: str) -> int: ...


@runtime_checkable
class Reranker(Protocol):
    """Scores how well each passage answers a query (a cross-encoder reads both together).

    Higher is more relevant; scores compare within one call, not across models. ``cancel`` is
    honoured between batches (``GenerationCancelled``)."""

    name: str
    sha256: str

    def rerank_scores(
        self,
        query: str,
        passages: Sequence[str],
        cancel: threading.Event | None = None,
    ) -> list[float]: ...


# Why a generation ended (``ChatModel.last_stop_reason``).
STOP_END = "end"  # the model ended its answer
STOP_STRING = "stop"  # a stop string of the chat template
STOP_LENGTH = "length"  # the token budget ran out, or the context window filled up
STOP_CANCELLED = "cancelled"  # cancel was set, or the reader stopped reading


@runtime_checkable
class ChatModel(Protocol):
    """A loaded chat model. ``stream_chat`` yields text pieces as they are generated and stops
    within one token once ``cancel`` is set. Once its pieces have all been read,
    ``last_stop_reason`` says why it ended (one of the ``STOP_`` values; "" before any)."""

    n_ctx: int

    @property
    def last_stop_reason(self) -> str: ...

    def count_tokens(self, text: str) -> int: ...

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int: ...

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]: ...

    def provenance(self) -> ModelProvenance: ...
