"""Review 53a: the clean-up of stopped model imports deletes only what is surely a stopped
import's partial copy — never a model registered under a name that looks like one, never
another account's file in a shared models folder, and never a copy that another process is
still writing (a pid that looks dead here is alive in another container's pid namespace: the
copying process holds an OS lock on its partial for as long as the import runs)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.engine.hashing import sha256_file
from medlocal.models import importer
from medlocal.models.files import free_destination
from medlocal.models.importer import (
    PARTIAL_PREFIX,
    PARTIAL_SUFFIX,
    UNNAMED_PARTIAL_STALE_S,
    import_gguf,
    remove_stopped_imports,
)
from medlocal.models.registry import Registry
from medlocal.paths import models_dir

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and flock")


def _dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


def test_a_registered_model_named_like_a_partial_is_never_deleted(tmp_path: Path) -> None:
    (tmp_path / "stick").mkdir()
    pid = _dead_pid()
    new_style = write_tiny_gguf(tmp_path / "stick" / f"{PARTIAL_PREFIX}{pid}-abcd_123.partial")
    old_style = write_tiny_gguf(tmp_path / "stick" / f"{PARTIAL_PREFIX}abcd1234.gguf")
    kept = [Path(import_gguf(source).model.path) for source in (new_style, old_style)]
    long_ago = time.time() - UNNAMED_PARTIAL_STALE_S - 60
    for path in kept:
        os.utime(path, (long_ago, long_ago))
    assert remove_stopped_imports(models_dir()) == 0
    assert all(path.is_file() for path in kept), kept
    assert {m.path for m in Registry().models()} >= {str(p) for p in kept}


def test_only_a_partials_own_name_form_is_taken(tmp_path: Path) -> None:
    """A file of the user's own that starts with the prefix is not a partial."""
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pid = _dead_pid()
    notes = folder / f"{PARTIAL_PREFIX}{pid}-notes.txt"
    notes.write_text("mine")
    assert remove_stopped_imports(folder) == 0
    assert notes.exists()


@posix_only
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another account needs root")
def test_another_accounts_partial_in_a_shared_folder_is_left(tmp_path: Path) -> None:
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    theirs = folder / f"{PARTIAL_PREFIX}{_dead_pid()}-abcd_123{PARTIAL_SUFFIX}"
    theirs.write_bytes(b"part of their model")
    os.chown(theirs, 65534, 65534)
    assert remove_stopped_imports(folder) == 0
    assert theirs.exists()


HOLDER = """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("holding", flush=True)
    sys.stdin.readline()
"""


@posix_only
def test_a_partial_another_process_still_writes_is_left_though_its_pid_looks_dead(
    tmp_path: Path,
) -> None:
    """The pid in the name is of another pid namespace (a container, a sandbox sharing the
    folder): dead here, alive there. The writer's OS lock says it is live."""
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    live = folder / f"{PARTIAL_PREFIX}{_dead_pid()}-abcd_123{PARTIAL_SUFFIX}"
    live.write_bytes(b"part of a model")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(live)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        assert remove_stopped_imports(folder) == 0
        assert live.exists()
    finally:
        holder.communicate("", timeout=30)
    assert remove_stopped_imports(folder) == 1  # its writer gone, the lock with it
    assert not live.exists()


@posix_only
def test_the_copy_holds_its_lock_until_the_model_is_registered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    monkeypatch.setattr(importer, "COPY_CHUNK_BYTES", 1024)
    (tmp_path / "stick").mkdir()
    source = write_tiny_gguf(tmp_path / "stick" / "tiny.gguf", n_tensors=4)
    seen: list[bool] = []

    def locked(path: Path) -> bool:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)
        return False

    def during_copy(done: int, total: int) -> None:
        (partial,) = models_dir().glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}")
        seen.append(locked(partial))

    real_add = Registry.add

    def add(self: Registry, record: object) -> None:
        seen.append(locked(Path(record.path)))  # type: ignore[attr-defined]
        real_add(self, record)  # type: ignore[arg-type]

    monkeypatch.setattr(Registry, "add", add)
    result = import_gguf(source, progress=during_copy)
    assert seen and all(seen), seen
    assert not locked(Path(result.model.path))  # released once registered


def test_a_name_taken_by_another_import_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two imports of files with one name (two sticks, the window's import and a terminal's)
    both found ``tiny.gguf`` free; the later rename replaced the model the first had just
    registered, its record then naming another file's SHA-256."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_tiny_gguf(tmp_path / "a" / "tiny.gguf", n_tensors=2)
    second = write_tiny_gguf(tmp_path / "b" / "tiny.gguf", n_tensors=6)
    real = free_destination

    def raced(folder: Path, name: str) -> Path:
        chosen = real(folder, name)
        # The other import renames its copy to the same name in between.
        monkeypatch.setattr(importer, "free_destination", real)
        import_gguf(first)
        return chosen

    monkeypatch.setattr(importer, "free_destination", raced)
    result = import_gguf(second)
    models = {m.id: m for m in Registry().recorded_models() if m.source == "import"}
    assert len(models) == 2, models
    for model in models.values():
        assert sha256_file(Path(model.path)) == model.sha256, model
    assert Path(result.model.path).read_bytes() == second.read_bytes()
