"""Questions about how a measurement changed over time reach the passages holding its values
(walk 27: "How has her eGFR changed over time?" ranked the lab table with four dated eGFR rows
10th, below prose sharing "has", "her", "changed" and "over" with the question)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.hashed_words import embed

from medlocal.vault.keys import KdfParams
from medlocal.vault.lexical import trend_terms, value_count, without_filler
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)

LAB_TABLE = (
    "date,test,value,unit\n2024-03-14,eGFR,58,mL/min\n2024-03-14,Sodium,139,mmol/L\n"
    "2024-09-10,eGFR,52,mL/min\n2025-02-18,eGFR,47,mL/min\n2025-06-05,eGFR,44,mL/min"
)
HBA1C_ROW = "Results | HbA1c | 61 | 59 | 58 | 58 mmol/mol (2024 to 2025)"
PROSE = (
    "She says her tiredness has changed over time and how she sleeps has changed too.",
    "Her mood has changed over the past months; she has more time with her daughter.",
    "Assessment: her kidney disease has changed little over time, how it progresses is unclear.",
    "She has had her feet checked and her shoes changed; how often is up to her.",
    "Her eGFR was discussed with her daughter at the clinic.",
    "Weight 82 kg. Blood pressure 138/82. She has no new symptoms over this time.",
)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    folder: Path = tmp_path_factory.mktemp("trend")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    patient = v.add_patient("P")
    for number, text in enumerate((*PROSE, LAB_TABLE, HBA1C_ROW)):
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(patient, f"{number}.txt", "txt", text.encode(), [chunk], embed([text]), "m")
    return v


def top(vault: Vault, question: str, k: int = 3) -> list[str]:
    return [h.text for h in vault.search(question, embed([question])[0], k=k)]


@pytest.mark.parametrize(
    "question",
    [
        "How has her eGFR changed over time?",
        "What is the trend in her eGFR?",
        "Has her eGFR been falling over the past year?",
    ],
)
def test_a_trend_question_ranks_the_table_of_values_first(vault: Vault, question: str) -> None:
    assert top(vault, question)[0] == LAB_TABLE


def test_a_row_of_values_counts_as_a_trend(vault: Vault) -> None:
    assert top(vault, "How has his HbA1c changed over time?")[0] == HBA1C_ROW


def test_a_question_about_one_value_is_ranked_as_before(vault: Vault) -> None:
    # No trend asked: the words decide, and the filler no longer draws prose ahead.
    assert LAB_TABLE in top(vault, "What is her eGFR?", k=2)


def test_the_measurement_of_a_trend_question() -> None:
    assert trend_terms("How has her eGFR changed over time?") == ["eGFR"]
    assert trend_terms("Show the trend of her blood pressure readings") == ["blood", "pressure"]
    assert trend_terms("What is her eGFR?") == []


def test_values_of_a_measurement_are_counted() -> None:
    assert value_count(LAB_TABLE, ["eGFR"]) == 4
    assert value_count("eGFR | 58 | 52 | 47", ["egfr"]) == 3
    assert value_count("Her eGFR was discussed at the clinic.", ["eGFR"]) == 0


def test_filler_words_leave_the_question_words_or_all_of_them() -> None:
    assert without_filler(["How", "has", "her", "eGFR", "changed"]) == ["eGFR"]
    assert without_filler(["What", "is", "it"]) == ["What", "is", "it"]
