"""International and British drug names (walk 43 D2): patient 3's notes say "salbutamol 100
micrograms two puffs as needed", and "Is she on albuterol?", "Which bronchodilator does she
use?", "Which inhaler...?", "What reliever...?" all answered "Not found in the selected
documents"; "Which loop diuretic is he on?" missed "frusemide 40 mg" and "Is he on
nitroglycerin?" missed "glyceryl trinitrate". resources/drug_brands.txt maps those names to their
U.S. generic, but search's expansion added only a generic's listed brands, and the relevance gate
knew class members only as search's bounded expansion named them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.lexical_vault import FILLER, lexical_vault, top_passage

from medlocal.drugs import DrugVocabulary, default_vocabulary, other_names
from medlocal.rag.relevance import RelevanceThreshold, term_finder
from medlocal.vault.records import SearchHit
from medlocal.vault.store import Vault

PASSAGES = (
    "Salbutamol 100 micrograms two puffs as needed.",
    "Frusemide 40 mg in the morning.",
    "Glyceryl trinitrate spray 400 micrograms under the tongue as needed.",
    "Pethidine 50 mg given once.",
    *FILLER,
)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    vault = lexical_vault(tmp_path_factory.mktemp("v"), PASSAGES)
    yield vault
    vault.lock()


@pytest.fixture(scope="module")
def us_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """Notes written with the U.S. names."""
    vault = lexical_vault(
        tmp_path_factory.mktemp("u"),
        ("Albuterol inhaler two puffs when wheezy.", "Acetaminophen 1 g as needed.", *FILLER),
    )
    yield vault
    vault.lock()


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        # U.S. generic in the question, international/British name in the note...
        ("Is she on albuterol?", "Salbutamol"),
        ("What dose of furosemide is he on?", "Frusemide"),
        ("Is he on nitroglycerin?", "Glyceryl trinitrate"),
        ("Was he given meperidine?", "Pethidine"),
        ("Is he on glyceryl trinitrate?", "Glyceryl trinitrate"),
        # A class asked about, its member written by its international/British name.
        ("Which loop diuretic is he on?", "Frusemide"),
    ],
)
def test_search_finds_the_other_name(vault: Vault, question: str, passage: str) -> None:
    assert top_passage(vault, question).startswith(passage)


@pytest.mark.parametrize(
    ("question", "passage"),
    [("How often does she use salbutamol?", "Albuterol"), ("Any paracetamol?", "Acetaminophen")],
)
def test_search_finds_the_us_name(us_vault: Vault, question: str, passage: str) -> None:
    assert top_passage(us_vault, question).startswith(passage)


def test_a_generics_other_names_are_synonyms_both_ways() -> None:
    vocabulary = default_vocabulary()
    assert "salbutamol" in vocabulary.expansion("Is she on albuterol?").synonyms
    assert "albuterol" in vocabulary.expansion("Is she on salbutamol?").synonyms
    assert "paracetamol" in vocabulary.expansion("Any acetaminophen?").synonyms
    assert "acetaminophen" in vocabulary.expansion("Any paracetamol?").synonyms
    assert "frusemide" in vocabulary.expansion("furosemide dose").synonyms
    assert "lignocaine" in vocabulary.expansion("lidocaine patch").synonyms
    assert "glyceryl trinitrate" in vocabulary.expansion("Is he on nitroglycerin?").synonyms
    assert "nitroglycerin" in vocabulary.expansion("Is he on glyceryl trinitrate?").synonyms
    assert "salbutamol" in vocabulary.expansion("Which bronchodilator?").members


def test_only_international_names_and_spellings_count_not_foreign_brands() -> None:
    names = {"salbutamolum", "pethidinum", "salbutamol", "aerolin", "frusemide"}
    candidates = ["aerolin", "airomir", "salbutamol", "salbutamolum", "albuterol-x"]
    # "salbutamol" has its Latin INN form listed; "aerolin", "airomir" are brands abroad;
    # "salbutamolum" is that Latin form itself; "albuterol-x" holds the generic's word already.
    assert other_names("albuterol", candidates, names) == ["salbutamol"]
    assert other_names("furosemide", ["frusemide", "lasix", "furosemidum"], names) == ["frusemide"]


def test_the_vocabulary_reads_other_names_from_unlisted_names(tmp_path: Path) -> None:
    (tmp_path / "drug_brands.txt").write_text(
        "# test\nventolin\talbuterol\t16\nsalbutamol\talbuterol\t0\nsalbutamolum\talbuterol\t0\n"
        "aerolin\talbuterol\t0\n",
        encoding="utf-8",
    )
    vocabulary = DrugVocabulary.from_folder(tmp_path)
    assert vocabulary.other_names_of == {"albuterol": ("salbutamol",)}
    assert vocabulary.counterparts("albuterol") == ["salbutamol", "ventolin"]


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Which bronchodilator does she use?", "Meds: salbutamol 100 micrograms PRN."),
        ("Which inhaler does she use?", "Meds: salbutamol 100 micrograms PRN."),
        ("What reliever does she use?", "Meds: salbutamol 100 micrograms PRN."),
        ("Which loop diuretic is he on?", "Frusemide 40 mg mane."),
        ("Is he on nitroglycerin?", "Glyceryl trinitrate spray PRN."),
        ("Is she on albuterol?", "Salbutamol 100 micrograms PRN."),
        # A member past the few search adds to the query still counts (the gate reads the
        # whole class): bumetanide is a loop diuretic.
        ("Which loop diuretic is he on?", "Bumetanide 1 mg daily."),
    ],
)
def test_the_relevance_gate_counts_the_member_by_any_name(question: str, text: str) -> None:
    assert term_finder(question)(text)
    hit = SearchHit(1, 1, 1, "a.txt", 1, 0, len(text), None, text, 0.03, 0.2, None)
    assert RelevanceThreshold().answerable([hit], question)


def test_a_drug_of_another_class_is_no_member() -> None:
    bronchodilator = term_finder("Which bronchodilator does she use?")
    assert not bronchodilator("Paracetamol 1 g four times a day.")
    # "pain reliever" is the analgesic class, not the inhaler one.
    assert not term_finder("Which pain reliever helps her?")("Salbutamol 100 micrograms PRN.")
    assert term_finder("Which pain reliever helps her?")("Ibuprofen 400 mg tds.")
