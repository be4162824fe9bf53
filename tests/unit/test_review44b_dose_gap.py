"""Review 44b B4: a discharge summary of 12 Jan giving apixaban 2.5 mg twice daily and a GP list
of 13 Jan giving 5 mg twice daily were noted as "the dose of apixaban changed over time: the
newest dated document gives 5 mg": a stale list after a reduction read as an increase. Documents
under two weeks apart giving different doses disagree; only doses further apart read as a change.
The tests of the disagreement failed before the fix (checked by restoring
medlocal/rag/dose_disagreements.py from main: both notes said "changed over time")."""

from __future__ import annotations

import pytest
from fixtures.fake_models import hit

from medlocal.rag.dose_disagreements import dose_disagreements
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage


def _notes(docs: list[tuple[str, str]], drug: str, *, current: bool = False) -> list[str]:
    hits = [hit(i, text, document_id=i, file_name=name) for i, (text, name) in enumerate(docs, 1)]
    passages = [NumberedPassage(i, h) for i, h in enumerate(hits, 1)]
    return dose_disagreements(passages, [drug], default_lexicon(), current=current)


DISCHARGE = ("Discharge summary. Discharge medications: apixaban 2.5 mg twice daily.",
             "discharge_2024-01-12.pdf")  # fmt: skip


@pytest.mark.parametrize("current", [True, False])
@pytest.mark.parametrize("gp_list", ["gp_list_2024-01-13.txt", "gp_list_2024-01-25.txt"])
def test_documents_under_two_weeks_apart_disagree(gp_list: str, current: bool) -> None:
    (note,) = _notes(
        [DISCHARGE, ("GP medication list. Apixaban 5 mg twice daily.", gp_list)],
        "apixaban",
        current=current,
    )
    assert note.startswith("the documents disagree on apixaban")
    assert "changed over time" not in note


def test_documents_two_weeks_or_more_apart_changed_over_time() -> None:
    (note,) = _notes(
        [DISCHARGE, ("GP medication list. Apixaban 5 mg twice daily.", "gp_list_2024-01-26.txt")],
        "apixaban",
    )
    assert note.startswith("the dose of apixaban changed over time (newest first): 5 mg")


def test_one_close_pair_among_a_titration_makes_it_a_disagreement() -> None:
    docs = [
        ("Bisoprolol 2.5 mg once daily.", "letter_2020-01-01.txt"),
        ("Bisoprolol increased to 5 mg once daily.", "letter_2020-06-01.txt"),
        ("Medication list: bisoprolol 2.5 mg once daily.", "list_2020-06-04.txt"),
    ]
    (note,) = _notes(docs, "bisoprolol")
    assert note.startswith("the documents disagree on bisoprolol")
    (note,) = _notes(docs[:2], "bisoprolol")
    assert note.startswith("the dose of bisoprolol changed over time")
