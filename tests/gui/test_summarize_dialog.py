"""The summarise dialog runs a real summary (map/reduce with the fake chat model) in a worker,
shows it with citation chips, flags and provenance, saves it, and can be cancelled."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.outputs import PLAN_STAGE
from medlocal.progress import Progress
from medlocal.rag.export import Shared
from medlocal.ui.dialogs.export_dialog import ExportDialog
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

WAIT_MS = 20_000


def _open(qtbot: QtBot, workspace: Workspace, patient: int) -> SummarizeDialog:
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    return dialog


def _hold_first_word(model: FakeChatModel) -> tuple[threading.Event, threading.Event]:
    """The model stops before each word until ``release`` is set; ``started`` says it got there."""
    started, release = threading.Event(), threading.Event()

    def hold(call: int) -> None:
        started.set()
        release.wait(10)

    model.on_piece = hold
    return started, release


def test_summary_runs_per_step_and_opens_with_citations(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    assert dialog.documents.count() == 1 and len(dialog.chosen_documents()) == 1
    steps: list[Progress] = []
    dialog.task.relay.progressed.connect(steps.append)
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    output_id = saved.args[0]
    assert [o.id for o in workspace.require_vault().list_outputs(patient_with_note)] == [output_id]
    plans = [p for p in steps if p.stage == PLAN_STAGE]  # the steps said before the first
    assert len(plans) == 1 and steps[0] is plans[0]
    assert {p.unit for p in steps[1:]} == {"steps"}
    assert {"reading the documents", "writing the sections"} <= {p.stage for p in steps}
    html = dialog.view.toHtml()
    assert "Metformin" in dialog.view.toPlainText() and "cite:1" in html
    assert "Sources" in dialog.view.toPlainText() and "meds.txt" in dialog.view.toPlainText()
    assert "Model: fake-model" in dialog.provenance.toPlainText()
    assert dialog.export_button.isEnabled()

    assert dialog.source.isHidden()  # until a citation is clicked
    dialog.view.anchorClicked.emit(QUrl("cite:1"))
    qtbot.waitUntil(lambda: dialog.source.current is not None, timeout=WAIT_MS)
    shown = dialog.source.current
    assert shown is not None and shown.number == 1 and shown.file_name == "meds.txt"


def test_flags_are_underlined_and_listed(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    fake_chat: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 850 mg is not in the note: the checker flags the number.
    monkeypatch.setattr(fake_chat, "_script", "Metformin 850 mg twice daily [1].")
    dialog = _open(qtbot, workspace, patient_with_note)
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
        dialog.start()
    assert dialog.saved is not None and dialog.saved.summary.flags
    assert "underline" in dialog.view.toHtml() or "wavy" in dialog.view.toHtml()
    shown = dialog.view.toPlainText()
    assert "Check these against the sources" in shown
    # Named by its sections and opening words, as the CLI and exports name it, not "Sentence 1";
    # the one sentence of all three sections is listed once (walk 26: once per section, its
    # section not named).
    # Under "Allergies" it also gets a flag of its own: the note gives metformin as no allergy.
    sections = "“Current medications”, “Stopped medications”"
    assert f"Sections {sections}, sentence “Metformin 850 mg twice daily" in shown, shown
    assert shown.count("sentence “Metformin") == 2, shown
    assert "'metformin' is given as an allergy or intolerance, but no cited passage" in shown
    assert "Sentence 1" not in shown
    # Sections that only repeat the first are flagged on their headings.
    assert shown.count("only repeats what the section “Current medications” says") == 2, shown
    # The count is of the items listed.
    assert "4 item(s) to check against the sources" in dialog.message.text()
    # The summary's own title is not doubled above it (walk 26: "Problem list" twice).
    assert shown.count("Medication list") == 1, shown


def test_cancel_stops_the_summary_and_saves_nothing(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, fake_chat: FakeChatModel
) -> None:
    started, release = _hold_first_word(fake_chat)
    dialog = _open(qtbot, workspace, patient_with_note)
    dialog.start()
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert dialog.task.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.task.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "stopped" in dialog.message.text() and "Nothing was saved" in dialog.message.text()
    assert workspace.require_vault().list_outputs(patient_with_note) == []
    assert not dialog.export_button.isEnabled() and dialog.run_button.isEnabled()
    # Walk 38: the bar read 100% beside "stopped, nothing saved".
    assert dialog.task.last is not None  # it had shown progress
    assert dialog.task.bar.value() == 0 and dialog.task.bar.text() != "100%"


def test_no_documents_chosen_is_refused(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    dialog.none_button.click()
    assert dialog.start() is None and "at least one" in dialog.message.text()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note on showing
def test_export_button_opens_the_export_dialog(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS) as saved:
        dialog.start()
    dialog.export_button.click()
    export = dialog.findChild(ExportDialog)
    assert export is not None and export.shared == Shared.output(saved.args[0])
    export.reject()


def test_deleting_the_dialog_mid_summary_cancels_it_quietly(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, fake_chat: FakeChatModel
) -> None:
    from medlocal.ui.workers import active_jobs

    started, release = _hold_first_word(fake_chat)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = SummarizeDialog(workspace, patient_with_note, parent)
    job = dialog.start()
    assert job is not None
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: job.cancel_event.is_set(), timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(lambda: not active_jobs(), timeout=WAIT_MS)
    assert workspace.require_vault().list_outputs(patient_with_note) == []


def test_a_clicked_citation_shows_its_passage_in_the_dialog_over_the_window(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walk 26: the modal dialog sent the passage to the window's sources panel, behind it."""
    from fixtures.gui_window import open_window

    window = open_window(qtbot, workspace)
    seen: list[str] = []

    def summarise_and_click(dialog: SummarizeDialog) -> int:  # what exec() would let one do
        dialog.show()
        with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
            dialog.start()
        dialog.view.anchorClicked.emit(QUrl("cite:1"))
        qtbot.waitUntil(lambda: dialog.source.current is not None, timeout=WAIT_MS)
        assert dialog.source.isVisible() and dialog.view.isVisible()  # both in sight
        assert dialog.source.header.text() == "[1] meds.txt"
        seen.append(dialog.source.highlighted_text())
        # Summarised again: the last summary's passage is not left open beside the new one.
        with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
            dialog.start()
            assert dialog.source.isHidden() and dialog.source.current is None
        dialog.reject()
        assert dialog.source.text.toPlainText() == ""  # no patient text left behind
        return 0

    monkeypatch.setattr(SummarizeDialog, "exec", summarise_and_click)
    window.menus.summarize_action.trigger()
    assert seen and "metformin 500 mg twice daily" in seen[0], seen
    assert window.sources.current is None  # not sent behind the dialog
    window.close()


def test_document_names_are_readable_whole_or_in_their_tooltip(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Walk 26: the list was narrower than 'referral_cardiology_2025-03-12.pdf  (date)'."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Margaret Thornbury")
    walk_name = "referral_cardiology_2025-03-12.txt"
    long_name = "scanned_" + "discharge_summary_dubbo_base_hospital_" * 3 + "2025-01-23.txt"
    files = [tmp_path / walk_name, tmp_path / long_name]
    for number, path in enumerate(files):
        path.write_text(f"Note {number}: apixaban 5 mg twice daily.", encoding="utf-8")
    workspace.import_documents(files, patient)
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    dialog.resize(960, 640)  # its own size where the screen has room (the tests' is 800 wide)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = {dialog.documents.item(row).text().split("  (")[0]: row for row in range(2)}
    items = {name: dialog.documents.item(row) for name, row in rows.items()}
    # The walk's name and its date (with the check box) fit whole in the list at the
    # dialog's own size.
    whole = dialog.documents.sizeHintForIndex(dialog.documents.model().index(rows[walk_name], 0))
    assert whole.width() <= dialog.documents.viewport().width()
    # A name longer than any list is shortened in its middle (no scrolling sideways) and
    # whole in its tooltip; the summary keeps most of the dialog.
    assert dialog.documents.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert dialog.documents.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    for name, item in items.items():
        # Session 41: a date in the file name dates the document (medlocal/document_dates.py).
        assert item.toolTip().startswith(f"{name}\nDated {name[-14:-4]}\n"), item.toolTip()
    assert dialog.view.width() > dialog.documents.width()


def test_a_broken_user_template_is_named_under_the_picker(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    # Walk 27: a user template with a section lacking 'instructions' vanished from the list
    # without a word, while `templates list` warned on stderr.
    from medlocal import paths

    folder = paths.config_dir() / "templates"
    folder.mkdir()
    (folder / "broken.toml").write_text(
        'name = "broken"\ntitle = "Broken"\n[[sections]]\nheading = "Facts"\n'
    )
    (folder / "garbled.toml").write_text('name = "garbled"\n[[sections]\n')
    dialog = _open(qtbot, workspace, patient_with_note)
    assert dialog.template.findData("broken") == -1  # still left out
    note = dialog.template_problems
    assert not note.isHidden()
    text = note.text()
    assert str(folder) in text, text
    assert "broken.toml section 1: 'instructions' must be a non-empty text" in text, text
    assert "garbled.toml cannot be read" in text, text


def test_no_template_note_when_every_template_reads(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = _open(qtbot, workspace, patient_with_note)
    assert dialog.template_problems.isHidden() and dialog.template_problems.text() == ""


def test_documents_are_listed_with_their_own_date_else_the_import_date_named(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    # Walk 27: 'gp_note_2025-06-10.txt (2026-12-02)' showed the import date as if it were the
    # note's own.
    vault = workspace.require_vault()
    patient = vault.add_patient("Philippa Example")
    dated = tmp_path / "gp_note.txt"
    dated.write_text(
        "GP note\nDOB 02/03/1950\nSeen 10 June 2025. Metformin reduced to 500 mg twice daily.",
        encoding="utf-8",
    )
    undated = tmp_path / "med_list.txt"
    undated.write_text("Medication list: apixaban 5 mg twice daily.", encoding="utf-8")
    workspace.import_documents([dated, undated], patient)
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    items = {
        dialog.documents.item(row).text().split("  (")[0]: dialog.documents.item(row)
        for row in range(dialog.documents.count())
    }
    imported = vault.list_documents(patient)[0].imported_at[:10]
    # Walk 29: "(02/11/2026)", "(2026-11-02)" and "(imported ...)" in one list: a date that
    # reads one way only is written as the import dates are, and labelled.
    assert items["gp_note.txt"].text() == "gp_note.txt  (dated 2025-06-10)"  # not the birth date
    assert items["gp_note.txt"].toolTip() == f"gp_note.txt\nDated 2025-06-10\nImported {imported}"
    assert items["med_list.txt"].text() == f"med_list.txt  (imported {imported})"


def test_every_document_date_is_written_one_way(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Walk 38: "dated 2024-03-13" beside "dated 08/03/2024" (8 March or 3 August?)."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Philippa Example")
    files = {
        # Its own dates say day first (25/02 reads only so).
        "ecg_report.txt": "ECG report 08/03/2024. Sinus rhythm. Previous ECG 25/02/2024.",
        # Says nothing of its own: read as the rest of the record writes (day first).
        "clinic_letter.txt": "Clinic letter 03/01/2021. Ramipril 5 mg once daily.",
        "discharge.txt": "Discharge summary 13 March 2024. Apixaban 5 mg twice daily.",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    workspace.import_documents([tmp_path / name for name in files], patient)
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    shown = sorted(dialog.documents.item(row).text() for row in range(dialog.documents.count()))
    assert shown == [
        "clinic_letter.txt  (dated 2021-01-03)",
        "discharge.txt  (dated 2024-03-13)",
        "ecg_report.txt  (dated 2024-03-08)",
    ]


def test_a_date_nothing_in_the_record_orders_is_marked_not_guessed(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Philippa Example")
    note = tmp_path / "note.txt"
    note.write_text("Seen 02/11/2026. Metformin 500 mg twice daily.", encoding="utf-8")
    workspace.import_documents([note], patient)
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    assert dialog.documents.item(0).text() == (
        "note.txt  (dated 02/11/2026, day and month order unclear)"
    )
