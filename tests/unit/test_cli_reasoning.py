"""`medlocal ask` and `medlocal chat` with a reasoning model: the thinking is never printed as
the answer nor kept in the conversation; stderr says the model is thinking and for how long."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.ingest_files import FakeEmbedder
from fixtures.terminal import Tty

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.engine.generation import GenerationStats
from medlocal.rag.prompts import GENERAL_LABEL
from medlocal.vault.keys import KdfParams

THINKING = "The user asks about metformin; maybe warfarin 7 mg? No."
ANSWER = "Metformin is usually started at 500 mg once daily."


class ThinkingModel(FakeChatModel):
    reasoning = True
    name = "ii-medical-8b-1706-q4km"

    def __init__(self, script: object) -> None:
        super().__init__(script)  # type: ignore[arg-type]
        self.last_stats = GenerationStats()


def _workspace(tmp_path: Path, model: FakeChatModel) -> Workspace:
    return Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda name: FakeEmbedder(),
        chat_loader=lambda name: model,
    )


def test_ask_prints_the_answer_and_not_the_thinking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = ThinkingModel(f"<think>{THINKING}</think>\n\n{ANSWER}")
    assert main(["ask", "Starting dose of metformin?"], workspace=_workspace(tmp_path, model)) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"{GENERAL_LABEL}\n{ANSWER}"
    assert "warfarin" not in out + err
    assert "Thinking…" in err and "reasoned for" in err


def test_chat_keeps_no_thinking_in_the_conversation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model = ThinkingModel(
        [f"## Thinking\n\n{THINKING}\n\n## Final Response\n\n{ANSWER}", "Take it with food."]
    )
    lines: Iterator[str] = iter(["Starting dose of metformin?", "How is it taken?"])

    def ask(prompt: str = "") -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", ask)
    assert main(["chat"], workspace=_workspace(tmp_path, model)) == 0
    out, err = capsys.readouterr()
    assert f"medlocal> {GENERAL_LABEL}\n{ANSWER}" in out and "warfarin" not in out
    second_prompt = model.calls[1]
    assert second_prompt[-2].content == ANSWER  # the history holds the answer only
    assert "warfarin" not in repr(second_prompt)
    assert "Thinking…" in err


def test_the_grounded_ask_line_says_the_model_is_thinking() -> None:
    from medlocal.cli.grounded_ask import WritingProgress

    out = Tty()
    writing = WritingProgress(out)
    for tokens in range(1, 17):
        writing.thinking(tokens)
    assert "Thinking… 16 tokens" in out.getvalue()
    writing.add("Metformin 500 mg [1].")
    assert out.getvalue().rsplit("\r", 1)[-1].startswith("Writing the answer (4 words)")
    writing.done()


class _Screen:
    """stdout and stderr on one terminal line: "\\r" goes back, "\\033[K" erases to the end."""

    def __init__(self) -> None:
        self.lines = [""]
        self.col = 0

    def write(self, data: str) -> int:
        i = 0
        while i < len(data):
            if data.startswith("\033[K", i):
                self.lines[-1] = self.lines[-1][: self.col]
                i += 3
                continue
            char = data[i]
            if char == "\r":
                self.col = 0
            elif char == "\n":
                self.lines.append("")
                self.col = 0
            else:
                line = self.lines[-1]
                self.lines[-1] = line[: self.col] + char + line[self.col + 1 :]
                self.col += 1
            i += 1
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def _chat_once(monkeypatch: pytest.MonkeyPatch, model: FakeChatModel, tmp_path: Path) -> _Screen:
    from medlocal.cli.engine_cmds import _answer_once
    from medlocal.engine.api import ChatMessage, SamplingParams

    screen = _Screen()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setattr("sys.stderr", screen)
    ws = _workspace(tmp_path, model)
    _answer_once(ws, model, [ChatMessage("user", "dose?")], SamplingParams())  # type: ignore[arg-type]
    return screen


def test_chat_keeps_its_prompt_when_the_thinking_line_is_cleared(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = ThinkingModel(f"<think>{THINKING} {'hmm ' * 20}</think>\n\n{ANSWER}")
    screen = _chat_once(monkeypatch, model, tmp_path)
    # The general answer's label comes with its first piece, after the prompt.
    assert screen.lines[:2] == [f"medlocal> {GENERAL_LABEL}", ANSWER]
    assert "reasoned for" in "\n".join(screen.lines)


def test_ctrl_c_while_thinking_clears_the_thinking_line_and_says_nothing_of_reasoning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = ThinkingModel(f"<think>{THINKING} {'hmm ' * 20}</think>\n\n{ANSWER}")

    pieces = [0]

    def interrupt(_call: int) -> None:
        pieces[0] += 1
        if pieces[0] == 12:  # mid-thought
            raise KeyboardInterrupt

    model.on_piece = interrupt
    screen = _chat_once(monkeypatch, model, tmp_path)
    shown = "\n".join(screen.lines)
    assert screen.lines[0] == "medlocal> [stopped]"
    assert "Thinking…" not in shown and "reasoned for" not in shown


def test_ask_says_why_when_the_thinking_never_ended(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = ThinkingModel(f"<think>{THINKING} and the output limit came first")
    code = main(["ask", "Starting dose of metformin?"], workspace=_workspace(tmp_path, model))
    out, err = capsys.readouterr()
    assert code != 0 and not out.strip()
    assert "thinking_budget" in err and "max_tokens" in err and "reasoned for" not in err
