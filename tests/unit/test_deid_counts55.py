"""deid55b (issue 16 clinical damage): a count or a unit after a number is what it counts, not a
code's, a plate's or a pharmacy's part (privacy/deid_counts.py); and a name in a brand's
brackets between a medicine and its dose goes (deid_products, protect_lab_rows).

"Ref 7730418 3 tabs" lost "3" (the reference's last digit group), "Ambulance: 12 lead ECG"
lost "12" (a plate after the vehicle's word), "Meds from Houchens Pharmacy: Lasix 40 mg" lost
"Lasix" (a pharmacy's name after its cue). Each keep line fails on main e5ff42e.

Every keep of a precision rule comes with identifiers placed right where it keeps text: the
code, plate or pharmacy itself, a name, a place, a facility, another code, a date and an age
over 89 beside the kept count (the must-remove lines; they pass on main and must still pass).
"""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Ambulance: 12 lead ECG showed ST elevation.", ("12 lead ECG",)),
        ("Ambulance 12-lead ECG: sinus rhythm.", ("12-lead ECG",)),
        ("Ref 7730418 3 tabs daily.", ("3 tabs",)),
        ("Our ref 77104482 2 puffs bd.", ("2 puffs",)),
        ("Dossier n° 20417 3 comprimés.", ("3 comprimés",)),
        ("Meds from Houchens Pharmacy: Lasix 40 mg, Spiriva.", ("Lasix 40 mg",)),
        ("Collected at Boots chemist: Entresto 2 tabs bd.", ("Entresto 2 tabs",)),
    ],
)  # fmt: skip
def test_a_count_after_a_number_stays(text: str, terms: tuple[str, ...]) -> None:
    kept(text, *terms)


@pytest.mark.parametrize(
    ("text", "identifiers"),
    [
        # The code, the plate and the pharmacy themselves, and what a keep could leave beside
        # them: a lone last group, a name, a place, a facility, another code, a date, an age.
        ("Ref 7730418 3 tabs daily.", ("7730418",)),
        ("Ref 7730418 3", ("7730418", "3")),
        ("Ref 7730418 3 Okonkwo", ("7730418", "Okonkwo")),
        ("Ref 7730418 93 years old, lives alone.", ("7730418", "93")),
        (
            "Ref 7730418 3 tabs from Okonkwo Pharmacy on 12/03/2026.",
            ("7730418", "Okonkwo", "12/03"),
        ),
        ("Ref 7730418 3 tabs, MRN 4471822.", ("7730418", "4471822")),
        ("Claim 8841 2207 3 tabs bd, seen by Dr Adeyemi.", ("8841 2207", "Adeyemi")),
        ("Dossier n° 20417 3 comprimés de Okonkwo.", ("20417", "Okonkwo")),
        ("Tracking 1Z 88A 441 20 today", ("1Z 88A 441 20",)),
        ("Ambulance: 4417 arrived.", ("4417",)),
        ("Ambulance 4471 lead paramedic Jones.", ("4471", "Jones")),
        ("Ambulance: 4417 3 days ago.", ("4417",)),
        ("Ambulance 12 lead ECG at 93 years in Tamworth.", ("93", "Tamworth")),
        ("Ambulance KX 4417 12 lead ECG by Okonkwo.", ("KX 4417", "Okonkwo")),
        ("Pharmacy: Houchens", ("Houchens",)),
        ("Pharmacy: Okonkwo 5 mg", ("Okonkwo",)),
        ("Pharmacy: Houchens 4 Main Street, Leeds", ("Houchens", "Main Street", "Leeds")),
        ("His pharmacy is Houchens. Lasix 40 mg.", ("Houchens",)),
        ("Meds from Houchens Pharmacy: Lasix 40 mg.", ("Houchens",)),
    ],
)  # fmt: skip
def test_identifiers_beside_a_kept_count_go(text: str, identifiers: tuple[str, ...]) -> None:
    gone(text, *identifiers)


# A medicine's brand in brackets between its generic and a dose is kept by deid_products (and,
# at a line's start, read as a results row's method by deid_clinical_values.protect_lab_rows);
# a listed surname that is no listed medicine stood there kept on main e5ff42e: a prescriber or
# a pharmacist written beside the drug (brief deid55b: a name beside a drug or a disease goes,
# the drug stays).
@pytest.mark.parametrize(
    ("text", "name", "terms"),
    [
        ("Metformin (Okonkwo) 500 mg bd.", "Okonkwo", ("Metformin", "500 mg")),
        ("Metformin (Hartley) 500 mg bd.", "Hartley", ("Metformin", "500 mg")),
        ("Metformin (Adeyemi) 500 mg bd.", "Adeyemi", ("Metformin", "500 mg")),
        ("Amlodipine (Okafor) 10 mg od.", "Okafor", ("Amlodipine", "10 mg")),
        ("Warfarin (Nwosu) 5 mg as per INR.", "Nwosu", ("Warfarin", "5 mg")),
        ("Started metformin (Hartley) 500 mg today.", "Hartley", ("metformin", "500 mg")),
        ("Plan: ramipril (Okonkwo) 2.5 mg, review in 2 weeks.", "Okonkwo", ("ramipril",)),
        ("Metformin (Anna Okonkwo) 500 mg.", "Okonkwo", ("Metformin",)),
        ("DM2 (Okonkwo) on metformin.", "Okonkwo", ("DM2", "metformin")),
    ],
)  # fmt: skip
def test_a_name_in_a_brands_brackets_goes(text: str, name: str, terms: tuple[str, ...]) -> None:
    gone(text, name)
    kept(text, *terms)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Amlodipine (Norvasc) 10 mg od.", ("Norvasc",)),
        ("amlodipine (Amlovar) 10 mg", ("Amlovar",)),
        ("Apixaban (Eliquis) 5 mg bd.", ("Eliquis",)),
        ("Filtrado glomerular (CKD-EPI) 39 mL/min", ("Filtrado glomerular (CKD-EPI)",)),
    ],
)  # fmt: skip
def test_a_brand_in_brackets_stays(text: str, terms: tuple[str, ...]) -> None:
    kept(text, *terms)
