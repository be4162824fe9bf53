"""Walk 45's share-path defects: a preview needs no target (D4), an export onto a full disk says
what happened to the file in an export's words (D8), and the model line can be asked for where a
document is shared (D10: ``patient export-document --model-line``; the window has its checkbox,
tests/gui/test_export_dialog_model_line.py)."""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import sqlcipher3.dbapi2 as sqlcipher
from fixtures.fake_models import FakeChatModel

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.errors import DiskFullError, ExportDiskFullError, GenerationCancelled, free_space_text
from medlocal.progress import Progress
from medlocal.rag import export as rag_export
from medlocal.rag.export import MODEL_LINE_STAGE, REDACT_STAGE, Shared
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord

PASS = "correct horse battery staple"
# "Corolla" (a car) and "Echelon" (a company) are no identifiers the rules know (walk 45 added
# them by hand); the fake chat model proposes them.
TEXT = (
    "Clinic letter\n\nMrs Ada Quennell drove her Corolla to the clinic. She works at Echelon.\n"
    "Apixaban 2.5 mg twice daily continued.\n"
)
PROPOSALS = "PERSON: Ada Quennell\nORG: Echelon\nPLACE: Corolla"


@pytest.fixture
def chat() -> FakeChatModel:
    return FakeChatModel(PROPOSALS)


@pytest.fixture
def setup(tmp_path: Path, chat: FakeChatModel) -> Iterator[tuple[Workspace, int, Path]]:
    ws = Workspace(
        tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1), chat_loader=lambda model: chat
    )
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Ada Quennell")
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(TEXT, 1, 0, len(TEXT))]
    doc = vault.add_document(
        patient, "letter.txt", "txt", TEXT.encode(), chunks, vector, "f-v1", text=TEXT
    )
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    yield ws, doc, secret
    ws.close()


def _export_document(setup: tuple[Workspace, int, Path], *argv: str) -> int:
    ws, document_id, secret = setup
    args = ["patient", "export-document", str(document_id), "--passphrase-file", str(secret)]
    return main([*args, *argv], workspace=ws)


# -- D4: a preview writes nothing, so its --out is not checked -------------------------------------


def test_a_preview_to_an_existing_file_is_not_refused(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "letter.txt"
    earlier.write_text("an earlier export", encoding="utf-8")
    assert _export_document(setup, "--out", str(earlier), "--redact", "--preview") == 0
    err = capsys.readouterr().err
    assert "already exists" not in err and "Preview only: nothing was written." in err, err
    assert earlier.read_text(encoding="utf-8") == "an earlier export"


def test_a_preview_needs_no_out_and_an_export_still_does(
    setup: tuple[Workspace, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export_document(setup, "--redact", "--preview") == 0
    assert "Preview only: nothing was written." in capsys.readouterr().err
    assert _export_document(setup, "--redact") == 2
    assert "give --out FILE (" in capsys.readouterr().err
    assert _export_document(setup, "--preview", "--unredacted") == 2
    assert "--preview lists redactions: use it with --redact" in capsys.readouterr().err


def test_an_output_preview_to_an_existing_file_is_not_refused(
    setup: tuple[Workspace, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, _, secret = setup
    vault = ws.require_vault()
    output = vault.save_output(vault.list_patients()[0].id, "summary", "S", TEXT, {}, [])
    earlier = tmp_path / "summary.md"
    earlier.write_text("an earlier export", encoding="utf-8")
    argv = ["outputs", "export", str(output), "--passphrase-file", str(secret), "--out",
            str(earlier), "--redact", "--preview"]  # fmt: skip
    assert main(argv, workspace=ws) == 0
    assert "already exists" not in capsys.readouterr().err
    assert earlier.read_text(encoding="utf-8") == "an earlier export"


# -- D8: a full disk, in an export's words ---------------------------------------------------------


def test_free_space_is_said_in_a_readable_unit() -> None:
    assert free_space_text(16 * 1024) == "16 KB free"  # walk 45 read "0.0 MB free"
    assert free_space_text(0) == "0 KB free"
    assert free_space_text(3_240_000) == "3.2 MB free"
    assert free_space_text(1_500_000_000) == "1.50 GB free"
    assert free_space_text(None) == "no space left"


def test_an_export_onto_a_full_disk_says_the_file_was_not_written(
    setup: tuple[Workspace, int, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def full(doc: object, path: Path) -> None:
        path.write_bytes(b"part of it")  # the temporary file: removed when the write fails
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setitem(rag_export.WRITERS, "text", full)
    monkeypatch.setattr("medlocal.fsutil.free_bytes", lambda folder: 16 * 1024)
    out = tmp_path / "out"
    out.mkdir()
    assert _export_document(setup, "--out", str(out / "letter.txt"), "--redact") == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        f"medlocal: error: The disk is full (16 KB free at {out}): the export was not written, "
        "and no partial file was left. Choose another folder or drive, or free some space and "
        "try again."
    )
    assert list(out.iterdir()) == []  # nothing left behind, as said
    ws = setup[0]
    ws.unlock(PASS)
    with pytest.raises(ExportDiskFullError):
        ws.export(Shared.document(setup[1]), out / "letter.txt", redact=True)


def test_the_vault_running_out_keeps_the_vaults_own_words() -> None:
    from medlocal.fsutil import disk_full_said

    vault_full = DiskFullError("/home/gp/.medlocal/vault", 2_000_000)
    with pytest.raises(DiskFullError) as caught, disk_full_said(Path("/tmp"), ExportDiskFullError):
        raise vault_full
    assert caught.value is vault_full
    assert "nothing already saved was lost" in str(vault_full) and "2.0 MB free" in str(vault_full)


def test_the_window_says_a_raw_full_disk_in_an_exports_words() -> None:
    from medlocal.ui.dialogs.export_texts import export_error_text

    said = export_error_text(OSError(errno.ENOSPC, "No space left on device", "/media/usb/a.pdf"))
    assert said.startswith("The disk is full (") and "at /media/usb)" in said
    assert "the export was not written" in said and "another folder or drive" in said


# -- D10: the model line where a document is shared ------------------------------------------------


def test_export_document_takes_the_model_line(
    setup: tuple[Workspace, int, Path], tmp_path: Path, chat: FakeChatModel
) -> None:
    rules = tmp_path / "rules.txt"
    assert _export_document(setup, "--out", str(rules), "--redact") == 0
    assert "Corolla" in rules.read_text(encoding="utf-8") and not chat.calls
    merged = tmp_path / "merged.txt"
    assert _export_document(setup, "--out", str(merged), "--redact", "--model-line") == 0
    text = merged.read_text(encoding="utf-8")
    assert "Corolla" not in text and "Echelon" not in text
    assert "Apixaban 2.5 mg twice daily continued." in text  # never a clinical word
    assert chat.calls  # the model was asked
    assert _export_document(setup, "--out", str(tmp_path / "x.txt"), "--model-line") == 2


def test_the_model_line_says_how_far_it_is_and_stops_when_asked(
    setup: tuple[Workspace, int, Path], chat: FakeChatModel
) -> None:
    ws, document, _ = setup
    stopped = threading.Event()
    stopped.set()
    with pytest.raises(GenerationCancelled):
        ws.preview_redactions(Shared.document(document), model_line=True, cancel=stopped)
    seen: list[Progress] = []
    plan = ws.preview_redactions(Shared.document(document), model_line=True, progress=seen.append)
    assert any("Corolla" in item.redaction.original for item in plan.items)
    stages = [p for p in seen if p.stage == MODEL_LINE_STAGE]
    assert stages[0].detail == "loading the chat model" and stages[-1].unit == "parts read"
    assert all(PROPOSALS not in p.describe() and "Corolla" not in p.describe() for p in seen)


def test_an_export_after_a_model_line_preview_does_not_ask_the_model_again(
    setup: tuple[Workspace, int, Path], tmp_path: Path, chat: FakeChatModel
) -> None:
    """The window previews, then exports: the same greedy model on the same text proposes the
    same spans; the second reading (minutes on a CPU) is not made."""
    ws, document, _ = setup
    shared = Shared.document(document)
    plan = ws.preview_redactions(shared, model_line=True)
    asked = len(chat.calls)
    report = ws.export(shared, tmp_path / "copy.txt", redact=True, model_line=True)
    assert len(chat.calls) == asked
    assert [i.redaction.original for i in report.redactions] == [
        i.redaction.original for i in plan.items
    ]


# -- D9's question: what a long document's redaction says while it runs ----------------------------


def test_a_long_documents_redaction_is_said_and_a_stop_meanwhile_writes_nothing(
    setup: tuple[Workspace, int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 45: a 0.76 MB document took 4 min to redact, every time, with nothing said after
    the record was read. The redaction's step is said; a Cancel meanwhile stops it and no file
    is written (perf46: part-way, tests/unit/test_export_reuses_preview_plan.py)."""
    monkeypatch.setattr(rag_export, "LONG_DOCUMENT", 50)  # TEXT counts as long here
    ws, document, _ = setup
    seen: list[Progress] = []
    ws.preview_redactions(Shared.document(document), progress=seen.append)
    said = [p.describe() for p in seen if p.stage == REDACT_STAGE]
    assert said == ["finding identifiers in the text (0.0 MB of text)"]
    stop = threading.Event()

    def stop_while_redacting(value: Progress) -> None:
        if value.stage == REDACT_STAGE:
            stop.set()

    out = tmp_path / "copy.txt"
    with pytest.raises(GenerationCancelled):
        # Another date mode than the preview's: the rules read the text again (perf46: with the
        # preview's, the export applies the previewed plan and reads nothing).
        ws.export(
            Shared.document(document),
            out,
            redact=True,
            date_mode="year",
            progress=stop_while_redacting,
            cancel=stop,
        )
    assert not out.exists()


# -- review45b D12: a pointless --overwrite; a full disk met reading the vault -------------------
# Both failed before the fix (checked by restoring medlocal/cli/rag_cmds.py,
# medlocal/app/workspace.py and medlocal/fsutil.py from main): --preview --overwrite without
# --out was accepted with nothing to overwrite, and SQLite's "database or disk is full" met while
# the export read the vault was said in the export's words, naming the --out folder.


def test_overwrite_with_a_preview_and_no_out_is_refused(
    setup: tuple[Workspace, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export_document(setup, "--redact", "--preview", "--overwrite") == 2
    err = capsys.readouterr().err
    assert "--overwrite replaces the file of --out, and --preview writes nothing" in err, err


def test_a_full_disk_while_reading_the_vault_is_said_as_the_vaults(
    setup: tuple[Workspace, int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, document_id, _ = setup

    def full(*_args: object) -> None:
        raise sqlcipher.OperationalError("database or disk is full")

    monkeypatch.setattr("medlocal.app.outputs.shared_document", full)
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(DiskFullError) as caught:
        ws.export(Shared.document(document_id), out / "letter.txt", redact=True)
    assert not isinstance(caught.value, ExportDiskFullError)
    assert caught.value.where == str(ws.require_vault().folder)
    assert "nothing already saved was lost" in str(caught.value)
    assert str(out) not in str(caught.value)
