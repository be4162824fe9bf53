"""Walk 34: a MEDLOCAL_HOME copied or moved (a portable install on a USB drive) keeps finding
its models. Files inside the models folder are recorded relative to it; older registries with
absolute paths are re-based on reading; files imported in place stay absolute."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.models.importer import import_gguf
from medlocal.models.registry import Registry, resolve_model
from medlocal.paths import data_dir, models_dir


def _entries(registry_file: Path) -> dict[str, dict[str, object]]:
    return {m["id"]: m for m in json.loads(registry_file.read_text())["models"]}


def _move_home(medlocal_home: Path, monkeypatch: pytest.MonkeyPatch, to: Path) -> Path:
    shutil.copytree(medlocal_home, to)
    shutil.rmtree(medlocal_home)  # the old place is gone, as on another computer
    monkeypatch.setenv("MEDLOCAL_HOME", str(to))
    return to


def test_a_copied_model_is_recorded_relative_and_found_after_the_home_moves(
    tmp_path: Path, medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="tiny").model
    assert Path(model.path) == models_dir() / "tiny.gguf"
    assert _entries(data_dir() / "models.json")["tiny"]["path"] == "tiny.gguf"

    _move_home(medlocal_home, monkeypatch, tmp_path / "usb" / "MedLocal")
    moved = Registry().get("tiny")
    assert Path(moved.path) == models_dir() / "tiny.gguf"
    assert models_dir().parent.parent == tmp_path / "usb" / "MedLocal"
    # Loading checks the file (a copy has another inode: it is hashed again, and matches).
    assert resolve_model("tiny", "chat") == models_dir() / "tiny.gguf"
    assert _entries(data_dir() / "models.json")["tiny"]["path"] == "tiny.gguf"


def test_an_old_absolute_entry_is_rebased_and_stored_relative_at_the_next_write(
    tmp_path: Path, medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="tiny")
    registry_file = data_dir() / "models.json"
    old_path = str(models_dir() / "tiny.gguf")
    data = json.loads(registry_file.read_text())
    for raw in data["models"]:
        if raw["id"] == "tiny":
            raw["path"] = old_path  # as registries before walk 34 recorded it
    registry_file.write_text(json.dumps(data))

    _move_home(medlocal_home, monkeypatch, tmp_path / "elsewhere")
    assert not Path(old_path).exists()
    assert Path(Registry().get("tiny").path) == models_dir() / "tiny.gguf"
    assert resolve_model("tiny", "chat") == models_dir() / "tiny.gguf"
    # The hash check after the move rewrote the record: relative from now on.
    assert _entries(data_dir() / "models.json")["tiny"]["path"] == "tiny.gguf"


def test_an_old_absolute_entry_still_in_place_keeps_working(tmp_path: Path) -> None:
    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="tiny")
    registry_file = data_dir() / "models.json"
    data = json.loads(registry_file.read_text())
    for raw in data["models"]:
        if raw["id"] == "tiny":
            raw["path"] = str(models_dir() / "tiny.gguf")
    registry_file.write_text(json.dumps(data))
    assert resolve_model("tiny", "chat") == models_dir() / "tiny.gguf"


def test_a_missing_file_is_not_rebased_onto_nothing(
    tmp_path: Path, medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="tiny")
    _move_home(medlocal_home, monkeypatch, tmp_path / "elsewhere")
    (models_dir() / "tiny.gguf").unlink()
    assert Path(Registry().get("tiny").path) == models_dir() / "tiny.gguf"
    with pytest.raises(Exception, match="missing"):
        resolve_model("tiny", "chat")


def test_a_file_imported_in_place_stays_absolute(
    tmp_path: Path, medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "library").mkdir()
    external = write_tiny_gguf(tmp_path / "library" / "tiny.gguf")
    import_gguf(external, in_place=True, model_id="tiny")
    assert _entries(data_dir() / "models.json")["tiny"]["path"] == str(external)
    # Even when a file of that name sits in the models folder of a moved home.
    _move_home(medlocal_home, monkeypatch, tmp_path / "elsewhere")
    shutil.copy(external, models_dir() / "tiny.gguf")
    assert Path(Registry().get("tiny").path) == external


def test_a_copied_home_uses_its_own_copy_while_the_old_home_remains(
    tmp_path: Path, medlocal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 34's case: the old home still exists beside the copy; an absolute entry written by an
    older MedLocal must not keep reading the old home's file."""
    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="tiny")
    registry_file = data_dir() / "models.json"
    old_path = str(models_dir() / "tiny.gguf")
    data = json.loads(registry_file.read_text())
    for raw in data["models"]:
        if raw["id"] == "tiny":
            raw["path"] = old_path
    registry_file.write_text(json.dumps(data))
    copy = tmp_path / "copy"
    shutil.copytree(medlocal_home, copy)
    monkeypatch.setenv("MEDLOCAL_HOME", str(copy))
    assert Path(old_path).is_file()
    assert resolve_model("tiny", "chat") == copy / "data" / "models" / "tiny.gguf"
