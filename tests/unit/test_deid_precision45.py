"""Session 45 (issue 16, precision): a brand before its generic in brackets
(deid_brand_generics), a brand before a strength and a dosing frequency (deid_dose_brands) and
an eponym made an adjective by a hyphenated word (deid_eponym_modifiers) are no one; a person
written so, after a title or a relation, is still removed."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Then a full course of Riamet (artemether-lumefantrine) with fatty food.", "Riamet"),
        ("Tofacitinib stopped; started on Tofacent (tofacitinib) instead.", "Tofacent"),
        ("Two doses of Celestone Soluspan (betamethasone) before delivery.", "Soluspan"),
        ("Hep C: SVR12 after a course of Vexarin (glecaprevir/pibrentasvir).", "Vexarin"),
    ],
)
def test_a_brand_before_its_generic_is_kept(text: str, term: str) -> None:
    kept(text, term)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seen by Dr Okafor (amoxicillin allergy noted).", "Okafor"),
        ("Letter copied to Mrs Threlkeld (tofacitinib).", "Threlkeld"),
        ("Her sister Ella (ulipristal) is also a patient.", "Ella"),
        ("Prescribed by Threlkeldson (started on metformin).", "Threlkeldson"),
        ("Physio to start D0 - Hope (physio) aware.", "Hope"),
        # Review of round 15: a pharmacist's or prescriber's name before the drug it concerns.
        ("Adebayor (diclofenac) as per the discharge letter.", "Adebayor"),
        # "Tofacent" until session 60, when prec60 listed it (tofacitinib's brand in India): a
        # word shaped like a brand that no list holds stays a person's here.
        ("Tofarel (tofacitinib) as the alternative.", "Tofarel"),
        # A given name, or a word shaped like a name no list holds, stays a person's.
        ("A course of Ella (ulipristal) was discussed.", "Ella"),
        ("Started on Brockhurst (tofacitinib) by the team.", "Brockhurst"),
    ],
)
def test_a_person_before_brackets_still_goes(text: str, name: str) -> None:
    gone(text, name)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        (
            "Other meds: Ecosprin 75 stopped (low platelets), Telma 40 od, Thyronorm 50 mcg.",
            "Telma",
        ),
        ("Aspirin stopped (bleeding), Harlow 20 nocte.", "Harlow"),
        ("Cleaning: Actichlor 1000 ppm; hydrogen peroxide vapour on discharge.", "Actichlor"),
    ],
)
def test_a_brand_before_its_strength_and_frequency_is_kept(text: str, term: str) -> None:
    kept(text, term)


def test_a_person_given_a_dose_still_goes() -> None:
    gone("Nurse Telma 40 od was not charted; Dr Okonkwo 20 bd reviewed.", "Okonkwo")
    gone("We gave Anna 40 bd as charted.", "Anna")


def test_a_prescriber_before_a_generic_still_goes() -> None:
    gone("Started by Threlkeld (tofacitinib) last spring.", "Threlkeld")


# -- an eponym made an adjective by a hyphenated word (deid_eponym_modifiers)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("No Capgras or Cotard features. Ganser-type answers absent.", "Ganser-type"),
        ("Sit-to-stand practice, Bobath-informed trunk work, mirror therapy.", "Bobath-informed"),
        ("Gait slow with a Brackwell-like shuffle.", "Brackwell-like"),
    ],
)
def test_an_eponym_made_an_adjective_is_kept(text: str, term: str) -> None:
    kept(text, term)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reviewed with Dr Sheehan-Kelly on the ward.", "Sheehan-Kelly"),
        ("Message left for Mrs Brackwell-like the others, no answer.", "Brackwell"),
        ("Her daughter Ganser-type was not present.", "Ganser"),
    ],
)
def test_a_person_with_a_hyphen_still_goes(text: str, name: str) -> None:
    gone(text, name)
