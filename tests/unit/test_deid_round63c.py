"""deid63c (issue 16, recall on streets; dev88): a street whose name the word scan or the
statistical line took as a name or a place, grown over its street word and house number
(deid_street_numbers), and the Norwegian floor word among a street's unit parts
(deid_unit_tails: "2. etg.").

The must-remove probes are written in other streets, towns and numbers than the development
halves' notes; the precision probes are the counts, times, doses, dates and scores after a name
or a place that the reading must leave."""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score
from fixtures.deid_rules import gone as _gone
from fixtures.deid_rules import kept as _kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_street_numbers import street_number_spans

_STREETS_GONE = [
    # A compound street name (-katu, -gatan) and its house number, staircase and flat.
    ("Tytär asuu osoitteessa Kauppakatu 7 A 3, 40100 Jyväskylä.\n", ("Kauppakatu", "7 A 3")),
    ("Sonen bor på Storgatan 41, 411 38 Göteborg.\n", ("Storgatan", "41")),
    # A street word or a house-number word between the name and the number.
    ("Unokája: Kovács Eszter, Váci út 112, Budapest.\n", ("Váci", "112")),
    ("Cousin: Rákóczi u. 14/b, Szeged.\n", ("Rákóczi", "14/b")),
    ("Fiul locuiește pe Strada Mihai Viteazu nr. 9, Sibiu.\n", ("Viteazu", "nr. 9")),
    ("Ehefrau wohnt in der Kasseler Str. 27, 34117 Kassel.\n", ("Kasseler", "27")),
    # A street abbreviation or word before the name.
    ("Syn: Bd. Eroilor 22, Brașov.\n", ("Bd.", "Eroilor", "22")),
    ("Hija en c/ Alcalá 140, Madrid.\n", ("c/", "Alcalá", "140")),
    ("Corka mieszka os. Piastowskie 14 m. 3, Poznań.\n", ("os.", "Piastowskie", "14 m. 3")),
    ("Hermana: rue Sainte-Catherine 212, Bordeaux.\n", ("rue", "Sainte-Catherine", "212")),
    # The Norwegian floor after a found street.
    ("Datter: Kalfarveien 31 B, 4. etg., 5018 Bergen.\n", ("Kalfarveien", "31 B", "4. etg")),
]

# What follows a found name or place and is no house number: a count, a time, a dose, a date
# after a street, a score list, a phone's area code, a citation's year.
_KEPT = [
    ("Referred via Dr Patel 2 weeks ago with dyspnoea.\n", ("via", "2 weeks")),
    ("Escalated via NHS Tayside 0900 call; CT booked.\n", ("via", "0900")),
    ("Dr Lindqvist: Hunt and Hess 3, Fisher 4, WFNS 2.\n", ("Hunt and Hess 3", "Fisher 4")),
    ("Hämeenkatu 14 potilasta odottaa.\n", ("14 potilasta",)),
    ("Str. Horea 12 mg daily was a typo.\n", ("12 mg",)),
    ("Contact CNS Ceri Lane 029 2074 4417 for advice.\n", ("for advice",)),
]


@pytest.mark.parametrize(("text", "parts"), _STREETS_GONE)
def test_streets_and_their_numbers_are_removed(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(("text", "parts"), _KEPT)
def test_counts_times_and_doses_after_a_name_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


def _found(text: str, kind: str, words: str) -> Redaction:
    start = text.index(words)
    return Redaction(kind, start, start + len(words), words, "[NAME]")


def test_a_date_after_a_street_is_not_read_as_its_number() -> None:
    text = "Bloods at Labcorp Peters Creek Rd 2/27. Continue furosemide.\n"
    found = [_found(text, "street_address", "Peters Creek Rd")]
    assert list(street_number_spans(text, found)) == []


def test_a_number_after_a_name_that_is_no_street_is_not_read() -> None:
    text = "Seen by Lindqvist 14, then home.\n"
    assert list(street_number_spans(text, [_found(text, "name", "Lindqvist")])) == []


def test_a_street_name_without_its_street_word_is_not_grown() -> None:
    # A person's name and a count ("Ana Popescu 3,") stay; "Strada Popescu 3," is a street.
    text = "Ana Popescu 3, Strada Popescu 3, Sibiu\n"
    found = [_found(text, "name", "Ana Popescu"), _found(text, "name", "Strada Popescu")]
    grown = [text[r.start : r.end] for r in street_number_spans(text, found)]
    assert grown == ["Strada Popescu 3"]


def test_et_al_is_no_street_abbreviation() -> None:
    text = "As in Jonsson et al. Lindgren, 12 cases.\n"
    assert list(street_number_spans(text, [_found(text, "name", "Lindgren")])) == []


def test_a_house_number_word_alone_makes_no_street() -> None:
    text = "Ward Nightingale No. 3, bay 2.\n"
    assert list(street_number_spans(text, [_found(text, "location", "Nightingale")])) == []


def test_shorthand_before_a_name_joins_it_only_with_a_house_number() -> None:
    # "c/" is also "with" ("Consulta c/ Dra. Pérez"); "c/ Alcalá 140," is a street.
    text = "Consulta c/ Pérez mañana; hija en c/ Alcalá 140, Madrid.\n"
    found = [_found(text, "name", "Pérez"), _found(text, "name", "Alcalá")]
    grown = [text[r.start : r.end] for r in street_number_spans(text, found)]
    assert grown == ["c/ Alcalá 140"]


def test_the_street_numbers_are_linear() -> None:
    def run(n: int) -> list[Redaction]:
        text = "Kauppakatu 7, " * n + "\n"
        found = [Redaction("name", 14 * i, 14 * i + 10, "Kauppakatu", "[NAME]") for i in range(n)]
        return list(street_number_spans(text, found))

    assert_linear(run, 400)


# The blind half dev88: 42 notes, 725 identifiers (PERSON 215, DATE 117, CITY 81, STREET 66,
# PATIENT 51, ID 38), 140 clinical terms. Blind (main ac9153e1): 689/725 found, 8 damaged; with
# these readers: 692 found, 8 damaged.
def test_dev88_parses_and_stays_at_its_figures() -> None:
    notes = load("dev88")
    assert len(notes) == 42
    result = score(notes, redactor_spans)
    assert sum(result.total.values()) == 725
    assert result.clinical_total == 140
    assert sum(result.found.values()) >= 692
    assert result.clinical_damaged <= 8
