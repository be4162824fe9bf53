"""fix44e (review 44b B1): the initials of people the note names, listed after a label.

fix44d kept vital signs after a label ("Obs: HR, BP.") by switching the two-people rule off
for every labelled line, so initials that are also abbreviations leaked under any label
("Actions: RA, DP." after Ruth Adams and David Patel; "Copy to: PR, CR." after Paul Reid and
Clare Roberts). Now a labelled line signs as any line does, and only vital signs, tests and
units under a clinical label ("Obs:", "Bloods:", "Plan:") stay.
"""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _removed(text: str, tagger: bool) -> list[str]:
    redactor = Redactor(None, shift_days=40, tagger=tagger)
    return [r.original for r in redactor.preview("Clinic letter\n\n" + text + "\n")]


@pytest.mark.parametrize("tagger", [False, True])
@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Reviewed by Ruth Adams and David Patel.\nActions: RA, DP. Next MDT soon.", ["RA", "DP"]),
        ("Seen by Paul Reid and Clare Roberts.\nCopy to: PR, CR.", ["PR", "CR"]),
        ("Nurse Helen Roberts and Bella Price on shift.\nHandover: HR, BP.", ["HR", "BP"]),
        ("Seen by Sam Taylor and Mark Reid.\nAuthors: ST/MR.", ["ST", "MR"]),
        (
            "Present: Helen Roberts (chair), Dev Patel, Magda Wisniewska.\n"
            "Actions: HR, DP, MW. Next MDT in a fortnight.",
            ["HR", "DP", "MW"],
        ),
    ],
)
def test_peoples_initials_after_a_label_go(text: str, initials: list[str], tagger: bool) -> None:
    assert set(initials) <= set(_removed(text, tagger))


@pytest.mark.parametrize("tagger", [False, True])
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Seen by Helen Roberts.\nObs: HR, BP. Stable.", ["HR", "BP"]),
        ("Nurse Helen Roberts and Bella Price on shift.\nVitals: HR, BP.", ["HR", "BP"]),
        ("Dr Paul Reid and Clare Roberts.\nBloods: FBC, CRP, PT.", ["FBC", "CRP", "PT"]),
    ],
)
def test_measures_after_a_clinical_label_stay(text: str, kept: list[str], tagger: bool) -> None:
    assert not set(kept) & set(_removed(text, tagger))
