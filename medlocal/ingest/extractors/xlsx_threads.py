"""Excel 365 threaded comments: a thread on a cell as its turns, each with its author and date.

Excel keeps a thread in the sheet's threadedComments part (one ``threadedComment`` per turn: the
first names the cell, each reply names the first by ``parentId``), and the people who wrote them
in the workbook's persons part (``personId`` -> ``displayName``). It also writes a copy of the
thread into the notes part for older versions, without authors or dates (xlsx_comments.py);
where the thread is read, it replaces that copy. Both parts are parsed with defusedxml.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from defusedxml.ElementTree import fromstring
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.xml.constants import ARC_WORKBOOK_RELS

THREAD_RELATION = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
PERSON_RELATION = "http://schemas.microsoft.com/office/2017/10/relationships/person"
_NS = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"


@dataclass(frozen=True)
class Thread:
    """A cell's thread as one note: its first author, and its turns in words."""

    row: int
    column: int
    author: str
    text: str


def workbook_persons(archive: Any) -> dict[str, str]:
    """The workbook's persons (id -> display name); empty when it has no persons part. A
    damaged part raises (the caller reads the threads without their authors)."""
    if ARC_WORKBOOK_RELS not in archive.namelist():
        return {}
    persons: dict[str, str] = {}
    for relation in get_dependents(archive, ARC_WORKBOOK_RELS).find(PERSON_RELATION):
        for person in fromstring(archive.read(relation.target)).iter(f"{_NS}person"):
            persons[(person.get("id") or "").lower()] = " ".join(
                (person.get("displayName") or "").split()
            )
    return persons


def sheet_threads(sheet: Any, persons: dict[str, str]) -> Iterator[Thread]:
    """Each thread on a read-only ``sheet``'s cells, in the order of its first turns; a turn
    whose thread names no cell is left out. A damaged part raises."""
    archive = sheet.parent._archive
    rels_path = get_rels_path(sheet._worksheet_path)
    if rels_path not in archive.namelist():
        return
    for relation in get_dependents(archive, rels_path).find(THREAD_RELATION):
        yield from _threads(fromstring(archive.read(relation.target)), persons)


def _threads(part: Any, persons: dict[str, str]) -> Iterator[Thread]:
    firsts: dict[str, Any] = {}
    replies: dict[str, list[Any]] = {}
    for turn in part.iter(f"{_NS}threadedComment"):
        parent = (turn.get("parentId") or "").lower()
        if parent:
            replies.setdefault(parent, []).append(turn)
        else:
            firsts[(turn.get("id") or "").lower()] = turn
    if not replies.keys() <= firsts.keys():
        # A reply to no thread in the part: its words would be lost, with Excel's copy of the
        # thread replaced. A damaged part: the caller keeps that copy, and says so.
        raise ValueError("a threaded comment replies to no thread")
    for key, first in firsts.items():
        try:
            row, column = coordinate_to_tuple(first.get("ref") or "")
        except (TypeError, ValueError):
            continue  # names no cell: nowhere to put it
        turns = [first, *replies.get(key, ())]
        said = [_turn_words(turn, persons, reply=index > 0) for index, turn in enumerate(turns)]
        text = "; ".join(words for words in said if words)
        if first.get("done") in ("1", "true"):
            text += " (resolved)"
        yield Thread(row, column, _author(first, persons), text)


def _turn_words(turn: Any, persons: dict[str, str], *, reply: bool) -> str:
    """One turn: "haemolysed (2024-03-02 09:15)" for the first (its author is the note's),
    "reply by Dr Patel (2024-03-02 11:40): noted" for a reply ("by" cues the redactor)."""
    words = " ".join("".join(turn.find(f"{_NS}text").itertext()).split()) if _has_text(turn) else ""
    when = _when(turn.get("dT"))
    if not reply:
        return f"{words} ({when})" if when and words else words
    author = _author(turn, persons)
    opening = "reply" + (f" by {author}" if author else "") + (f" ({when})" if when else "")
    return f"{opening}: {words}" if words else ""


def _has_text(turn: Any) -> bool:
    return turn.find(f"{_NS}text") is not None


def _author(turn: Any, persons: dict[str, str]) -> str:
    return persons.get((turn.get("personId") or "").lower(), "")


def _when(stamp: str | None) -> str:
    """Excel's ``dT`` ("2024-03-02T09:15:30.12") as "2024-03-02 09:15"; "" when unreadable."""
    try:
        moment = datetime.datetime.fromisoformat((stamp or "").rstrip("Z")[:19])
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M")
