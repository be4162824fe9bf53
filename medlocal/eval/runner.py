"""The evaluation loop: sample, ask each question in the chosen mode, store each answer as it
comes, report progress with an ETA, stop on cancel, resume a stored run where it stopped."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import psutil

from medlocal.errors import UserInputError
from medlocal.eval.generate import answer_by_generation
from medlocal.eval.items import Dataset, Item
from medlocal.eval.likelihood import answer_by_likelihood, can_score
from medlocal.eval.records import EvalSettings, ItemResult
from medlocal.eval.runs import CANCELLED, COMPLETE, RUNNING, EvalRun, RunStore, now_utc, run_key
from medlocal.eval.sample import stratified_sample
from medlocal.progress import Progress, ProgressCallback, check_cancel, report

STAGE = "evaluating"


def eta_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


def new_run(model: Any, dataset: Dataset, settings: EvalSettings, items: list[Item]) -> EvalRun:
    provenance = model.provenance().as_dict()
    ids = [item.id for item in items]
    return EvalRun(
        run_id=run_key(dataset.sha256, str(provenance["sha256"]), settings, ids),
        created=now_utc(),
        status=RUNNING,
        dataset={
            "name": dataset.name,
            "format": dataset.format,
            "sha256": dataset.sha256,
            "notes": list(dataset.notes),
            "questions": len(dataset.items),
        },
        model=provenance,
        settings=settings,
        item_ids=ids,
    )


def evaluate(
    model: Any,
    dataset: Dataset,
    settings: EvalSettings,
    *,
    shots: Sequence[Item] = (),
    store: RunStore | None = None,
    fresh: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> EvalRun:
    """Evaluate ``model`` on ``dataset``; a stored run of the same evaluation is resumed (or, with
    ``fresh``, started again). Raises ``GenerationCancelled`` when cancelled, with the answers so
    far kept for the next call."""
    if settings.mode == "likelihood" and not can_score(model):
        raise UserInputError("Likelihood mode needs a llama.cpp model that can score options.")
    store = store or RunStore()
    items = stratified_sample(dataset.items, settings.limit, settings.sample_seed)
    run = store.start(new_run(model, dataset, settings, items), fresh=fresh)
    todo = [item for item in items if item.id not in run.done]
    process = psutil.Process()
    name = str(run.model.get("name", "model"))
    started = time.perf_counter()
    try:
        for asked, item in enumerate(todo):
            check_cancel(cancel, "the evaluation")
            _progress(progress, run, name, asked, len(todo), started)
            store.append(run, _ask(model, item, settings, shots, cancel))
            run.peak_rss_bytes = max(run.peak_rss_bytes, process.memory_info().rss)
    except BaseException:
        run.status = CANCELLED  # stopped for any reason: the next start resumes it
        store.save(run)
        raise
    run.status = COMPLETE
    run.peak_rss_bytes = max(run.peak_rss_bytes, process.memory_info().rss)
    store.save(run)
    report(progress, Progress(STAGE, len(run.results), len(items), f"{name} · done", "questions"))
    return run


def _ask(
    model: Any,
    item: Item,
    settings: EvalSettings,
    shots: Sequence[Item],
    cancel: threading.Event | None,
) -> ItemResult:
    if settings.mode == "likelihood":
        return answer_by_likelihood(model, item, settings, shots)
    return answer_by_generation(model, item, settings, shots, cancel)


def _progress(
    progress: ProgressCallback | None,
    run: EvalRun,
    name: str,
    asked: int,
    remaining: int,
    started: float,
) -> None:
    detail = name
    if asked:
        per_question = (time.perf_counter() - started) / asked
        left = per_question * (remaining - asked)
        detail += f" · {per_question:.1f} s/question · ETA {eta_text(left)}"
    total = len(run.item_ids)
    report(progress, Progress(STAGE, len(run.results), total, detail, "questions"))
