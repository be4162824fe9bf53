"""The export dialog shows exactly what redaction removes before writing anything, then writes
the file in a worker; bad paths, a full disk and a locked vault get clear inline messages."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.message_boxes import act_on_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.export_dialog import ExportDialog
from medlocal.ui.dialogs.redaction_preview import PREVIEW_COLUMNS

# The redacted preview loads the redactor in a worker (a few seconds quiet; over 20 s seen at
# load 8 on two cores in session 36): a generous wait costs nothing when it passes.
WAIT_MS = 120_000


@pytest.fixture(autouse=True)
def unredacted_agreed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every "Write it unredacted?" answered Yes (walk 52a H1: the question is asked; its own
    tests are in test_export_dialog_walk52a.py); the list fills with the questions asked."""
    return act_on_questions(monkeypatch, True)


@pytest.fixture
def fake_chat() -> FakeChatModel:
    # The summary names the patient, as real ones do.
    return FakeChatModel("Jane Roe takes metformin 500 mg twice daily for diabetes [1].")


@pytest.fixture
def output_id(workspace: Workspace, patient_with_note: int) -> int:
    return workspace.summarize(patient_with_note, "medication-list").output_id


def _dialog(qtbot: QtBot, workspace: Workspace, output_id: int) -> ExportDialog:
    dialog = ExportDialog(workspace, output_id)
    qtbot.addWidget(dialog)
    return dialog


def _redacting(qtbot: QtBot, workspace: Workspace, output_id: int, out: Path) -> ExportDialog:
    """The dialog exporting to ``out`` with Redact on, once its preview has been built."""
    dialog = _dialog(qtbot, workspace, output_id)
    dialog.path_edit.setText(str(out))
    dialog.redact.setChecked(True)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    return dialog


def _export(qtbot: QtBot, dialog: ExportDialog) -> None:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.export_job is None, timeout=WAIT_MS)


def _column(dialog: ExportDialog, name: str) -> list[str]:
    column = PREVIEW_COLUMNS.index(name)
    return [dialog.preview.item(r, column).text() for r in range(dialog.preview.rowCount())]


def test_preview_lists_the_name_before_writing_and_the_file_lacks_it(
    qtbot: QtBot, workspace: Workspace, output_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "exports" / "meds.md"
    out.parent.mkdir()
    dialog = _dialog(qtbot, workspace, output_id)
    dialog.path_edit.setText(str(out))
    dialog.redact.setChecked(True)
    assert not dialog.export_button.isEnabled()  # not before the list is shown
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    removed = _column(dialog, "Text")
    assert "Jane Roe" in removed
    assert all(kind for kind in _column(dialog, "Type"))
    # in words, not the rules' names ("patient_name", "mrn")
    assert "Patient name" in _column(dialog, "Type")
    assert not any("_" in kind or kind.islower() for kind in _column(dialog, "Type"))
    assert "Nothing is written yet" in dialog.message.text()
    assert not any(out.parent.iterdir())  # the preview wrote nothing

    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    text = out.read_text(encoding="utf-8")
    assert "Jane Roe" not in text and "metformin" in text.lower()
    assert "identifier(s) removed" in dialog.message.text()


def test_plain_export_to_docx_and_date_mode_refreshes_preview(
    qtbot: QtBot, workspace: Workspace, output_id: int, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, workspace, output_id)
    dialog.redact.setChecked(True)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    dialog.date_mode.setCurrentIndex(1)
    assert dialog.planned is None and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    dialog.redact.setChecked(False)
    assert dialog.export_button.isEnabled() and dialog.preview.isHidden()
    out = tmp_path / "meds.docx"
    dialog.path_edit.setText(str(out))
    _export(qtbot, dialog)
    assert out.is_file() and out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing/meds.md", "folder does not exist"), ("meds.exe", "use .md, .txt, .docx or .pdf")],
)
def test_bad_paths_are_explained(
    qtbot: QtBot, workspace: Workspace, output_id: int, tmp_path: Path, name: str, expected: str
) -> None:
    dialog = _dialog(qtbot, workspace, output_id)
    dialog.path_edit.setText(str(tmp_path / name))
    _export(qtbot, dialog)
    assert expected in dialog.message.text()
    assert not (tmp_path / name).exists()


def test_empty_path_is_refused(qtbot: QtBot, workspace: Workspace, output_id: int) -> None:
    dialog = _dialog(qtbot, workspace, output_id)
    assert dialog.export() is None and "Choose a file" in dialog.message.text()


def test_full_disk_and_locked_vault(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _dialog(qtbot, workspace, output_id)
    dialog.path_edit.setText(str(tmp_path / "meds.md"))

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(workspace, "export", disk_full)
        _export(qtbot, dialog)
    assert "disk is full" in dialog.message.text()

    workspace.lock()
    _export(qtbot, dialog)
    assert "vault is locked" in dialog.message.text()
    assert not (tmp_path / "meds.md").exists()


def test_keep_with_a_reason_and_add_reach_the_export_and_the_audit(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    out = tmp_path / "kept.md"
    dialog = _redacting(qtbot, workspace, output_id, out)
    row = _column(dialog, "Text").index("Jane Roe")
    dialog.preview.setCurrentCell(row, 0)
    answers = iter([("  ", True), ("a colleague's name in a teaching case", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    dialog.keep_selected()  # an empty reason is refused
    assert "reason" in dialog.message.text() and dialog.spans.keep == []
    dialog.keep_selected()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert "Kept" in _column(dialog, "State")
    # Walk 19: keeping the patient's own name is warned about, not only given a reason.
    assert "holds the patient's own name (or part of it): the exported file will identify them" in (
        dialog.message.text()
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("metformin", True))
    dialog.add_text()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert "metformin" in _column(dialog, "Text")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    text = out.read_text(encoding="utf-8")
    assert "Jane Roe" in text and "metformin" not in text.lower()
    export = [e for e in workspace.require_vault().audit_entries() if e.event == "export"][-1]
    flat = str(export.details)
    assert "teaching case" in flat and "Jane Roe" not in flat


def test_the_line_selected_after_an_add_is_the_one_kept(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """walk15 #1: after "Add text to remove…" renumbered the list, "Keep selected…" kept the line
    below the one selected, and that line's identifier went into the file."""
    from PySide6.QtWidgets import QInputDialog

    out = tmp_path / "kept.md"
    dialog = _redacting(qtbot, workspace, output_id, out)
    before = list(zip(_column(dialog, "#"), _column(dialog, "Text"), strict=True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Patient", True))
    dialog.add_text()  # "Patient" stands before every span of the note's snippet
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    rows = list(zip(_column(dialog, "#"), _column(dialog, "Text"), strict=True))
    assert all(row in rows for row in before)  # no line changed its number
    added = next(i for i, (_, removed) in enumerate(rows) if removed == "Patient")
    target = next(i for i in range(added + 1, len(rows)) if rows[i][1] != "Patient")
    dialog.preview.setCurrentCell(target, 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a teaching case", True))
    dialog.keep_selected()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    kept = [i for i, text in enumerate(_column(dialog, "State")) if text == "Kept"]
    assert kept == [target]
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    export = [e for e in workspace.require_vault().audit_entries() if e.event == "export"][-1]
    assert export.details["kept"][0].startswith(f"{rows[target][0]} ")


def test_a_kept_line_an_added_text_overlaps_is_removed_and_the_window_says_so(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    out = tmp_path / "absorbed.md"
    dialog = _redacting(qtbot, workspace, output_id, out)
    row = _column(dialog, "Text").index("Jane Roe")
    number = _column(dialog, "#")[row]
    dialog.preview.setCurrentCell(row, 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a teaching case", True))
    dialog.keep_selected()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Jane Roe takes", True))
    dialog.add_text()  # overlaps the kept line: the added text must go, the keep is dropped
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert dialog.spans.keep == []
    assert f"Line(s) {number} you kept overlap the added text" in dialog.message.text()
    assert number not in _column(dialog, "#")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert "Jane Roe takes" not in out.read_text(encoding="utf-8")


def test_an_added_text_inside_a_kept_line_overrides_the_keep(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """walk: an added text wholly inside a kept span ("Roe" of "Jane Roe") left the span as it
    was and the keep held, so the added text stayed in the file and the window said nothing."""
    from PySide6.QtWidgets import QInputDialog

    out = tmp_path / "inside.md"
    dialog = _redacting(qtbot, workspace, output_id, out)
    row = _column(dialog, "Text").index("Jane Roe")
    number = _column(dialog, "#")[row]
    dialog.preview.setCurrentCell(row, 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a teaching case", True))
    dialog.keep_selected()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Roe", True))
    dialog.add_text()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert dialog.spans.keep == []
    assert f"Line(s) {number} you kept overlap the added text" in dialog.message.text()
    assert "Kept" not in _column(dialog, "State")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert "Roe" not in out.read_text(encoding="utf-8")


def test_no_label_shows_a_bare_ampersand(
    qtbot: QtBot, workspace: Workspace, output_id: int
) -> None:
    """A form row holding a layout gets no buddy: its "&File" label showed the "&" itself."""
    from PySide6.QtWidgets import QLabel

    dialog = _dialog(qtbot, workspace, output_id)
    mnemonic = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert mnemonic
    for label in mnemonic:
        assert label.buddy() is not None, label.text()
    file_label = next(label for label in mnemonic if label.text() == "&File")
    assert file_label.buddy() is dialog.path_edit


def _keep_every_line(qtbot: QtBot, dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a teaching case", True))
    for row in range(dialog.preview.rowCount()):
        dialog.preview.setCurrentCell(row, 0)
        dialog.keep_selected()
        qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)


def test_kept_lines_are_counted_as_kept_not_removed(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """walk g1 #1: with every line kept, the preview said "No identifiers will be removed" and
    the export then said "N identifier(s) removed" of a file that held them all; the kept line
    read as "Removed: Jane Roe, Replaced by: (kept)"."""
    out = tmp_path / "kept.md"
    dialog = _redacting(qtbot, workspace, output_id, out)
    assert "Removed" not in PREVIEW_COLUMNS  # the text column says nothing of what is done
    assert set(_column(dialog, "State")) == {"Removed"}
    lines = dialog.preview.rowCount()
    _keep_every_line(qtbot, dialog, monkeypatch)
    assert _column(dialog, "State") == ["Kept"] * lines
    assert _column(dialog, "Replaced by") == [""] * lines  # a kept line is replaced by nothing
    assert dialog.preview.item(0, 0).font().italic()
    assert f"No identifiers will be removed; {lines} kept" in dialog.message.text()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert "Jane Roe" in out.read_text(encoding="utf-8")
    message = dialog.message.text()
    assert f"0 identifier(s) removed, {lines} kept (" in message, message
    assert "recorded in the audit log" in message
    export = [e for e in workspace.require_vault().audit_entries() if e.event == "export"][-1]
    assert export.details["redactions"] == 0 and len(export.details["kept"]) == lines


def test_a_partly_kept_preview_counts_both(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    out = tmp_path / "part.md"
    dialog = _redacting(qtbot, workspace, output_id, out)
    lines = dialog.preview.rowCount()
    if lines < 2:
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("metformin", True))
        dialog.add_text()
        qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
        lines = dialog.preview.rowCount()
    row = next(r for r, text in enumerate(_column(dialog, "Text")) if text == "Jane Roe")
    dialog.preview.setCurrentCell(row, 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a teaching case", True))
    dialog.keep_selected()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert f"{lines - 1} identifier(s) will be removed, 1 kept" in dialog.message.text()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert f"{lines - 1} identifier(s) removed, 1 kept (reason recorded" in dialog.message.text()


def test_adding_a_text_not_in_the_export_says_so_and_adds_nothing(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """walk g1 #2: "Add text to remove…" with a text the export does not hold added nothing
    and said nothing."""
    from PySide6.QtWidgets import QInputDialog

    dialog = _dialog(qtbot, workspace, output_id)
    dialog.redact.setChecked(True)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    before = _column(dialog, "Text")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Carver", True))
    dialog.add_text()
    assert dialog.spans.add == [] and dialog.planned is not None
    assert _column(dialog, "Text") == before
    assert dialog.message.text() == (
        "“Carver” does not occur in the text being exported; nothing added."
    )


def test_adding_a_text_already_removed_names_its_line_and_adds_nothing(
    qtbot: QtBot,
    workspace: Workspace,
    output_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """walk 38 #8: adding "Stepping Hill", already removed inside "Stepping Hill Hospital", moved
    its line to the end of the list under a new number, off screen, and said nothing."""
    from PySide6.QtWidgets import QInputDialog

    dialog = _dialog(qtbot, workspace, output_id)
    dialog.redact.setChecked(True)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    before = list(zip(_column(dialog, "#"), _column(dialog, "Text"), strict=True))
    numbers = [number for number, text in before if text == "Jane Roe"]
    assert numbers
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Roe", True))
    dialog.add_text()
    assert dialog.spans.add == [] and dialog.planned is not None  # no new preview, no new line
    assert list(zip(_column(dialog, "#"), _column(dialog, "Text"), strict=True)) == before
    lines = "line" + ("s" if len(numbers) > 1 else "")
    assert dialog.message.text() == (
        f"“Roe” is already removed: {lines} {', '.join(numbers)}. Nothing was added."
    )
    assert dialog.preview.currentRow() == _column(dialog, "#").index(numbers[0])
