"""Round 18, precision second pass (walk 21 and dev28): a role before a name, a specialty's
initials after it, a status or a clinical abbreviation as an organisation field's value, a word in
capitals after a closing dash, a clinician's field after "in", a list's label, a clotting
factor's variant and allergy shorthands. Examples are invented here; each rule has a test that
the identifier beside it still goes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact

# -- a role or title before a name stays in view (deid_name_edges)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Dressing changed by Nurse Quilley RN.", "Nurse [NAME] RN."),
        ("Chart checked by Sister Ormond RGN today.", "Sister [NAME]"),
        ("Dr Pembrook MD reviewed the film.", "Dr [NAME] MD"),
    ],
)
def test_role_before_name_stays(text: str, want: str) -> None:
    out = redact(text)
    assert want in out, out


def test_name_after_role_still_goes() -> None:
    out = redact("Dressing changed by Nurse Quilley RN.")
    assert "Quilley" not in out


# -- a specialty's initials after a clinician's name (deid_name_edges)


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("Reviewed by Dr Ferreday ENT on the ward.", "ENT"),
        ("Discussed with Mr Tallowfield OMFS.", "OMFS"),
        ("Stepped down after review by Dr Crannock ITU.", "ITU"),
    ],
)
def test_specialty_after_name_stays(text: str, abbreviation: str) -> None:
    out = redact(text)
    assert abbreviation in out and "[NAME]" in out, out


# -- a status or an abbreviation as an organisation field's value (deid_field_values)


@pytest.mark.parametrize(
    "text",
    [
        "Employer: Retired.",
        "Employer: Unemployed",
        "Employer: None.",
        "Pharmacy: PRN.",
        "School: N/A",
    ],
)
def test_status_value_is_no_organisation(text: str) -> None:
    assert "[FACILITY]" not in redact(text), redact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Employer: Brackwater Logistics.", "Brackwater"),
        ("Pharmacy: QUENBY", "QUENBY"),
        ("Employer: Retired. Previously Haldane Mills.", "Haldane"),
    ],
)
def test_organisation_field_still_goes(text: str, name: str) -> None:
    assert name not in redact(text), redact(text)


# -- a word in capitals after a closing dash (deid_initials)


def test_ok_after_dash_is_no_initials() -> None:
    assert redact("Wound inspected. — OK") == "Wound inspected. — OK"


def test_initials_after_dash_still_go() -> None:
    assert "[NAME]" in redact("Wound inspected. — TQ")
    assert "[NAME]" in redact("Wound inspected. -- OK RN")


# -- a clinician's field after "in" (deid_places)


@pytest.mark.parametrize(
    "text",
    [
        "Seen by Consultant in Old Age Psychiatry.",
        "Letter from Registrar in Child and Adolescent Psychiatry.",
        "Reviewed by Specialist Nurse in Sexual Health.",
    ],
)
def test_field_after_role_is_no_facility(text: str) -> None:
    assert redact(text) == text


def test_institution_after_role_still_goes() -> None:
    out = redact("Registrar in Wexcombe University Hospital.")
    assert "Wexcombe" not in out, out


# -- a list's label before names (deid_name_edges)


def test_list_label_stays() -> None:
    out = redact("Attendees: Fennick, Quarrington")
    assert out.startswith("Attendees:") and "Fennick" not in out and "Quarrington" not in out, out


def test_speaker_before_speech_still_goes() -> None:
    out = redact("Fennick: said she was fine")
    assert "Fennick" not in out, out


# -- a clotting factor's variant (deid_named_variants)


@pytest.mark.parametrize(
    "text",
    [
        "Thrombophilia screen: heterozygous for factor V Leiden.",
        "Factor V Cambridge not detected.",
        "Factor V Hong Kong not detected.",
        "Started a factor Xa inhibitor.",
    ],
)
def test_factor_variant_kept(text: str) -> None:
    assert redact(text) == text, redact(text)


def test_name_after_factor_numeral_title_stays_out() -> None:
    out = redact("Factor V Dr Pellow aware.")
    assert "Pellow" not in out, out


# -- allergy shorthand in a list of abbreviations (resources/deid_clinical_terms.txt)


def test_allergy_shorthand_not_company() -> None:
    text = "Salbutamol inhaler PRN. NKDA. ASA II."
    assert redact(text) == text, redact(text)
