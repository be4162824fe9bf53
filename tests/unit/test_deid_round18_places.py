"""Round 18 (walk 21): places, dates and codes. A street in capitals on a line of its own, a
house number after a spaced code, a handle after a messaging service's name, the places after
a facility with the sentence going on, "on" before a weekday's date, a quarter and its year,
and a hospital's floor named alone. Examples are invented here; each rule has a negative test
where clinical text stays."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact

from medlocal.privacy.deid_building_levels import lone_level
from medlocal.privacy.deid_caps_streets import caps_street_candidates

# -- a street in capitals (deid_caps_streets)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("19 HARBOURSIDE WYND, PORTKNOCKIE", ("19", "HARBOURSIDE", "PORTKNOCKIE")),
        ("FAO: MR ALBERT KEMBLE\n    8 ORCHARD RISE, LYDBROOK", ("8 ORCHARD", "LYDBROOK")),
        ("Flat 2\n112 COPPERBEECH AVENUE\nBRIDGNORTH", ("112", "COPPERBEECH")),
        ("44A TANNERY ROW, WELLSBOURNE GL7 4QT", ("44A", "TANNERY", "WELLSBOURNE", "GL7")),
        ("Address  5 MILLSTREAM CLOSE  Tel 01632 960111", ("MILLSTREAM", "01632")),
    ],
)
def test_a_street_in_capitals_goes_with_its_town(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "APICAL 4 CHAMBER VIEW",
        "6 MINUTE WALK, 340 M",
        "ECG: 12 LEAD ST,",
        "SEEN 27 NOV DR",
        "2 HOUR POST PRANDIAL RISE",
    ],
)
def test_measures_and_views_in_capitals_are_no_street(text: str) -> None:
    assert list(caps_street_candidates(text)) == []


def test_a_state_code_after_a_street_in_capitals_stays() -> None:
    found = [r.original for r in caps_street_candidates("71 PELICAN WAY, NSW")]
    assert found == ["71 PELICAN WAY"]


# -- a house number after a spaced code (deid_codes)


def test_a_house_number_after_a_spaced_number_opens_the_street() -> None:
    out = redact("NHS No 943 476 5919 12 WILLOW GROVE, HEBDEN")
    assert "WILLOW" not in out and "HEBDEN" not in out and "943" not in out
    assert out.count("[ID]") == 1 and "[ADDRESS]" in out


def test_a_spaced_code_keeps_its_last_group_before_a_word_that_is_no_street() -> None:
    gone("Member ID 4410 2281 73 Expires", "4410", "2281", "73")


# -- a handle after a messaging service's name (deid_contacts)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Contact on Skype: tilda.brennock44.", "tilda.brennock44"),
        ("Viber id: k_amaru", "k_amaru"),
        ("WhatsApp username marisol.q", "marisol.q"),
        ("daughter's github dk_vance", "dk_vance"),
    ],
)
def test_a_handle_after_a_messaging_service_goes_whole(text: str, handle: str) -> None:
    out = redact(text)
    assert "[ID]" in out
    for part in handle.replace("_", ".").split("."):
        assert part not in out, (part, out)


@pytest.mark.parametrize(
    "text",
    ["Family meeting by Skype with her son.", "Messenger call booked for Tuesday afternoon."],
)
def test_a_messaging_service_in_prose_stays(text: str) -> None:
    kept(text, "Skype" if "Skype" in text else "Messenger")


# -- places after a facility, the sentence going on (deid_address_lines)


@pytest.mark.parametrize(
    "text",
    [
        "Transferred to Penwarden Hospital, Rosecott, Tregallon under the surgeons.",
        "Transferred to Penwarden Hospital, Rosecott, Tregallon.",
        "Transferred to Penwarden Hospital, Rosecott, Tregallon for review by Dr. Amis.",
    ],
)
def test_the_places_after_a_facility_do_not_hang_on_what_follows(text: str) -> None:
    gone(text, "Penwarden", "Rosecott", "Tregallon")


def test_a_department_after_a_facility_stays_when_the_sentence_goes_on() -> None:
    kept("Seen at Penwarden Hospital, Cardiology on the ward round.", "Cardiology")


# -- "on" before a weekday's date (deid_world_dates)


def test_on_before_a_weekday_and_date_stays_and_the_date_is_shifted() -> None:
    out = redact("Reviewed her in clinic on Thursday 9 October with her husband.")
    assert "clinic on " in out
    assert "9 October" not in out and "[DATE]" not in out


def test_a_french_article_before_a_weekday_still_goes_with_the_date() -> None:
    gone("revue le mercredi 8 octobre 2025 en consultation", "le mercredi", "8 octobre")


# -- a quarter and its year (deid_addresses)


@pytest.mark.parametrize("text", ["Audit due Q3 2026.", "Targets for H2 2025 agreed", "FY24 2025"])
def test_a_word_with_a_digit_is_no_town_before_a_postcode(text: str) -> None:
    assert "[ZIP]" not in redact(text)


def test_a_town_before_its_postcode_still_goes() -> None:
    gone("Moved to Tarrawonga 2867.", "Tarrawonga", "2867")


# -- a hospital's floor named alone (deid_building_levels)


@pytest.mark.parametrize(
    "text",
    [
        "Bed 14, Ward 6C, Level 4",
        "Outpatients on Level 2 next to radiology.",
        "Theatre suite, 3rd Floor; recovery after.",
        "Level 1 evidence for this treatment",
    ],
)
def test_a_floor_named_alone_stays(text: str) -> None:
    out = redact(text)
    assert "Level" in out or "Floor" in out
    assert "[ADDRESS]" not in out


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Level 5, 212 Kauri Parade, Tamaroa", ("212", "Kauri", "Tamaroa")),
        ("31 Wattlebird Street, Level 2", ("31", "Wattlebird")),
    ],
)
def test_a_floor_in_an_address_still_goes(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


def test_lone_level_reads_the_part_beside_it() -> None:
    text = "Ward 6C, Level 4. Old rooms: Level 3, 18 Ngaio Road"
    first = text.index("Level 4")
    second = text.index("Level 3")
    assert lone_level(text, first, first + 7)
    assert not lone_level(text, second, second + 7)


# -- a day of the month after "on the" (deid_date_forms)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("CT on the 14th confirmed a small bleed", "14th"),
        ("burns on the 8th (the night of the party), dressed", "8th"),
        ("Viral load undetectable on the 5th Mar, repeat due", "5th"),
        ("bloods tgl 4/9 normal", "4/9"),
    ],
)
def test_a_day_after_its_cue_goes(text: str, day: str) -> None:
    assert day not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "sutured on the 2nd attempt",
        "pain over the 3rd (middle) finger",
        "on the 4th floor ward",
        "the 2nd affected toe",
    ],
)
def test_an_ordinal_of_a_thing_stays(text: str) -> None:
    assert "[DATE]" not in redact(text)


# -- codes after their labels (deid_codes, deid_masked_codes, deid_labelled_codes, contacts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Direct debit: acc 47 301 552 908", ("47", "301", "552", "908")),
        ("his debit card\nending 0932 was cancelled", ("0932",)),
        ("Son's van, plate\nTX KLM-2207, in bay 4", ("TX KLM", "2207")),
        ("NIP 19750903 200112 1 007", ("19750903", "200112", "007")),
        ("NPWP 07.118.552.6-021.000", ("07.118", "021.000")),
        ("Nr karty pacjenta: 2025/11873", ("2025/11873",)),
        ("córka Zofia (22) 413-27-90", ("413-27-90",)),
    ],
)
def test_a_code_after_its_label_goes(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "Ishihara plates\n17/17 correct",
        "acc 12 weeks pregnant",
        "Nr badania: 3 tablets",
        "lipids (mmol/L) 4.1-5.2-1.3",
    ],
)
def test_no_code_without_its_shape(text: str) -> None:
    out = redact(text)
    assert "[ID]" not in out and "[SSN]" not in out and "[PHONE]" not in out


# -- ages (deid_ages, deid_column_ages)


def test_a_relative_who_made_it_past_ninety() -> None:
    gone("Her aunt Philippa made it to 102.", "102")
    kept("Her son made it to 100 metres on the track.", "100 metres")


_CENSUS = (
    "WARD LIST  run=2027-02-03\n"
    "---------------------------------------------\n"
    "BED   NAME               NHI        AGE  DX\n"
    "3A01  KERRIGAN, ROSE     ABC1234    96   CHF\n"
    "3A02  TEMU, WIREMU       ABD2345    58   CAP\n"
    "3A03  LAVALLE, JEAN      ABE3456    104  UTI\n"
    "\n"
    "Bay 3 has 95 items in stock\n"
)


def test_ages_over_89_in_a_space_laid_table_column() -> None:
    out = redact(_CENSUS)
    assert " 96 " not in out and " 104 " not in out
    assert " 58 " in out and "95 items" in out and "CHF" in out


# -- sizes, blots and laboratories' dates (deid_size_numbers, deid_date_forms)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("canal shaped with a K-file #20 then irrigated", "#20"),
        ("incision with a blade #11", "#11"),
        ("Western blot IgM WB 3/10 bands, equivocal", "3/10"),
    ],
)
def test_a_size_or_a_blot_stays(text: str, size: str) -> None:
    kept(text, size)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Lives in unit #7, 33 Tōtara Crescent", "#7"),
        ("Walgreens #10482 refilled it", "10482"),
        ("Lab (Rijnstate, 14/9): Hb 7.1 mmol/L", "14/9"),
        ("Bloods (GP, 3-12): CRP 44", "3-12"),
        ("Vestiging Koemarkt 4, Singelkade 22, 1017 AB", "Singelkade 22"),
    ],
)
def test_an_address_unit_a_store_number_and_a_lab_date_go(text: str, part: str) -> None:
    gone(text, part)


# -- Vietnamese units, Indonesian and numbered streets (deid_admin_units, deid_addresses)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Địa chỉ: 12 Nguyễn Trãi, Phường 7, Quận 10", ("Phường 7", "Quận 10")),
        ("thường trú: ấp 5, xã Long Hòa, huyện Châu Thành", ("ấp 5", "Long Hòa", "Châu Thành")),
        ("Puskesmas Depok, Jl. Margonda Raya No. 112, Depok", ("Margonda", "112")),
        ("clinic at 10422 82 Ave, Edmonton", ("10422", "82 Ave")),
    ],
)
def test_units_and_streets_of_more_countries_go(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


@pytest.mark.parametrize("text", ["Quan 5 mg twice daily", "took 2 120 St John's wort caps"])
def test_no_unit_or_street_without_its_shape(text: str) -> None:
    out = redact(text)
    assert "[CITY]" not in out and "[ADDRESS]" not in out
