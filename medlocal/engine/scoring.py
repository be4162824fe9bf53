"""The engine's one scoring primitive: evaluate a batch of tokens on top of a KV prefix that is
reused from the last call when it matches, return the logits asked for, and roll the KV cache
back to the prefix.

Option likelihoods, speculative verification, the grounding model check and reranking all need
exactly this, so it exists once (issue 13). It runs on the engine thread only (llama.cpp objects
are not thread-safe): ``LlamaChatModel.score`` submits it there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from medlocal.engine.chat import ChatTemplate


@dataclass(frozen=True)
class ScoreResult:
    logits: npt.NDArray[np.float32]  # (len(positions), n_vocab), in the order asked
    reused_prefix_tokens: int  # prefix tokens found in the KV cache (not evaluated again)
    evaluated_tokens: int  # tokens decoded by this call (rest of the prefix + the batch)


class ScoringModel(Protocol):
    """What a scoring user needs from a chat model (``LlamaChatModel`` implements it): the
    grounding model check and the evaluation's likelihood mode depend on this, not on llama.cpp."""

    template: ChatTemplate
    n_ctx: int

    def tokenize(self, text: str, *, special: bool = True) -> list[int]: ...

    def score(
        self, prefix: Sequence[int], tokens: Sequence[int], positions: Sequence[int] = (-1,)
    ) -> ScoreResult: ...


def _cached_prefix(llm: Any, prefix: Sequence[int]) -> int:
    cached = int(llm.n_tokens)
    n = 0
    for a, b in zip(llm.input_ids[:cached], prefix, strict=False):
        if int(a) != b:
            break
        n += 1
    return n


def rollback_kv(llm: Any, keep: int) -> bool:
    """Drop KV entries from position ``keep`` on; False (cache untouched) when it cannot be cut
    there (recurrent models). Speculative decoding shares this with scoring."""
    if not llm._ctx.kv_cache_seq_rm(-1, keep, -1):
        return False
    llm.n_tokens = keep
    # The context's last logits belong to the dropped tail: Llama.generate must not sample
    # from them when its prompt is exactly the kept prefix.
    llm._requires_eval = True
    return True


def _truncate(llm: Any, keep: int) -> None:
    """Drop KV entries from position ``keep`` on. A cache that cannot be cut there (recurrent
    models) is cleared instead, so the next call evaluates its prefix from the start."""
    if not rollback_kv(llm, keep):
        llm._ctx.kv_cache_clear()
        llm.n_tokens = 0
        llm._requires_eval = True


def score_on_prefix(
    llm: Any, prefix: Sequence[int], tokens: Sequence[int], positions: Sequence[int]
) -> ScoreResult:
    """Logits after ``prefix + tokens[:i+1]`` for each ``i`` in ``positions`` (indexes into
    ``tokens``; negative ones count from the end). On return the KV cache holds exactly
    ``prefix``, ready for the next call with the same prefix. Engine thread only."""
    if not tokens:
        raise ValueError("score needs at least one token to evaluate")
    wanted = [p if p >= 0 else len(tokens) + p for p in positions]
    if any(not 0 <= p < len(tokens) for p in wanted):
        raise ValueError("a requested position lies outside the evaluated tokens")
    if len(prefix) + len(tokens) > llm.n_ctx():
        raise ValueError("prefix and tokens exceed the context window")
    reused = _cached_prefix(llm, prefix)
    _truncate(llm, reused)
    reused = int(llm.n_tokens)
    if reused < len(prefix):
        llm.eval(list(prefix[reused:]))  # keeps input_ids/n_tokens in step for later reuse
    n_vocab = int(llm.n_vocab())
    out = np.empty((len(wanted), n_vocab), dtype=np.float32)
    rows = {p: [i for i, w in enumerate(wanted) if w == p] for p in set(wanted)}
    batch = llm._batch
    n_batch = int(llm.n_batch)
    base = len(prefix)
    try:
        for start in range(0, len(tokens), n_batch):
            chunk = list(tokens[start : start + n_batch])
            batch.set_batch(batch=chunk, n_past=base + start, logits_all=False)
            for i in range(len(chunk)):
                batch.batch.logits[i] = (start + i) in rows
            llm._ctx.decode(batch)
            for i in range(len(chunk)):
                for row in rows.get(start + i, ()):
                    pointer = llm._ctx.get_logits_ith(i)
                    out[row] = np.ctypeslib.as_array(pointer, shape=(n_vocab,))
    finally:
        _truncate(llm, base)
    return ScoreResult(out, reused, len(prefix) - reused + len(tokens))
