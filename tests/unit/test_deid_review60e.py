"""review60e: review of deid60c's date and eponym rules (issue 16, session 60).

Clinical numbers the merged rules took for dates, each failing on the merge 18446a2:
deid_dated_pairs read a value after "on" with a unit of flow, pressure or a hormone after it ("K
3.5 on 4.1 L O2"), a half-step dose after an INR's "on" ("INR 2.4 on 7.5"), a chart's reading
beside the time it was taken ("8.2 07:00", "08:00 9.3, 12:00 7.1"), a meeting's interval ("MDT 3/12
ago"), the first of a list of ordinals ("on the 3rd, 4th and 5th fingers") and a course's days
under a day's heading ("| Day | 1/7 | 2/7 |") as dates; deid_bare_days read percentages in words
("del 25 per cento"), a tube's size ("sonda del 14") and a range of a course's days ("vom 1. bis 3.
Tag", "seit dem 3. postop. Tag") as days. deid_kin_eponyms kept a relative's surname where the
possessive is the relative's home ("Staying at Uncle Wilson's").

Must-remove probes in the same shapes follow each keep: dates with two-digit months or a
closing dot, days after the same prepositions without a size's noun, and the eponyms that
stay."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_bare_days import bare_day_candidates
from medlocal.privacy.deid_dated_pairs import dated_pair_candidates
from medlocal.privacy.deid_kin_eponyms import kin_eponym_words
from medlocal.privacy.deid_lexicon import lexicon

_VALUES_NOT_DATES = [
    "K 3.5 on 4.1 L O2, sats 95%.\n",
    "Lactate 4.1 on 1.2 L/min O2.\n",
    "pO2 8.1 on 10.2 kPa.\n",
    "RR 22 on 5.10 FiO2.\n",
    "TSH 01.05 mIU/L.\n",
    "INR 2.4 on 7.5, continue.\n",
    "INR 3.2 on 5.5 - reduce.\n",
    "pH 7.31 on 2.5.\n",
    "8.2 07:00\n12.4 12:00 pre-lunch\n",
    "Glucose 08:00 9.3, 12:00 7.1.\n",
    "Obs: 12.1 08:00, 9.3 12:00.\n",
    "- 3.5 08:00 insulin given.\n",
    "Last MDT 3/12 ago, no change.\n",
    "Swelling on the 3rd, 4th and 5th fingers.\n",
    "| Day | 1/7 | 2/7 | 3/7 |\n| Abx | IV | IV | PO |\n",
]


@pytest.mark.parametrize("text", _VALUES_NOT_DATES)
def test_a_value_dose_or_reading_is_no_dated_pair(text: str) -> None:
    assert dated_pair_candidates(text) == [], text


def test_the_dose_after_an_inr_survives_redaction() -> None:
    _kept("INR 2.4 on 7.5, continue.\n", "7.5")
    _kept("K 3.5 on 4.1 L O2.\n", "4.1")


# The same slots with a date's shape still go.
_DATES_STILL = [
    ("Hb 9.8 on 3.4, transfused.\n", ("3.4",)),
    ("Aufnahme am 3.5. 14:00 über ZNA.\n", ("3.5",)),
    ("Creat 140 on 6.10 and 122 on 9.10.\n", ("6.10", "9.10")),
    ("1.11 14:00 seen by SHO.\n", ("1.11",)),
    ("Delivered 11:42 5/12, cried at once.\n", ("5/12",)),
    ("Next MDT 9/12 for discussion.\n", ("9/12",)),
    ("Seen on the 3rd, then on the 5th.\n", ("3rd", "5th")),
    ("| Day | 14/12 | 15/12 |\n| CRP | 80 | 40 |\n", ("14/12", "15/12")),
]


@pytest.mark.parametrize(("text", "words"), _DATES_STILL)
def test_a_dated_pair_in_the_same_slots_still_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_COUNTS_NOT_DAYS = [
    "Riduzione del 25 per cento della dose.\n",
    "FEVI del 25 por ciento, sin cambios.\n",
    "Baisse du 10 pour cent.\n",
    "Mise en place d'une sonde urinaire du 16.\n",
    "Sonda vesical del 14, sin incidencias.\n",
    "Catetere del 16 e poi rimosso.\n",
    "Fieber vom 1. bis 3. Tag.\n",
    "Fieber seit dem 3. postop. Tag.\n",
]


@pytest.mark.parametrize("text", _COUNTS_NOT_DAYS)
def test_a_percentage_size_or_course_day_is_no_bare_day(text: str) -> None:
    assert list(bare_day_candidates(text)) == [], text


_DAYS_STILL = [
    ("Sonde posée le 14.\n", ("14",)),
    ("Drain retiré le 3, puis douche.\n", ("3",)),
    ("Sonda retirada el 5.\n", ("5",)),
    ("Ricoverato dal 23, in buone condizioni.\n", ("23",)),
]


@pytest.mark.parametrize(("text", "words"), _DAYS_STILL)
def test_a_day_after_a_tubes_removal_still_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_a_relatives_home_is_no_eponym() -> None:
    _gone("Staying at Uncle Wilson's, 3 miles away.\n", "Wilson")
    _gone("Discharged to Aunt Lynch's.\n", "Lynch")
    # the eponyms of the same shapes without the place still stay
    _kept("FHx: Uncle Wilson's, aged 40.\n", "Wilson")
    _kept("Aunt Lynch syndrome at 45.\n", "Lynch")


def test_the_mended_finders_stay_linear() -> None:
    lex = lexicon()
    assert_linear(lambda n: list(bare_day_candidates("sonda vesical del 14, " * n)), 500)
    assert_linear(lambda n: dated_pair_candidates("INR 2.4 on 7.5, 8.2 07:00 " * n), 500)
    assert_linear(lambda n: kin_eponym_words("at Uncle Wilson's, " * n, lex), 500)
