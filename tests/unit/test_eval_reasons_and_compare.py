"""Walk 38: why answers are invalid is said wherever the run is (counted by reason, the first
few questions named), and comparing runs that asked different questions says so and compares
the questions they share; the chart's legend names each run."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder

from medlocal.app import Workspace
from medlocal.app.evaluation import compare_runs
from medlocal.cli import main
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.errors import ContextBudgetError, UserInputError
from medlocal.eval.chart import to_svg
from medlocal.eval.readers import read_benchmark
from medlocal.eval.records import TOO_LONG, UNREADABLE, EvalSettings
from medlocal.eval.report import run_csv, run_markdown
from medlocal.eval.runner import evaluate
from medlocal.eval.runs import RunStore

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval"
OPTIONS = {"A": "flu", "B": "cold", "C": "asthma", "D": "none"}


class Narrow(FakeChatModel):
    """Refuses a message longer than its context as the engine does; answers "A", or mumbles
    when the question says it is unsure."""

    def __init__(self, name: str = "narrow") -> None:
        super().__init__(self._answer, n_ctx=512)
        self.name = name

    @staticmethod
    def _answer(messages: Sequence[ChatMessage]) -> str:
        return "Hmm." if "unsure" in messages[-1].content else "The answer is A."

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        used = self.count_chat_tokens(messages)
        if used > self.n_ctx:
            raise ContextBudgetError(
                f"The message is too long for this model: it needs {used} tokens and the "
                f"context holds {self.n_ctx}."
            )
        return super().stream_chat(messages, params, cancel)

    def provenance(self):  # type: ignore[no-untyped-def]
        from dataclasses import replace

        return replace(super().provenance(), name=self.name, sha256=self.name.encode().hex())


def _write(path: Path, questions: list[str]) -> Path:
    lines = [json.dumps({"question": q, "options": OPTIONS, "answer_idx": "A"}) for q in questions]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Six questions: two too long for the context, one the model cannot answer, three fine."""
    long = "fever and cough " * 2000
    return _write(
        tmp_path / "mixed.jsonl",
        ["q one", long, "unsure two", long + "again", "q five", "q six"],
    )


def test_invalid_answers_are_counted_by_reason_with_the_first_items_named(mixed: Path) -> None:
    run = evaluate(Narrow(), read_benchmark(mixed), EvalSettings(), store=RunStore())
    s = run.summary
    assert s.invalid == 3
    assert s.invalid_reasons == {TOO_LONG: 2, UNREADABLE: 1}  # most frequent first
    by_id = {r.id: r for r in run.results}
    assert by_id["2"].reason == TOO_LONG and "too long" in by_id["2"].error
    assert by_id["3"].invalid_reason == UNREADABLE and by_id["1"].invalid_reason == ""
    md = run_markdown(run)
    assert f"  * {TOO_LONG}: 2" in md and f"  * {UNREADABLE}: 1" in md
    assert "  * question 2: The message is too long for this model" in md
    assert "  * question 3: " + UNREADABLE in md
    assert md.index("Invalid answers") < md.index(TOO_LONG) < md.index("* Speed")
    rows = run_csv(run).splitlines()
    assert rows[0].endswith(",invalid_reason,error") and f",{TOO_LONG}," in rows[2]
    # run.json's summary and --json carry the counts.
    assert run.as_dict()["invalid_reasons"] == {TOO_LONG: 2, UNREADABLE: 1}


def test_more_invalid_answers_than_shown_are_counted(tmp_path: Path) -> None:
    data = _write(tmp_path / "unsure.jsonl", [f"unsure {i}" for i in range(5)])
    run = evaluate(Narrow(), read_benchmark(data), EvalSettings(), store=RunStore())
    md = run_markdown(run)
    assert md.count("  * question ") == 3 and "... and 2 more" in md


def test_answers_stored_before_reasons_were_recorded_still_say_why(mixed: Path) -> None:
    store = RunStore()
    run = evaluate(Narrow(), read_benchmark(mixed), EvalSettings(), store=store)
    answers = store.folder / run.run_id / "answers.jsonl"
    old = [json.loads(line) for line in answers.read_text().splitlines()]
    for item in old:
        del item["reason"]
    answers.write_text("".join(json.dumps(item) + "\n" for item in old))
    stored = store.get(run.run_id)
    reasons = stored.summary.invalid_reasons
    assert reasons[UNREADABLE] == 1 and sum(reasons.values()) == 3
    assert all(r.startswith("The message is too long") for r in reasons if r != UNREADABLE)


def test_eval_run_and_show_print_why_answers_are_invalid(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = Narrow()
    ws = Workspace(
        tmp_path / "vault", chat_loader=lambda m: model, embedder_loader=lambda m: FakeEmbedder()
    )
    assert main(["eval", "run", "--data", str(mixed)], workspace=ws) == 0
    out = capsys.readouterr().out.splitlines()
    assert "invalid 50.0%" in out[0]
    assert out[1:4] == [
        f"  invalid: {TOO_LONG}: 2",
        f"  invalid: {UNREADABLE}: 1",
        "  invalid: question 2: The message is too long for this model: it needs 6037 tokens"
        " and the context holds 512.",
    ]
    run_id = out[0].split()[0]
    assert main(["eval", "run", "--data", str(mixed), "--json"], workspace=ws) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["invalid_reasons"] == {TOO_LONG: 2, UNREADABLE: 1}
    assert main(["eval", "show", run_id], workspace=ws) == 0
    shown = capsys.readouterr().out
    assert f"* Invalid answers: 3 (50.0%)\n  * {TOO_LONG}: 2\n" in shown
    ws.close()


def test_runs_over_different_questions_are_compared_on_those_they_share(
    tmp_path: Path,
) -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    store = RunStore()
    model = Narrow("same-model")
    whole = evaluate(model, data, EvalSettings(), store=store)  # 8 questions
    part = evaluate(model, data, EvalSettings(limit=4, sample_seed=1), store=store)
    assert len(whole.results) == 8 and len(part.results) == 4
    comparison = compare_runs([whole, part])
    assert [row.n for row in comparison.rows] == [4, 4]  # like for like: the shared four
    (note,) = comparison.notes
    assert "asked different questions" in note and f"{whole.run_id}: 8" in note
    assert f"{part.run_id}: 4" in note and "only the 4 they all asked" in note
    assert "Note: these runs asked different questions" in comparison.markdown()
    # The shared questions' accuracy, not each run's own.
    shared = {r.id for r in part.results}
    expected = sum(r.correct for r in whole.results if r.id in shared) / 4
    assert all(row.accuracy == pytest.approx(expected) for row in comparison.rows)
    # One model in one mode twice: the legend and the table tell the two runs apart.
    svg = to_svg(comparison.chart())
    for run in (whole, part):
        assert f"run {run.run_id} · n=4" in svg and f"| {run.run_id} |" in comparison.markdown()
    # The same runs' own figures are unchanged (nothing was cut from the stored runs).
    assert len(store.get(whole.run_id).results) == 8


def test_runs_that_share_no_question_are_refused(tmp_path: Path) -> None:
    store = RunStore()
    a = evaluate(Narrow(), read_benchmark(_write(tmp_path / "x.jsonl", ["q1", "q2"])),
                 EvalSettings(limit=1, sample_seed=0), store=store)  # fmt: skip
    seed = _seed_for({"1", "2"} - {r.id for r in a.results}, tmp_path)
    b = evaluate(Narrow(), read_benchmark(tmp_path / "x.jsonl"),
                 EvalSettings(limit=1, sample_seed=seed), store=store)  # fmt: skip
    assert {r.id for r in a.results}.isdisjoint({r.id for r in b.results})
    with pytest.raises(UserInputError, match="no question in common"):
        compare_runs([a, b])


def _seed_for(ids: set[str], tmp_path: Path) -> int:
    """A sample seed whose one-question sample of x.jsonl is one of ``ids``."""
    from medlocal.eval.sample import stratified_sample

    items = read_benchmark(tmp_path / "x.jsonl").items
    return next(s for s in range(100) if stratified_sample(items, 1, s)[0].id in ids)


def test_the_chart_grows_to_hold_every_legend_entry() -> None:
    from medlocal.eval.chart import ChartPoint, Text, comparison_scene

    points = [ChartPoint(f"m{i}", 1.0, 0.5, 0.4, 0.6, f"run {i:016x} · n=8") for i in range(9)]
    scene = comparison_scene(points)
    lowest = max(item.y for item in scene.items if isinstance(item, Text))
    assert lowest < scene.height
    assert sum(isinstance(i, Text) and i.text.startswith("run ") for i in scene.items) == 9


def test_compare_says_what_tokens_per_second_counts_in_each_mode() -> None:
    """Walk 46b D5: generate's generated tok/s (1.2) and likelihood's scored tok/s (30.0) stood
    in one "tok/s" column."""
    from medlocal.eval.report import ComparisonRow, comparison_markdown

    def row(run_id: str, mode: str, speed: float) -> ComparisonRow:
        return ComparisonRow(run_id, "m", "ab12", mode, 8, 0.5, 0.2, 0.8, 0.0, 2.0, speed, 300.0)

    table = comparison_markdown([row("r1", "generate", 1.2), row("r2", "likelihood", 30.0)], "f")
    header, _, generate, likelihood = table.splitlines()[2:6]
    assert "| s/question | generated tok/s | scored tok/s | peak MB |" in header
    assert "| 2.00 | 1.2 | - | 300 |" in generate
    assert "| 2.00 | - | 30.0 | 300 |" in likelihood
