"""The generation loop's pieces that do not touch llama.cpp: turning tokens into text (stop
strings, budget, cancel, a full context), the figures of one generation, and how much of a
prompt the KV cache already holds."""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from medlocal.engine.abort import forget_aborted, is_abort
from medlocal.engine.api import STOP_CANCELLED, STOP_END, STOP_LENGTH, STOP_STRING, TrimReport


@dataclass
class GenerationStats:
    prompt_tokens: int = 0
    reused_prefix_tokens: int = 0
    generated_tokens: int = 0
    time_to_first_token_s: float = 0.0
    generation_s: float = 0.0
    stop_reason: str = ""  # one of api.STOP_*
    # Prompt tokens in the KV cache so far (the reused prefix, then each batch read): a live
    # figure for progress while a long prompt is read, which can take minutes on a CPU.
    prompt_read: int = 0
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


def emit_tokens(
    source: Iterator[int],
    detokenize: Callable[[int], bytes],
    is_end: Callable[[int], bool],
    holdback: StopFilter,
    budget: int,
    context_full: Callable[[], bool],
    cancelled: Callable[[], bool],
    stats: GenerationStats,
    emit: Callable[[str], None],
    started: float | None = None,
) -> None:
    """Turn generated tokens into text: end of generation, stop strings (held back until known),
    cancel (checked after every token, so within one speculative verification step), the token
    budget and a full context all end it. Leaving the loop closes ``source``. ``started``: when
    the prompt began to be read (time to first token counts from it), else now. A source that
    ends by itself after a Stop was stopped by it (a decode llama.cpp aborted): the answer ends
    as cancelled, its held-back tail unsent."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    started = time.perf_counter() if started is None else started
    first_at = 0.0
    stats.stop_reason = STOP_LENGTH
    generated = 0
    try:
        for token in source:
            if generated == 0:
                first_at = time.perf_counter()
                stats.prompt_read = stats.prompt_tokens
            if is_end(token):
                stats.stop_reason = STOP_END
                break
            generated += 1
            # Live figures for a status bar reading them from another thread.
            stats.generated_tokens = generated
            stats.generation_s = time.perf_counter() - first_at
            text, hit_stop = holdback.feed(decoder.decode(detokenize(token)))
            if text:
                emit(text)
            if hit_stop:
                stats.stop_reason = STOP_STRING
                break
            if cancelled():
                stats.stop_reason = STOP_CANCELLED
                break
            if generated >= budget or context_full():
                break
        else:
            if cancelled():
                stats.stop_reason = STOP_CANCELLED
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    tail = holdback.flush() + decoder.decode(b"", final=True)
    if tail and stats.stop_reason not in (STOP_STRING, STOP_CANCELLED):
        emit(tail)
    ended = time.perf_counter()
    stats.generated_tokens = generated
    stats.time_to_first_token_s = (first_at or ended) - started
    stats.generation_s = ended - (first_at or ended)


def read_prompt(
    llm: Any,
    tokens: Sequence[int],
    cancelled: Callable[[], bool],
    stats: GenerationStats,
) -> bool:
    """Read the prompt into the KV cache in the batches ``Llama.eval`` would use, checking
    ``cancelled`` between them; False when cancelled. Walk 38: a Stop during a summary's map
    step waited 410 s, because a full-context prompt was read in one ``Llama.generate`` call
    that never looks at cancel. The last batch (up to n_batch tokens, at least one) is left to
    ``Llama.generate``, which finds the rest cached and reads just that batch: every decode call
    is the one it would have made alone, so speed and output are unchanged.

    The cache is cut only where ``Llama.generate`` itself would cut it (the shared prefix) and
    then only added to, so a sliding-window model reads as it would in one call (llama.cpp's
    SWA cache removes cells on request like any other; what a window has already forgotten
    is the same either way). A cache that refuses the cut is cleared and the prompt read from
    its start, as generate does. Recurrent and hybrid models are not read this way: generate
    would find their cut refused after every batch and read the prompt again.

    A Stop also aborts the batch being read (the context's abort callback, engine/abort.py):
    the cache is then left holding the batches read before it."""
    start = shared_prefix(llm, tokens)
    stats.prompt_read = start
    n_batch = int(llm.n_batch)
    # Whole batches from the reused prefix, stopping before the batch holding the last token.
    end = start + (len(tokens) - 1 - start) // n_batch * n_batch
    if end <= start:
        return not cancelled()
    if not llm._ctx.kv_cache_seq_rm(-1, start, -1):
        llm.reset()
        start = 0
        stats.prompt_read = 0
        end = (len(tokens) - 1) // n_batch * n_batch
    llm.n_tokens = start
    # The context's last logits belong to the dropped tail (as in rollback_kv).
    llm._requires_eval = True
    for at in range(start, end, n_batch):
        if cancelled():
            return False
        try:
            llm.eval(list(tokens[at : at + n_batch]))
        except RuntimeError as exc:
            if not is_abort(exc):
                raise
            forget_aborted(llm)
            return False
        stats.prompt_read = at + n_batch
    return not cancelled()


def shared_prefix(llm: Any, tokens: Sequence[int]) -> int:
    """Tokens of ``tokens`` already in the KV cache (what llama-cpp-python's generate reuses)."""
    cached = llm.n_tokens
    n = 0
    for a, b in zip(llm._input_ids[:cached], tokens, strict=False):
        if a != b:
            break
        n += 1
    return n


class StopFilter:
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
