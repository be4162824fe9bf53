"""An Excel sheet's cell comments and notes: what a clinician wrote on a result ("haemolysed",
"repeat sent"), read from the sheet's comments part, since openpyxl's read-only sheets do not
read them.

Excel keeps a note (and, for a program that cannot read a threaded comment, a copy of each
thread) in the part the sheet's relationships name as its comments. The copy of a thread opens
with Excel's words to older versions ("[Threaded comment] Your version of Excel allows you to
read this threaded comment; ...") before "Comment:" and each "Reply:"; only the thread is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from defusedxml.ElementTree import fromstring
from openpyxl.comments.comment_sheet import CommentSheet
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.xml.constants import COMMENTS_NS, SHEET_MAIN_NS

log = logging.getLogger(__name__)

_AUTHOR = f"{{{SHEET_MAIN_NS}}}author"
_THREAD_OPENING = "[Threaded comment]"
_THREAD_ID = re.compile(r"tc=\{?[0-9A-Fa-f-]+\}?$")
_THREAD_TURN = re.compile(r"^\s*(Comment|Reply):\s*$", re.MULTILINE)


def sheet_comments(sheet: Any) -> Iterator[tuple[int, int, str, str]]:
    """(row, column, text, author) of each comment or note on a read-only ``sheet``'s cells.
    The part is parsed with defusedxml's parser (openpyxl's own ``fromstring`` is lxml's where
    lxml is installed, and lxml expands a part's entities) and read by openpyxl's reader
    (openpyxl is pinned). A thread's copy names its author by an identifier ("tc={...}"): not
    given."""
    archive = sheet.parent._archive
    rels_path = get_rels_path(sheet._worksheet_path)
    if rels_path not in archive.namelist():
        return
    for relation in get_dependents(archive, rels_path).find(COMMENTS_NS):
        tree = fromstring(archive.read(relation.target))
        part = CommentSheet.from_tree(tree)
        # The authors as written: openpyxl reads an empty one (a program that wrote no user
        # name) as the word "None".
        authors = [author.text or "" for author in tree.iter(_AUTHOR)]
        for record in part.commentList:
            try:
                row, column = coordinate_to_tuple(record.ref)
            except (TypeError, ValueError):
                log.debug("a comment names no cell; left out")
                continue
            author = authors[record.authorId] if 0 <= record.authorId < len(authors) else ""
            yield (
                row,
                column,
                _thread_text(record.content or ""),
                "" if _THREAD_ID.match(author) else author,
            )


def _thread_text(text: str) -> str:
    """A comment's text; a thread's copy as its turns ("haemolysed; reply: repeat sent")."""
    if not text.lstrip().startswith(_THREAD_OPENING):
        return text
    turns = _THREAD_TURN.split(text)[1:]  # kind, text, kind, text, ...
    if not turns:
        return text
    said = [
        " ".join(words.split()) if kind == "Comment" else f"reply: {' '.join(words.split())}"
        for kind, words in zip(turns[::2], turns[1::2], strict=False)
    ]
    return "; ".join(said)
