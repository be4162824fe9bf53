"""Why a file could not be imported.

Each message is one line that names the file (its name only, never its folder, which may itself
name a patient) and the reason. Messages never quote the file's content.
"""

from __future__ import annotations

from medlocal.errors import UserInputError


class IngestError(UserInputError):
    """A file that cannot be imported; the rest of the batch goes on."""

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason


class FileNotFoundIngestError(IngestError):
    """The path does not exist or is not a regular file."""


class EmptyFileError(IngestError):
    """A zero-byte file."""


class FileTooLargeError(IngestError):
    """A file above the configured size limit."""


class UnsupportedFormatError(IngestError):
    """An extension MedLocal has no extractor for."""


class UnreadableFileError(IngestError):
    """The operating system refused to read the file."""


class CorruptFileError(IngestError):
    """The file claims a format but its structure is broken."""


class EncryptedDocumentError(IngestError):
    """A password-protected document we cannot open without the password."""


class NoTextLayerError(IngestError):
    """A PDF whose pages are images only (a scan): nothing to index without OCR."""


class NoTextError(IngestError):
    """The document parsed but holds no text."""


class ArchiveBombError(IngestError):
    """A zip-based document that would expand to an unsafe size."""


class BinaryContentError(IngestError):
    """A text-format file whose bytes are not text."""


class InvalidFhirError(IngestError):
    """JSON that does not parse, or parses but is not a FHIR R4 resource."""
