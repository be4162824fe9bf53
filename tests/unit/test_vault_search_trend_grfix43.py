"""grfix43 item 3 (walk 42gb #10): "How has her eGFR changed across the four lab reports?"
left the report whose line is "EGFR ......... 47" (upper case, dotted leader) 6th. Neither the
case nor the leader was the cause (FTS5 folds case, and dots are no tokens): the trend ranking
(counted twice in the fusion) put the passages holding one eGFR value in their bm25 order for
"eGFR" alone, which with one mention each is their length, and that report's reference ranges
("[ref 20-41]") made it the longest: last, behind a discharge summary's short closing lines.
Those passages now keep the order the question's words give them (its bm25 ranking). The walk's
eight documents as imported (tests/fixtures/walk42gb_chunks.json, names changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.hashed_words import embed

from medlocal.vault.keys import KdfParams
from medlocal.vault.lexical import trend_ranking, trend_terms, value_count
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)

# The walk's eight documents as imported, chunk by chunk (names and numbers changed).
DOCUMENTS: dict[str, list[str]] = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "walk42gb_chunks.json").read_text(
        encoding="utf-8"
    )
)
QUESTION = "How has her eGFR changed across the four lab reports?"


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    folder: Path = tmp_path_factory.mktemp("walk42gb")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    patient = v.add_patient("P")
    for name, chunks in DOCUMENTS.items():
        text = "\n".join(chunks)
        records, at = [], 0
        for chunk in chunks:
            start = text.index(chunk, at)
            records.append(ChunkRecord(chunk, 1, start, start + len(chunk)))
            at = start + len(chunk)
        v.add_document(
            patient, name, name.rsplit(".", 1)[1], text.encode(), records, embed(list(chunks)), "m"
        )
    return v


def test_the_four_lab_reports_are_the_top_four(walk: Vault) -> None:
    hits = walk.search(QUESTION, embed([QUESTION])[0], k=4)
    assert sorted(h.file_name for h in hits) == sorted(n for n in DOCUMENTS if "lab_report" in n)


def test_a_count_of_reports_is_no_name_of_the_measurement() -> None:
    assert trend_terms(QUESTION) == ["eGFR"]


def test_a_threshold_is_no_value_measured() -> None:
    summary = DOCUMENTS["discharge_summary_2026-07-14.txt"][1]
    assert "eGFR below 30" in summary and "eGFR 34" in summary
    assert value_count(summary, ["eGFR"]) == 1
    assert value_count("Start if eGFR > 45; eGFR 52 today", ["eGFR"]) == 1
    assert value_count("EGFR ......... 47 mL/min/1.73 m^2  [ref >90]", ["eGFR"]) == 1


def test_passages_of_as_many_values_keep_the_questions_order() -> None:
    texts = {1: "eGFR 61", 2: "eGFR 58, then eGFR 52", 3: "eGFR 34", 4: "EGFR ......... 47"}
    candidates = [(3, 2.0), (2, 1.9), (1, 1.5), (4, 1.0)]  # bm25: the shortest first
    question = [(4, 0.05), (1, 0.04), (2, 0.03)]  # the question's words' ranking
    ranked = trend_ranking(candidates, texts, ["eGFR"], question)
    assert ranked == [(2, 2.0), (4, 1.0), (1, 1.0), (3, 1.0)]
