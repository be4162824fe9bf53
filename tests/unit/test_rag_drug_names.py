"""Drug names from the maintained dictionary (issue 14): brands map to generics."""

from __future__ import annotations

import sys

import pytest

from medlocal.paths import resources_dir
from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon


@pytest.mark.parametrize(
    ("brand", "generic"),
    [
        ("Plavix", "clopidogrel"),
        ("Lovenox", "enoxaparin"),
        ("Clexane", "enoxaparin"),
        ("Coumadin", "warfarin"),
        ("Lantus", "insulin glargine"),
        ("Augmentin", "amoxicillin-clavulanate"),  # from the FDA dictionary (drug_brands.txt)
        ("Zoloft", "sertraline"),
        ("Ancef", "cefazolin"),
    ],
)
def test_a_brand_is_confirmed_by_its_generic(brand: str, generic: str) -> None:
    passage = {1: f"He was given {generic} 40 mg."}
    assert ground(f"He was given {brand} 40 mg [1].", passage).flags == []
    reverse = {1: f"He was given {brand} 40 mg."}
    assert ground(f"He was given {generic} 40 mg [1].", reverse).flags == []


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Fragmin 80 mg twice daily [1].", "Enoxaparin 80 mg twice daily."),
        ("Effient 75 mg daily [1].", "Clopidogrel 75 mg daily."),
        ("Brilinta 75 mg daily [1].", "Plavix 75 mg daily."),
    ],
)
def test_another_drugs_brand_is_flagged(answer: str, passage: str) -> None:
    kinds = [f.kind for f in ground(answer, {1: passage}).flags]
    assert kinds == ["unverified_medication"]


def test_dictionary_is_large_and_ordinary_words_are_not_drugs() -> None:
    lexicon = default_lexicon()
    assert len(lexicon.names) > 20000
    for word in ("caps", "armour", "patient", "pressure", "history", "left", "stent"):
        assert not lexicon.is_medication(word), word


def test_the_dictionary_ships_as_text_with_its_licence_notice() -> None:
    folder = resources_dir()
    head = (folder / "drug_names.txt").read_text(encoding="utf-8")[:600]
    assert "CC BY-SA 4.0" in head
    notices = (folder / "NOTICES.txt").read_text(encoding="utf-8")
    for source in ("DrugBank", "MeSH", "MedlinePlus", "Open Government Licence", "Wikipedia"):
        assert source in notices
    # Only the data is used: the package's module (which unpickles a home-folder cache) never is.
    assert "drug_named_entity_recognition" not in sys.modules


def test_a_combination_written_with_its_parts_clipped_names_it() -> None:
    lexicon = default_lexicon()
    assert lexicon.supported("ID: pip-tazo 4.5 g IV q6h (day 4).", "piperacillin-tazobactam")
    assert lexicon.supported("Discharged on amox/clav 875 mg BD.", "amoxicillin/clavulanate")
    # One part alone is not the combination, nor a pair whose clips start other names.
    assert not lexicon.supported("ID: pip-tazo 4.5 g IV q6h.", "ceftazidime-avibactam")
    assert not lexicon.supported("Given tazocin 4.5 g.", "ceftolozane-tazobactam")
    passage = "ID: pip-tazo 4.5 g IV q6h (day 4)."
    good = "She is on piperacillin-tazobactam 4.5 g IV every six hours [1]."
    assert [f.kind for f in ground(good, {1: passage}).flags] == []
    bad = "She is on ceftazidime-avibactam 2.5 g IV every eight hours [1]."
    assert "unverified_medication" in [f.kind for f in ground(bad, {1: passage}).flags]


def test_three_letter_initialisms_of_drugs_name_them() -> None:
    # Round 5: "MTX 20 mg weekly", "PCN allergy", "Tac trough" were read as no drug at all.
    lexicon = default_lexicon()
    assert lexicon.supported("On MTX 15 mg weekly + folic acid.", "methotrexate")
    assert lexicon.supported("Allergy: PCN (hives).", "penicillin")
    assert lexicon.supported("Tac trough 8.1 ug/L.", "tacrolimus")
    assert lexicon.supported("HCQ 200 mg BD.", "hydroxychloroquine")
    assert lexicon.supported("TXA 1 g IV given.", "tranexamic acid")
    # An initialism names its own drug only, and words of three letters are no drugs.
    assert not lexicon.supported("On MTX 15 mg weekly.", "metformin")
    assert lexicon.find("The pain was bad but she ate and did well.") == []
    passage = "Rheumatology: MTX 15 mg PO weekly (Fri), HCQ 200 mg BD."
    good = (
        "She takes methotrexate 15 mg by mouth every Friday and hydroxychloroquine 200 mg"
        " twice daily [1]."
    )
    assert [f.kind for f in ground(good, {1: passage}).flags] == []
    bad = "She takes leflunomide 20 mg daily [1]."
    assert "unverified_medication" in [f.kind for f in ground(bad, {1: passage}).flags]
    wrong_dose = "She takes methotrexate 25 mg weekly [1]."
    assert "unverified_number" in [f.kind for f in ground(wrong_dose, {1: passage}).flags]
