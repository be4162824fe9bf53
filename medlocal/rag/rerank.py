"""Reranking: rescore the fused candidates before the top k are cut.

The vault's hybrid search fuses vector and exact-word rankings by reciprocal rank, which knows
the positions of a passage in two lists but never reads the question and the passage together.
Two optional stages do, each on a short list:

1. a cross-encoder reranker (a GGUF with rank pooling, engine/rerank.py) scores the top
   ``candidates`` fused passages against the query, and they are re-ordered by that score;
2. the loaded chat model re-orders the top ``chat_top`` of those by its probability of answering
   "yes" to "does this passage help answer the question?" (the engine's scoring primitive, the
   question's KV prefix shared by every passage). Off by default: one forward pass per passage
   is slow on a CPU.

:class:`RerankingRetriever` wraps any :class:`~medlocal.rag.passages.Retriever` (the vault), so
the answerer, the CLI and the window get the same stages from one place, and with neither stage
configured the search is exactly the fused one. Timings of the last search are kept in
``last`` for the benchmark and a status line.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from medlocal.engine.api import ChatMessage, Reranker
from medlocal.engine.scoring import ScoringModel
from medlocal.errors import GenerationCancelled
from medlocal.rag.passages import Retriever
from medlocal.rag.support import answer_opening, yes_no_tokens, yes_probability
from medlocal.vault.records import SearchHit

DEFAULT_CANDIDATES = 24
DEFAULT_CHAT_TOP = 8
JUDGE_SYSTEM = (
    "You judge whether a passage from a patient's records helps answer a clinician's question."
    " Answer only yes or no."
)
_MARK = "\x00PASSAGE\x00"


@dataclass
class RerankTimings:
    """What the last search cost, per stage (milliseconds) and how many passages each saw."""

    candidates: int = 0
    cross_encoder_pairs: int = 0
    cross_encoder_ms: float = 0.0
    chat_passages: int = 0
    chat_ms: float = 0.0
    order_changed: bool = False
    notes: list[str] = field(default_factory=list)


def passage_text(hit: SearchHit) -> str:
    """What a reranker reads for a passage: its section name (when known) gives words like
    "Medications" that the passage text itself often lacks, then the text."""
    text = " ".join(hit.text.split())
    return f"{hit.section}: {text}" if hit.section else text


def order_by_scores(hits: Sequence[SearchHit], scores: Sequence[float]) -> list[SearchHit]:
    """``hits`` by descending score; ties keep the fused order (a stable sort), so a reranker
    that cannot tell two passages apart leaves them as the fusion ranked them."""
    if len(hits) != len(scores):
        raise ValueError("one score per passage is needed")
    ranked = sorted(range(len(hits)), key=lambda i: -scores[i])
    return [hits[i] for i in ranked]


class ChatRelevanceJudge:
    """P("yes") of the loaded chat model for "does this passage help answer the question?".

    The system prompt and the question form a prefix shared by every passage, so its KV cache is
    computed once per question and reused (engine/scoring.py); each passage then costs one batch
    of its own tokens."""

    def __init__(self, model: ScoringModel) -> None:
        self.model = model
        self._yes, self._no = yes_no_tokens(model)
        if not self._yes or not self._no or set(self._yes) & set(self._no):
            raise ValueError("this model's vocabulary has no distinct yes/no tokens")
        # A reasoning model answers after a closed empty thinking block (none: no judge).
        self._opening = answer_opening(model)

    def probabilities(
        self, question: str, passages: Sequence[str], cancel: threading.Event | None = None
    ) -> list[float]:
        prefix_text, rest = self._prompt(question)
        prefix = self.model.tokenize(prefix_text)
        tail = self.model.tokenize(rest)
        room = self.model.n_ctx - len(prefix) - len(tail) - 1
        if room < 16:
            raise ValueError("the question leaves no room for a passage in the context window")
        out: list[float] = []
        for passage in passages:
            if cancel is not None and cancel.is_set():
                raise GenerationCancelled("reranking was stopped")
            body = self.model.tokenize(" " + passage, special=False)[:room]
            result = self.model.score(prefix, body + tail, (-1,))
            logits: npt.NDArray[np.float64] = result.logits[0].astype(np.float64)
            out.append(yes_probability(logits, self._yes, self._no))
        return out

    def _prompt(self, question: str) -> tuple[str, str]:
        user = (
            f"Question: {' '.join(question.split())}\n\nPassage:{_MARK}\n\n"
            "Does this passage help answer the question? Answer yes or no."
        )
        messages = [ChatMessage("system", JUDGE_SYSTEM), ChatMessage("user", user)]
        rendered = self.model.template.render(messages).text
        prefix, _, rest = rendered.partition(_MARK)
        return prefix, rest + self._opening


def chat_judge_for(model: object) -> ChatRelevanceJudge | None:
    """A judge for ``model`` when it has the scoring primitive (a llama.cpp chat model); None
    for models without it (the tests' fakes) or without yes/no tokens."""
    if not all(hasattr(model, a) for a in ("score", "tokenize", "template", "n_ctx")):
        return None
    try:
        return ChatRelevanceJudge(model)  # type: ignore[arg-type]
    except ValueError:
        return None


class RerankingRetriever:
    """A :class:`Retriever` that asks ``inner`` for ``candidates`` fused passages, re-orders them
    with the configured stages and returns the top ``k``. Satisfies ``Retriever`` itself."""

    def __init__(
        self,
        inner: Retriever,
        reranker: Reranker | None = None,
        *,
        candidates: int = DEFAULT_CANDIDATES,
        judge: ChatRelevanceJudge | None = None,
        chat_top: int = DEFAULT_CHAT_TOP,
        cancel: threading.Event | None = None,
    ) -> None:
        self.inner = inner
        self.reranker = reranker
        self.candidates = max(1, candidates)
        self.judge = judge
        self.chat_top = max(0, chat_top)
        self.cancel = cancel
        self.last = RerankTimings()

    @property
    def active(self) -> bool:
        return self.reranker is not None or (self.judge is not None and self.chat_top > 1)

    def search(
        self,
        query_text: str,
        query_vector: npt.NDArray[np.float32] | None,
        *,
        patient_id: int | None = None,
        collection: str | None = None,
        document_ids: Sequence[int] | None = None,
        k: int = 8,
        embed_model_id: str | None = None,
    ) -> list[SearchHit]:
        pool = max(k, self.candidates) if self.reranker is not None else max(k, self.chat_top)
        hits = self.inner.search(
            query_text,
            query_vector,
            patient_id=patient_id,
            collection=collection,
            document_ids=document_ids,
            k=pool if self.active else k,
            embed_model_id=embed_model_id,
        )
        self.last = timings = RerankTimings(candidates=len(hits))
        fused = list(hits)
        if self.reranker is not None and len(hits) > 1:
            started = time.perf_counter()
            scores = self.reranker.rerank_scores(
                query_text, [passage_text(h) for h in hits], self.cancel
            )
            hits = order_by_scores(hits, scores)
            timings.cross_encoder_pairs = len(scores)
            timings.cross_encoder_ms = (time.perf_counter() - started) * 1000
        if self.judge is not None and self.chat_top > 1 and len(hits) > 1:
            top = hits[: min(self.chat_top, k)]
            started = time.perf_counter()
            try:
                probabilities = self.judge.probabilities(
                    query_text, [passage_text(h) for h in top], self.cancel
                )
            except ValueError as exc:  # a question too long for the chat model's window
                timings.notes.append(f"chat-model reranking skipped: {exc}")
            else:
                hits = order_by_scores(top, probabilities) + hits[len(top) :]
                timings.chat_passages = len(top)
            timings.chat_ms = (time.perf_counter() - started) * 1000
        # Rescoring never moves a passage holding the question's code ("MRN-7781") below one
        # that does not (the fused ranking put them first).
        hits = [h for h in hits if h.holds_code] + [h for h in hits if not h.holds_code]
        timings.order_changed = [h.chunk_id for h in hits[:k]] != [h.chunk_id for h in fused[:k]]
        return hits[:k]
