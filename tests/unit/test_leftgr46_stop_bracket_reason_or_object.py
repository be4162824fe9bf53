"""Note45 (grounding, left): a stop that opens a bracket after a drug stops that drug unless
the bracket names an object of its own; the object test read only a drug or an "-ing" word, so
"(stopped alcohol 2019)", "(stopped all NSAIDs)" or "(stopped her HRT)" stopped the drug before
the bracket. Clinicians write the reason for a drug's stop as a bare noun in its bracket
("(stopped AKI)", "(held - hyperkalaemia)", "(stopped cough)"): that is the drug's stop, and
stays one. A habit, or a determiner before anything but a time, is the bracket's own object.
The object group failed before the fix (checked by restoring medlocal/rag/assertion_stops.py
from main); the reason group guards the stops that must still be read."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import stopped
from fixtures.fake_models import hit

from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_notes import stop_notes


@pytest.mark.parametrize(
    "bracket",
    [
        "(stopped AKI)",
        "(held - hyperkalaemia)",
        "(held: hyperkalaemia)",
        "(stopped, K+ 6.1)",
        "(stopped cough)",
        "(stopped due to AKI)",
        "(withheld for CT contrast)",
        "(stopped the day before surgery)",
        "(stopped the night before the angiogram)",
    ],
)
def test_a_bracket_naming_a_reason_or_a_time_stops_the_drug_before_it(bracket: str) -> None:
    assert stopped(f"Ramipril 10 mg once daily {bracket}.", "ramipril")


@pytest.mark.parametrize(
    "bracket",
    [
        "(stopped alcohol 2019)",
        "(stopped cigarettes 2019)",
        "(stopped work in 2020)",
        "(stopped all NSAIDs)",
        "(stopped her HRT in 2018)",
        "(stopped the aspirin)",
        "(stopped smoking 2019)",
    ],
)
def test_a_bracket_whose_stop_has_an_object_of_its_own_leaves_the_drug_taken(
    bracket: str,
) -> None:
    assert not stopped(f"Ramipril 10 mg once daily {bracket}.", "ramipril")


_CLINIC = (
    "Medications: ramipril 10 mg once daily, metformin 1 g twice daily, paracetamol 1 g as"
    " needed (stopped all NSAIDs after the GI bleed).\n"
    "Social: lives with her husband, ex-drinker (stopped alcohol 2019)."
)


def test_no_stop_note_for_a_drug_before_a_bracket_with_its_own_object() -> None:
    passages = [NumberedPassage(1, hit(1, _CLINIC, document_id=3, file_name="clinic.txt"))]
    assert stop_notes(passages, ["paracetamol"]) == []


def test_a_drug_stopped_for_a_reason_in_its_bracket_still_gets_its_note() -> None:
    text = "Medications: metformin 1 g twice daily (stopped AKI), ramipril 10 mg once daily."
    passages = [NumberedPassage(1, hit(1, text, document_id=3, file_name="discharge.txt"))]
    notes = stop_notes(passages, ["metformin", "ramipril"])
    assert len(notes) == 1 and notes[0].startswith("the documents say metformin was stopped")
