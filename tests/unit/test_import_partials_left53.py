"""Left 53: a model import ended mid-copy never leaves a file that looks like a model.

The window's ``medlocal import-model`` ends at once on SIGTERM (its default there), so the copy's
own clean-up never runs: the partial copy stays in the models folder. It is named
``.import-<pid>-….partial`` (it was ``.import-….gguf``), and the next import removes the ones
whose process is gone and says so. A copy stopped through its cancel event (the first-run
wizard closed during an import) is deleted at once. A download's partial stays in ``.partial/``
as ``….part`` (kept to resume), never under a model's name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from fixtures.child_process import child_env
from fixtures.model_files import write_tiny_gguf

from medlocal.models.download import PARTIAL_DIR, RemoteFile, partial_path
from medlocal.models.importer import (
    PARTIAL_PREFIX,
    PARTIAL_SUFFIX,
    UNNAMED_PARTIAL_STALE_S,
    ImportStopped,
    import_gguf,
    remove_stopped_imports,
)
from medlocal.paths import models_dir

CHILD = """
    import sys, time
    from pathlib import Path
    from medlocal.models import importer

    importer.COPY_CHUNK_BYTES = 1024  # many chunks: the copy is under way when the signal comes

    def slow(done, total):
        if done == 1024:
            print("copying", flush=True)
        time.sleep(0.05)

    importer.import_gguf(Path(sys.argv[1]), progress=slow)
"""


def _killed_mid_copy(source: Path, home: Path) -> None:
    """A process importing ``source`` is sent SIGTERM (its default: it ends at once, as the
    window's `medlocal import-model` does) while the copy is under way."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(home),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "copying", child.stderr
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGTERM


def test_a_copy_killed_mid_way_leaves_no_model_and_the_next_import_removes_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "stick").mkdir()
    source = write_tiny_gguf(tmp_path / "stick" / "tiny.gguf", n_tensors=16)  # 256 KB
    _killed_mid_copy(source, Path(os.environ["MEDLOCAL_HOME"]))
    left = [p for p in models_dir().iterdir() if p.is_file()]
    assert left, "the killed copy left no partial: the test did not stop it mid-way"
    assert all(p.name.startswith(PARTIAL_PREFIX) for p in left), left
    assert not [p for p in left if p.suffix == ".gguf"], f"a partial looks like a model: {left}"
    result = import_gguf(source)
    assert result.stopped_copies_removed == len(left)
    assert "unfinished cop" in result.message and "stopped" in result.message
    assert not list(models_dir().glob(f"{PARTIAL_PREFIX}*"))
    assert Path(result.model.path).read_bytes() == source.read_bytes()


def test_a_running_imports_partial_is_left_alone(tmp_path: Path) -> None:
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    mine = folder / f"{PARTIAL_PREFIX}{os.getpid()}-abcd_123.partial"  # another thread's copy
    mine.write_bytes(b"x")
    young_unnamed = folder / f"{PARTIAL_PREFIX}abcd_123.gguf"  # an older version's, still written
    young_unnamed.write_bytes(b"x")
    old_unnamed = folder / f"{PARTIAL_PREFIX}defg_456.gguf"
    old_unnamed.write_bytes(b"x")
    long_ago = time.time() - UNNAMED_PARTIAL_STALE_S - 60
    os.utime(old_unnamed, (long_ago, long_ago))
    assert remove_stopped_imports(folder) == 1
    assert mine.exists() and young_unnamed.exists() and not old_unnamed.exists()


def test_a_cancelled_copy_stops_and_deletes_its_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.models import importer

    monkeypatch.setattr(importer, "COPY_CHUNK_BYTES", 1024)
    (tmp_path / "stick").mkdir()
    source = write_tiny_gguf(tmp_path / "stick" / "tiny.gguf", n_tensors=4)
    cancel = threading.Event()

    def stop_half_way(done: int, total: int) -> None:
        if done * 2 >= total:
            cancel.set()

    with pytest.raises(ImportStopped, match="was stopped; nothing was kept"):
        import_gguf(source, progress=stop_half_way, cancel=cancel)
    assert not [p for p in models_dir().iterdir() if p.is_file()]


def test_a_download_partial_never_has_a_models_name() -> None:
    remote = RemoteFile("org/repo", "model.gguf", "a" * 40, 10, None, "http://x/model.gguf", True)
    part = partial_path(remote)
    assert part.parent.name == PARTIAL_DIR and part.suffix == ".part"


def test_the_windows_start_removes_a_dead_imports_partial(tmp_path: Path) -> None:
    """A window started after the kill need not wait for the next import (warm_up runs on a
    worker at every window start)."""
    from medlocal.app import Workspace

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder = models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / f"{PARTIAL_PREFIX}{dead.pid}-abcd_123{PARTIAL_SUFFIX}"
    left.write_bytes(b"part of a model")
    ws = Workspace(tmp_path / "vault")
    try:
        ws.warm_up()
    finally:
        ws.close()
    assert not left.exists()
