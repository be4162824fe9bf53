"""Runs as JSON, CSV and Markdown, and several runs compared as one table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from medlocal.eval.runs import EvalRun

EXPORT_FORMATS = ("json", "csv", "md")
_MB = 1024 * 1024


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


INVALID_EXAMPLES = 3  # items named with their reason; the rest are only counted


def invalid_lines(run: EvalRun, examples: int = INVALID_EXAMPLES) -> list[str]:
    """Why answers are invalid: one line per reason with its count, then the first few items
    with the detail of each (the whole list is answers.jsonl's, or ``--as csv``)."""
    s = run.summary
    if not s.invalid:
        return []
    lines = [f"{reason}: {count}" for reason, count in s.invalid_reasons.items()]
    shown = [r for r in run.results if r.invalid][:examples]
    for r in shown:
        detail = r.error if r.error and r.error != r.invalid_reason else r.invalid_reason
        lines.append(f"question {r.id}: {_clip(detail, 200)}")
    if s.invalid > len(shown):
        lines.append(f"... and {s.invalid - len(shown)} more (eval show RUN_ID --as csv)")
    return lines


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())  # a model's output may hold newlines
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_json(run: EvalRun) -> str:
    return json.dumps(run.as_dict(), indent=2, sort_keys=True)


def run_csv(run: EvalRun) -> str:
    """One row per question: what was asked is the file's; what the model chose is here."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["id", "subject", "answer", "chosen", "correct", "invalid", "seconds", "tokens",
         "invalid_reason", "error"]
    )  # fmt: skip
    for r in run.results:
        writer.writerow(
            [r.id, r.subject, r.answer, r.chosen or "", int(r.correct), int(r.invalid),
             f"{r.seconds:.3f}", r.tokens, r.invalid_reason, r.error]
        )  # fmt: skip
    return out.getvalue()


def run_markdown(run: EvalRun) -> str:
    s = run.summary
    m, d, st = run.model, run.dataset, run.settings
    lines = [
        f"# Evaluation {run.run_id}",
        "",
        f"* Model: {m.get('name')} (sha256 `{m.get('sha256')}`), {m.get('backend')}, "
        f"context {m.get('n_ctx')}, llama.cpp {m.get('llama_cpp_version')}",
        f"* Data: {d.get('name')} ({d.get('format')}, sha256 `{d.get('sha256')}`), "
        f"{len(run.item_ids)} of {d.get('questions')} questions"
        + (f" (stratified sample, seed {st.sample_seed})" if st.limit else ""),
        f"* Status: {run.status}, {len(run.results)} answered",
        f"* Accuracy: **{pct(s.score.accuracy)}** (95% CI {pct(s.score.ci_low)}-"
        f"{pct(s.score.ci_high)}, Wilson), {s.score.correct}/{s.score.n}",
        f"* Invalid answers: {s.invalid} ({pct(s.invalid_rate)})"
        + (f"; thinking capped on {s.thinking_capped}" if s.thinking_capped else ""),
        *(f"  * {line}" for line in invalid_lines(run)),
        f"* Speed: {s.seconds_per_question:.2f} s/question, {s.tokens_per_second:.1f} tokens/s "
        f"{'scored' if st.mode == 'likelihood' else 'generated'}; "
        f"peak memory {run.peak_rss_bytes / _MB:.0f} MB",
        "* Settings: " + ", ".join(f"{k}={v}" for k, v in st.as_dict().items()),
    ]
    for note in d.get("notes", []):
        lines.append(f"* Note: {note}")
    if s.per_subject:
        lines += ["", "| subject | n | accuracy | 95% CI |", "|---|---:|---:|---|"]
        for subject, score in s.per_subject.items():
            lines.append(
                f"| {subject} | {score.n} | {pct(score.accuracy)} | "
                f"{pct(score.ci_low)}-{pct(score.ci_high)} |"
            )
    return "\n".join(lines) + "\n"


def export_run(run: EvalRun, fmt: str) -> str:
    if fmt == "json":
        return run_json(run)
    if fmt == "csv":
        return run_csv(run)
    return run_markdown(run)


@dataclass(frozen=True)
class ComparisonRow:
    run_id: str
    model: str
    sha256: str
    mode: str
    n: int
    accuracy: float
    ci_low: float
    ci_high: float
    invalid_rate: float
    seconds_per_question: float
    tokens_per_second: float
    peak_mb: float

    @classmethod
    def of(cls, run: EvalRun) -> ComparisonRow:
        s = run.summary
        return cls(
            run.run_id,
            str(run.model.get("name", "?")),
            str(run.model.get("sha256", ""))[:12],
            run.settings.mode,
            s.score.n,
            s.score.accuracy,
            s.score.ci_low,
            s.score.ci_high,
            s.invalid_rate,
            s.seconds_per_question,
            s.tokens_per_second,
            run.peak_rss_bytes / _MB,
        )

    @property
    def label(self) -> str:
        return f"{self.model} ({self.mode})"


# Tokens per second count different work in each mode (walk 46b D5: 1.2 and 30.0 in one
# column): tokens generated in generate mode, prompt and option tokens scored in likelihood mode.
HEADERS = (
    "model",
    "mode",
    "n",
    "accuracy",
    "95% CI",
    "invalid",
    "s/question",
    "generated tok/s",
    "scored tok/s",
    "peak MB",
)


def comparison_rows(runs: Sequence[EvalRun]) -> list[ComparisonRow]:
    """Best first; runs on different files are not comparable and are refused by the caller."""
    rows = [ComparisonRow.of(run) for run in runs]
    return sorted(rows, key=lambda r: (-r.accuracy, r.seconds_per_question, r.run_id))


def row_cells(row: ComparisonRow) -> list[str]:
    return [
        row.model,
        row.mode,
        str(row.n),
        pct(row.accuracy),
        f"{pct(row.ci_low)}-{pct(row.ci_high)}",
        pct(row.invalid_rate),
        f"{row.seconds_per_question:.2f}",
        *_speed_cells(row),
        f"{row.peak_mb:.0f}",
    ]


def _speed_cells(row: ComparisonRow) -> tuple[str, str]:
    """(generated, scored) tokens per second: the row's own mode's figure, "-" in the other."""
    speed = f"{row.tokens_per_second:.1f}"
    return ("-", speed) if row.mode == "likelihood" else (speed, "-")


def comparison_markdown(rows: Sequence[ComparisonRow], dataset: str) -> str:
    # The run's id first: two runs of one model in one mode are otherwise the same row.
    headers = ("run", *HEADERS)
    lines = [f"# Model comparison on {dataset}", "", "| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join([row.run_id, *row_cells(row)]) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def comparison_csv(rows: Sequence[ComparisonRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["run_id", "sha256", *HEADERS])
    for row in rows:
        writer.writerow([row.run_id, row.sha256, *row_cells(row)])
    return out.getvalue()


def comparison_json(rows: Sequence[ComparisonRow]) -> str:
    data: list[dict[str, Any]] = [row.__dict__ for row in rows]
    return json.dumps(data, indent=2)
