"""Walk 38 in the Summarise dialog: a citation MedLocal attached shows marked ("[1†]"), a drug
the note prescribes is flagged under "Allergies", a section none of whose lines rests on the note
reads "No supported text" with the model's draft greyed after the flags, and the count the
dialog gives is the count of the items it lists (as ``outputs list`` gives it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from fixtures.fake_models import FakeChatModel
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.engine.api import ChatMessage
from medlocal.rag.flags import items_to_check
from medlocal.rag.summarize import NO_SUPPORTED_SECTION
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

SECTIONS = {
    "Current medications": "Metformin 500 mg twice daily [1].",
    "Stopped medications": "Aspirin 75 mg 50% of the time.\nWarfarin 3 mg 90% of the time.",
    "Allergies and intolerances": "Metformin.",
}


def _reply(messages: Sequence[ChatMessage]) -> str:
    found = re.search(r"Write the section '([^']+)'", messages[-1].content)
    if found is None:
        return "Metformin 500 mg twice daily for diabetes [1]."
    return SECTIONS.get(found.group(1), "None documented.")


def test_the_window_marks_attached_chips_and_sets_aside_an_unsupported_section(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    fake_chat: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fake_chat, "_script", _reply)
    dialog = SummarizeDialog(workspace, patient_with_note)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    with qtbot.waitSignal(dialog.outputSaved, timeout=20_000):
        dialog.start()
    shown = dialog.view.toPlainText()
    assert re.search(r"Metformin\s+\[1†\]", shown), shown
    assert "'metformin' is given as an allergy or intolerance" in shown
    assert "MedLocal attached passage [1]" in shown
    assert NO_SUPPORTED_SECTION in shown
    assert "draft of “Stopped medications”, which no passage supports" in shown
    assert "Warfarin 3 mg 90% of the time." in shown.split("Check these against the sources")[1]
    saved = dialog.saved
    assert saved is not None
    items = items_to_check(saved.summary.flags, saved.summary.text)
    assert f"{items} item(s) to check against the sources" in dialog.message.text()
