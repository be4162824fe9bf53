"""The engine's scoring primitive and the grounding model check, on the real demo model."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest
from fixtures.model_state import cold_cache, speculation

from medlocal.engine import llama_chat
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.runtime import LlamaChatModel
from medlocal.engine.scoring import ScoreResult
from medlocal.rag.grounding import ground
from medlocal.rag.support import ModelSupportCheck, support_check_for

PREFIX = "The capital of France is Paris. The capital of Italy is Rome. The capital of"
BATCH = " Spain is Madrid. The capital of Germany is"


def _cold(model: LlamaChatModel, prefix: list[int], tokens: list[int], positions: list[int]) -> Any:
    # A different first token makes the cached prefix useless: everything is evaluated again.
    model.score([model.tokenize("Unrelated")[0]], [1])
    return model.score(prefix, tokens, positions)


def test_prefix_is_reused_and_logits_match_a_cold_evaluation(demo_chat: LlamaChatModel) -> None:
    prefix, tokens = demo_chat.tokenize(PREFIX), demo_chat.tokenize(BATCH)
    cold = _cold(demo_chat, prefix, tokens, [0, -1])
    warm = demo_chat.score(prefix, tokens, [0, -1])
    assert cold.reused_prefix_tokens == 0
    assert warm.reused_prefix_tokens == len(prefix)
    assert warm.evaluated_tokens == len(tokens)
    assert warm.logits.shape == (2, cold.logits.shape[1])
    np.testing.assert_allclose(warm.logits, cold.logits, atol=1e-3)
    # The model knows its capitals: the primitive returns the logits of the right positions.
    assert int(np.argmax(warm.logits[1])) == demo_chat.tokenize(" Berlin")[0]


def test_each_position_equals_scoring_up_to_it(demo_chat: LlamaChatModel) -> None:
    prefix, tokens = demo_chat.tokenize(PREFIX), demo_chat.tokenize(BATCH)
    every = demo_chat.score(prefix, tokens, list(range(len(tokens))))
    for i in (0, 2, len(tokens) - 1):
        alone = demo_chat.score(prefix, tokens[: i + 1], [-1])
        # Batched and single-token logits differ slightly in llama.cpp; the ranking does not.
        np.testing.assert_allclose(every.logits[i], alone.logits[0], atol=0.05)
        assert int(np.argmax(every.logits[i])) == int(np.argmax(alone.logits[0]))


def test_kv_is_rolled_back_so_generation_is_unchanged(demo_chat: LlamaChatModel) -> None:
    messages = [ChatMessage("user", "Name three colours.")]
    params = SamplingParams(max_tokens=16, temperature=0.0, seed=1)
    # Drafting held off (it learns its lengths from timings, so its batches differ run to run)
    # and the first run from an emptied cache: scoring is then the only thing between the runs.
    with speculation(demo_chat, None):
        cold_cache(demo_chat)
        before = "".join(demo_chat.stream_chat(messages, params))
        prefix, tokens = demo_chat.tokenize(PREFIX), demo_chat.tokenize(BATCH)
        demo_chat.score(prefix, tokens, [-1])
        assert demo_chat._llama.n_tokens == len(prefix)
        assert "".join(demo_chat.stream_chat(messages, params)) == before


def test_bad_requests_are_refused(demo_chat: LlamaChatModel) -> None:
    prefix = demo_chat.tokenize(PREFIX)
    with pytest.raises(ValueError):
        demo_chat.score(prefix, [], [-1])
    with pytest.raises(ValueError):
        demo_chat.score(prefix, [1, 2], [2])
    with pytest.raises(ValueError):
        demo_chat.score(prefix, [1] * demo_chat.n_ctx, [-1])


def test_scoring_runs_on_the_engine_thread(
    demo_chat: LlamaChatModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = llama_chat.score_on_prefix

    def spy(*args: Any) -> ScoreResult:
        seen.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(llama_chat, "score_on_prefix", spy)
    demo_chat.score(demo_chat.tokenize(PREFIX), demo_chat.tokenize(BATCH), [-1])
    assert seen == ["medlocal-engine"]


PASSAGES = {
    1: "Metformin 500 mg twice daily was started on 03/04/2021. HbA1c 7.2% at that visit.",
    2: "Lisinopril 10 mg daily for hypertension; blood pressure 132/84 mmHg.",
}


def test_model_check_reads_yes_against_no_and_reuses_the_passages(
    demo_chat: LlamaChatModel,
) -> None:
    check = support_check_for(demo_chat)
    assert isinstance(check, ModelSupportCheck)
    p1 = check.probability("Metformin 500 mg twice daily was started.", [1], PASSAGES)
    p2 = check.probability("Lisinopril 10 mg daily.", [2], PASSAGES)
    assert 0.0 < p1 < 1.0 and 0.0 < p2 < 1.0
    # Both sentences share the passages' prefix: the second one evaluates only its own tokens.
    assert check.stats.sentences == 2
    assert check.stats.prefix_tokens_reused > 0
    again = check.probability("Metformin 500 mg twice daily was started.", [1], PASSAGES)
    assert again == pytest.approx(p1, abs=1e-3)


class _Fixed:
    """A judge with a fixed answer, to test how ground() uses the model check."""

    def __init__(self, p: float, threshold: float = 0.5) -> None:
        self.p, self.threshold, self.asked = p, threshold, 0

    def probability(
        self, sentence: str, cited: Sequence[int], passages: Mapping[int, str]
    ) -> float:
        self.asked += 1
        return self.p


def test_ground_flags_model_doubt_only_where_the_rules_found_nothing() -> None:
    # Not copied word for word from the passage: a copy is never put to the model (walk 31).
    answer = (
        "She was started on metformin 500 mg twice daily [1]. Metformin 850 mg twice daily [1]."
    )
    doubtful = _Fixed(0.2)
    flags = ground(answer, PASSAGES, support=doubtful).flags
    assert [(f.sentence, f.kind) for f in flags] == [(0, "model_doubt"), (1, "unverified_number")]
    assert flags[0].score == pytest.approx(0.2) and "doubts" in flags[0].message
    assert doubtful.asked == 1  # the sentence the rules already flagged is not put to the model
    assert [f.kind for f in ground(answer, PASSAGES, support=_Fixed(0.9)).flags] == [
        "unverified_number"
    ]


def test_ground_with_the_real_model_check(demo_chat: LlamaChatModel) -> None:
    check = support_check_for(demo_chat, threshold=1.0)  # everything below 1: always doubted
    assert check is not None
    sentence = "She was started on metformin 500 mg twice daily [1]."  # no copy of the passage
    result = ground(sentence, PASSAGES, support=check)
    assert [f.kind for f in result.flags] == ["model_doubt"]
    assert result.flags[0].score is not None and 0.0 < result.flags[0].score < 1.0
    check.threshold = 0.0
    assert ground(sentence, PASSAGES, support=check).flags == []
    # A copy of the passage's words is not asked at all, whatever the threshold.
    check.threshold = 1.0
    assert ground("Metformin 500 mg twice daily [1].", PASSAGES, support=check).flags == []


def test_models_that_cannot_score_skip_the_check() -> None:
    assert support_check_for(object()) is None
