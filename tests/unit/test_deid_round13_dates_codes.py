"""Thirteenth round: dates, ages, numbers and codes (deid_calendar_forms, deid_number_forms,
deid_csv_ages). Examples are invented here, not taken from the evaluation set."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


def gone(text: str, *parts: str) -> None:
    out = redact(text)
    for part in parts:
        assert part not in out, out


def kept(text: str, *parts: str) -> None:
    out = redact(text)
    for part in parts:
        assert part in out, out


# Dates.


def test_a_month_of_another_language_before_its_day_and_year() -> None:
    gone("Petsa ng pagpasok: Setyembre 14, 2025 0810H", "Setyembre", "14, 2025")
    gone("consulta em março 3 de 2025, retorno", "março", "2025")


def test_a_month_of_another_language_with_a_slashed_year() -> None:
    gone("queda em setembro/2024 sem fratura", "setembro", "2024")
    gone("Erstdiagnose Oktober-2023, seither stabil", "Oktober", "2023")


def test_polish_dates_keep_their_year_mark_with_them() -> None:
    gone("Data urodzenia: 7 marca 1941 r.   Płeć: K", "7 marca", "1941", " r.")
    gone("Data przyjęcia: 03.10.2025 r., godz. 10:00", "03.10.2025", " r.,")
    gone("ur. 12 V 1938 r. w Radomiu", "12 V 1938 r.")


def test_a_part_of_a_month_goes_with_the_month() -> None:
    gone("Stay abroad until end March 2026.", "end March", "end ")
    gone("Recheck lipids late Oct 2025 please.", "late Oct")
    gone("Repetir a finales de mayo de 2026.", "finales", "mayo")
    kept("The end may be near; late in the evening.", "end may", "late in the evening")


def test_hijri_months_as_south_asia_spells_them() -> None:
    gone("Follow-up (9 Rabi-us-Sani 1447 AH) in clinic", "Rabi-us-Sani", "1447")
    gone("Seen 2 Zil-Hajj 1446, fasting advice", "Zil-Hajj")


def test_a_german_day_and_month_before_a_time_or_in_a_range() -> None:
    gone("Befund telefonisch an Dr. Kern 14.10. 09:40 übermittelt.", "14.10.")
    gone("stationär vom 02.09. bis 11.09.2025 behandelt", "02.09.", "bis", "11.09.2025")
    kept("K 4.5. Na 139 mmol/l", "K 4.5.")


def test_maori_months_with_hyphens_and_their_weekday() -> None:
    gone("Rā: Rāmere, 6 Whiringa-a-nuku 2025", "Rāmere", "Whiringa-a-nuku", "2025")


# Ages.


def test_ages_over_89_in_a_csv_age_column() -> None:
    text = (
        "Bed,Name,Age,Admitted,Plan\n"
        '1,"DOE, Jane",93,04/10,home\n'
        '2,"ROE, Ann",71,05/10,rehab\n'
        "3,Sam Poe,104,06/10,hospice\n"
    )
    out = redact(text)
    assert ",93," not in out and ",104," not in out, out
    assert ",71," in out, out


def test_a_csv_without_an_age_column_keeps_its_numbers() -> None:
    kept("Time,HR,SpO2,Note\n08:00,96,94,stable\n", "96,94")


def test_an_age_in_brackets_after_a_date_of_birth() -> None:
    gone("Patient: Tom Ash, DOB 12.06.1932 (93), ward 4", "(93)")
    kept("DOB 12.06.1961 (64), ward 4", "(64)")


def test_ages_with_a_unit_of_more_languages() -> None:
    gone("Potilas, 94 vuotta, kotona", "94 vuotta")
    gone("Hasta 96 yaşında, evde yaşıyor", "96 yaşında")
    kept("Hb 94 g/l, 91 mg", "94 g/l", "91 mg")


# Postcodes, telephones and codes.


def test_a_zip_code_on_the_line_after_its_state() -> None:
    gone("Riverside Clinic, Dayton, OH\n45402   Tel 937-555-0100", "45402")


def test_an_indian_pin_in_two_groups_after_a_place() -> None:
    gone("12 Temple Road, Madurai 625 001   Ph 0452-555 0101", "625 001")
    kept("Platelets 150 000 /uL", "150 000")


def test_a_postcode_opening_the_line_after_a_house_number() -> None:
    gone("Lindenweg 14\n70173 Stuttgart\n", "70173")


def test_a_postcode_before_a_letterhead_bar_or_after_an_accented_place() -> None:
    gone("Rizal Ave, Iloilo City 5000 | Tel. (033) 555-0100", "5000")
    gone("14 Kōwhai St, Ōpōtiki 3122; ph 07 555 0100", "3122")


def test_an_extension_after_its_word_and_whose_line_it_is() -> None:
    gone("Bleep charge nurse 4417 if worse.", "4417")
    gone("ramal do posto 3321", "3321")
    kept("Knee extension to 120 degrees, flexion 90.", "120 degrees")


def test_an_extension_written_x_after_a_name() -> None:
    gone("Office contact: Rosalind x318", "318")
    kept("Seen under HPF x400 magnification", "x400")


def test_a_mexican_number_after_a_telephone_word() -> None:
    gone("Cel. del hijo: 33 4120 7788", "33 4120 7788", "33 [")


def test_a_collegiate_number_after_col() -> None:
    gone("Dra. Ruiz (col. 28/44120)", "28/44120")


def test_latin_american_document_numbers_in_dotted_thousands() -> None:
    gone("Tipo doc.: CC   Número: 52.118.407", "52.118.407")
    gone("Paciente C.C. 80.441.229 de Bogotá", "80.441.229")
    gone("Proveedor NIT 900.123.456-1", "900.123.456-1")
    kept("Costo total 1.200.000 pesos", "1.200.000")


def test_an_insurer_name_goes_with_its_member_number() -> None:
    gone("covered by Aetna W228471903 since 2019", "Aetna", "W228471903")
    gone("Medigap: AARP-F 55120943", "AARP-F", "55120943")
    out = redact("as in the Aetna 2019 guidance")
    assert "2019 guidance" in out and "[ID]" not in out, out


def test_national_numbers_by_shape_and_check_digit() -> None:
    gone("AHV-Nr. 756.1234.5678.97", "756.1234.5678.97")
    gone("INSS 85.03.12-123.62", "85.03.12-123.62")
    # A wrong check digit is no national number.
    assert "[SSN]" not in redact("INSS 85.03.12-123.45")


def test_a_login_keeps_its_underscore_after_by() -> None:
    gone("Report printed 02/03/2026 by ward.clerk_b2\n", "ward.clerk", "_b2", "clerk_b2")
    kept("see discharge_summary.pdf", "discharge")


def test_a_login_of_initial_and_surname_in_brackets_after_the_name() -> None:
    gone("Entered by Lorna Pettigrew, RN (lpettigrew) at 10:02", "lpettigrew")
    kept("The Stroke Team (steam) reviewed", "(steam)")


def test_a_day_and_month_alone_in_a_table_date_column() -> None:
    table = "| Task | Owner | Due |\n| CT chest | AB | 9/12 |\n| Clinic | CD | 14/12/26 |\n"
    gone(table, "9/12", "14/12/26")


def test_scores_stay_in_a_table_even_beside_a_date_column() -> None:
    table = "| Test | Power | Date |\n| hip flexion | 4/5 | 3/11 |\n| pain | 7/10 | 4/11 |\n"
    out = redact(table)
    assert "4/5" in out and "7/10" in out and "3/11" not in out, out
