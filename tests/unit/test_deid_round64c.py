"""deid64c (issue 16, recall on dates; dev91): a day and month after a weekday's abbreviation
of another language is one date with its weekday (deid_weekday_dates: "ma 7.12.", "lun.
30/11", "út 8. 12. 2026", "þri. 8. des.").

The must-remove probes are written in other weekdays, days and months than the development
halves' notes; the precision probes are the values, counts, weights, pressures and labels after
a word that is also a weekday's abbreviation."""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score
from fixtures.deid_rules import gone_words, kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_weekday_dates import weekday_date_candidates

_DATES_GONE = [
    # Finnish, Dutch, German, Swedish, Danish and Norwegian short weekdays.
    ("Kontrolli pe 18.12. klo 10 omalääkärillä.\n", ("pe", "18.12")),
    ("Afspraak vr 18-12 om 9 uur bij de POH.\n", ("vr", "18-12")),
    ("Wiedervorstellung Fr., 18.12. in der Ambulanz.\n", ("Fr", "18.12")),
    ("Återbesök tors 17/12 på vårdcentralen.\n", ("tors", "17/12")),
    ("Ny tid tirs. 22/12-2026 i ambulatoriet.\n", ("tirs", "22/12-2026")),
    ("Ny time fr. 18.12. hos fastlegen.\n", ("fr", "18.12")),
    # French, Portuguese, Polish, Czech, Turkish, Icelandic, Welsh and Greek ones.
    ("Rendez-vous jeu. 17/12 avec l'infirmière.\n", ("jeu", "17/12")),
    ("Consulta qua. 16/12 no centro de saúde.\n", ("qua", "16/12")),
    ("Kolejna wizyta czw. 17.12 w poradni.\n", ("czw", "17.12")),
    ("Kontrola čt 17. 12. 2026 v ambulanci.\n", ("čt", "17. 12. 2026")),
    ("Kontrol Çar. 16.12 poliklinikte.\n", ("Çar", "16.12")),
    ("Endurkoma mið. 16. des. á heilsugæslu.\n", ("mið", "16. des")),
    ("Apwyntiad Gwe 18/12/2026 yn y feddygfa.\n", ("Gwe", "18/12/2026")),
    ("Επανέλεγχος Τετ. 16/12 στο ιατρείο.\n", ("Τετ", "16/12")),
]

# What follows a word that is also a weekday's abbreviation and is no date: a value reached, a
# count, a weight, a pressure, a cycle threshold, a dose, a label before a date.
_KEPT = [
    ("pH fell to 7.12. Repeat gas at 10.\n", ("to 7.12",)),
    ("Neonate wt 3.5 at birth, feeding well.\n", ("wt 3.5",)),
    ("Pressures: PA 14/9, wedge 8.\n", ("PA 14/9",)),
    ("SARS-CoV-2 PCR: E gene Ct 27.9, N gene Ct 29.2.\n", ("Ct 27.9", "Ct 29.2")),
    ("Mo 2.5 mg nocte for sleep.\n", ("2.5 mg",)),
    ("Biopsy: pt 3/8 cores positive.\n", ("pt 3/8",)),
    ("Appeal rights per the letter; SAT 12/8 noted.\n", ("SAT",)),
]


@pytest.mark.parametrize(("text", "parts"), _DATES_GONE)
def test_a_date_after_a_weekday_abbreviation_is_removed(text: str, parts: tuple[str, ...]) -> None:
    gone_words(text, *parts)


@pytest.mark.parametrize(("text", "parts"), _KEPT)
def test_values_after_a_word_like_a_weekday_stay(text: str, parts: tuple[str, ...]) -> None:
    kept(text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "to 7.12",  # a value reached
        "la 5.12",  # "la" is also an article
        "on 2/3 occasions",  # a count
        "per 3/1/24 letter",  # a date after a word
        "Sauchiehall St, 31/01/2026",  # a street's word before a date
        "PA 12/8",  # two capitals: a pressure
        "ma 7.12.3",  # inside a longer number
        "di 13/13",  # no day and month
        "Mo 2.5 mg",  # a dose
    ],
)
def test_the_reading_leaves_what_is_no_weekday_date(text: str) -> None:
    assert list(weekday_date_candidates(text)) == []


def test_the_weekday_goes_with_its_date() -> None:
    text = "Prélèvement : lun. 30/11 07:40; suite mer. 2 déc.\n"
    assert [r.original for r in weekday_date_candidates(text)] == ["lun. 30/11", "mer. 2 déc."]


def test_the_weekday_dates_are_linear() -> None:
    assert_linear(lambda n: list(weekday_date_candidates("ma 7.12. ti 8/12, " * n)), 400)


# The blind half dev91: 42 notes, 662 identifiers (PERSON 216, DATE 112, CITY 60, PATIENT 54,
# STREET 55, FACILITY 48, ID 32), 144 clinical terms. Blind (main f48d85ad): 598/662 found,
# 3 damaged; with this reading: 632 found, 3 damaged.
def test_dev91_parses_and_stays_at_its_figures() -> None:
    notes = load("dev91")
    assert len(notes) == 42
    result = score(notes, redactor_spans)
    assert sum(result.total.values()) == 662
    assert result.clinical_total == 144
    assert sum(result.found.values()) >= 632
    assert result.clinical_damaged <= 3
