"""Installed-model registry: records, defaults, atomic writes, verify-before-load."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.errors import ModelLoadError, UserInputError
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.importer import import_gguf
from medlocal.models.registry import (
    ModelChangedError,
    Registry,
    default_chat_path,
    resolve_model,
)
from medlocal.paths import data_dir


def _tamper_keeping_size(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))


def test_demo_model_is_listed_verified(demo_gguf: Path) -> None:
    models = {m.id: m for m in Registry().models()}
    demo = models[DEMO_MODEL_ID]
    assert Path(demo.path) == demo_gguf
    assert demo.verified and demo.provenance == f"verified: {DEMO_MODEL_ID}"
    assert not demo.managed
    assert default_chat_path() == demo_gguf


def test_registry_file_is_written_atomically_and_privately(tmp_path: Path) -> None:
    result = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"))
    registry_file = data_dir() / "models.json"
    data = json.loads(registry_file.read_text())
    assert any(m["id"] == result.model.id for m in data["models"])
    assert oct(registry_file.stat().st_mode & 0o777) == oct(0o600)
    assert not list(registry_file.parent.glob(".models-*"))  # no temp file left behind


def test_defaults_per_role_and_remove(tmp_path: Path) -> None:
    registry = Registry()
    chat = import_gguf(write_tiny_gguf(tmp_path / "a.gguf", seed=1)).model
    bert = write_tiny_gguf(tmp_path / "e.gguf", arch="bert", seed=2, chat_template=None)
    embed = import_gguf(bert).model
    assert chat.role == "chat" and embed.role == "embedding"
    registry.set_default(chat.id, "chat")
    registry.set_default(embed.id, "embedding")
    assert registry.defaults() == {"chat": chat.id, "embedding": embed.id}
    with pytest.raises(UserInputError, match="not an embedding model"):
        registry.set_default(chat.id, "embedding")
    assert default_chat_path() == Path(chat.path)
    registry.remove(chat.id)
    assert not Path(chat.path).exists()  # managed copy deleted
    assert "chat" not in registry.defaults()
    assert default_chat_path().name.endswith(".gguf")  # back to the demo model
    with pytest.raises(UserInputError, match="demo"):
        registry.remove(DEMO_MODEL_ID)


def test_modified_file_is_refused_before_load(tmp_path: Path) -> None:
    model = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf")).model
    assert resolve_model(model.id, "chat") == Path(model.path)
    _tamper_keeping_size(Path(model.path))
    with pytest.raises(ModelChangedError, match="has changed since it was installed"):
        resolve_model(model.id, "chat")
    with pytest.raises(ModelLoadError):
        resolve_model(model.path, "chat")  # by path too


def test_stat_cache_skips_rehash_and_verify_forces_it(tmp_path: Path) -> None:
    model = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf")).model
    path = Path(model.path)
    st = path.stat()
    _tamper_keeping_size(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, mtime and inode
    registry = Registry()
    assert registry.verified_path(model.id) == path  # trusted from the cache, by design
    with pytest.raises(ModelChangedError):
        registry.verified_path(model.id, force=True)  # `verify` rehashes


def test_touched_but_unchanged_file_is_rehashed_and_accepted(tmp_path: Path) -> None:
    model = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf")).model
    os.utime(model.path, ns=(1_000_000_000, 1_000_000_000))
    assert Registry().verified_path(model.id) == Path(model.path)
    assert Registry().get(model.id).mtime_ns == 1_000_000_000  # cache refreshed


def test_resolve_model_errors_are_clear(tmp_path: Path) -> None:
    embed = import_gguf(write_tiny_gguf(tmp_path / "e.gguf", arch="bert", chat_template=None)).model
    with pytest.raises(UserInputError, match="embedding model; a chat model is needed"):
        resolve_model(embed.id, "chat")
    with pytest.raises(UserInputError, match="no installed model or file 'nope'"):
        resolve_model("nope", "chat")
    loose = write_tiny_gguf(tmp_path / "loose.gguf", seed=5)
    assert resolve_model(loose, "chat") == loose  # unregistered file: header-checked only


def test_missing_file_is_reported(tmp_path: Path) -> None:
    model = import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf")).model
    Path(model.path).unlink()
    with pytest.raises(ModelLoadError, match="missing"):
        Registry().verified_path(model.id)


def test_corrupt_registry_file_gives_a_clear_error() -> None:
    (data_dir() / "models.json").write_text("{not json")
    with pytest.raises(UserInputError, match="unreadable"):
        Registry().models()


_ADD_MANY = """
import sys, time
from pathlib import Path
from medlocal.models.registry import InstalledModel, Registry

registry_path, prefix, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
while not Path(go).exists():  # both processes start adding at the same moment
    time.sleep(0.005)
registry = Registry(registry_path)
for n in range(count):
    registry.add(InstalledModel(
        id=f"{prefix}-{n}", path=f"/models/{prefix}-{n}.gguf", role="chat", sha256="0" * 64,
        size=1, mtime_ns=1, inode=n, source="import", verified=False,
    ))
"""


def test_two_processes_adding_models_at_once_lose_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    registry_path, go, count = tmp_path / "models.json", tmp_path / "go", 40
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _ADD_MANY, str(registry_path), prefix, str(count), str(go)]
        )
        for prefix in ("cli", "gui")
    ]
    go.touch()
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    ids = {m["id"] for m in json.loads(registry_path.read_text())["models"]}
    assert ids == {f"{p}-{n}" for p in ("cli", "gui") for n in range(count)}
    assert (tmp_path / "models.json.lock").is_file()


def test_nested_edits_in_one_thread_do_not_deadlock(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "models.json")
    with registry._editing() as outer, registry._editing() as inner:
        inner.setdefault("defaults", {})["chat"] = "x"
        outer.setdefault("defaults", {})["chat"] = "x"
    assert registry.defaults() == {"chat": "x"}
