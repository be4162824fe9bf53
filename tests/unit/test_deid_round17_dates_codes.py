"""Round 17: dates in more languages and calendars (Roman-numeral months, apostrophe years,
"inst.", Catalan, Irish, Māori, Polish, Swahili, Devanagari digits, Japanese eras), ages over 89
in a table ruled with "+", and codes after the labels of many countries (number markers of
other languages, case and ration-card labels, bank and biller numbers, plates, logins).
Examples are invented here; each rule has a negative test where clinical text stays."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone as _gone
from fixtures.deid_rules import kept as _kept
from fixtures.deid_rules import redact

# -- dates (deid_more_dates, deid_world_dates, deid_foreign_forms, deid_calendar_forms)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Scanned 14.iv.2025 / kt", ("14", "iv", "2025")),
        ("Draft 3-vii-25 by the registrar", ("3-vii-25",)),
        ("Signed 21.XI.24 08:10", ("21", "XI", "24")),
        ("Letter dated 7/ix/25 received", ("7/ix/25",)),
        ("relapse in Aug. of '24, abstinent since", ("Aug", "24")),
        ("form signed Nov. 5, '24 - copy kept", ("Nov", "'24")),
        ("Visit: di 14-10-'25 morning", ("14-10", "'25", "di ")),
        ("Seen on the 4th inst. in clinic", ("4th", "inst")),
        ("Biopsy (12th ult.) benign", ("12th", "ult")),
        ("Next: za 18 oktober, 10:00.", ("18 oktober", "za ")),
        ("Follow-up tis 14 maj 2025 with spirometry", ("14 maj", "tis ")),
        ("Date: dimecres, 8 de gener de 2025", ("dimecres", "gener", "2025")),
        ("Data: 3 d'agost de 2025", ("agost", "2025")),
        ("Born 9ú Feabhra 1948 in the west", ("9ú", "Feabhra", "1948")),
        ("Rātapu, 6 o Hōngongoi 2025 (hui)", ("Rātapu", "6 o", "2025")),
        ("im Krankenhaus vom 4. bis 11. Mai 2025.", ("4.", "11. Mai")),
        ("on warfarin since listopad 2024, INR stable", ("listopad 2024",)),
        ("moved from Nakuru (Oktoba 2024) with family", ("Oktoba 2024",)),
        ("transfer dep. 22.08 03:40 by road", ("22.08",)),
        ("I saw her on Friday last, 12/9, with her son", ("Friday", "12/9")),
        ("Results reported: 14/8 by the lab", ("14/8",)),
        ("daughter informed by phone 23/6 and agreed", ("23/6",)),
        ("परीक्षण तिथि ११/०४/२०२५ को", ("११/०४/२०२५",)),
        ("受診日 令和7年4月11日 外来", ("令和7年4月11日",)),
        ("นัดวันที่ 9 ก.ย. 2568 ที่คลินิก", ("9 ก.ย. 2568",)),
        ("a fall on St Colman's Day last year", ("Colman",)),
        ("unwell since Madaraka Day, fever", ("Madaraka",)),
        ("kontrol 14 Nisan 2025 tarihinde", ("14 Nisan",)),
        ("kontrola 3. dubna 2025 v ambulanci", ("dubna",)),
        ("seen on the 7th of this month by the GP", ("7th",)),
        ("signed this 21st day of May, 2025", ("21st", "May")),
    ],
)
def test_dates_of_more_forms_go(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Stage IIIA disease, grade ii/iii on review", ("IIIA", "grade ii/iii")),
        ("weaned 1/2 dose of prednisolone", ("1/2 dose",)),
        ("Pain reported 6/10 on walking", ("6/10",)),
        ("Power reported 4/5 in both arms", ("4/5",)),
        ("Hb 12.10 at 08:00 stable", ("12.10",)),
        ("Ventricular rate 88, K 4.5 mmol/L", ("K 4.5",)),
        ("do 12 sit-ups a day", ("do 12",)),
        ("the 3rd day of admission was quiet", ("3rd day of admission",)),
    ],
)
def test_clinical_numbers_beside_date_words_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


def test_a_saints_day_unit_is_no_day() -> None:
    # A place named for a saint keeps its words together (a facility, not a date and a unit).
    assert "[DATE] Unit" not in redact("reviewed in St Agnes's Day Unit today")


def test_a_plus_ruled_table_keeps_its_date_and_age_columns() -> None:
    text = (
        "Bed | Name          | Age | Adm      | Plan\n"
        "----+---------------+-----+----------+------------\n"
        "01  | ABBOTT, Jo    | 94  | 02/03/26 | home\n"
        "02  | BROWN, Lee    | 71  | 9/3      | rehab\n"
    )
    out = redact(text)
    assert "94" not in out and "9/3" not in out, out
    assert "71" in out, out


# -- codes (deid_labelled_codes)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Akte Nr. 2025/77120 angelegt", ("77120",)),
        ("dossier n° B-44172 transmis", ("B-44172",)),
        ("Patientennummer 80417723 notiert", ("80417723",)),
        ("N° de dossier 33190-C au service", ("33190-C",)),
        ("Ration card RK/7781/19 shown at intake", ("RK/7781/19",)),
        ("Your ref: TQ/5521/AB (please quote)", ("TQ/5521/AB",)),
        ("a/c 7781 2290 14 for refunds", ("7781 2290", "14")),
        ("biller code 88127, ref on bill", ("88127",)),
        ("IBAN NL91 ABNA 0417 1643 00 on file", ("0417", "1643")),
        ("Kennzeichen M-RT 5521 am Unfallort", ("M-RT", "5521")),
        ("patente AD 512 KQ registrada", ("AD 512 KQ",)),
        ("chassis no. WVWZZZ1JZ3W386752", ("WVWZZZ1JZ3W386752",)),
        ("Printed by: MOKAFOR2 on ward", ("MOKAFOR2",)),
        ("her ration card (no. 5528/19) was renewed", ("5528/19",)),
        ("Booking ref 4TX9QB for the flight", ("4TX9QB",)),
        ("driving licence (C/D 0044718) renewed", ("C/D", "0044718")),
        ("boda boda reg. KMFX 228L seized", ("KMFX", "228L")),
    ],
)
def test_labelled_codes_go(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Nr. 3 tablets at night", ("3 tablets",)),
        ("case 12 of 40 in the series", ("case 12 of 40",)),
        ("Register 2025 audit completed", ("2025",)),
        ("Programme 12 weeks, 3 sessions a week", ("Programme 12 weeks",)),
        ("Receipt of 500 mg amoxicillin confirmed", ("500 mg",)),
        ("BRCA2 c.5946delT, transaction of care", ("c.5946delT",)),
        ("No. 3 tablets at night, no. 12 needle", ("No. 3", "12 needle")),
        ("ambulance 3 hours late, moped 2 times", ("3 hours", "2 times")),
        ("malnutrition risk (NRS-2002 4) noted", ("NRS-2002 4",)),
    ],
)
def test_clinical_numbers_after_code_labels_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)
