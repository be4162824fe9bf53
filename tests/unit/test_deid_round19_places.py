"""Round 19: places, numbers, codes and dates (deid_named_days, deid_vehicle_forms,
deid_code_edges, deid_place_regions, national and credential numbers). Invented examples."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept

from medlocal.privacy.deid_code_edges import code_token
from medlocal.privacy.deid_named_days import NAMED_DAY_PATTERNS
from medlocal.privacy.deid_place_regions import italian_town_candidates, region_end
from medlocal.privacy.deid_vehicle_forms import VEHICLE_FORM_PATTERNS


def _found(patterns: list[tuple[str, object]], text: str) -> list[str]:
    found = []
    for _kind, pattern in patterns:
        for match in pattern.finditer(text):  # type: ignore[attr-defined]
            name = "v" if "v" in match.re.groupindex and match.group("v") else 0
            found.append(match.group(name))
    return found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Born on the Feast of the Assumption, at home.", "Feast of the Assumption"),
        ("Admitted on Umi no Hi with heat stroke.", "Umi no Hi"),
        ("Caída el Viernes Santo 2023 en casa.", "Viernes Santo 2023"),
        ("Internada na Sexta-feira Santa com febre.", "Sexta-feira Santa"),
        ("Föll på julafton i trappan.", "julafton"),
        ("Fasting until Laylat al-Qadr this year.", "Laylat al-Qadr"),
        ("Seen after Loy Krathong festival in the clinic.", "Loy Krathong festival"),
        ("Circumcision on 8 Kislev 5782 at home.", "8 Kislev 5782"),
        ("Clinic letter dated 4 June B.E. 2567 from the ward.", "4 June B.E. 2567"),
        ("Sốt từ mùng 3 tháng Chạp, ho nhiều.", "mùng 3 tháng Chạp"),
        ("Adolygu Dydd Gwener 7fed yn y clinig.", "Dydd Gwener 7fed"),
        ("Wizyta na początku marca w poradni.", "na początku marca"),
    ],
)
def test_named_days_and_other_calendars(text: str, day: str) -> None:
    assert day in _found(NAMED_DAY_PATTERNS, text)


def test_hijri_months_joined_with_their_year() -> None:
    gone("Boot worn Rajab-Shaban 1446 until review.", "Rajab", "Shaban 1446")


@pytest.mark.parametrize(
    "text",
    [
        "Hi there, no Hi-flow oxygen needed.",
        "Dysphagia since the stroke; Homans sign negative.",
        "Christmas disease (haemophilia B) on factor IX.",
    ],
)
def test_clinical_text_is_no_named_day(text: str) -> None:
    assert _found(NAMED_DAY_PATTERNS, text) == []


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Her son drives a grey Corolla (VIC ZQ 71 PT) to visits.", "VIC ZQ 71 PT"),
        ("Spare keys to MXR 2208 left at reception.", "MXR 2208"),
        ("Chở bằng xe máy 43-K1 218.07 tới viện.", "43-K1 218.07"),
        ("Diantar motor nopol DK 4417 QW ke IGD.", "DK 4417 QW"),
        ("Retrieved by helicopter VH-QRT from the island.", "VH-QRT"),
        ("Vessel: MV Silver Tern, IMO 9312447, crew of 12.", "Silver Tern"),
        ("Vessel: MV Silver Tern, IMO 9312447, crew of 12.", "9312447"),
        ("He skippered the Morning Gull (BF 212) for years.", "Morning Gull"),
        ("He skippered the Morning Gull (BF 212) for years.", "BF 212"),
    ],
)
def test_vehicles_vessels_and_aircraft(text: str, plate: str) -> None:
    assert plate in _found(VEHICLE_FORM_PATTERNS, text)


@pytest.mark.parametrize(
    "text",
    [
        "Drives a Corolla, HR 88 at rest today.",
        "Keys to the ward kept by the nurse in charge.",
        "Vessel Left Anterior Descending stented; small vessel disease.",
        "Given G-CSF after chemotherapy; MV Repair planned.",
        "Ship Doppler normal. The boat Trip was fine.",
    ],
)
def test_no_vehicle_in_clinical_text(text: str) -> None:
    assert _found(VEHICLE_FORM_PATTERNS, text) == []


@pytest.mark.parametrize(
    ("text", "code", "whole"),
    [
        ("Card GMS 5521 883J noted", "5521 883", "5521 883J"),
        ("Scheme 3-0771203-44 on file", "3-0771203", "3-0771203-44"),
        ("Colegiado 28/5520917 firma", "5520917", "28/5520917"),
    ],
)
def test_code_widened_to_its_token(text: str, code: str, whole: str) -> None:
    start = text.index(code)
    new_start, new_end = code_token(text, start, start + len(code))
    assert text[new_start:new_end] == whole


def test_code_not_widened_over_units_or_decimals() -> None:
    text = "MRN 4471882mg and 1234567.5 kg"
    start = text.index("4471882")
    assert code_token(text, start, start + 7) == (start, start + 7)
    start = text.index("1234567")
    assert code_token(text, start, start + 7) == (start, start + 7)


def test_national_and_credential_numbers() -> None:
    gone("N° de sécurité sociale (NIR) : 1 84 03 622 07 441 19", "07 441 19")
    gone("Thai ID 1 1022 00887 41 3 on the card.", "00887 41 3")
    gone("RG 22.881.407-X SSP/SP", "881.407-X")
    gone("NIS C 882104 on file", "C 882104")
    gone("Nurse Okafor (CNO RN 22718804) wrote", "RN 22718804")
    gone("Health card NHIS card 2-0771882-31 seen", "2-0771882-31")
    kept("RN 1000 mL given over the shift.", "1000 mL")


def test_region_after_a_town() -> None:
    text = "Lives in Spanish Town, Clarendon\nnext line"
    end = text.index("Town") + 4
    assert text[: region_end(text, end)].endswith("Clarendon")
    text = "Via Roma 3, 24020 Gorle (BG)  Tel"
    end = text.index("Gorle") + 5
    assert text[: region_end(text, end)].endswith("(BG)")
    # A clinic's word after a town is no region.
    text = "Seen in Leeds, Pulmonary clinic."
    end = text.index("Leeds") + 5
    assert region_end(text, end) == end


def test_italian_town_with_its_province() -> None:
    found = [r.original for r in italian_town_candidates("nata il 3/4/1960 a Sarnico (BG)")]
    assert found == ["Sarnico (BG)"]
    assert list(italian_town_candidates("with a Multiple Sclerosis (MS) relapse")) == []


def test_extensions_phones_and_bank_numbers_of_other_countries() -> None:
    gone("Ligar para a enfermaria (ramal 7730) amanhã.", "7730")
    gone("Kontakt: Ingrid Solberg (41 88 20 17)", "41 88 20 17")
    kept("Readings today (12 14 16 18) were stable.", "12 14 16 18")
    gone("Virement sur FR14 2004 1010 0505 0001 3M02 606 ce mois.", "FR14", "3M02 606")
    kept("Haemoglobin 12.4 g/dL; GB12 sample sent.", "12.4 g/dL")


def test_vietnamese_alleys_blocks_and_labels() -> None:
    gone("Địa chỉ: Hẻm 12/7 Trần Hưng Đạo, Phường 5", "12/7", "Trần Hưng Đạo")
    gone("Nhà ở chung cư Hoa Sen, lô C, gần chợ.", "Hoa Sen", "lô C")
    gone("Mã BN 24.118803   Giường 5", "24.118803")
    gone("PHIẾU CHUYỂN VIỆN    Số: 118/GCT-BV2", "118/GCT-BV2")


def test_irish_county_in_irish_and_roads_named_by_their_place() -> None:
    gone("Teach Altranais, An Cheathrú Rua, Co. na Gaillimhe H91 X2Y3", "Gaillimhe")
    gone("Found on the Kilcurry road at dusk.", "Kilcurry road")
    gone("Crash on the Rathmore toll road last night.", "Rathmore toll road")
    kept("Pain on the left side of the road sign.", "left side")


def test_national_and_insurance_numbers_after_more_labels() -> None:
    gone("Rijksregisternr 77.04.12-118.09   Ziekenfonds", "118.09")
    gone("NSS IMSS: 7712 04 4418-2", "4418-2")
    gone("Unimed carteirinha 0 118 220447193 00 4", "220447193 00 4")
    gone("Thẻ BHYT: HC 4 01 01 2233 4455  (hạn)", "2233 4455")
    kept("Carteirinha de vacinação em dia.", "vacinação")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Pacjentka lat 96, po upadku.", "96"),
        ("Nainen 94 v, kaatunut kotona.", "94"),
        ("91-vuotias mies, hengenahdistus.", "91"),
        ("Pacient 97 rokov, pád.", "97"),
        ("En 92-åring med höftfraktur.", "92"),
        ("93-årig kvinde, faldet.", "93"),
    ],
)
def test_ages_over_89_in_more_languages(text: str, age: str) -> None:
    gone(text, age)


def test_lateral_and_capitalised_lat_are_no_age() -> None:
    kept("Lat 95 percentile; AP 93 v 95 range.", "95 percentile", "93 v 95")
