"""The Evaluate dialog: choose a file and a model, run in a worker with progress, fill the
comparison table and paint the chart natively; Cancel stops it and a second start resumes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import make_workspace
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.progress import Progress
from medlocal.ui.dialogs.eval_dialog import EvaluateDialog
from medlocal.ui.message_dialog import QuestionDialog

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "medqa.jsonl"
WAIT_MS = 20_000


@pytest.fixture
def oracle() -> FakeChatModel:
    return FakeChatModel("The answer is A.")


@pytest.fixture
def eval_workspace(tmp_path: Path, oracle: FakeChatModel) -> Iterator[Workspace]:
    from medlocal.ui.workers import wait_for_jobs

    ws = make_workspace(tmp_path, chat=oracle)  # no vault: evaluation never opens it
    yield ws
    assert wait_for_jobs(10.0), "a background task outlived its test"
    ws.close()


def _open(qtbot: QtBot, workspace: Workspace) -> EvaluateDialog:
    dialog = EvaluateDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.data.setText(str(DATA))
    return dialog


def test_evaluation_fills_the_table_and_draws_the_chart(
    qtbot: QtBot, eval_workspace: Workspace
) -> None:
    dialog = _open(qtbot, eval_workspace)
    assert dialog.models.count() >= 1 and len(dialog.chosen_models()) == 1  # the demo model
    steps: list[Progress] = []
    dialog.task.relay.progressed.connect(steps.append)
    with qtbot.waitSignal(dialog.evaluated, timeout=WAIT_MS) as done:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    (run,) = done.args[0]
    assert run.summary.score.accuracy == 0.5  # always "A" on a file with half its answers A
    # The relay hands the window the latest value of a stage, so on a busy machine the steps
    # with an ETA can all be replaced by the final one before the window sees any: which
    # details arrive is timing; that the runner writes an ETA is tested in test_eval_runs.
    assert {p.unit for p in steps} >= {"models", "questions"}
    assert steps[-1].unit == "questions" and steps[-1].done == steps[-1].total == 8
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[1] == "generate" and cells[2] == "8" and cells[3] == "50.0%"
    assert dialog.chart.scene is not None and dialog.save_button.isEnabled()
    dialog.chart.resize(760, 440)
    image = dialog.chart.grab().toImage()
    w, h = image.width(), image.height()
    colours = {image.pixelColor(x, y).name() for x in range(0, w, 2) for y in range(0, h, 2)}
    assert QColor("#0072B2").name().lower() in colours  # the first model's colour is painted
    assert eval_workspace.evaluation_runs().get(run.run_id).status == "complete"


def test_cancel_keeps_answers_and_the_next_start_resumes(
    qtbot: QtBot, eval_workspace: Workspace, oracle: FakeChatModel
) -> None:
    started, release = threading.Event(), threading.Event()

    def hold(call: int) -> None:
        if call == 3:  # the third question: hold it until the test has pressed Cancel
            started.set()
            release.wait(10)

    oracle.on_piece = hold
    dialog = _open(qtbot, eval_workspace)
    dialog.start()
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.task.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled(), timeout=WAIT_MS)
    assert "was stopped" in dialog.message.text() and "resume" in dialog.message.text()
    (stored,) = eval_workspace.evaluation_runs().list()
    assert stored["status"] == "cancelled" and stored["answered"] == 2
    oracle.on_piece = None
    with qtbot.waitSignal(dialog.evaluated, timeout=WAIT_MS) as done:
        dialog.start()
    (run,) = done.args[0]
    assert run.sessions == 2 and len(run.results) == 8 and "resumed" in dialog.message.text()
    # Walk 26: "Start over" discards the stored answers, as the CLI's --fresh does.
    dialog.fresh.setChecked(True)
    with qtbot.waitSignal(dialog.evaluated, timeout=WAIT_MS) as again:
        dialog.start()
    (fresh,) = again.args[0]
    assert fresh.sessions == 1 and "resumed" not in dialog.message.text()


def test_missing_choices_and_bad_files_are_said_inline(
    qtbot: QtBot, eval_workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _open(qtbot, eval_workspace)
    dialog.data.setText("")
    assert dialog.start() is None and "Choose a benchmark file" in dialog.message.text()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt": "x"}\n', encoding="utf-8")
    dialog.data.setText(str(bad))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled(), timeout=WAIT_MS)
    assert "neither MedQA keys" in dialog.message.text()
    # Nothing ran, so there is nothing to resume (walk 26).
    assert "resume" not in dialog.message.text()


def test_saving_the_comparison_again_asks_before_replacing_the_files(
    qtbot: QtBot, eval_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walk 27: a second save into the same folder replaced comparison.* without asking.
    from fixtures.message_boxes import answer_questions

    from medlocal.ui import files

    dialog = _open(qtbot, eval_workspace)
    with qtbot.waitSignal(dialog.evaluated, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    folder = tmp_path / "evalsave"
    folder.mkdir()
    monkeypatch.setattr(files, "existing_folder", lambda *_a: str(folder))
    asked: list[str] = []
    agree = False

    def question(dialog: QuestionDialog) -> str | None:
        asked.append(dialog.text.text())
        return next(iter(dialog.answers)) if agree else None

    answer_questions(monkeypatch, question)
    dialog.save()
    assert asked == [] and "Saved 5 files" in dialog.message.text()  # nothing to replace
    earlier = folder / "comparison.md"
    earlier.write_text("the earlier comparison", encoding="utf-8")

    dialog.save()
    assert len(asked) == 1 and "comparison.md" in asked[0] and str(folder) in asked[0]
    assert earlier.read_text(encoding="utf-8") == "the earlier comparison"  # kept on No
    assert "Not saved" in dialog.message.text()

    agree = True
    dialog.save()
    assert len(asked) == 2 and "Saved 5 files" in dialog.message.text()
    assert earlier.read_text(encoding="utf-8") != "the earlier comparison"


def test_the_report_says_why_answers_are_invalid_and_names_each_run(
    qtbot: QtBot, eval_workspace: Workspace, oracle: FakeChatModel
) -> None:
    """Walk 38: the window said how many answers were invalid, never why."""
    oracle._script = lambda messages: "Hmm." if "year" in messages[-1].content else "A"
    dialog = _open(qtbot, eval_workspace)
    with qtbot.waitSignal(dialog.evaluated, timeout=WAIT_MS) as done:
        dialog.start()
    (run,) = done.args[0]
    assert run.summary.invalid >= 1
    text = dialog.message.text()
    assert f"{run.run_id}), {run.summary.invalid} invalid:" in text
    assert f"no option could be read from the answer: {run.summary.invalid}" in text
    first = next(r for r in run.results if r.invalid)
    assert f"question {first.id}: no option could be read from the answer" in text
    # The table's rows are named by run (two runs of one model look alike otherwise).
    assert dialog.table.verticalHeaderItem(0).text() == run.run_id


def test_every_control_s_accessible_name_is_one_line(
    qtbot: QtBot, eval_workspace: Workspace
) -> None:
    # walk55a L7: "Start over"'s name held its label's line break; a screen reader reads a name
    # as one sentence.
    from PySide6.QtWidgets import QWidget

    dialog = _open(qtbot, eval_workspace)
    names = [w.accessibleName() for w in dialog.findChildren(QWidget) if w.accessibleName()]
    assert names and not [name for name in names if "\n" in name]
    assert dialog.fresh.accessibleName().startswith("Start over")
