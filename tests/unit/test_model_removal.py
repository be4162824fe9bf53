"""Removing the default chat model says what chat uses now; a session holding a model that was
removed meanwhile notices at its next question and does not use it again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.app import Workspace
from medlocal.app.installed_models import remove_model
from medlocal.app.loaded_models import LoadedModels
from medlocal.cli import model_cmds
from medlocal.errors import UserInputError
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.importer import import_gguf
from medlocal.models.registry import Registry
from medlocal.settings import Settings


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="medlocal")
    model_cmds.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    with Workspace() as workspace:
        args.workspace = workspace
        return int(args.func(args))


def test_removing_the_default_chat_model_says_the_demo_model_is_used_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="mymodel")
    assert run("models", "default", "mymodel") == 0
    capsys.readouterr()
    assert run("models", "remove", "mymodel") == 0
    out = capsys.readouterr().out
    assert out.startswith("removed mymodel\n")
    assert "mymodel was the default chat model" in out
    assert DEMO_MODEL_ID in out and "not for clinical use" in out
    assert "medlocal models default ID" in out


def test_removing_a_model_that_is_no_default_adds_no_note(tmp_path: Path) -> None:
    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="other")
    removal = remove_model(Registry(), "other")
    assert removal.notes == () and removal.message == "removed other"


def test_the_demo_model_is_refused() -> None:
    with pytest.raises(UserInputError, match="demo model is part of this installation"):
        remove_model(Registry(), DEMO_MODEL_ID)


class _Loaded:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.load_message = ""


class _Engine:
    def __init__(self) -> None:
        self.loads: list[Path] = []

    def load_chat(self, path: Path, options: Any) -> _Loaded:
        self.loads.append(Path(path))
        return _Loaded(Path(path))


def test_a_held_chat_model_removed_meanwhile_is_not_used_again(tmp_path: Path) -> None:
    registry = Registry()
    installed = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="mymodel").model
    registry.set_default("mymodel", "chat")
    notices: list[str] = []
    engine = _Engine()
    models = LoadedModels(
        Settings,
        notices.append,
        lambda role, model: None,
        engine=engine,
        registry=registry,  # type: ignore[arg-type]
    )
    first = models.chat_model()
    assert first.name == "mymodel" and models.chat_model() is first  # held, not reloaded
    assert len(engine.loads) == 1

    remove_model(Registry(), "mymodel")  # as `medlocal models remove` does, elsewhere
    assert not Path(installed.path).exists()
    second = models.chat_model()
    assert second is not first and second.name == DEMO_MODEL_ID
    assert any(
        "mymodel is no longer installed" in n and "not for clinical use" in n for n in notices
    )


def test_a_default_changed_elsewhere_is_loaded_at_the_next_question(tmp_path: Path) -> None:
    registry = Registry()
    import_gguf(write_tiny_gguf(tmp_path / "one.gguf"), model_id="first")
    import_gguf(write_tiny_gguf(tmp_path / "two.gguf", seed=1), model_id="second")
    registry.set_default("first", "chat")
    engine = _Engine()
    models = LoadedModels(
        Settings,
        lambda text: None,
        lambda role, model: None,
        engine=engine,
        registry=registry,  # type: ignore[arg-type]
    )
    held = models.chat_model()
    assert held.name == "first" and models.chat_model() is held

    Registry().set_default("second", "chat")  # as `medlocal models default second` does
    now = models.chat_model()
    assert now.name == "second" and models.chat_model() is now
    assert [Path(p).name for p in engine.loads] == ["one.gguf", "two.gguf"]
