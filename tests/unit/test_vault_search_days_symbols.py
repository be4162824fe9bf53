"""Search reads lab symbols and days the way records write them (walk 41 item 5: "What was her
potassium overnight on 8 November?" missed the nursing note writing "K+ 5.9" and "08/11/26")."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.hashed_words import embed

from medlocal.measured_things import OtherForms, other_forms, writes_measure_as
from medlocal.vault.day_search import (
    WrittenDay,
    asked_days,
    dated_on,
    day_phrases,
    holds_day,
    written_days,
)
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.search import _day_first
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
NOV_8 = WrittenDay(11, 8, None, True)

# ---- the other forms of a measured thing -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "names", "symbols"),
    [
        # Other languages' names after the English ones (left49b: "Kalium 5,9" is potassium).
        ("What was her potassium overnight?", ["kalium", "potasio", "potassio", "potássio"], ["k"]),
        ("What was her K+?", ["potassium", "kalium", "potasio", "potassio", "potássio"], []),
        (
            "Latest Hb?",
            [
                *("hemoglobin", "haemoglobin", "hämoglobin", "hamoglobin", "hémoglobine"),
                *("hemoglobine", "hemoglobina", "emoglobina"),
            ],
            ["hgb"],
        ),
        # Vital signs too, as other languages' charts head them (left50b: "Blutdruck 130/80").
        (
            "What is her blood pressure?",
            [
                *("blutdruck", "pression artérielle", "pression arterielle"),
                *("tension artérielle", "tension arterielle", "presión arterial"),
                *("presion arterial", "pressione arteriosa", "pressão arterial"),
                *("pressao arterial", "bloeddruk"),
            ],
            ["bp"],
        ),
        (
            "And her creatinine?",
            ["creat", "kreatinin", "créatinine", "creatinina", "kreatinine"],
            ["cr"],
        ),
        # A lower-case "k" names nothing ("what is the k" is no question about potassium).
        ("what is the k", [], []),
        ("Has she had a colonoscopy?", [], []),
    ],
)
def test_other_forms_of_a_measured_thing(
    question: str, names: list[str], symbols: list[str]
) -> None:
    assert other_forms(question) == OtherForms(names, symbols)


def test_a_symbol_names_its_measure_only_as_notes_write_it() -> None:
    assert writes_measure_as("K+ 5.9 on VBG", {"k"})
    assert writes_measure_as("recheck K 06:00", {"k"})
    assert not writes_measure_as("ran 5 k this morning", {"k"})
    # The passage must write the other form: "Potassium" in full is the question's own word.
    assert not writes_measure_as("Ran 5 k. Potassium-rich foods.", {"k"})
    assert not writes_measure_as("Na+ 134", {"k"})


# ---- days as written -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("on 8 November", [WrittenDay(11, 8, None, True)]),
        ("8th Nov 2026", [WrittenDay(11, 8, 2026, True)]),
        ("November 8th, 2026", [WrittenDay(11, 8, 2026, True)]),
        ("2026-11-08", [WrittenDay(11, 8, 2026, True)]),
        ("entry 08/11/26 02:40", [WrittenDay(8, 11, 2026, False)]),
        # A dotted date is day first (walk 47b D4: dd.mm.yyyy is the European form): 8 November.
        ("8.11.2026", [WrittenDay(11, 8, 2026, True)]),
        ("on 08/11", [WrittenDay(8, 11, None, False)]),
        # A value, a range, a blood pressure and a time are no days; nor is "yesterday".
        ("K+ 5.9, NaCl 0.9%, 2-3 days, BP 98/55 at 02:40 yesterday", []),
    ],
)
def test_days_as_records_write_them(text: str, days: list[WrittenDay]) -> None:
    assert written_days(text) == days


def test_the_phrases_that_find_a_day_cover_its_forms() -> None:
    phrases = day_phrases(asked_days("her potassium on 8 November"))
    # "08/11/26" and "8.11.2026" hold "08 11" / "8 11"; "2026-11-08" holds "11 08".
    assert {"8 11", "08 11", "11 08", "8 november", "8th nov", "nov 8"} <= set(phrases)


def test_a_two_way_date_is_read_in_its_documents_order() -> None:
    asked = [NOV_8]
    assert holds_day("entry 08/11/26", True, asked, None)  # day first: 8 November
    assert not holds_day("entry 08/11/26", False, asked, None)  # month first: 11 August
    assert holds_day("entry 11/08/2026", False, asked, None)
    # Where nothing says the order, a date that reads two ways is not guessed...
    assert not holds_day("entry 08/11/26", None, asked, None)
    # ...but one that reads one way is read, and so is a two-way date the question writes alike.
    assert holds_day("seen 2026-11-08", None, asked, None)
    assert holds_day("entry 08/11/26", None, asked_days("on 08/11"), None)
    assert not holds_day("entry 08/11/25", None, asked_days("on 08/11/2026"), None)
    # The question's own order, where it says one, reads its date.
    assert holds_day("seen 8 Nov", None, asked_days("on 08/11"), True)
    assert not holds_day("seen 8 Nov", None, asked_days("on 08/11"), False)


def test_a_document_dated_that_day() -> None:
    assert dated_on("2026-11-08", [NOV_8], None)
    assert dated_on("2026-11-08", [WrittenDay(11, 8, 2026, True)], None)
    assert not dated_on("2025-11-08", [WrittenDay(11, 8, 2026, True)], None)
    assert not dated_on("08/11/26, day and month order unclear", [NOV_8], None)
    assert not dated_on("2026-11-08", asked_days("on 08/11"), None)  # not guessed
    assert dated_on("2026-11-08", asked_days("on 08/11"), True)


# ---- the search ------------------------------------------------------------------------------

NOTE = "Nursing entry 08/11/26 02:40. Palpitations o/n. K+ 5.9 on VBG. Recheck K+ 06:00."
LABS = [
    f"Cumulative results. {day} Potassium {value} mmol/L (3.5-5.3). Sodium 137 mmol/L."
    for day, value in [
        ("02/06/2026", 4.6),
        ("18/07/2026", 4.9),
        ("29/08/2026", 5.1),
        ("03/10/2026", 5.4),
        ("14/11/2026", 5.7),
    ]
]
PROSE = [
    "Potassium was discussed overnight with her daughter; she asked what her potassium was.",
    "Ran 5 k this morning. Potassium-rich foods listed: bananas, potatoes.",
]
PLAN = "Plan: repeat obs hourly, strict fluid balance, low threshold to call the SHO."


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vault, int]:
    folder: Path = tmp_path_factory.mktemp("days")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    patient = v.add_patient("P")
    # The note is dated by its file name; its second passage holds no date of its own (its
    # header does, as the chunker writes it: "nursing note night 2026 11 08").
    header = "nursing note night 2026 11 08"
    chunks = [
        ChunkRecord(NOTE, None, 0, len(NOTE), context=header),
        ChunkRecord(PLAN, None, len(NOTE), len(NOTE) + len(PLAN), context=header),
    ]
    data = (NOTE + PLAN).encode()
    texts = [NOTE, PLAN]
    v.add_document(
        patient, "nursing_note_night_2026-11-08.txt", "txt", data, chunks, embed(texts), "m"
    )
    for number, text in enumerate(LABS + PROSE):
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(patient, f"{number}.txt", "txt", text.encode(), [chunk], embed([text]), "m")
    return v, patient


def top(vault: tuple[Vault, int], question: str, k: int = 3) -> list[str]:
    v, patient = vault
    return [h.text for h in v.search(question, embed([question])[0], patient_id=patient, k=k)]


@pytest.mark.parametrize(
    "question",
    [
        "What was her potassium overnight on 8 November?",
        "What was her potassium on 8th Nov 2026?",
        "Potassium on 08/11?",
    ],
)
def test_the_note_writing_the_day_and_the_symbol_comes_first(
    vault: tuple[Vault, int], question: str
) -> None:
    assert top(vault, question)[0] == NOTE


def test_a_symbol_alone_reaches_the_note_that_writes_the_name_otherwise(
    vault: tuple[Vault, int],
) -> None:
    # "K+" is stored by FTS5 as "k": the question "potassium" finds it as the note's measure.
    assert NOTE in top(vault, "Was the potassium ever above 5.8?", k=5)


def test_a_symbol_question_keeps_the_note_writing_the_symbol_first(
    vault: tuple[Vault, int],
) -> None:
    # "potassium" joins the question's words as one more word: the many passages naming it in
    # full do not get a ranking of their own that would bury the note writing "K+" (they did in
    # a first version: the walk's "What was her K+ at night?" fell from 2nd to 7th).
    assert top(vault, "What was her K+ at night?", k=1) == [NOTE]


def test_a_passage_of_a_document_dated_that_day_is_found(vault: tuple[Vault, int]) -> None:
    # The plan shares no word with the question: its document's date brings it.
    assert set(top(vault, "Anything new on 8 November?", k=2)) == {NOTE, PLAN}


def test_the_day_comes_before_the_other_words_of_the_question(vault: tuple[Vault, int]) -> None:
    # The prose shares "daughter", "discussed" and "overnight" with the question but holds no
    # day; the note holds the day and none of them. As one more fused ranking the day lost.
    question = "What did her daughter discuss overnight on 8 November?"
    assert top(vault, question, k=2) == [NOTE, PLAN]


def test_the_day_passages_go_first_with_falling_scores() -> None:
    fused = [(1, 0.05), (2, 0.04), (3, 0.03)]
    moved = _day_first(fused, [(3, 0.0), (9, -1.0)])
    assert [chunk_id for chunk_id, _ in moved] == [3, 9, 1, 2]
    scores = [score for _, score in moved]
    assert scores == sorted(scores, reverse=True) and scores[1] > 0.05
    assert _day_first(fused, []) == fused


def test_another_day_keeps_its_own_passages_first(vault: tuple[Vault, int]) -> None:
    assert top(vault, "What was her potassium on 14 November 2026?")[0] == LABS[-1]
    # A question naming no day ranks as before: the symbol does not pull the note above the
    # passages that name potassium in full.
    assert NOTE not in top(vault, "What foods are rich in potassium?", k=1)
