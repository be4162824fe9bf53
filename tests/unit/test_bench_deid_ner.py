"""benchmarks/bench_deid_ner.py: how it filters a NER model's entities before the union with the
redactor's spans. spaCy is not needed: the entities are given as (label, start, end)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from medlocal.privacy.deid_lexicon import lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    # Loaded from its file: benchmarks/ is no package (and the module reaches into private names
    # of deid_tagger, which this import keeps honest when they move).
    path = ROOT / "benchmarks" / "bench_deid_ner.py"
    spec = importlib.util.spec_from_file_location("bench_deid_ner", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_deid_ner", module)
    spec.loader.exec_module(module)
    return module


def _ents(text: str, *pieces: tuple[str, str]) -> list[tuple[str, int, int]]:
    return [(label, text.index(piece), text.index(piece) + len(piece)) for label, piece in pieces]


def _taken(
    bench: ModuleType, variant: str, text: str, ents: list[tuple[str, int, int]]
) -> list[str]:
    chosen = next(v for v in bench.VARIANTS if v.name == variant)
    return [text[a:b] for a, b in bench.ner_spans(text, ents, chosen, lexicon())]


def test_dates_need_a_day_or_month_and_nationality_is_never_taken(bench: ModuleType) -> None:
    text = "Seen on 14 March 2021 after 3 days; smoker since 2009. Irish. Review 4/5.\n"
    ents = _ents(
        text,
        ("DATE", "14 March 2021"),
        ("DATE", "3 days"),
        ("DATE", "2009"),
        ("NORP", "Irish"),
        ("DATE", "4/5"),
    )
    assert _taken(bench, "word_veto", text, ents) == ["14 March 2021", "4/5"]
    assert _taken(bench, "no_dates", text, ents) == []


def test_a_clinical_word_is_cut_out_or_drops_its_entity(bench: ModuleType) -> None:
    text = "Started Apixaban Okonkwo at Harwick Community College today.\n"
    ents = _ents(text, ("PERSON", "Apixaban Okonkwo"), ("ORG", "Harwick Community College"))
    assert _taken(bench, "word_veto", text, ents) == ["Okonkwo", "Harwick Community College"]
    assert _taken(bench, "span_veto", text, ents) == ["Harwick Community College"]
    assert _taken(bench, "no_veto", text, ents) == [
        "Apixaban Okonkwo",
        "Harwick Community College",
    ]


def test_no_acronyms_cuts_words_in_capitals(bench: ModuleType) -> None:
    text = "Referred to the DVLA and Harwick Hospital.\n"
    ents = _ents(text, ("ORG", "DVLA"), ("ORG", "Harwick Hospital"))
    assert _taken(bench, "capitalised", text, ents) == ["DVLA", "Harwick Hospital"]
    assert _taken(bench, "no_acronyms", text, ents) == ["Harwick Hospital"]


def test_a_piece_loses_its_joining_words_and_keeps_its_numbers(bench: ModuleType) -> None:
    text = "Admitted to the Royal Infirmary of Parkinson disease fame, Ward 7B.\n"
    ents = _ents(text, ("ORG", "the Royal Infirmary of Parkinson"), ("FAC", "Ward 7B"))
    assert _taken(bench, "word_veto", text, ents) == ["Royal Infirmary", "Ward 7B"]
