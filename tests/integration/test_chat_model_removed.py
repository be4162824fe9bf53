"""Walk 46b D2: `medlocal chat` whose model is removed in another shell says so at the next
question and answers with the model that stands in, as the window does; the real demo model."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.model_files import write_short_context_copy

from medlocal.app import Workspace
from medlocal.app.installed_models import remove_model
from medlocal.cli import main
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.importer import import_gguf
from medlocal.models.registry import Registry


def test_terminal_chat_notices_a_model_removed_meanwhile(
    engine: object,
    demo_gguf: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Another header than the demo model's: the same bytes would be "already installed".
    copy = write_short_context_copy(demo_gguf, tmp_path / "other.gguf", 4096)
    import_gguf(copy, in_place=True, model_id="other-model")
    Registry().set_default("other-model", "chat")

    def lines() -> Iterator[str]:
        yield "What is aspirin?"
        remove_model(Registry(), "other-model")  # as `medlocal models remove` in another shell
        yield "And ibuprofen?"
        yield "/exit"

    typed = lines()
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(typed))
    notices: list[str] = []
    ws = Workspace(engine=engine, notice=notices.append)  # type: ignore[arg-type]
    try:
        assert main(["chat", "--max-tokens", "4"], workspace=ws) == 0
    finally:
        ws.close()
    assert "MedLocal chat with other-model " in capsys.readouterr().err
    assert notices == [
        f"The chat model other-model is no longer installed: answering with {DEMO_MODEL_ID}, "
        "the demo model (not for clinical use)."
    ]
