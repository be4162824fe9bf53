"""Review 62d (of deid62d): the whole redactor read "| Alter" and a long run of tabs in
quadratic time (two age patterns with blank runs side by side around an optional colon, and the
letterhead's bar read again from each blank); a 92 under an "Age (wk)" header was taken as an
age; "Ambulance 10-15 min" lost its range of minutes as a vehicle's number.

Each keep probe comes with must-remove probes in the same slots."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact


@pytest.mark.parametrize("lead", ["| Alter", "95", "Frau", "patient", "aged"])
def test_the_redactor_reads_a_long_run_of_tabs_after_an_age_cue_in_linear_time(lead: str) -> None:
    # On main (7fefaa21) "| Alter" and 4x the tabs took ~10x the time, "95" ~7x.
    from fixtures.timing import assert_linear

    redact("x")
    assert_linear(lambda n: redact(lead + "\t" * n + "x"), 8_000)


_WEEKS_KEPT = [
    # A number of weeks or months under an age's header with its unit is no age over 89.
    "| Test | Age (wk) | Result |\n| GA | 92 | ok |\n",
    "| Item | Age (months) | Score |\n| Walks | 96 | 3 |\n",
]


@pytest.mark.parametrize("text", _WEEKS_KEPT)
def test_a_number_under_an_age_in_weeks_or_months_stays(text: str) -> None:
    _kept(text, "92" if "92" in text else "96")


_YEARS_GONE = [
    # The same tables headed with an age in years, or with no unit, still lose the age.
    ("| Name | Age (y) | Ward |\n| Smith | 92 | 4 |\n", "92"),
    ("| Name | Age (years) | Ward |\n| Smith | 95 | 4 |\n", "95"),
    ("| Name | Age | Ward |\n| Smith | 97 | 4 |\n", "97"),
]


@pytest.mark.parametrize(("text", "age"), _YEARS_GONE)
def test_an_age_in_years_under_its_header_still_goes(text: str, age: str) -> None:
    _gone(text, age)


@pytest.mark.parametrize(
    "text", ["Ambulance 10-15 min away.", "ambulance 20-30 mins out", "taxi 5-10 minutes late"]
)
def test_a_range_of_minutes_after_a_vehicle_word_stays(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("ambulance KX-4471 attended", "KX-4471"),
        ("Ambulance 24-4410 crew on scene", "24-4410"),
        ("car AB-12-CD parked outside", "AB-12-CD"),
        ("Ambulance 10-15 on scene", "10-15"),
    ],
)
def test_a_dashed_plate_or_fleet_number_after_a_vehicle_word_still_goes(
    text: str, plate: str
) -> None:
    assert plate not in redact(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ibuprofen 400 mg, PZN 04018238, 20 Tbl.", "04018238"),
        ("Pharmazentralnummer: 01234562 (Metamizol)", "01234562"),
        ("Abgabe: PZN-4018238", "4018238"),
    ],
)
def test_a_drug_article_number_after_its_label_stays(text: str, code: str) -> None:
    # Its check digit holds: a pack of a medicine, the same in every pharmacy.
    assert code in redact(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # The check digit fails: a number after the label by mistake still goes.
        ("PZN 12345670 (Rezept)", "12345670"),
        # The same digits after a patient's, a case's or an insurance number's label go.
        ("Patient-Nr. 04018238", "04018238"),
        ("Fallnummer 04018238", "04018238"),
        ("PZN 04018238, Versichertennummer 01234562", "01234562"),
    ],
)
def test_a_number_after_a_pzn_label_that_fails_its_check_or_after_another_label_goes(
    text: str, number: str
) -> None:
    assert number not in redact(text)


@pytest.mark.parametrize(
    "text",
    ["Invoice 12345.00 USD settled", "Rechnung 44718,50 EUR offen", "fattura 44718.20 CHF saldata"],
)
def test_an_invoice_amount_is_no_invoice_number(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Invoice 12345678 settled", "12345678"),
        ("factura 000.447.188 pagada", "000.447.188"),
        ("Rechnung 2024/44718 offen", "2024/44718"),
    ],
)
def test_an_invoice_number_still_goes(text: str, number: str) -> None:
    assert number not in redact(text)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        # A ward's or service's initials after "unidad"/"unidade" name a bay, not a vehicle.
        ("Admitida na Unidade AVC 2 ontem; viatura VMER 3 trouxe-a.", "AVC 2", "VMER 3"),
        ("Paciente en Unidad HD 3; traslado en móvil SAMU 41.", "HD 3", "SAMU 41"),
        ("Ingresa en unidad TCE 2. Unidad SVA 4 en escena.", "TCE 2", "SVA 4"),
    ],
)
def test_a_wards_initials_after_a_unit_word_stay_and_a_crews_code_goes(
    text: str, kept: str, gone: str
) -> None:
    out = redact(text)
    assert kept in out
    assert gone not in out


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        # Numbers of days in a list of ages are an infant's, no age over 89.
        ("Ages: 90 days, 95 days; ages of the others: 92, 97", "90 days", "97"),
        ("Edades: 93, 101; edades (lactantes): 91 días", "91 días", "101"),
    ],
)
def test_days_in_a_list_of_ages_stay_and_years_go(text: str, kept: str, gone: str) -> None:
    out = redact(text)
    assert kept in out
    assert gone not in out


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        # A unit read as a number's check letters made a dose a card's number.
        ("DHA 10000 IU daily; DHA 44718 2205", "10000 IU", "44718 2205"),
    ],
)
def test_a_dose_after_a_card_label_stays_and_the_cards_number_goes(
    text: str, kept: str, gone: str
) -> None:
    out = redact(text)
    assert kept in out
    assert gone not in out
