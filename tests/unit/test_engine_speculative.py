"""Speculative decoding against a fake model whose logits depend only on the token sequence
(never on how tokens were batched), so speculation must reproduce plain decoding exactly."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest

from medlocal.engine.generation import GenerationStats, StopFilter, emit_tokens
from medlocal.engine.speculative import (
    BatchCostMeter,
    DraftIndex,
    DraftPolicy,
    SpeculationConfig,
    SpeculationStats,
    speculative_generate,
)

VOCAB = 16
# Drafts whenever lookup finds one (a fixed zero cost, not learned from timings).
ALWAYS_DRAFT = SpeculationConfig(max_draft=6, batch_cost=0.0, learn_cost=False)


def fake_logits(seq: Sequence[int], copy_strength: float) -> np.ndarray:
    """Pseudo-random logits from the last two tokens, plus a bonus for copying: the token that
    followed the previous occurrence of the last token (what prompt lookup would draft)."""
    digest = hashlib.sha256(bytes(str(tuple(seq[-2:])), "ascii")).digest()
    logits = np.random.default_rng(int.from_bytes(digest[:8], "little")).normal(0, 1.5, VOCAB)
    last = seq[-1]
    for j in range(len(seq) - 2, -1, -1):
        if seq[j] == last:
            logits[seq[j + 1]] += copy_strength
            break
    return logits


def probabilities(logits: np.ndarray, temperature: float) -> np.ndarray:
    z = np.exp((logits - logits.max()) / temperature)
    return np.asarray(z / z.sum())


def pick(logits: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    if temperature == 0:
        return int(np.argmax(logits))
    cdf = np.cumsum(probabilities(logits, temperature))
    return int(min(np.searchsorted(cdf, rng.random(), side="right"), VOCAB - 1))


class FakeTarget:
    """One random draw per sample, like llama.cpp's sampler chain."""

    def __init__(
        self, copy_strength: float, temperature: float, seed: int, cuttable: bool = True
    ) -> None:
        self.copy_strength = copy_strength
        self.temperature = temperature
        self.rng = np.random.default_rng(seed)
        self.cuttable = cuttable
        self.kv: list[int] = []
        self.rows: list[np.ndarray] = []
        self.batches: list[list[int]] = []
        self.closed = False

    @property
    def n_ctx(self) -> int:
        return 4096

    @property
    def n_kv(self) -> int:
        return len(self.kv)

    def start(self, prompt: Sequence[int]) -> None:
        self.kv = list(prompt)
        self.rows = [fake_logits(self.kv, self.copy_strength)]

    def verify(self, tokens: Sequence[int]) -> None:
        self.batches.append(list(tokens))
        self.rows = []
        for t in tokens:
            self.kv.append(t)
            self.rows.append(fake_logits(self.kv, self.copy_strength))

    def sample(self, i: int) -> int:
        return pick(self.rows[i], self.temperature, self.rng)

    def rollback(self, keep: int) -> bool:
        if not self.cuttable:
            return False
        del self.kv[keep:]
        return True

    def close(self) -> None:
        self.closed = True


def plain(
    prompt: list[int], n: int, copy_strength: float, temperature: float, seed: int
) -> list[int]:
    rng = np.random.default_rng(seed)
    seq, out = list(prompt), []
    for _ in range(n):
        token = pick(fake_logits(seq, copy_strength), temperature, rng)
        seq.append(token)
        out.append(token)
    return out


def speculate(
    target: FakeTarget, prompt: list[int], n: int, config: SpeculationConfig = ALWAYS_DRAFT
) -> tuple[list[int], SpeculationStats]:
    stats = SpeculationStats()
    out: list[int] = []
    for token in speculative_generate(target, prompt, config, stats, n):
        out.append(token)
        if len(out) == n:
            break
    return out, stats


# A "passage" that repeats, so prompt lookup always finds something to draft.
PROMPT = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 11, 12, 1, 2]


@pytest.mark.parametrize("temperature", [0.0, 0.8])
@pytest.mark.parametrize("copy_strength", [8.0, 0.0])  # mostly accepted / mostly rejected
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_identical_to_plain_decoding(temperature: float, copy_strength: float, seed: int) -> None:
    target = FakeTarget(copy_strength, temperature, seed)
    out, stats = speculate(target, PROMPT, 40)
    assert out == plain(PROMPT, 40, copy_strength, temperature, seed)
    assert stats.drafted > 0  # drafts were actually verified
    if copy_strength == 0.0 and temperature == 0.8:
        assert stats.accepted < stats.drafted / 2  # the "mostly rejected" case is that
    if copy_strength == 8.0:
        assert stats.accepted > stats.drafted / 2
        assert any(len(b) > 2 for b in target.batches)
    # The KV cache holds exactly the decoded sequence minus the not-yet-evaluated last token.
    assert target.kv == (PROMPT + out)[: len(target.kv)]


def test_uncuttable_cache_rebuilds_and_stops_drafting() -> None:
    target = FakeTarget(0.0, 0.0, 0, cuttable=False)
    out, _ = speculate(target, PROMPT, 30)
    assert out == plain(PROMPT, 30, 0.0, 0.0, 0)
    drafted_batches = [b for b in target.batches if len(b) > 1]
    assert len(drafted_batches) == 1  # the first rejected draft turns speculation off


def test_budget_bounds_drafts() -> None:
    target = FakeTarget(8.0, 0.0, 0)
    stats = SpeculationStats()
    out = list(speculative_generate(target, PROMPT, ALWAYS_DRAFT, stats, 5))
    assert len(out) == 5
    # Nothing is drafted past the budget: the KV never holds more than prompt + 5 tokens.
    assert len(target.kv) <= len(PROMPT) + 5
    assert max(len(b) for b in target.batches) <= 4  # first token + a draft of 3 + its bonus


def test_later_position_distribution_matches_the_model() -> None:
    """The token right after an accepted draft token is distributed as the model says."""
    copy_strength, temperature = 3.0, 1.0
    prompt = [1, 2, 3, 4, 1, 2]  # lookup drafts 3, 4, 1, 2 ... after "1 2"
    after_accept: Counter[tuple[int, ...]] = Counter()
    nexts: dict[tuple[int, ...], Counter[int]] = {}
    plain_nexts: dict[tuple[int, ...], Counter[int]] = {}
    for seed in range(4000):
        target = FakeTarget(copy_strength, temperature, seed)
        out, _ = speculate(target, prompt, 3)
        if out[0] == 3:  # first draft token accepted; out[1] is sampled after it
            key = tuple(out[:1])
            after_accept[key] += 1
            nexts.setdefault(key, Counter())[out[1]] += 1
        ref = plain(prompt, 3, copy_strength, temperature, seed)
        plain_nexts.setdefault(tuple(ref[:1]), Counter())[ref[1]] += 1
    key = (3,)
    n = after_accept[key]
    assert n > 800  # the draft was accepted often enough to measure
    expected = probabilities(fake_logits([*prompt, 3], copy_strength), temperature)
    seen = np.array([nexts[key][t] for t in range(VOCAB)]) / n
    ref = np.array([plain_nexts[key][t] for t in range(VOCAB)]) / sum(plain_nexts[key].values())
    # Total variation distance; ~0.03 is the sampling noise at n ~ 1000 with this vocabulary.
    assert 0.5 * np.abs(seen - expected).sum() < 0.06
    assert 0.5 * np.abs(seen - ref).sum() < 0.06
    # And the acceptance rate of the draft itself is p(3 | prompt).
    p_draft = probabilities(fake_logits(prompt, copy_strength), temperature)[3]
    assert abs(n / 4000 - p_draft) < 0.03


def run_text(
    target: FakeTarget,
    prompt: list[int],
    words: dict[int, str],
    stops: tuple[str, ...],
    cancel_after: int | None = None,
) -> tuple[str, GenerationStats]:
    pieces: list[str] = []
    stats = GenerationStats()
    source = speculative_generate(target, prompt, ALWAYS_DRAFT, SpeculationStats(), 50)
    emit_tokens(
        source,
        lambda t: words.get(t, f"<{t}>").encode(),
        lambda t: False,
        StopFilter(stops),
        50,
        lambda: False,
        lambda: cancel_after is not None and len(pieces) >= cancel_after,
        stats,
        pieces.append,
    )
    return "".join(pieces), stats


def test_draft_crossing_a_stop_string_is_cut() -> None:
    words = {t: f"w{t} " for t in range(VOCAB)} | {5: "EN", 11: "D! "}
    target = FakeTarget(20.0, 0.0, 0)  # copies the prompt's continuation verbatim
    text, stats = run_text(target, PROMPT, words, ("END!",))
    # The model copies "3 4 5 11 12" after "1 2": a draft carried the stop string and beyond.
    assert any(b[b.index(5) + 1 : b.index(5) + 3] == [11, 12] for b in target.batches if 5 in b)
    assert text == "w3 w4 "
    assert stats.stop_reason == "stop"
    assert target.closed


def test_cancel_mid_draft_stops_within_one_verification_step() -> None:
    words = {t: f"w{t} " for t in range(VOCAB)}
    target = FakeTarget(20.0, 0.0, 0)
    text, stats = run_text(target, PROMPT, words, (), cancel_after=2)
    assert stats.stop_reason == "cancelled"
    assert stats.generated_tokens == 2 and text == "w3 w4 "
    # Cancelled after the first of several accepted tokens of one batch: no further batch ran.
    assert len(target.batches) == 1 and len(target.batches[0]) > 2
    assert target.closed


def test_draft_index_prefers_longest_latest_match() -> None:
    index = DraftIndex([7, 1, 2, 9, 1, 2, 3, 4, 5, 1, 2], 1, 3)
    assert index.lookup(3) == [3, 4, 5]  # "1 2" last followed by 3 (not 9)
    index.append(3)
    assert index.lookup(2) == [4, 5]  # "1 2 3" matches at length 3
    assert DraftIndex([1, 2, 3], 2, 3).lookup(4) == []


def test_policy_backs_off_and_comes_back() -> None:
    policy = DraftPolicy(SpeculationConfig(batch_cost=0.7, initial_acceptance=0.5))
    assert policy.length(8) == 0  # at 50% acceptance a CPU batch does not pay
    for _ in range(60):
        policy.observe(True)
    assert policy.length(8) > 2  # a long run of copying turns it on with long drafts
    for _ in range(30):
        policy.observe(False)
    assert policy.length(8) == 0
    cheap = DraftPolicy(SpeculationConfig(batch_cost=0.05, initial_acceptance=0.5))
    assert cheap.length(8) >= 1  # on a GPU even 50% acceptance pays


def test_meter_learns_the_batch_cost_from_timings() -> None:
    meter = BatchCostMeter(prior=0.7)
    assert meter.cost == 0.7 and not meter.wants_probe
    for _ in range(3):
        meter.observe(1, 0.010)  # one-token decodes: 10 ms
    assert meter.cost == 0.7 and meter.wants_probe  # no batch timed yet: still the prior
    for _ in range(3):
        meter.observe(5, 0.012)  # 4 extra tokens for 2 ms: memory-bound decoding
    assert meter.cost == pytest.approx(0.05, abs=0.01)
    cheap = DraftPolicy(SpeculationConfig(batch_cost=0.7, initial_acceptance=0.5), meter)
    assert cheap.length(8) >= 1  # measured cheap batches pay even at 50% acceptance
    for _ in range(20):
        meter.observe(5, 0.050)  # 10 ms per extra token: as dear as a decode
    assert meter.cost == pytest.approx(1.0, abs=0.15)
    assert DraftPolicy(SpeculationConfig(initial_acceptance=0.5), meter).length(8) == 0


def test_fixed_cost_ignores_the_meter() -> None:
    meter = BatchCostMeter(prior=0.0)
    for size, seconds in [(1, 0.01)] * 3 + [(5, 0.05)] * 3:
        meter.observe(size, seconds)
    assert meter.cost > 0.5
    fixed = SpeculationConfig(batch_cost=0.0, learn_cost=False, initial_acceptance=0.5)
    assert DraftPolicy(fixed, meter).length(8) >= 5  # the fixed zero cost, not the measured one


def test_speculation_times_its_batches_and_probes_a_wrong_prior() -> None:
    """A fake clock where a batch costs what one token does: the meter, shared across requests,
    finds that out (probing with small drafts while the CPU prior says drafts do not pay)."""
    now = [0.0]

    class TimedTarget(FakeTarget):
        def verify(self, tokens: Sequence[int]) -> None:
            now[0] += 0.010 + 0.0002 * (len(tokens) - 1)
            super().verify(tokens)

    meter = BatchCostMeter(prior=0.7)
    config = SpeculationConfig(max_draft=6, initial_acceptance=0.3)
    drafted = []
    for _ in range(4):
        stats = SpeculationStats()
        target = TimedTarget(copy_strength=8.0, temperature=0.0, seed=0)
        source = speculative_generate(target, PROMPT, config, stats, 60, meter, lambda: now[0])
        out = list(source)
        assert out == plain(PROMPT, len(out), 8.0, 0.0, 0)  # identity holds whatever the cost
        drafted.append(stats.drafted)
    assert meter.measured and meter.cost < 0.1
    assert drafted[-1] > 0
