"""Left by session 51: errors the window shows told people to use command-line options and
commands ("--ctx", "medlocal settings set max_tokens 512") where the window has its own control
(its Settings fields). Each error below is raised by the real code that raises it; the window's
words (error_text) name the Settings field, as the Settings dialog labels it (real Qt), and no
command; the terminal's words (str) keep the command."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.fit import catalog_badge
from medlocal.engine import loading
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.chat import fit_messages
from medlocal.engine.reasoning import ReasoningStream
from medlocal.errors import MedLocalError
from medlocal.models.catalog import load_catalog
from medlocal.models.fit import catalog_advice
from medlocal.rag.context import fit_passages
from medlocal.rag.summarize import Summarizer
from medlocal.ui.dialogs.common import error_text
from medlocal.ui.dialogs.settings_dialog import SettingsDialog

# What only a terminal can do: an option ("--ctx") or a command ("medlocal settings set").
COMMAND = re.compile(r"(?<![\w-])--[a-z]|\bmedlocal [a-z]")
FIELD = re.compile(r"Settings → ([^,;)]+\))")


def _raised(make: Callable[[], Any]) -> MedLocalError:
    with pytest.raises(MedLocalError) as caught:
        make()
    return caught.value


def _no_room_for_the_question() -> Any:
    return fit_passages(FakeChatModel("x", n_ctx=256), [], lambda *_a: [], max_tokens=512)


def _no_room_beside_the_thinking() -> Any:
    model = FakeChatModel("x", n_ctx=512)
    return fit_passages(model, [], lambda *_a: [], max_tokens=200, thinking=400)


def _message_too_long() -> Any:
    messages = [ChatMessage("system", "Answer."), ChatMessage("user", "a long letter " * 40)]

    def count(kept: Sequence[ChatMessage]) -> int:
        return 5_000

    return fit_messages(messages, 64, 1024, count, trained=8192)


def _summary_step_too_long() -> Any:
    model = FakeChatModel("x", n_ctx=256)
    return Summarizer(model, params=SamplingParams(max_tokens=512))._limit()


def _thinking_budget_run_out() -> Any:
    model = FakeChatModel("<think> " + "hmm " * 500)
    model.reasoning = True  # a reasoning model, as loaded
    asked = [ChatMessage("user", "dose?")]
    stream = ReasoningStream(model, asked, SamplingParams(max_tokens=10), think_budget=64)
    return "".join(stream)


def _context_too_large_to_load(monkeypatch: pytest.MonkeyPatch) -> Callable[[], Any]:
    import llama_cpp

    def refused(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError("Failed to create llama_context")

    monkeypatch.setattr(llama_cpp, "Llama", refused)
    options = loading.LoadOptions()
    return lambda: loading.construct_llama(Path("model.gguf"), {"n_ctx": 131072}, 0, options)


def _field_labels(qtbot: QtBot, workspace: Workspace) -> set[str]:
    """The Settings dialog's field labels, as the window shows them."""
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    from medlocal.ui.dialogs.settings_form import declared, label_for

    return {label_for(spec) for spec in declared()}


@pytest.mark.parametrize(
    "make",
    [
        _no_room_for_the_question,
        _no_room_beside_the_thinking,
        _message_too_long,
        _summary_step_too_long,
        _thinking_budget_run_out,
        "load",
    ],
)
def test_window_errors_name_the_settings_field_not_a_command(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, make: Any
) -> None:
    if make == "load":
        make = _context_too_large_to_load(monkeypatch)
    exc = _raised(make)
    shown = error_text(exc, "The answer")
    assert not COMMAND.search(shown), shown
    named = FIELD.findall(shown)
    assert named, shown
    labels = _field_labels(qtbot, workspace)
    assert set(named) <= labels, (named, shown)
    # The terminal keeps its own route (an option, a command or the setting's key).
    assert re.search(r"--ctx|medlocal settings set|_tokens|_budget", str(exc)), str(exc)


def test_the_model_managers_fit_advice_names_the_settings_field(
    qtbot: QtBot, workspace: Workspace
) -> None:
    entry = next(e for e in load_catalog().entries if e.size_gb > 2)
    tight = int(entry.size_gb * 1.15 * 1024**3)  # the weights fit, a long context does not
    badge = catalog_badge(entry, ram_available=tight, n_ctx=131072)
    cli = catalog_advice(entry, 131072, ram_available=tight, backend="cpu", gpu_supported=False)
    assert badge.verdict in {"yellow", "red"}, badge.reason
    assert "--ctx" in cli.message  # `medlocal models fit` keeps its option
    assert not COMMAND.search(badge.reason), badge.reason
    assert set(FIELD.findall(badge.reason)) == {"Context size (tokens)"}, badge.reason
    assert "Context size (tokens)" in _field_labels(qtbot, workspace)
