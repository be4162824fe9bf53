"""Seventeenth round: facilities and organisations told by a person's relation to them (a verb
of going, playing, staying or belonging; a verb of care before unknown initials), by the kind of
place after them, by a provider's place in a bracket, by a list with a found hospital, by a
hospital's initials that end in its "H", by the initials that head a place of care in another
country's system, and an employer after "works ... in". Examples are invented here, not taken
from the evaluation set; each rule has a negative test that keeps clinical or plain text."""

from __future__ import annotations

from fixtures.deid_rules import redact, spans
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_org_forms import defined_initials
from medlocal.privacy.deid_org_roles import (
    bracket_providers,
    care_initials,
    extra_heads,
    leisure_places,
    listed_initials,
    named_kinds,
    names_above_addresses,
    system_heads,
)
from medlocal.privacy.deid_tokens import WordSpan
from medlocal.privacy.deid_workplaces import work_employers

# A place after a verb of going, playing, staying or belonging.


def test_a_pub_of_plain_words_after_drinks_at_the() -> None:
    text = "Drinks at the Weary Ferryman most Fridays."
    assert spans(leisure_places, text) == ["the Weary Ferryman"]
    assert "Ferryman" not in redact(text)


def test_a_team_after_plays_a_sport_for() -> None:
    assert spans(leisure_places, "He plays hurling for Cill Mhór juniors.") == ["Cill Mhór"]


def test_a_hotel_after_staying_at() -> None:
    text = "Her son is staying at the Harbour Lights Inn."
    assert spans(leisure_places, text) == ["the Harbour Lights Inn"]


def test_a_club_after_attends_and_goes_to() -> None:
    assert spans(leisure_places, "Attends Copper Beeches on Tuesdays.") == ["Copper Beeches"]
    assert spans(leisure_places, "Goes to Fenwick Bowls most weeks.") == ["Fenwick Bowls"]


def test_a_name_stops_at_the_sentence_end() -> None:
    text = "Attends Marlow Rowing. Attended Pulmonary Rehab."
    assert spans(leisure_places, text) == ["Marlow Rowing"]


def test_hospital_places_and_services_after_those_verbs_stay() -> None:
    for text in (
        "Attended the Emergency Department overnight.",
        "Attends Outpatients monthly.",
        "Attended Pulmonary Rehab twice.",
        "went to A&E with chest pain.",
        "Went to ED. Attended GP.",
        "member of the MDT reviewed her.",
        "Attends Sunday service.",
        "goes to Church with Mum.",
        "went to Mum's for lunch.",
        "Attended Fracture Clinic.",
    ):
        assert spans(leisure_places, text) == [], text


# Unknown initials after a verb of care.


def test_initials_after_a_verb_of_care_are_the_hospital() -> None:
    assert spans(care_initials, "Asthma dx at QVWH age 6.") == ["QVWH"]
    assert spans(care_initials, "Psychosis 2023 (admitted KBRH ward 2).") == ["KBRH"]
    assert spans(care_initials, "Transferred from MMCF last month.") == ["MMCF"]


def test_units_and_clinical_abbreviations_after_a_verb_of_care_stay() -> None:
    for text in (
        "Admitted HASU overnight.",
        "Seen in CAU this morning.",
        "Referred to SALT and ENT.",
        "Transferred to ICU.",
        "Seen by OPD team.",
        "Reviewed in MDT.",
        "Admitted with SOB.",
    ):
        assert spans(care_initials, text) == [], text


# A name before the kind of place it is.


def test_a_name_before_a_station_goes_with_the_station() -> None:
    text = "Gets breathless on the Ravensholt railway station stairs."
    assert spans(named_kinds, text) == ["Ravensholt railway station"]


def test_a_name_before_a_hall_or_a_pharmacy() -> None:
    assert spans(named_kinds, "near the old Lithuanian Brotherhood hall.") == [
        "Lithuanian Brotherhood"
    ]
    assert spans(named_kinds, "NRT offered via Pickwell pharmacy.") == ["Pickwell"]


def test_kinds_of_a_place_that_name_none_stay() -> None:
    for text in (
        "Hospital pharmacy supplied the patch.",
        "Community hall lunch on Fridays.",
        "Pharmacy closed on Sunday.",
        "Met at the Village hall.",
        "Dispensed by Outpatient pharmacy.",
        "Tuesday hall meeting.",
    ):
        assert spans(named_kinds, text) == [], text


def test_a_care_home_named_before_its_kind_or_in_a_bracket() -> None:
    # Session 31: an operator's or a home's own name before "care home", "nursing home", or
    # before "home" that closes a bracket.
    assert spans(named_kinds, "Fall at Thornwick (Silver Birches home) at night.") == [
        "Silver Birches"
    ]
    assert spans(named_kinds, "Moved to the Ridgeway nursing home last year.") == ["Ridgeway"]
    assert spans(named_kinds, "Lives in a Quellbrook care home.") == ["Quellbrook"]


def test_a_home_named_by_no_one_stays() -> None:
    for text in (
        "Discharged to (Own home) with carers.",
        "Patient in Nursing home since 2020.",
        "Care home staff report falls.",
        "Returned to (Family home) on Friday.",
    ):
        assert spans(named_kinds, text) == [], text


def test_a_service_named_by_a_place_or_an_unknown_word() -> None:
    assert spans(named_kinds, "Seen by the Wexcombe Vale DN team.") == ["Wexcombe Vale"]
    assert spans(named_kinds, "Referred to Mirrowin Anaka program.") == ["Mirrowin Anaka"]
    text = "Exercises via Crohn's Wexcombe FLEX UP programme."
    assert spans(named_kinds, text) == ["Crohn's Wexcombe"]


def test_services_named_by_what_they_do_stay() -> None:
    for text in (
        "Referred to the Early Supported Discharge team.",
        "Booked onto the DESMOND programme.",
        "Discussed with the Heart Failure service.",
        "Hospital at Home team to visit.",
        "Seen by the Falls Prevention service.",
    ):
        assert spans(named_kinds, text) == [], text


# A provider's initials first in a bracket before a clinician, a crew or a date.


def test_a_providers_initials_before_a_date_or_a_clinician() -> None:
    assert spans(bracket_providers, "Lab (QKL, 03-11): CRP 12.") == ["QKL"]
    assert spans(bracket_providers, "MRI (NORVEX, Dr Anna Vogt): normal.") == ["NORVEX"]


def test_clinical_abbreviations_first_in_a_bracket_stay() -> None:
    for text in (
        "Scan (CTPA, 12/03) negative.",
        "Monitor (ABPM, 24-h) arranged.",
        "Fitness (ECOG, 1).",
        "Echo (TTE, Dr Lee) normal.",
    ):
        assert spans(bracket_providers, text) == [], text


# Unknown initials listed with a found hospital.


def _found(text: str, name: str) -> list[WordSpan]:
    start = text.index(name)
    return [WordSpan("facility", start, start + len(name))]


def test_initials_listed_with_a_found_hospital() -> None:
    text = "Refer to Westmere University Hospital or QNCC for surgery."
    found = listed_initials(text, _found(text, "Westmere University Hospital"), lexicon())
    assert [text[s.start : s.end] for s in found] == ["QNCC"]


def test_a_national_service_before_its_found_region() -> None:
    text = "CONFIDENTIAL - NHS DUNMORE"
    found = listed_initials(text, _found(text, "DUNMORE"), lexicon())
    assert [text[s.start : s.end] for s in found] == ["NHS DUNMORE"]


def test_clinical_abbreviations_listed_with_a_hospital_stay() -> None:
    text = "Seen at Westmere General and ICU, then ECG."
    found = listed_initials(text, _found(text, "Westmere General"), lexicon())
    assert found == []


# A hospital's initials that end in its "H".


def test_a_hospitals_initials_with_its_h() -> None:
    text = "Consultant Physician\nBrackenford General (BGH), Leeds"
    assert spans(defined_initials, text) == ["Brackenford General", "BGH"]
    assert spans(defined_initials, "CT by Oosterkamp Vlei (OVH) today.") == [
        "Oosterkamp Vlei",
        "OVH",
    ]


def test_clinical_initials_that_end_in_h_stay() -> None:
    for text in (
        "Left Ventricular (LVH) on echo.",
        "Post Partum (PPH) risk.",
        "Benign Prostatic (BPH) symptoms.",
    ):
        assert spans(defined_initials, text) == [], text


# The initials that head a place of care in another country's system.


def test_a_system_head_and_its_place() -> None:
    assert spans(system_heads, "Suivi au CLSC de Granvillers.") == ["CLSC de Granvillers"]
    assert spans(system_heads, "Derivada del CAP Vallmora 2 - Can Ruti.") == [
        "CAP Vallmora 2 - Can Ruti"
    ]
    assert spans(system_heads, "Control en CESFAM Los Aromos.") == ["CESFAM Los Aromos"]


def test_community_acquired_pneumonia_stays() -> None:
    for text in (
        "CAP Treated with amoxicillin.",
        "CAP Day 3 of antibiotics.",
        "CAP CURB-65 score 2.",
        "Severe CAP Requiring ICU.",
        "CAP Bundle completed.",
    ):
        assert spans(system_heads, text) == [], text


# An employer after "works ... in".


def test_an_employer_after_works_in_when_a_name() -> None:
    text = "Works weekends in Dooley's FreshMart."
    assert spans(work_employers, text) == ["Dooley's FreshMart"]


def test_a_trade_or_a_department_after_works_in_stays() -> None:
    for text in ("He works in IT.", "Works in Retail.", "Works in Cardiology."):
        assert spans(work_employers, text) == [], text


# A name alone on its line above an address's first line.


def test_a_name_above_an_address_line() -> None:
    text = "The Hollies\n27 Sandgate Road\nFolkestone"
    assert spans(names_above_addresses, text) == ["The Hollies"]
    assert spans(names_above_addresses, "Merlin House\nUnit 6, Tanner Lane") == ["Merlin House"]


def test_headings_labels_and_people_above_a_numbered_line_stay() -> None:
    for text in (
        "Impression\n1 Likely viral illness",
        "Home Address\n14 Orchard Road",
        "Mrs Ada Lovell\n14 Orchard Road",
        "Cardiology Department\n3 North Road",
        "Plan Ahead\n2 Review in clinic Road test",
    ):
        assert spans(names_above_addresses, text) == [], text


# A named place before a head the facility words lack.


def test_a_place_before_a_head_the_facility_words_lack() -> None:
    assert spans(extra_heads, "Body to Dunmoor Mortuary at noon.") == ["Dunmoor Mortuary"]
    assert spans(extra_heads, "Fell outside Lucky 9 Lounge, Main St.") == ["Lucky 9 Lounge"]


def test_rooms_and_kinds_before_those_heads_stay() -> None:
    for text in (
        "Waited in the Family Lounge.",
        "Moved to the Discharge Lounge. Patient Lounge closed.",
        "Ate at the Salad Bar.",
        "Sat in the Main Lounge.",
    ):
        assert spans(extra_heads, text) == [], text


def test_groups_named_by_what_they_are_for_after_attends_stay() -> None:
    text = "She attends the Chronic Pain support group and goes to the Greek Orthodox church."
    assert spans(leisure_places, text) == []


def test_the_after_attends_is_the_sentences() -> None:
    assert spans(leisure_places, "Attends the Bramblewood day centre.") == ["Bramblewood"]


def test_a_long_run_of_blanks_is_read_in_linear_time() -> None:
    def read(n: int) -> None:  # 10,000 blanks, then 40,000: a ratio, not a clock
        text = "user" + " " * n + "x\n" + "\t" * n + "hall"
        for rule in (named_kinds, extra_heads, leisure_places, names_above_addresses):
            spans(rule, text)

    assert_linear(read, 10_000)
