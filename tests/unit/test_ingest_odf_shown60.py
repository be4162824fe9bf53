"""Ingest60 item 3: what an OpenDocument file shows is what is imported.

- A Writer section hidden by its condition (``text:display="condition"``) is left out while
  Writer found the condition true (``text:is-hidden="true"``, as Writer saves it; a constant
  condition where a file keeps no result), and read where Writer shows it.
- A Calc number cell under a date style (a date typed as a number, a column formatted as dates)
  is the date Calc shows, counted from the document's null date, not the day count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures.office_files import make_odt, ods_sheet, odt_bytes, with_parts
from odf import number, style, table, text
from odf.opendocument import OpenDocumentSpreadsheet

from medlocal.ingest.formats import extract_file
from medlocal.rag.grounding import ground

SECTION = "<text:section "


def _letter(attributes: str) -> bytes:
    """A letter whose middle paragraph is in a section with ``attributes``."""
    data = make_odt(["Seen in clinic.", "MARKER", "Plan: review in 6 weeks."])

    def change(name: str, part: bytes) -> bytes:
        if name != "content.xml":
            return part
        marker = b"<text:p>MARKER</text:p>"
        section = (
            f'<text:section text:name="Allergy" {attributes}>'
            "<text:p>Allergy: penicillin (rash).</text:p></text:section>"
        )
        return part.replace(marker, section.encode())

    return with_parts(data, change)


def _read(data: bytes, name: str = "letter.odt") -> tuple[str, tuple[str, ...]]:
    document = extract_file(Path(name), data)
    return document.text, document.notes


@pytest.mark.parametrize(
    "attributes",
    [
        'text:display="condition" text:condition="ooow:Sex == &quot;M&quot;" text:is-hidden="true"',
        'text:display="condition" text:condition="ooow:1"',
        'text:display="condition" text:condition="ooow:TRUE"',
    ],
    ids=["writer found it true", "constant 1", "constant TRUE"],
)
def test_a_section_its_condition_hides_is_left_out_and_said(attributes: str) -> None:
    text, notes = _read(_letter(attributes))
    assert "penicillin" not in text
    assert "Seen in clinic." in text and "Plan: review in 6 weeks." in text
    assert notes and notes[0].startswith("1 hidden section not imported")


@pytest.mark.parametrize(
    "attributes",
    [
        'text:display="condition" text:condition="ooow:Sex == &quot;F&quot;"',
        'text:display="condition" text:condition="ooow:0"',
        'text:display="condition" text:condition="ooow:1" text:is-hidden="false"',
        'text:condition="ooow:Sex == &quot;F&quot;"',  # a condition, Hide not ticked
    ],
    ids=["writer shows it", "constant 0", "kept false", "hide not ticked"],
)
def test_a_section_writer_shows_is_read(attributes: str) -> None:
    text, notes = _read(_letter(attributes))
    assert "Allergy: penicillin (rash)." in text and notes == ()


def _dated_sheet(null_date: str | None = None) -> bytes:
    """Dates as Calc keeps a number typed under a date style: 45353 is 2 March 2024."""
    document = OpenDocumentSpreadsheet()
    styles = document.automaticstyles
    day = number.DateStyle(name="N36")
    for part in (number.Year(style="long"), number.Text(text="-"), number.Month(style="long")):
        day.addElement(part)
    day.addElement(number.Text(text="-"))
    day.addElement(number.Day(style="long"))
    styles.addElement(day)
    timed = number.DateStyle(name="N50")
    timed.addElement(number.Day())
    timed.addElement(number.Text(text="/"))
    timed.addElement(number.Month())
    timed.addElement(number.Text(text=" "))
    timed.addElement(number.Hours())
    timed.addElement(number.Text(text=":"))
    timed.addElement(number.Minutes())
    styles.addElement(timed)
    styles.addElement(style.Style(name="ce1", family="table-cell", datastylename="N36"))
    styles.addElement(style.Style(name="ce2", family="table-cell", datastylename="N50"))
    if null_date is not None:
        settings = table.CalculationSettings()
        settings.addElement(table.NullDate(datevalue=null_date))
        document.spreadsheet.addElement(settings)

    def cell(value: str, shown: str, style_name: str = "") -> Any:
        made = table.TableCell(valuetype="float", value=value)
        if style_name:
            made.setAttribute("stylename", style_name)
        made.addElement(text.P(text=shown))
        return made

    rows = [
        ["Date", "Taken", "K"],
        [cell("45353", "2024-03-02", "ce1"), cell("45353.375", "02/03 09:00", "ce2"), 5.6],
        [cell("45354", "2024-03-03", "ce1"), cell("45354.5", "03/03 12:00", "ce2"), 4.1],
        [cell("1e300", "###", "ce1"), cell("7", "7"), 4.0],
    ]
    document.spreadsheet.addElement(ods_sheet("Renal", rows))
    return odt_bytes(document)


def test_a_number_under_a_date_style_is_the_date_calc_shows() -> None:
    text, _ = _read(_dated_sheet(), "renal.ods")
    assert "Date,Taken,K\n2024-03-02,2024-03-02 09:00,5.6\n2024-03-03,2024-03-03 12:00,4.1" in (
        text
    )
    # A count no date can hold is written as the number it is; a plain number stays one.
    assert text.endswith("\n1e+300,7,4")
    said = "The potassium on 2 March 2024 was 5.6 mmol/L [1]."
    assert ground(said, {1: text}).flags == []


def test_the_documents_own_null_date_counts() -> None:
    text, _ = _read(_dated_sheet(null_date="1904-01-01"), "renal.ods")
    assert "\n2028-03-03,2028-03-03 09:00,5.6" in text
