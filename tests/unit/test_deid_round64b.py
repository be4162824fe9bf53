"""deid64b (issue 16, recall on AGE and VEHICLE; dev90): labels of radio names, fleet and side
numbers of more languages, the ambulance's and the helicopter's words of more languages, a
service's unit by its town (deid_vehicle_labels_more); a hundred's and ninety's compounds of
more languages, German "einhundert", a relative's age after a preposition (deid_age_words_more);
an age in brackets before a comma after a found name (deid_name_ages); and one shared check
that drops a test's name read as an aircraft's registration or a plate after an air
ambulance's word (deid_clinical_dash_codes; review63b's open HIGH finding).

Every rule that removes more comes with precision probes in the same slots; the shared check,
which removes less, comes with must-remove probes of registrations and plates in the same
slots. The must-remove probes use other numbers, names and languages than dev90's notes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept

_VEHICLES = [
    # A radio name's, a fleet's or a side number's label of more languages.
    ("Funkrufname Rotkreuz Linz 12 alarmiert.\n", ("Linz", "12")),
    ("Vozilo hitne pomoći, pozivni znak Split 31.\n", ("Split", "31")),
    ("Posádka, volací znak Olomouc 208, dorazila.\n", ("Olomouc", "208")),
    ("Zespół P, kryptonim W-07-12, przyjechał.\n", ("W-07-12",)),
    ("Karetka, nr boczny R-31, na miejscu.\n", ("R-31",)),
    ("Kiirabi, brigaad P-22, saabus.\n", ("P-22",)),
    ("Fleet KT-209 returned to base.\n", ("KT-209",)),
    ("Viatura prefixo USA-208 chegou.\n", ("USA-208",)),
    ("Ambulancia número económico 3120 llegó.\n", ("3120",)),
    # The ambulance's word of more languages before its plate.
    ("Ambulanța B 120 XKP a sosit.\n", ("B", "120", "XKP")),
    ("Kiirabiauto 208 TRP saabus.\n", ("208", "TRP")),
    ("Sjúkrabíll KX 208 kom.\n", ("KX", "208")),
    # A helicopter's word of more languages, then its registration or radio name.
    ("Transfert par hélicoptère, immatriculé F-HJAF.\n", ("F-HJAF",)),
    ("Flutt með þyrlu; þyrla TF-LIF lenti.\n", ("TF-LIF",)),
    ("Elicottero Pegaso 3 atterrato.\n", ("Pegaso", "3")),
    # A service's unit by its town, or its abbreviation and a code.
    ("Pris en charge par le SMUR Lariboisière 3.\n", ("Lariboisière", "3")),
    ("Acionada a VMER Coimbra 1.\n", ("Coimbra", "1")),
    ("Trasporto con Croce Rossa Prato 21.\n", ("Rossa", "Prato", "21")),
    ("Activada SVB T-31 a las 10.\n", ("T-31",)),
    # A vehicle's own number label before capitals and a number; a code's word on a line
    # where a vehicle's word stands before it.
    ("Krankenwagen HH-RD 208, Fahrzeug-Nr. RD 31 unterwegs.\n", ("RD", "31")),
    ("Ambulans 06 TRK 208, kod Bozkurt-4 olay yerinde.\n", ("Bozkurt-4",)),
    ("Ασθενοφόρο ΚΗΙ 2081, κωδικός Δέλτα 4, έφτασε.\n", ("Δέλτα", "4")),
]


@pytest.mark.parametrize(("text", "words"), _VEHICLES)
def test_vehicles_after_more_labels_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_VEHICLES_KEPT = [
    # A unit or a count after the number, a drug and its strength, a score.
    ("Fleet 4 vans were busy.\n", ("4",)),
    # A hospital's alert after "code" on an ambulance's line, a Turkish alert's colour.
    ("Ambulance called; code Stroke 1 activated.\n", ("Stroke", "1")),
    ("Ambulans geldi; kod mavi 2 verildi.\n", ("mavi", "2")),
    ("The service's fleet 31 ambulances strong.\n", ("31",)),
    ("Kryptonim GCS 14 w karcie.\n", ("GCS", "14")),
    ("Aircraft Ramipril 5 given before take-off.\n", ("Ramipril", "5")),
    ("SVA 2 mg de adrenalina.\n", ("2",)),
    ("SIV Ramipril 5 mg.\n", ("Ramipril", "5")),
    ("Hélicoptère: PT-INR 2,8 à l'arrivée.\n", ("PT-INR", "2,8")),
    # A centenary, not a centenarian.
    ("Sairaalan satavuotias historia esiteltiin.\n", ("satavuotias",)),
    ("A százéves épület felújítása.\n", ("százéves",)),
]


@pytest.mark.parametrize(("text", "words"), _VEHICLES_KEPT)
def test_values_in_the_same_slots_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


@pytest.mark.xfail(strict=True, reason="pre-existing on main f48d85ad (deid_call_sign_words)")
def test_a_score_after_a_helicopters_word_stays() -> None:
    # The English "helicopter" is deid_call_sign_words' vehicle word, before a code of capitals
    # and a number; this round's helicopter reader refuses capitals before the number.
    _kept("Helicopter GCS 14 on arrival.\n", "GCS", "14")


_AGES = [
    # A hundred's and ninety's compounds of more languages.
    ("Potilas on satavuotias ja asuu yksin.\n", ("satavuotias",)),
    ("Äiti, yhdeksänkymmentäkolmevuotias, kaatui.\n", ("yhdeksänkymmentäkolmevuotias",)),
    ("Pacjentka jest stulatką, mieszka z córką.\n", ("stulatką",)),
    ("Pacientka stoletá, žije sama.\n", ("stoletá",)),
    ("A beteg százéves, egyedül él.\n", ("százéves",)),
    ("Patsient on sajaaastane.\n", ("sajaaastane",)),
    # German "einhundert" and a number word in brackets after the years.
    ("Die Mutter ist einhundertzwei Jahre alt.\n", ("einhundertzwei",)),
    ("Er ist 103 Jahre (hundertdrei) alt.\n", ("103", "hundertdrei")),
    # The same number words as ages still go.
    ("Die Tante ist hundert Jahre alt.\n", ("hundert",)),
    ("La bisabuela tiene cien años.\n", ("cien",)),
    ("Mit hundert Jahren zog sie ins Heim.\n", ("hundert",)),
    # A relative's age after a preposition of Spanish, Portuguese, Italian.
    ("Vive con su hermana de 97; sin apoyo.\n", ("97",)),
    ("Mora com a mãe com 102 anos.\n", ("102",)),
    ("Assistito dalla moglie di 93, invalida.\n", ("93",)),
    # An age in brackets before a comma after a found name.
    ("Her friend Mr Walter Pinchbeck (104, in a home) rang.\n", ("104",)),
]


@pytest.mark.parametrize(("text", "words"), _AGES)
def test_ages_in_more_words_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_AGES_KEPT = [
    ("Hermana de 95 kg, obesa.\n", ("95",)),
    ("Su madre de 92 mg/dl de glucemia.\n", ("92",)),
    ("Die Infusion lief einhundert Minuten.\n", ("einhundert",)),
    ("Mr Walter Pinchbeck (96, 98) rang.\n", ("96", "98")),
    # A span of time, not an age (the brief's "seit hundert Jahren"; review63b's strict xfail).
    ("Der Hof ist seit hundert Jahren im Familienbesitz.\n", ("hundert",)),
    ("El hospital existe desde hace cien años.\n", ("cien",)),
    ("Das Heim wurde vor einhundert Jahren gebaut.\n", ("einhundert",)),
    ("Hermana de 85; vive cerca.\n", ("85",)),
]


@pytest.mark.parametrize(("text", "words"), _AGES_KEPT)
def test_other_numbers_in_the_age_slots_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_TESTS_KEPT = [
    # review63b's air-ambulance finding: the tests on a flight's line stay.
    ("Air ambulance: PT-INR 3.2 on warfarin.\n", ("PT-INR", "3.2")),
    ("HEMS: I-STAT K 4.1 on landing.\n", ("I-STAT", "4.1")),
    ("Air ambulance crew: C-ANCA positive.\n", ("C-ANCA",)),
    ("Flight: aircraft N95 mask for the crew.\n", ("N95",)),
    ("Air ambulance retrieval, HS-TNT 45 ng/L.\n", ("HS-TNT", "45")),
    ("Ambulance: PT-INR 2.9, on warfarin.\n", ("PT-INR", "2.9")),
]


@pytest.mark.parametrize(("text", "words"), _TESTS_KEPT)
def test_a_test_after_a_rescue_aircrafts_word_stays(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_REGISTRATIONS_GONE = [
    # Registrations and plates in the same slots still go (the check removes less).
    ("Air ambulance: C-GKTR on the apron.\n", ("C-GKTR",)),
    ("HEMS G-KSSH landed at 14:10.\n", ("G-KSSH",)),
    ("Air ambulance PT-MZR, INR 3.2 on landing.\n", ("PT-MZR",)),
    ("Ambulance reg PT-AB 4417 in the bay.\n", ("4417",)),
    ("Flight: tail N417GC, mask N95 for the crew.\n", ("N417GC",)),
]


@pytest.mark.parametrize(("text", "words"), _REGISTRATIONS_GONE)
def test_registrations_beside_the_tests_still_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_NATIONAL_NUMBERS = [
    # Bare, by their check digits (computed, not guessed).
    ("Copy of card attached: 784-1962-3301475-0 for the file.\n", ("784-1962-3301475-0",)),
    ("Table row: 046 454 286 | pending\n", ("046", "454", "286")),
    ("Dossier: 85.07.30-033.28 transmis.\n", ("85.07.30-033.28",)),
    ("Nachweis: 12 150662 M 021 liegt vor.\n", ("150662", "021")),
    # The scheme's label on the line takes the shape even where a copy's check digit slipped.
    ("Zus belt; INSZ 61.02.14-117.05 voor het dossier.\n", ("61.02.14-117.05",)),
    ("Emirates ID (copy): 784-1951-1234567-0\n", ("784-1951-1234567-0",)),
]


@pytest.mark.parametrize(("text", "words"), _NATIONAL_NUMBERS)
def test_bare_national_numbers_go_by_their_check(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_NUMBERS_KEPT = [
    # The same shapes with failing check digits and no label stay (a count, a lot, a code).
    ("Platelets counted: 146 454 286 cells in the run.\n", ("146", "454", "286")),
]


@pytest.mark.parametrize(("text", "words"), _NUMBERS_KEPT)
def test_the_shapes_without_their_check_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def test_dev90_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev90")
    assert len(notes) == 42
    assert sum(len(n.identifiers) for n in notes) == 596
    assert sum(len(n.clinical) for n in notes) == 219

    result = score(notes, redactor_spans, labels_outside=True)
    # Main f48d85ad, as written blind: 558 found (AGE 86, VEHICLE 89), 21 terms damaged; 559
    # (VEHICLE 90) with the ship's prefix put outside its span (dev87's convention).
    assert sum(result.found.values()) >= 582
    assert result.found["AGE"] >= 91
    assert result.found["VEHICLE"] >= 108
    assert result.clinical_damaged <= 18


def test_the_new_finders_stay_linear() -> None:
    # A label's word before a long run of blanks, a helicopter's word before a long line, a
    # service's name before many words: a ratio, not a clock.
    from fixtures.timing import assert_linear

    from medlocal.privacy.deid_age_words_more import age_word_more_candidates
    from medlocal.privacy.deid_vehicle_labels_more import vehicle_label_candidates

    def run(n: int) -> None:
        for text in (
            "Funkrufname" + " " * n + "x",
            "fleet" + "\t" * n + "x",
            "helicopter" + " Aa" * n,
            "SMUR" + " Aa" * n,
            "Ambulanța " + "1 " * n,
            "hermana de" + " " * n + "9",
            "satavuotia" + "s" * n,
        ):
            list(age_word_more_candidates(text))
            list(vehicle_label_candidates(text))

    assert_linear(run, 10_000)
