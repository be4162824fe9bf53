"""Review45b D4, D5: a stop label's list ran on past a heading without a colon ("Current
medications", "**Current medications**", "CURRENT MEDS"), stopping the current drugs, and a
stop's bracket was undone by a restart word that was denied, planned or conditional ("(stopped -
not restarted)", "(stopped 2019 - restart when eGFR > 30)") or a doubt about why ("reason
unclear"). Both groups failed before the fix (checked by restoring
medlocal/rag/assertion_stops.py from main); the last group guards what must hold."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import stopped


@pytest.mark.parametrize(
    "text",
    [
        "Stopped medications:\n- ramipril 10 mg\nCurrent medications\n- bisoprolol 2.5 mg",
        "Stopped medications:\n- ramipril 10 mg\n**Current medications**\n- bisoprolol 2.5 mg",
        "Stopped medications:\n- ramipril 10 mg\nMedications on discharge\n- bisoprolol 2.5 mg",
        "Stopped medications:\n1. ramipril 10 mg\n2. amlodipine 5 mg\nCURRENT MEDS\n1. bisoprolol",
    ],
)
def test_a_heading_without_a_colon_ends_the_stop_list(text: str) -> None:
    assert stopped(text, "ramipril")
    assert not stopped(text, "bisoprolol")


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 10 mg (stopped - not restarted)",
        "Ramipril 10 mg (stopped; do not restart)",
        "Ramipril 10 mg (stopped, do not resume)",
        "Ramipril 10 mg (stopped 2019 - restart when eGFR > 30)",
        "Ramipril 10 mg (stopped, reason unclear)",
        "Stopped medications:\n- ramipril 10 mg (not restarted)",
    ],
)
def test_a_denied_or_planned_restart_leaves_the_drugstopped(text: str) -> None:
    assert stopped(text, "ramipril")


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 10 mg (stopped, then restarted at 5 mg)",
        "Ramipril 10 mg (stopped? by GP)",
        "Metformin 1 g twice daily (held for CT contrast, restarted 12/03/2024).",
        "Stopped medications:\n- ramipril 10 mg (restarted 2024)",
    ],
)
def test_a_restart_that_happened_or_a_doubt_still_undoes_the_stop(text: str) -> None:
    key = "metformin" if text.startswith("Metformin") else "ramipril"
    assert not stopped(text, key)


def test_an_unbulleted_list_of_drugs_under_a_stop_label_is_stillstopped() -> None:
    text = "Stopped meds:\nramipril 10 mg\namlodipine 5 mg\nCurrent meds\nbisoprolol"
    assert stopped(text, "ramipril") and stopped(text, "amlodipine")
    assert not stopped(text, "bisoprolol")
