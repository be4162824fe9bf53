"""The prompt is read in the batches Llama.eval would use, with cancel checked between them
(walk 38: a Stop during a summary's map step waited 410 s while a full-context prompt was read
in one call that never looked at cancel)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from medlocal.engine.generation import GenerationStats, read_prompt
from medlocal.engine.speculative import kv_can_roll_back, kv_keeps_prefix


class FakeContext:
    """llama_cpp's context wrapper as read_prompt uses it: kv_cache_seq_rm, which llama.cpp
    refuses (False, cache untouched) for a cut its memory cannot make."""

    def __init__(self, llm: FakeLlama, cuts: bool) -> None:
        self.llm, self.cuts = llm, cuts
        self.seq_rm: list[int] = []

    def kv_cache_seq_rm(self, seq_id: int, p0: int, p1: int) -> bool:
        assert seq_id == -1 and p1 == -1
        self.seq_rm.append(p0)
        if not self.cuts and p0 > 0:
            return False
        del self.llm.cache[p0:]
        return True

    def kv_cache_clear(self) -> None:
        self.llm.cache.clear()


class FakeLlama:
    """The parts of llama_cpp.Llama read_prompt touches: n_batch, n_tokens, the cached ids,
    the context's seq_rm, reset and eval (which drops the cache past n_tokens, then appends).
    ``cache`` is what the KV memory holds, apart from the ids Python keeps."""

    def __init__(self, n_batch: int, cached: Sequence[int] = (), cuts: bool = True) -> None:
        self.n_batch = n_batch
        self.n_tokens = len(cached)
        self._input_ids = list(cached)
        self.cache = list(cached)
        self._ctx = FakeContext(self, cuts)
        self._requires_eval = False
        self.batches: list[list[int]] = []
        self.resets = 0
        self._is_recurrent = self._is_hybrid = False
        # Batch index whose decode a Stop aborts (llama.cpp returns 2) and the ubatch of it
        # that llama.cpp had finished and kept (n_ubatch < n_batch), if any.
        self.abort_at: int | None = None
        self.kept_ubatch: list[int] = []

    def reset(self) -> None:
        self.n_tokens = 0
        self.resets += 1

    def eval(self, tokens: Sequence[int]) -> None:
        self._ctx.kv_cache_seq_rm(-1, self.n_tokens, -1)
        if self.abort_at == len(self.batches):
            # llama.cpp removed the aborted ubatch, not those before it; llama-cpp-python's
            # n_tokens and ids are updated only after a decode succeeds.
            self.cache += self.kept_ubatch
            raise RuntimeError("llama_decode returned 2")
        self._input_ids = self._input_ids[: self.n_tokens] + list(tokens)
        self.cache += tokens
        self.batches.append(list(tokens))
        self.n_tokens += len(tokens)


def test_whole_batches_are_read_and_the_last_one_is_left_to_generate() -> None:
    llm = FakeLlama(4)
    stats = GenerationStats(prompt_tokens=11)
    assert read_prompt(llm, list(range(11)), lambda: False, stats)
    # Llama.eval would read [0:4] [4:8] [8:11]: the last batch is generate's, so it reads only
    # it, in one decode, as before.
    assert llm.batches == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert llm.n_tokens == 8 and stats.prompt_read == 8


def test_batches_start_after_the_cached_prefix() -> None:
    llm = FakeLlama(4, cached=[0, 1, 2, 99, 98])
    stats = GenerationStats(prompt_tokens=12)
    assert read_prompt(llm, list(range(12)), lambda: False, stats)
    # Llama.eval would read [3:7] [7:11] [11:12] after the reused prefix [0:3].
    assert llm.batches == [[3, 4, 5, 6], [7, 8, 9, 10]]
    assert llm._input_ids == list(range(11)) and stats.prompt_read == 11


def test_a_prompt_within_one_batch_is_left_whole_to_generate() -> None:
    llm = FakeLlama(512)
    assert read_prompt(llm, list(range(300)), lambda: False, GenerationStats())
    assert llm.batches == [] and llm.n_tokens == 0


def test_cancel_is_checked_between_batches() -> None:
    llm = FakeLlama(4)
    stats = GenerationStats(prompt_tokens=40)
    checks: list[int] = []

    def cancelled() -> bool:
        checks.append(llm.n_tokens)
        return llm.n_tokens >= 8  # asked to stop while the second batch was read

    assert not read_prompt(llm, list(range(40)), cancelled, stats)
    assert len(llm.batches) == 2 and stats.prompt_read == 8
    assert checks == [0, 4, 8]


def test_a_stop_asked_before_the_prompt_reads_nothing() -> None:
    llm = FakeLlama(4)
    assert not read_prompt(llm, list(range(40)), lambda: True, GenerationStats())
    assert llm.batches == []


def test_the_cache_is_cut_only_at_the_shared_prefix_and_the_cut_is_checked() -> None:
    llm = FakeLlama(4, cached=[0, 1, 2, 99, 98])
    assert read_prompt(llm, list(range(12)), lambda: False, GenerationStats())
    # Cut where Llama.generate would cut (the shared prefix), then only read forward: every
    # later cut (eval's) is at the end of what the cache holds and removes nothing.
    assert llm._ctx.seq_rm == [3, 3, 7]
    assert llm.cache == list(range(11)) and llm.resets == 0


def test_a_refused_cut_clears_the_cache_and_reads_the_prompt_from_its_start() -> None:
    # Review 35: read_prompt relied on eval's unchecked seq_rm. A memory that refuses the cut
    # keeps its stale tail [99, 98]; reading on from token 3 would leave it in the cache.
    llm = FakeLlama(4, cached=[0, 1, 2, 99, 98], cuts=False)
    stats = GenerationStats(prompt_tokens=12)
    assert read_prompt(llm, list(range(12)), lambda: False, stats)
    assert llm.resets == 1
    assert llm.batches == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert llm.cache == list(range(8)) and llm._input_ids == list(range(8))
    assert stats.prompt_read == 8


def test_a_stop_before_the_first_batch_leaves_no_stale_logits() -> None:
    llm = FakeLlama(4, cached=[0, 1, 2, 99, 98])
    assert not read_prompt(llm, list(range(12)), lambda: True, GenerationStats())
    # The cache was cut to the prefix: generate must decode before it samples.
    assert llm.n_tokens == 3 and llm._requires_eval


def test_a_stop_inside_a_batch_leaves_the_cache_as_the_batches_before_it() -> None:
    llm = FakeLlama(4)
    llm.abort_at, llm.kept_ubatch = 1, [4, 5]  # the second batch, half of it computed
    llm._requires_eval = False
    stats = GenerationStats(prompt_tokens=40)
    assert not read_prompt(llm, list(range(40)), lambda: False, stats)
    assert llm.n_tokens == 4 and llm.cache == [0, 1, 2, 3] and stats.prompt_read == 4
    assert llm._requires_eval and llm.resets == 0


def test_a_recurrent_models_aborted_batch_empties_its_cache() -> None:
    llm = FakeLlama(4)
    llm.abort_at, llm._is_recurrent = 1, True
    assert not read_prompt(llm, list(range(40)), lambda: False, GenerationStats())
    assert llm.resets == 1 and llm.n_tokens == 0 and llm.cache == []


def test_a_decode_that_failed_for_another_reason_is_an_error() -> None:
    class Failing(FakeLlama):
        def eval(self, tokens: Sequence[int]) -> None:
            raise RuntimeError("llama_decode returned -3")

    with pytest.raises(RuntimeError, match="-3"):
        read_prompt(Failing(4), list(range(40)), lambda: False, GenerationStats())


class _Model:
    model = object()


class _Loaded:
    _model = _Model()


@pytest.mark.parametrize(
    ("recurrent", "hybrid", "n_swa", "batched", "rolls_back"),
    [
        (False, False, 0, True, True),
        # Review 35: MedGemma (Gemma 3, sliding window) read its prompt in one call.
        (False, False, 1024, True, False),
        (True, False, 0, False, False),
        (False, True, 0, False, False),
    ],
)
def test_which_models_read_their_prompt_in_batches(
    monkeypatch: pytest.MonkeyPatch,
    recurrent: bool,
    hybrid: bool,
    n_swa: int,
    batched: bool,
    rolls_back: bool,
) -> None:
    import llama_cpp

    monkeypatch.setattr(llama_cpp, "llama_model_is_recurrent", lambda _m: recurrent)
    monkeypatch.setattr(llama_cpp, "llama_model_is_hybrid", lambda _m: hybrid)
    monkeypatch.setattr(llama_cpp, "llama_model_n_swa", lambda _m: n_swa)
    assert kv_keeps_prefix(_Loaded()) is batched
    # Speculation still needs a cut anywhere, which a sliding window cannot promise.
    assert kv_can_roll_back(_Loaded()) is rolls_back
