"""deidrec39 (issue 16, a rules round): classes of misses and damage from the development halves
and the blind halves dev36/dev37, each fixed by its shape, with the negatives that must hold.

1. A hyphened pair of eponyms without its head ("Creutzfeldt-Jakob not suspected", "Harris-
   Benedict 1850 kcal") was read as a double-barrelled surname; a person's double-barrelled name
   (after a title, a verb of meeting, on a line of contacts, or doing something) stays a name.
2. A day and month without a year where only the context says it is a date: before a clock with
   "at" ("Fall 3/12 at 21:00"), in a laboratory heading's brackets ("Labs (2/12): Hb 11.2"), in
   brackets after "yesterday" ("transferred yesterday (3/12)"); scores, grades and counts stay.
"""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _redactor(tagger: bool = True) -> Redactor:
    return Redactor(shift_days=40, tagger=tagger)


def _removed(text: str, tagger: bool = True) -> list[str]:
    return [r.original for r in _redactor(tagger).preview(text)]


# 1. Hyphened eponym pairs without a head.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "eponym"),
    [
        ("Mixed dementia likely; Creutzfeldt-Jakob not suspected.", "Creutzfeldt-Jakob"),
        ("Platelets normal size. Bernard-Soulier not suspected.", "Bernard-Soulier"),
        ("Kocher manoeuvre performed, Cattell-Braasch not needed.", "Cattell-Braasch"),
        ("Gaucher cells absent. Niemann-Pick no.", "Niemann-Pick"),
        ("Nutrition: NG feed at 50 mL/h; Harris-Benedict 1850 kcal.", "Harris-Benedict"),
        ("Limb leads standard; Mason-Likar placement.", "Mason-Likar"),
        ("Borg 17 at peak. No Bezold-Jarisch response in recovery.", "Bezold-Jarisch"),
        ("Tubules injured; Tamm-Horsfall protein casts.", "Tamm-Horsfall"),
        ("Jarisch-Herxheimer watch if penicillin started.", "Jarisch-Herxheimer"),
        ("Mesangial expansion, no Kimmelstiel-Wilson nodules.", "Kimmelstiel-Wilson"),
        ("Basement membrane thick; Kimmelstiel-Wilson absent.", "Kimmelstiel-Wilson"),
        ("Smear reviewed: Chediak-Higashi excluded.", "Chediak-Higashi"),
    ],
)
def test_a_bare_hyphened_eponym_pair_is_kept(text: str, eponym: str, tagger: bool) -> None:
    assert eponym in _redactor(tagger).redact(text)


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seen by Pryce-Jones today.", "Pryce-Jones"),
        ("Handed over to Sheehan-Kelly at 8.", "Sheehan-Kelly"),
        ("Pryce-Jones reviewed the patient on the ward.", "Pryce-Jones"),
        ("Plan: Pryce-Jones not available today.", "Pryce-Jones"),
        ("Contacts: Smith-Jones negative, Pryce-Jones positive.", "Smith-Jones"),
        ("Household: Pryce-Jones negative.", "Pryce-Jones"),
        ("Dr. Sheehan-Kelly called. Later, Sheehan-Kelly not needed on the ward.", "Sheehan-Kelly"),
        ("Consultant Dr Lachman-Reid; Lachman-Reid not suspected of error.", "Lachman-Reid"),
    ],
)
def test_a_double_barrelled_surname_stays_a_name(text: str, name: str, tagger: bool) -> None:
    assert name not in _redactor(tagger).redact(text)


# 2. Day and month without a year.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("History from daughter. Fall 3/12 at 21:00, unable to get up.", "3/12"),
        ("Seen in clinic 4/12 @ 09:15 with her son.", "4/12"),
        ("Labs (2/12): Hb 11.2, creatinine 98.", "2/12"),
        ("Bloods (14/11): CRP 40, WCC 13.", "14/11"),
        ("Bloods (3/12): CRP 40, WCC 13.", "3/12"),
        ("Transferred from the district hospital yesterday (3/12).", "3/12"),
        ("Discussed with the family today (28/11), all agree.", "28/11"),
        ("Discussed with the family today (3/12), all agree.", "3/12"),
    ],
)
def test_a_day_and_month_in_a_dating_context_is_a_date(text: str, day: str) -> None:
    assert day in _removed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pain 3/10 at 14:00, improved after paracetamol.",
        "Power 4/5 at 10:00 in both legs.",
        "GCS 14/15 at 14:00, then 15/15.",
        "BP 120/80 at 14:00 sitting.",
        "Nodes (2/14): positive in level II.",
        "Walked 3/12 of the corridor; symptoms for 3/12 (months).",
        "Vision 6/12 at 6 m with glasses.",
    ],
)
def test_a_score_or_a_count_before_a_clock_or_in_brackets_stays(text: str) -> None:
    assert _removed(text) == []
