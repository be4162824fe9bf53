"""Walk 44 D1, D2, D4: a long record's series of lab reports, one per blood test over six years.

D1: "What is the most recent creatinine?" was given the 2019-2023 reports: the sixteen reports tie
on bm25 and nearly on cosine, and the fusion's ties fell to the oldest imports. D2: "What is the
trend of eGFR over the years?" was given 2023-2025 only. D4: the newest GP review giving the drug
was not among the passages of "What is the current dose of apixaban?". The reports as the walk's
make_docs.py writes them (names and numbers changed)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit
from fixtures.hashed_words import embed

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NO_SUPPORTED_ANSWER
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.series import (
    kind_pattern,
    latest_terms,
    newest_first,
    spread_by_kind,
    spread_over_dates,
)
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
HEADER = "Patient: Alder Quill  DOB 03/11/1948  NHS no 000 000 0000  MRN ZZ-0000001"
# (date, creatinine, eGFR): creatinine rises, eGFR falls, as the walk's did.
LABS = [
    ("2019-02-14", 98, 68), ("2019-08-20", 101, 66), ("2020-02-11", 104, 63),
    ("2020-09-03", 108, 60), ("2021-03-16", 112, 57), ("2021-09-21", 115, 55),
    ("2022-03-08", 121, 51), ("2022-09-13", 126, 48), ("2023-03-14", 130, 46),
    ("2023-09-12", 137, 43), ("2023-11-20", 221, 24), ("2023-12-12", 149, 38),
    ("2024-02-06", 178, 28), ("2024-08-13", 171, 30), ("2025-02-11", 183, 27),
    ("2025-08-12", 190, 25),
]  # fmt: skip
REVIEWS = [
    ("2024-09-10", "apixaban 5 mg twice daily"),
    ("2025-06-10", "apixaban reduced to 2.5 mg twice daily (age, creatinine)"),
    ("2025-09-09", "apixaban 2.5 mg twice daily"),
    ("2025-11-04", "apixaban 2.5 mg twice daily"),
]


def dmy(iso: str) -> str:
    """A day written as no one can read two ways ("12 Aug 2025")."""
    return date.fromisoformat(iso).strftime("%d %b %Y")


def lab(when: str, creatinine: int, egfr: int) -> str:
    comment = "eGFR falling, please review medicines." if egfr < 45 else "No comment."
    return "\n".join(
        [
            HEADER,
            f"Biochemistry report. Collected {dmy(when)}. Requested by Dr Hesketh, Brambleford"
            " Medical Centre.",
            f"Creatinine {creatinine} umol/L (59-104)",
            f"eGFR {egfr} mL/min/1.73m2",
            "HbA1c 60 mmol/mol",
            "Potassium 4.6 mmol/L",
            "Sodium 139 mmol/L",
            f"Comment: {comment}",
        ]
    )


def review(when: str, line: str) -> str:
    return (
        f"{HEADER}\nGP medication review {dmy(when)}. Seen by Dr Hesketh.\n"
        f"Medicines: {line}; bisoprolol 2.5 mg once daily; atorvastatin 40 mg at night.\n"
        "Plan: review in three months."
    )


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    folder: Path = tmp_path_factory.mktemp("walk44")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    patient = v.add_patient("P")
    texts = {f"lab_{when}.txt": lab(when, cr, eg) for when, cr, eg in LABS}
    texts |= {f"gp_review_{when}.txt": review(when, line) for when, line in REVIEWS}
    for name, text in texts.items():  # imported oldest first, as a record is filed
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(patient, name, "txt", text.encode(), [chunk], embed([text]), "m")
    return v


def dates(vault: Vault, question: str, k: int = 8) -> list[str]:
    hits = vault.search(question, embed([question])[0], k=k)
    return [h.file_name.rsplit("_", 1)[1].removesuffix(".txt") for h in hits]


def test_the_most_recent_value_ranks_the_newest_reports_first(record: Vault) -> None:
    found = dates(record, "What is the most recent creatinine?")
    reports = [when for when in found if when in {d for d, _, _ in LABS}]
    # The newest report first, and the reports given newest first: the five newest among them.
    assert reports[0] == "2025-08-12"
    assert reports == sorted(reports, reverse=True)
    assert {"2025-08-12", "2025-02-11", "2024-08-13", "2024-02-06", "2023-12-12"} <= set(found)


@pytest.mark.parametrize(
    "question",
    ["What is the trend of eGFR over the years?", "How has his creatinine changed since 2019?"],
)
def test_a_trend_is_given_the_whole_span_of_its_reports(record: Vault, question: str) -> None:
    found = sorted(date.fromisoformat(when) for when in dates(record, question))
    # The oldest and the newest, and no gap of two years between (the walk: 2023-2025 only).
    assert found[0] == date(2019, 2, 14) and found[-1] == date(2025, 8, 12)
    assert max((b - a).days for a, b in pairwise(found)) < 2 * 365


def test_the_current_dose_question_is_given_the_newest_document_holding_the_drug(
    record: Vault,
) -> None:
    found = dates(record, "What is the current dose of apixaban?", k=4)
    assert found[0] == "2025-11-04"


def test_what_a_question_about_the_newest_value_asks_about() -> None:
    assert latest_terms("What is the most recent creatinine?") == ["creatinine"]
    assert latest_terms("What is her latest eGFR result?") == ["eGFR"]
    assert latest_terms("What is the current dose of apixaban?") == ["apixaban"]
    # A change over time wants the span, not the newest; other questions want neither.
    assert latest_terms("How has her eGFR changed over the last year?") == []
    assert latest_terms("What is her creatinine?") == []


def test_orders_over_dates() -> None:
    days = {n: date(2019 + n, 1, 1) for n in range(8)} | {8: None}
    assert newest_first([8, 0, 3, 7], days) == [7, 3, 0, 8]
    # Newest, oldest, the middle, then the middles of the halves; the undated last.
    assert spread_over_dates(list(range(9)), days) == [7, 0, 3, 1, 5, 2, 4, 6, 8]
    assert spread_over_dates([2], days) == [2]
    texts = {0: "Lab report", 5: "Discharge summary", 7: "lab report"}
    kind = kind_pattern("How has her eGFR changed across the four lab reports?")
    assert spread_by_kind([0, 5, 7], days, texts, kind) == [7, 0, 5]
    assert kind_pattern("What is the trend of eGFR over the years?") is None


def test_an_uncited_value_that_other_passages_hold_is_set_aside() -> None:
    """D1's answer: "The most recent creatinine is 104 umol/L" cited nothing, was flagged
    unsupported, and was printed as the answer, because its flag named the passages holding
    "104" (the top of their reference range, and one 2020 result)."""
    hits = [
        hit(n, lab(when, cr, eg), score=1.0 - n / 100, document_id=n, file_name=f"lab_{when}.txt")
        for n, (when, cr, eg) in enumerate(LABS[:8], 1)
    ]
    # The walk's draft, word for word: too few of its words in any passage to attach one.
    draft = (
        "The most recent creatinine is 104 umol/L, which is the highest concentration of this"
        " substance in a patient's medical records."
    )
    answerer = GroundedAnswerer(FakeChatModel(draft), FakeRetriever(hits), FakeEmbedder())
    answer = answerer.ask("What is the most recent creatinine?", Scope(patient_id=1)).consume()
    assert answer.status == "not_found" and answer.text == NO_SUPPORTED_ANSWER
    assert [f.kind for f in answer.flags] == ["unsupported_draft"]
    assert answer.flags[0].quote == draft
    # The newest value given is noted, read without the model.
    assert answer.notes[0] == (
        "newest creatinine in the passages given: 126 umol/L [8] (lab_2022-09-13.txt, 13 Sep 2022)"
    )


def test_the_newest_value_among_the_passages_is_noted_whatever_their_order() -> None:
    """D1's note, as the medicines' newest dose: the newest dated report's value, not its
    reference range's top, whichever passage comes first."""
    order = [2, 15, 0, 7]  # 2020-02-11 (creatinine 104), 2025-08-12, 2019-02-14, 2022-09-13
    hits = [
        hit(n, lab(*LABS[i]), score=1.0 - n / 100, document_id=n, file_name=f"lab_{LABS[i][0]}.txt")
        for n, i in enumerate(order, 1)
    ]
    model = FakeChatModel("The most recent creatinine is 190 umol/L [2].")
    answerer = GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())
    answer = answerer.ask("What is the most recent creatinine?", Scope(patient_id=1)).consume()
    assert answer.status == "answered"
    assert answer.notes[0] == (
        "newest creatinine in the passages given: 190 umol/L [2] (lab_2025-08-12.txt, 12 Aug 2025)"
    )
    # Other questions, and a drug's (its dose notes speak for it), get none.
    other = answerer.ask("What was the creatinine in 2019?", Scope(patient_id=1)).consume()
    assert not any(note.startswith("newest") for note in other.notes)
