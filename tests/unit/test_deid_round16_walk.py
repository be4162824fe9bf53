"""Round 16, found by trying the redactor as a user would before the round's rules (a possessive
before a role is no surname, a signing field's "by:" and more roles with a colon lead to a name,
a signed date keeps its shifted value), and by the read-only review of the round's rules.
Examples are invented here."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.timing import assert_linear

from medlocal.privacy.deid_dates import DateMode
from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, *, date_mode: DateMode = "shift") -> str:
    identity = PatientIdentity("Jane Doe", "123", date(1950, 1, 1))
    return Redactor(identity, shift_days=40, date_mode=date_mode).redact(text)


@pytest.mark.parametrize(
    "text",
    ["Her GP is Dr Stone.", "Her doctor is happy with the plan.", "Their GP, Dr Amos, wrote."],
)
def test_a_possessive_before_a_role_is_kept(text: str) -> None:
    out = redact(text)
    assert out.split()[0] in ("Her", "Their"), out


def test_a_surname_that_is_also_a_possessive_still_goes_with_its_cue() -> None:
    out = redact("Mai Her, social worker, called back.")
    assert "Mai" not in out and "Her," not in out, out


@pytest.mark.parametrize(
    "label",
    ["Reviewed by", "Dispensed by", "Verified by", "Prescriber", "Referrer", "Radiologist"],
)
def test_a_signing_field_leads_to_the_whole_name(label: str) -> None:
    out = redact(f"{label}: Rose Walker\nPlan: review in clinic.")
    assert "Rose" not in out and "Walker" not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Reviewed by: Cardiology",
        "Radiologist: CT Abdomen and pelvis",
        "Pathologist: Hodgkin lymphoma confirmed",
        "Psychiatrist: review in 2 weeks",
    ],
)
def test_a_signing_field_before_a_service_or_finding_keeps_it(text: str) -> None:
    assert redact(text) == text


def test_a_signed_date_keeps_its_shifted_value_and_loses_its_time() -> None:
    out = redact("Reported: 03/04/2025 14:22\nCollected: 03/04/2025 09:10")
    reported, collected = out.splitlines()
    assert "14:22" not in reported and "03/04/2025" not in reported, out
    # The same day, shifted the same way on both lines: intervals survive the export. Round 20
    # (walk 23): the removed time is said to have been there.
    assert reported.removeprefix("Reported: ") == collected.removeprefix("Collected: ")[:10] + (
        " [TIME]"
    ), out


def test_a_signed_date_keeps_only_its_year_in_year_mode() -> None:
    out = redact("Report authorised electronically 14/03/2026 16:05", date_mode="year")
    assert out == "Report authorised electronically 2026 [TIME]", out


# The read-only review of round 16's rules (each found on invented sentences).


def test_a_person_named_like_a_listed_eponymous_syndrome_is_removed() -> None:
    out = redact("Son Charles Bonnet visited and is NOK.")
    assert "Charles" not in out and "Bonnet" not in out, out
    assert "Charles Bonnet syndrome" in redact("Visual hallucinations: Charles Bonnet syndrome.")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Plan:\n- CPN to visit weekly\n- MW to call\n- DSN to phone", ["CPN", "MW", "DSN"]),
        ("- ENT to arrange review\nThe CPN was happy.", ["ENT", "CPN"]),
        ("CPN (community psychiatric nurse) visited.", ["CPN"]),
        ("SW (social worker) called back.", ["SW"]),
        ("Referred to ENT clinic; CAMHS clinic appointment made.", ["ENT", "CAMHS"]),
    ],
)
def test_teams_and_services_by_their_initials_are_kept(text: str, kept: list[str]) -> None:
    out = redact(text)
    assert all(word in out for word in kept), out


def test_a_persons_initials_still_own_an_action_and_a_bracketed_role() -> None:
    out = redact("Plan:\n- RJ to book echo\nAJ (care navigator) phoned.")
    assert "RJ" not in out and "AJ" not in out, out


@pytest.mark.parametrize(
    "text",
    ["C. Difficile, infection control nurse informed.", "S. Aureus, pharmacist to check."],
)
def test_an_organism_opening_a_line_is_no_signature(text: str) -> None:
    assert redact(text) == text


def test_a_signature_without_a_space_after_its_initial_still_goes() -> None:
    assert "Tranter" not in redact("B.Tranter, Social Worker")


@pytest.mark.parametrize("text", ["getippt mk", "trascritto da lb", "Typed ck"])
def test_a_typists_initials_go_in_other_languages_too(text: str) -> None:
    out = redact(text)
    assert text.split()[-1] not in out.split(), out


@pytest.mark.parametrize(
    "text",
    ["transfer to Wigan\n1430 Ambulance arrived", "Leeds, 2500 Steps challenge"],
)
def test_a_time_or_a_count_after_a_place_is_no_postcode(text: str) -> None:
    out = redact(text)
    assert any(number in out for number in ("1430", "2500")), out


def test_a_postcode_after_a_street_still_goes() -> None:
    out = redact("Parkstraße 3, 44787 Bochum")
    assert "44787" not in out, out


def test_typed_before_a_long_run_of_blanks_is_read_in_linear_time() -> None:
    redact("warm up")  # quadratic: about a minute on 20,000 blanks; a ratio, not a clock
    assert_linear(lambda n: redact("typed" + " " * n + "x"), 10_000)


@pytest.mark.parametrize(
    "text",
    [
        "Scope in Endoscopy booked.",
        "Crisis in ED overnight.",
        "Crisis support worker visited.",
        "Aware in AMU of plan.",
        "Beat in AF at 140.",
        "ASA grade II (American Society of Anesthesiologists).",
        "STS (Society of Thoracic Surgeons) risk score 2.1%.",
        "Funded by the National Health Service.",
        "Department of Occupational Therapy review.",
        "Department of Social Work informed.",
        "The Upper Arms were bruised.",
        "Bruising on The Patient's Arms.",
    ],
)
def test_ordinary_clinical_text_is_no_organisation(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("She attends Mind in Croydon weekly.", "Croydon"),
        ("Drinks at The Cavendish Arms most nights.", "Cavendish"),
        ("Letter from the Department of Agriculture.", "Agriculture"),
        ("Referred to the National Ambulance Service.", "Ambulance"),
    ],
)
def test_organisations_of_the_same_shapes_still_go(text: str, gone: str) -> None:
    assert gone not in redact(text)


@pytest.mark.parametrize(
    "text", ["Printed by\njdoe_ward4", "Letter printed 14/03/2026 by\njdoe_ward4"]
)
def test_a_login_on_the_line_after_by_goes(text: str) -> None:
    assert "jdoe" not in redact(text)


def test_a_user_label_before_a_long_run_of_blanks_is_read_in_linear_time() -> None:
    redact("warm up")
    assert_linear(lambda n: redact("user" + " " * n + "x"), 10_000)


def test_an_amino_acid_in_a_protein_change_is_no_given_name() -> None:
    out = redact("BRCA2 c.4411del p.(Val1471Leu) pathogenic; seen with Val, her sister.")
    assert "p.(Val1471Leu)" in out and "with Val" not in out, out


# Walk 19 (a new user's redacted exports).


def test_a_list_of_record_numbers_stops_at_the_next_field() -> None:
    out = redact("MRN 00884213, DOB 11/04/1931, 94-year-old man.")
    assert "00884213" not in out and "DOB" in out and "-year-old man" in out, out


def test_a_compound_of_plain_words_after_a_cue_is_no_name() -> None:
    assert redact("Diagnosed with Community-acquired pneumonia.") == (
        "Diagnosed with Community-acquired pneumonia."
    )
    assert "Jones" not in redact("Seen with Smith-Jones today.")


def test_a_frameshift_in_a_protein_change_is_notation() -> None:
    text = "BRCA2 c.5946delT p.(Ser1982Argfs*22); p.(Glu23Valfs*17)"
    assert redact(text) == text


def test_a_dates_full_stop_ends_the_sentence_and_stays() -> None:
    out = redact("Was phoned on 22 September. Then she went home.")
    assert "September" not in out and ". Then" in out, out
