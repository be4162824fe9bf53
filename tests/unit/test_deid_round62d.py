"""deid62d (issue 16, recall on AGE, VEHICLE and the code types; dev84): ages under an age
column headed in many languages (deid_world_age_columns); dated birthdays, lists of ages, German
"J." and the singular "рік" (deid_age_sayings); crews', units' and call signs' codes, dashed
fleet numbers and aircraft registrations after aircraft's words (deid_crew_codes); national,
insurance, licence, invoice and file numbers after labels of many languages in every written
shape (deid_world_card_labels).

Every rule removes more, so each comes with precision probes in the same slots. The must-remove
probes use other numbers, names and languages than dev84's notes, so that they test the rule,
not the half."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact

_AGE_COLUMNS = [
    # An age column headed in another language, pipes without outer pipes.
    ("Bett | Name | Alter | Diagnose\n12 | Krause, Edith | 93 | Sturz\n", ("93",)),
    # Tabs, Spanish.
    ("Cama\tNombre\tEdad\tDx\n4\tRuiz, Ana\t101\tEPOC\n", ("101",)),
    # Semicolons, French, a unit after the number.
    ("Chambre;Nom;Âge;Motif\n7;Roux, Paul;96 ans;chute\n", ("96",)),
    # Pipes with outer pipes, Polish, a unit of years in the header.
    ("| Sala | Nazwisko | Wiek (lat) |\n| 3 | Nowak | 94 |\n", ("94",)),
    # Japanese and Korean headers.
    ("病室 | 氏名 | 年齢 | 病名\n301 | 佐藤 | 97 | 肺炎\n", ("97",)),
    ("병실 | 이름 | 나이 | 진단\n5 | 박 | 92 | 폐렴\n", ("92",)),
]


@pytest.mark.parametrize(("text", "words"), _AGE_COLUMNS)
def test_ages_under_an_age_column_of_any_language_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_AGE_COLUMNS_KEPT = [
    # Other columns, and ages under 90, stay.
    ("Bett | Name | Alter | Puls\n12 | Krause, Edith | 83 | 96\n", ("83", "96")),
    # A header that is no age's word alone names no age column.
    ("Kind | Gestational age | Weight\nA | 95 | 3.1\n", ("95",)),
    ("Name;Alter (Monate);Gewicht\nMia;96;12\n", ("96",)),
    ("Test;Age (wk);Result\nA;92;pos\n", ("92",)),
    # A number with a decimal or a range in the age column is no age.
    ("Bett | Name | Alter | Puls\n12 | Krause, Edith | 93.5 | 70\n", ("93.5",)),
]


@pytest.mark.parametrize(("text", "words"), _AGE_COLUMNS_KEPT)
def test_other_columns_and_other_headers_keep_their_numbers(
    text: str, words: tuple[str, ...]
) -> None:
    _kept(text, *words)


_AGE_SAYINGS = [
    ("Her aunt Maud will be 102 in October.\n", ("102",)),
    ("He turns 91 next week and wants a party.\n", ("91",)),
    ("Mr Okafor is turning 100 on Sunday.\n", ("100",)),
    ("Ages of the siblings: 97, 84 and 93.\n", ("97", "93")),
    ("Edades de los residentes: 92, 79, 95.\n", ("92", "95")),
    ("Pat.: Lehmann, Irmgard, geb. 02.02.1930, 96 J., Zimmer 4\n", ("96",)),
    ("Пацієнт, 101 рік, живе з донькою.\n", ("101",)),
]


@pytest.mark.parametrize(("text", "words"), _AGE_SAYINGS)
def test_dated_birthdays_lists_and_units_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_AGE_SAYINGS_KEPT = [
    # A value or a dose "will be" in a month, with no one in the clause.
    ("The dose will be 100 in March if tolerated.\n", ("100",)),
    ("HR will be 95 in the next hour.\n", ("95",)),
    ("Target SpO2 will be 92 on room air.\n", ("92",)),
    # The numbers under 90 of a list of ages.
    ("Ages of the siblings: 97, 84 and 93.\n", ("84",)),
    ("Ages at onset: 45, 52, 61.\n", ("45", "52", "61")),
    # Insulin's "J." after a strength and before a route; German "J." of a date.
    ("Insulin Lantus 96 J. s.c. abends\n", ("96",)),
    ("Heparin, 100 J./kg i.v.\n", ("100",)),
    # The singular year after a number that is no age.
    ("Рік 2026, 81 рік\n", ("81",)),
]


@pytest.mark.parametrize(("text", "words"), _AGE_SAYINGS_KEPT)
def test_values_and_ages_under_90_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_CREWS = [
    ("Transporte: unidade SIV 27, tripulação de dois.\n", ("SIV", "27")),
    ("Przewóz karetką, zespół S 07 233.\n", ("S", "07", "233")),
    ("Echipajul CJ 12 SMD a sosit la 14:10.\n", ("CJ", "12", "SMD")),
    ("112 ekibi ANK-27 olay yerine ulaştı.\n", ("ANK-27",)),
    ("Arrived by móvil R-33 from the base.\n", ("R-33",)),
    ("Radio: indicativo Tango 31, base Oviedo.\n", ("Tango", "31")),
    ("Funkrufname Falke 12 bestätigt.\n", ("Falke", "12")),
    ("Pilot vessel, call sign OXZT, alongside.\n", ("OXZT",)),
    ("Ambulanssi 61-2210 saapui.\n", ("61-2210",)),
    ("Tractor KX2 5510 jack-knifed on the A14.\n", ("KX2", "5510")),
    ("Flown by ambulance helicopter OY-HJD to Odense.\n", ("OY-HJD",)),
    ("Repatriated on air ambulance jet G-ZZEE.\n", ("G-ZZEE",)),
]


@pytest.mark.parametrize(("text", "words"), _CREWS)
def test_crews_units_call_signs_and_aircraft_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_CREWS_KEPT = [
    ("Crew 2 paramedics, crew GCS 14 on arrival.\n", ("2", "GCS", "14")),
    ("Unidad 3 pacientes; Unidad UCI 3 llena.\n", ("3", "UCI")),
    ("Tender RUQ 2 cm below the margin; tender LIF 3/10.\n", ("RUQ", "LIF")),
    ("Llegó en ambulancia 24-48 h después.\n", ("24-48",)),
    ("Helicopter transfer; G-CSF started, C-ANCA sent.\n", ("G-CSF", "C-ANCA")),
    ("Call sign pending; crew ECG 12-lead done.\n", ("ECG", "12-lead")),
]


@pytest.mark.parametrize(("text", "words"), _CREWS_KEPT)
def test_values_after_crew_words_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_CARDS = [
    ("Médecin traitant, INAMI 1-55221-37-004.\n", ("1-55221-37-004",)),
    ("Sozialversicherungsnummer 65 230471 M 012 liegt vor.\n", ("65", "230471", "M", "012")),
    ("Número de utente 551 230 774, residente.\n", ("551", "230", "774")),
    ("Carteira: 0 552 007713390 00 1, plano enfermaria.\n", ("007713390",)),
    ("Dr. Lopes, CRM-RJ 552 104.\n", ("552", "104")),
    ("Dra. Ríos, cédula profesional 5521047.\n", ("5521047",)),
    ("Medical card 5510 7723 KB issued.\n", ("5510", "7723", "KB")),
    ("nota fiscal NF 000.552.771 emitida.\n", ("000.552.771",)),
    ("national ID 08-552107 K 42 on file.\n", ("08-552107", "K", "42")),
    ("RAMQ: LEMJ 7110 0355 valide.\n", ("LEMJ", "7110", "0355")),
    ("Fallnummer 2026330571 angelegt.\n", ("2026330571",)),
    ("HCPC PA 55210 registered.\n", ("PA", "55210")),
    ("licence IE-DL 552104773 sighted.\n", ("552104773",)),
]


@pytest.mark.parametrize(("text", "words"), _CARDS)
def test_numbers_after_labels_of_many_languages_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_CARDS_KEPT = [
    ("NF 1 mutation confirmed; TSI 140%; CRF 4.\n", ("NF", "1", "TSI", "140", "CRF", "4")),
    ("NSS 1000 ml over 8 h; DHA 1000 mg daily.\n", ("1000",)),
    ("CIP 400 mg IV; SNS 100 Hz stimulation.\n", ("400", "100")),
    ("Sem processo inflamatório 2; factura pendiente 3.\n", ("2", "3")),
    ("LOINC 4548-4; SNOMED 44054006; ATC B01AF02; c.388T>C.\n", ("4548-4", "44054006")),
]


@pytest.mark.parametrize(("text", "words"), _CARDS_KEPT)
def test_values_after_ambiguous_labels_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def test_a_date_after_a_file_label_is_shifted_not_taken_as_a_code() -> None:
    out = redact("Die Fallnummer 12.03.2026 folgt.\n")
    assert "[ID]" not in out and "2026" in out, out


def test_dev84_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev84")
    assert len(notes) == 40
    assert sum(len(n.identifiers) for n in notes) == 573
    assert sum(len(n.clinical) for n in notes) == 163

    result = score(notes, redactor_spans, labels_outside=True)
    # Main 740d7d5 (blind): 535 found (538 with its three title slips mended), AGE 82,
    # VEHICLE 63, HEALTHPLAN 39, 5 terms damaged.
    assert sum(result.found.values()) >= 562
    assert result.found["AGE"] >= 89
    assert result.found["VEHICLE"] >= 73
    assert result.found["HEALTHPLAN"] >= 42
    assert result.clinical_damaged <= 5


@pytest.mark.parametrize(
    ("label", "after"),
    [("RAMQ", " "), ("Rentenversicherungsnr.", " "), ("| Alter", "\t"), ("sigla", " ")],
)
def test_a_new_label_before_a_long_run_of_blanks_is_read_at_once(label: str, after: str) -> None:
    # Blank runs side by side after a label are quadratic; the new ones are possessive or
    # bounded. The new finders are measured alone: the whole redactor is quadratic on "| Alter"
    # and a run of tabs on main already (2.7 s, then 26 s for 4x). A ratio, not a clock.
    from fixtures.timing import assert_linear

    from medlocal.privacy.deid_age_sayings import age_saying_candidates
    from medlocal.privacy.deid_crew_codes import crew_code_candidates
    from medlocal.privacy.deid_world_age_columns import world_age_column_candidates
    from medlocal.privacy.deid_world_card_labels import world_card_label_candidates

    def run(n: int) -> None:
        text = label + after * n + "x"
        for finder in (
            world_age_column_candidates,
            age_saying_candidates,
            crew_code_candidates,
            world_card_label_candidates,
        ):
            list(finder(text))

    assert_linear(run, 10_000)
