"""deid50b (issue 16, clinical damage): an unlisted brand before a dose the strength rule's
units missed is a medicine, with the cases that must stay removed: a count ("1-2 sachets",
"6 doses", "1 scoop"), a range of a strength ("2.5-5 mL"), a weight-based dose ("0.4 g/kg") or
a per cent before its formulation ("0.05% cream") (deid_dose_counts, read by deid_dose_brands
with its guards: a title, a person's word or a listed given name before the dose keeps a name).
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.deid_dose_counts import dose_after
from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _removed(text: str) -> list[str]:
    redactor = Redactor(None, shift_days=40)
    return [r.original for r in redactor.preview(_LETTER + text + "\n")]


def _kept(word: str, text: str) -> bool:
    return not any(word in removed for removed in _removed(text))


# Doses the strength rule's units missed.


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("Laxinor 1-2 sachets daily for constipation.", "Laxinor"),
        ("Oramorix 2.5-5 mL prn for breakthrough pain.", "Oramorix"),
        ("Dermovix 0.05% cream to the plaques twice daily.", "Dermovix"),
        ("Riamet 6 doses over 3 days for falciparum malaria.", "Riamet"),
        ("Ensure 2 scoops BD; Protinex 1 scoop TDS; renal diet.", "Protinex"),
    ],
)
def test_a_brand_before_a_dose_stays(text: str, brand: str) -> None:
    assert _kept(brand, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gave Jones 2 tablets at night.", "Jones"),
        ("Sarah 2 doses given by the nurse.", "Sarah"),
        ("Seen by Dr Okafor. Okafor 2 puffs given.", "Okafor"),
        ("Ward list: Dr Mbeki 1-2 sachets.", "Mbeki"),
        ("Told his sister Anneke 2 tablets at night.", "Anneke"),
    ],
)
def test_a_person_before_a_dose_is_still_removed(text: str, name: str) -> None:
    assert not _kept(name, text)


@pytest.mark.parametrize(
    "after",
    [
        " 2 puffs",
        " 1-2 sachets",
        " 1 scoop",
        " 2.5-5 mL",
        " 0.4 g/kg",
        " 0.05% cream",
        " 250 micrograms",
    ],
)
def test_dose_forms(after: str) -> None:
    assert dose_after("X" + after, 1)


@pytest.mark.parametrize("after", [" 2 days ago", " 20/01", " 2 weeks", " 5% of", " 12 Oak Road"])
def test_no_dose_forms(after: str) -> None:
    assert not dose_after("X" + after, 1)


# The blind half dev50: 20 notes, 170 identifiers, 837 clinical terms. Blind (main c20aef6c):
# 168/170 and 25 damaged; this session's rules change neither.
def test_dev50_parses_and_stays_at_its_figures() -> None:
    notes = load("dev50")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 170
    assert sum(len(n.clinical) for n in notes) == 837

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 168
    assert result.clinical_damaged <= 25
