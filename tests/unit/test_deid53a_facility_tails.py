"""Session 53 (deid53a): a found organisation's lower-case tail up to its kind's word, and an
organisation in lower case named by a listed surname, given name or place (deid_facility_tails),
with the clinical words beside them that must stay."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact

from medlocal.privacy.deid_facility_tails import facility_tail_spans, lower_named_orgs
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # The tail a found name left in lower case (a mixed-case line: an all-lower line is
        # re-cased and read by the scan).
        ("Swab sent to Sonic Healthcare pathology on Monday.", "pathology"),
        ("Previously treated at montego bay public hospital (MBPH) in 2021.", "public hospital"),
        ("She works shifts at Tesco distribution centre. GP aware.", "distribution centre"),
        ("Dialyses at Fresenius Hornsby north on Mondays. GP aware.", "north"),
        # A listed surname, given name or place in lower case before a strong head.
        ("Dressings collected from mulligan's pharmacy, then home. GP aware.", "mulligan"),
        ("Registered with the whitfield clinic since May. GP aware.", "whitfield"),
        ("Family asked about grace hospice when needed. GP aware.", "grace hospice"),
        ("Blood cultures via dunedin public hospital labs. GP aware.", "dunedin"),
        ("Was an inpatient at st columba's hospital in 2019. GP aware.", "columba"),
    ],
)
def test_a_facility_in_lower_case_is_removed_whole(text: str, secret: str) -> None:
    assert secret not in redact(text)


# What must stay: services and specialties before a clinic, a hospital or a pharmacy; kinds of
# care a name list also holds ("eye", "day", "heart", "walk"); wards by number, units, the
# Emergency Department, eponyms, scales, brands, headings and drugs after a found facility.
_MUST_STAY = [
    ("Booked into the eye clinic and the day hospital. GP aware.", "eye clinic"),
    ("Booked into the eye clinic and the day hospital. GP aware.", "day hospital"),
    ("Follow up in the heart hospital and the pain clinic. GP aware.", "heart hospital"),
    ("Follow up in the heart hospital and the pain clinic. GP aware.", "pain clinic"),
    ("Seen at the walk in clinic, then the sleep clinic. GP aware.", "sleep clinic"),
    ("Collected from the hospital pharmacy and the main pharmacy. GP aware.", "main pharmacy"),
    ("Known to the memory clinic and the women's hospital. GP aware.", "memory clinic"),
    ("Seen in the parkinson clinic and the stroke clinic. GP aware.", "parkinson clinic"),
    ("Admitted to Westmead ICU, then Ward 7B. GP aware.", "ICU"),
    ("Admitted to Westmead ICU, then Ward 7B. GP aware.", "Ward 7B"),
    ("Seen at Westmead renal clinic and the fracture clinic. GP aware.", "renal clinic"),
    ("Seen at Westmead renal clinic and the fracture clinic. GP aware.", "fracture clinic"),
    (
        "Reviewed at Ninewells cardiology clinic with a Bruce protocol. GP aware.",
        "cardiology clinic",
    ),
    ("Reviewed at Ninewells cardiology clinic with a Bruce protocol. GP aware.", "Bruce protocol"),
    ("Glasgow Coma Scale 15 on arrival to Raigmore. GP aware.", "Glasgow Coma Scale"),
    ("On Brilinta and Lipitor from the Boots pharmacy counter. GP aware.", "Lipitor"),
    ("Plan: Mohs surgery. Medications: Eliquis 5 mg bd. GP aware.", "Medications"),
    ("Seen at the Mater and then in the hospital pharmacy queue. GP aware.", "hospital pharmacy"),
    # A capitalised kind of care offers no lower-case piece ("Liver" holds no "iver").
    ("Follow-up: Liver clinic in 3 months. GP aware.", "Liver clinic"),
    ("Referred to the 2-week wait clinic at Ninewells. GP aware.", "wait clinic"),
    ("Attends Mind in Croydon peer group weekly. GP aware.", "peer group"),
]


@pytest.mark.parametrize(("text", "term"), _MUST_STAY)
def test_a_clinical_term_beside_a_facility_stays(text: str, term: str) -> None:
    assert term in redact(text)


def _rule(text: str) -> list[str]:
    lex = lexicon()
    try:
        found = [Redaction("facility", m, m + len(w), w, "[FACILITY]") for w, m in _found(text)]
        return [r.original for r in facility_tail_spans(text, found, lex)]
    finally:
        lex.forget()


def _found(text: str) -> list[tuple[str, int]]:
    """The capitalised organisation a rule would have found: the first capitalised word after
    "at"."""
    at = text.index(" at ") + 4
    word = text[at:].split()[0]
    return [(word, at)]


@pytest.mark.parametrize(
    "text",
    [
        "Seen at Westmead renal clinic today.",  # a clinical word inside
        "Seen at Westmead gastro clinic today.",  # a specialty's short form
        "Seen at Westmead and the hospital later.",  # a function word
        "Seen at Westmead ICU today.",  # capitals: not a lower-case tail
        "Seen at Westmead today, hospital later.",  # no head at the tail's end
        "Seen at Westmead then home.",  # a function word before the head
    ],
)
def test_the_tail_stops_where_the_name_ends(text: str) -> None:
    assert _rule(text) == []


def test_the_tail_ends_on_its_head() -> None:
    assert _rule("Seen at Kingston public hospital east wing.") == ["Kingston public hospital"]


def test_a_name_takes_only_a_head_right_after_it() -> None:
    lex = lexicon()
    text = "Dr Hurley clinic review; Smith surgery done; Patel home today."
    try:
        found = [
            Redaction("location", text.index(w), text.index(w) + len(w), w, "[LOCATION]")
            for w in ("Hurley", "Smith", "Patel")
        ]
        grown = [r.original for r in facility_tail_spans(text, found, lex)]
    finally:
        lex.forget()
    # "surgery" (an operation) and "home" (a word of daily life) never follow as a head.
    assert grown == ["Hurley clinic"]


@pytest.mark.parametrize(
    "text",
    [
        "Booked at the eye clinic.",
        "Seen in the day hospital.",
        "Went to the local pharmacy.",
        "Ask at the nearest clinic.",
        "Referred to the young person's clinic.",
        "Referred to the children's hospital.",
        "Seen in diabetes clinic.",
        "Admitted to the royal infirmary.",
    ],
)
def test_a_kind_of_care_is_no_name(text: str) -> None:
    lex = lexicon()
    try:
        assert list(lower_named_orgs(text, lex)) == []
    finally:
        lex.forget()
