"""A number the cited passage gives in another unit for another measure is flagged as that
measure's value (CI stop 59): a lab export's units row makes the Hb's cell "98 g/L", and "the
potassium was 98 mmol/L" names the Hb, not just "98 mmol/L is not in the passage". Only the
kind and wording of a flag already due change: nothing is flagged that was not."""

from __future__ import annotations

from medlocal.rag.grounding import ground
from medlocal.rag.passages import checked_text
from medlocal.vault.records import SearchHit

HEADING = "Date,Hb,WCC,K\n,g/L,10^9/L,mmol/L"
ROWS = "2024-03-02,98,7.1,4.2\n2024-03-03,101,6.5,4.0"


def passage() -> str:
    hit = SearchHit(
        chunk_id=1, document_id=1, patient_id=1, file_name="labs.csv", page=None, start=100,
        end=100 + len(ROWS), section=None, text=ROWS, score=1.0, vector_score=None,
        bm25_score=None, table_heading=HEADING,
    )  # fmt: skip
    return checked_text(hit)


def kinds(answer: str, passages: dict[int, str]) -> list[str]:
    return [f.kind for f in ground(answer, passages).flags]


def test_the_hb_s_number_in_the_potassium_s_unit_is_named_as_the_hb_s() -> None:
    flags = ground("Her potassium was 98 mmol/L on 2 March 2024 [1].", {1: passage()}).flags
    assert [f.kind for f in flags] == ["misattributed_value"], flags
    assert "hemoglobin" in flags[0].message and "g/L" in flags[0].message, flags[0].message
    assert "potassium" in flags[0].message
    assert flags[0].passage == 1 and "98" in flags[0].quote


def test_the_right_values_still_pass() -> None:
    assert kinds("Her Hb was 98 g/L on 2 March 2024 [1].", {1: passage()}) == []
    assert kinds("Her potassium was 4.2 mmol/L on 2 March 2024 [1].", {1: passage()}) == []


def test_a_number_in_no_passage_stays_absent() -> None:
    assert kinds("Her potassium was 77 mmol/L on 2 March 2024 [1].", {1: passage()}) == [
        "unverified_number"
    ]


def test_a_sentence_naming_no_measure_is_not_said_to_misattribute() -> None:
    assert kinds("It was 98 mmol/L on 2 March 2024 [1].", {1: passage()}) == ["unverified_number"]


def test_an_uncited_passage_holding_the_value_is_named_instead() -> None:
    other = "Potassium 98 mmol/L on 2 March 2024 (lab error, repeated)."
    flags = ground(
        "Her potassium was 98 mmol/L on 2 March 2024 [1].", {1: passage(), 2: other}
    ).flags
    assert [f.kind for f in flags] == ["unverified_number"], flags
    assert "[2]" in flags[0].message
