"""Walk 41 #11 in the window: the summary's steps and expected time are said in the dialog
before the first step, and its progress line gives an estimate during the first step."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.outputs import StepClock
from medlocal.engine.generation import GenerationStats
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog


class LiveModel:
    sha256 = "window-model"

    def __init__(self) -> None:
        self.last_stats = GenerationStats()


def test_the_dialog_says_the_plan_and_the_first_steps_estimate(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    dialog = SummarizeDialog(workspace, patient_with_note)
    qtbot.addWidget(dialog)
    now = [0.0]
    model = LiveModel()
    pace = {"window-model": 200.0}  # an earlier summary with this model: 200 s a step
    clock = StepClock(
        dialog.task.relay, clock=lambda: now[0], model=model, max_tokens=0, sections=4, pace=pace
    )
    clock("map", 0, 32)
    qtbot.waitUntil(lambda: "32 to read" in dialog.message.text(), timeout=5000)
    assert dialog.message.text() == (
        "This summary takes 36 steps: 32 to read the documents, 4 to write the sections; about"
        " 2.0 h at this model's pace in the last summary. To shorten it, stop it and tick fewer"
        " documents."
    )
    model.last_stats = GenerationStats(prompt_tokens=6000, prompt_read=600)
    now[0] = 12.0  # 50 tokens a second: 120 s a step, 36 steps
    clock.tick()
    qtbot.waitUntil(lambda: "estimated" in dialog.task.status.text(), timeout=5000)
    assert dialog.task.status.text() == (
        "reading the documents: 0/32 steps (step 1 of 32: read 600 of 6,000 tokens; about"
        " 72 min left, estimated from the first step)"
    )
    assert "36 steps" in dialog.message.text()  # the plan stays in sight
