"""review62q (review of prec62): a score's eponym is kept before its value only where the word is
a listed scale and the value one that scale takes, and a blood group system's word only in
notation no person's name is written in. prec62's rule kept any unknown capitalised word before a
small number, so people, streets and towns before a number leaked: each probe below was kept
(the identifier left in the text) on main 35cc3a7c and is removed again."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_rules import gone_words, kept_words
from fixtures.timing import assert_linear

from medlocal.privacy.deid_blood_groups import without_blood_groups
from medlocal.privacy.deid_eponym_scores import without_eponym_scores
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction

# Identifiers before a number, each left in the text by prec62's score rule.
_LEAKS = [
    ("Okafor 12\n", "Okafor"),  # a surname with a bed, bleep or room number
    ("Handover:\nOkafor 12\nAdeyemi 14\n", "Okafor"),
    ("Handover:\nOkafor 12\nAdeyemi 14\n", "Adeyemi"),
    ("Okonkwo 5 today\n", "Okonkwo"),
    ("Okonkwo 5, reviewed\n", "Okonkwo"),
    ("Okonkwo 5.\n", "Okonkwo"),
    ("Zhang 4 review\n", "Zhang"),
    ("Ward 5: Okafor 4\n", "Okafor"),
    ("5. Okafor 4\n", "Okafor"),
    ("Okafor 4 - daughter\n", "Okafor"),
    ("Okafor 4 ward\n", "Okafor"),
    ("Duffy 2 attended.\n", "Duffy"),  # people named like a blood group system
    ("Kidd 4 in clinic.\n", "Kidd"),
    ("Reviewed by the team. Duffy 3 is well.\n", "Duffy"),
    ("Mannerheimintie 14\n", "Mannerheimintie"),  # a one-word street before its number
    ("Praha 5\n", "Praha"),  # a town before its district
    ("Wien 3\n", "Wien"),
    ("Regards\nHertel 22\n", "Hertel"),  # a listed scale's word without its unit: a signature
    ("Zimmer 4:\nPfeiffer 3\n", "Pfeiffer"),  # a common surname, kept only with "errores"
]


@pytest.mark.parametrize(("text", "word"), _LEAKS)
def test_an_identifier_before_a_number_goes(text: str, word: str) -> None:
    gone_words(text, word)


# A listed scale's word with a value the scale cannot take is a person's bleep, room or house.
_OUT_OF_RANGE = [
    ("Downton 44\n", "Downton"),  # Downton runs 0-11
    ("Apfel 7\n", "Apfel"),  # Apfel runs 0-4
    ("Likert 12\n", "Likert"),
]


@pytest.mark.parametrize(("text", "word"), _OUT_OF_RANGE)
def test_a_listed_scale_word_with_an_impossible_value_goes(text: str, word: str) -> None:
    gone_words(text, word)


# Blood group system words after a cue or relation, or before a word a person is written with.
_GROUP_PEOPLE = [
    ("Letter: dictated by Lewis typing by Kell.\n", "Lewis"),
    ("Lewis system update done by IT\n", "Lewis"),
    ("Accompanied by daughter Lewis antigen\n", "Lewis"),
]


@pytest.mark.parametrize(("text", "word"), _GROUP_PEOPLE)
def test_a_person_named_like_a_blood_group_goes(text: str, word: str) -> None:
    gone_words(text, word)


# The scales and blood groups the rules are for stay, in shapes prec62's tests did not try.
_KEPT = [
    ("Falls: Downton 4\n", ("Downton",)),
    ("Hertel 17 mm OD, 18 mm OS\n", ("Hertel",)),
    ("Schirmer 8 mm both eyes\n", ("Schirmer",)),
    ("Schober 10/14 cm\n", ("Schober",)),  # a pair with its unit is no date (removed on main)
    ("Kell K-, Kidd Jk(a+b-), Duffy Fy(a-b+)\n", ("Kidd", "Duffy")),
    ("Lewis Le(a-b+)\n", ("Lewis",)),
    ("Hughes-Score 3\n", ("Hughes-Score",)),
    ("Montgomery-Asberg 28\n", ("Montgomery-Asberg",)),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_a_listed_scale_or_blood_group_stays(text: str, words: tuple[str, ...]) -> None:
    kept_words(text, *words)


def _filtered(lines: int) -> object:
    text = "Falls: Downton 4; Kidd Jk(a+); Okafor 12; Lewis B antigen\n" * lines
    words = [m for m in re.finditer(r"Downton|Kidd|Okafor|Lewis", text)]
    candidates = [Redaction("name", m.start(), m.end(), m.group(), "[NAME]") for m in words]
    kept = without_blood_groups(text, candidates)
    return list(without_eponym_scores(text, kept, lexicon(), ["Jane", "Doe"]))


def test_the_filters_take_linear_time() -> None:
    assert len(_filtered(1)) == 1  # only Okafor, a person, is left a candidate
    assert_linear(_filtered, 2000)
