"""The prompt is read in the batches Llama.eval would use, with cancel checked between them
(walk 38: a Stop during a summary's map step waited 410 s while a full-context prompt was read
in one call that never looked at cancel)."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.engine.generation import GenerationStats, read_prompt


class FakeLlama:
    """The parts of llama_cpp.Llama read_prompt touches: n_batch, n_tokens, the cached ids and
    eval (which drops the cache past n_tokens, then appends)."""

    def __init__(self, n_batch: int, cached: Sequence[int] = ()) -> None:
        self.n_batch = n_batch
        self.n_tokens = len(cached)
        self._input_ids = list(cached)
        self.batches: list[list[int]] = []

    def eval(self, tokens: Sequence[int]) -> None:
        self._input_ids = self._input_ids[: self.n_tokens] + list(tokens)
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
