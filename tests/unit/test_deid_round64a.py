"""deid64a (issue 16, recall on facilities and organisations; dev89): an employer named in an
employer's slot and an armed forces unit told by its number and unit noun
(deid_employer_units).

The must-remove probes use other employers, units and towns than the development halves' notes;
the precision probes are the kinds of work, services, specialties, units of a hospital and
league tables that the same slots and shapes hold."""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score
from fixtures.deid_rules import gone_words, kept, kept_words
from fixtures.timing import assert_linear

from medlocal.privacy.deid_employer_units import (
    employer_slot_candidates,
    military_unit_candidates,
)
from medlocal.privacy.deid_lexicon import lexicon

_EMPLOYERS_GONE = [
    # A state or place and a common noun, an acronym with a digit, an unknown word.
    ("Retired from Ohio Bell in 2004 after 30 years.\n", ("Ohio", "Bell")),
    ("Retired from 7M Plastics; lives alone.\n", ("7M", "Plastics")),
    ("He is an employee of TransPennine Express.\n", ("TransPennine", "Express")),
    ("Her husband works for Western Power Distribution.\n", ("Western", "Power", "Distribution")),
    ("Employed by Anglia Water Works as a fitter.\n", ("Anglia", "Water", "Works")),
    ("Previously worked at the Q-Park depot in Leeds.\n", ("Q-Park",)),
    ("Laid off from Harland Steel in March.\n", ("Harland", "Steel")),
    ("My company is Bluefin Logistics so I cannot take leave.\n", ("Bluefin", "Logistics")),
    ("He drives a cab for CityFleet Cars at night.\n", ("CityFleet", "Cars")),
    ("Volunteers at Wyvern Hospice Shop on Fridays.\n", ("Wyvern", "Hospice")),
]

_UNITS_GONE = [
    ("Her son is deployed with the 82nd Airborne Division.\n", ("82nd", "Airborne", "Division")),
    ("Served with 16 Air Assault Brigade in 2011.\n", ("16", "Air", "Assault", "Brigade")),
    ("Unit: 2nd Battalion The Mercian Regiment.\n", ("2nd", "Battalion", "Mercian")),
    ("Posted to 3rd Battalion, Royal Regiment of Scotland.\n", ("3rd", "Battalion", "Scotland")),
    ("Previously 40 Commando, then 3 Medical Regiment.\n", ("40", "Commando", "3", "Medical")),
    ("Served in the Royal Army Medical Corps as a medic.\n", ("Royal", "Army", "Corps")),
    ("A sapper with the Royal Engineers until 2019.\n", ("Royal", "Engineers")),
]


@pytest.mark.parametrize(("text", "words"), _EMPLOYERS_GONE + _UNITS_GONE)
def test_employers_and_units_are_removed(text: str, words: tuple[str, ...]) -> None:
    gone_words(text, *words)


_KEPT = [
    # A kind of work, a service or a specialty in the employer's slot.
    ("Retired from Nursing after 35 years.\n", ("Nursing",)),
    ("Retired from General Practice in 2015.\n", ("General Practice",)),
    ("Retired from Private Practice; now volunteers.\n", ("Private Practice",)),
    ("Works at A&E as a porter.\n", ("A&E",)),
    ("Works at ICU nights as a cleaner.\n", ("ICU",)),
    ("Works at Cardiology Outpatients on the desk.\n", ("Cardiology Outpatients",)),
    # A league's division, a classification's division, a trimester.
    ("Grade 2 in the 2nd Division table.\n", ("2nd Division",)),
    ("Class II Division 2 incisors; overjet 4 mm.\n", ("Class II Division 2",)),
    ("Type 2 diabetes since the 3rd Trimester.\n", ("3rd Trimester",)),
    # A hospital's wing and a drug's group are no units.
    ("Seen in 2nd Wing, bed 4.\n", ("2nd Wing",)),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_work_services_and_classifications_are_kept(text: str, words: tuple[str, ...]) -> None:
    kept(text, *words)


def test_a_person_after_the_slot_is_no_employer() -> None:
    # The title opens the run: the person readings take the name, the title stays.
    assert employer_slot_candidates("Works for Dr Okafor at the surgery.\n", lexicon()) == []
    kept_words("Works for Dr Okafor at the surgery.\n", "Dr")


def test_the_rules_alone() -> None:
    text = "Retired from Ohio Bell. Works at the Q-Park depot; employee of TransPennine Express.\n"
    found = [r.original for r in employer_slot_candidates(text, lexicon())]
    assert found == ["Ohio Bell", "Q-Park", "TransPennine Express"]
    text = "Posted to 1st Battalion, Royal Anglian Regiment; then the 7th Armoured Division.\n"
    found = [r.original for r in military_unit_candidates(text)]
    assert found == ["1st Battalion, Royal Anglian Regiment", "7th Armoured Division"]
    assert all(r.kind == "facility" for r in military_unit_candidates(text))


def test_linear() -> None:
    def run(n: int) -> object:
        text = "Retired from Ohio Bell; served 16 Air Assault Brigade. " * n
        return employer_slot_candidates(text, lexicon()), military_unit_candidates(text)

    assert_linear(run, 300)


# The blind half dev89: 43 notes, 540 identifiers (FACILITY 274, CITY 79, PATIENT 44, PERSON 43),
# 181 clinical terms. Blind (main f48d85ad): 508/540 found, FACILITY 245/274, 23 damaged; with
# these readers: FACILITY 247.
def test_dev89_parses_and_stays_at_its_figures() -> None:
    notes = load("dev89")
    assert len(notes) == 43
    result = score(notes, redactor_spans)
    assert sum(result.total.values()) == 540
    assert result.total["FACILITY"] == 274
    assert result.clinical_total == 181
    assert result.found["FACILITY"] >= 247
    assert result.clinical_damaged <= 23
