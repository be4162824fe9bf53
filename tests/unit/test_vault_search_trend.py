"""Questions about how a measurement changed over time reach the passages holding its values
(walk 27: "How has her eGFR changed over time?" ranked the lab table with four dated eGFR rows
10th, below prose sharing "has", "her", "changed" and "over" with the question)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.hashed_words import embed

from medlocal.vault.keys import KdfParams
from medlocal.vault.lexical import trend_ranking, trend_terms, value_count, without_filler
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


# Walk 42g: four lab reports a year apart hold one eGFR each; a discharge summary holds two
# ("eGFR below 30", "eGFR 34"). Only passages of two values were in the trend ranking (counted
# twice in the fusion), so the summary came first with the lowest scores and a report fell out.
REPORTS = tuple(
    f"Clinical Chemistry Report. Sample collected: {day}. {line} Potassium 4.6 mmol/L."
    for day, line in (
        ("10/06/2025", "HbA1c 58 mmol/mol. eGFR 61 mL/min/1.73m2. Creatinine 88 umol/L."),
        ("21 Nov 2025", "HbA1c 8.1 %. Estimated GFR: 54 ml/min. Creatinine 97 umol/L."),
        ("17-Feb-2026", "HBA1C ........ 71 mmol/mol  EGFR ......... 47 mL/min/1.73 m^2"),
        ("02.06.2026", "HbA1c = 9.0% (75 mmol/mol) HIGH. eGFR = 39 mL/min/1.73m2 LOW."),
    )
)
SUMMARY = (
    "Diagnosis: acute kidney injury. Metformin stopped because of lactic acidosis and eGFR below"
    " 30 during this admission. eGFR 34 at discharge. Gliclazide reduced to 40 mg."
)
LETTERS = (
    "Her kidney function has changed over the last year; we discussed the lab reports today.",
    "Four reports were reviewed across the clinic; she has changed her diet over time.",
    "The cardiology letter reports breathlessness that has changed little over the past months.",
)


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    folder: Path = tmp_path_factory.mktemp("series")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    patient = v.add_patient("P")
    for number, text in enumerate((SUMMARY, *LETTERS, *REPORTS)):
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(patient, f"{number}.txt", "txt", text.encode(), [chunk], embed([text]), "m")
    return v


def test_reports_of_one_value_each_are_a_trend(series: Vault) -> None:
    found = top(series, "How has her eGFR changed across the four lab reports?", k=5)
    assert set(REPORTS) <= set(found) and SUMMARY in found
    # "four" counts the reports; it names no measurement (grfix43).
    assert trend_terms("How has her eGFR changed across the four lab reports?") == ["eGFR"]


def test_passages_of_one_value_follow_those_of_several() -> None:
    texts = {1: "eGFR 61", 2: "eGFR 58, then eGFR 52", 3: "eGFR discussed", 4: "eGFR 47"}
    ranked = trend_ranking([(1, 3.0), (2, 2.0), (3, 1.5), (4, 1.0)], texts, ["eGFR"])
    assert ranked == [(2, 2.0), (1, 1.0), (4, 1.0)]
