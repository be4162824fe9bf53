"""Generate mode: the model answers in words; the chosen option is parsed out of its answer.

A reasoning model thinks first: its thinking is capped at ``think_tokens`` per question (the
generation stops there) and stripped before parsing; the answer after it may take
``answer_tokens``. Greedy decoding with a fixed seed keeps runs reproducible.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace

from medlocal.engine.api import ChatModel, SamplingParams
from medlocal.engine.reasoning import ReasoningStream
from medlocal.errors import ContextBudgetError
from medlocal.eval.items import Item
from medlocal.eval.parsing import parse_answer_text
from medlocal.eval.prompts import generate_messages
from medlocal.eval.records import TOO_LONG, UNREADABLE, EvalSettings, ItemResult
from medlocal.progress import check_cancel

OUTPUT_CHARS = 400


def greedy_params(settings: EvalSettings) -> SamplingParams:
    return SamplingParams(
        temperature=settings.temperature,
        top_k=1 if settings.temperature == 0 else 40,
        top_p=1.0,
        min_p=0.0,
        repeat_penalty=1.0,
        max_tokens=settings.think_tokens + settings.answer_tokens,
        seed=settings.seed,
    )


def answer_by_generation(
    model: ChatModel,
    item: Item,
    settings: EvalSettings,
    shots: Sequence[Item] = (),
    cancel: threading.Event | None = None,
) -> ItemResult:
    started = time.perf_counter()
    params = replace(greedy_params(settings), max_tokens=settings.answer_tokens)
    try:
        stream = ReasoningStream(
            model,
            generate_messages(item, shots),
            params,
            cancel,
            think_budget=settings.think_tokens,
            on_cap="stop",
            reserve=True,
            close=False,  # capped thinking stays capped (and counted), as before
        )
        for _ in stream:
            pass
    except ContextBudgetError as err:
        return ItemResult(
            item.id,
            item.subject,
            item.answer,
            None,
            time.perf_counter() - started,
            error=str(err),
            reason=TOO_LONG,
        )
    check_cancel(cancel, "the evaluation")
    text = stream.splitter.raw
    stats = getattr(model, "last_stats", None)
    tokens = int(getattr(stats, "generated_tokens", 0) or stream.splitter.pieces)
    chosen = parse_answer_text(text, item.options)
    return ItemResult(
        id=item.id,
        subject=item.subject,
        answer=item.answer,
        chosen=chosen,
        seconds=time.perf_counter() - started,
        tokens=tokens,
        thinking=stream.splitter.had_thinking,
        capped=stream.capped,
        output=text[-OUTPUT_CHARS:],
        reason=UNREADABLE if chosen is None else "",
    )
