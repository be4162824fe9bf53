"""Documents and pages an answer names that the passages it was given do not have.

A small model heads its answer with file names and pages it makes up ("(referral_cardiology_
2025-14-29.pdf, page 8)", walks 25 and 26): the citation check sees only bracketed passage
numbers, so such a heading passed unflagged and read as a source. Every file name an answer
names must be the name of a document the model was given, and a page it gives with that name
must be a page of one of the passages from it; otherwise the sentence gets an
``invalid_citation`` flag (the text is kept: the flag says what is wrong).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from medlocal.rag.flags import Flag
from medlocal.rag.sentences import Sentence, split_sentences
from medlocal.vault.records import pages_label

# A file name as documents are named: a word of letters, digits, "_", "-" or ".", then the
# extension of a format MedLocal imports or exports.
_FILE_NAME = re.compile(
    r"(?<![\w.-])[\w][\w.-]*\.(?:pdf|docx?|txt|csv|md|rtf|html?|png|jpe?g|tiff?|xml|json)\b",
    re.IGNORECASE,
)
# The pages written right after a file name: ", page 8", " p. 3", ", pp. 3-5", " (pages 2 to 4)".
_PAGES = re.compile(
    r"[,;:]?\s*\(?\s*(?:pages?|pp?\.?)\s*(\d{1,4})(?:\s*(?:-|\u2013|to)\s*(\d{1,4}))?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GivenPassage:
    """Where a passage the model was given comes from: its file and its pages (None: the
    document has no pages, as a text file)."""

    file_name: str
    page: int | None
    last_page: int | None = None

    def holds(self, page: int) -> bool:
        if self.page is None:
            return False
        return self.page <= page <= max(self.page, self.last_page or self.page)


def unknown_documents(text: str, given: Iterable[GivenPassage]) -> list[Flag]:
    """An ``invalid_citation`` flag for each file name in ``text`` that is the file of none of
    the ``given`` passages, and for each page given with a known file name that none of that
    file's passages holds."""
    by_name: dict[str, list[GivenPassage]] = {}
    for passage in given:
        by_name.setdefault(passage.file_name.lower(), []).append(passage)
    known = sorted(by_name)
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        for found in _FILE_NAME.finditer(sentence.text):
            name = found.group()
            passages = by_name.get(name.lower())
            if passages is None:
                message = (
                    f"names a document the model was not given: '{name}' (its passages came "
                    "from " + ", ".join(known or ["no document"]) + ")"
                )
                flags.append(_flag(sentence, found.start(), name, message))
                continue
            pages = _PAGES.match(sentence.text, found.end())
            if pages is not None and (message := _page_problem(name, pages, passages)):
                cited = sentence.text[found.start() : pages.end()]
                flags.append(_flag(sentence, found.start(), cited, message))
    return flags


def _page_problem(name: str, pages: re.Match[str], passages: list[GivenPassage]) -> str:
    """What is wrong with the pages an answer gives for ``name`` ("" when every one is a page
    of a passage from it)."""
    first = int(pages.group(1))
    last = int(pages.group(2) or first)
    if all(p.page is None for p in passages):
        return (
            f"gives a page of '{name}', which has no page numbers: the page was made up, not "
            "read from the passages"
        )
    # Every page of a range (at most four digits each): "pages 3-9" is not read from passages on
    # pages 3-5 and 9.
    if all(any(p.holds(page) for p in passages) for page in range(first, max(first, last) + 1)):
        return ""
    given = ", ".join(
        dict.fromkeys(pages_label(p.page, p.last_page, short=False) for p in passages if p.page)
    )
    return (
        f"gives {pages.group().strip(' ,;:(')} of '{name}', but the passages the model was given "
        f"from it are on {given}"
    )


def _flag(sentence: Sentence, offset: int, token: str, message: str) -> Flag:
    start = sentence.start + offset
    return Flag(
        sentence.index,
        "invalid_citation",
        token,
        message,
        sentence.start,
        sentence.end,
        token_start=start,
        token_end=start + len(token),
    )
