"""Prompt-lookup speculative decoding (issue 13).

Grounded answers and summaries copy long stretches of their passages (names, drugs, doses,
dates). When the last few output tokens also occur earlier in the prompt or the output, the
tokens that followed them there are a cheap guess (a *draft*) for what comes next. The draft is
checked in one batch on the engine thread: the batch ``[last token] + draft`` is decoded with
logits at every position, and position ``i`` is sampled with the request's own sampler from its
own logits. Draft token ``i`` is kept only if that sample *is* the draft token; the first sample
that differs is emitted instead and the rest of the draft is dropped (KV rolled back).

Why this leaves the output unchanged: every emitted token is exactly what the sampler picks
from the logits of its own position, as plain decoding would (argmax at temperature 0). With
sampling, accepting draft ``d`` iff the sample equals ``d`` accepts with probability p(d) and
otherwise emits a token drawn from p restricted to tokens other than ``d``: the standard
speculative acceptance rule for a one-point draft distribution, so the distribution is p. Only
float differences between batched and single-token logits (llama.cpp) can change a token, where
the top two are nearly tied; the benchmark measures how often.

Drafting costs a bigger batch. ``DraftPolicy`` picks the draft length that maximises expected
tokens per unit of decode cost from a running acceptance estimate (updated also from drafts
that were *not* sent, by comparing them with what plain decoding produced), and drafts nothing
when that does not pay: plain chat then runs as single-token steps.

What a batch costs depends on the model and the machine: nearly nothing where decoding is
memory-bound (a GPU, or a large model on a CPU), most of a decode on a CPU with a small model.
``BatchCostMeter`` starts from a prior (the config's ``batch_cost``) and learns the real figure
from timed decodes, and it lives as long as the loaded model, so every request benefits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from medlocal.engine.api import SamplingParams
from medlocal.engine.scoring import rollback_kv


@dataclass(frozen=True)
class SpeculationConfig:
    max_draft: int = 8  # longest draft sent for verification
    min_ngram: int = 2  # shortest output suffix looked up (1 matches far too much)
    max_ngram: int = 4  # longest suffix looked up; the longest match wins
    # Cost of each extra token in a verification batch, as a share of one single-token decode.
    # CPU: a batch of 8 costs about 6 single decodes (compute-bound); GPU: nearly free.
    batch_cost: float = 0.7
    # Replace ``batch_cost`` by the cost measured on this machine (False: always the figure
    # above, e.g. 0 to draft whenever a match exists, as the benchmark's "forced" mode does).
    learn_cost: bool = True
    acceptance_weight: float = 0.1  # weight of the newest observation in the running estimate
    initial_acceptance: float = 0.5


@dataclass
class SpeculationStats:
    drafted: int = 0  # draft tokens sent for verification
    accepted: int = 0  # of those, kept
    steps: int = 0  # decode steps (verifications and single-token steps)


class BatchCostMeter:
    """The cost of each extra token of a verification batch, as a share of a one-token decode,
    learned from timed decodes (running averages); the prior until both kinds were seen."""

    MIN_SAMPLES = 3  # of each kind before the measurement replaces the prior
    WEIGHT = 0.2  # of the newest timing in each running average
    PROBE_EVERY = 32  # steps between probing drafts while no batch has been timed
    LOWEST, HIGHEST = 0.02, 2.0  # clamp: one odd timing must not switch drafting to extremes

    def __init__(self, prior: float) -> None:
        self.prior = prior
        self._single: float | None = None  # seconds per one-token decode
        self._extra: float | None = None  # extra seconds per additional batch token
        self._singles = 0
        self._batches = 0

    def observe(self, size: int, seconds: float) -> None:
        if size <= 1:
            self._single = _average(self._single, seconds, self.WEIGHT)
            self._singles += 1
        elif self._single is not None:
            extra = max(0.0, seconds - self._single) / (size - 1)
            self._extra = _average(self._extra, extra, self.WEIGHT)
            self._batches += 1

    @property
    def measured(self) -> bool:
        return min(self._singles, self._batches) >= self.MIN_SAMPLES

    @property
    def wants_probe(self) -> bool:
        """Whether a short draft should be sent to time a batch (the prior may be wrong)."""
        return self._singles >= self.MIN_SAMPLES and self._batches < self.MIN_SAMPLES

    @property
    def cost(self) -> float:
        if not self.measured or not self._single or self._extra is None:
            return self.prior
        return min(self.HIGHEST, max(self.LOWEST, self._extra / self._single))


def _average(current: float | None, value: float, weight: float) -> float:
    return value if current is None else (1.0 - weight) * current + weight * value


class DraftIndex:
    """Where each n-gram of prompt + output was last followed by a token: O(1) per token."""

    def __init__(self, tokens: Sequence[int], min_n: int, max_n: int) -> None:
        self._min_n = max(1, min_n)
        self._max_n = max(self._min_n, max_n)
        self._seq: list[int] = []
        self._last: list[dict[tuple[int, ...], int]] = [{} for _ in range(self._max_n + 1)]
        for t in tokens:
            self.append(t)

    def append(self, token: int) -> None:
        seq = self._seq
        seq.append(token)
        end = len(seq) - 1  # index of the token that follows each n-gram ending before it
        for n in range(self._min_n, self._max_n + 1):
            if end >= n:
                self._last[n][tuple(seq[end - n : end])] = end

    @property
    def tokens(self) -> list[int]:
        return list(self._seq)

    def lookup(self, k: int) -> list[int]:
        """Up to ``k`` tokens that followed the latest earlier occurrence of the longest
        matching suffix (empty when none matches)."""
        seq = self._seq
        for n in range(self._max_n, self._min_n - 1, -1):
            if len(seq) < n:
                continue
            at = self._last[n].get(tuple(seq[len(seq) - n :]))
            if at is not None:
                return seq[at : at + k]
        return []


class DraftPolicy:
    """How many draft tokens to send: the length that maximises expected tokens per cost."""

    def __init__(self, config: SpeculationConfig, meter: BatchCostMeter | None = None) -> None:
        self._config = config
        self.meter = meter or BatchCostMeter(config.batch_cost)
        self.acceptance = config.initial_acceptance
        self.enabled = True
        self._steps = 0

    def length(self, available: int) -> int:
        if not self.enabled or available <= 0:
            return 0
        self._steps += 1
        learn = self._config.learn_cost
        if learn and self.meter.wants_probe and self._steps % self.meter.PROBE_EVERY == 0:
            return min(2, available)  # time a small batch: the prior cost may be wrong
        a = min(self.acceptance, 0.999)
        c = self.meter.cost if learn else self._config.batch_cost
        best_k, best = 0, 1.0  # a plain step: one token for one unit of cost
        expected = 1.0  # tokens per step with a draft of k: 1 + a + ... + a^k
        for k in range(1, min(available, self._config.max_draft) + 1):
            expected += a**k
            value = expected / (1.0 + c * k)
            if value > best * 1.02:  # a margin so a near-tie stays on the cheap side
                best_k, best = k, value
        return best_k

    def observe(self, accepted: bool) -> None:
        w = self._config.acceptance_weight
        self.acceptance = (1.0 - w) * self.acceptance + w * (1.0 if accepted else 0.0)


class Target(Protocol):
    """What speculation needs of a model: the real one is ``LlamaTarget``; tests pass a fake."""

    @property
    def n_ctx(self) -> int: ...

    @property
    def n_kv(self) -> int: ...

    def start(self, prompt: Sequence[int]) -> None:
        """Leave ``prompt`` in the KV cache (reusing what is cached; at least its last token is
        evaluated), with the logits of its last position available as ``sample(-1)``."""

    def verify(self, tokens: Sequence[int]) -> None:
        """Decode ``tokens`` after the KV contents with logits at every position."""

    def sample(self, i: int) -> int:
        """The request's sampler applied to the logits of position ``i`` of the last batch."""

    def rollback(self, keep: int) -> bool:
        """Keep the first ``keep`` KV entries; False when the cache cannot be cut there."""

    def close(self) -> None:
        """The request is over (sampler state can go)."""


def speculative_generate(
    target: Target,
    prompt: Sequence[int],
    config: SpeculationConfig,
    stats: SpeculationStats,
    max_new_tokens: int,
    meter: BatchCostMeter | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Iterator[int]:
    """Yield generated tokens one at a time, like ``Llama.generate``. The caller decides when
    to stop (end of generation, stop string, cancel): closing the generator between tokens
    leaves the KV cache consistent with what has been decoded, so the next request reuses it.
    ``meter`` (kept by the caller across requests) learns what batches cost, timed by ``clock``.
    """
    if not prompt:
        raise ValueError("generation needs at least one prompt token")
    policy = DraftPolicy(config, meter)
    try:
        yield from _speculate(target, prompt, config, stats, max_new_tokens, policy, clock)
    finally:
        target.close()


def _speculate(
    target: Target,
    prompt: Sequence[int],
    config: SpeculationConfig,
    stats: SpeculationStats,
    max_new_tokens: int,
    policy: DraftPolicy,
    clock: Callable[[], float],
) -> Iterator[int]:
    # The whole prompt in one batch, as Llama.generate evaluates it: the first token then comes
    # from the same logits as in plain decoding (batch shape changes llama.cpp's last bits).
    target.start(prompt)
    index = DraftIndex(prompt, config.min_ngram, config.max_ngram)
    if max_new_tokens <= 0:
        return
    last = target.sample(-1)
    index.append(last)
    produced = 1
    yield last
    while True:
        room = min(
            max_new_tokens - produced - 1,  # the bonus token of a full acceptance counts too
            target.n_ctx - target.n_kv - 1,  # the batch holds `last` as well
        )
        if room < 0:
            return  # the context is full: the caller reports the length stop
        guess = index.lookup(config.max_draft)
        k = policy.length(min(len(guess), room))
        draft = guess[:k]
        base = target.n_kv
        began = clock()
        target.verify([last, *draft])
        stats.steps += 1
        stats.drafted += k
        out: list[int] = []
        for i in range(k + 1):
            token = target.sample(i)
            if i == 0:
                # Timed up to the first sample: reading logits waits for an asynchronous
                # backend (CUDA) to finish the batch, so this is the decode's real cost.
                policy.meter.observe(k + 1, clock() - began)
            out.append(token)
            if i < k and token == draft[i]:
                policy.observe(True)
                continue
            if i < k:
                policy.observe(False)
            elif k == 0 and guess:
                # A draft we did not send: learn from it at no cost, so speculation can
                # switch itself back on where the output starts copying again.
                policy.observe(token == guess[0])
            break
        accepted = len(out) - 1
        stats.accepted += accepted
        keep = base + 1 + accepted
        if target.n_kv > keep and not target.rollback(keep):
            # A cache that cannot be cut (recurrent state): rebuild it, and stop drafting.
            policy.enabled = False
            target.start([*index.tokens, *out[:-1]])
        for token in out:
            index.append(token)
        last = out[-1]
        for token in out:
            produced += 1
            yield token


class LlamaTarget:
    """``Target`` over a llama-cpp-python ``Llama``; engine thread only. Sampling uses the same
    sampler chain ``Llama.generate`` builds for every token (same seed, same filters), applied
    to the logits of the token's own batch position."""

    def __init__(self, llm: Any, params: SamplingParams) -> None:
        self._llm = llm
        self._sampling = {
            "top_k": params.top_k,
            "top_p": params.top_p,
            "min_p": params.min_p,
            "temp": params.temperature,
            "repeat_penalty": params.repeat_penalty,
        }
        self._n_ctx = int(llm.n_ctx())
        self._n_vocab = int(llm.n_vocab())
        # Tests set this to a list: (argmax of the position's logits, sampled token, margin
        # between the top two logits) for every sample.
        self.record: list[tuple[int, int, float]] | None = None
        self._sampler: Any = None

    @property
    def n_ctx(self) -> int:
        return self._n_ctx

    @property
    def n_kv(self) -> int:
        return int(self._llm.n_tokens)

    def start(self, prompt: Sequence[int]) -> None:
        llm = self._llm
        cached = int(llm.n_tokens)
        head = np.asarray(prompt[:cached], dtype=np.intc)
        same = np.asarray(llm.input_ids[: len(head)]) == head
        reused = int(len(head) if same.all() else np.argmin(same))
        if not self.rollback(min(reused, len(prompt) - 1)):
            llm._ctx.kv_cache_clear()
            llm.n_tokens = 0
        llm.eval(list(prompt[int(llm.n_tokens) :]))
        # Llama.generate must not sample from these logits later: the KV moves on from here.
        llm._requires_eval = True

    def verify(self, tokens: Sequence[int]) -> None:
        llm = self._llm
        n_past = int(llm.n_tokens)
        if n_past + len(tokens) > self._n_ctx:
            raise ValueError("verification batch exceeds the context window")
        llm._batch.set_batch(batch=list(tokens), n_past=n_past, logits_all=True)
        llm._ctx.decode(llm._batch)
        llm.input_ids[n_past : n_past + len(tokens)] = tokens
        llm.n_tokens = n_past + len(tokens)
        llm._requires_eval = True

    def sample(self, i: int) -> int:
        llm = self._llm
        if self._sampler is None:
            # One chain per request, as Llama.generate builds it after set_seed: it takes one
            # random draw and records one token (repeat penalty) per sample, and speculation
            # samples exactly once per emitted token, in order.
            self._sampler = llm._init_sampler(**self._sampling)
        token = int(self._sampler.sample(llm._ctx, i))
        if self.record is not None:
            row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(i), shape=(self._n_vocab,))
            top2 = np.partition(row, -2)[-2:]
            self.record.append((int(np.argmax(row)), token, float(top2[1] - top2[0])))
        return token

    def rollback(self, keep: int) -> bool:
        return rollback_kv(self._llm, keep)

    def close(self) -> None:
        if self._sampler is not None:
            self._sampler.close()
            self._sampler = None


def kv_keeps_prefix(llm: Any) -> bool:
    """True where the KV cache can be cut back to a prompt's shared prefix and read forward
    from there (what read_prompt needs): every attention cache, sliding-window ones included;
    not recurrent or hybrid models, which keep one state per sequence."""
    import llama_cpp

    model = llm._model.model
    return not (llama_cpp.llama_model_is_recurrent(model) or llama_cpp.llama_model_is_hybrid(model))


def kv_can_roll_back(llm: Any) -> bool:
    """False for models whose KV cache cannot be cut at an arbitrary position: recurrent and
    hybrid models keep one state per sequence, and a sliding window forgets what a rollback
    would need."""
    import llama_cpp

    if not kv_keeps_prefix(llm):
        return False
    return int(llama_cpp.llama_model_n_swa(llm._model.model)) == 0
