"""Evaluation on the real demo model (SmolLM2-135M through llama.cpp): likelihood mode picks the
option a planted fixture makes overwhelmingly likely, reusing the question's KV cache across its
options; generate mode answers and is parsed; the CLI runs, lists, shows and compares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.model_state import cold_cache, speculation
from PIL import Image

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.engine.runtime import Engine, LlamaChatModel, LoadOptions
from medlocal.eval.likelihood import answer_by_likelihood
from medlocal.eval.readers import read_benchmark
from medlocal.eval.records import EvalSettings
from medlocal.eval.runner import evaluate
from medlocal.eval.runs import RunStore

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval"
PLANTED = DATA / "planted.jsonl"


@pytest.fixture(scope="module")
def model(engine: Engine, demo_gguf: Path) -> Iterator[LlamaChatModel]:
    # One thread: on a shared two-core machine llama.cpp's spinning threads make a 2-thread
    # decode ~20x slower than one thread when other processes hold the cores.
    loaded = engine.load_chat(demo_gguf, LoadOptions(n_ctx=2048, n_threads=1))
    yield loaded
    loaded.unload()


def test_likelihood_picks_the_planted_option_and_reuses_the_prefix(
    model: LlamaChatModel, tmp_path: Path
) -> None:
    data = read_benchmark(PLANTED)
    run = evaluate(model, data, EvalSettings(mode="likelihood"), store=RunStore(tmp_path))
    assert [r.chosen for r in run.results] == [r.answer for r in run.results] == ["B", "A", "C"]
    assert run.summary.score.accuracy == 1.0 and run.summary.invalid == 0
    for result in run.results:
        assert len(result.scores) == 4 and all(s < 0 for s in result.scores.values())
        best = max(result.scores.values())
        others = sorted(result.scores.values())[:-1]
        assert best - max(others) > 0.3  # per-token log-probability margin
    assert run.settings.normalise == "per_token"
    assert run.model["sha256"] == model.sha256 and run.peak_rss_bytes > 0


def test_options_after_the_first_reuse_the_question_prompt(model: LlamaChatModel) -> None:
    item = read_benchmark(PLANTED).items[2]
    settings = EvalSettings(mode="likelihood")
    model.score([model.tokenize("Unrelated")[0]], [1])  # a cold cache
    cold = answer_by_likelihood(model, item, settings)
    prompt = len(model.tokenize(model.template.render(_messages(item)).text))
    # Option 1 evaluates the prompt; options 2-4 find it cached (all but its last token,
    # which the primitive evaluates with each option to get the first option token's logits).
    assert cold.reused_tokens == 3 * (prompt - 1)
    warm = answer_by_likelihood(model, item, settings)
    assert warm.reused_tokens == 4 * (prompt - 1) and warm.chosen == cold.chosen
    for label, score in cold.scores.items():
        assert warm.scores[label] == pytest.approx(score, abs=2e-3)


def _messages(item: Any) -> Any:
    from medlocal.eval.prompts import likelihood_messages

    return likelihood_messages(item)


def test_generate_mode_answers_deterministically(model: LlamaChatModel, tmp_path: Path) -> None:
    data = read_benchmark(DATA / "medqa.jsonl")
    settings = EvalSettings(limit=2, answer_tokens=16)
    # Deterministic where decoding is: the same cache and batch shapes. Drafting (it learns its
    # lengths from timings) is held off and each run starts from an emptied cache.
    runs = []
    with speculation(model, None):
        for store in ("a", "b"):
            cold_cache(model)
            runs.append(evaluate(model, data, settings, store=RunStore(tmp_path / store)))
    first, second = runs
    assert [r.output for r in first.results] == [r.output for r in second.results]
    assert all(r.tokens > 0 and r.output for r in first.results)
    # The demo model is tiny: whatever it says is either parsed to a letter or counted invalid.
    for r in first.results:
        assert r.chosen in (None, "A", "B", "C", "D", "E")
    assert first.summary.tokens_per_second > 0


def test_cli_run_list_show_compare(
    model: LlamaChatModel, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace(chat_loader=lambda m: model)
    out = tmp_path / "out"
    args = ["eval", "run", "--data", str(PLANTED), "--json", "--out", str(out)]
    assert main([*args, "--mode", "likelihood"], workspace=ws) == 0
    likelihood = json.loads(capsys.readouterr().out)
    assert likelihood["accuracy"] == 1.0 and likelihood["invalid_rate"] == 0.0
    assert likelihood["settings"]["mode"] == "likelihood"
    assert likelihood["model"]["sha256"] == model.sha256
    run_id = likelihood["run_id"]
    assert {p.name for p in out.iterdir()} == {f"{run_id}.json", f"{run_id}.csv", f"{run_id}.md"}
    assert main([*args, "--answer-tokens", "8"], workspace=ws) == 0
    generated = json.loads(capsys.readouterr().out)
    assert 0.0 <= generated["accuracy"] <= 1.0 and "invalid_rate" in generated

    assert main(["eval", "list", "--json"], workspace=ws) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {m["run_id"] for m in listed} == {run_id, generated["run_id"]}
    assert main(["eval", "show", run_id], workspace=ws) == 0
    assert "Accuracy: **100.0%**" in capsys.readouterr().out
    chart = tmp_path / "chart"
    ids = [run_id, generated["run_id"]]
    assert main(["eval", "compare", *ids, "--out", str(chart)], workspace=ws) == 0
    table = capsys.readouterr().out
    assert "| model | mode |" in table and "likelihood" in table and "generate" in table
    with Image.open(chart / "comparison.png") as png:
        assert png.format == "PNG"
    assert "<svg" in (chart / "comparison.svg").read_text()
    # A second comparison into the same folder would replace the first: told, not done.
    before = (chart / "comparison.md").read_bytes()
    (chart / "comparison.md").write_bytes(b"an older comparison")
    assert main(["eval", "compare", *ids, "--out", str(chart)], workspace=ws) == 2
    assert "already holds a comparison" in capsys.readouterr().err
    assert (chart / "comparison.md").read_bytes() == b"an older comparison"
    assert main(["eval", "compare", *ids, "--out", str(chart), "--overwrite"], workspace=ws) == 0
    capsys.readouterr()
    assert (chart / "comparison.md").read_bytes() == before
    # One run, or one run twice, is no comparison (walk 40: both were accepted).
    assert main(["eval", "compare", ids[0]], workspace=ws) == 2
    assert "needs two or more runs" in capsys.readouterr().err
    assert main(["eval", "compare", ids[0], ids[0], "--out", str(chart)], workspace=ws) == 2
    assert f"Run {ids[0]} is given twice" in capsys.readouterr().err
    assert main(["eval", "show", "0123456789abcdef"], workspace=ws) == 2
    assert "No evaluation run" in capsys.readouterr().err


def _longest_piece(model: LlamaChatModel) -> str:
    """The text of the vocabulary's longest token (the demo model's: a newline and 80 spaces)."""
    import ctypes

    import llama_cpp

    longest = model.max_piece_bytes()
    assert longest is not None and longest > 1  # byte-level BPE: a bound is known
    buf = ctypes.create_string_buffer(longest + 1)
    for token in range(llama_cpp.llama_vocab_n_tokens(model._vocab)):
        n = llama_cpp.llama_token_to_piece(model._vocab, token, buf, len(buf), 0, True)
        if n == longest:
            return buf.raw[:n].decode("utf-8")
    raise AssertionError("no token of the longest length")


@pytest.fixture
def tokenised(model: LlamaChatModel, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The byte length of every text the model tokenises during a test."""
    sizes: list[int] = []
    real = model._tokenize

    def counting(data: bytes, add_bos: bool, special: bool) -> list[int]:
        sizes.append(len(data))
        return real(data, add_bos, special)

    monkeypatch.setattr(model, "_tokenize", counting)
    return sizes


@pytest.mark.parametrize("mode", ["generate", "likelihood"])
def test_a_question_far_too_long_is_refused_without_tokenising_it(
    model: LlamaChatModel, tokenised: list[int], tmp_path: Path, mode: str
) -> None:
    """Walk 38: a 5 MB question took 23 s and 1.1 GB to be refused; it is now refused by its
    length alone, and said to be too long."""
    data = tmp_path / "big.jsonl"
    options = {"A": "flu", "B": "cold", "C": "asthma", "D": "none"}
    question = "A patient presents with " + "fever and cough " * 300_000
    data.write_text(json.dumps({"question": question, "options": options, "answer_idx": "A"}))
    settings = EvalSettings(mode=mode, answer_tokens=8)  # type: ignore[arg-type]
    run = evaluate(model, read_benchmark(data), settings, store=RunStore(tmp_path / "runs"))
    (result,) = run.results
    assert result.invalid and result.reason == "too long for the model's context"
    assert run.summary.invalid_reasons == {"too long for the model's context": 1}
    bound = model.n_ctx * (model.max_piece_bytes() or 0)
    assert all(size <= bound for size in tokenised), "the question was tokenised"


def test_the_length_bound_never_refuses_a_text_that_fits(
    model: LlamaChatModel, tokenised: list[int]
) -> None:
    """The densest text this vocabulary allows (its longest token, repeated): as many tokens
    as the context holds less room for the answer fits, though it is ~80 times longer in
    characters than the context in tokens; one token more than the context is refused by the
    bound, which is therefore as tight as it can be on this model."""
    from medlocal.engine.api import ChatMessage
    from medlocal.errors import ContextBudgetError

    longest = _longest_piece(model)
    fits = longest * (model.n_ctx - 100)
    assert len(fits) > 50 * model.n_ctx  # far longer than the context in characters
    _, budget, _ = model.fit([ChatMessage("user", fits)], 48)
    assert budget == 48 and len(model.tokenize(fits, special=False)) == model.n_ctx - 100
    tokenised.clear()
    with pytest.raises(ContextBudgetError, match="characters need more than the 2048 tokens"):
        model.fit([ChatMessage("user", longest * (model.n_ctx + 1))], 48)
    assert tokenised == []
    # The premise on ordinary text: never fewer tokens than characters / longest piece.
    for text in ("The patient has fever. " * 500, "ü∂ 漢字 ok\n" * 300, " " * 9000):
        assert len(model.tokenize(text, special=False)) >= len(text) / len(longest)


def test_a_stopped_run_says_the_same_command_resumes_it(
    model: LlamaChatModel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Walk 46b D4: Ctrl-C during `eval run` said only "medlocal: interrupted"."""
    from medlocal.cli import eval_cmds
    from medlocal.cli.common import TerminalProgress
    from medlocal.progress import Progress

    class CtrlCAfterOneAnswer(TerminalProgress):
        def __call__(self, p: Progress) -> None:
            if p.unit == "questions" and p.done == 1:
                raise KeyboardInterrupt  # where a Ctrl-C lands in the main thread
            super().__call__(p)

    ws = Workspace(chat_loader=lambda m: model)
    args = ["eval", "run", "--data", str(PLANTED), "--mode", "likelihood"]
    monkeypatch.setattr(eval_cmds, "TerminalProgress", CtrlCAfterOneAnswer)
    assert main(args, workspace=ws) == 130
    err = capsys.readouterr().err
    assert "medlocal: evaluation stopped; run the same command to resume" in err
    monkeypatch.setattr(eval_cmds, "TerminalProgress", TerminalProgress)
    assert main(args, workspace=ws) == 0  # the same command, as the line says
    assert "continued stored run" in capsys.readouterr().err
