"""deid62c (issue 16, recall on dates, streets, phones and cities; dev83): a day with a month
abbreviated the way European notes abbreviate it, Hungarian month-first and year-first dates,
Roman-numeral months spaced from the day (deid_month_abbreviations); telephone numbers with a
slash or dotted pairs after their label, switchboard words and internal lines after the word
for an extension of other languages (deid_phone_layouts); a street after the word for an
address of another language (deid_labelled_streets) and a street's chain of flat, staircase,
block and floor parts (deid_unit_tails).

The must-remove probes are written in other shapes than dev83's notes (other days, months,
numbers and streets); the precision probes are the counts, grades, segments, years and clinical
pairs each reading must leave (the pairs are prec62's: "BP 12/8", "Seen 3/12 ago")."""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score
from fixtures.deid_rules import gone as _gone
from fixtures.deid_rules import kept as _kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_month_abbreviations import MONTH_ABBREVIATION_PATTERNS
from medlocal.privacy.deid_phone_layouts import PHONE_LAYOUT_PATTERNS
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_unit_tails import unit_tail_spans

_DATES_GONE = [
    # A day and an abbreviated month with its stop, with or without a weekday or a range.
    ("Sturz 17. Okt. zu Hause.\n", ("17",)),
    ("Alta 9 ene. a domicilio.\n", ("9 ene",)),
    ("Visita il mer. 14 febb. in ambulatorio.\n", ("mer. 14", "14 febb")),
    ("Przyjęty 3 lut. do szpitala, wypis 11 lut.\n", ("3 lut", "11 lut")),
    ("Consulta marcada para qui., 22 abr. às 10h.\n", ("qui., 22", "22 abr")),
    ("Urlaub 12.–16. Okt., danach Kontrolle.\n", ("12.–16", "16. Okt")),
    ("Kontrol fredag d. 5. jan. hos egen læge.\n", ("fredag", "5. jan")),
    ("Εισαγωγή 14 Φεβ. με δύσπνοια.\n", ("14",)),
    # Hungarian: the month first, the day's stop after it; the year first in digits.
    ("Felvétel okt. 12., távozás okt. 19.: pneumonia.\n", ("okt. 12", "okt. 19")),
    ("Beteg szül. 1961. 04. 23., kontroll március 9-én.\n", ("1961. 04. 23", "március 9")),
    # A Roman month spaced from its day, with the year or after a date's word.
    ("Leczenie od 14 X do 21 X 2026 w oddziale.\n", ("14 X", "21 X 2026")),
    ("Cijepljen 5. IX. 2019. u ambulanti.\n", ("5. IX. 2019",)),
]


@pytest.mark.parametrize(("text", "parts"), _DATES_GONE)
def test_abbreviated_and_roman_months_go(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


_VALUES_KEPT = [
    # Shared abbreviations after a plain number, segments and grades in Roman numerals.
    ("Mg 2 mag. daily with food.\n", ("Mg 2 mag",)),
    ("Completed 3 set. of exercises.\n", ("3 set",)),
    ("Lesions in segment 3 IV and 7 VIII on MRI.\n", ("3 IV", "7 VIII")),
    ("Power 4 out of 5 in the left arm.\n", ("4 out of 5",)),
    # prec62's clinical pairs stay clinical beside these dates.
    ("Seen 3/12 ago. Aufnahme am 17. Okt.\n", ("3/12 ago",)),
    ("2/7 history of cough. Ingresó el 9 de ene.\n", ("2/7 history",)),
    ("TA 12/8, control el 9 de ene.\n", ("TA 12/8",)),
    ("VA 6/12 both eyes; review 14 febb.\n", ("6/12",)),
]


@pytest.mark.parametrize(("text", "parts"), _VALUES_KEPT)
def test_counts_grades_and_pairs_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


_PHONES_GONE = [
    ("Praxis Dr. Weber, Tel. 0621 / 38 44 90.\n", ("0621", "38 44 90")),
    ("Secrétariat tél. 07.81.22.45.90 le matin.\n", ("07.81.22.45", "90 le")),
    ("Ring the sentralbord 22 11 80 00 for the ward.\n", ("22 11 80 00",)),
    ("Filha, telem. 913 227 405.\n", ("913 227 405",)),
    ("Dom zdravlja, tel. 021/482-911, dežurstvo.\n", ("021/482-911",)),
    ("Avdelning 12, anknytning 2231, kvällstid.\n", ("2231",)),
    ("Station 3, intern 5512; Oberarzt.\n", ("5512",)),
    ("Kardiologie linka 4471, sestry.\n", ("4471",)),
    ("Servis dahili 3380, hemşire.\n", ("3380",)),
    ("Osztály mellék 41210, nővér.\n", ("41210",)),
    ("Afdeling toestel 55 120, verpleging.\n", ("55 120",)),
    ("Accueil poste 3 41 20, infirmières.\n", ("3 41 20",)),
]


@pytest.mark.parametrize(("text", "parts"), _PHONES_GONE)
def test_phones_in_more_layouts_and_extensions_go(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


_NOT_PHONES = [
    ("Intern 2019 intake started the rota.\n", ("2019",)),
    ("Cell count 2 340 000 per mL.\n", ("2 340 000",)),
    ("Mobilised 2/7 ago with physio.\n", ("2/7",)),
    ("Int. 2.5 mm tube; lokal 1000 units heparin.\n", ("2.5", "1000 units")),
]


@pytest.mark.parametrize(("text", "parts"), _NOT_PHONES)
def test_counts_after_phone_like_words_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


_STREETS_GONE = [
    ("Residente in Via Garibaldi 8, scala B, int. 12, Roma.\n", ("scala B", "int. 12")),
    ("Domiciliu Str. Lalelelor nr. 3, bl. C4, sc. 1, ap. 22, Iași.\n", ("bl. C4", "ap. 22")),
    ("Pacijent, adresa Vukovarska 118, 3. kat, Split.\n", ("Vukovarska 118", "3. kat")),
    ("Pasient, adresse Kongens gate 4, Oslo.\n", ("Kongens", "gate 4")),
    ("Beteg lakcím Petőfi Sándor u. 12/b, Szeged.\n", ("12/b",)),
]


@pytest.mark.parametrize(("text", "parts"), _STREETS_GONE)
def test_labelled_streets_and_their_unit_parts_go(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


_NOT_STREETS = [
    ("Address: no fixed abode, 2 bags of belongings.\n", ("no fixed abode", "2 bags")),
    ("Lives at 14 Mill Road, 3 days post-op today.\n", ("3 days",)),
    ("Adresse bekannt, Visite 2 x täglich.\n", ("bekannt", "2 x")),
]


@pytest.mark.parametrize(("text", "parts"), _NOT_STREETS)
def test_words_after_an_address_that_are_no_street_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


def test_the_new_patterns_are_linear() -> None:
    line = (
        "lun. 11 genn.; 7.–9. Dez.; nov. 27.; od 25 XI; tel. 07151 / 56 23 81; intern 4417; "
        "1 1 1 1 1 1 1 1; 2. 2. 2. 2. "
    )
    patterns = [p for _, p in MONTH_ABBREVIATION_PATTERNS + PHONE_LAYOUT_PATTERNS]

    def run(n: int) -> int:
        text = line * n
        return sum(1 for p in patterns for _ in p.finditer(text))

    assert_linear(run, 200)


def test_the_unit_tails_are_linear() -> None:
    def run(n: int) -> list[Redaction]:
        text = "Via Roma 14" + ", scala C" * n + "\n"
        found = [Redaction("street_address", 0, 11, "Via Roma 14", "[ADDRESS]")]
        return list(unit_tail_spans(text, found))

    assert_linear(run, 400)


# The blind half dev83: 44 notes, 880 identifiers (DATE 212, CITY 200, PHONE 144, STREET 101),
# 226 clinical terms. Blind (main 740d7d5): 803/880 found, 16 damaged; with these rules: 846
# found, 16 damaged.
def test_dev83_parses_and_stays_at_its_figures() -> None:
    notes = load("dev83")
    assert len(notes) == 44
    result = score(notes, redactor_spans)
    assert sum(result.total.values()) == 880
    assert result.clinical_total == 226
    assert sum(result.found.values()) >= 846
    assert result.clinical_damaged <= 16
