"""A cross-encoder reranker on the engine thread: (question, passage) pairs packed into
batches and scored."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial
from typing import Any

from medlocal.engine.llama_model import LoadedLlama
from medlocal.engine.rerank import PairFormat, plan_batches, score_batch
from medlocal.errors import GenerationCancelled, ModelLoadError


class LlamaReranker(LoadedLlama):
    """A cross-encoder reranker on the engine thread (rank pooling; see engine/rerank.py).
    Implements the ``Reranker`` protocol."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        llm = self._llama
        self.format = PairFormat.from_model(llm._model)
        problem = self.format.problem()
        if problem is not None:
            self.unload()
            raise ModelLoadError(f"{self.info.path.name}: {problem}")
        # A pair must fit one micro-batch (the encoder attends over all of it at once); a batch
        # of pairs fits n_batch tokens and the context's sequence slots.
        self.max_pair_tokens = int(llm.n_batch)
        # On a GPU, packing pairs into one decode fills the device and saves launches. On a CPU
        # it costs more than it saves: attention spans every token of the batch (other pairs
        # are masked out, but the products are still computed), so work grows with the square
        # of the batch. Measured on the tiny test reranker, 24 pairs of 93 tokens: 31 ms one pair
        # per decode, 73 ms packed into 512-token batches.
        slots = max(1, int(llm.context_params.n_seq_max))
        self.max_pairs = slots if self.n_gpu_layers != 0 else 1

    def pair_tokens(self, query: str, passage: str) -> list[int]:
        """The token sequence the model reads for (``query``, ``passage``), already cut to fit."""

        def tokenize(text: str, special: bool) -> list[int]:
            return self._tokenize(text.encode("utf-8"), add_bos=False, special=special)

        return self.format.build(query, passage, tokenize, self.max_pair_tokens)

    def rerank_scores(
        self,
        query: str,
        passages: Sequence[str],
        cancel: threading.Event | None = None,
    ) -> list[float]:
        """One score per passage (higher: more relevant), in the order given. Each batch is its
        own engine call, so a generation queued meanwhile is not held up by a long list, and
        ``cancel`` is checked between batches."""
        if not passages:
            return []
        pairs = [self.pair_tokens(query, p if p.strip() else " ") for p in passages]
        scores: list[float] = [0.0] * len(pairs)
        for group in plan_batches([len(p) for p in pairs], self.max_pair_tokens, self.max_pairs):
            if cancel is not None and cancel.is_set():
                raise GenerationCancelled("reranking was stopped")
            chunk = [pairs[i] for i in group]
            for index, score in zip(
                group, self._engine.worker.call(partial(self._score, chunk)), strict=True
            ):
                scores[index] = score
        return scores

    def _score(self, pairs: list[list[int]]) -> list[float]:
        llm = self._llama
        if llm is None:
            raise ModelLoadError(f"{self.name} has been unloaded")
        return score_batch(llm, pairs)
