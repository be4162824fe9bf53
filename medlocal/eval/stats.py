"""Accuracy with its uncertainty, invalid-answer rate, per-subject breakdown and speed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from medlocal.eval.records import ItemResult

Z95 = 1.959963984540054  # two-sided 95% normal quantile


def wilson(correct: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion: unlike the normal approximation it stays inside
    [0, 1] and is honest for small n and for accuracies near 0 or 1."""
    if n <= 0:
        return 0.0, 0.0
    p = correct / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Score:
    n: int
    correct: int
    accuracy: float
    ci_low: float
    ci_high: float

    @classmethod
    def of(cls, results: Sequence[ItemResult]) -> Score:
        n = len(results)
        correct = sum(r.correct for r in results)
        low, high = wilson(correct, n)
        return cls(n, correct, correct / n if n else 0.0, low, high)


@dataclass(frozen=True)
class Summary:
    """The headline numbers of a run. ``tokens_per_second``: generated tokens per second of
    generation in generate mode, evaluated tokens per second in likelihood mode."""

    score: Score
    invalid: int
    invalid_rate: float
    thinking_capped: int
    seconds_per_question: float
    tokens_per_second: float
    per_subject: dict[str, Score] = field(default_factory=dict)
    # Invalid answers counted by why (records.TOO_LONG...), most frequent first.
    invalid_reasons: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(data.pop("score"))
        return data


def summarize(results: Sequence[ItemResult]) -> Summary:
    n = len(results)
    invalid = sum(r.invalid for r in results)
    seconds = sum(r.seconds for r in results)
    tokens = sum(r.tokens for r in results)
    subjects = sorted({r.subject for r in results if r.subject})
    per_subject = {s: Score.of([r for r in results if r.subject == s]) for s in subjects}
    return Summary(
        score=Score.of(results),
        invalid=invalid,
        invalid_rate=invalid / n if n else 0.0,
        thinking_capped=sum(r.capped for r in results),
        seconds_per_question=seconds / n if n else 0.0,
        tokens_per_second=tokens / seconds if seconds > 0 else 0.0,
        per_subject=per_subject,
        invalid_reasons=_reasons(results),
    )


def _reasons(results: Sequence[ItemResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        if r.invalid:
            counts[r.invalid_reason] = counts.get(r.invalid_reason, 0) + 1
    # Most frequent first; ties in the order first met (a stable sort).
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))
