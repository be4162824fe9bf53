"""The evaluation loop with scripted models: an always-"A" oracle reproduces the file's letter
distribution as accuracy; an interrupted run resumes to the same result as one run; statistics,
sampling, exports, comparison and the chart."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from PIL import Image

from medlocal.app.evaluation import EvalRequest, compare_runs, run_evaluations, write_comparison
from medlocal.engine.api import ChatMessage
from medlocal.errors import GenerationCancelled, UserInputError
from medlocal.eval.items import Item
from medlocal.eval.readers import read_benchmark
from medlocal.eval.records import EvalSettings
from medlocal.eval.report import run_csv, run_markdown
from medlocal.eval.runner import evaluate
from medlocal.eval.runs import ANSWERS_FILE, RunStore
from medlocal.eval.sample import stratified_sample
from medlocal.eval.stats import wilson
from medlocal.progress import Progress

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


class Scripted(FakeChatModel):
    """A fake chat model with its own name and hash (so two of them are two models)."""

    def __init__(self, script: object, name: str = "oracle") -> None:
        super().__init__(script)  # type: ignore[arg-type]
        self.name = name

    def provenance(self):  # type: ignore[no-untyped-def]
        from dataclasses import replace

        return replace(super().provenance(), name=self.name, sha256=self.name.encode().hex())


def test_wilson_interval_matches_published_values() -> None:
    # Newcombe (1998), example: 81/263 -> 0.2553 to 0.3662.
    low, high = wilson(81, 263)
    assert low == pytest.approx(0.2553, abs=1e-4) and high == pytest.approx(0.3662, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)
    assert wilson(0, 10)[1] == pytest.approx(0.2775, abs=1e-4)  # "rule of three"-like bound
    assert wilson(0, 0) == (0.0, 0.0)


def test_always_a_oracle_reproduces_the_letter_distribution(tmp_path: Path) -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    store = RunStore(tmp_path / "runs")
    run = evaluate(Scripted("The answer is A."), data, EvalSettings(), store=store)
    share_a = sum(item.answer == "A" for item in data.items) / len(data.items)
    s = run.summary
    assert s.score.accuracy == pytest.approx(share_a) == 0.5
    assert s.invalid == 0 and run.status == "complete"
    assert set(s.per_subject) == {"step1", "step2&3"}
    assert s.per_subject["step1"].correct == 2 and s.per_subject["step2&3"].correct == 2
    b = evaluate(Scripted("B)", "always-b"), data, EvalSettings(), store=store).summary
    assert b.score.accuracy == pytest.approx(2 / 8)
    mumble = evaluate(Scripted("Hmm.", "mumbler"), data, EvalSettings(), store=store).summary
    assert mumble.invalid == 8 and mumble.invalid_rate == 1.0 and mumble.score.accuracy == 0.0


def _answers(script_calls: list[int], cancel: threading.Event | None, stop_after: int) -> object:
    def reply(messages: Sequence[ChatMessage]) -> str:
        script_calls.append(1)
        if cancel is not None and len(script_calls) == stop_after:
            cancel.set()  # the user presses Cancel while this question is being answered
        # A deterministic answer that depends on the question.
        return "The answer is " + "ABCD"[len(messages[-1].content) % 4] + "."

    return reply


def test_resume_after_an_interruption_gives_the_same_result(tmp_path: Path) -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    settings = EvalSettings(limit=6, sample_seed=3)
    whole = evaluate(
        Scripted(_answers([], None, 0)), data, settings, store=RunStore(tmp_path / "a")
    )

    store = RunStore(tmp_path / "b")
    cancel, calls = threading.Event(), []
    model = Scripted(_answers(calls, cancel, 3))
    with pytest.raises(GenerationCancelled):
        evaluate(model, data, settings, store=store, cancel=cancel)
    stored = store.get(whole.run_id)  # same evaluation, same id in any store
    assert stored.status == "cancelled" and len(stored.results) == 2  # the third was dropped
    # A run still going is listed with the answers it has so far, not those of its start.
    meta_file = store.folder / whole.run_id / "run.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps({**meta, "status": "running", "answered": 0}))
    assert store.list()[0]["answered"] == 2
    # A crash mid-write leaves a torn line: it is cut off, and that question asked again.
    with (store.folder / whole.run_id / ANSWERS_FILE).open("ab") as handle:
        handle.write(b'{"id": "torn')
    seen: list[Progress] = []
    resumed = evaluate(
        Scripted(_answers([], None, 0)), data, settings, store=store, progress=seen.append
    )
    assert resumed.sessions == 2 and resumed.status == "complete"
    assert seen[0].done == 2 and seen[0].total == 6 and seen[-1].done == 6
    # After the first question of the session, each step says how long the rest will take.
    assert "ETA" not in seen[0].detail and all("ETA" in p.detail for p in seen[1:-1])
    assert [(r.id, r.chosen) for r in resumed.results] == [(r.id, r.chosen) for r in whole.results]
    assert resumed.summary.score == whole.summary.score
    again = evaluate(Scripted(_answers([], None, 0)), data, settings, store=store)
    assert len(again.results) == 6  # a complete run is not asked again


def test_limit_takes_a_seeded_stratified_sample() -> None:
    items = [Item(str(i), "q", (("A", "a"), ("B", "b")), "A", "big" if i < 8 else "small")
             for i in range(12)]  # fmt: skip
    first = stratified_sample(items, 6, seed=1)
    assert len(first) == 6 and [i.subject for i in first].count("small") == 2
    assert stratified_sample(items, 6, seed=1) == first
    assert stratified_sample(items, 6, seed=2) != first
    assert [int(i.id) for i in first] == sorted(int(i.id) for i in first)  # file order
    assert stratified_sample(items, None) == items and stratified_sample(items, 99) == items


def test_exports_and_comparison_with_chart(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs")
    request = EvalRequest(DATA / "medqa.jsonl", models=("a", "b"))
    models = {"a": Scripted("A", "model-a"), "b": Scripted("The answer is B", "model-b")}
    runs = run_evaluations(lambda m: models[str(m)], request, store=store)
    assert [r.model["name"] for r in runs] == ["model-a", "model-b"]
    md = run_markdown(runs[0])
    assert "Accuracy: **50.0%**" in md and "Wilson" in md and "| step1 |" in md
    assert run_csv(runs[0]).splitlines()[0].startswith("id,subject,answer,chosen,correct")
    assert json.loads(json.dumps(runs[0].as_dict()))["accuracy"] == 0.5
    comparison = compare_runs([store.get(r.run_id) for r in runs])
    assert [row.model for row in comparison.rows] == ["model-a", "model-b"]  # best first
    written = {p.suffix: p for p in write_comparison(comparison, tmp_path / "out")}
    assert set(written) == {".md", ".csv", ".json", ".svg", ".png"}
    svg = written[".svg"].read_text()
    assert svg.startswith("<svg") and "model-a (generate)" in svg and "<circle" in svg
    with Image.open(written[".png"]) as png:
        assert png.size == (1520, 880)
        assert len(png.convert("RGB").getcolors(1 << 20) or []) > 10  # something was drawn
    other = evaluate(
        Scripted("A", "model-c"), read_benchmark(DATA / "medmcqa.jsonl"), EvalSettings(),
        store=store,
    )  # fmt: skip
    with pytest.raises(UserInputError, match="different benchmark files"):
        compare_runs([runs[0], other])


def test_k_shot_examples_come_first_and_are_recorded(tmp_path: Path) -> None:
    model = Scripted("A", "shot-taker")
    request = EvalRequest(
        DATA / "medqa.jsonl", shots_file=DATA / "medqa_shots.jsonl", settings=EvalSettings(shots=2)
    )
    (run,) = run_evaluations(lambda m: model, request, store=RunStore(tmp_path))
    assert run.settings.shots == 2 and len(run.settings.shots_sha256) == 64
    roles = [m.role for m in model.calls[0]]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]
    assert model.calls[0][2].content == "The answer is B."
    with pytest.raises(UserInputError, match="not 3"):
        run_evaluations(
            lambda m: model,
            EvalRequest(DATA / "medqa.jsonl", shots_file=DATA / "medqa_shots.jsonl",
                        settings=EvalSettings(shots=3)),
            store=RunStore(tmp_path),
        )  # fmt: skip


def test_shots_that_are_also_test_questions_are_refused(tmp_path: Path) -> None:
    request = EvalRequest(DATA / "medqa.jsonl", shots_file=DATA / "medqa.jsonl")
    with pytest.raises(UserInputError, match="also test questions"):
        run_evaluations(lambda m: Scripted("A"), request, store=RunStore(tmp_path))


def test_likelihood_mode_refuses_a_model_that_cannot_score(tmp_path: Path) -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    with pytest.raises(UserInputError, match="score options"):
        evaluate(Scripted("A"), data, EvalSettings(mode="likelihood"), store=RunStore(tmp_path))


def test_thinking_is_capped_per_question(tmp_path: Path) -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    rambler = Scripted("<think> " + "hmm " * 200 + "</think> A", "rambler")
    run = evaluate(rambler, data, EvalSettings(limit=2, think_tokens=20), store=RunStore(tmp_path))
    assert run.summary.thinking_capped == 2 and run.summary.invalid == 2
    assert all(r.thinking and r.capped and r.tokens <= 21 for r in run.results)
    thinker = Scripted("<think> a short thought </think> The answer is A.", "thinker")
    done = evaluate(thinker, data, EvalSettings(think_tokens=20), store=RunStore(tmp_path))
    assert done.summary.thinking_capped == 0 and done.summary.score.accuracy == 0.5


HUATUO = (
    "## Thinking\n\n" + "Maybe the answer is A, warfarin... " * 30 + "\n\n## Final Response\n\n"
    "The answer is C."
)


def test_generate_mode_reads_huatuos_final_response_and_records_the_parser() -> None:
    """Parser 1 read HuatuoGPT-o1's thinking ("the answer is A") as its answer; parser 2 reads
    the final response. The version is part of the run's settings (and so of its id)."""
    from medlocal.eval.generate import answer_by_generation
    from medlocal.eval.records import PARSER_VERSION
    from medlocal.eval.runs import run_key

    item = Item("q1", "Which drug?", (("A", "warfarin"), ("B", "aspirin"), ("C", "metformin")), "C")
    result = answer_by_generation(FakeChatModel(HUATUO), item, EvalSettings(), [])
    assert result.chosen == "C" and result.thinking and not result.capped
    assert PARSER_VERSION == 2 and EvalSettings().parser == 2
    assert run_key("f", "m", EvalSettings(), ["q1"]) != run_key(
        "f", "m", EvalSettings(parser=1), ["q1"]
    )


def test_runs_read_by_different_parsers_are_flagged_when_compared(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs")
    request = EvalRequest(DATA / "medqa.jsonl", models=("a", "b"))
    models = {"a": Scripted("A", "model-a"), "b": Scripted("The answer is B", "model-b")}
    runs = run_evaluations(lambda m: models[str(m)], request, store=store)
    assert not compare_runs([store.get(r.run_id) for r in runs]).notes
    # A run stored before the parser's version was recorded was read by parser 1.
    meta_path = store.folder / runs[1].run_id / "run.json"
    meta = json.loads(meta_path.read_text())
    del meta["settings"]["parser"]
    meta_path.write_text(json.dumps(meta))
    old = store.get(runs[1].run_id)
    assert old.settings.parser == 1
    comparison = compare_runs([store.get(runs[0].run_id), old])
    assert len(comparison.notes) == 1 and "different parsers" in comparison.notes[0]
    assert f"{old.run_id}: parser 1" in comparison.markdown()


def test_a_comparison_by_id_needs_two_different_runs() -> None:
    """Walk 40: `eval compare ID` and `eval compare ID ID` were accepted (two identical rows
    and charts of them)."""
    from medlocal.app import evaluation

    with pytest.raises(UserInputError, match="needs two or more runs"):
        evaluation.check_compared_ids(["abc"])
    with pytest.raises(UserInputError, match="Run abc is given twice"):
        evaluation.check_compared_ids(["abc", "def", "abc"])
    evaluation.check_compared_ids(["abc", "def"])  # two different runs: fine
