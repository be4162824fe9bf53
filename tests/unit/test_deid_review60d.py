"""review60d (review of deid60a): a unit named by an everyday word after a facility's whole name
is no department to give back ("St Luke's Hospital Rainbow Unit", "Western Trust Erne Clinic":
the named unit identifies the facility), and a record's or a course's number written after a
facility's kind is no facility ("Clinic Cycle No. 4 of chemo", "Hospital Bed No. 12"). Each
probe here failed on main cfb92ec."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_numbered_facilities import numbered_facility_spans

# Must remove: the unit's own name went with its facility before deid60a and was given back by
# deid_facility_departments on cfb92ec.
_NAMED_UNITS = [
    ("Admitted to St Luke's Hospital Rainbow Unit yesterday.\n", ("Rainbow",)),
    ("Admitted to St Luke's Hospital Oak Unit yesterday.\n", ("Oak",)),
    ("Admitted to St Luke's Hospital Lime Tree Unit yesterday.\n", ("Lime", "Tree")),
    ("Admitted to St Luke's Hospital Lotus Clinic yesterday.\n", ("Lotus",)),
    ("Admitted to St Luke's Hospital Sunflower Unit yesterday.\n", ("Sunflower",)),
    ("Admitted to St Luke's Hospital Lighthouse Unit yesterday.\n", ("Lighthouse",)),
    ("Admitted to St Luke's Hospital Rainbow Day Unit yesterday.\n", ("Rainbow",)),
    ("Admitted to St Luke's Hospital Rainbow Children's Unit yesterday.\n", ("Rainbow",)),
    ("Seen by the St Luke's Hospital Rainbow Service.\n", ("Rainbow",)),
    ("Seen at Birmingham Children's Hospital Rainbow Clinic.\n", ("Rainbow",)),
    ("Rainbow Clinic at St Mary's Hospital.\n", ("Rainbow",)),
    ("Seen at Western Trust Erne Clinic.\n", ("Erne",)),
    ("Seen at St Luke's Hospital Horizon Unit yesterday.\n", ("Horizon",)),
    ("Seen at St Luke's Hospital Young Unit yesterday.\n", ("Young",)),
    ("Seen at St Luke's Hospital Major Unit yesterday.\n", ("Major",)),
]


@pytest.mark.parametrize(("text", "words"), _NAMED_UNITS)
def test_a_named_unit_goes_with_its_facility(text: str, words: tuple[str, ...]) -> None:
    _gone(text, "Luke's", "Mary's", "Birmingham", "Western", *words)


# Still given back: a department of clinical words, with a capital or without one.
_DEPARTMENTS = [
    ("Seen at St Luke's Hospital Day Surgery Unit yesterday.\n", ("Day", "Surgery", "Unit")),
    ("Seen at St Luke's Hospital Memory Clinic yesterday.\n", ("Memory", "Clinic")),
    ("Seen at St Luke's Hospital Cleft Lip and Palate Clinic.\n", ("Cleft", "Palate")),
    ("Known to the Western Trust headache clinic.\n", ("headache", "clinic")),
    ("Rehab at Musgrave Park Hospital Regional Acquired Brain Injury Unit.\n", ("Acquired",)),
]


@pytest.mark.parametrize(("text", "words"), _DEPARTMENTS)
def test_a_clinical_department_is_still_given_back(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)
    _gone(text, "Luke's", "Western", "Musgrave")


# Must stay: the number of a record, a course or a bed written after a facility's kind.
_RECORDS = [
    ("Clinic Cycle No. 4 of chemo given today.\n", ("Cycle", "4")),
    ("Clinic Session No. 6 of CBT completed.\n", ("Session", "6")),
    ("Clinic Visit No. 3 this year.\n", ("Visit", "3")),
    ("Hospital Bed No. 12 on the left.\n", ("Bed", "12")),
    ("School Year No. 3 pupil.\n", ("Year", "3")),
]


@pytest.mark.parametrize(("text", "words"), _RECORDS)
def test_a_records_number_after_the_kind_stays(text: str, words: tuple[str, ...]) -> None:
    assert list(numbered_facility_spans(text)) == []
    _kept(text, *words)


def test_a_facility_named_by_its_number_still_goes() -> None:
    # The record nouns are read between the kind and the sign only.
    _gone("Seen at Hospital No. 52 last year.\n", "Hospital", "52")
    _gone("HOSPITAL GENERAL DE ZONA NO. 32, Villa Coapa\n", "ZONA", "32")


def test_the_readings_stay_linear() -> None:
    assert_linear(lambda n: redact("Clinic Cycle No. 4 " * n + "\n"), 300)
    assert_linear(lambda n: redact("St Luke's Hospital Rainbow Unit " * n + "\n"), 200)


@pytest.mark.xfail(
    strict=True,
    reason="review60d, left (LOW): numbered_facility_spans finds 'Pharmacy #2' and 'Clinic # 4' "
    "but resolution drops the span, so a store numbered with '#' stays in view",
)
def test_a_facility_numbered_with_a_hash_goes() -> None:
    # Named by a chain ("Walgreens Pharmacy #2") it goes with the chain's name.
    _gone("Dispensed by Pharmacy #2 on Monday.\n", "#2")
