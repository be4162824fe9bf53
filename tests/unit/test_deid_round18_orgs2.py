"""Round 18 (organisations, places, codes: second wave): invented examples."""

from __future__ import annotations

from medlocal.privacy.redact import PatientIdentity, Redactor


def _found(text: str) -> list[tuple[str, str]]:
    redactor = Redactor(PatientIdentity("Quentin Marsh", "MRN-9", "1950-01-01"), shift_days=40)
    return [(red.kind, red.original) for red in redactor.preview(text)]


def test_diet_level_is_no_address() -> None:
    assert _found("SLT: Modified Diet Level 6, Thickened Fluids Level 1 for now") == []
    assert _found("Speech therapy: Soft Diet Level 7, Fluids Level 0.") == []


def test_care_level_is_no_address() -> None:
    assert _found("Assessed as Care Level 3, Mobility Level 2 with frame") == []


def test_floor_before_street_still_an_address() -> None:
    found = _found("Address: Level 7, 41 Carrington Street, Adelaide SA 5000")
    assert ("street_address", "Level 7, 41 Carrington Street") in found


def test_postcode_before_a_dash() -> None:
    found = _found("Lives at 88 Totara Road, Matamata 3400 - blue gate on the left")
    assert ("zip_code", "3400") in found


def test_postcode_after_abbreviated_town_in_address_list() -> None:
    found = _found("Rancho Las Flores, Municipio de Zimatlán, Gro. 39420\nTel. 747 555 0188")
    assert any(kind == "zip_code" and value == "39420" for kind, value in found)


def test_count_after_town_kept() -> None:
    assert not any(kind == "zip_code" for kind, _ in _found("Walked in Leeds. 2500 steps a day"))


def test_indonesian_street_with_block() -> None:
    found = _found("Alamat rumah: Jl. Cempaka Wangi Blok D-7, Bekasi Utara")
    assert ("street_address", "Jl. Cempaka Wangi Blok D-7") in found


def test_named_house_at_its_place() -> None:
    found = _found("Moved after a fall at The Willows at Harrowby, a rest home near the river")
    assert ("facility", "The Willows at Harrowby") in found


def test_named_house_at_christmas_stops() -> None:
    found = _found("Family visited The Willows at Christmas with cake")
    # (a holiday is the date rules' to read; it never joins the house's name)
    assert not any("at Christmas" in value for _, value in found)


def test_census_row_caps_surname_before_given_names() -> None:
    found = _found("6N11  VU, MINH KHOA            700412233   88  02/03/27")
    assert any(kind == "name" and value.startswith("VU, ") for kind, value in found)


def test_caps_abbreviations_before_comma_kept() -> None:
    assert _found("Pulses: LE, RE equal and warm") == []


def test_title_and_lone_initial() -> None:
    found = _found("Kidney function is steady. Dr T. will go through it at your visit.")
    assert ("name", "T.") in found


def test_lone_capital_without_title_kept() -> None:
    assert _found("Hep B. vaccine course completed; vitamin D. level pending") == []


def test_apartment_after_street_comma() -> None:
    found = _found("He rents on Kestrel Ave, apt 12, above the bakery")
    assert ("street_address", "apt 12") in found


def test_flat_finding_after_comma_kept() -> None:
    assert _found("ST segments normal, T waves inverted, flat 2, otherwise unremarkable") == []
