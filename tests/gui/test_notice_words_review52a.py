"""Review 52a finding 8 (Qt offscreen, the real loader's error and the window's real status
bar relay): an embedding model or a reranker that could not be loaded was said in the window
with the terminal's words, "--ctx, or the context_tokens setting; 'medlocal models fit MODEL
--ctx N'": a notice carried only ``str(err)``. And that hint was the chat model's, which
neither an embedder nor a reranker takes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS, make_workspace, open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.cli.common import notice as terminal_notice
from medlocal.engine import loading
from medlocal.errors import ModelLoadError
from medlocal.settings import in_window
from medlocal.ui.app import _NoticeRelay

COMMAND = re.compile(r"(?<![\w-])--[a-z]|\bmedlocal [a-z]")  # what only a terminal can do


def _load_refused(n_ctx: int) -> Any:
    """The real loader's failure for an encoder whose context llama.cpp could not make."""

    def load(_model: Any) -> Any:
        return loading.construct_llama(
            Path("encoder.gguf"), {"n_ctx": n_ctx, "embedding": True}, 0, loading.LoadOptions()
        )

    return load


@pytest.fixture
def no_context(monkeypatch: pytest.MonkeyPatch) -> None:
    import llama_cpp

    def refused(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError("Failed to create llama_context")

    monkeypatch.setattr(llama_cpp, "Llama", refused)


@pytest.fixture
def broken_encoders(tmp_path: Path, no_context: None) -> Iterator[Workspace]:
    ws = make_workspace(
        tmp_path, embedder_loader=_load_refused(8192), reranker_loader=_load_refused(512)
    )
    ws.create_vault(PASS, PASS)
    yield ws
    ws.close()


def _shown(qtbot: QtBot, workspace: Workspace, load: str) -> tuple[str, str]:
    """What the window's status bar and the terminal say when ``load`` fails."""
    window = open_window(qtbot, workspace)
    relay = _NoticeRelay(window)  # as ui/app.py wires the window's workspace
    heard: list[str] = []

    def both(text: str) -> None:
        heard.append(text)
        relay(text)

    workspace.notice = both
    assert getattr(workspace, load)() is None  # search goes on without it
    bar = window.statusBar()
    assert bar is not None and len(heard) == 1
    qtbot.waitUntil(lambda: bool(bar.currentMessage()), timeout=10_000)
    shown = bar.currentMessage()
    window.close()
    return shown, heard[0]


def test_an_embedder_that_cannot_load_is_said_in_the_window_s_words(
    qtbot: QtBot, broken_encoders: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    shown, heard = _shown(qtbot, broken_encoders, "embedder")
    assert shown.startswith("encoder.gguf: llama.cpp could not load this model"), shown
    assert not COMMAND.search(shown) and "models fit" not in shown, shown
    assert in_window("context_tokens") in shown, shown  # the setting that sized it, by label
    assert shown.endswith("which sizes it. Searching exact words only."), shown
    # The terminal keeps its words: the setting's key, no window label.
    terminal_notice(heard)
    said = capsys.readouterr().err
    assert "lower the context_tokens setting" in said and "Settings →" not in said, said


def test_a_reranker_that_cannot_load_gets_no_chat_model_hint(
    qtbot: QtBot, broken_encoders: Workspace
) -> None:
    shown, heard = _shown(qtbot, broken_encoders, "reranker")
    for words in (shown, heard):
        # 512 tokens, fixed: no context option or setting would help it.
        assert "512 tokens needs more memory than is free: close other programs" in words
        assert "context" not in words.split("tokens", 1)[1], words
        assert not COMMAND.search(words) and "models fit" not in words, words
        assert words.endswith("try again. Searching without reranking."), words


def test_a_chat_model_keeps_its_context_hint(no_context: None) -> None:
    with pytest.raises(ModelLoadError) as caught:
        loading.construct_llama(Path("chat.gguf"), {"n_ctx": 32768}, 0, loading.LoadOptions())
    assert "try a smaller one (--ctx" in str(caught.value)
    assert caught.value.window is not None and in_window("context_tokens") in caught.value.window
