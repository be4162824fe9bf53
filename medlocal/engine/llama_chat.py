"""A chat model on the engine thread: prompt rendering, context fitting, scoring and the
generation loop (plain or prompt-lookup speculative decoding)."""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from medlocal.engine.abort import DecodeAbort, StopWatch, forget_aborted, is_abort
from medlocal.engine.api import STOP_CANCELLED, ChatMessage, SamplingParams, TrimReport
from medlocal.engine.chat import MIN_ANSWER_TOKENS, ChatTemplate, fit_messages
from medlocal.engine.decode_threads import DecodeThreads
from medlocal.engine.decode_threads import install as install_decode_threads
from medlocal.engine.generation import (
    GenerationStats,
    StopFilter,
    emit_tokens,
    read_prompt,
    shared_prefix,
)
from medlocal.engine.llama_model import LoadedLlama
from medlocal.engine.reasoning import (
    ThinkingPieces,
    close_thinking,
    prompt_opens_thinking,
    template_thinks,
)
from medlocal.engine.scoring import ScoreResult, score_on_prefix
from medlocal.engine.speculative import (
    BatchCostMeter,
    LlamaTarget,
    SpeculationConfig,
    SpeculationStats,
    kv_keeps_prefix,
    speculative_generate,
)
from medlocal.errors import ModelLoadError

log = logging.getLogger(__name__)


class LlamaChatModel(LoadedLlama):
    """A chat model on the engine thread. Implements the ``ChatModel`` protocol."""

    # Honours ``SamplingParams.think_budget`` by closing the thinking block (close_thinking).
    closes_thinking = True

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
        # A model that thinks before it answers (engine/reasoning.py): known from its template
        # here, or from the catalog when it is loaded as an installed model.
        self.reasoning = template_thinks(self.info.chat_template)
        # Set by Engine.load_chat; None: plain decoding (turned off, or a KV that cannot roll back).
        self.speculation: SpeculationConfig | None = None
        # What a verification batch costs on this model and machine, learned across requests.
        self.batch_cost: BatchCostMeter | None = None
        # The prompt is read in batches with cancel checked between them (read_prompt) where
        # the KV cache can be cut back to the shared prefix, sliding-window models included
        # (review 35: MedGemma's Stop waited for the whole prompt); a recurrent model's cannot.
        self._reads_in_batches = kv_keeps_prefix(self._llama)
        # A Stop aborts the decode under way (engine/abort.py), not only the next one.
        self._abort = DecodeAbort()
        self._abort.install(self._llama)
        self._max_piece: int | None = None  # max_piece_bytes, once read (0: no bound)
        # On a CPU: each decode on the configured thread count or one, whichever measures faster
        # for its kind of decode under the machine's load now (engine/decode_threads.py; walk 39:
        # a token took 5-15x as long with 2 threads as with 1 on 2 busy cores). None: on a GPU,
        # or the user set the count.
        self.decode_threads: DecodeThreads | None = None
        configured = int(self._llama.context_params.n_threads)
        if self.n_gpu_layers == 0 and not self.pin_threads and configured > 1:
            self.decode_threads = install_decode_threads(self._llama, configured)

    def _prompt_tokens(
        self, messages: Sequence[ChatMessage]
    ) -> tuple[list[int], tuple[str, ...], bool]:
        """The prompt's tokens, its stop strings, and whether it ends inside a thinking block
        the template opened (DeepSeek-R1 templates)."""
        rendered = self.template.render(messages)
        # The template writes BOS itself when the model wants one; tokenising special tokens
        # lets "<|im_start|>" become one token instead of ten.
        add_bos = not self.template.from_model
        tokens = self._tokenize(rendered.text.encode("utf-8"), add_bos, True)
        return tokens, rendered.stop, prompt_opens_thinking(rendered.text)

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
        self, messages: Sequence[ChatMessage], max_tokens: int, *, thinking: bool = False
    ) -> tuple[list[ChatMessage], int, TrimReport]:
        return fit_messages(
            messages,
            max_tokens,
            self.n_ctx,
            self.count_chat_tokens,
            thinking=thinking,
            piece_bytes=self.max_piece_bytes,
            trained=self.info.context_length,
        )

    def max_piece_bytes(self) -> int | None:
        """The most bytes of text one token of this vocabulary stands for, so that a text too
        long for the context is known without tokenising it (engine/chat.py ``cannot_fit``).
        None for vocabularies that normalise their input (WordPiece, Unigram, ...): there one
        token may stand for more text than its piece, so no safe bound follows. Read from the
        vocabulary once, on first need (~50k short calls)."""
        if self._max_piece is None:
            import llama_cpp

            with self._lifetime:
                if self._llama is None:
                    raise ModelLoadError(f"{self.name} has been unloaded")
                vocab = self._vocab
                # SPM and byte-level BPE tokenise the text as it is (SPM only marks spaces).
                if llama_cpp.llama_vocab_type(vocab) not in (
                    llama_cpp.LLAMA_VOCAB_TYPE_SPM,
                    llama_cpp.LLAMA_VOCAB_TYPE_BPE,
                ):
                    self._max_piece = 0
                else:
                    buf = ctypes.create_string_buffer(8)
                    longest = 1
                    for token in range(llama_cpp.llama_vocab_n_tokens(vocab)):
                        # Too small a buffer returns minus the size needed: its length either way.
                        n = llama_cpp.llama_token_to_piece(vocab, token, buf, len(buf), 0, True)
                        longest = max(longest, abs(n))
                    self._max_piece = longest
        return self._max_piece or None

    @property
    def last_stop_reason(self) -> str:
        """Why the latest ``stream_chat`` ended (``GenerationStats.stop_reason``)."""
        return self.last_stats.stop_reason

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        """Yield the answer as it is generated. Trimming, if any, is in ``last_stats.trim``."""
        params = params or SamplingParams()
        # A reasoning model's max_tokens holds its thinking and its answer (ReasoningStream).
        thinks = self.reasoning and params.think_budget > 0
        kept, budget, trim = self.fit(messages, params.max_tokens, thinking=thinks)
        tokens, stop_strings, opened = self._prompt_tokens(kept)
        stats = GenerationStats(prompt_tokens=len(tokens), trim=trim)
        self.last_stats = stats
        for note in trim.notes:
            log.info("context budget: %s", note)

        # The block is closed only for a model known to reason or a prompt that opened it (a
        # plain model's "</think>" is its own text), early enough to leave the answer room.
        close_at = thinking_close_at(params, budget) if self.reasoning or opened else 0

        def produce(emit: Callable[[str], None], stopped: threading.Event) -> None:
            llm = self._llama
            if llm is None:
                raise ModelLoadError(f"{self.name} has been unloaded")

            def cancelled() -> bool:
                return stopped.is_set() or (cancel is not None and cancel.is_set())

            with StopWatch(self._abort, cancelled):
                self._generate(
                    llm,
                    tokens,
                    params,
                    budget,
                    stop_strings,
                    stats,
                    emit,
                    cancelled,
                    opened,
                    close_at,
                )

        return ThinkingPieces(self._engine.worker.stream(produce), opened)

    def _generate(
        self,
        llm: Any,
        tokens: list[int],
        params: SamplingParams,
        budget: int,
        stop_strings: tuple[str, ...],
        stats: GenerationStats,
        emit: Callable[[str], None],
        cancelled: Callable[[], bool],
        opened: bool,
        close_at: int,
    ) -> None:
        import llama_cpp

        started = time.perf_counter()
        stats.reused_prefix_tokens = shared_prefix(llm, tokens)
        stats.prompt_read = stats.reused_prefix_tokens

        if self._reads_in_batches and not read_prompt(llm, tokens, cancelled, stats):
            stats.stop_reason = STOP_CANCELLED
            stats.time_to_first_token_s = time.perf_counter() - started
            return
        llm.set_seed(params.seed)
        spec = SpeculationStats() if self.speculation is not None else None

        def start(prompt: list[int]) -> Iterator[int]:
            if self.speculation is not None and spec is not None:
                if self.batch_cost is None:
                    self.batch_cost = BatchCostMeter(self.speculation.batch_cost)
                left = budget - (len(prompt) - len(tokens))
                target = LlamaTarget(llm, params)
                return speculative_generate(
                    target, prompt, self.speculation, spec, max(left, 1), self.batch_cost
                )
            plain: Iterator[int] = llm.generate(
                prompt,
                top_k=params.top_k,
                top_p=params.top_p,
                min_p=params.min_p,
                temp=params.temperature,
                repeat_penalty=params.repeat_penalty,
            )
            return plain

        source: Iterator[int]
        if close_at > 0:
            # A reasoning model thinking past its budget has its block closed for it and answers.
            source = close_thinking(
                start,
                tokens,
                close_at,
                lambda t: bytes(llm.detokenize([t])),
                lambda text: self.tokenize(text, special=True),
                opened=opened,
            )
        else:
            source = start(tokens)
        source = until_aborted(source, llm)
        vocab = self._vocab
        try:
            emit_tokens(
                source,
                lambda t: bytes(llm.detokenize([t])),
                lambda t: bool(llama_cpp.llama_vocab_is_eog(vocab, t)),
                StopFilter(stop_strings),
                budget,
                lambda: llm.n_tokens >= self.n_ctx,
                cancelled,
                stats,
                emit,
                started,
            )
        finally:
            if spec is not None:
                stats.drafted_tokens, stats.accepted_tokens = spec.drafted, spec.accepted
            if self.batch_cost is not None:
                stats.batch_cost = self.batch_cost.cost


def until_aborted(source: Iterator[int], llm: Any) -> Iterator[int]:
    """``source``'s tokens, ending quietly where a Stop aborted one of its decodes (the last
    batch of the prompt, a generated token, a speculative verification batch); the cache is
    left as it was before that decode (abort.forget_aborted)."""
    try:
        yield from source
    except RuntimeError as exc:
        if not is_abort(exc):
            raise
        forget_aborted(llm)


def thinking_close_at(params: SamplingParams, budget: int) -> int:
    """Thinking tokens after which the engine closes the block: ``params.think_budget``, or
    fewer when the output limit fitted to the context (``budget``) would otherwise end inside
    the thinking and leave no answer. The answer keeps its own share (``max_tokens`` less the
    thinking's room, at least MIN_ANSWER_TOKENS) or half the budget when even that is too much.
    0: not asked to close."""
    if params.think_budget <= 0:
        return 0
    answer = max(params.max_tokens - params.think_budget, MIN_ANSWER_TOKENS)
    answer = min(answer, budget // 2)
    return max(1, min(params.think_budget, budget - answer))
