"""The model manager against the real registry, importer, verifier and download code (the
download served by the loopback fake hub)."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakehub import FakeHub
from fixtures.loopback_hub import serve_fake_hub
from fixtures.model_files import write_tiny_gguf
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.models import download as dl
from medlocal.models.catalog import Catalog, Role, bundled_catalog
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.paths import models_dir
from medlocal.ui.dialogs.model_tables import FIT_COLUMN_CATALOG
from medlocal.ui.dialogs.models_dialog import ModelManagerDialog

REPO = "clinic/test-model-GGUF"
NAME = "test-model.Q4_K_M.gguf"
WAIT_MS = 20_000


@pytest.fixture
def hub(socket_enabled: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    with serve_fake_hub(monkeypatch) as server:
        yield server


def _catalog() -> Catalog:
    base = bundled_catalog().get("llama3-med42-8b-q4km")
    # About the test payloads' size (a few MB), which the catalog check compares (catalog_match).
    entry = dataclasses.replace(
        base, id="test-model", repo_id=REPO, filename=NAME, revision="", sha256="", size_gb=0.003
    )
    return Catalog((entry, *bundled_catalog().entries))


def _open(qtbot: QtBot, workspace: Workspace, **kwargs: object) -> ModelManagerDialog:
    dialog = ModelManagerDialog(workspace, catalog=_catalog(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)
    return dialog


def _idle(qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)


def test_catalog_rows_carry_fit_badges_with_reasons(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = _open(qtbot, workspace)
    table = dialog.catalog_table
    assert table.rowCount() == len(_catalog().entries)
    for row in range(table.rowCount()):
        badge = table.item(row, FIT_COLUMN_CATALOG)
        assert badge is not None
        assert badge.text().split()[-1] in ("green", "yellow", "red", "unknown")
        assert "GB" in badge.toolTip() or "could not" in badge.toolTip()
    # The 27B model cannot be judged green on a test machine's free RAM without a reason.
    dialog.select("medgemma-27b-it-q4km")
    assert "RAM" in dialog.details.text()
    # Packaged models are not downloadable: the button says so by being off.
    dialog.select("demo-smollm2-135m")
    assert not dialog.download_button.isEnabled()


def test_download_shows_progress_cancels_and_resumes(
    qtbot: QtBot, workspace: Workspace, hub: FakeHub, tmp_path: Path
) -> None:
    data = write_tiny_gguf(tmp_path / "big.gguf", n_tensors=400).read_bytes()
    hub.add_file(REPO, NAME, data, chunk_delay=0.05)
    dialog = _open(qtbot, workspace, stall_timeout=10.0)
    dialog.select("test-model")
    assert dialog.download_button.isEnabled()
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.task.last is not None and dialog.task.last.done >= 1_000_000,
        timeout=WAIT_MS,
    )
    status = dialog.task.status.text()
    assert status.startswith("downloading:") and "MB/s" in status and " of " in status
    qtbot.mouseClick(dialog.task.cancel_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert "paused" in dialog.message.text()
    assert dialog.download_button.text() == "Resume download"
    parts = list((models_dir() / dl.PARTIAL_DIR).glob("*.part"))
    assert len(parts) == 1 and 0 < parts[0].stat().st_size < len(data)
    kept = parts[0].stat().st_size
    assert workspace.registry.find("test-model") is None

    hub.requests.clear()
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert [r.range for r in hub.requests if r.method == "GET"] == [f"bytes={kept}-"]
    model = workspace.registry.get("test-model")
    assert model.sha256 == hashlib.sha256(data).hexdigest()
    assert "Downloaded and verified test-model" in dialog.message.text()
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)


def test_import_file_and_folder_verify_and_default(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, workspace)
    single = write_tiny_gguf(tmp_path / "single.gguf", seed=1)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        dialog.import_file(single)
    _idle(qtbot, dialog)
    assert "imported" in dialog.message.text()

    folder = tmp_path / "usb"
    folder.mkdir()
    good = write_tiny_gguf(folder / "good.gguf", seed=2)
    bad = write_tiny_gguf(folder / "bad.gguf", seed=3)
    sums = f"{hashlib.sha256(good.read_bytes()).hexdigest()}  good.gguf\n{'0' * 64}  bad.gguf\n"
    (folder / "SHA256SUMS").write_text(sums)
    assert bad.exists()
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        dialog.import_folder(folder)
    _idle(qtbot, dialog)
    texts = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert any(t.startswith("ok: ") and "good" in t for t in texts)
    assert any("bad.gguf" in t and not t.startswith("ok") for t in texts)
    assert "1 imported, 1 not imported" in dialog.message.text()

    dialog.verify()
    _idle(qtbot, dialog)
    assert "match their records" in dialog.message.text()

    def marked_default() -> list[str]:
        table = dialog.installed_table
        return [
            table.item(row, 0).text()
            for row in range(table.rowCount())
            if table.item(row, 2).text() == "default"
        ]

    # No chat model chosen: the demo model answers, and the table marks it so (walk 32).
    assert DEMO_MODEL_ID in marked_default()
    chat_id = next(m.id for m in workspace.registry.models() if "single" in m.id)
    dialog.select(chat_id)
    assert dialog.default_button.isEnabled()
    written_on: list[bool] = []
    real_set_default = workspace.registry.set_default

    def set_default(model_id: str, role: Role) -> None:
        written_on.append(threading.current_thread() is threading.main_thread())
        real_set_default(model_id, role)

    # Left 53: models.json is written on a worker, not on the window's thread (left 52 left).
    monkeypatch.setattr(workspace.registry, "set_default", set_default)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert written_on == [False]
    assert workspace.registry.defaults()["chat"] == chat_id
    assert chat_id in marked_default() and DEMO_MODEL_ID not in marked_default()
    assert not dialog.reembed_button.isVisible()
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)


def test_cancelled_import_records_nothing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _open(qtbot, workspace)
    before = {m.id for m in workspace.registry.models()}
    source = write_tiny_gguf(tmp_path / "stopped.gguf", n_tensors=400)
    job = dialog.import_file(source)
    job.cancel()  # before its first hashed block: the importer stops at once
    _idle(qtbot, dialog)
    assert "stopped" in dialog.message.text()
    assert {m.id for m in workspace.registry.models()} == before
    # Named once (walk 32 read "stopped: stopped.gguf: Importing stopped.gguf was stopped.").
    last = dialog.results.item(dialog.results.count() - 1).text()
    assert last == "stopped: stopped.gguf: nothing was added."


def test_a_refused_file_is_listed_with_its_reason(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _open(qtbot, workspace)
    text = tmp_path / "notes.gguf"
    text.write_text("not a model at all, a text file named .gguf\n" * 20)
    dialog.import_file(text)
    _idle(qtbot, dialog)
    last = dialog.results.item(dialog.results.count() - 1).text()
    assert last.startswith("failed: ") and "magic" in last and last.count("notes.gguf") == 1
    assert dialog.message.text() in last  # the same reason in the message line
    assert not list(models_dir().glob("*stopped*"))


def test_a_refused_files_reason_shows_its_name_escaped(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Session 45: the reason (which may quote the file's name) carried the raw name
    into the results list and the message line, where the name itself was escaped. Failed
    before (ESC and U+202E in both)."""
    dialog = _open(qtbot, workspace)
    odd = tmp_path / "esc\x1b[31mred \u202efdp.gguf"
    odd.write_text("not a model at all, a text file named .gguf\n" * 20)
    dialog.import_file(odd)
    _idle(qtbot, dialog)
    last = dialog.results.item(dialog.results.count() - 1).text()
    for text in (last, dialog.message.text()):
        assert "\x1b" not in text and "\u202e" not in text, text
    assert last.startswith("failed: ") and last.count("esc\\x1b[31mred \\u202efdp.gguf") == 1


def test_convert_embedder_then_default_offers_reembed(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, tmp_path: Path
) -> None:
    from medlocal.models.embedders import packaged_model_zip

    zip_path = packaged_model_zip()
    assert zip_path is not None
    folder = tmp_path / "minilm"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    dialog = _open(qtbot, workspace)
    incomplete = tmp_path / "incomplete"
    incomplete.mkdir()
    dialog.convert(incomplete)
    _idle(qtbot, dialog)
    assert dialog.message.text() and workspace.registry.find("incomplete") is None

    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        dialog.convert(folder)
    assert not dialog.task.cancel_button.isEnabled()  # the converter has no safe stop point
    _idle(qtbot, dialog)
    converted = workspace.registry.get("minilm")
    assert converted.role == "embedding"
    dialog.select("minilm")
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        dialog.default_button.click()
    assert workspace.registry.defaults()["embedding"] == "minilm"
    assert not dialog.reembed_button.isHidden()
    dialog.reembed_button.click()
    _idle(qtbot, dialog)
    assert "Re-embedding finished" in dialog.message.text()
    assert dialog.reembed_button.isHidden()
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)


def test_remove_asks_first_removes_and_refuses_the_demo_model(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixtures.message_boxes import answer_boxes

    from medlocal.models.demo import DEMO_MODEL_ID
    from medlocal.models.importer import import_gguf

    model = import_gguf(write_tiny_gguf(tmp_path / "gone.gguf", seed=7), model_id="gone").model
    workspace.set_default_model("gone")
    dialog = _open(qtbot, workspace)
    dialog.select("gone")
    assert dialog.remove_button.isEnabled()

    asked = answer_boxes(monkeypatch, False)
    dialog.remove_button.click()
    assert "Remove the model gone?" in asked[0]
    assert workspace.registry.find("gone") is not None

    answer_boxes(monkeypatch, True)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        dialog.remove_button.click()
    assert workspace.registry.find("gone") is None and not Path(model.path).exists()
    text = dialog.message.text()
    assert "Removed gone" in text and "default chat model" in text and DEMO_MODEL_ID in text

    asked = answer_boxes(monkeypatch, True)
    dialog.select(DEMO_MODEL_ID)
    dialog.remove_button.click()
    assert asked == []  # refused without asking
    assert "cannot be removed here" in dialog.message.text()  # the CLI's own message
    assert workspace.registry.find(DEMO_MODEL_ID) is not None
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)


def test_a_folder_import_counts_models_already_installed_as_the_cli_does(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    from medlocal.models.importer import import_gguf

    folder = tmp_path / "usb"
    folder.mkdir()
    import_gguf(write_tiny_gguf(folder / "known.gguf", seed=11))
    dialog = _open(qtbot, workspace)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=WAIT_MS):
        dialog.import_folder(folder)
    _idle(qtbot, dialog)
    assert "0 imported, 1 already installed, 0 not imported" in dialog.message.text()
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)


def test_installed_models_say_installed_at_once_and_fit_says_checking(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 34: while the first fit check runs (it may hash the demo model), the catalog said
    "available" for a model already installed and "—" for every fit."""
    import threading

    from medlocal.models.importer import import_gguf
    from medlocal.ui.dialogs import models_dialog

    import_gguf(write_tiny_gguf(tmp_path / "tiny.gguf"), model_id="test-model")
    release = threading.Event()
    real_fit_badges = models_dialog.fit_badges

    def slow_fit_badges(*args: object, **kwargs: object) -> object:
        release.wait(WAIT_MS / 1000)
        return real_fit_badges(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(models_dialog, "fit_badges", slow_fit_badges)
    dialog = ModelManagerDialog(workspace, catalog=_catalog())
    qtbot.addWidget(dialog)
    try:
        table = dialog.catalog_table
        assert dialog.fit_job is not None
        rows = {table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(table.rowCount())}
        assert table.item(rows["test-model"], 4).text() == "installed"
        fits = {table.item(r, FIT_COLUMN_CATALOG).text() for r in range(table.rowCount())}
        assert fits == {"checking…"}
        installed = dialog.installed_table
        assert "test-model" in {installed.item(r, 0).text() for r in range(installed.rowCount())}
    finally:
        release.set()
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=WAIT_MS)
    assert table.item(rows["test-model"], 4).text() == "installed"
    assert "checking…" not in {
        table.item(r, FIT_COLUMN_CATALOG).text() for r in range(table.rowCount())
    }
