"""The checks every zip-based document (Word .docx, Excel .xlsx, OpenDocument .odt) passes
before a library parses it: that it is a zip at all, that it holds its format's main part, and
that it does not expand to an unsafe size (a zip bomb).

The sizes checked are the ones declared in the archive; :mod:`zipfile` refuses to inflate an
entry past its declared size, so the check bounds what the parsing library can allocate. An
Office file saved with a password, or in the old binary format (.doc, .xls), is an OLE compound
file instead of a zip; its directory names the streams inside (UTF-16-LE), which says which of
the two it is.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from medlocal.ingest.errors import ArchiveBombError, CorruptFileError, EncryptedDocumentError

COMPOUND_FILE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class ZipLimits:
    """What a legitimate Office or OpenDocument file stays within. Their XML inflates roughly
    5-20x; a bomb 1000x."""

    max_total_uncompressed: int = 512 * 1024 * 1024
    max_entries: int = 10_000
    max_entry_ratio: float = 200.0
    ratio_floor_bytes: int = 1024 * 1024  # small parts may compress extremely well; ignore them


@dataclass(frozen=True)
class ZipKind:
    """One zip-based format, in the words its refusals use."""

    main_part: str  # the part every file of the format holds: "word/document.xml"
    named: str  # "Word document"
    label: str  # "DOCX"
    # What a file that is no zip at all is told: "not a DOCX file (not a zip archive; ...)".
    not_zip: str
    # What a password-protected file of the format is to do ("open it in Word, remove ...").
    unlock: str
    # The old binary format's stream name and advice, for one renamed to the new extension.
    legacy_stream: str
    legacy: str  # "old Word 97-2003 document (.doc) renamed .docx; save it as .docx first"


def check_zip_container(
    data: bytes, file_name: str, kind: ZipKind, limits: ZipLimits | None = None
) -> zipfile.ZipFile:
    """The archive, opened, once ``data`` is known to be a ``kind`` zip within ``limits``;
    else the error saying what it is."""
    limits = limits or ZipLimits()
    stream = io.BytesIO(data)
    if data.startswith(COMPOUND_FILE_MAGIC):
        _refuse_compound_file(data, file_name, kind)
    if not zipfile.is_zipfile(stream):
        if data.startswith(ZIP_MAGIC):  # a zip cut short (an interrupted copy or download)
            raise CorruptFileError(
                file_name, f"damaged or incomplete {kind.named} (its zip archive is cut short)"
            )
        raise CorruptFileError(file_name, kind.not_zip)
    try:
        archive = zipfile.ZipFile(stream)
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise CorruptFileError(
            file_name, f"damaged zip archive, not a readable {kind.label}"
        ) from None
    if len(entries) > limits.max_entries:
        raise ArchiveBombError(file_name, f"refused: zip archive with {len(entries)} entries")
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_uncompressed:
        raise ArchiveBombError(
            file_name,
            f"refused: would expand to {total // (1024 * 1024)} MB (possible zip bomb)",
        )
    for entry in entries:
        if entry.file_size < limits.ratio_floor_bytes:
            continue
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > limits.max_entry_ratio:
            raise ArchiveBombError(
                file_name, f"refused: a part expands {ratio:.0f}x (possible zip bomb)"
            )
    if kind.main_part not in {entry.filename for entry in entries}:
        raise CorruptFileError(
            file_name,
            f"zip archive without {_a(kind.named)} inside, not {_a(kind.label)}",
        )
    return archive


def _refuse_compound_file(data: bytes, file_name: str, kind: ZipKind) -> None:
    """Say what an OLE compound file handed in as ``kind`` is; it is never readable here."""
    if _ENCRYPTED_STREAM in data:
        raise EncryptedDocumentError(file_name, f"password-protected {kind.named}; {kind.unlock}")
    if kind.legacy_stream.encode("utf-16-le") in data:
        raise CorruptFileError(file_name, kind.legacy)
    raise CorruptFileError(
        file_name,
        f"an Office compound file, not {_a(kind.label)} (save it as .{kind.label.lower()} and "
        "import it again)",
    )


def _a(named: str) -> str:
    """``named`` with its article: "a Word document", "an Excel workbook", "an XLSX"."""
    return f"{'an' if named[0] in 'AEIOUX' else 'a'} {named}"
