"""An embedding model on the engine thread, in batches that leave room for other queued work."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal.engine.llama_model import LoadedLlama
from medlocal.engine.thread_choice import ThreadChoice
from medlocal.errors import ModelLoadError


class LlamaEmbedder(LoadedLlama):
    """An embedding model on the engine thread. Implements the ``Embedder`` protocol."""

    batch_texts = 64  # texts per engine call: bounds latency of other queued work

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dim: int = int(self._llama.n_embd())
        self.model_id = self.sha256
        # On a CPU: the configured thread count or one, whichever embeds faster under the
        # machine's load now (see engine/thread_choice.py; walk 39: 2 threads on 2 busy cores
        # were 15-100x slower than one).
        self._threads = ThreadChoice(
            int(self._llama.context_params.n_threads), fixed=self.pin_threads
        )
        self._threads_set = self._threads.options[0]
        self._clock: Callable[[], float] = time.perf_counter

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # An empty string has no tokens to pool; a space embeds as "nothing" consistently.
        items = [t if t.strip() else " " for t in texts]
        rows: list[list[float]] = []
        for start in range(0, len(items), self.batch_texts):
            batch = items[start : start + self.batch_texts]
            rows.extend(self._engine.worker.call(partial(self._embed_batch, batch)))
        out = np.asarray(rows, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        normalised: npt.NDArray[np.float32] = out / np.maximum(norms, 1e-12)
        return normalised

    def _embed_batch(self, batch: list[str]) -> list[list[float]]:
        llm = self._llama
        if llm is None:
            raise ModelLoadError(f"{self.name} has been unloaded")
        if self.n_gpu_layers != 0:  # on a GPU, packing texts into one decode fills the device
            packed: list[list[float]] = llm.embed(batch, normalize=True, truncate=True)
            return packed
        # On a CPU, one text per decode. llama-cpp-python packs texts up to n_batch tokens (two
        # 200-token passages for MiniLM), and attention then spans every token of the decode:
        # the other texts are masked out but still computed. One per decode embedded 120-300
        # MiniLM passages 1.5-3.6x faster on two busy cores (benchmarks/bench_embed_batching.py;
        # walk 27: 5,681 passages took over 20 minutes), and a text's vector no longer moves
        # with its neighbours (packed, by up to 1e-4; cosine to the packed one >= 0.9999998).
        single: list[list[float]] = []
        for text in batch:
            threads = self._threads.pick()
            if threads != self._threads_set:
                self._set_threads(llm, threads)
            started = self._clock()
            vectors, tokens = llm.embed([text], normalize=True, truncate=True, return_count=True)
            self._threads.record(threads, int(tokens), self._clock() - started)
            single.append(vectors[0])
        return single

    def _set_threads(self, llm: Any, threads: int) -> None:
        import llama_cpp

        llama_cpp.llama_set_n_threads(llm.ctx, threads, threads)
        self._threads_set = threads
