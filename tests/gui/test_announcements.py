"""Walk 48a D2: nothing was ever said to a screen reader. An answer arriving (focus stays in the
question box), an unsupported draft's verdict, an import's result, a wrong passphrase, an
export done and a summary's items to check were silent label changes. Each is now announced
(Qt's QAccessibleAnnouncementEvent); ``announcer.announced`` carries the same text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.prompts import NO_SUPPORTED_ANSWER
from medlocal.ui.announce import announcer
from medlocal.ui.dialogs.common import ErrorLine

NOTE = "Apixaban 5 mg twice daily for atrial fibrillation."


@pytest.fixture
def said() -> Iterator[list[str]]:
    """What is announced during the test."""
    heard: list[str] = []
    announcer.announced.connect(heard.append)
    yield heard
    announcer.announced.disconnect(heard.append)


def test_an_import_result_is_said_once(
    said: list[str], qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Import Patient")
    note = tmp_path / "gp_note.txt"
    note.write_text(NOTE, encoding="utf-8")
    imports = window.patients.imports
    imports.import_paths([note])
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=30000)
    assert sum("Imported 1, skipped 0, failed 0." in s for s in said) == 1, said
    imports.show_result()  # shown again (the patient chosen again): not said again
    assert sum("Imported 1, skipped 0, failed 0." in s for s in said) == 1
    window.close()


def test_an_answer_and_an_unsupported_verdict_are_said(
    said: list[str], qtbot: QtBot, tmp_path: Path
) -> None:
    ws = make_workspace(tmp_path, chat=FakeChatModel("It was done in the spring, in Leeds."))
    ws.create_vault(PASS, PASS)
    note = tmp_path / "gp_note.txt"
    note.write_text("Colonoscopy was discussed; she declined it for now.")
    window = window_with_patient(qtbot, ws, "Draft Patient")
    ws.import_documents([note], window.patients.patient_id)
    chat = window.chat
    chat.ask("When was her colonoscopy done?")
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=30000)
    answers = [s for s in said if s.startswith("Answer: ")]
    assert len(answers) == 1 and answers[0].startswith(f"Answer: {NO_SUPPORTED_ANSWER}"), said
    assert "item(s) to check against the sources." in answers[0]
    window.close()
    ws.close()


def test_a_dialog_message_is_said(said: list[str], qtbot: QtBot) -> None:
    """The dialogs' message line (an export's "Exported to …", a summary's "Saved in the vault.
    27 item(s) to check…", their errors) speaks what it shows."""
    line = ErrorLine("Export message")
    qtbot.addWidget(line)
    line.show_note("Exported to /tmp/copy.docx; 2 identifier(s) removed.")
    line.show_error("Choose a file to export to.")
    line.clear_message()
    assert said == [
        "Exported to /tmp/copy.docx; 2 identifier(s) removed.",
        "Choose a file to export to.",
    ]
