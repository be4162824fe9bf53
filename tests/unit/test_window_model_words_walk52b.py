"""Walk 52b L2: the window's messages about models gave a shell command first ("choose another
with 'medlocal models default ID' (or Set as default in the model manager)", "…or choose another
model: medlocal models default demo-smollm2-135m …, or Set as default in the model manager").
The errors and notes now carry the window's own wording (``MedLocalError.window``, the removal's
``window_notes``): the model manager and its button, no command; the terminal keeps its words."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.app import Workspace
from medlocal.cli import model_cmds
from medlocal.errors import ModelLoadError
from medlocal.ui.dialogs.common import error_text


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="medlocal")
    model_cmds.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    with Workspace() as workspace:
        args.workspace = workspace
        return int(args.func(args))


@pytest.fixture
def clinic_model(tmp_path: Path) -> Path:
    """An imported model, copied in, made the default chat model."""
    source = write_tiny_gguf(tmp_path / "Clinic model.gguf")
    assert run("models", "import", str(source), "--id", "clinic") == 0
    assert run("models", "default", "clinic") == 0
    with Workspace() as ws:
        return Path(ws.registry.get("clinic").path)


def test_a_missing_model_file_is_worded_for_the_window(clinic_model: Path) -> None:
    clinic_model.unlink()  # deleted behind MedLocal's back
    with Workspace() as ws, pytest.raises(ModelLoadError) as failed:
        ws.registry.verified_path("clinic")
    shown = error_text(failed.value, "The answer")
    assert "model file is missing" in shown and "plug it in" in shown, shown
    assert "Model manager" in shown and "Set as default" in shown, shown
    assert "medlocal " not in shown, shown
    assert "medlocal models default" in str(failed.value)  # the terminal's words stay


def test_removing_the_default_model_notes_the_window_words(clinic_model: Path) -> None:
    with Workspace() as ws:
        removal = ws.remove_model("clinic")
    assert removal.window_notes and all("medlocal " not in n for n in removal.window_notes)
    assert "demo model (not for clinical use)" in removal.window_notes[0]
    assert "model manager: select it and press Set as default" in removal.window_notes[0]
    assert "'medlocal models default ID'" in removal.notes[0]
