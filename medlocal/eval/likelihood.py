"""Likelihood mode: the log-probability of each option's text as the model's reply; the most
likely option is the answer (no parsing, never invalid unless the question does not fit).

The question's prompt is the same for every option, so its KV cache is computed once and reused
through the engine's scoring primitive (``score_on_prefix``): each option then costs only its
own tokens. The primitive returns logits *after* the tokens it evaluates, so the prompt's last
token goes in the evaluated batch; its logits predict the option's first token. Scores are the
mean log-probability per token by default (long options are not penalised for their length),
or the sum; the choice is recorded with the run.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from medlocal.engine.chat import cannot_fit
from medlocal.engine.scoring import ScoreResult, ScoringModel
from medlocal.errors import UserInputError
from medlocal.eval.items import Item
from medlocal.eval.prompts import likelihood_messages
from medlocal.eval.records import NOT_SCORED, TOO_LONG, EvalSettings, ItemResult


def can_score(model: object) -> bool:
    return all(hasattr(model, name) for name in ("score", "tokenize", "template", "n_ctx"))


def _log_softmax(logits: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    values = logits.astype(np.float64)
    top = values.max(axis=1, keepdims=True)
    result: npt.NDArray[np.float64] = (
        values - top - np.log(np.exp(values - top).sum(axis=1, keepdims=True))
    )
    return result


def option_logprobs(
    model: ScoringModel, prompt: list[int], continuation: list[int]
) -> tuple[float, ScoreResult]:
    """Sum of log P(continuation token | prompt and the tokens before it)."""
    head, last = prompt[:-1], prompt[-1:]
    result = model.score(head, last + continuation, list(range(len(continuation))))
    logp = _log_softmax(result.logits)
    total = float(sum(logp[i, token] for i, token in enumerate(continuation)))
    return total, result


def answer_by_likelihood(
    model: ScoringModel, item: Item, settings: EvalSettings, shots: Sequence[Item] = ()
) -> ItemResult:
    if not can_score(model):
        raise UserInputError("Likelihood mode needs a llama.cpp model that can score options.")
    started = time.perf_counter()
    rendered = model.template.render(likelihood_messages(item, shots)).text
    if _known_too_long(model, rendered):  # refused before tokenising it (engine/chat.py)
        return _too_long(item, model.n_ctx, started)
    prompt = model.tokenize(rendered)
    joiner = "" if rendered[-1:].isspace() else " "
    scores: dict[str, float] = {}
    evaluated = reused = 0
    for label, text in item.options:
        continuation = model.tokenize(joiner + text, special=False)
        if not continuation:
            continue
        if len(prompt) + len(continuation) > model.n_ctx:
            return _too_long(item, model.n_ctx, started)
        total, result = option_logprobs(model, prompt, continuation)
        scores[label] = total / len(continuation) if settings.normalise == "per_token" else total
        evaluated += result.evaluated_tokens
        reused += result.reused_prefix_tokens
    # Ties go to the earlier option, so the result never depends on dict order.
    chosen = (
        max(scores, key=lambda label: (scores[label], -item.labels.index(label)))
        if scores
        else None
    )
    return ItemResult(
        id=item.id,
        subject=item.subject,
        answer=item.answer,
        chosen=chosen,
        seconds=time.perf_counter() - started,
        tokens=evaluated,
        scores={label: round(value, 6) for label, value in scores.items()},
        reused_tokens=reused,
        reason=NOT_SCORED if chosen is None else "",
    )


def _known_too_long(model: ScoringModel, prompt: str) -> bool:
    """``prompt`` cannot fit the context by the model's token-length bound (a llama.cpp chat
    model has one; a model without it is tokenised as before)."""
    if len(prompt) <= model.n_ctx:
        return False  # a token is at least one character: no bound can refuse it
    piece_bytes = getattr(model, "max_piece_bytes", None)
    return callable(piece_bytes) and cannot_fit(len(prompt), model.n_ctx, piece_bytes())


def _too_long(item: Item, n_ctx: int, started: float) -> ItemResult:
    return ItemResult(
        item.id,
        item.subject,
        item.answer,
        None,
        time.perf_counter() - started,
        error=f"the question needs more than the model's {n_ctx}-token context",
        reason=TOO_LONG,
    )
