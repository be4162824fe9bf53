"""A 300-row lab export through the real import, vault (SQLCipher), search (chromadb in memory +
FTS5) and all-MiniLM embedder (table55): a question about a late row reaches a passage of bare
rows, which the model is shown under its table's header row and the checks read under it (a
comma CSV, a semicolon one with a title, a units row and decimal commas, quoted commas; the
TSV's chunks and checks are in tests/unit/test_table_headings_table55.py). The
right column's value passes; the Hb's number given as the potassium is flagged. The scripted
chat model stands in for a model that copies the right (or the wrong) cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.table_answers import potassium_answer

from medlocal.engine.api import Embedder, SamplingParams
from medlocal.ingest.pipeline import import_paths
from medlocal.models.embedders import packaged_model_zip
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.record import record_passages
from medlocal.vault.store import Vault

pytestmark = pytest.mark.skipif(
    packaged_model_zip() is None, reason="the packaged all-MiniLM embedder is not available"
)

QUESTION = "What was the potassium on 15 October 2023?"
DAY = "2023-10-15"  # row 266: Hb 116, K 3.6


def lab_export(delimiter: str, decimal: str, quoted: bool) -> tuple[str, str]:
    """A lab system's export: 300 rows, one a day (28 to a month) from 2023-01-01; its header
    row as the file writes it."""
    names = ["Date", "Hb", "WCC", "Plt", "Na", "K", "Creat"] + (["Comment"] if quoted else [])
    header = delimiter.join(names)
    rows = []
    for i in range(300):
        cells = [f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}", str(90 + i % 40)]
        cells += [f"{5 + i % 7}.{i % 10}", str(150 + i), str(130 + i % 15), f"3.{i % 10}"]
        cells = [c.replace(".", decimal) if "-" not in c else c for c in cells]
        cells.append(str(60 + i % 50))
        if quoted:
            cells.append('"haemolysed, repeat"' if i % 3 else "")
        rows.append(delimiter.join(cells))
    return header, f"{header}\n" + "\n".join(rows) + "\n"


VARIANTS = {
    "comma": (",", ".", False, ""),
    # A title line and a blank line above, a units row under the header, decimal commas, BOM.
    "semicolon": (";", ",", False, "\ufeffLabor Export, Station 4\n\n"),
    "quoted commas": (",", ".", True, ""),
}


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_late_row_is_read_under_its_column_headings(
    vault: Vault, tmp_path: Path, minilm: Embedder, variant: str
) -> None:
    delimiter, decimal, quoted, above = VARIANTS[variant]
    header, table = lab_export(delimiter, decimal, quoted)
    units = "\n" + delimiter.join(["", "g/L", "10^9/L", "10^9/L", "mmol/L", "mmol/L", "umol/L"])
    if above:  # the units row goes under the header
        table = table.replace(header, header + units, 1)
    path = tmp_path / "labs_export.csv"
    path.write_text(above + table, encoding="utf-8")
    patient = vault.add_patient("Ines Calloway", mrn="IC-550127")
    report = import_paths(vault, [path], patient, minilm)
    assert [f.status for f in report.files] == ["imported"], report.failed

    # Stored: the first passage as before, later ones indexed with the columns.
    (document,) = vault.list_documents(patient)
    chunks = sorted(vault.document_chunks(document.id), key=lambda c: c.ord)
    assert len(chunks) > 5
    assert header in chunks[0].text and "Columns" not in (chunks[0].context or "")
    assert all("(potassium)" in (c.context or "") for c in chunks[1:])

    # The summariser's reading of the record gives later passages the heading, the first none.
    heading = header + units if above else header
    hits = record_passages(vault, patient)
    assert hits[0].table_heading is None
    assert {h.table_heading for h in hits[1:]} == {heading}

    shown: list[str] = []
    params = SamplingParams(max_tokens=64)
    right_model = potassium_answer(DAY, f"3{decimal}6", shown)
    right = GroundedAnswerer(right_model, vault, minilm, params=params)
    result = right.ask(QUESTION, Scope(patient)).consume()
    assert result.status == "answered", result
    assert result.flags == [], result.flags
    # The model read the row under its header; the citation points at the stored rows.
    assert shown[0].split("\n")[1] == f"Columns: {heading.splitlines()[0]}", shown[0]
    (source,) = result.sources
    stored = vault.document_text(document.id)[source.start : source.end]
    assert f"\n{DAY}{delimiter}116{delimiter}" in stored and header not in stored

    wrong = GroundedAnswerer(potassium_answer(DAY, "116", []), vault, minilm, params=params)
    flagged = wrong.ask(QUESTION, Scope(patient)).consume()
    assert [f.kind for f in flagged.flags] == ["misattributed_value"], flagged.flags
    assert f"the hemoglobin on {DAY}" in flagged.flags[0].message
