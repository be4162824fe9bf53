"""Session 55 (deid55a): an institution named by kinds' words only, on the letterhead or before a
found place (deid_institution_names), and a found facility's own leading words at its other
mentions (deid_name_leads), with the wards, units, services, scales, eponyms, brands, headings,
lab names, guideline bodies and trials that must stay where the rules read."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_institution_names import institution_name_spans
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_name_leads import name_lead_spans
from medlocal.privacy.deid_spans import Redaction


def _found(text: str, kind: str, *names: str) -> list[Redaction]:
    """``names`` as spans of ``kind`` the other rules found in ``text`` (first occurrence)."""
    out = []
    for name in names:
        at = text.index(name)
        out.append(Redaction(kind, at, at + len(name), name, "[X]"))
    return out


def _institutions(text: str, *places: str) -> list[str]:
    found = _found(text, "city", *places)
    return [r.original for r in institution_name_spans(text, found, lexicon())]


def _leads(text: str, *facilities: str) -> list[str]:
    found = _found(text, "facility", *facilities)
    return [r.original for r in name_lead_spans(text, found, lexicon())]


# --- institutions named by kinds' words ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places", "name"),
    [
        ("UNIVERSITY TEACHING HOSPITAL, LUSAKA - HIV CLINIC\nSeen.", ("LUSAKA",), None),
        ("University Hospital of the West Indies - Ward 7\nSeen on ICU.", (), None),
        ("NATIONAL UNIVERSITY HOSPITAL\nDepartment of Medicine\nSeen.", (), None),
        ("Dept of Surgery\nDistrict Hospital | Ward 3\nSeen.", (), "District Hospital"),
        ("Royal Infirmary\nWard 4", (), None),
        ("Hospital of the University of Pennsylvania\nSeen.", (), None),
        (
            "He was admitted to the Teaching Hospital, Lusaka, with pneumonia.",
            ("Lusaka",),
            "Teaching Hospital",
        ),
        ("Seen at the Central Hospital - Kitwe on Monday.", ("Kitwe",), "Central Hospital"),
    ],
)
def test_an_institution_named_by_kinds_words_is_taken(
    text: str, places: tuple[str, ...], name: str | None
) -> None:
    expected = name if name is not None else text.split("\n")[0].split(",")[0].split(" - ")[0]
    assert _institutions(text, *places) == [expected.strip()]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # Services and departments: no institution's head, a clinic, or a kind of care only.
        ("EMERGENCY DEPARTMENT\nSeen.", ()),
        ("Occupational Health Service\nSeen.", ()),
        ("Respiratory Clinic, Royal Devon\nSeen.", ()),
        ("Day Hospital - Elderly Care\nSeen.", ()),
        ("Eye Hospital - Outpatients\nSeen.", ()),
        ("General Hospital\nICU discharge summary", ()),
        ("Acute Medical Unit\nSeen.", ()),
        ("Cancer Centre, Leeds\nSeen.", ("Leeds",)),
        ("Sleep Centre - Leeds\nSeen.", ("Leeds",)),
        ("Trauma Center\nSeen.", ()),
        ("Women's Hospital\nSeen.", ()),
        # A heading that goes on after its head, or a head alone.
        ("HOSPITAL DISCHARGE SUMMARY\nSeen.", ()),
        ("HOSPITAL\nSeen.", ()),
        ("University\nSeen.", ()),
        # Not on a letterhead and no found place after it.
        ("Seen.\nPlan.\nReview.\nTransferred to the Teaching Hospital for MRI.", ()),
        ("Referred to the District Hospital, ward 4, for IV antibiotics.", ()),
    ],
)
def test_a_service_or_heading_written_with_kinds_words_stays(
    text: str, places: tuple[str, ...]
) -> None:
    assert _institutions(text, *places) == []


def test_a_proper_name_beside_the_kinds_is_left_to_the_word_scan() -> None:
    # "Groote Schuur" is a name: the word scan's; this pass reads kinds' words only.
    assert _institutions("GROOTE SCHUUR HOSPITAL, CAPE TOWN\nSeen.", "CAPE TOWN") == []


# --- a found facility's lead at its other mentions --------------------------------------------


@pytest.mark.parametrize(
    ("text", "facility", "lead", "times"),
    [
        (
            "Mother in Sunrise of Eastbourne. Discharge not possible; Sunrise will keep her room.",
            "Sunrise of Eastbourne",
            "Sunrise",
            1,
        ),
        (
            "Follow-up at Starship Children's Health. Cardiology clinic, Starship, in March.",
            "Starship Children's Health",
            "Starship",
            1,
        ),
        (
            "Seen at Good Shepherd Medical Practice. Good Shepherd will send the letter; "
            "ring Good Shepherd on Monday.",
            "Good Shepherd Medical Practice",
            "Good Shepherd",
            2,
        ),
        (
            "KK Women's and Children's Hospital (KKH). Should I come to KK tonight?",
            "KK Women's and Children's Hospital",
            "KK",
            1,
        ),
        (
            "Bloods at Queen Elizabeth Hospital. FBC, U&E, LFT normal. Queen Elizabeth aware.",
            "Queen Elizabeth Hospital",
            "Queen Elizabeth",
            1,
        ),
    ],
)
def test_a_found_facilitys_lead_is_taken_where_the_note_names_it_again(
    text: str, facility: str, lead: str, times: int
) -> None:
    assert _leads(text, facility) == [lead] * times


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        # The note writes the lead as a term's word: eponyms, scales, organisms, classifications.
        ("Seen at the Mayo Clinic in 2019. Total Mayo score 8; on the Mayo.", "Mayo Clinic"),
        (
            "Admitted to Glasgow Royal Infirmary. Glasgow Coma Scale 14; Glasgow criteria met.",
            "Glasgow Royal Infirmary",
        ),
        (
            "Previously at Ross River Health Centre. Ross River virus IgM positive; Ross River "
            "arthralgia.",
            "Ross River Health Centre",
        ),
        (
            "Treated at Stanford Health Care. Stanford type B dissection on CT.",
            "Stanford Health Care",
        ),
        (
            "Stool sent from Newport Hospital: Salmonella Newport; serovar Newport again.",
            "Newport Hospital",
        ),
        ("Christie Hospital. Christie regimen started.", "Christie Hospital"),
        # Kinds', opening and service words: wards, units, specialties, headings.
        ("Royal Brompton Hospital. Royal College guidance.", "Royal Brompton Hospital"),
        ("Division of Cardiology. Division meeting on Friday.", "Division of Cardiology"),
        ("North Shore Hospital. North is where the ward is.", "North Shore Hospital"),
        ("Intensive Care Unit. Intensive therapy needed.", "Intensive Care Unit"),
        ("Cardiology Clinic. Cardiology review booked.", "Cardiology Clinic"),
        ("ICU Step-down Unit. ICU outreach informed.", "ICU Step-down Unit"),
        ("FBC Laboratory. FBC normal; U&E, LFT normal.", "FBC Laboratory"),
        ("NICE Centre. NICE guidance followed.", "NICE Centre"),
        ("WHO Collaborating Centre. WHO stage 1; WHO criteria.", "WHO Collaborating Centre"),
        ("CARE Fertility Centre. CARE bundle applied.", "CARE Fertility Centre"),
        ("MOU Clinic. MOU booked.", "MOU Clinic"),
        ("Lasix Clinic of Leeds. Lasix 40 mg mane.", "Lasix Clinic of Leeds"),
        ("Monday Clinic. Monday review.", "Monday Clinic"),
        ("Dr Shah Clinic. Dr will call.", "Dr Shah Clinic"),
    ],
)
def test_a_lead_the_note_uses_as_a_term_or_a_kind_stays(text: str, facility: str) -> None:
    assert _leads(text, facility) == []


def test_a_plain_word_lead_opening_a_sentence_stays() -> None:
    # "Compass" is a plain English word no name or place list holds: at a sentence's, a line's
    # or an item's start, or before a number, it is read as the word.
    text = (
        "Discharged to Compass House. Compass was checked.\nCompass 2 fitted.\n- Compass "
        "used. Staff at Compass will call."
    )
    assert _leads(text, "Compass House") == ["Compass"]


def test_a_lead_in_another_case_is_not_read_as_the_name() -> None:
    # The same case only: a word in lower case is the word ("sunrise" is a time of day).
    text = "Mother in Sunrise of Eastbourne. She wakes at sunrise; SUNRISE alarm set."
    assert _leads(text, "Sunrise of Eastbourne") == []


# --- the whole redactor ------------------------------------------------------------------------


def test_the_redactor_takes_both_and_keeps_the_clinical_words_beside_them() -> None:
    text = (
        "UNIVERSITY TEACHING HOSPITAL, LUSAKA - HIV CLINIC\n"
        "Patient reviewed in OPD; ICU and ED aware. FBC, U&E, LFT normal. WHO stage 1.\n"
        "Previously at Starship Children's Health (NICE, CDC guidance). Cardiology clinic, "
        "Starship, on Lasix 40 mg; GCS 15; Parkinson's disease; RECOVERY trial.\n"
    )
    out = redact(text)
    for secret in ("UNIVERSITY TEACHING", "LUSAKA", "Starship"):
        assert secret not in out, out
    for kept in (
        "HIV CLINIC", "OPD", "ICU", "ED aware", "FBC", "U&E", "LFT", "WHO stage 1", "NICE",
        "CDC", "Cardiology clinic", "Lasix 40 mg", "GCS 15", "Parkinson's disease",
        "RECOVERY trial",
    ):  # fmt: skip
        assert kept in out, (kept, out)


# --- linear time --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "University" + " " * 40,  # a run's blanks with no word after them
        "UNIVERSITY TEACHING HOSPITAL, LUSAKA - ",
        "Teaching Hospital of the ",
    ],
)
def test_institution_names_read_in_linear_time(unit: str) -> None:
    lex = lexicon()

    def run(n: int) -> object:
        text = "Hospital, Leeds\n" + unit * n
        return list(institution_name_spans(text, _found(text, "city", "Leeds"), lex))

    assert_linear(run, 400)


def test_name_leads_read_in_linear_time() -> None:
    lex = lexicon()

    def run(n: int) -> object:
        text = "Sunrise of Eastbourne. " + "Sunrise rang. " * n
        return list(name_lead_spans(text, _found(text, "facility", "Sunrise of Eastbourne"), lex))

    assert_linear(run, 400)
