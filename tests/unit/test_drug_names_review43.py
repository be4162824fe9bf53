"""Review 43 D7: an international name must not map a drug to a class word ("sulfanilamide" got
"sulfonamide", so a question about sulfonamides searched for sulfanilamide and the reverse), and
a class search must not spend its bounded terms on a product list's misspellings
("hydrochlorothiaizide", "aprednislon", "damitriptyline") or one-letter variants ("hydrocodon").
A question naming the drug still gets every other name as its synonym."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.drugs import DrugVocabulary, default_vocabulary


def test_a_class_word_is_no_drugs_other_name() -> None:
    vocabulary = default_vocabulary()
    assert "sulfonamide" not in vocabulary.other_names_of.get("sulfanilamide", ())
    assert vocabulary.counterparts("sulfonamide") == []
    assert "sulfanilamide" not in vocabulary.expansion("Which sulfonamide?").synonyms
    # A class of one drug is that drug's name: "glycerol" is glycerin.
    assert "glycerin" in vocabulary.counterparts("glycerol")


@pytest.mark.parametrize(
    ("question", "misspelt"),
    [
        ("Which opioid is she taking?", {"hydrocodon", "hydromorphon"}),
        ("Any tetracyclic antidepressant?", {"damitriptyline", "doxepine"}),
        ("Any corticosteroid cream?", {"aprednislon", "tricinolon", "dexametasone"}),
        ("Which thiazide diuretic?", {"hydrochlorothiaizide"}),
        ("Which antibiotic was used?", {"aziromycin", "amoxicilline"}),
    ],
)
def test_a_class_search_spends_no_terms_on_misspellings(question: str, misspelt: set[str]) -> None:
    members = set(default_vocabulary().expansion(question).members)
    assert not members & misspelt


def test_international_names_still_join_a_class_search_and_a_drugs_synonyms() -> None:
    vocabulary = default_vocabulary()
    assert "salbutamol" in vocabulary.expansion("Which bronchodilator?").members
    assert "pethidine" in vocabulary.expansion("Which opioid is she taking?").members
    assert "hydrochlorothiaizide" in vocabulary.expansion("hydrochlorothiazide dose").synonyms


def test_the_vocabulary_keeps_class_names_apart(tmp_path: Path) -> None:
    (tmp_path / "drug_brands.txt").write_text(
        "# test\nmicrozide\thydrochlorothiazide\t9\nhydrochlorothiaizide\thydrochlorothiazide\t0\n"
        "sulfonamide\tsulfanilamide\t0\navc\tsulfanilamide\t3\n",
        encoding="utf-8",
    )
    (tmp_path / "drug_classes.txt").write_text(
        "# test\nSulfonamides\tsulfanilamide|sulfadiazine\n", encoding="utf-8"
    )
    vocabulary = DrugVocabulary.from_folder(tmp_path)
    assert vocabulary.other_names_of == {"hydrochlorothiazide": ("hydrochlorothiaizide",)}
    assert vocabulary.class_names_of == {}
