"""Drug-aware exact-word search (issue 15): a question naming a class finds the passage naming
the drug, a brand finds its generic and back, and other questions are searched as typed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.lexical_vault import FILLER, lexical_vault, top_passage
from fixtures.timing import assert_flat, assert_linear

from medlocal.drugs import (
    MAX_TERMS,
    DrugVocabulary,
    class_aliases,
    class_tokens,
    default_vocabulary,
)
from medlocal.vault.store import Vault

# One passage per drug, none naming its class or its other names; filler passages share the
# questions' ordinary words so that only the drug names can decide.
PASSAGES = (
    "Augmentin 875-125 mg by mouth twice daily for 5 more days.",
    "Atorvastatin 80 mg at night.",
    "Furosemide 40 mg by mouth twice daily.",
    "Lorazepam 1 mg at night as needed.",
    "Apixaban 5 mg twice daily.",
    "Bisoprolol 2.5 mg once daily.",
    "Clopidogrel 75 mg once daily.",
    "Which follow-up appointment was arranged for the oral diet review?",
    *FILLER,
)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    vault = lexical_vault(tmp_path_factory.mktemp("v"), PASSAGES)
    yield vault
    vault.lock()


_top = top_passage


@pytest.mark.parametrize(
    ("question", "drug"),
    [
        ("Which oral antibiotic was she sent home on?", "Augmentin"),
        ("Is he taking a statin?", "Atorvastatin"),
        ("What dose of loop diuretic is he on?", "Furosemide"),
        ("Any benzodiazepines at night?", "Lorazepam"),
        # MeSH "anticoagulants" > "factor Xa inhibitors", the FDA class of apixaban
        ("Which anticoagulant is he taking?", "Apixaban"),
        # Session 25: the names clinicians give classes (resources/drug_class_aliases.txt),
        # and a class without its generic head word ("agent, antiplatelet").
        ("Is she on a beta blocker?", "Bisoprolol"),
        ("Is he on a blood thinner?", "Apixaban"),
        ("Any water tablets?", "Furosemide"),
        ("Which antiplatelet is she on?", "Clopidogrel"),
    ],
)
def test_a_class_question_finds_the_drug_passage(vault: Vault, question: str, drug: str) -> None:
    assert _top(vault, question).startswith(drug)


@pytest.mark.parametrize(
    ("question", "drug"),
    [
        ("What dose of amoxicillin?", "Augmentin"),  # generic -> combination brand
        ("Is he still on Lipitor?", "Atorvastatin"),  # brand -> generic
        ("What dose of Lasix?", "Furosemide"),
        ("Ativan at night?", "Lorazepam"),
    ],
)
def test_a_brand_finds_its_generic_and_back(vault: Vault, question: str, drug: str) -> None:
    assert _top(vault, question).startswith(drug)


def test_without_the_expansion_these_questions_find_nothing_relevant(vault: Vault) -> None:
    # The same question with no drug or class word: the drug passages stay out of the top.
    assert not _top(vault, "Which oral medicine was she sent home on?").startswith("Augmentin")


# Unrelated questions get no expansion at all (drugs and abbreviations together):
# tests/unit/test_abbreviation_expansion.py::test_an_unrelated_question_is_not_expanded.


def test_expansion_is_bounded_and_fast() -> None:
    vocabulary = default_vocabulary()
    question = "antibiotics, statins, opioids, benzodiazepines, diuretics and Tylenol or Norco"
    assert len(vocabulary.expansion(question).names()) <= MAX_TERMS
    # Fast as a ratio, not seconds (a loaded CI machine stretches seconds; the latency figure
    # is bench_expansion_ab.py's): a question twice as long costs no more than about twice.
    assert_linear(lambda n: vocabulary.expansion(" ".join([question] * n)), 100)
    # Nor with the vocabulary's size (review 36: a scan of every class per question, instead of
    # a dict lookup, passed the above): eight times the classes, about the same time.
    padded = {
        size: replace(
            vocabulary,
            classes={
                **vocabulary.classes,
                **{
                    (f"padclass{i}",): ("padmember",)
                    for i in range(len(vocabulary.classes) * (size - 1))
                },
            },
        )
        for size in (1, 8)
    }

    def ask(size: int) -> None:
        for _ in range(20):
            padded[size].expansion(question)

    assert_flat(ask, 1, 8)


def test_classes_match_singular_plural_and_hyphenation(tmp_path: Path) -> None:
    (tmp_path / "drug_classes.txt").write_text(
        "# test\nanti-coagulant\theparin|argatroban\nloop diuretic\tfurosemide\n"
        "diuretic\tfurosemide|hydrochlorothiazide\n",
        encoding="utf-8",
    )
    vocabulary = DrugVocabulary.from_folder(tmp_path)
    assert class_tokens("Anticoagulants") == class_tokens("anti-coagulant")
    assert vocabulary.expansion("any anticoagulants?").members == ["heparin", "argatroban"]
    # The longest class named wins: "loop diuretics" is not every diuretic.
    assert vocabulary.expansion("loop diuretics").members == ["furosemide"]
    assert vocabulary.expansion("furosemide or another diuretic").members == ["hydrochlorothiazide"]


def test_a_drugs_other_names_are_synonyms_and_a_class_brings_members() -> None:
    vocabulary = default_vocabulary()
    lipitor = vocabulary.expansion("Is he still on Lipitor?")
    assert "atorvastatin" in lipitor.synonyms and not lipitor.members
    generic = vocabulary.expansion("Why was amoxicillin prescribed?")
    assert "augmentin" in generic.synonyms and not generic.members
    statin = vocabulary.expansion("Is he taking a statin?")
    assert {"atorvastatin", "lipitor", "simvastatin"} <= set(statin.members)
    assert not statin.synonyms


def test_every_alias_names_classes_that_exist() -> None:
    # A misspelt class after "=" would add nothing, silently: each must be a drug_classes.txt key.
    folder = Path(__file__).resolve().parents[2] / "resources"
    vocabulary = DrugVocabulary.from_folder(folder)
    aliases = class_aliases(folder / "drug_class_aliases.txt")
    assert len(aliases) >= 20
    for alias, targets in aliases:
        for target in targets:
            assert vocabulary.classes.get(class_tokens(target)), (alias, target)
        assert vocabulary.classes[class_tokens(alias)], alias


def test_a_body_system_word_is_no_drug_class() -> None:
    # "agents, gastrointestinal" is a MeSH class; only "anti-" classes are read without "agent",
    # or every question about a bleed or a history would bring drugs into the search.
    vocabulary = default_vocabulary()
    for question in ("Any gastrointestinal bleeding?", "Cardiovascular history?", "Potassium?"):
        assert not vocabulary.expansion(question).members, question
    assert "clopidogrel" in vocabulary.expansion("Which antiplatelet?").members
