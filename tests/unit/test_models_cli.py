"""``medlocal models …`` end to end through argparse (the group module on its own parser)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.app import Workspace
from medlocal.cli import model_cmds
from medlocal.errors import MedLocalError, UserInputError
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.paths import models_dir


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="medlocal")
    model_cmds.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    with Workspace() as workspace:
        args.workspace = workspace
        return int(args.func(args))


def test_list_shows_the_demo_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("models", "list") == 0
    out = capsys.readouterr().out
    assert DEMO_MODEL_ID in out and "not for clinical use" in out and "verified" in out
    assert run("models", "list", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert any(m["id"] == DEMO_MODEL_ID for m in data["models"])


def test_catalog_lists_chat_and_embedding_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("models", "catalog") == 0
    out = capsys.readouterr().out
    assert "[chat]" in out and "[embedding]" in out and "licence must be accepted" in out
    assert run("models", "catalog", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) >= 8


def test_import_verify_default_fit_remove(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_tiny_gguf(tmp_path / "tiny.gguf")
    assert run("models", "import", str(source), "--id", "tiny") == 0
    assert "imported tiny" in capsys.readouterr().out
    assert run("models", "verify", "tiny") == 0
    assert capsys.readouterr().out.startswith("ok")
    assert run("models", "default", "tiny") == 0
    assert "default chat model: tiny" in capsys.readouterr().out
    assert run("models", "fit", DEMO_MODEL_ID, "--ctx", "2048") == 0
    assert "green" in capsys.readouterr().out
    assert run("models", "remove", "tiny") == 0
    assert "removed tiny" in capsys.readouterr().out


def test_verify_reports_a_tampered_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("models", "import", str(write_tiny_gguf(tmp_path / "tiny.gguf")), "--id", "tiny")
    installed = models_dir() / "tiny.gguf"
    data = bytearray(installed.read_bytes())
    data[-3] ^= 1
    installed.write_bytes(bytes(data))
    capsys.readouterr()
    assert run("models", "verify") == 1
    assert "FAILED   tiny" in capsys.readouterr().out


def test_errors_are_user_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.gguf").write_text("not a model")
    with pytest.raises(MedLocalError, match="not a GGUF"):
        run("models", "import", str(tmp_path / "notes.gguf"))
    with pytest.raises(UserInputError, match="no installed model or file"):
        run("models", "fit", "no-such-model")
    with pytest.raises(UserInputError, match="no catalog entry"):  # bad input: exit 2
        run("models", "download", "no-such-model")


def test_fit_advises_on_a_catalog_model_before_download(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """README: ``models fit llama3-med42-8b-q4km --ctx 8192`` is advice before the download."""
    from medlocal.engine import hardware

    monkeypatch.setattr(hardware, "detect_backend", lambda: ("CPU", False))
    code = run("models", "fit", "llama3-med42-8b-q4km", "--ctx", "8192")
    out = capsys.readouterr().out
    verdict = out.split(" ", 1)[0]
    assert verdict in ("green", "yellow", "red") and code == (1 if verdict == "red" else 0)
    assert "estimate" in out and "not installed" in out and "context 8192" in out
    assert "KV cache 1.07 GB" in out  # 32 layers x 8 KV heads x 128 x f16, K and V, x 8192
    assert run("models", "fit", "llama3-med42-8b-q4km", "--json") in (0, 1)
    assert json.loads(capsys.readouterr().out)["estimated"] is True


def test_catalog_and_fit_give_the_demo_model_the_same_ram(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog's figure and the installed file's fit come from one computation; for the
    installed demo model the catalog reads its file and says so, not "(estimate)" (walk 48b
    D10: the README keeps "estimate" for models not installed)."""
    from medlocal.engine import hardware

    monkeypatch.setattr(hardware, "detect_backend", lambda: ("CPU", False))
    assert run("models", "catalog", "--json") == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    demo = rows[DEMO_MODEL_ID]
    assert run("models", "fit", DEMO_MODEL_ID, "--ctx", str(demo["default_ctx"]), "--json") == 0
    precise = json.loads(capsys.readouterr().out)["estimate"]
    total = sum(precise[k] for k in ("weights_bytes", "kv_cache_bytes", "overhead_bytes"))
    assert abs(demo["ram_estimate_gb"] * 1e9 - total) / total < 0.05
    assert demo["ram_from_catalog"] is False
    assert rows["llama3-med42-8b-q4km"]["ram_from_catalog"] is True  # not installed
    assert run("models", "catalog") == 0
    out = capsys.readouterr().out
    line = f"RAM ~{demo['ram_estimate_gb']:.2f} GB at ctx {demo['default_ctx']} (installed)"
    assert line in out
    assert f"{line.removesuffix(' (installed)')} (estimate)" not in out


def test_a_folder_import_counts_models_already_installed_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A USB folder holding a model installed before said "1 imported" (QA).
    usb = tmp_path / "usb"
    usb.mkdir()
    write_tiny_gguf(usb / "tiny.gguf")
    assert run("models", "import", str(usb)) == 0
    assert capsys.readouterr().out.endswith("1 imported, 0 not imported\n")
    assert run("models", "import", str(usb)) == 0
    assert capsys.readouterr().out.endswith("0 imported, 1 already installed, 0 not imported\n")


def test_main_exits_2_for_an_unknown_download(capsys: pytest.CaptureFixture[str]) -> None:
    from medlocal.cli import main

    assert main(["models", "download", "nope"]) == 2
    assert "no catalog entry 'nope'" in capsys.readouterr().err


def test_fit_names_a_missing_file_and_refuses_contexts_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_tiny_gguf(tmp_path / "tiny.gguf")
    assert run("models", "import", str(source), "--id", "inplace", "--in-place") == 0
    source.unlink()
    with pytest.raises(UserInputError, match="model file is missing"):
        run("models", "fit", "inplace")
    for ctx in ("-5", "0", "100000000"):
        with pytest.raises(UserInputError, match=f"context size {ctx} is out of range"):
            run("models", "fit", DEMO_MODEL_ID, "--ctx", ctx)
    with pytest.raises(UserInputError, match="out of range"):
        run("models", "fit", "llama3-med42-8b-q4km", "--ctx", "100000000")
    assert run("models", "fit", DEMO_MODEL_ID, "--ctx", "512") == 0


def test_list_marks_the_chat_model_that_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 34: with no chat model chosen the demo model answers, and the list says so, as the
    window's model manager does; once one is chosen, that one is marked instead."""
    assert run("models", "list") == 0
    demo_line = next(
        line for line in capsys.readouterr().out.splitlines() if line.startswith(DEMO_MODEL_ID)
    )
    assert demo_line.endswith("(default chat)")
    assert (
        run("models", "import", str(write_tiny_gguf(tmp_path / "tiny.gguf")), "--id", "tiny") == 0
    )
    assert run("models", "default", "tiny") == 0
    capsys.readouterr()
    assert run("models", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert next(x for x in lines if x.startswith("tiny ")).endswith("(default chat)")
    assert "default chat" not in next(x for x in lines if x.startswith(DEMO_MODEL_ID))


def test_list_json_marks_the_demo_fallback_as_the_plain_list_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 34: with no default set, `models list --json` gave the stored defaults only (no
    chat model), while the plain list and the window mark the demo model, which answers."""
    assert run("models", "list", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert "chat" not in data["chosen"]
    assert data["defaults"]["chat"] == DEMO_MODEL_ID
    fallback = data["fallback"]["chat"]
    assert fallback["model"] == DEMO_MODEL_ID and "demo model" in fallback["reason"]
    assert "not for clinical use" in fallback["reason"]
    demo = next(m for m in data["models"] if m["id"] == DEMO_MODEL_ID)
    assert demo["demo"] is True and demo["default_for"] == ["chat"]
    # The plain list marks the same model.
    assert run("models", "list") == 0
    plain = capsys.readouterr().out.splitlines()
    assert next(x for x in plain if x.startswith(DEMO_MODEL_ID)).endswith("(default chat)")
    # A chosen chat model: answering and chosen agree, nothing falls back.
    source = write_tiny_gguf(tmp_path / "tiny.gguf")
    assert run("models", "import", str(source), "--id", "tiny") == 0
    assert run("models", "default", "tiny") == 0
    capsys.readouterr()
    assert run("models", "list", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["defaults"]["chat"] == data["chosen"]["chat"] == "tiny"
    assert "chat" not in data["fallback"]
    tiny = next(m for m in data["models"] if m["id"] == "tiny")
    assert tiny["default_for"] == ["chat"] and tiny["demo"] is False
    demo = next(m for m in data["models"] if m["id"] == DEMO_MODEL_ID)
    assert demo["default_for"] == []


def test_the_window_and_the_list_read_one_source(tmp_path: Path) -> None:
    """The model manager's marks come from Workspace.installed_models, as the CLI's do."""
    from medlocal.app.installed_models import installed_listing
    from medlocal.models.registry import Registry

    with Workspace() as ws:
        listing = ws.installed_models()
        assert listing == installed_listing(Registry())
        assert listing.answering.get("chat") == DEMO_MODEL_ID
        assert listing.fallbacks == {"chat": DEMO_MODEL_ID}


def test_list_json_names_a_chosen_chat_model_that_is_gone() -> None:
    """A default chosen, then its model removed outside MedLocal's own remove: the fallback's
    reason said "no chat model chosen" (review 33)."""
    from medlocal.app.installed_models import InstalledListing

    listing = InstalledListing((), chosen={"chat": "gone-8b"}, answering={"chat": DEMO_MODEL_ID})
    reason = listing.as_json()["fallback"]["chat"]["reason"]
    assert reason.startswith("the chosen chat model gone-8b is not installed")
    assert "not for clinical use" in reason and "no chat model chosen" not in reason
    assert (
        "no chat model chosen"
        in InstalledListing((), {}, {"chat": DEMO_MODEL_ID}).as_json()["fallback"]["chat"]["reason"]
    )
