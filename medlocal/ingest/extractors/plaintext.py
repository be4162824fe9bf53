"""Plain text and Markdown: decoded with charset detection, kept verbatim.

The text is stored as written (Markdown syntax included) so offsets match what the user sees when
opening the file. Markdown ATX headings (``# Title``) become the section in effect; in plain text,
the capitalised labels of clinical notes do (``medlocal.ingest.headings``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medlocal.ingest.document import ExtractedDocument, SectionHeading
from medlocal.ingest.errors import NoTextError
from medlocal.ingest.extractors.textcodec import DecodedText, read_text
from medlocal.ingest.headings import clinical_headings

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


def extract_text(data: bytes, file_name: str) -> ExtractedDocument:
    return _text_document(data, file_name, "txt", clinical_headings)


def extract_markdown(data: bytes, file_name: str) -> ExtractedDocument:
    return _text_document(data, file_name, "markdown", _markdown_headings)


def _text_document(
    data: bytes,
    file_name: str,
    file_type: str,
    headings: Callable[[str], tuple[SectionHeading, ...]],
) -> ExtractedDocument:
    decoded = _checked(read_text(data, file_name), file_name)
    return ExtractedDocument(
        text=decoded.text,
        file_type=file_type,
        sections=headings(decoded.text),
        notes=_notes(decoded),
    )


def extract_table(data: bytes, file_name: str) -> ExtractedDocument:
    """A table exported as CSV or TSV (a lab system's results, a medication list): kept as
    written, so a cited row reads as it does in the file; each row holds its test, value and
    unit, which the grounding check reads as it reads prose (medlocal.values)."""
    decoded = _checked(read_text(data, file_name), file_name)
    text = decoded.text
    lines = [line for line in text.splitlines() if line.strip()]
    if not any(("," in line or "\t" in line or ";" in line) for line in lines[:50]):
        raise NoTextError(file_name, "no table in the file (no commas, semicolons or tabs)")
    return ExtractedDocument(text=text, file_type="csv", sections=(), notes=_notes(decoded))


def _checked(decoded: DecodedText, file_name: str) -> DecodedText:
    if not decoded.text.strip():
        raise NoTextError(file_name, "no text in the file")
    return decoded


def _notes(decoded: DecodedText) -> tuple[str, ...]:
    return (decoded.note,) if decoded.note else ()


def _markdown_headings(text: str) -> tuple[SectionHeading, ...]:
    fenced = _fenced_ranges(text)
    return tuple(
        SectionHeading(" ".join(match.group(2).split()), match.start())
        for match in _ATX_HEADING.finditer(text)
        if not any(start <= match.start() < end for start, end in fenced)
    )


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks, where a leading ``#`` is a comment, not a heading."""
    marks = [match.start() for match in _FENCE.finditer(text)]
    ranges = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        ranges.append((marks[-1], len(text)))
    return ranges
