"""deid47 (issue 16, recall that generalises): general causes of misses on the blind half dev44
(written before the rules were read) and on the other development halves, each fixed by its
shape, with the cases that must stay kept.

1. Spanish and Filipino surname articles ("de los Santos", "dela Cruz", "delos Reyes", "Casa de
   las Amigas") were no particles, so they stayed beside the name (deid_people_words.PARTICLES,
   deid_joins).
2. An age over 89 right after a name the rules found ("Matiu Te Whata (91)") was kept where the
   name's last word is a listed word (deid_name_ages).
3. A hospital's initials after "at the" ending in "H" or "I" ("at the RVI."), joined by "&"
   ("at the RD&E,") or after a ward before the town ("Ward 38, RVI, Newcastle") were kept
   (deid_org_initials).
4. A place on a numbered road ("I-610 W at Westheimer", "the N2 near Swellendam") was kept
   (deid_road_locations).
5. A plate of four letters and three digits in a vehicle's aside ("car (CKRT 447)") was kept
   (deid_vehicle_nearby).
6. Initials without stops before a found name after a title ("Prof JJ van Rensburg") were kept
   (deid_person_growth).
7. A place named for a saint in the possessive ("transferred from St Jude's", "/ St Mungo's
   joint outreach") was kept where the saint's name is a listed word or after some words
   (deid_saint_names); "St John's wort" and "a St Jude's valve" stay.
8. A body named by "the" and a head that also opens a clinical phrase, then "for" or "of" and
   what it is for ("the Campus for Ageing and Vitality", "the Hospital for Tropical Diseases")
   was kept (deid_org_forms.bodies_for); "sent to Hospital for MRI" stays.
9. A university's initials before the town the rules found ("student at TU Dublin") were kept
   (deid_university_initials); a unit's or a country's initials stay.
10. A place named by a possessive alone after "at" or "under" ("admitted at King's
    overnight", "seen at Guy's.") was kept (deid_possessive_places); "at Mum's" stays.
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _redacted(text: str) -> str:
    return Redactor(None, shift_days=40, tagger=False).redact(_LETTER + text + "\n")


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("TB coordinator de los Santos will call.", "los"),
        ("Resident Dr de los Santos, PGH.", "los"),
        ("Owner Mrs. dela Peña runs the home.", "dela"),
        ("Seen by Dr delos Reyes today.", "delos"),
        ("Nurse Maria de las Mercedes Ruiz on duty.", "las"),
    ],
)
def test_spanish_and_filipino_particles_go_with_the_name(line: str, gone: str) -> None:
    assert f" {gone} " not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Flew in from las Vegas last week.", "las"),
        ("en los casos graves de la enfermedad de Crohn.", "los casos"),
    ],
)
def test_an_article_alone_is_no_particle(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    "line",
    [
        "kaumatua Matiu Te Whata (91) joined for karakia.",
        "Lives with Bill Jones, 94, who cooks.",
        "Her friend Elsie Whata (103) visits.",
    ],
)
def test_an_age_after_a_found_name_goes(line: str) -> None:
    out = _redacted(line)
    assert not any(age in out for age in ("91", "94", "103"))


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Audit by Dr Jones (94 patients) in the year.", "94"),
        ("Ward 4 (92) is the stroke unit.", "92"),
        ("Mrs Kowalski (91 kg) on enoxaparin.", "91 kg"),
    ],
)
def test_a_number_after_a_name_that_is_no_age_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "initials"),
    [
        ("DISCHARGE SUMMARY - Ward 38, RVI, Newcastle upon Tyne", "RVI"),
        ("WR Sun 15/3 - Bay 4 bed 22, Ward 7C (Elderly Care), QEH, King's Lynn", "QEH"),
        ("She was seen at the RVI. Sent home.", "RVI"),
        ("Under the rheumatology team at the RD&E, since 2021.", "RD&E"),
        ("Former employer PG&E, then at NCH&C, then retired.", "NCH&C"),
    ],
)
def test_a_hospitals_initials_go(line: str, initials: str) -> None:
    assert initials not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Discussed at the MDM; reviewed at the MDT.", "MDM"),
        ("Seen at the A&E. Admitted at the ICU.", "A&E"),
        ("Transferred to the CCU; seen at the OPD.", "OPD"),
        ("Ward 4, COPD, CKD - plan", "COPD"),
        ("Under the team at the RD&E. Methotrexate started.", "Methotrexate"),
    ],
)
def test_clinical_initials_stay(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("MVC: restrained driver, T-boned at I-610 W at Westheimer.", "610"),
        ("HPI: after MVC on I-55 NB at Church Rd. Pt was the driver.", "Church"),
        ("Site: under I-5 at Mercer St / drop-in centre", "I-5"),
        ("The bakkie rolled on the N2 near Swellendam.", "N2"),
        ("MVA on the N1 near Laingsburg, driver of bakkie.", "N1"),
    ],
)
def test_a_place_on_a_numbered_road_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("HPI: after MVC on I-55 NB at Church Rd. Pt was the driver.", "Pt was"),
        ("RAI with I-131 at 100 mCi after thyroidectomy.", "I-131"),
        ("Drove on I-95 for an hour before the pain began.", "I-95"),
        ("She sat the A2 at Gresham College last year.", "A2"),
        ("Cranial nerves: the N2 at 5 cm normal.", "N2"),
    ],
)
def test_numbered_things_that_are_no_place_stay(line: str, kept: str) -> None:
    assert kept in _redacted(line)


def test_an_ontario_plate_in_a_vehicles_aside_goes() -> None:
    assert "CKRT" not in _redacted("She may ride in her father's car (CKRT 447) as usual.")


@pytest.mark.parametrize(
    ("line", "kept"),
    [("Car crash (MELD 22) on arrival.", "MELD 22"), ("Car accident (TROP 1200 ng/L).", "1200")],
)
def test_a_score_in_a_vehicles_aside_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "initials"),
    [
        ("Consultant Prof JJ van Rensburg; intern on call.", "JJ"),
        ("Reviewed by Dr MJ van der Merwe today.", "MJ"),
    ],
)
def test_bare_initials_before_a_found_name_go(line: str, initials: str) -> None:
    assert f"{initials} " not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [("Discussed with ENT Jones on call.", "ENT"), ("Reported by MRI Smith-Jones.", "MRI")],
)
def test_clinical_capitals_before_a_name_stay(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "saint"),
    [
        ("She was transferred from St Jude's yesterday.", "Jude"),
        ("Crisis Skylight / St Mungo's joint outreach on Monday.", "Mungo"),
        ("Seen at St Teilo's, then St Mungo's.", "Mungo"),
        ("ST TEILO'S HOSPICE - admission note", "TEILO"),
    ],
)
def test_a_place_named_for_a_saint_goes(line: str, saint: str) -> None:
    assert saint not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Takes St John's wort for low mood.", "wort"),
        ("Has a St Jude's valve (mechanical) since 2004.", "St Jude's valve"),
    ],
)
def test_a_saints_remedy_sign_or_device_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("CXR in 6 weeks at the Campus for Ageing and Vitality; nurse to phone.", "Campus"),
        ("Then transferred to the Hospital for Tropical Diseases for review.", "Hospital"),
        ("Lives at the Home for the Aged in Penang.", "Home"),
    ],
)
def test_the_body_named_by_a_head_and_what_it_is_for_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Sent to Hospital for MRI after the fall.", "Hospital for MRI"),
        ("Admitted to Hospital for IV antibiotics.", "Hospital for IV"),
        ("Back to the Hospital for CT head tomorrow.", "Hospital for CT"),
    ],
)
def test_a_stay_and_what_it_is_for_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "initials"),
    [
        ("Final-year student at TU Dublin, lives in halls.", "TU"),
        ("Transferred to UW Madison for the trial.", "UW"),
        ("Studying at KU Leuven since September.", "KU"),
    ],
)
def test_a_universitys_initials_before_its_town_go(line: str, initials: str) -> None:
    assert f"{initials} " not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [("Admitted to ICU Dublin overnight.", "ICU"), ("Moved from the US to Boston.", "US")],
)
def test_a_units_or_a_countrys_initials_stay(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        # Main took "King" and left its "'s", and kept "Tommy's" after "under".
        ("Admitted at King's overnight with chest pain.", "'s overnight"),
        ("Follow-up under Tommy's; then home.", "Tommy"),
        ("Echo booked; seen at Guy's.", "Guy"),
    ],
)
def test_a_place_named_by_a_possessive_alone_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Stayed at Mum's for a week after discharge.", "Mum's"),
        ("Stays at her Dad's on weekends.", "Dad's"),
        ("Diagnosed with Crohn's at Addenbrooke's in 2019.", "Crohn's"),
    ],
)
def test_a_relatives_home_or_a_condition_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


# The blind half dev44: 20 notes, 466 identifiers, 252 clinical terms. Before this session's
# changes the redactor found 448 as written (450 once three markup slips were mended) and damaged
# 3; after them it finds 459 and damages the same 3.
def test_dev44_parses_and_stays_at_its_figures() -> None:
    notes = load("dev44")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 466
    assert sum(len(n.clinical) for n in notes) == 252

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 459
    assert result.clinical_damaged <= 3
