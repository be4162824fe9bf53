"""Walk 35: a window export failed with "OperationalError; the log has details" while a
command-line import committed, and the log held one line; 'summarize --redact' named the
redacted file before it was written (and wrote nothing when stopped)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from medlocal.app import Workspace
from medlocal.app.outputs import SavedSummary
from medlocal.cli import main, summarize_cmds
from medlocal.errors import GenerationCancelled
from medlocal.vault import db
from medlocal.vault.errors import VaultBusyError
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
FAST = KdfParams(8 * 1024, 1, 1)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(tmp_path / "vault", kdf_params=FAST)
    workspace.create_vault(PASS, PASS)
    workspace.require_vault().add_patient("Ada Quill", mrn="Q-1", dob="1950-01-01")
    yield workspace
    workspace.close()


def test_the_vault_waits_long_for_another_process(ws: Workspace) -> None:
    with ws.require_vault()._read() as s:
        waits_ms = s.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    assert waits_ms == db.BUSY_WAIT_S * 1000 >= 30_000  # SQLite's default was 5 s


def test_a_vault_still_busy_says_so_plainly(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_WAIT_S", 0.2)
    ws.require_vault().lock()
    vault = ws.unlock(PASS)  # opened with the short wait
    # Another process: its own connection, holding the write lock (an import committing).
    other = db.connect(tmp_path / "vault" / db.DB_FILE_NAME, vault._session().dek)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(VaultBusyError) as caught:
            vault.add_patient("Bo Quill")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(caught.value) == (
        "The vault is busy with another MedLocal process — an import from the command line? "
        "Try again when it finishes."
    )
    ws.require_vault().add_patient("Bo Quill")  # the transaction was ended: it works again


def _fails_deep(text: str) -> None:
    raise KeyError(text)


def test_an_unexpected_error_logs_its_frames_and_never_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from medlocal.ui.dialogs.common import error_text

    try:
        try:
            _fails_deep("Patient Ada Quill, MRN Q-1")
        except KeyError as inner:
            raise RuntimeError("Ada Quill again") from inner
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            shown = error_text(exc, "The export")
    assert shown == "The export failed unexpectedly (RuntimeError); the log has details."
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "test_walk35_busy_and_messages.py" in logged
    assert "in _fails_deep" in logged and "builtins.KeyError" in logged
    assert "Quill" not in logged and "Q-1" not in logged


def _summarize(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, export: Any) -> int:
    saved = SavedSummary(
        1, SimpleNamespace(text="## Summary\nAda Quill", sources=[], flags=[], notes=[])
    )
    monkeypatch.setattr(Workspace, "summarize", lambda *a, **k: saved)
    monkeypatch.setattr(summarize_cmds, "export_output", export)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    argv = ["summarize", "--patient", "1", "--template", "soap", "--passphrase-file",
            str(secret), "--out", str(tmp_path / "s.md"), "--redact"]  # fmt: skip
    return main(argv, workspace=ws)


def test_summarize_names_the_redacted_file_only_once_written(
    ws: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def stopped(*args: Any) -> Path:
        raise GenerationCancelled("reading the patient's record was stopped")

    assert _summarize(ws, tmp_path, monkeypatch, stopped) != 0
    err = capsys.readouterr().err
    assert "is not printed" in err and "written to" not in err

    def written(args: Any, output_id: int, out: str) -> Path:
        Path(out).write_text("redacted", encoding="utf-8")
        print("Exported output 1 to the file", file=__import__("sys").stderr)
        return Path(out)

    assert _summarize(ws, tmp_path, monkeypatch, written) == 0
    err = capsys.readouterr().err
    said = f"the redacted copy is written to {tmp_path / 's.md'}"
    assert said in err and err.index("Exported output 1") < err.index(said)


def test_the_command_line_says_it_reads_the_record_and_only_once(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np

    from medlocal.vault.records import ChunkRecord

    text = "Clinic letter\n\nAda Quill was seen with her son Tobiah Wrenfield.\n"
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(text, 1, 0, len(text))]
    doc = ws.require_vault().add_document(
        1, "letter.txt", "txt", text.encode(), chunks, vector, "f-v1", text=text
    )
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    argv = ["patient", "export-document", str(doc), "--out", str(tmp_path / "c.md"),
            "--redact", "--preview", "--passphrase-file", str(secret)]  # fmt: skip
    assert main(argv, workspace=ws) == 0
    assert "reading the patient's record (document 1 of 1)" in capsys.readouterr().err
    ws.close()  # a second command: nothing in memory, the seeds are in the vault
    assert main(argv, workspace=ws) == 0
    assert "reading the patient's record" not in capsys.readouterr().err
