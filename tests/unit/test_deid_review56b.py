"""Review 56b of deid56c's medical word list (resources/deid_medical_dictionary.txt): a word on
it is known, so a surname or given name that the list holds was no longer a name wherever none
of deid56c's four guards had a cue (title or given name before, an initial before, "with" after
a word of meeting, a comma and given name / role / relation / signature after). Each line of
the must-remove set below but "Wiktor" (read as a facility there) leaked on main 81de0b69 and
was removed on c471fa70 (before the list). Two mends: the list's builder now reads Faker's
name lists written with a type annotation (pl_PL's surnames: "Gebauer", "Kuder", "Makar",
"Utrata") and places of more kinds (provinces, regions, counties, Philippine towns); a fifth
guard reads what only a person does after the word (deid_people_words.PERSON_ONLY_AFTER), a
relation's or person's field before it, and "seen today with". The keep set holds words of
the list beside those cues where a medicine or device stands."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import Redactor

_REDACTOR = Redactor()


def test_the_list_holds_no_surname_faker_writes_with_a_type() -> None:
    words = lexicon().dictionary_words
    for name in ("gebauer", "kuder", "makar", "utrata", "madura", "herba", "wiktor", "makati"):
        assert name not in words, name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Words still on the list (no name list of ours or Faker's holds them).
        ("Seen today, Jamshidi reports less pain in the left knee.", "Jamshidi"),
        ("Hx from Kien, who says the cough started 3 days ago.", "Kien"),
        ("Jamshidi is a 45-year-old man with chest pain.", "Jamshidi"),
        ("Abelson, 45, presented with chest pain.", "Abelson"),
        ("Kien phoned to ask about results.", "Kien"),
        ("Natus denies chest pain.", "Natus"),
        ("Steindler complains of headache.", "Steindler"),
        ("Abelson was reviewed on the ward.", "Abelson"),
        ("Kien and Jamshidi visited today.", "Kien"),
        ("Kien and Jamshidi visited today.", "Jamshidi"),
        ("Kien is worried about his mother.", "Kien"),
        ("Patient Jamshidi reports chest pain since Monday.", "Jamshidi"),
        ("Abelson 72M admitted with sepsis.", "Abelson"),
        ("Jamshidi (45F) admitted with sepsis.", "Jamshidi"),
        ("Mother: Steindler", "Steindler"),
        ("Daughter: Kien", "Kien"),
        ("Seen today with Steindler; he reports chest tightness.", "Steindler"),
        ("Seen again with Mesmer, who says the rash is better.", "Mesmer"),
        # Faker's annotated surnames, off the list now.
        ("Seen today, Gebauer reports less pain in the left knee.", "Gebauer"),
        ("Seen today with Makar; he reports chest tightness.", "Makar"),
        ("Patient Utrata reports chest pain since Monday.", "Utrata"),
        ("Kuder was reviewed by the team this morning.", "Kuder"),
        ("Hx from Wiktor, who says the cough started 3 days ago.", "Wiktor"),
    ],
)
def test_a_name_on_the_list_goes_without_the_first_four_guards(text: str, name: str) -> None:
    assert name not in _REDACTOR.redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Wound packed with Gelfoam, 2 sheets, and closed.", "Gelfoam"),
        ("Gelfoam was applied to the bed.", "Gelfoam"),
        ("Herzkatheter ist geplant, Dekubitus 2. Grades am Sakrum.", "Herzkatheter"),
        ("Herzkatheter ist geplant, Dekubitus 2. Grades am Sakrum.", "Dekubitus"),
        ("Tiffeneau 70% nach Bronchodilatation.", "Tiffeneau"),
        ("Hylenex was given before the infusion.", "Hylenex"),
        ("Heartmate 3 yrs ago, driveline clean.", "Heartmate"),
        ("Plan: Hylenex 150 units with the fluids.", "Hylenex"),
    ],
)
def test_a_word_of_the_list_stays_beside_the_new_cues(text: str, kept: str) -> None:
    assert kept in _REDACTOR.redact(text)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "Seen today, Jamshidi" + " " * n + "reports",
        lambda n: "Jamshidi" + " " * n + "(" + " " * n + "45F)",
        lambda n: "Mother:" + " " * n + "Steindler",
        lambda n: "Seen today" + " " * n + "with Steindler",
    ],
)
def test_the_new_guards_stay_linear(make: Callable[[int], str]) -> None:
    assert_linear(lambda n: _REDACTOR.redact(make(n)), 5_000)


# Review 56b of deid56b's deid_timed_days: a rising pair of unpadded numbers joined by a dash is
# a range before a time as often as a day and month (all removed as [DATE] on 81de0b69).
@pytest.mark.parametrize(
    "text",
    [
        "Pain score 8-12 14:00 improving.",
        "Contractions 3-4 10:00.",
        "Cycle 3 of 6, day 1-5 09:00 start.",
        "Score 10-12 12:00 on the CIWA.",
        "Obs 6-8 10:30 stable.",
    ],
)
def test_a_range_before_a_time_stays(text: str) -> None:
    assert _REDACTOR.redact(text) == text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ophalen 08-12 08:30 aan de voordeur.", "08-12"),  # padded
        ("Retour 22-1 08:30, meme taxi.", "22-1"),  # falling: no range
        ("Arrived 5/12 02:10 by ambulance.", "5/12"),  # a slash is no range
    ],
)
def test_a_day_and_month_before_a_time_still_goes(text: str, day: str) -> None:
    assert day not in _REDACTOR.redact(text)


# Review 56b of deid56a's deid_medicine_slot_names: brands sold in India that are also listed
# surnames ("Aten", atenolol; "Razo", rabeprazole) are removed as [NAME] in a medicine's slot
# on 81de0b69 (kept on c471fa70). Not mended here: the list of brands lacks them.
@pytest.mark.xfail(strict=True, reason="review56b: brand on no list, listed surname")
@pytest.mark.parametrize(
    "text", ["Tab Aten 50 mg OD", "Tab Razo 20 mg OD", "Meds: Aten, metformin"]
)
def test_a_brand_that_is_a_listed_surname_stays_in_a_medicine_slot(text: str) -> None:
    assert _REDACTOR.redact(text) == text
