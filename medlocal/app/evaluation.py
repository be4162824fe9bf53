"""Model evaluation verbs both faces call (issue 9): read a benchmark file, evaluate one or more
models on it (each loaded through the workspace, one at a time), compare stored runs, export.

Benchmark files are public exam questions, not patient data: nothing here touches the vault, and
runs are stored under the data folder (``medlocal.eval.runs``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from medlocal.errors import UserInputError
from medlocal.eval.chart import ChartPoint, Scene, comparison_scene, to_png, to_svg
from medlocal.eval.items import Item
from medlocal.eval.readers import read_benchmark
from medlocal.eval.records import EvalSettings
from medlocal.eval.report import (
    EXPORT_FORMATS,
    ComparisonRow,
    comparison_csv,
    comparison_json,
    comparison_markdown,
    comparison_rows,
    export_run,
)
from medlocal.eval.runner import evaluate
from medlocal.eval.runs import EvalRun, RunStore
from medlocal.fsutil import atomic_write_private, private_dir
from medlocal.progress import Progress, ProgressCallback, check_cancel, report

ModelLoader = Callable[[str | None], Any]


@dataclass(frozen=True)
class EvalRequest:
    """One evaluation: a file, the models (ids or GGUF paths; None = the default) and settings."""

    data: Path
    models: tuple[str | None, ...] = (None,)
    fmt: str = "auto"
    labels: Path | None = None  # PubMedQA ground truth (a PMID filter)
    shots_file: Path | None = None
    settings: EvalSettings = field(default_factory=EvalSettings)
    fresh: bool = False  # start again instead of resuming a stored run


def load_shots(request: EvalRequest) -> tuple[EvalSettings, tuple[Item, ...]]:
    """The k-shot examples (the first ``settings.shots`` of the shots file) and the settings
    that record which file they came from."""
    settings = request.settings
    if request.shots_file is None:
        if settings.shots:
            raise UserInputError("k-shot needs a file of examples (--shots FILE).")
        return settings, ()
    examples = read_benchmark(request.shots_file, cop_base=settings.cop_base)
    k = settings.shots or min(5, len(examples.items))
    if k > len(examples.items):
        raise UserInputError(f"The shots file holds {len(examples.items)} examples, not {k}.")
    return replace(settings, shots=k, shots_sha256=examples.sha256), examples.items[:k]


def run_evaluations(
    load: ModelLoader,
    request: EvalRequest,
    *,
    store: RunStore | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> list[EvalRun]:
    """Evaluate every model of ``request`` in turn; stored runs of the same evaluation resume."""
    dataset = read_benchmark(
        request.data, request.fmt, labels=request.labels, cop_base=request.settings.cop_base
    )
    settings, shots = load_shots(request)
    if shots and shots[0].yes_no != dataset.items[0].yes_no:
        raise UserInputError("The shots file and the data file ask different kinds of question.")
    shown = {shot.question for shot in shots}
    leaked = sum(item.question in shown for item in dataset.items)
    if leaked:  # an example that is also a test question would be answered for the model
        raise UserInputError(f"{leaked} example(s) in the shots file are also test questions.")
    store = store or RunStore()
    runs = []
    for index, model_arg in enumerate(request.models):
        check_cancel(cancel, "the evaluation")
        name = Path(model_arg).name if model_arg else "default model"
        report(progress, Progress("loading model", index, len(request.models), name, "models"))
        model = load(model_arg)
        runs.append(
            evaluate(
                model,
                dataset,
                settings,
                shots=shots,
                store=store,
                fresh=request.fresh,
                progress=progress,
                cancel=cancel,
            )
        )
    return runs


@dataclass(frozen=True)
class Comparison:
    dataset: str
    rows: list[ComparisonRow]
    # What makes the rows less comparable than they look (runs read by different parsers).
    notes: list[str] = field(default_factory=list)

    def chart(self) -> Scene:
        points = [
            ChartPoint(
                r.label,
                r.seconds_per_question,
                r.accuracy,
                r.ci_low,
                r.ci_high,
                f"run {r.run_id} · n={r.n}",  # two runs of one model told apart
            )
            for r in self.rows
        ]
        return comparison_scene(points, f"{self.dataset}: accuracy (95% CI) against speed")

    def markdown(self) -> str:
        text = comparison_markdown(self.rows, self.dataset)
        return text + "".join(f"\nNote: {note}\n" for note in self.notes)


def check_compared_ids(run_ids: Sequence[str]) -> None:
    """Refuse a comparison asked for by ids that is none: one run, or a run given twice (walk
    40: `eval compare ID ID` showed two identical rows and wrote charts of them). The window's
    table after an evaluation may hold one run; a comparison a person asks for by id may not."""
    seen: set[str] = set()
    for run_id in run_ids:
        if run_id in seen:
            raise UserInputError(
                f"Run {run_id} is given twice: compare different runs (medlocal eval list shows "
                "them)."
            )
        seen.add(run_id)
    if len(seen) < 2:
        raise UserInputError(
            "A comparison needs two or more runs: give another run's id as well (medlocal eval "
            "list shows them), or look at one run with medlocal eval show RUN_ID."
        )


def compare_runs(runs: Sequence[EvalRun]) -> Comparison:
    """Runs on the same file side by side; runs on different files are not comparable."""
    if not runs:
        raise UserInputError("Nothing to compare: give the ids of stored runs.")
    files = {run.dataset.get("sha256") for run in runs}
    if len(files) > 1:
        raise UserInputError("These runs used different benchmark files: compare runs of one file.")
    unfinished = [run.run_id for run in runs if run.status != "complete"]
    if unfinished:
        raise UserInputError(
            f"Run {unfinished[0]} did not finish: resume it (run the same evaluation again)."
        )
    runs, sample_notes = common_items(runs)
    return Comparison(
        str(runs[0].dataset.get("name", "")),
        comparison_rows(runs),
        sample_notes + _parser_notes(runs),
    )


def common_items(runs: Sequence[EvalRun]) -> tuple[list[EvalRun], list[str]]:
    """The runs cut to the questions every one of them answered, and a note saying so when
    that drops any (walk 38: runs of 8 and of 5 questions were ranked side by side without a
    word). Accuracy on different questions is not like-for-like; on the shared ones it is, so
    the comparison is made there, each row's n being the shared count. Runs that share no
    question are refused."""
    asked = [{r.id for r in run.results} for run in runs]
    common = set.intersection(*asked)
    if all(ids == common for ids in asked):
        return list(runs), []
    if not common:
        raise UserInputError(
            "These runs asked different questions (no question in common): nothing to compare"
            " like for like. Run the evaluations with the same --limit and --sample-seed."
        )
    counts = ", ".join(f"{run.run_id}: {len(ids)}" for run, ids in zip(runs, asked, strict=True))
    note = (
        f"these runs asked different questions ({counts}); only the {len(common)} they all"
        " asked are compared (n, accuracy and speed are over those); run the evaluations with"
        " the same --limit and --sample-seed to compare every question"
    )
    cut = [replace(run, results=[r for r in run.results if r.id in common]) for run in runs]
    return cut, [note]


def _parser_notes(runs: Sequence[EvalRun]) -> list[str]:
    """A note when generate-mode runs read their answers with different parsers: the same
    outputs may score differently (HuatuoGPT-o1's thinking was read as its answer by 1)."""
    versions = {run.settings.parser for run in runs if run.settings.mode == "generate"}
    if len(versions) < 2:
        return []
    named = "; ".join(
        f"{run.run_id}: parser {run.settings.parser}"
        for run in runs
        if run.settings.mode == "generate"
    )
    return [
        f"these runs read the model's answers with different parsers ({named}); the same"
        " answers may score differently: run the older evaluation again to compare like with"
        " like"
    ]


COMPARISON_SUFFIXES = ("md", "csv", "json", "svg", "png")


def comparison_files_present(folder: Path) -> list[Path]:
    """The files :func:`write_comparison` would replace in ``folder`` (a face asks first)."""
    base = Path(folder).expanduser()
    return [p for p in (base / f"comparison.{s}" for s in COMPARISON_SUFFIXES) if p.exists()]


def write_comparison(comparison: Comparison, folder: Path) -> list[Path]:
    """comparison.md/.csv/.json and the chart as comparison.png and comparison.svg."""
    out = private_dir(Path(folder).expanduser())
    scene = comparison.chart()
    written = []
    for suffix, text in (
        ("md", comparison.markdown()),
        ("csv", comparison_csv(comparison.rows)),
        ("json", comparison_json(comparison.rows)),
        ("svg", to_svg(scene)),
    ):
        path = out / f"comparison.{suffix}"
        atomic_write_private(path, text.encode("utf-8"))
        written.append(path)
    png = out / "comparison.png"
    to_png(scene, png)
    written.append(png)
    return written


def write_run(run: EvalRun, folder: Path, formats: Sequence[str] = EXPORT_FORMATS) -> list[Path]:
    """The run as ``<run id>.json``, ``.csv`` and ``.md`` in ``folder``."""
    out = private_dir(Path(folder).expanduser())
    written = []
    for fmt in formats:
        path = out / f"{run.run_id}.{fmt}"
        atomic_write_private(path, export_run(run, fmt).encode("utf-8"))
        written.append(path)
    return written
