"""Thirteenth round: places and organisations (house numbers and head words beside a found place,
address lines of other languages, postcodes before their town, labelled employers). Examples are
invented here, not taken from the evaluation set."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.deid_address_lines import _address_lines
from medlocal.privacy.deid_first_line import first_line_organisation
from medlocal.privacy.deid_place_growth import grown_place_spans
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


def _span(text: str, part: str, kind: str = "location") -> Redaction:
    start = text.index(part)
    return Redaction(kind, start, start + len(part), part, label(kind))


def _grown(text: str, part: str, kind: str = "location") -> list[str]:
    return [text[r.start : r.end] for r in grown_place_spans(text, [_span(text, part, kind)])]


def test_a_house_number_beside_a_found_street_joins_it() -> None:
    assert _grown("Home: 58 Quillbrook, Darrowby", "Quillbrook") == ["58 Quillbrook"]
    assert _grown("Adres: Kerkeveld 112, Oosthaven", "Kerkeveld") == ["Kerkeveld 112"]
    assert _grown("shop at\n9C Tamberlane, near the market", "C Tamberlane") == ["9C Tamberlane"]
    assert _grown("Lab: No. 14, Lorong Kenari 3/2, Ipoh", "Lorong Kenari") == [
        "No. 14, Lorong Kenari 3/2"
    ]
    assert _grown("Clinic, 7-Upper Ridge, Kandy", "Upper Ridge") == ["7-Upper Ridge"]


def test_a_number_that_is_no_house_number_stays() -> None:
    # A year, a dose and a number inside a sentence are not house numbers.
    assert _grown("moved to Ashcombe 2019, then away", "Ashcombe") == []
    assert _grown("Dr Pellow 5 mg daily", "Pellow", "name") == []
    assert _grown("saw Pellow 3 times", "Pellow", "name") == []


def test_an_organisations_head_after_its_name_joins_it() -> None:
    assert _grown("physio at Tarnwick Rehab, twice", "Tarnwick", "name") == ["Tarnwick Rehab"]
    assert _grown("seen at Brookvale Family\nClinic, told", "Brookvale Family") == [
        "Brookvale Family\nClinic"
    ]
    assert _grown("goes to the Marlow Lane practice", "Marlow Lane") == ["Marlow Lane practice"]
    assert _grown("Hallam Nagar (E), Pune", "Hallam Nagar") == ["Hallam Nagar (E)"]
    assert _grown("off Kiberenge-Ruiru road.", "Kiberenge-Ruiru") == ["Kiberenge-Ruiru road"]


def test_a_service_after_a_name_is_not_a_head() -> None:
    assert _grown("Dr Pellow Cardiology review", "Pellow", "name") == []
    assert _grown("Mr Pellow\nGeneral Surgery registrar", "Pellow", "name") == []


def test_a_town_tail_and_a_small_word_between_two_parts_join() -> None:
    assert _grown("Praxis, Wendlingen am Kocher", "Wendlingen") == ["Wendlingen am Kocher"]
    text = "Cill na Speirte, Co. Clare"
    spans = [_span(text, "Cill"), _span(text, "Speirte")]
    assert [text[r.start : r.end] for r in grown_place_spans(text, spans)] == ["Cill na Speirte"]


def test_a_lower_case_street_abbreviation_opens_its_street() -> None:
    assert _grown("Przychodnia\nul. Jasnych Pól 4, Lublin", "Jasnych Pól 4") == [
        "ul. Jasnych Pól 4"
    ]


def test_address_labels_of_other_languages_open_an_address_line() -> None:
    for text, part in (
        ("Domicilio: Calle Olmo 8, 2ºA, Villarejo   Tel: x", "Calle Olmo 8, 2ºA, Villarejo"),
        ("Endereço: Rua Tucunaré, 77, apto 12, Vila Nova", "Rua Tucunaré, 77, apto 12, Vila Nova"),
        ("Anschrift: Am Weidenhang 3, Oberkirchen", "Am Weidenhang 3, Oberkirchen"),
        ("Dirección paciente: Carrera 9 # 14-22, Sur", "Carrera 9 # 14-22, Sur"),
        ("Address (home): 4 Tor View, Lydmoor", "4 Tor View, Lydmoor"),
    ):
        assert [text[a:b] for a, b in _address_lines(text)] == [part], text


def test_small_words_of_irish_and_dated_addresses_stay_in_the_line() -> None:
    text = "Address: Gort na Móna, Cill an tSléibhe, Co. Mayo"
    assert [text[a:b] for a, b in _address_lines(text)] == [
        "Gort na Móna, Cill an tSléibhe, Co. Mayo"
    ]
    text = "Address: prev 12 Kowhai, Raglan; now 5/20 Totara, Ngaruawahia"
    assert [text[a:b] for a, b in _address_lines(text)] == [
        "prev 12 Kowhai, Raglan; now 5/20 Totara, Ngaruawahia"
    ]


def test_a_clinical_location_after_a_label_stays() -> None:
    for text in (
        "Location: Left Lower Lobe",
        "Res: 18/min, regular",
        "Domicilio: no refiere",
    ):
        assert list(_address_lines(text)) == [], text


def test_an_address_before_a_postcode_that_opens_its_part_is_read() -> None:
    out = redact("Klinik Sentosa\nNo. 8, Jalan Kenanga 4/2, Taman Mewah, 81200 Johor Bahru\n")
    for word in ("Kenanga", "Mewah", "4/2", "81200"):
        assert word not in out, out


def test_an_address_wrapped_after_its_comma_is_read_on() -> None:
    out = redact("Lives 14 Pennyfold,\n   Upper Thornley, Bradwick BD7 2QX. Smokes 10/day.")
    for word in ("Pennyfold", "Thornley", "BD7"):
        assert word not in out, out
    assert "Smokes 10/day" in out


def test_an_employer_sponsor_field_holds_an_organisation() -> None:
    out = redact("Employer/sponsor: Northfield Bricklayers Local 212   Alt contact: wife")
    assert "Bricklayers" not in out and "Northfield" not in out, out


def test_clinical_text_beside_places_survives() -> None:
    text = (
        "Seen in clinic. Metformin 500 mg twice daily, HbA1c 58 mmol/mol. "
        "Location: Right Upper Quadrant. Sodium 138, Na 138. "
        "Plan: repeat U&E in 2 weeks, review in surgery."
    )
    assert redact(text) == text


def test_the_organisation_on_a_first_line_goes_whole_where_a_word_of_it_was_found() -> None:
    text = "Kardiologie am Dornbusch - Praxis\nBefund folgt."
    grown = [
        text[r.start : r.end] for r in first_line_organisation(text, [_span(text, "Dornbusch")])
    ]
    assert grown == ["Kardiologie am Dornbusch"]
    text = "St. Aldric Regional CARDIOLOGY CLINIC - LETTER\nDear colleague,\n"
    grown = [text[r.start : r.end] for r in first_line_organisation(text, [_span(text, "Aldric")])]
    assert grown == ["St. Aldric Regional"]


def test_a_first_line_that_is_a_sentence_or_a_service_stays() -> None:
    text = "Back at work at Pinegrove since May, no pain.\nReview in May.\n"
    assert list(first_line_organisation(text, [_span(text, "Pinegrove")])) == []
    text = "Fracture Clinic Pinegrove - review\nSeen today.\n"
    assert list(first_line_organisation(text, [_span(text, "Pinegrove")])) == []


def test_hospital_initials_before_an_emergency_department_go() -> None:
    out = redact("Fell at home, seen at QRH A&E, then taken to the BVH ED for CT head.")
    assert "QRH" not in out and "BVH" not in out, out
    assert "CT head" in out
    text = "Seen in ED today; ECG in ED normal; referred to GP ED follow-up."
    assert redact(text) == text


def test_a_listed_organisation_without_a_facility_word_goes() -> None:
    out = redact("Daughter staying at the Travelodge; sample sent to Synlab for genotyping.")
    assert "Travelodge" not in out and "Synlab" not in out, out
    assert "genotyping" in out


def test_a_street_word_in_lower_case_after_a_word_of_place_opens_a_street() -> None:
    out = redact("Works evenings at a bakery on avenue Des Pins-Ouest, no heavy lifting.")
    assert "Pins-Ouest" not in out, out
    out = redact("Vive en calle Almendros con su hija.")
    assert "Almendros" not in out, out
    text = "Given via PEG. Route PO. Referred via Dr Office."
    assert "PEG" in redact(text) and "Route PO" in redact(text)


def test_a_short_res_label_opens_an_address_only_before_a_capital() -> None:
    assert list(_address_lines("Res: regular rhythm, good air entry")) == []
    text = "Res: Hse 12, Block D, Kawangware"
    assert [text[a:b] for a, b in _address_lines(text)] == ["Hse 12, Block D, Kawangware"]
