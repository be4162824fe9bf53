"""Walk 34: what ``medlocal models download`` says when a transfer is cut (a MedLocal line, not
huggingface_hub's URL dump) and when a model is gated (the HF_TOKEN advice once). Against the
loopback fake hub (tests/fakehub.py) and the real download code."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakehub import FakeHub
from fixtures import child_process
from fixtures.loopback_hub import serve_fake_hub
from fixtures.model_files import write_tiny_gguf

from medlocal.app.model_tasks import download_progress
from medlocal.cli import main, model_cmds
from medlocal.models import download as dl
from medlocal.models.catalog import Catalog, bundled_catalog
from medlocal.models.registry import Registry
from medlocal.paths import models_dir

REPO = "clinic/test-model-GGUF"
NAME = "test-model.Q4_K_M.gguf"


@pytest.fixture
def hub(socket_enabled: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with serve_fake_hub(monkeypatch) as server:
        yield server


@pytest.fixture
def test_catalog(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    base = bundled_catalog().get("llama3-med42-8b-q4km")
    # About the test payloads' size (a few MB), which the catalog check compares (catalog_match).
    plain = dataclasses.replace(
        base, id="test-model", repo_id=REPO, filename=NAME, revision="", sha256="", size_gb=0.003
    )
    gated = dataclasses.replace(plain, id="gated-model", gated=True)
    catalog = Catalog((plain, gated, *bundled_catalog().entries))
    monkeypatch.setattr(model_cmds, "bundled_catalog", lambda: catalog)
    return catalog


def test_a_cut_connection_is_told_as_a_medlocal_line(
    hub: FakeHub, capfd: pytest.CaptureFixture[str]
) -> None:
    data = os.urandom(3_000_000)
    hub.add_file(REPO, NAME, data, cut_after=2_500_000)
    reports: list[dl.DownloadProgress] = []
    done = dl.download_file(REPO, NAME, progress=reports.append)
    assert done.path.read_bytes() == data
    notes = [r.note for r in reports if r.note]
    assert notes == [dl.RESUMING_NOTE]
    err = capfd.readouterr().err
    assert "Error while downloading" not in err and hub.endpoint not in err
    # The window's task line shows the note in place of the speed.
    noted = next(r for r in reports if r.note)
    assert download_progress(noted).detail == dl.RESUMING_NOTE


def test_the_cli_says_resuming_once_without_the_raw_url(
    hub: FakeHub, test_catalog: Catalog, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = write_tiny_gguf(tmp_path / "src.gguf").read_bytes()
    hub.add_file(REPO, NAME, data, cut_after=len(data) // 2)
    assert main(["models", "download", "test-model"]) == 0
    captured = capfd.readouterr()
    assert "installed test-model" in captured.out
    assert captured.err.count(f"{NAME}: {dl.RESUMING_NOTE}") == 1
    assert "Error while downloading" not in captured.err
    assert hub.endpoint not in captured.err and "peer closed" not in captured.err


def test_a_gated_model_gives_its_advice_once(
    hub: FakeHub, test_catalog: Catalog, capfd: pytest.CaptureFixture[str]
) -> None:
    hub.add_file(REPO, NAME, b"x")
    hub.repos[REPO].gated = True
    assert main(["models", "download", "gated-model"]) == 1
    err = capfd.readouterr().err
    assert "accept its licence" in err
    assert err.count("HF_TOKEN") == 1 and err.count("gated") == 1


def test_downloading_an_installed_model_says_already_installed_and_fetches_nothing(
    hub: FakeHub, test_catalog: Catalog, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    hub.add_file(REPO, NAME, write_tiny_gguf(tmp_path / "src.gguf").read_bytes())
    assert main(["models", "download", "test-model"]) == 0
    capfd.readouterr()
    hub.requests.clear()
    assert main(["models", "download", "test-model"]) == 0
    assert capfd.readouterr().out.startswith("already installed test-model: ")
    assert hub.requests == []


def test_downloading_an_altered_installed_model_names_the_remove_command_first(
    hub: FakeHub, test_catalog: Catalog, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    hub.add_file(REPO, NAME, write_tiny_gguf(tmp_path / "src.gguf").read_bytes())
    assert main(["models", "download", "test-model"]) == 0
    installed = Path(Registry().get("test-model").path)
    with installed.open("ab") as out:
        out.write(b"altered")
    capfd.readouterr()
    assert main(["models", "download", "test-model"]) == 2  # as loading it says (bad input)
    err = capfd.readouterr().err
    assert "has changed since it was installed" in err
    assert "Remove it first ('medlocal models remove test-model'" in err
    assert "then download it again" in err


@pytest.mark.parametrize(
    ("size_gb", "arch", "said"),
    [
        (4.92, "llama", "0.00 GB, where the catalog lists 4.92 GB"),
        (0.003, "qwen3", "a qwen3 model, where the catalog lists llama"),
    ],
)
def test_a_download_that_is_not_the_catalog_model_is_refused(
    hub: FakeHub,
    test_catalog: Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    size_gb: float,
    arch: str,
    said: str,
) -> None:
    """Walk 46b D6: a 135M file was recorded as "verified: openbiollm-llama3-8b-q4km"."""
    entry = dataclasses.replace(test_catalog.entries[0], size_gb=size_gb)
    catalog = Catalog((entry, *test_catalog.entries[1:]))
    monkeypatch.setattr(model_cmds, "bundled_catalog", lambda: catalog)
    monkeypatch.setattr(dl, "bundled_catalog", lambda: catalog)
    hub.add_file(REPO, NAME, write_tiny_gguf(tmp_path / "src.gguf", arch=arch).read_bytes())
    assert main(["models", "download", "test-model"]) == 1
    err = capfd.readouterr().err
    assert f"{NAME} is not the model the catalog describes as {entry.display_name}" in err
    assert said in err and "the downloaded file was deleted" in err
    assert Registry().find("test-model") is None
    assert not list(models_dir().glob("*.gguf"))


def test_the_start_after_a_killed_download_does_not_talk_of_the_vault(
    hub: FakeHub, medlocal_home: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Walk 46b: a `models download` killed with SIGKILL made the next start say "Your vault is
    safe … a question whose answer was being written shows in its chat as interrupted"."""
    entry = bundled_catalog().get("llama3-med42-8b-q4km")  # the child reads the real catalog
    hub.add_file(entry.repo_id, entry.filename, os.urandom(3_000_000), chunk_delay=0.2)
    if entry.revision:  # the catalog pins the commit it asks for
        hub.repos[entry.repo_id].commit = entry.revision
    child = subprocess.Popen(
        [sys.executable, "-m", "medlocal", "models", "download", entry.id],
        env=child_process.child_env(medlocal_home, {"HF_ENDPOINT": hub.endpoint}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        partial = models_dir() / dl.PARTIAL_DIR
        deadline = time.monotonic() + 120
        while not any(p.stat().st_size for p in partial.glob("*.part") if p.is_file()):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    capfd.readouterr()
    assert main(["models", "list"]) == 0  # the next start
    err = capfd.readouterr().err
    assert "The last run of 'medlocal models download'" in err and "did not close properly" in err
    assert "It did not use the vault; run the same command again (a download" in err
    assert "vault is safe" not in err and "chat" not in err
