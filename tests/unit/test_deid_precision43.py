"""deidp43 (issue 16, precision): classes of clinical terms the redactor took, found on the blind
precision half dev39 (operative, anaesthesia, allied-health, haematology and genetics notes,
written before the rules were read), each fixed by its shape, with the negatives that must hold.

1. A word of blood-cell making or a virus named by its family ("Dysgranulopoiesis",
   "Parvovirus B19") was a word no list knew, so read as a name when capitalised
   (deid_lexicon's endings).
2. A scale's qualifier that is also a facility's word ("Rivermead Mobility Index", "Nottingham
   Health Profile") turned the protected eponym before it back into an organisation's word
   (deid_places.organisation_acronyms).
3. An eponym apart from its instrument or approach by a size or two lower-case words
   ("Macintosh 3 blade", "Hardinge direct lateral approach", "Stulberg hip positioner"), and a
   named assessment's eponym before a qualifier and a capitalised head ("Frenchay Dysarthria
   Assessment") (deid_instrument_eponyms).
4. Eponym heads the lists lacked ("Schüffner's dots", "Maurer's clefts", "Sondergaard's
   groove").
5. A karyotype's breakpoints ("46,XX,del(5)(q13q33)") read as a reference code
   (deid_karyotype_bands).
6. A bypass graft's conduit before its coronary target ("LIMA to LAD") read as a surname
   (deid_graft_conduits).
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import Note, load, score

from medlocal.privacy.redact import PatientIdentity, Redactor

_LETTER = "Clinic letter\n\n"


def _removed(text: str, tagger: bool = True) -> list[str]:
    redactor = Redactor(None, shift_days=40, tagger=tagger)
    return [r.original for r in redactor.preview(_LETTER + text + "\n")]


# 1. Endings of blood-cell making and of viruses.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Serology: Parvovirus B19 IgG positive.",
        "Aspirate: cellular.\nDysgranulopoiesis with hypogranular neutrophils.",
    ],
)
def test_blood_cell_making_and_virus_words_are_kept(text: str, tagger: bool) -> None:
    assert _removed(text, tagger) == []


# 2. A facility's word as a scale's qualifier.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Mobility: Rivermead Mobility Index 4, Berg 22/56.",
        "Discharge: de Morton Mobility Index 45.",
        "Quality of life: Nottingham Health Profile 42.",
        "Falls: Tinetti Performance Oriented Mobility Assessment 18.",
    ],
)
def test_a_facility_word_inside_a_scale_keeps_the_eponym(text: str, tagger: bool) -> None:
    assert _removed(text, tagger) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Referred to Zorbleton Health Centre for review.", "Zorbleton Health Centre"),
        ("Frame supplied by Zorbleton Mobility Ltd today.", "Zorbleton Mobility Ltd"),
    ],
)
def test_a_facility_word_without_a_scale_still_names_the_organisation(
    text: str, expected: str
) -> None:
    assert expected in " ".join(_removed(text, tagger=False))


# 3. Eponyms apart from their instruments and approaches, and named assessments.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Intubation: Macintosh 3 blade, Cormack-Lehane grade 2a.",
        "Intubation: Zorbleton size 4 blade, grade 1 view.",
        "Approach: Hardinge direct lateral approach.",
        "Position: lateral decubitus on a Stulberg hip positioner.",
        "Airway: McGrath videolaryngoscope on standby.",
        "Assessment: Frenchay Dysarthria Assessment completed.",
        "Plan: Zorbleton Voice Treatment when fit.",
    ],
)
def test_eponyms_apart_from_their_instruments_are_kept(text: str, tagger: bool) -> None:
    assert _removed(text, tagger) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Operation: Dr Hardinge direct lateral approach.", "Hardinge"),
        ("Intubation: Sarah 3 blade used.", "Sarah"),
        ("Booked: Mary Jones Health Assessment on Friday.", "Mary Jones"),
        # An assessing service is an organisation (dev24 and dev9 lost these to the first
        # version of the rule).
        ("Referral: Aged Care Assessment Service (ACAS) today.", "Aged Care Assessment Service"),
        (
            "NASC assessor from Counties Manukau Needs Assessment to see her.",
            "Counties Manukau Needs Assessment",
        ),
    ],
)
def test_a_person_before_an_instrument_or_assessment_is_still_removed(
    text: str, expected: str
) -> None:
    assert expected in " ".join(_removed(text, tagger=False))


# 4. Heads of parasitised red cells and of grooves.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Film: Maurer's clefts seen, no Schüffner's dots.",
        "Mitral: left atriotomy through Sondergaard's groove.",
    ],
)
def test_dots_clefts_and_grooves_keep_their_eponyms(text: str, tagger: bool) -> None:
    assert _removed(text, tagger) == []


def test_a_given_name_before_dots_is_still_a_person() -> None:
    assert "Sarah" in " ".join(_removed("Drawing: Sarah's dots on the page.", tagger=False))


# 5. Karyotype bands.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Cytogenetics: 46,XX,del(5)(q13q33) in 12 of 20 metaphases.",
        "Karyotype: 45,X,inv(3)(q21q26.2).",
    ],
)
def test_karyotype_bands_are_kept(text: str, tagger: bool) -> None:
    assert _removed(text, tagger) == []


def test_a_code_in_brackets_without_an_aberration_is_still_removed() -> None:
    assert "AB12CD34" in " ".join(_removed("Sample del(5)(AB12CD34) sent.", tagger=False))


# 6. Graft conduits.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Procedure: CABG x3 (LIMA to LAD, SVG to OM1, SVG to PDA).",
        "Grafts: LIMA-LAD patent on angiography.",
    ],
)
def test_a_graft_conduit_before_its_target_is_kept(text: str, tagger: bool) -> None:
    assert _removed(text, tagger) == []


def test_the_same_word_as_a_name_elsewhere_is_still_removed() -> None:
    assert "LIMA, Joao" in _removed("Patient: LIMA, Joao. LIMA to LAD patent.", tagger=False)


# The blind half dev39 (precision), written before this round read the rules: before it 260/264
# identifiers (98.48%) and 41/784 clinical terms damaged (5.23%); after this round 260/264, 28/784.
def test_dev39_parses_and_stays_at_its_figures() -> None:
    notes = load("dev39")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 264
    assert sum(len(n.clinical) for n in notes) == 784
    for note in notes:
        for span in note.identifiers + note.clinical:
            assert note.text[span.start : span.end] == span.text

    def spans(note: Note) -> list[tuple[int, int]]:
        identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
        return [(r.start, r.end) for r in Redactor(identity, shift_days=40).preview(note.text)]

    result = score(notes, spans)
    assert result.recall >= 260 / 264
    assert result.clinical_damaged <= 28
