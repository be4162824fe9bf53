"""deid60a (issue 16, FACILITY recall and damage; dev73): a facility named by its kind and number
is removed whole ("Polyclinic No. 180", "Farmacia Comunale N. 41"; deid_numbered_facilities),
and a department written beside a facility's whole name is given back ("St Luke's Hospital
[Eye Clinic]", "Guy's and St Thomas' [Marfan clinic]"; deid_facility_departments). The numbers
come with precision probes (labels, sized items, durations), the departments with must-remove
probes (the facility's own name still goes; a region's or a trust's named service and a
hospital's specialty written alone stay whole)."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_facility_departments import without_department_tails
from medlocal.privacy.deid_numbered_facilities import numbered_facility_spans
from medlocal.privacy.deid_spans import Redaction

# Each word was left in view on main a4db320.
_NUMBERED = [
    ("Seen at Hospital No. 52 last year.\n", ("Hospital", "52")),
    ("Referred on from Polyclinic No. 180, Moscow.\n", ("Polyclinic", "180")),
    ("La paziente ritira i farmaci alla Farmacia Comunale N. 41 di Niguarda.\n", ("41",)),
    ("HOSPITAL GENERAL DE ZONA NO. 32, Villa Coapa\n", ("HOSPITAL", "GENERAL", "ZONA", "32")),
    ("Направлена из Городская поликлиника № 180 (Щукино).\n", ("поликлиника", "180")),
    ("лікар з Поліклініка № 3 (Оболонь).\n", ("Поліклініка", "3")),
    ("Dispensed at Pharmacy ANC No. 14; prescriber at Polyclinic No. 3.\n", ("ANC", "14", "3")),
    ("Aile hekimi: Ataşehir 12 No'lu Aile Sağlığı Merkezi.\n", ("12", "Sağlığı", "Merkezi")),
]


@pytest.mark.parametrize(("text", "words"), _NUMBERED)
def test_a_facility_named_by_its_number_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


# Must stay: a label's number, a record number, a sized item, a count of days, a department.
_NUMBERS_STAY = [
    ("Hospital No: 4471203. Seen in clinic.\n", ("Hospital", "No")),
    ("Applied No. 2 dressing to the wound at Hospital.\n", ("2", "dressing")),
    ("Pharmacy No. 3 weeks supply given.\n", ("3", "weeks")),
]


@pytest.mark.parametrize(("text", "words"), _NUMBERS_STAY)
def test_a_number_that_names_no_facility_stays(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def test_a_department_before_the_kind_is_no_part_of_its_name() -> None:
    # The capitalised words before the kind's word go with it, but not a specialty's.
    text = "Wizyta w Poradni Kardiologicznej Przychodnia nr 12.\n"
    assert [r.original for r in numbered_facility_spans(text)] == ["Przychodnia nr 12"]
    text = "admitted to Kyiv City Clinical Hospital No. 17 (Endocrinology)\n"
    assert [r.original for r in numbered_facility_spans(text)] == [
        "Kyiv City Clinical Hospital No. 17"
    ]


def test_a_record_number_after_the_kind_is_no_facilitys() -> None:
    # Four digits or more after "Hospital No." is the patient's hospital number (its own rule's).
    assert list(numbered_facility_spans("Hospital No. 4471203\n")) == []
    assert list(numbered_facility_spans("Hospital No: 52\n")) == []


# Each department was redacted with its facility on main a4db320; the facility's own name must
# still go (checked beside it).
_DEPARTMENTS = [
    ("Cataract done at St Luke's Hospital Eye Clinic.\n", ("Eye", "Clinic"), ("Luke's",)),
    ("Pre-alert to King's College Hospital Cath Lab.\n", ("Cath", "Lab"), ("King's", "College")),
    ("Orthogeriatric follow-up at Singleton Hospital Fracture Clinic.\n", ("Fracture",), ()),
    ("Known to Guy's and St Thomas' Marfan clinic for his aorta.\n", ("Marfan", "clinic"), ()),
    ("Known to the Western Trust headache clinic.\n", ("headache", "clinic"), ()),
    ("Rehab at Musgrave Park Hospital Regional Acquired Brain Injury Unit.\n", ("Brain",), ()),
    ("I saw him in my Knee Clinic at Spire today.\n", ("Knee", "Clinic"), ("Spire",)),
    ("She attends Leeds General Infirmary Ward 41 on Mondays.\n", ("Ward", "41"), ("Leeds",)),
    ("Seen in QEUH's TIA clinic on Monday.\n", ("TIA", "clinic"), ("QEUH",)),
]


@pytest.mark.parametrize(("text", "kept", "gone"), _DEPARTMENTS)
def test_a_department_beside_a_whole_facility_stays(
    text: str, kept: tuple[str, ...], gone: tuple[str, ...]
) -> None:
    _kept(text, *kept)
    _gone(text, *gone)


def _settled(text: str, piece: str) -> list[str]:
    start = text.index(piece)
    red = Redaction("facility", start, start + len(piece), piece, "[FACILITY]")
    return [r.original for r in without_department_tails(text, [red])]


# A trust's, a region's or a group's named service, and a hospital's specialty alone, are one
# facility (the development halves mark each inside its span): nothing is cut from it.
@pytest.mark.parametrize(
    "piece",
    [
        "UHNM Pathology",
        "SA Pathology",
        "Waikato Diabetes Foot Clinic",
        "NZ CJD Surveillance Unit",
        "WELSH AMBULANCE SERVICE",
        "LAMBETH EARLY INTERVENTION TEAM",
        "Salford Parkinson's Nurse Service",
        "Royal Far North Children's Telehealth Service",
        "Harrowgate Children's and Young Adults' Diabetes Service",
        "Riverbend Neurology Clinic",
        "Mayo Clinic",
        "Royal Infirmary Rowan Unit",
        "Kingsbridge Hospital Laboratory",
        "Oconee Hospice Pharmacy",
        "National Hospital for Neurology and Neurosurgery",
        "Hospital for Special Surgery",
        "Mission Hospital Urology",
        "Westmead Hospital Cardiology",
    ],
)
def test_a_named_service_is_left_whole(piece: str) -> None:
    text = f"Seen by {piece} last week.\n"
    assert _settled(text, piece) == [piece]


def test_only_facilities_are_cut() -> None:
    text = "Seen by Westmead Hospital Cardiology today.\n"
    piece = "Westmead Hospital Cardiology"
    start = text.index(piece)
    red = Redaction("name", start, start + len(piece), piece, "[NAME]")
    assert without_department_tails(text, [red]) == [red]


def test_the_readings_are_linear() -> None:
    assert_linear(lambda n: redact("Hospital No. 5 " * n + "\n"), 400)
    assert_linear(lambda n: redact("Leeds Hospital " * n + "Eye Clinic\n"), 400)


# The blind half dev73: 47 notes, 833 identifiers (349 facilities), 224 clinical terms. Blind
# (main a4db320): 773/833, facility 300/349, damage 68; with "АПТЕКА АНЦ № 14" marked whole as its
# header's conventions say: 773/833, facility 300/349; deid60a 783/833, facility 310/349,
# damage 58.
def test_dev73_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev73")
    assert len(notes) == 47
    assert sum(len(n.identifiers) for n in notes) == 833
    assert sum(len(n.clinical) for n in notes) == 224

    result = score(notes, redactor_spans)
    assert result.found["FACILITY"] >= 310
    assert result.clinical_damaged <= 58
