"""Note 46 (left by fix46a/fix46b): the assertion reader read two stops of ramipril as taken.

* The last event of a sentence wins: "Ramipril was restarted in April, then stopped again in
  June" stops it (the stop after "then" had no drug before it in its clause; it is read back
  through the restart to the restart's own subject).
* A subject-less restart joined to a clause with a subject of its own is that subject's:
  "Ramipril stopped; IV fluids given and restarted" restarts the fluids, and the ramipril's
  stop stands.

The drug's own restarts and stops are still read (the "still" tests); review46/46b's cases
are in tests/unit/test_review46_grounding_regressions.py and _review46b_.
"""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import flag_kinds, stopped
from fixtures.fake_models import hit

from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_notes import stop_notes

_TAKES_RAMIPRIL = "She takes ramipril [1]."

STOPPED_LAST = [
    "Ramipril was restarted in April, then stopped again in June.",
    "Ramipril was restarted in April; then stopped again in June.",
    "Ramipril was started in 2019, then stopped in 2021.",
    "Ramipril was stopped in April, restarted in May, then stopped again in June.",
    "Ramipril 5 mg restarted in April, then stopped in June.",
]
ANOTHER_THINGS_RESTART = [
    "Ramipril stopped; IV fluids given and restarted.",
    "Ramipril was stopped; IV fluids given and restarted.",
    "Ramipril was stopped, IV fluids given and restarted.",
    "Ramipril was stopped and IV fluids given and restarted.",
    "Ramipril held for AKI; IV fluids given, then restarted.",
]


@pytest.mark.parametrize("text", STOPPED_LAST + ANOTHER_THINGS_RESTART)
def test_the_stop_stands_and_its_note_is_given(text: str) -> None:
    assert stopped(text, "ramipril")
    letter = f"Discharge summary 14/03/2025\n{text}\n"
    (note,) = stop_notes([NumberedPassage(1, hit(3, letter, file_name="d.txt"))], ["ramipril"])
    assert note.startswith("the documents say ramipril was stopped")


@pytest.mark.parametrize("text", ANOTHER_THINGS_RESTART)
def test_an_answer_giving_the_drug_as_taken_is_flagged(text: str) -> None:
    # The stops after "then" are read through another event, not plainly: the checks leave
    # such readings unflagged (rag/assertion_certainty.py), and the stop note speaks for them.
    assert "negation_conflict" in flag_kinds(_TAKES_RAMIPRIL, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril was held for AKI and restarted at 5 mg on day 4.",
        "Ramipril was held for AKI, then restarted at 5 mg.",
        "Ramipril was held for the CT scan; restarted 48 hours later.",
        "Ramipril was stopped while she was septic and then restarted.",
        "Ramipril held for AKI; it was restarted on day 4.",
        "Ramipril was stopped in April and restarted in June.",
        "Ramipril was stopped in March, restarted in April.",
        "Ramipril was stopped, and restarted in June.",
        # Reasons joined by "and" or a comma are no clause of their own.
        "Ramipril was held for AKI and hyperkalaemia and restarted on day 4.",
        "Ramipril held for AKI, hyperkalaemia and restarted on day 4.",
    ],
)
def test_still_the_drugs_own_restart_after_the_stop_is_read(text: str) -> None:
    assert not stopped(text, "ramipril")
    assert "negation_conflict" not in flag_kinds(_TAKES_RAMIPRIL, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ramipril stopped.", "ramipril"),
        ("Ramipril was stopped; physiotherapy resumed.", "ramipril"),
        ("Ramipril restarted in April and stopped in June.", "ramipril"),
    ],
)
def test_still_a_stop_is_read(text: str, key: str) -> None:
    assert stopped(text, key)


@pytest.mark.parametrize(
    "text",
    [
        # A stop with an object of its own, or another drug's, after "then".
        "Aspirin was restarted in April, then ramipril stopped in June.",
        "Aspirin continued, then stopped smoking.",
        "Ramipril was restarted in April, then not stopped.",
        # Another thing's event before the stop: the stop is that thing's.
        "Ramipril continued and physiotherapy restarted in April, then stopped in June.",
        "Ramipril continued, physiotherapy restarted in April, then stopped in June.",
    ],
)
def test_a_later_stop_of_something_else_leaves_the_first_drug(text: str) -> None:
    first = text.split()[0].lower()
    assert not stopped(text, first)
