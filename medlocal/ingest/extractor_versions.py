"""The version of each format's extractor, kept with every document it reads (vault schema 10).

Bump a format's number whenever its extractor's output changes for files already imported (a
fix, text newly read or newly left out): ``medlocal vault update``, and the update that runs
after unlocking, then read that format's documents again from their stored originals, so the fix
reaches them without importing them again. Documents read before versions were kept count as
version 1 (``vault.extractor_marks.UNRECORDED``). Formats read by OCR alone (images) have no
number: a scan is never read again without OCR.
"""

from __future__ import annotations

EXTRACTOR_VERSIONS: dict[str, int] = {
    # 2: comments at the end of their paragraph or table row, hidden text left out (sessions
    # 59-60), a comment referred to from a page header written once.
    "docx": 2,
    # 2: comments inline, hidden text and false conditional sections left out (sessions 59-60).
    "odt": 2,
    # 2: cell notes and threaded comments with their authors and dates (sessions 59-60).
    "xlsx": 2,
    # 2: cell notes, number formats, durations, numbers shown as dates (sessions 59-60).
    "ods": 2,
    # 2: two columns of prose written line by line across the page read column by column
    # (session 61, extractors/pdf_columns.py). 3: three or more columns, and prose beside a
    # sidebar (a patient box, a lab legend), read column by column too; lines with Hebrew or
    # Arabic in the order they are read (session 63, pdf_columns.py, pdf_rtl.py).
    "pdf": 3,
}
FIRST = 1  # every other format, and the documents read before versions were kept


def extractor_version(file_type: str) -> int:
    """The current version of the extractor that reads ``file_type`` (a vault file type)."""
    return EXTRACTOR_VERSIONS.get(file_type, FIRST)
