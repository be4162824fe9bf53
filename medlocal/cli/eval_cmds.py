"""``medlocal eval …``: benchmark local models on multiple-choice files (run, list, show,
compare). Parsing and printing only; the work is ``Workspace.evaluate_models`` and
``medlocal.app.evaluation``."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path
from typing import Any

from medlocal.app.evaluation import (
    EvalRequest,
    check_compared_ids,
    compare_runs,
    comparison_files_present,
    write_comparison,
    write_run,
)
from medlocal.cli.common import TerminalProgress, workspace
from medlocal.errors import UserInputError
from medlocal.eval.readers import FORMATS
from medlocal.eval.records import MODES, EvalSettings
from medlocal.eval.report import EXPORT_FORMATS, export_run, invalid_lines, pct
from medlocal.eval.runs import EvalRun
from medlocal.fsutil import shown_path


def register(sub: Any) -> None:
    ev = sub.add_parser("eval", help="benchmark models on medical multiple-choice files")
    group = ev.add_subparsers(dest="eval_command", metavar="ACTION", required=True)

    run = group.add_parser("run", help="evaluate models on a benchmark file (resumes)")
    run.add_argument("--data", type=Path, required=True, metavar="FILE", help="benchmark file")
    run.add_argument("--format", default="auto", choices=("auto", *FORMATS), dest="fmt")
    run.add_argument("--labels", type=Path, metavar="FILE", help="PubMedQA ground-truth filter")
    run.add_argument("--cop-base", type=int, choices=(0, 1), help="MedMCQA answer index base")
    run.add_argument(
        "--model", action="append", metavar="ID|PATH", help="repeat to compare (default: default)"
    )
    run.add_argument("--mode", choices=MODES, default="generate")
    run.add_argument("--limit", type=int, metavar="N", help="stratified sample of N questions")
    run.add_argument("--sample-seed", type=int, default=0, help="seed of the --limit sample")
    run.add_argument("--shots", type=Path, metavar="FILE", help="k-shot examples (same format)")
    run.add_argument("-k", type=int, default=0, help="examples to take from --shots (default 5)")
    run.add_argument("--think-tokens", type=int, default=1024, help="cap on a model's thinking")
    run.add_argument("--answer-tokens", type=int, default=48, help="cap on the answer itself")
    run.add_argument("--normalise", choices=("per_token", "sum"), default="per_token")
    run.add_argument("--ctx", type=int, help="context size in tokens")
    run.add_argument("--fresh", action="store_true", help="start again, do not resume")
    run.add_argument("--json", action="store_true", help="machine-readable result")
    run.add_argument("--out", type=Path, metavar="DIR", help="also export JSON, CSV, Markdown")
    run.set_defaults(func=run_eval)

    listing = group.add_parser("list", help="stored evaluation runs")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)

    show = group.add_parser("show", help="one run: summary, per subject, settings")
    show.add_argument("run_id")
    show.add_argument("--as", dest="fmt", choices=EXPORT_FORMATS, default="md")
    show.add_argument("--out", type=Path, metavar="DIR", help="export JSON, CSV and Markdown")
    show.set_defaults(func=run_show)

    compare = group.add_parser("compare", help="runs on one file: table and chart (PNG, SVG)")
    compare.add_argument("run_ids", nargs="+", metavar="RUN_ID")
    compare.add_argument("--out", type=Path, metavar="DIR", help="where the files go")
    compare.add_argument("--json", action="store_true")
    compare.add_argument(
        "--overwrite", action="store_true", help="replace an earlier comparison in --out"
    )
    compare.set_defaults(func=run_compare)


def run_eval(args: argparse.Namespace) -> int:
    for value, flag in ((args.limit, "--limit"), (args.think_tokens, "--think-tokens")):
        if value is not None and value <= 0:
            raise UserInputError(f"{flag} must be a positive number.")
    settings = EvalSettings(
        mode=args.mode,
        limit=args.limit,
        sample_seed=args.sample_seed,
        shots=args.k,
        think_tokens=args.think_tokens,
        answer_tokens=args.answer_tokens,
        normalise=args.normalise,
        cop_base=args.cop_base,
    )
    request = EvalRequest(
        data=args.data,
        models=tuple(args.model or [None]),
        fmt=args.fmt,
        labels=args.labels,
        shots_file=args.shots,
        settings=settings,
        fresh=args.fresh,
    )
    progress = TerminalProgress()
    cancel = threading.Event()
    try:
        runs = workspace(args).evaluate_models(
            request, n_ctx=args.ctx, progress=progress, cancel=cancel
        )
    except KeyboardInterrupt:
        cancel.set()
        progress.done()
        # The answers so far are stored (eval/runner.py): say how to go on, as a stopped
        # download does (walk 46b D4: only "interrupted").
        print(
            "medlocal: evaluation stopped; run the same command to resume "
            "(the questions answered so far are kept)",
            file=sys.stderr,
        )
        return 130  # as the run's own Ctrl-C exit (cli/__init__.py)
    finally:
        progress.done()
    for run in runs:
        if args.out:
            write_run(run, args.out)
        if run.sessions > 1:
            print(
                f"medlocal: continued stored run {run.run_id} (--fresh starts over)",
                file=sys.stderr,
            )
    if args.json:
        data = [run.as_dict() for run in runs]
        print(json.dumps(data[0] if len(data) == 1 else data, indent=2))
    else:
        for run in runs:
            print(_one_line(run))
            # Why answers were invalid, not only how many (walk 38: a question refused as too
            # long said "invalid 50.0%" and only answers.jsonl said why).
            for line in invalid_lines(run):
                print(f"  invalid: {line}")
    return 0


def _one_line(run: EvalRun) -> str:
    s = run.summary
    return (
        f"{run.run_id}  {run.label}  {run.dataset.get('name')}  n={s.score.n}  "
        f"accuracy {pct(s.score.accuracy)} (95% CI {pct(s.score.ci_low)}-{pct(s.score.ci_high)})  "
        f"invalid {pct(s.invalid_rate)}  {s.seconds_per_question:.2f} s/question"
    )


def run_list(args: argparse.Namespace) -> int:
    runs = workspace(args).evaluation_runs().list()
    if args.json:
        print(json.dumps(runs, indent=2))
        return 0
    if not runs:
        print("No evaluation runs yet: 'medlocal eval run --data FILE'.")
    for meta in runs:
        summary = meta.get("summary") or {}
        accuracy = pct(summary["accuracy"]) if "accuracy" in summary else "-"
        print(
            f"{meta['run_id']}  {meta['created']}  {meta['status']:<9}  "
            f"{meta['model'].get('name')} · {meta['settings'].get('mode')}  "
            f"{meta['dataset'].get('name')}  {meta.get('answered', 0)}/{len(meta['item_ids'])}  "
            f"accuracy {accuracy}"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    run = workspace(args).evaluation_runs().get(args.run_id)
    if args.out:
        for path in write_run(run, args.out):
            print(f"medlocal: wrote {shown_path(path)}", file=sys.stderr)
    print(export_run(run, args.fmt), end="")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    check_compared_ids(args.run_ids)  # before anything is read or written
    if args.out and not args.overwrite:
        # The files have fixed names: a second comparison into the same folder would replace
        # the first without a word (the window asks; a command is told).
        present = comparison_files_present(args.out)
        if present:
            names = ", ".join(p.name for p in present)
            raise UserInputError(
                f"{args.out} already holds a comparison ({names}): choose another folder, "
                "or add --overwrite"
            )
    store = workspace(args).evaluation_runs()
    comparison = compare_runs([store.get(run_id) for run_id in args.run_ids])
    if args.out:
        for path in write_comparison(comparison, args.out):
            print(f"medlocal: wrote {shown_path(path)}", file=sys.stderr)
    if args.json:
        for note in comparison.notes:  # the markdown holds them; JSON keeps its rows
            print(f"medlocal: note: {note}", file=sys.stderr)
        print(json.dumps([row.__dict__ for row in comparison.rows], indent=2))
    else:
        print(comparison.markdown(), end="")
    return 0
