"""A chat model on the engine thread: prompt rendering, context fitting, scoring and the
generation loop (plain or prompt-lookup speculative decoding)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from medlocal.engine.api import ChatMessage, SamplingParams, TrimReport
from medlocal.engine.chat import ChatTemplate, fit_messages
from medlocal.engine.generation import GenerationStats, StopFilter, emit_tokens, shared_prefix
from medlocal.engine.llama_model import LoadedLlama
from medlocal.engine.reasoning import close_thinking, prompt_opens_thinking, template_thinks
from medlocal.engine.scoring import ScoreResult, score_on_prefix
from medlocal.engine.speculative import (
    BatchCostMeter,
    LlamaTarget,
    SpeculationConfig,
    SpeculationStats,
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
        # The latest prompt ended inside an opened thinking block (DeepSeek-R1 templates).
        self.last_prompt_opened_thinking = False
        # Set by Engine.load_chat; None: plain decoding (turned off, or a KV that cannot roll back).
        self.speculation: SpeculationConfig | None = None
        # What a verification batch costs on this model and machine, learned across requests.
        self.batch_cost: BatchCostMeter | None = None

    def _prompt_tokens(self, messages: Sequence[ChatMessage]) -> tuple[list[int], tuple[str, ...]]:
        rendered = self.template.render(messages)
        self.last_prompt_opened_thinking = prompt_opens_thinking(rendered.text)
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
        kept, budget, trim = self.fit(messages, params.max_tokens)
        tokens, stop_strings = self._prompt_tokens(kept)
        stats = GenerationStats(prompt_tokens=len(tokens), trim=trim)
        self.last_stats = stats
        for note in trim.notes:
            log.info("context budget: %s", note)

        opened = self.last_prompt_opened_thinking

        def produce(emit: Callable[[str], None], stopped: threading.Event) -> None:
            self._generate(
                tokens, params, budget, stop_strings, stats, emit, stopped, cancel, opened
            )

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
        opened: bool = False,
    ) -> None:
        import llama_cpp

        llm = self._llama
        if llm is None:
            raise ModelLoadError(f"{self.name} has been unloaded")
        stats.reused_prefix_tokens = shared_prefix(llm, tokens)
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
        if params.think_budget > 0:
            # A reasoning model thinking past its budget has its block closed for it and answers.
            source = close_thinking(
                start,
                tokens,
                params.think_budget,
                lambda t: bytes(llm.detokenize([t])),
                lambda text: self.tokenize(text, special=True),
                opened=opened,
            )
        else:
            source = start(tokens)
        vocab = self._vocab
        try:
            emit_tokens(
                source,
                lambda t: bytes(llm.detokenize([t])),
                lambda t: bool(llama_cpp.llama_vocab_is_eog(vocab, t)),
                StopFilter(stop_strings),
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
