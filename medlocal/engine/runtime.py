"""The engine: loads GGUF models into llama.cpp on one worker thread and serves chat and
embedding requests from any thread."""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import psutil

import medlocal
from medlocal.engine import hardware
from medlocal.engine.api import ChatMessage, ModelProvenance, SamplingParams, TrimReport
from medlocal.engine.chat import ChatTemplate, fit_messages
from medlocal.engine.gguf import GGUFInfo, read_gguf_info
from medlocal.engine.hashing import sha256_file
from medlocal.engine.rerank import PairFormat, plan_batches, reranker_problem, score_batch
from medlocal.engine.scoring import ScoreResult, score_on_prefix
from medlocal.engine.speculative import (
    BatchCostMeter,
    LlamaTarget,
    SpeculationConfig,
    SpeculationStats,
    kv_can_roll_back,
    speculative_generate,
)
from medlocal.engine.worker import EngineWorker
from medlocal.errors import GenerationCancelled, ModelLoadError

log = logging.getLogger(__name__)

# Share of currently available RAM the KV cache may take when we pick a default context size.
_KV_RAM_SHARE = 0.25
_MIN_CTX = 512
# llama.cpp pads a context to a multiple of 256 while llama-cpp-python sizes its token buffer by
# the size requested: asking for a padded size keeps the two equal (--ctx 300 crashed once a
# prompt outgrew 300 tokens, since the context reported 512).
_CTX_PAD = 256
_VRAM_MARGIN_BYTES = 512 << 20  # CUDA/Metal runtime, scratch buffers, the desktop's own use


@dataclass(frozen=True)
class LoadOptions:
    n_ctx: int | None = None  # None: min(training context, RAM-based cap)
    n_threads: int | None = None  # None: physical cores
    n_gpu_layers: int | None = None  # None: as many as fit free VRAM; 0: CPU only
    n_batch: int = 512
    # Flash attention: faster on CPU and GPU alike (llama.cpp's own default, "auto", turns it on
    # where supported); llama-cpp-python's wrapper defaults it to off.
    flash_attn: bool = True
    sha256: str | None = None  # known hash (the registry caches it); None: computed here
    # Prompt-lookup speculative decoding (engine/speculative.py): longest draft; 0 turns it off.
    speculative_draft: int = 8


@dataclass
class GenerationStats:
    prompt_tokens: int = 0
    reused_prefix_tokens: int = 0
    generated_tokens: int = 0
    time_to_first_token_s: float = 0.0
    generation_s: float = 0.0
    stop_reason: str = ""
    trim: TrimReport = field(default_factory=TrimReport)
    # Speculative decoding: draft tokens sent for verification and how many were kept.
    drafted_tokens: int = 0
    accepted_tokens: int = 0
    # Each extra batch token's cost as a share of a one-token decode: learned (or the prior).
    batch_cost: float | None = None

    @property
    def tokens_per_second(self) -> float:
        return self.generated_tokens / self.generation_s if self.generation_s > 0 else 0.0

    @property
    def acceptance_rate(self) -> float:
        return self.accepted_tokens / self.drafted_tokens if self.drafted_tokens else 0.0


def kv_bytes_per_token(info: GGUFInfo) -> int:
    """f16 K and V for every layer: 2 * layers * kv_heads * head_dim * 2 bytes."""
    layers = info.block_count or 0
    kv_heads = info.head_count_kv or info.head_count or 0
    head_dim = info.head_dim or 0
    return 2 * layers * kv_heads * head_dim * 2


def default_context(info: GGUFInfo, available_ram: int | None = None) -> int:
    trained = info.context_length or 4096
    per_token = kv_bytes_per_token(info)
    if per_token <= 0:
        return trained
    ram = psutil.virtual_memory().available if available_ram is None else available_ram
    cap = int(ram * _KV_RAM_SHARE // per_token) // 256 * 256
    return max(_MIN_CTX, min(trained, cap))


def choose_gpu_layers(info: GGUFInfo, n_ctx: int, free_vram: int | None, supported: bool) -> int:
    """How many layers to offload: all (-1) if they fit, else as many as fit, else 0."""
    if not supported:
        return 0
    if free_vram is None:
        return -1  # backend without a memory query (e.g. Vulkan): let llama.cpp try, fall back
    layers = (info.block_count or 0) + 1  # +1: output layer
    per_layer = info.tensor_bytes / layers + kv_bytes_per_token(info) * n_ctx / max(layers - 1, 1)
    usable = free_vram - _VRAM_MARGIN_BYTES
    if usable <= 0:
        return 0
    fit = int(usable // per_layer)
    return -1 if fit >= layers else max(fit, 0)


class _LoadedLlama:
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
    ) -> None:
        self._engine = engine
        self._llama = llama
        self.info = info
        self.sha256 = sha256
        self.n_gpu_layers = n_gpu_layers
        self.backend = backend if n_gpu_layers != 0 else "CPU"
        self.load_message = load_message
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


class LlamaChatModel(_LoadedLlama):
    """A chat model on the engine thread. Implements the ``ChatModel`` protocol."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = self._llama._model
        self._vocab = model.vocab
        bos_id, eos_id = model.token_bos(), model.token_eos()
        self.template = ChatTemplate(
            self.info.chat_template,
            bos_token=model.token_get_text(bos_id) if bos_id >= 0 else "",
            eos_token=model.token_get_text(eos_id) if eos_id >= 0 else "",
        )
        self.last_stats = GenerationStats()
        # Set by Engine.load_chat; None: plain decoding (turned off, or a KV that cannot roll back).
        self.speculation: SpeculationConfig | None = None
        # What a verification batch costs on this model and machine, learned across requests.
        self.batch_cost: BatchCostMeter | None = None

    def _prompt_tokens(self, messages: Sequence[ChatMessage]) -> tuple[list[int], tuple[str, ...]]:
        rendered = self.template.render(messages)
        # The template writes BOS itself when the model wants one; tokenising special tokens
        # lets "<|im_start|>" become one token instead of ten.
        add_bos = not self.template.from_model
        return self._tokenize(rendered.text.encode("utf-8"), add_bos, True), rendered.stop

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return len(self._prompt_tokens(messages)[0])

    def tokenize(self, text: str, *, special: bool = True) -> list[int]:
        """Tokens of ``text`` without BOS (special tokens such as <|im_start|> kept whole)."""
        return self._tokenize(text.encode("utf-8"), add_bos=False, special=special)

    def score(
        self, prefix: Sequence[int], tokens: Sequence[int], positions: Sequence[int] = (-1,)
    ) -> ScoreResult:
        """Logits at ``positions`` of ``tokens`` evaluated after ``prefix``; the KV cache of a
        matching prefix is reused and the cache is rolled back to ``prefix`` afterwards (see
        engine/scoring.py). Runs on the engine thread, queued behind any generation."""

        def run() -> ScoreResult:
            llm = self._llama
            if llm is None:
                raise ModelLoadError(f"{self.name} has been unloaded")
            return score_on_prefix(llm, prefix, tokens, positions)

        return self._engine.worker.call(run)

    def fit(
        self, messages: Sequence[ChatMessage], max_tokens: int
    ) -> tuple[list[ChatMessage], int, TrimReport]:
        return fit_messages(messages, max_tokens, self.n_ctx, self.count_chat_tokens)

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        """Yield the answer as it is generated. Trimming, if any, is in ``last_stats.trim``."""
        params = params or SamplingParams()
        kept, budget, trim = self.fit(messages, params.max_tokens)
        tokens, stop_strings = self._prompt_tokens(kept)
        stats = GenerationStats(prompt_tokens=len(tokens), trim=trim)
        self.last_stats = stats
        for note in trim.notes:
            log.info("context budget: %s", note)

        def produce(emit: Callable[[str], None], stopped: threading.Event) -> None:
            self._generate(tokens, params, budget, stop_strings, stats, emit, stopped, cancel)

        return self._engine.worker.stream(produce)

    def _generate(
        self,
        tokens: list[int],
        params: SamplingParams,
        budget: int,
        stop_strings: tuple[str, ...],
        stats: GenerationStats,
        emit: Callable[[str], None],
        stopped: threading.Event,
        cancel: threading.Event | None,
    ) -> None:
        import llama_cpp

        llm = self._llama
        if llm is None:
            raise ModelLoadError(f"{self.name} has been unloaded")
        stats.reused_prefix_tokens = _shared_prefix(llm, tokens)
        llm.set_seed(params.seed)
        source: Iterator[int]
        if self.speculation is not None:
            spec = SpeculationStats()
            if self.batch_cost is None:
                self.batch_cost = BatchCostMeter(self.speculation.batch_cost)
            source = speculative_generate(
                LlamaTarget(llm, params), tokens, self.speculation, spec, budget, self.batch_cost
            )
        else:
            spec = None
            source = llm.generate(
                tokens,
                top_k=params.top_k,
                top_p=params.top_p,
                min_p=params.min_p,
                temp=params.temperature,
                repeat_penalty=params.repeat_penalty,
            )
        vocab = self._vocab
        try:
            _emit_tokens(
                source,
                lambda t: bytes(llm.detokenize([t])),
                lambda t: bool(llama_cpp.llama_vocab_is_eog(vocab, t)),
                _StopFilter(stop_strings),
                budget,
                lambda: llm.n_tokens >= self.n_ctx,
                lambda: stopped.is_set() or (cancel is not None and cancel.is_set()),
                stats,
                emit,
            )
        finally:
            if spec is not None:
                stats.drafted_tokens, stats.accepted_tokens = spec.drafted, spec.accepted
            if self.batch_cost is not None:
                stats.batch_cost = self.batch_cost.cost


def _emit_tokens(
    source: Iterator[int],
    detokenize: Callable[[int], bytes],
    is_end: Callable[[int], bool],
    holdback: _StopFilter,
    budget: int,
    context_full: Callable[[], bool],
    cancelled: Callable[[], bool],
    stats: GenerationStats,
    emit: Callable[[str], None],
) -> None:
    """Turn generated tokens into text: end of generation, stop strings (held back until known),
    cancel (checked after every token, so within one speculative verification step), the token
    budget and a full context all end it. Leaving the loop closes ``source``."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    started = time.perf_counter()
    first_at = 0.0
    stats.stop_reason = "length"
    generated = 0
    try:
        for token in source:
            if generated == 0:
                first_at = time.perf_counter()
            if is_end(token):
                stats.stop_reason = "end"
                break
            generated += 1
            # Live figures for a status bar reading them from another thread.
            stats.generated_tokens = generated
            stats.generation_s = time.perf_counter() - first_at
            text, hit_stop = holdback.feed(decoder.decode(detokenize(token)))
            if text:
                emit(text)
            if hit_stop:
                stats.stop_reason = "stop"
                break
            if cancelled():
                stats.stop_reason = "cancelled"
                break
            if generated >= budget or context_full():
                break
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    tail = holdback.flush() + decoder.decode(b"", final=True)
    if tail and stats.stop_reason not in ("stop", "cancelled"):
        emit(tail)
    ended = time.perf_counter()
    stats.generated_tokens = generated
    stats.time_to_first_token_s = (first_at or ended) - started
    stats.generation_s = ended - (first_at or ended)


def _shared_prefix(llm: Any, tokens: Sequence[int]) -> int:
    """Tokens of ``tokens`` already in the KV cache (what llama-cpp-python's generate reuses)."""
    cached = llm.n_tokens
    n = 0
    for a, b in zip(llm._input_ids[:cached], tokens, strict=False):
        if a != b:
            break
        n += 1
    return n


class _StopFilter:
    """Withholds text that might be the start of a stop string until it is known not to be."""

    def __init__(self, stops: Sequence[str]) -> None:
        self._stops = [s for s in stops if s]
        self._pending = ""

    def feed(self, piece: str) -> tuple[str, bool]:
        if not self._stops:
            return piece, False
        buf = self._pending + piece
        for stop in self._stops:
            at = buf.find(stop)
            if at >= 0:
                self._pending = ""
                return buf[:at], True
        keep = max((_partial_suffix(buf, s) for s in self._stops), default=0)
        self._pending = buf[len(buf) - keep :] if keep else ""
        return buf[: len(buf) - keep], False

    def flush(self) -> str:
        out, self._pending = self._pending, ""
        return out


def _partial_suffix(text: str, stop: str) -> int:
    for size in range(min(len(stop) - 1, len(text)), 0, -1):
        if text.endswith(stop[:size]):
            return size
    return 0


class LlamaEmbedder(_LoadedLlama):
    """An embedding model on the engine thread. Implements the ``Embedder`` protocol."""

    batch_texts = 64  # texts per engine call: bounds latency of other queued work

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dim: int = int(self._llama.n_embd())
        self.model_id = self.sha256

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
        result: list[list[float]] = llm.embed(batch, normalize=True, truncate=True)
        return result


class LlamaReranker(_LoadedLlama):
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


class Engine:
    """Owns the engine thread and every loaded model."""

    def __init__(self) -> None:
        self.worker = EngineWorker()
        self._models: list[_LoadedLlama] = []

    def load_chat(self, path: str | Path, options: LoadOptions | None = None) -> LlamaChatModel:
        options = options or LoadOptions()
        model: LlamaChatModel = self._load(Path(path), options, LlamaChatModel, embedding=False)
        if options.speculative_draft > 0 and self.worker.call(
            lambda: kv_can_roll_back(model._llama)
        ):
            # Each extra token of a verification batch is nearly free where decoding is
            # memory-bound (GPU) and costs most of a decode on a compute-bound CPU.
            model.speculation = SpeculationConfig(
                max_draft=options.speculative_draft,
                batch_cost=0.1 if model.n_gpu_layers != 0 else 0.7,
            )
        return model

    def load_embedder(self, path: str | Path, options: LoadOptions | None = None) -> LlamaEmbedder:
        model: LlamaEmbedder = self._load(
            Path(path), options or LoadOptions(), LlamaEmbedder, embedding=True
        )
        return model

    def load_reranker(self, path: str | Path, options: LoadOptions | None = None) -> LlamaReranker:
        """A cross-encoder reranker GGUF (rank pooling and a classification head); any other
        GGUF is refused with the reason before llama.cpp sees it."""
        import llama_cpp

        def check(info: GGUFInfo) -> None:
            problem = reranker_problem(info)
            if problem is not None:
                raise ModelLoadError(f"{info.path.name}: {problem}")

        # Flash attention on the CPU rounds K and V to f16, which moves a pair's score by ~1e-2
        # depending on which other pairs share its batch: a passage's rank must not depend on its
        # neighbours, and an encoder over a few hundred tokens gains little from it.
        chosen = replace(options or LoadOptions(), flash_attn=False)
        model: LlamaReranker = self._load(
            Path(path),
            chosen,
            LlamaReranker,
            embedding=True,
            pooling=llama_cpp.LLAMA_POOLING_TYPE_RANK,
            check=check,
        )
        return model

    def _load(
        self,
        path: Path,
        options: LoadOptions,
        kind: type[Any],
        embedding: bool,
        pooling: int | None = None,
        check: Callable[[GGUFInfo], None] | None = None,
    ) -> Any:
        info = read_gguf_info(path)  # raises ModelLoadError with a one-line reason
        if check is not None:
            check(info)
        sha256 = options.sha256 or sha256_file(info.path)
        backend, supported = hardware.detect_backend()
        if embedding:
            # Each text must fit one micro-batch (encoders attend over the whole text at once).
            n_ctx = min(info.context_length or 512, options.n_ctx or 512)
        else:
            n_ctx = -(-(options.n_ctx or default_context(info)) // _CTX_PAD) * _CTX_PAD
        if options.n_gpu_layers is not None:
            n_gpu = options.n_gpu_layers if supported else 0
        else:
            gpus = hardware.gpus_for_backend(backend) if supported else []
            free = gpus[0].free_bytes if gpus else None
            n_gpu = choose_gpu_layers(info, n_ctx, free, supported)
        kwargs: dict[str, Any] = {
            "n_ctx": n_ctx,
            "n_threads": options.n_threads or hardware.physical_cores(),
            "n_threads_batch": options.n_threads or hardware.physical_cores(),
            "n_batch": n_ctx if embedding else min(options.n_batch, n_ctx),
            "n_ubatch": n_ctx if embedding else min(options.n_batch, n_ctx),
            "embedding": embedding,
            "verbose": False,
        }
        if pooling is not None:
            kwargs["pooling_type"] = pooling
        elif embedding and info.pooling_type is None:
            import llama_cpp

            kwargs["pooling_type"] = llama_cpp.LLAMA_POOLING_TYPE_MEAN  # decoder LLM as embedder
        message = None
        try:
            llama = self.worker.call(lambda: self._construct(info.path, kwargs, n_gpu, options))
        except _GpuLoadFailed as exc:
            message = f"Loading on the GPU failed ({exc}); running on the CPU instead."
            log.warning("%s: %s", info.path.name, message)
            n_gpu = 0
            llama = self.worker.call(lambda: self._construct(info.path, kwargs, 0, options))
        model = kind(self, llama, info, sha256, n_gpu, backend, message)
        self._models.append(model)
        log.info(
            "loaded %s (sha256 %s…, ctx %d, gpu layers %d, %s)",
            info.path.name,
            sha256[:12],
            model.n_ctx,
            n_gpu,
            "reranker" if pooling is not None else "embedding" if embedding else "chat",
        )
        return model

    @staticmethod
    def _construct(path: Path, kwargs: dict[str, Any], n_gpu: int, options: LoadOptions) -> Any:
        from llama_cpp import Llama

        from medlocal.engine import backends

        backends.ensure_loaded()  # loadable-backend builds have no CPU backend until this runs

        try:
            with _quiet_native_stderr():
                return Llama(str(path), n_gpu_layers=n_gpu, flash_attn=options.flash_attn, **kwargs)
        except (ValueError, RuntimeError, OSError) as exc:
            if n_gpu != 0:
                raise _GpuLoadFailed(str(exc)) from exc
            raise ModelLoadError(
                f"{path.name}: llama.cpp could not load this model ({exc})"
            ) from exc

    def loaded(self) -> list[_LoadedLlama]:
        return [m for m in self._models if not m._closed]

    def shutdown(self) -> None:
        for model in self.loaded():
            with contextlib.suppress(Exception):
                model.unload()
        self._models.clear()
        self.worker.shutdown()


class _GpuLoadFailed(Exception):
    pass


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """llama.cpp prints load chatter from C straight to fd 2; keep the terminal readable.

    Set MEDLOCAL_LLAMA_VERBOSE=1 to see it when diagnosing a load problem.
    """
    if os.environ.get("MEDLOCAL_LLAMA_VERBOSE") == "1":
        yield
        return
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
