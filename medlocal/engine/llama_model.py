"""One model held by llama.cpp on the engine thread: the book-keeping chat models, embedders
and rerankers share (name, hash, placement, provenance, tokenising, unloading)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import medlocal
from medlocal.engine.api import ModelProvenance
from medlocal.engine.gguf import GGUFInfo
from medlocal.errors import ModelLoadError

if TYPE_CHECKING:
    from medlocal.engine.runtime import Engine


class LoadedLlama:
    """Book-keeping shared by chat models and embedders."""

    def __init__(
        self,
        engine: Engine,
        llama: Any,
        info: GGUFInfo,
        sha256: str,
        n_gpu_layers: int,
        backend: str,
        load_message: str | None,
        *,
        pin_threads: bool = False,
    ) -> None:
        self._engine = engine
        self._llama = llama
        self.info = info
        self.sha256 = sha256
        self.n_gpu_layers = n_gpu_layers
        self.backend = backend if n_gpu_layers != 0 else "CPU"
        self.load_message = load_message
        # The user set the thread count: no measuring of one thread against it (thread_choice.py).
        self.pin_threads = pin_threads
        self.n_ctx: int = int(llama.n_ctx())
        self.name = info.name or info.path.stem
        self._closed = False
        # Guards the model's lifetime against tokenizer calls from other threads (see _tokenize).
        self._lifetime = threading.Lock()

    def _tokenize(self, data: bytes, add_bos: bool, special: bool) -> list[int]:
        # Tokenising only reads the immutable vocabulary (llama.cpp keeps per-call tokenizer
        # state), so it runs on the calling thread and does not wait behind a generation on the
        # engine thread. The lifetime lock keeps unload() from freeing the model mid-call.
        with self._lifetime:
            if self._llama is None:
                raise ModelLoadError(f"{self.name} has been unloaded")
            tokens: list[int] = self._llama.tokenize(data, add_bos=add_bos, special=special)
        return tokens

    def count_tokens(self, text: str) -> int:
        return len(self._tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def provenance(self) -> ModelProvenance:
        import llama_cpp

        return ModelProvenance(
            name=self.name,
            path=str(self.info.path),
            sha256=self.sha256,
            llama_cpp_version=llama_cpp.__version__,
            medlocal_version=medlocal.__version__,
            n_ctx=self.n_ctx,
            n_gpu_layers=self.n_gpu_layers,
            backend=self.backend,
        )

    def unload(self) -> None:
        with self._lifetime:
            if self._closed:
                return
            self._closed = True
            llama, self._llama = self._llama, None
        # Queued behind any generation already running, which holds its own reference.
        self._engine.worker.call(llama.close)
