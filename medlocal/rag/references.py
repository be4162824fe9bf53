"""Documents an answer names that the record does not have.

A small model heads its answer with file names and pages it makes up ("(referral_cardiology_
2025-14-29.pdf, page 8)", walks 25 and 26): the citation check sees only bracketed passage
numbers, so such a heading passed unflagged and read as a source. Every file name an answer
names must be the name of a document the model was given; one that is not gets an
``invalid_citation`` flag on its sentence (the text is kept: the flag says what is wrong).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.rag.flags import Flag
from medlocal.rag.sentences import split_sentences

# A file name as documents are named: a word of letters, digits, "_", "-" or ".", then the
# extension of a format MedLocal imports or exports.
_FILE_NAME = re.compile(
    r"(?<![\w.-])[\w][\w.-]*\.(?:pdf|docx?|txt|csv|md|rtf|html?|png|jpe?g|tiff?|xml|json)\b",
    re.IGNORECASE,
)


def unknown_documents(text: str, file_names: Iterable[str]) -> list[Flag]:
    """An ``invalid_citation`` flag for each file name in ``text`` that is none of
    ``file_names`` (the documents of the passages the model was given)."""
    known = {name.lower() for name in file_names}
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        for found in _FILE_NAME.finditer(sentence.text):
            name = found.group()
            if name.lower() in known:
                continue
            start = sentence.start + found.start()
            flags.append(
                Flag(
                    sentence.index,
                    "invalid_citation",
                    name,
                    f"names a document the model was not given: '{name}' (its passages came "
                    "from " + ", ".join(sorted(known) or ["no document"]) + ")",
                    sentence.start,
                    sentence.end,
                    token_start=start,
                    token_end=start + len(name),
                )
            )
    return flags
