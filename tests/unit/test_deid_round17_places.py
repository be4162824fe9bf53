"""Seventeenth round, places: administrative units named with their unit word before or after
the name, towns named by their ending word, streets of Italy, Germany and Malaysia, post-office
boxes with letters, a house named in words or quotes, the parts of one address joined over a
landmark or building word, and a flat or floor after a street. Examples are invented here, not
taken from the evaluation set; each rule has a negative test that keeps clinical or plain text."""

from __future__ import annotations

from fixtures.deid_rules import redact

from medlocal.privacy.deid_admin_units import admin_unit_spans
from medlocal.privacy.deid_place_growth import grown_place_spans
from medlocal.privacy.deid_place_suffixes import suffixed_place_spans
from medlocal.privacy.deid_spans import Redaction


def _units(text: str) -> list[str]:
    return [red.original for red in admin_unit_spans(text)]


def _suffixed(text: str) -> list[str]:
    return [red.original for red in suffixed_place_spans(text)]


# Administrative units.


def test_a_unit_word_after_the_name() -> None:
    assert _units("Farmhouse outside Kadegaon taluka, Sangli district; son drives.") == [
        "Kadegaon taluka",
        "Sangli district",
    ]
    assert _units("Moved from Dalarnas län last spring.") == ["Dalarnas län"]
    assert _units("Born in Oyugis sub-county, Homa Bay.") == ["Oyugis sub-county"]
    assert _units("Lives in Epe LGA with her aunt.") == ["Epe LGA"]


def test_a_plain_word_opening_the_sentence_is_no_part_of_the_name() -> None:
    assert _units("Visited Kadegaon taluka in May.") == ["Kadegaon taluka"]


def test_a_unit_word_before_the_name() -> None:
    text = (
        "Kampung Baru, Daerah Kuantan. Dorfstraße 2, Landkreis Verden. gemeente Oost Gelre. "
        "MRC des Sources, powiat bocheński, Dist. Sitamarhi."
    )
    assert _units(text) == [
        "Daerah Kuantan",
        "Landkreis Verden",
        "gemeente Oost Gelre",
        "MRC des Sources",
        "powiat bocheński",
        "Dist. Sitamarhi",
    ]
    assert _units("Municipality of Tarnhollow, Ontario") == ["Municipality of Tarnhollow"]


def test_anatomy_services_and_roles_before_unit_words_stay() -> None:
    text = (
        "Tenderness over the Lumbar region and Epigastric region. The District Nurse visits. "
        "Rural district, the Central district, Kadegaon district nurse, MRC grade 4 power, "
        "Village Green, P.O. Box 4."
    )
    assert _units(text) == []
    out = redact("Tender over the Epigastric region; seen by the District Nurse; MRC 4/5.")
    assert "Epigastric region" in out and "District Nurse" in out and "MRC 4/5" in out, out


def test_units_are_redacted_in_the_whole_redactor() -> None:
    out = redact("Home: Pallikara, Kadegaon taluka, Sangli district.")
    assert "Kadegaon" not in out and "Sangli" not in out, out


# Towns named by their ending word, and the "Mile" places.


def test_a_town_named_by_its_ending_after_a_cue() -> None:
    assert _suffixed("Fishing out by\nLoon Lake most weekends; cousin in Cedar Flats.") == [
        "Loon Lake",
        "Cedar Flats",
    ]
    assert _suffixed("She was camped near the 9 Mile turnoff.") == ["9 Mile"]


def test_hospital_bays_races_and_facilities_stay() -> None:
    text = (
        "Moved to Resus Bay, then the Nurses Station. Ran the 10 Mile race in June. Seen at "
        "Cedar Lake Hospital today."
    )
    assert _suffixed(text) == []


# Streets.


def test_italian_german_and_malay_streets() -> None:
    out = redact("Residenza: via Santa Chiara 22, 10090 Rosta. Studio: Piazza Duomo, 3, Biella.")
    assert "Santa Chiara" not in out and "Duomo" not in out, out
    out = redact("wohnhaft Auf der Heide 12, Tostedt.")
    assert "Heide 12" not in out, out
    out = redact("Jalan PJU 5/12, Taman Sri Dahlia, 47810 Petaling Jaya")
    assert "PJU 5/12" not in out, out


def test_a_german_date_and_an_english_via_stay() -> None:
    out = redact("Given via NG tube 2, then reviewed.")
    assert "via NG tube 2" in out, out


def test_a_box_with_letters_and_a_town_corporation_number() -> None:
    out = redact("Correspondence: P.O. Box AN 1234, Kumasi")
    assert "AN 1234" not in out, out
    out = redact("Address: Pranavam, TC 12/455, Vellayambalam Lane, Kochi")
    assert "12/455" not in out, out
    assert "TC 5.2" in redact("Lipids: TC 5.2 mmol/L, HDL 1.1")


def test_a_house_named_in_words_or_quotes() -> None:
    out = redact("    Address: Sloe Hedge Cottage, off Kiln Lane by the old chapel")
    assert "Sloe Hedge" not in out, out
    out = redact('    "Tir na Coille", up the gravel track past the Brennock turnoff')
    assert "Tir na Coille" not in out, out
    out = redact('She said "Much Better", up to a point.')
    assert "Much Better" in out, out


def test_parts_of_one_address_over_a_landmark_or_building_word() -> None:
    out = redact("Home: Shivaji Nagar, near Maruti mandir, Karad")
    assert "near" not in out, out
    out = redact("Résidence Les Acacias, bât. D, 4 allée Paul-Cézanne, Sevran")
    assert "bât. D" not in out, out
    out = redact("Marktstraße 18, 21244 Rotenburg an der Wümme")
    assert "an der" not in out, out


def test_a_flat_or_floor_after_a_street() -> None:
    out = redact("1190, boulevard des Forges, bureau 410, Trois-Rivières (QC) G8Z 1T7")
    assert "410" not in out, out
    out = redact("Adresse: 12 rue des Lilas, 2e étage droite, 69003 Lyon")
    assert "étage" not in out, out


def test_a_tooth_before_region_and_falls_after_from_stay() -> None:
    assert _units("Throbbing UR6 region, worse at night.") == []
    assert _suffixed("Suffering from Recurrent Falls; seen at Gastric Junction.") == []


def test_a_city_named_by_its_ending_after_near() -> None:
    assert _suffixed('Lives "near Kisero City gate C, behind the school".') == ["Kisero City"]


# More street forms.


def test_old_english_street_words_after_a_house_number() -> None:
    out = redact("Dr Amos Fell\nThe Brigg Surgery\n7 Mill End\nHaworth Cross\nBD22 8QT")
    assert "Mill End" not in out, out


def test_a_house_number_ends_a_chain_of_parts() -> None:
    out = redact("Residential: Site F, Section 9, No. 2231, Gugulethu")
    assert "2231" not in out, out


def test_spanish_paseo_and_polish_estate_with_their_numbers() -> None:
    out = redact("Consulta — Pº de Ategorrieta 14, 20013 Donostia")
    assert "Ategorrieta 14" not in out, out
    out = redact("Szpital\nos. Zielone Wzgórze 3, 31-900 Kraków")
    assert "Wzgórze 3" not in out, out


def test_a_city_before_state_and_zip_in_a_form_layout() -> None:
    out = redact("HILLS CLINIC  220 W ELM ST  STURGIS SD 57785-2201")
    assert "STURGIS" not in out, out


def test_a_plot_in_lower_case_after_a_comma_but_no_exercise() -> None:
    out = redact("Residence: Kapsoya estate, plot 907, Nandi County; home")
    assert "907" not in out, out
    out = redact("Rx: walk, stand 10, sit, plot 2 of the curve.")
    assert "stand 10" in out and "plot 2" in out, out


def test_a_compass_word_joins_a_found_town_but_not_a_name() -> None:
    text = "Farm near Listowel, North Ballyduff; Dr West Lane saw her."
    town = text.index("Ballyduff")
    found = [Redaction("city", town, town + 9, "Ballyduff", "[CITY]")]
    grown = [(r.start, r.original) for r in grown_place_spans(text, found)]
    assert grown == [(town - 6, "North Ballyduff")]
    name = text.index("Lane")
    found = [Redaction("name", name, name + 4, "Lane", "[NAME]")]
    assert list(grown_place_spans(text, found)) == []


def test_two_small_words_join_a_town_but_not_a_street() -> None:
    assert "in der" not in redact("Praxis: Marktplatz 2, 27356 Rotenburg an der Wümme")
    out = redact("Wohnt in der Hauptstraße 5a, Berlin.")
    assert "[ADDRESS]" in out, out
