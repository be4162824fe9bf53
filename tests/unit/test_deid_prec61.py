"""prec61 (issue 16, clinical meaning kept; dev80): a bare day-month pair that a date rule took is
given back where its context reads it as a clinical value (deid_clinical_pairs: a blood pressure
in cmHg, a pair no date of the text's day order reads, a British duration, a guideline's
section), and a date with the hour of its clock time is no code (deid_stamped_dates). Each makes
the redactor remove less, so each comes with must-remove probes: real dates written in the same
shapes and places, still removed."""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score
from fixtures.deid_rules import gone, gone_words, kept, kept_words

from medlocal.privacy.deid_clinical_pairs import clinical_pair
from medlocal.privacy.deid_stamped_dates import stamped_date

# Each value was shifted as a date on main 19b7efa.
_VALUES = [
    ("Obs 09:00: BP 12/8 at 09:00 on the old cuff, HR 80.\n", "BP 12/8 at 09:00"),
    ("PA 14x9 cmHg sentada, PA 12/8 em pé após 3 min.\n", "PA 12/8"),
    ("TA 14/9 puis 13/8 au repos.\n", "TA 14/9 puis 13/8"),
    ("Seen 3/12 ago with knee pain.\n", "Seen 3/12 ago"),
    ("3/7 fever, 1/7 rash, conjunctival injection.\n", "3/7 fever, 1/7 rash"),
    ("IV flucloxacillin for 14/7 minimum.\n", "for 14/7"),
    ("Given 3/12 supply of TLD.\n", "3/12 supply"),
    ("Admitted 28/11/2026. Long lie 4/24 after the fall.\n", "Long lie 4/24"),
    ("Admitted 28/11/2026. VE: Bishop 5/13, cervix soft.\n", "Bishop 5/13"),
    ("See the note on 5.6 of the protocol.\n", "note on 5.6"),
]


@pytest.mark.parametrize(("text", "part"), _VALUES)
def test_a_clinical_pair_stays(text: str, part: str) -> None:
    kept(text, part)


# Real dates in the same shapes and places: each was removed on main and still is.
_DATES = [
    ("Seen in clinic on 3/12 with her son.\n", "3/12"),
    ("Next review 4/12.\n", "4/12"),
    ("Plan: syringe driver if swallow fails; review 9/12.\n", "9/12"),
    ("RV 21/12 9 h avec la psychologue.\n", "21/12"),
    ("Review 4/12 at 10:00 in clinic.\n", "4/12"),
    ("Review on 4/12.\n", "4/12"),
    ("Review Mon 4/12.\n", "4/12"),
    ("BP taken on 12/8 at 09:00 was 140/90.\n", "12/8"),
    ("Since 3/12 on escitalopram.\n", "3/12"),
    ("Admitted 28/11/2026. Seen 2/24 at 10:00.\n", "2/24"),
    ("Note on 5.6: patient phoned.\n", "5.6"),
    ("Seen on 5.6 in clinic.\n", "5.6"),
    # A text that writes its dates month first writes no British durations.
    ("Seen 11/30/2026 in Boston, MA 02115. Review 4/12 with labs.\n", "4/12"),
    ("Seen 11/30/2026 in Boston, MA 02115. Echo 8/24 showed EF 55%.\n", "8/24"),
    ("Fever from 3/7 to 5/7, then well.\n", "3/7"),
    # dev66: a leading zero writes a calendar's day, never a count of days or months.
    ("Drug chart\n03/12 Pain 6/10, Endone 5 mg given.\n", "03/12"),
    ("Ward note: 03/7 fever spike overnight.\n", "03/7"),
    ("Admitted 28/11/2026. Discharged 2/12, seen 24/11 before.\n", "2/12"),
]


@pytest.mark.parametrize(("text", "part"), _DATES)
def test_a_date_in_the_same_shape_still_goes(text: str, part: str) -> None:
    gone(text, part)


def test_a_blood_pressure_needs_a_pressure_and_no_date_word() -> None:
    text = "BP clinic 12/8 at 09:00; BP 8/12 noted.\n"
    assert not clinical_pair(text, 10, 14)  # "BP clinic 12/8": the clinic's day
    assert not clinical_pair(text, 28, 32)  # "8/12" is no systolic over diastolic
    gone(text, "12/8")


def test_a_duration_over_its_largest_count_is_no_duration() -> None:
    text = "for 31/12 only.\n"
    assert not clinical_pair(text, 4, 9)


def test_a_stamped_date_keeps_its_time_and_still_goes() -> None:
    text = "Comment: sample (2024-03-04 09:15) haemolysed.\n"
    assert stamped_date(text, 17, 30)
    kept(text, "09:15")
    gone(text, "2024-03-04")


def test_a_code_with_no_clock_time_after_it_is_no_stamped_date() -> None:
    assert not stamped_date("Sample ID 2024-03-04 09 received.\n", 10, 23)
    assert not stamped_date("Accession 2024-0304 09:15\n", 10, 23)
    gone("Sample ID 2024-0304-0915 received.\n", "2024-0304-0915")


# A listed surname that opens a listed disease, before a verdict a person may be given, in a line
# that names its work-up (deid_workup_eponyms). Each was removed on main 19b7efa.
_WORK_UPS = [
    ("Dx: Turner syndrome (45,X); Noonan excluded (PTPN11 negative).\n", "Noonan"),
    ("Goodpasture antibodies negative; Fabry negative.\n", "Fabry"),
    ("Noonan excluded (PTPN11 negative); Turner excluded (karyotype 46,XX).\n", "Turner"),
]


@pytest.mark.parametrize(("text", "word"), _WORK_UPS)
def test_a_listed_disease_before_a_verdict_in_a_work_up_stays(text: str, word: str) -> None:
    kept_words(text, word)


# People in the same shapes: no work-up on the line, a surname that opens no listed disease, a
# title, a line that names people.
_PEOPLE = [
    ("Whipple excluded.\n", "Whipple"),
    ("Household screen: Wilson negative.\n", "Wilson"),
    ("Swab results: Nowak positive, Kowalski negative; antibodies pending.\n", "Kowalski"),
    ("Genetics: Dr Noonan excluded; Turner syndrome considered.\n", "Noonan"),
    ("Contacts: Wilson negative; Gilbert syndrome known.\n", "Wilson"),
]


@pytest.mark.parametrize(("text", "word"), _PEOPLE)
def test_a_person_before_a_verdict_beside_a_work_up_still_goes(text: str, word: str) -> None:
    gone_words(text, word)


# The blind half dev80: 44 notes, 589 identifiers, 984 clinical terms. Blind (main 19b7efa):
# 576/589 found, 50 damaged; with this session's rules: 576 found, 32 damaged.
def test_dev80_parses_and_stays_at_its_figures() -> None:
    notes = load("dev80")
    assert len(notes) == 44
    result = score(notes, redactor_spans)
    assert sum(result.total.values()) == 589
    assert result.clinical_total == 984
    assert sum(result.found.values()) >= 576
    assert result.clinical_damaged <= 32


# review61q: real dates and people in the shapes the keep-rules read, each kept on prec61's merge
# (6574a8f) and removed before it.
_REVIEW_DATES = [
    # An earlier fraction that is no pressure in cmHg says nothing of the unit of the pair.
    ("Seretide 250/50 commenced 14/9.\n", "14/9"),
    ("Co-amoxiclav 500/125 started 12/8, stopped 19/8.\n", "12/8"),
    ("Augmentin 875/125 given 14/9 by GP.\n", "14/9"),
    ("BP 142/91 checked 12/8.\n", "12/8"),
    # "PA" and "TA" after an image's word are its view.
    ("CXR PA 12/8: clear lung fields.\n", "12/8"),
    ("USS TA 12/8 showed a normal uterus.\n", "12/8"),
    # A word of an event done right before the pair writes its day.
    ("Reviewed 4/12 before discharge.\n", "4/12"),
    ("Admitted 12/7 confused.\n", "12/7"),
    ("Presented 14/7 vomiting and diarrhoea.\n", "14/7"),
    ("Letter dated 3/12/2026. Seen 3/12 cough better.\n", "Seen 3/12"),
    ("GP letter. NHS. Seen 2/24 in ED.\n", "2/24"),
    ("Admitted 28/11/2026. Seen 2/24 by cardiology.\n", "2/24"),
    ("Admitted 11/28/2026. Seen 24/2 by the team.\n", "24/2"),
    # "day" reads a course only where the day is within it.
    ("Clinic day 14/7, theatre planned.\n", "14/7"),
    # "repeat" is no posture: the day of the repeat.
    ("BP repeat 12/8 was 150/90.\n", "12/8"),
]


@pytest.mark.parametrize(("text", "part"), _REVIEW_DATES)
def test_a_real_date_after_a_fraction_a_view_or_an_event_still_goes(text: str, part: str) -> None:
    gone(text, part)


def test_contacts_after_a_test_are_people() -> None:
    # "Graves" is kept by an older rule too (a common word), before and after prec61: see the
    # review61q report.
    gone_words("Sputum test: Graves negative; Addison positive.\n", "Addison")


# The keeps these probes sit beside still hold.
_REVIEW_VALUES = [
    ("Seen 3/12 ago in clinic.\n", "3/12 ago"),
    ("Seen 3/12 post-op, wound healed.\n", "3/12 post-op"),
    ("Ceftriaxone 2 g daily, day 3/7.\n", "day 3/7"),
    ("TA 14/9 puis 13/8 au repos.\n", "13/8"),
    ("Admitted 28/11/2026. Long lie 4/24 after the fall.\n", "4/24"),
]


@pytest.mark.parametrize(("text", "part"), _REVIEW_VALUES)
def test_a_clinical_pair_beside_the_review_probes_stays(text: str, part: str) -> None:
    kept(text, part)
