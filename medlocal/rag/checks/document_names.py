"""A file name the text gives as its source that is no document of the patient's record
(walk 38: the model wrote "(note_3.txt)" … "(note_10.txt)" for a patient with only note_1.txt
and note_2.txt): "unknown_document". Only the text's words are read; the passages play no part,
so the check runs over the whole text once, with the record's document names.

The record's own names are masked first, compared without case, spaces included (review 35:
"(Discharge summary 2024.pdf)" was flagged as an unknown "2024.pdf"); a file name left over is
flagged. A name after "/" or "\\" is part of a path or web address ("…/chapter/index.html"), not
a document the text cites: it is left alone. A bare name the record lacks ("NICE NG28.pdf") is
still flagged: the text gives a file as a source that this patient's record does not hold."""

from __future__ import annotations

import re
from collections.abc import Collection

from medlocal.rag.flags import Flag
from medlocal.rag.sentences import split_sentences

# A file name as a model writes one: a word with an extension a document of the vault can have.
FILE_NAME = re.compile(
    r"(?<![\w.\-/\\])[\w.\-]*\w\.(?:pdf|docx?|txt|text|md|markdown|html?|csv|json|png|jpe?g|tiff?)\b",
    re.IGNORECASE,
)


def check_document_names(text: str, record: Collection[str]) -> list[Flag]:
    """One flag for each file name in ``text`` that names no document of ``record`` (the file
    names of the patient's documents; compared without case). Nothing is flagged when the
    record's names are not known (empty ``record``)."""
    known = {name.lower() for name in record}
    if not known:
        return []
    own = _own_names(known)
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        for match in FILE_NAME.finditer(own.sub(_blank, sentence.text)):
            name = match.group()
            start = sentence.start + match.start()
            flags.append(
                Flag(
                    sentence.index,
                    "unknown_document",
                    name,
                    f"names a document, “{name}”, that is not in this patient's record",
                    sentence.start,
                    sentence.end,
                    token_start=start,
                    token_end=start + len(name),
                )
            )
    return flags


def _own_names(known: Collection[str]) -> re.Pattern[str]:
    """The record's names as written in a text: any case, any run of spaces for a space, the
    longest first, not inside a longer name."""
    written = [
        r"\s+".join(re.escape(word) for word in name.split())
        for name in sorted(known, key=len, reverse=True)
        if name.strip()
    ]
    return re.compile(rf"(?<![\w.\-/\\])(?:{'|'.join(written)})(?!\w)", re.IGNORECASE)


def _blank(match: re.Match[str]) -> str:
    """A masked name: spaces, so that offsets stay as they are."""
    return " " * len(match.group())
