"""A long table's later passages keep their column headings (table55): a lab system's CSV export
is cut into passages and only the first holds "Date,Hb,WCC,Plt,Na,K,Creat". A later passage of
bare rows is indexed with the columns, shown to the model under its header row, and read by the
grounding checks under it, so "Hb 98" is bound to the Hb column and "potassium 98" is flagged.
The first (or only) passage stays exactly as it was: no header is added to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.timing import assert_linear

from medlocal.delimited_tables import (
    COLUMNS_CONTEXT_CHARS,
    cell_marks,
    columns_context,
    delimited_tables,
    heading_for,
    opening_of,
)
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.extractors.plaintext import extract_table
from medlocal.measured_things import measure_named
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.rag.passages import checked_text, number_hits, render_passages
from medlocal.rag.relevance import RelevanceThreshold, relevance_text
from medlocal.values import extract_values
from medlocal.vault.records import SearchHit

HEADER = "Date,Hb,WCC,Plt,Na,K,Creat"


def lab_rows(count: int, delimiter: str = ",", decimal: str = ".") -> list[str]:
    """``count`` rows of a lab export, one day apart from 2023-01-01 (ISO dates)."""
    rows = []
    for i in range(count):
        day = f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}" if i < 336 else "2024-01-01"
        cells = [day, str(90 + i % 40), f"{5 + i % 7}.{i % 10}", str(150 + i), str(130 + i % 15)]
        cells += [f"3.{i % 10}", str(60 + i % 50)]
        rows.append(delimiter.join(c.replace(".", decimal) for c in cells))
    return rows


class Words:
    """A token counter: one token per cell or word."""

    def count_tokens(self, text: str) -> int:
        return len(text.replace(",", " ").replace(";", " ").split())


def hit(text: str, heading: str | None = None, chunk: int = 1) -> SearchHit:
    return SearchHit(
        chunk_id=chunk, document_id=1, patient_id=1, file_name="labs.csv", page=None,
        start=100, end=100 + len(text), section=None, text=text, score=1.0,
        vector_score=None, bm25_score=None, table_heading=heading,
    )  # fmt: skip


def flags(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


# ---- finding the header ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter", "heading", "columns"),
    [
        (f"{HEADER}\n2023-01-01,98,7.1,250,139,4.2,88\n2023-01-02,97,7.0,251,138,4.1,87\n",
         ",", HEADER, ["Date", "Hb", "WCC", "Plt", "Na", "K", "Creat"]),
        # A title above, a blank line, a units row under the header, decimal commas.
        ("\ufeffLaborwerte Muster, Anna\n\nDatum;Hb;Leuko;Kalium\n;g/dl;G/l;mmol/l\n"
         "02.03.2024;9,8;7,1;4,2\n\n03.03.2024;10,1;6,5;4,0\n",
         ";", "Datum;Hb;Leuko;Kalium\n;g/dl;G/l;mmol/l",
         ["Datum", "Hb g/dl", "Leuko G/l", "Kalium mmol/l"]),
        ("Date\tHb\tK\n2023-01-01\t101\t4.0\n\n2023-01-02\t98\t4.2\n",
         "\t", "Date\tHb\tK", ["Date", "Hb", "K"]),
        # Quoted cells holding the delimiter.
        ('Date,"Panel, requested",Hb,K\n2023-01-01,"FBC, U&E",101,4.0\n'
         '2023-01-02,"FBC, U&E",98,4.2\n',
         ",", 'Date,"Panel, requested",Hb,K', ["Date", "Panel, requested", "Hb", "K"]),
    ],
)  # fmt: skip
def test_a_delimited_table_s_header_is_found_however_it_is_written(
    text: str, delimiter: str, heading: str, columns: list[str]
) -> None:
    (table,) = delimited_tables(text)
    assert table.delimiter == delimiter
    assert table.heading(text) == heading
    assert table.columns(text) == columns
    assert len(table.rows) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Seen today, well, no concerns.\nBP 120/80, HR 72, T 37.\n",  # prose with commas
        "Date,Hb,K\n",  # a header with no row
        "2023-01-01,98,4.2\n2023-01-02,97,4.1\n",  # rows with no header
        "Hb 98 g/L; K 4.2 mmol/L\n",
    ],
)
def test_no_table_where_there_is_no_header_over_rows(text: str) -> None:
    assert delimited_tables(text) == []


def test_a_very_wide_table_s_columns_are_named_within_a_bound() -> None:
    names = [f"Analyte{i}" for i in range(200)]
    text = ",".join(["Date", *names]) + "\n" + ",".join(["2023-01-01"] + ["1"] * 200) + "\n"
    (table,) = delimited_tables(text)
    assert len(table.columns(text)) == 201
    context = columns_context(text, table)
    assert context.startswith("Columns: Date, Analyte0, ") and context.endswith(", …")
    assert len(context) <= COLUMNS_CONTEXT_CHARS + 3


def test_a_passage_gets_the_heading_only_where_it_lacks_the_header() -> None:
    text = "Results export\n" + HEADER + "\n" + "\n".join(lab_rows(50)) + "\n"
    header_at = text.index(HEADER)
    assert heading_for(text, 0) is None  # the first passage holds it
    assert heading_for(text, header_at) is None
    assert heading_for(text, text.index("2023-01-20")) == HEADER
    # Past the opening read (a passage far into a long file): the table runs on to its end.
    opening = text[:300]
    assert heading_for(opening, len(text) - 40) == HEADER
    # After a table that ended within the text, prose is in no table.
    ended = HEADER + "\n2023-01-01,98,7.1,250,139,4.2,88\n2023-01-02,97,7.0,251,138,4.1,87\n"
    ended += "Comment: haemolysed sample on the second day, repeat requested.\n"
    assert heading_for(ended, ended.index("Comment")) is None


def test_an_opening_is_put_together_from_overlapping_passages_at_its_offsets() -> None:
    text = "Title\n\nDate,Hb\n2023-01-01,98\n2023-01-02,97\n"
    passages = [(0, "Title"), (7, "Date,Hb\n2023-01-01,98"), (15, "2023-01-01,98\n2023-01-02,97")]
    opening = opening_of(passages)
    assert opening == text.rstrip("\n")
    assert heading_for(opening, 29) == "Date,Hb"


# ---- reading the rows' numbers ----------------------------------------------------------------


def test_every_number_of_a_wide_row_is_read() -> None:
    # Before: only the date ("98,7.1" was no number, "250,139" no thousands).
    text = f"{HEADER}\n2024-03-02,98,7.1,250,139,4.2,88"
    assert [v.canonical for v in extract_values(text)] == [
        "2024-03-02", "98", "7.1", "250", "139", "4.2", "88",
    ]  # fmt: skip
    # A quoted cell keeps its thousands comma; a semicolon table its decimal commas.
    assert "1250" in [v.canonical for v in extract_values('Date,Plt,K\n2024-03-02,"1,250",4.2')]
    semicolons = "Datum;Hb;Kalium\n02.03.2024;9,8;4,2\n03.03.2024;10,1;4,0"
    assert [v.canonical for v in extract_values(semicolons) if v.kind == "number"] == [
        "9.8", "4.2", "10.1", "4",
    ]  # fmt: skip
    # Prose keeps its thousands.
    assert [v.canonical for v in extract_values("Platelets 1,250,\nthen 980")] == ["1250", "980"]


def test_each_cell_is_bound_to_its_column_and_its_row_s_date() -> None:
    text = f"{HEADER}\n2024-03-01,101,6.9,240,140,4.0,85\n2024-03-02,98,7.1,250,139,4.2,88"
    got = {(b.value.raw, b.attribute, b.timepoint) for b in bind(text)}
    assert ("98", "hemoglobin", "2024-03-02") in got
    assert ("4.2", "potassium", "2024-03-02") in got
    assert ("4.0", "potassium", "2024-03-01") in got
    assert ("88", "creatinine", "2024-03-02") in got
    # A long table of one test per row keeps its row reading (walk 29).
    long_form = (
        "date,test,value,unit\n2026-10-02,Platelets,312,10^9/L\n2026-10-02,Sodium,138,mmol/L"
    )
    assert ("138 mmol/L", "sodium") in {(b.value.raw, b.attribute) for b in bind(long_form)}


# ---- what the checks and the model read -------------------------------------------------------

LATE_ROWS = "2024-03-01,101,6.9,240,140,4.0,85\n2024-03-02,98,7.1,250,139,4.2,88"


@pytest.mark.parametrize(
    ("heading", "rows"),
    [
        (HEADER, LATE_ROWS),
        (HEADER.replace(",", ";"), LATE_ROWS.replace(",", ";")),
        (HEADER.replace(",", "\t"), LATE_ROWS.replace(",", "\t")),
        ("Date,Hb,WCC,Plt,Na,K,Creat,Comment",
         LATE_ROWS.replace("\n", ',"haemolysed, repeat"\n') + ',"ok, filed"'),
    ],
)  # fmt: skip
def test_a_later_passage_is_checked_under_its_table_s_header(heading: str, rows: str) -> None:
    passage = checked_text(hit(rows, heading))
    assert flags("Her Hb was 98 g/L on 2 March 2024 [1].", passage) == []
    assert flags("The potassium was 4.2 mmol/L on 2024-03-02 [1].", passage) == []
    wrong = ground("Her potassium was 98 mmol/L on 2 March 2024 [1].", {1: passage}).flags
    assert [f.kind for f in wrong] == ["misattributed_value"]
    assert "the hemoglobin on 2024-03-02" in wrong[0].message
    # Another day's value of the right column is no value of this day.
    assert flags("The potassium was 4.0 mmol/L on 2 March 2024 [1].", passage) == [
        "misattributed_value"
    ]


def test_a_semicolon_table_s_decimal_commas_are_checked_under_its_units_row() -> None:
    heading = "Datum;Hb;Leuko;Kalium\n;g/dl;G/l;mmol/l"
    passage = checked_text(hit("02.03.2024;9,8;7,1;4,2\n03.03.2024;10,1;6,5;4,0", heading))
    assert flags("Hb 9,8 g/dl am 02.03.2024 [1].", passage) == []
    # The Hb's 9,8 is in g/dl by the units row (review56a): as the potassium in mmol/l it is
    # flagged as a number the passage does not give in that unit, or as the Hb's.
    assert flags("Kalium 9,8 mmol/l am 02.03.2024 [1].", passage) in (
        ["misattributed_value"],
        ["unverified_number"],
    )


def test_without_its_heading_a_later_passage_binds_nothing() -> None:
    """What the checks read before: the late rows alone bind no number to a measure (since
    note57 a cell after a decimal, "7.1,250", is read, but unbound)."""
    assert bind(LATE_ROWS) == []
    assert {v.kind for v in extract_values(LATE_ROWS)} <= {"date", "number"}


def test_the_model_sees_the_header_above_a_later_passage_only() -> None:
    first = hit(f"{HEADER}\n2024-01-01,101,6.9,240,140,4.0,85", None, chunk=1)
    later = hit(LATE_ROWS, HEADER, chunk=2)
    shown = render_passages(number_hits([first, later]))
    assert shown == (
        f"[1] (labs.csv)\n{HEADER}\n2024-01-01,101,6.9,240,140,4.0,85\n\n"
        f"[2] (labs.csv)\nColumns: {HEADER}\n{LATE_ROWS}"
    )
    assert shown.count(HEADER) == 2  # once in the first passage, once above the later one
    # The checks read the first passage as it is, and what a citation points at is unchanged.
    assert checked_text(first) == first.text
    assert number_hits([later])[0].source().start == later.start


# ---- the chunker ------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["comma", "semicolon", "tab"])
def test_a_300_row_table_s_later_passages_are_indexed_with_its_columns(variant: str) -> None:
    delimiter, decimal = {"comma": (",", "."), "semicolon": (";", ","), "tab": ("\t", ".")}[variant]
    header = HEADER.replace(",", delimiter)
    text = f"Lab export\n\n{header}\n" + "\n".join(lab_rows(300, delimiter, decimal)) + "\n"
    document = extract_table(text.encode(), f"labs.{'tsv' if delimiter == chr(9) else 'csv'}")
    chunks = chunk_document(
        document, Words(), ChunkingParams(max_tokens=120, overlap_tokens=10),
        file_name="labs.csv",
    )  # fmt: skip
    assert len(chunks) > 10
    assert header in chunks[0].text
    assert "Columns" not in (chunks[0].context or "")  # the first passage is as it was
    for chunk in chunks[1:]:
        assert chunk.text == document.text[chunk.start : chunk.end]  # offsets unchanged
        assert chunk.context is not None and chunk.context.endswith(
            "Columns: Date, Hb (hemoglobin), WCC (wbc), Plt (platelets), Na (sodium),"
            " K (potassium), Creat (creatinine)"
        ), chunk.context


def test_a_one_passage_table_and_other_documents_are_indexed_as_before() -> None:
    small = extract_table(f"{HEADER}\n{LATE_ROWS}\n".encode(), "labs.csv")
    (chunk,) = chunk_document(small, Words(), file_name="labs.csv")
    assert "Columns" not in (chunk.context or "")


def test_a_column_name_is_glossed_with_what_it_measures() -> None:
    assert measure_named("K") == "potassium"
    assert measure_named("Hb g/L") == "hemoglobin"
    assert measure_named("Date") is None


def test_relevance_reads_a_later_passage_under_its_columns() -> None:
    """ "What was the potassium?" is answered by rows under "K": before, such a passage named
    nothing asked and the question was declined unasked ("no passage found names any of
    'potassium'")."""
    later = hit(LATE_ROWS, HEADER)
    assert relevance_text(later).startswith(f"{HEADER}\n{LATE_ROWS}\n")
    assert "potassium" in relevance_text(later).splitlines()[-1]
    question = "What was the potassium on 2 March 2024?"
    assert RelevanceThreshold().answerable([later], question)
    assert not RelevanceThreshold().answerable([hit(LATE_ROWS)], question)
    assert relevance_text(hit("Seen in clinic today.")) == "Seen in clinic today."


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: f"{HEADER}\n2024-03-02,98{' ' * n}#,7.1,250,139,4.2,88\n{LATE_ROWS}\n",
        lambda n: f"{HEADER}\n" + f"{LATE_ROWS}\n" * (n // 60),
        lambda n: f'{HEADER}\n"{"," * n}\n{LATE_ROWS}\n',
        lambda n: f"{HEADER}\n2024-03-02,{'1' * n}x,7.1,250,139,4.2,88\n{LATE_ROWS}\n",
    ],
    ids=["blanks in a cell", "many rows", "an open quote", "a long number"],
)
def test_tables_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: cell_marks(shape(n)), 20_000)
    assert_linear(lambda n: extract_values(shape(n)), 5_000)


def test_a_two_column_series_is_bound_by_its_one_measure() -> None:
    passage = checked_text(hit("2024-03-01,4.0\n2024-03-02,4.2", "Date,K"))
    assert flags("Potassium 4.2 mmol/L on 2 March 2024 [1].", passage) == []
    assert flags("Sodium 4.2 mmol/L on 2 March 2024 [1].", passage) == ["misattributed_value"]
