"""Walk 43 D4: a default model imported --in-place from a USB stick that was then unplugged was
listed as "(default chat)" as if in place, ``doctor`` said nothing, and a question failed with
"model file is missing: PATH" and no hint. ``models list`` and ``doctor`` now say "missing"
with the path, and the failing load (the window shows the same error) says what to do: plug the
drive in, or choose another installed model. Nothing falls back to another model unasked."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.app import Workspace
from medlocal.cli import model_cmds
from medlocal.errors import ModelLoadError


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="medlocal")
    model_cmds.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    with Workspace() as workspace:
        args.workspace = workspace
        return int(args.func(args))


def test_an_unplugged_default_model_is_said_missing_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    source = write_tiny_gguf(stick / "Inplace model.gguf")
    assert run("models", "import", str(source), "--id", "inplace", "--in-place") == 0
    assert run("models", "default", "inplace") == 0
    source.unlink()  # the stick is unplugged
    capsys.readouterr()

    assert run("models", "list") == 0
    out = capsys.readouterr().out
    assert f"MISSING: no file at {source}" in out, out
    assert run("models", "list", "--json") == 0
    listed = {m["id"]: m for m in json.loads(capsys.readouterr().out)["models"]}
    assert listed["inplace"]["missing"] is True

    with Workspace() as ws:
        lines = ws.doctor().lines()
        missing = [line for line in lines if line.startswith("Missing:")]
        assert len(missing) == 1 and str(source) in missing[0], lines
        assert "default chat model" in missing[0] and "plug it in" in missing[0]
        assert any("inplace (missing)" in line for line in lines if line.startswith("Models:"))
        with pytest.raises(ModelLoadError) as failed:
            ws.registry.verified_path("inplace")
    message = str(failed.value)
    assert f"model file is missing: {source}" in message
    assert "plug it in" in message and "medlocal models default" in message, message
