"""E-mail saved as a file (.eml, RFC 5322/MIME), as letters and results reach a clinic (walk
47b D9: refused as an unsupported file type, with no word of what to do). Python's own
``email`` package parses it: the message's Subject, From, To, Cc and Date lines, then its text,
the text/plain part where there is one, else the visible text of its HTML part (read as HTML
import reads a page). Attachments are not read: their names are noted, to be saved from the
e-mail and imported as files of their own."""

from __future__ import annotations

import dataclasses
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import CorruptFileError, NoTextError
from medlocal.ingest.extractors.html import add_visible_text, declared_charset
from medlocal.ingest.extractors.textcodec import read_text
from medlocal.ingest.headings import clinical_headings

# The heading lines kept before the text: who wrote, to whom, when, about what.
_HEADERS = ("Subject", "From", "To", "Cc", "Date")


def extract_email(data: bytes, file_name: str) -> ExtractedDocument:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)  # what policy.default's parser makes
    heading = "\n".join(f"{name}: {value}" for name in _HEADERS if (value := message.get(name)))
    if not heading:
        raise CorruptFileError(
            file_name,
            "this is not an e-mail (no Subject, From, To or Date line at its top): if it is a "
            "letter, rename it to end in .txt and import it again",
        )
    attached = _attachment_names(message)
    builder = DocumentBuilder("email")
    builder.add_block(heading)
    notes: list[str] = []
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        payload = body.get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
        html = body.get_content_subtype() == "html"
        # The part's charset, else (HTML) the page's own <meta charset>, else detected.
        declared = body.get_content_charset() or (declared_charset(raw) if html else None)
        decoded = read_text(raw, file_name, declared)
        notes += [decoded.note] if decoded.note else []
        if html:
            add_visible_text(builder, decoded.text)
        else:
            builder.add_block(decoded.text)
    document = builder.build()
    if document.text.strip() == heading.strip():
        also = f"; its attachments ({', '.join(attached)}) are not imported" if attached else ""
        raise NoTextError(
            file_name,
            f"the e-mail has no text of its own{also}: save what it carries from your e-mail "
            "program and import that",
        )
    if attached:
        notes.append(
            f"its attachments are not imported ({', '.join(attached)}): save them from the "
            "e-mail and import each"
        )
    sections = document.sections or clinical_headings(document.text)
    return dataclasses.replace(document, sections=sections, notes=tuple(notes))


def _attachment_names(message: EmailMessage) -> list[str]:
    """The attachments' file names ("an attachment (application/pdf)" for one without)."""
    return [
        part.get_filename() or f"an attachment ({part.get_content_type()})"
        for part in message.iter_attachments()
    ]
