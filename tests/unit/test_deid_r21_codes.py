"""Round 21, numbers, codes and dates: telephone words of more languages and calls
(deid_phone_words), object identifiers (deid_object_ids), month words of more European
languages (deid_more_months), an issuer's code before a cue's colon (deid_codes), plate words
of more languages (deid_vehicle_nearby), accounts, licences and file references
(deid_document_words), spelt e-mails, street postcodes and masked tokens. Every example is
invented."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _covered(text: str, piece: str) -> bool:
    """Whether every letter and digit of ``piece`` (its first occurrence) is redacted."""
    start = text.index(piece)
    spans = [(r.start, r.end) for r in Redactor(shift_days=10).preview(text)]
    return all(
        any(a <= start + i < b for a, b in spans) for i, ch in enumerate(piece) if ch.isalnum()
    )


def _touched(text: str, piece: str) -> bool:
    """Whether any letter or digit of ``piece`` is redacted."""
    start = text.index(piece)
    spans = [(r.start, r.end) for r in Redactor(shift_days=10).preview(text)]
    return any(
        any(a <= start + i < b for a, b in spans) for i, ch in enumerate(piece) if ch.isalnum()
    )


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # Telephone words of more languages, and calls.
        ("Контакт: дочь, тел. 8 903 555 12 34.", "8 903 555 12 34"),
        ("Κόρη: Τηλ. 210 555 4321", "210 555 4321"),
        ("Córka, numer telefonu 512 555 771", "512 555 771"),
        ("Meita: tālr. 29 555 771", "29 555 771"),
        ("Faks 33 55 12 90 (Ålborg).", "33 55 12 90"),
        ("Fax nr. 030 - 555 1290", "030 - 555 1290"),
        ("En cas de besoin appelez le 04.78.55.12.90.", "04.78.55.12.90"),
        ("Si empeora, llame al 955 120 447.", "955 120 447"),
        ("Wenn nötig ist sie erreichbar unter 0711 5551 290.", "0711 5551 290"),
        ("His son is a GP: page him at 5521, not the ward.", "5521"),
        ("Je reste joignable au poste 2231.", "2231"),
        # A DICOM study's object identifier.
        ("Series UID: 1.3.6.1.4.1.55021.7.4471.90122.3", "1.3.6.1.4.1.55021.7.4471.90122.3"),
        # Month words of more languages, in a date's layout.
        ("Hospitaliseret 3. marts 2026 med pneumoni.", "3. marts 2026"),
        ("Uuring tehti 14. oktoober 2025.", "14. oktoober 2025"),
        ("Operuotas 2026 m. 7 kovo 2026 d.", "7 kovo 2026"),
        ("Felvétel: 2026. március 3., osztályos kezelés.", "2026. március 3."),
        ("Госпіталізовано 5 березня 2026 року.", "5 березня 2026"),
        ("Dħul l-isptar: 9 ta' Marzu 2026.", "9 ta' Marzu 2026"),
        # The issuer's code before the colon of a cue.
        ("Passport UA: KT 551209 (valid).", "KT 551209"),
        # Plate words of more languages.
        ("Bilen med nummerplade DX 55 120 holdt ved indgangen.", "DX 55 120"),
        ("Kaza: araç plakası 06 KLM 552.", "06 KLM 552"),
        ("Kfz: Audi A3, Kennz. S-KT 5512.", "S-KT 5512"),
        ("Sie fuhr ihren Polo (KA-LM 552) nach Hause.", "KA-LM 552"),
        ("Era alla guida di una Fiat targata GB 552 KT.", "GB 552 KT"),
        ("Kaza yerinde 06 ABC 552 plakalı araç vardı.", "06 ABC 552"),
        ("He rode a Honda Vision, plate 51-G1 552.90.", "51-G1 552.90"),
        # Accounts, bills and licences after the words of more languages.
        ("Przelew na numer konta 27 1140 2004 0000 3002 0135 5387.", "27 1140 2004"),
        ("Payment from account ending 5521 was declined.", "5521"),
        ("Interim bill SG 2026 55120 sent to the family.", "SG 2026 55120"),
        ("Prawo jazdy nr 00552/20/1209 zatrzymane.", "00552/20/1209"),
        ("Ehliyet no: B 552120 (sınıf B).", "B 552120"),
        # A number masked inside its token, letters kept; a range of days with their stops.
        ("Resident NRIC T05****1J, age 91.", "T05****1J"),
        ("Aufenthalt 3.-9.11.2026 auf Station.", "3.-9.11.2026"),
        ("With us 21-27/10, discharged home.", "21-27/10"),
        # An e-mail address spelt out.
        (
            "Write to her at tomas.r [at] seznam [dot] cz or tom at mail dot com.",
            "tomas.r [at] seznam [dot] cz",
        ),
        ("Or write to tom at mail dot com.", "tom at mail dot com"),
        # A relative's number after a kin word of another language; a postcode after a street.
        ("Kontakt: Datter 31 55 12 09, Søn Anders 40 55 12 10.", "31 55 12 09"),
        ("Hija (Lucía) 11 5512-0934 por la tarde.", "11 5512-0934"),
        ("Domicile : 8 rue du Port, 06300 Nice", "06300"),
        # A day and month after an admission's or a discharge's word of another language; a
        # plate alone on the line after its word.
        ("Ingresó 14/2 por disnea, alta 21/2.", "14/2"),
        ("Aufnahme 14.2. wegen Dyspnoe.", "14.2."),
        ("Przyjęty 14.02 z powodu duszności.", "14.02"),
        ("Matrícula\n5521 KTB\nSeguro: Mapfre", "5521 KTB"),
        # Named days of other languages; a weekday of a month.
        ("Chute le lundi de Pâques, vue aux urgences.", "lundi de Pâques"),
        ("Physio every Thursday in March at the day unit.", "Thursday in March"),
        # A court's file reference after its word; a Brazilian court case's number.
        ("Betreuungsverfahren, Aktenzeichen 7 XVII 552/26, Amtsgericht.", "7 XVII 552/26"),
        ("Processo 0005521-09.2026.8.26.0050 em andamento.", "0005521-09.2026.8.26.0050"),
        # Session 31: a heavy vehicle's word right before its plate (deid_codes), and a plate
        # opening the line after a line that ends with a vehicle's word (deid_vehicle_nearby).
        ("Collision with a prime mover XKR 4471 at the lights.", "XKR 4471"),
        ("The road train 1TRN 552 jack-knifed.", "1TRN 552"),
        ("Struck by a tipper truck; the tipper KL 44 ZB reversed.", "KL 44 ZB"),
        ("Allocated company vehicle\nGP 552 KT from the depot.", "GP 552 KT"),
        ("Ambulance plate\nBX 7712. Crew of two.", "BX 7712"),
        # Session 31: a scheme's "ID No" between its name and a bracketed short name.
        ("PhilHealth ID No (PIN) 19-551204418-2, member.", "19-551204418-2"),
        ("NHIS identification number 03-7712940 on file.", "03-7712940"),
    ],
)
def test_codes_and_dates_redacted(text: str, identifier: str) -> None:
    assert _covered(text, identifier)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A sentence's "lot" and the capitals before a value that is not a device's.
        ("Mobility improved a lot 2 weeks after physio.", "2 weeks"),
        # A version number or an enumeration is no object identifier.
        ("Software version 1.2.3 installed; see section 2.4.1.", "1.2.3"),
        # A ward phone word before a count or a dose.
        ("Ward phone call at 10:00; gave 500 mg paracetamol.", "500 mg"),
        # Month words of other languages without a date's layout.
        ("Patiënt neemt 2 mee naar huis, 1 tablet per dag.", "2"),
        ("Arm 2 prill: no date without a year or the day's stop.", "2"),
        # A coding system's code and a lab value stay.
        ("Diagnosis ICD-10 E11.9; HbA1c 53 mmol/mol.", "E11.9"),
        ("Creatinine 88 umol/L, eGFR 72.", "88 umol/L"),
        ("Metformin (ATC A10BA02) 500 mg twice daily.", "ATC A10BA02"),
        ("Bold markup: **120** mmHg.", "120"),
        ("Pain 2-3/10 today; MMSE 24-26/30.", "2-3/10"),
        ("Seen at home dot the i's; the bill 2026 was paid.", "2026"),
        ("Son had 12 14 16 18 mg doses titrated.", "12 14 16 18 mg"),
        ("Sortie 2-3 jours après; Aufnahme 12.3 kg schwerer.", "2-3"),
        ("Ingreso: fuerza 3/5 en MII.", "3/5"),
        # Session 31: a clinical value opening the line after a vehicle's word is no plate, nor
        # a short count, nor a semi-recumbent position.
        ("Came by ambulance\nGCS 14 on arrival, HR 110.", "GCS 14"),
        ("Drove her own car\nPT 3 x weekly since.", "PT 3"),
        ("Nursed semi-recumbent 30 degrees; tanker driver by trade.", "30"),
        ("Medicare ID checked; identity confirmed, 2 forms signed.", "2 forms"),
    ],
)
def test_clinical_text_kept(text: str, kept: str) -> None:
    assert not _touched(text, kept)
