"""Sixteenth round, organisations told by how a text writes their name: defined with their
initials, initials beside a word of their role, a qualifier that makes plain words one body, a
listed name's branch, and a found name's state code or site. Examples are invented here, not
taken from the evaluation set; each rule has a negative test that keeps clinical or plain text."""

from __future__ import annotations

from fixtures.deid_rules import redact, spans

from medlocal.privacy.deid_org_forms import (
    acronyms_by_role,
    bodies_for,
    defined_initials,
    foreign_heads,
    occupation_employers,
    pub_names,
    qualified_bodies,
)

# Organisations defined with their initials.


def test_a_long_form_then_its_initials_names_both() -> None:
    text = "She studies at Harrowgate Polytechnic University (HPU) and works weekends."
    assert spans(defined_initials, text) == ["Harrowgate Polytechnic University", "HPU"]
    out = redact(text + " Her HPU tutor knows.")
    assert "HPU" not in out and "Harrowgate" not in out, out


def test_initials_then_the_long_form_in_brackets() -> None:
    text = "Candidate for WSRH (Western Spinal Rehabilitation Hospital) next month."
    assert spans(defined_initials, text) == ["WSRH", "Western Spinal Rehabilitation Hospital"]


def test_a_foreign_long_form_with_small_words() -> None:
    text = "Membre de la Ligue régionale contre la douleur chronique (LRCDC) depuis 2020."
    assert "LRCDC" in spans(defined_initials, text)


def test_initials_that_are_also_a_clinical_abbreviation_need_a_distinct_word() -> None:
    text = "Member of the Kestrel Community League (KCL) since May."
    assert "KCL" in spans(defined_initials, text)
    text = "Seen by the Community Mental Health Team (CMHT) today; KCL 20 mmol given."
    assert spans(defined_initials, text) == []
    assert "KCL 20 mmol" in redact(text)


def test_scales_wards_and_tests_defined_with_initials_stay() -> None:
    text = (
        "Hospital Anxiety and Depression Scale (HADS) 14. Admitted to the Intensive Care Unit "
        "(ICU). Emergency Department (ED) triage. Thyroid Stimulating Hormone (TSH) 2.1."
    )
    assert spans(defined_initials, text) == []
    out = redact(text)
    for kept in ("HADS", "ICU", "TSH", "Hospital Anxiety and Depression Scale"):
        assert kept in out, out


def test_a_person_and_role_in_brackets_is_no_organisation() -> None:
    assert spans(defined_initials, "Seen with Dr Jane Smith (JS) at home.") == []


# Initials beside a word of their role.


def test_unknown_initials_before_a_place_of_care_or_beside_a_specialty() -> None:
    assert spans(acronyms_by_role, "Booked into the QRVH clinic on Monday.") == ["QRVH"]
    assert spans(acronyms_by_role, "Bloods sent to XMB lab today.") == ["XMB"]
    assert spans(acronyms_by_role, "Lab (ZWK-lab): normal.") == ["ZWK"]
    assert spans(acronyms_by_role, "Follow-up with cardiology TKNH in May.") == ["TKNH"]
    assert spans(acronyms_by_role, "Form sent; PRKVO dossier open; BMWU shop steward told.") == [
        "PRKVO",
        "BMWU",
    ]


def test_clinical_initials_beside_a_place_of_care_stay() -> None:
    text = "Seen in the IBD clinic; ECG lab booked; CKD nephrology review; NIHL claim made."
    assert spans(acronyms_by_role, text) == []
    out = redact(text)
    for kept in ("IBD", "ECG", "CKD", "NIHL"):
        assert kept in out, out


def test_unknown_initials_beside_a_bodys_people_vehicles_or_kind() -> None:
    # Session 31: an operator's rep, truck or driver; the kind of body before its initials.
    assert spans(acronyms_by_role, "Taxi association QTBA rep called the ward.") == ["QTBA"]
    assert spans(acronyms_by_role, "Moved in the KVCS truck to court.") == ["KVCS"]
    assert spans(acronyms_by_role, "His union ZMWU paid; the NPTX driver waited.") == [
        "ZMWU",
        "NPTX",
    ]


def test_clinical_initials_before_a_person_or_vehicle_stay() -> None:
    text = "ICU staff and the ECG officer saw him; MRI van booked; the CKD rep agreed."
    assert spans(acronyms_by_role, text) == []
    out = redact(text)
    for kept in ("ICU", "ECG", "MRI", "CKD"):
        assert kept in out, out


# A qualifier that makes plain words one body; an office of a subject.


def test_a_national_or_royal_body_of_plain_words() -> None:
    text = "Brought by National Ambulance Service from the roadside."
    assert spans(qualified_bodies, text) == ["National Ambulance Service"]
    assert "Ambulance Service" not in redact(text)
    assert spans(qualified_bodies, "Referred to the Royal Eye Infirmary, Leeds.") == [
        "Royal Eye Infirmary"
    ]


def test_a_department_of_a_subject_that_is_no_specialty() -> None:
    assert spans(qualified_bodies, "Inspection by the Department of Fisheries next week.") == [
        "Department of Fisheries"
    ]
    for kept in (
        "Department of Cardiology",
        "Department of Clinical Neurosciences",
        "Department of Haematology & Blood Transfusion",
        "Department of Surgery",
        "Dept of Medicine",
    ):
        assert spans(qualified_bodies, f"Letter from the {kept} today.") == [], kept


def test_a_qualifier_without_a_facility_word_is_no_body() -> None:
    assert spans(qualified_bodies, "National Early Warning Score 5; Royal Jelly capsules.") == []


# A listed name's branch; a found name's state code or site.


def test_a_listed_plain_name_told_by_the_words_after_it() -> None:
    out = redact("Safety plan given; Mind in Swindon peer group; Shout text line.")
    assert "Mind" not in out and "Swindon" not in out and "Shout" not in out, out
    out = redact("Mind in general is better today; shout if in pain.")
    assert out.startswith("Mind in general"), out


def test_a_facility_keeps_its_state_code_and_its_site_after_at() -> None:
    out = redact("Counselling via Genetic Testing Service NZ next month.")
    assert "NZ" not in out, out
    out = redact("Rehab at Memorial Hospital at Brackwater weekly.")
    assert "Brackwater" not in out and "Memorial" not in out, out
    out = redact("Admitted to the Memorial Hospital at 10:00; seen in Hospital at Home.")
    assert "at 10:00" in out or "at [" in out, out
    assert "Hospital at Home" in out, out


def test_initials_defined_across_a_line_break_and_a_womens_hospital() -> None:
    text = "Claim lodged with TRBB\n  (Tin Refiners Benefit Bureau), ref pending."
    assert "TRBB" not in redact(text)
    text = "Booked at Kestrel Women's and Children's Hospital (KWCH) for scans."
    assert spans(defined_initials, text) == ["Kestrel Women's and Children's Hospital", "KWCH"]


def test_a_certificate_or_a_hospital_clinic_defined_with_initials_stays() -> None:
    text = (
        "MEDICAL CERTIFICATE OF CAUSE OF DEATH (MCCD) issued. "
        "Pre-Operative Assessment Clinic (POAC)."
    )
    assert spans(defined_initials, text) == []
    assert spans(defined_initials, "Result (Lab ID CL-44).") == []


def test_a_body_by_its_head_and_what_it_is_for() -> None:
    assert spans(bodies_for, "Seen at the Centre for Hand Surgery, Leeds.") == [
        "Centre for Hand Surgery"
    ]
    assert spans(bodies_for, "Referred to Brackley Council on Gambling today.") == [
        "Brackley Council on Gambling"
    ]
    assert spans(bodies_for, "Leaflet from the Mossvale Society of Ireland.") == [
        "Mossvale Society of Ireland"
    ]


def test_a_head_before_a_street_or_a_lower_case_purpose_stays() -> None:
    assert spans(bodies_for, "The Center on Maple St is closed.") == []
    assert spans(bodies_for, "Centre for assessment of falls.") == []


def test_a_pub_by_its_arms() -> None:
    assert spans(pub_names, "Works at The Fox Arms on weekends.") == ["The Fox Arms"]
    assert spans(pub_names, "Drinks at the Ploughman's Arms nightly.") == ["Ploughman's Arms"]
    assert spans(pub_names, "Weakness in Both Arms; Upper Arms bruised.") == []


def test_a_facility_keeps_its_quoted_local_name() -> None:
    out = redact('Admitted to University Hospital Brackwater, "the County" in town.')
    assert "the County" not in out, out
    out = redact('Admitted for observation, "Grade A" pain relief given.')
    assert "Grade A" in out, out


def test_organisations_of_other_languages_written_head_first() -> None:
    assert spans(foreign_heads, "Kerk: NG Gemeente Bellville-Suid; dominee besoek.") == [
        "NG Gemeente Bellville-Suid"
    ]
    assert spans(foreign_heads, "ref from Ospital ng Lungsod today") == ["Ospital ng Lungsod"]
    assert spans(foreign_heads, "Analítica (Laboratorio Norte Vega): normal.") == [
        "Laboratorio Norte Vega"
    ]


def test_a_foreign_head_before_kind_words_only_stays() -> None:
    assert spans(foreign_heads, "Laboratorio Clínico: hemoglobina 12.") == []


def test_the_employer_after_the_job_on_an_occupation_line() -> None:
    text = "Occupation: retired boilermaker, Kessock Forge Works; likes bowls."
    assert spans(occupation_employers, text) == ["Kessock Forge Works"]
    assert spans(occupation_employers, "Occupation: nurse, Retired\n") == []
    assert spans(occupation_employers, "Occupation: cleaner, Mon-Fri; Dr Lee aware") == []


def test_a_branch_keeps_its_number() -> None:
    out = redact("Legion member (Royal Canadian Legion Branch 88).")
    assert "88" not in out, out
