"""Session 52 (deid52a): organisations and names typed in lower case, read by Philter's
safe-list test (deid_lower_orgs, deid_lower_names), and the clinical shorthand beside them that
must stay."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_lower_names import lower_name_candidates
from medlocal.privacy.deid_lower_orgs import lower_org_candidates
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_split_names import split_name_candidates


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # An organisation in lower case before its kind's word (a mixed-case line: an
        # all-lower line is re-cased and read by the scan).
        ("Flu jab given at walgreens pharmacy on Tuesday.", "walgreens"),
        ("School nurse at ramsay high school calls Mom often.", "ramsay"),
        ("Plays for birmingham legion fc academy. Seen by GP.", "legion fc"),
        ("Her son goes to Kura and she attends kereru church in Otara.", "kereru"),
    ],
)
def test_an_organisation_in_lower_case_is_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # The rest of a found name in lower case: a surname's initial, a surname in a cell.
        ("Off-going: KP, RN. On-coming: rachel h, RN.", "rachel h"),
        ("| Resp physio | lucy fairclough | AH |", "lucy"),
        # A lower-case name closing a title's phrase.
        ("SW (ms. dee) re food insecurity.", "dee"),
    ],
)
def test_a_lower_case_name_beside_a_name_is_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


# What must stay: services and specialties before a clinic or pharmacy, eponyms, procedures,
# brands, scales, wards by number, staff words before what they do, headings and drugs.
_MUST_STAY = [
    ("Referred to gastro clinic, onc clinic and the fracture clinic. Seen by GP.", "gastro clinic"),
    ("Referred to gastro clinic, onc clinic and the fracture clinic. Seen by GP.", "onc clinic"),
    ("Seen in the parkinson clinic; crohn clinic next week. Seen by GP.", "parkinson clinic"),
    ("Seen in the parkinson clinic; crohn clinic next week. Seen by GP.", "crohn clinic"),
    ("Had mohs surgery in 2019 and whipple surgery. Seen by GP.", "mohs surgery"),
    ("Had mohs surgery in 2019 and whipple surgery. Seen by GP.", "whipple surgery"),
    (
        "Collected from the hospital pharmacy, not the local pharmacy. GP aware.",
        "hospital pharmacy",
    ),
    ("Booked into the maxfax clinic and the walk in clinic. GP aware.", "maxfax clinic"),
    ("Known to the geri clinic and the endo clinic. GP aware.", "geri clinic"),
    ("Known to the geri clinic and the endo clinic. GP aware.", "endo clinic"),
    ("Her sats high overnight, BM high, trop high. GP aware.", "trop high"),
    ("Seen by Dr Patel; bisoprolol 2.5 mg od, ramipril 5 mg. GP aware.", "bisoprolol"),
    ("Discussed with Dr Jones re warfarin clinic follow up.", "warfarin clinic"),
    ("Glasgow Coma Scale 15, MoCA 23/30, Barthel Index 60. GP aware.", "Glasgow Coma Scale"),
    ("Admitted to Ward 7B bed 3 with Crohn's flare. GP aware.", "Ward 7B"),
    ("Plan: Movicol, Ensure, Gaviscon Advance. Sinemet 100/25 tds.", "Gaviscon Advance"),
    ("Known Barrett's oesophagus on PPI. GP aware.", "Barrett's oesophagus"),
    ("Mr Jones ms flare last year; dr will review. Seen by GP.", "ms flare"),
    ("Mr Jones ms flare last year; dr will review. Seen by GP.", "dr will review"),
    ("HISTORY OF PRESENTING COMPLAINT\nDr Smith tds dosing discussed.", "HISTORY OF PRESENTING"),
    ("Dr Smith tds dosing discussed; nurse Lee bd obs.", "tds dosing"),
]


@pytest.mark.parametrize(("text", "term"), _MUST_STAY)
def test_clinical_shorthand_beside_the_new_rules_stays(text: str, term: str) -> None:
    assert term in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Physio THR exercises continued.",
        "He needs Nurse PEG care daily.",
        "Surveillance for Barrett's, next OGD in two years.",
        "Referred to gastro clinic and onc clinic. Seen by GP.",
        "Had mohs surgery. Crohn clinic review. Hospital pharmacy supplied.",
    ],
)
def test_the_new_rules_take_nothing_of_clinical_shorthand(text: str) -> None:
    """The new rules' own spans (older rules' readings of these lines are their own)."""
    lex = lexicon()
    named = [Redaction("name", 0, 0, "", "[NAME]")]
    assert lower_org_candidates(text, lex) == []
    assert lower_name_candidates(text, named, lex) == []


def test_a_name_grows_only_over_a_listed_name_or_an_initial() -> None:
    lex = lexicon()
    text = "Seen by Okafor tmrw; Okafor okonkwo aware; Okafor bd; Okafor h."
    found = [
        Redaction("name", m, m + 6, "Okafor", "[NAME]")
        for m in (i for i in range(len(text)) if text.startswith("Okafor", i))
    ]
    grown = [r.original for r in lower_name_candidates(text, found, lex)]
    assert "tmrw" not in grown and "bd" not in grown
    assert "h" in grown


def test_a_name_is_not_grown_into_an_email_address() -> None:
    lex = lexicon()
    text = "Contact Okafor smith@example.org today."
    found = [Redaction("name", 8, 14, "Okafor", "[NAME]")]
    assert lower_name_candidates(text, found, lex) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # A name or place cut in two by a scan's stray space, joined again by the lists.
        ("Dear Dr Pat el,\nThank you for seeing her.", "Pat el"),
        ("Our IBD nurse Hayley Brenn an will liaise with homecare.", "Brenn an"),
        ("Will liaise with the Sol ihull pharmacy team.", "Sol ihull"),
    ],
)
def test_a_name_cut_by_a_stray_space_is_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Just in Case medicines prescribed; E/U/Cr on arrival.",
        "He Was on ramipril. Go to ED if worse.",
        "Ordine dei Medici di Roma n. 58214",
        "Patient Is on TLD; Hb is low; Na up.",
    ],
)
def test_words_a_space_rightly_parts_are_not_joined(text: str) -> None:
    assert split_name_candidates(text, lexicon()) == []
