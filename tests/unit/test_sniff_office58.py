"""A zip is told by the parts it holds (ingest58): an Excel workbook (xl/workbook.xml) or an
OpenDocument text or spreadsheet (its stored "mimetype" first) is read as one whatever its
name, and named for what it is where its name says another format."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import make_docx, make_pdf
from fixtures.office_files import make_ods, make_odt, make_xlsx

from medlocal.ingest import errors
from medlocal.ingest.formats import SUPPORTED_SUFFIXES, extract_file, format_by_content
from medlocal.ingest.sniff import EXCEL, ODS, ODT, WORD, sniffed

SHEET = {"Renal": [["Test", "Result"], ["K", 5.6]]}


def test_each_office_format_is_told_by_its_parts() -> None:
    assert sniffed(make_xlsx(SHEET)) == EXCEL
    assert sniffed(make_odt(["Hello."])) == ODT
    assert sniffed(make_docx([("p", "Hello.")])) == WORD
    assert sniffed(make_ods([["a", "b"]])) == ODS


def test_a_file_without_an_extension_is_read_by_its_content() -> None:
    found = format_by_content(Path("results"), make_xlsx(SHEET))
    assert found is not None and found[0].file_type == "xlsx"
    assert found[1] == "read as Excel workbook by its content"
    found = format_by_content(Path("letter"), make_odt(["Hello."]))
    assert found is not None and found[0].file_type == "odt"
    assert found[1] == "read as OpenDocument text document by its content"
    found = format_by_content(Path("scan"), make_pdf(["Hello."]))
    assert found is not None and found[1] == "read as PDF by its content"  # as before


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "labs.csv",
            make_xlsx(SHEET),
            r"an Excel workbook named \.csv: rename it to end in \.xlsx",
        ),
        ("letter.docx", make_odt(["Hi."]), r"OpenDocument text document named \.docx.*\.odt"),
        ("labs.odt", make_xlsx(SHEET), r"an Excel workbook named \.odt"),
    ],
)
def test_an_office_file_under_another_format_s_name_is_told_its_name(
    name: str, data: bytes, says: str
) -> None:
    with pytest.raises(errors.CorruptFileError, match=says):
        extract_file(Path(name), data)


def test_the_new_formats_are_offered() -> None:
    assert {".xlsx", ".xlsm", ".odt", ".ods"} <= set(SUPPORTED_SUFFIXES)
    assert ".xls" not in SUPPORTED_SUFFIXES
