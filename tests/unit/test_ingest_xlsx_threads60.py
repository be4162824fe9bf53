"""Ingest60 item 2: an Excel 365 threaded comment is read from its own part, each turn with its
author (from the workbook's persons part) and its date, in place of the copy Excel writes among
the notes for older versions (which names no one). Both parts are parsed with defusedxml: an
entity refuses the workbook; a damaged part imports the sheet with Excel's copy, said in the
report."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fixtures.office_files import make_xlsx
from openpyxl.comments import Comment

from medlocal.ingest.errors import CorruptFileError
from medlocal.ingest.formats import extract_file
from medlocal.privacy.redact import Redactor
from medlocal.rag.grounding import ground

THREAD = "{0C5A7B2E-1D2F-4C3B-9A8E-7F6D5C4B3A21}"
OKAFOR, PATEL = "{11111111-2222-3333-4444-555555555555}", "{66666666-7777-8888-9999-AAAAAAAAAAAA}"
COPY = (
    "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; "
    "however, any edits to it will get removed if the file is opened in a newer version of "
    "Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n"
    "    lipaemic sample\nReply:\n    noted, repeat booked"
)
NS = 'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"'
THREADS = (
    f'<ThreadedComments {NS}><threadedComment ref="C3" dT="2024-03-04T09:15:30.12" '
    f'personId="{OKAFOR}" id="{THREAD}"><text>lipaemic sample</text></threadedComment>'
    f'<threadedComment ref="C3" dT="2024-03-04T11:40:00.00" personId="{PATEL}" '
    f'id="{{AAAAAAAA-0000-0000-0000-000000000001}}" parentId="{THREAD}">'
    "<text>noted, repeat booked</text></threadedComment></ThreadedComments>"
)
PERSONS = (
    f'<personList {NS}><person displayName="Dr Okafor" id="{OKAFOR}" userId="okafor@trust" '
    f'providerId="AD"/><person displayName="Priya Patel" id="{PATEL}" providerId="None"/>'
    "</personList>"
)
REL = '<Relationship Id="rIdT" Type="http://schemas.microsoft.com/office/2017/10/relationships/{kind}" Target="{target}"/>'  # noqa: E501
RENAL: list[list[Any]] = [
    ["Date", "Na", "K"],
    [datetime.date(2024, 3, 1), 140, 4.1],
    [datetime.date(2024, 3, 2), 139, 5.6],
]


def _workbook(threads: str = THREADS, persons: str | None = PERSONS) -> bytes:
    """A workbook as Excel 365 saves one with a thread on C3: the copy among the notes, the
    thread in its own part, and its people in the workbook's persons part."""

    def shape(workbook: Any) -> None:
        workbook["Renal"]["C3"].comment = Comment(COPY, f"tc={THREAD}")
        workbook["Renal"]["B1"].comment = Comment("sodium on the venous gas", "A. Nurse")

    data = make_xlsx({"Renal": RENAL}, shape=shape)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            part = source.read(entry.filename)
            if entry.filename == "xl/worksheets/_rels/sheet1.xml.rels":
                rel = REL.format(kind="threadedComment", target="../threadedComments/t1.xml")
                part = part.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            if entry.filename == "xl/_rels/workbook.xml.rels" and persons is not None:
                rel = REL.format(kind="person", target="persons/person.xml")
                part = part.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            target.writestr(entry, part)
        target.writestr("xl/threadedComments/t1.xml", threads)
        if persons is not None:
            target.writestr("xl/persons/person.xml", persons)
    return out.getvalue()


def _text(data: bytes) -> tuple[str, tuple[str, ...]]:
    document = extract_file(Path("renal.xlsx"), data)
    return document.text, document.notes


def test_a_thread_is_read_with_each_turns_author_and_date() -> None:
    text, notes = _text(_workbook())
    assert text.endswith(
        "B1 note on Na by A. Nurse: sodium on the venous gas\n"
        '"C3 note on 5.6 (K / 2024-03-02) by Dr Okafor: lipaemic sample (2024-03-04 09:15); '
        'reply by Priya Patel (2024-03-04 11:40): noted, repeat booked"'
    )
    assert "Threaded comment" not in text and "tc=" not in text and notes == ()
    # The comment's date is no date of the result: the wrong claim is flagged, the true passes.
    passages = {1: text}
    right = "The potassium on 2 March 2024 was 5.6 mmol/L, from a lipaemic sample [1]."
    assert ground(right, passages).flags == []
    assert ground(right.replace("2 March", "4 March"), passages).flags != []
    # Every author is removed from a redacted export ("by" cues the redactor).
    redacted = Redactor().redact(text)
    assert "Okafor" not in redacted and "Patel" not in redacted and "Priya" not in redacted


def test_a_resolved_thread_and_one_without_persons() -> None:
    resolved = THREADS.replace(f'id="{THREAD}"', f'id="{THREAD}" done="1"')
    text, notes = _text(_workbook(resolved, persons=None))
    assert (
        '"C3 note on 5.6 (K / 2024-03-02): lipaemic sample (2024-03-04 09:15); '
        'reply (2024-03-04 11:40): noted, repeat booked (resolved)"'
    ) in text
    assert notes == ()  # a workbook without a persons part names no one: nothing damaged


@pytest.mark.parametrize(
    "threads, persons",
    [
        (THREADS[: len(THREADS) // 2], PERSONS),  # the threads part cut off
        (THREADS, PERSONS[: len(PERSONS) // 2]),  # the persons part cut off
    ],
    ids=["threads cut", "persons cut"],
)
def test_a_damaged_part_imports_the_sheet_with_excels_copy_and_says_so(
    threads: str, persons: str
) -> None:
    text, notes = _text(_workbook(threads, persons))
    assert "2024-03-02,139,5.6" in text and "B1 note on Na by A. Nurse" in text
    assert "lipaemic sample" in text and "noted, repeat booked" in text
    assert "Priya Patel" not in text
    (note,) = notes
    assert note.startswith("the threaded comments of 1 sheet imported without all their")
    assert "open the workbook in Excel, save it and import it again" in note


@pytest.mark.parametrize("part", ["threads", "persons"])
def test_an_entity_in_either_part_refuses_the_workbook(part: str) -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    threads = bomb + THREADS.replace("lipaemic sample", "&b;") if part == "threads" else THREADS
    persons = bomb + PERSONS.replace("Dr Okafor", "&b;") if part == "persons" else PERSONS
    with pytest.raises(CorruptFileError):
        _text(_workbook(threads, persons))
