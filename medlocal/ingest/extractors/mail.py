"""E-mail saved as a file (.eml, RFC 5322/MIME), as letters and results reach a clinic (walk
47b D9: refused as an unsupported file type, with no word of what to do). Python's own
``email`` package parses it: the message's Subject, From, To, Cc and Date lines, then its text,
the text/plain part where there is one, else the visible text of its HTML part (read as HTML
import reads a page). Attachments are not read: their names are noted, to be saved from the
e-mail and imported as files of their own.

Review47 R6: a plain part that is a stub ("This message is in HTML format.") or much shorter
than the HTML's visible text gives way to the HTML, which holds the letter; a letter forwarded
as an attachment (message/rfc822) is read as the letter, its heading lines and text after the
forwarding e-mail's; text in nested multiparts is read, and a multipart is never named as an
attachment."""

from __future__ import annotations

import dataclasses
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import CorruptFileError, NoTextError
from medlocal.ingest.extractors.html import add_visible_text, declared_charset
from medlocal.ingest.extractors.textcodec import read_text
from medlocal.ingest.headings import clinical_headings

# The heading lines kept before the text: who wrote, to whom, when, about what.
_HEADERS = ("Subject", "From", "To", "Cc", "Date")
# A plain part this short, or under half the HTML's visible text, is a stub ("This message is
# in HTML format.", "Please view in a browser") when the HTML part says more.
_STUB_CHARS = 200
# How many forwards deep a forwarded letter is read (a loop of forwards ends; deeper ones are
# named as attachments).
_FORWARDS = 10
_FORWARDED = "---------- Forwarded message ----------"


def extract_email(data: bytes, file_name: str) -> ExtractedDocument:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)  # what policy.default's parser makes
    heading = _heading(message)
    if not heading:
        raise CorruptFileError(
            file_name,
            "this is not an e-mail (no Subject, From, To or Date line at its top): if it is a "
            "letter, rename it to end in .txt and import it again",
        )
    reading = _Reading(file_name)
    reading.add_message(message, heading, forwards=0)
    document = reading.builder.build()
    attached, notes = reading.attached, reading.notes
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


def _heading(message: EmailMessage) -> str:
    return "\n".join(f"{name}: {value}" for name in _HEADERS if (value := message.get(name)))


class _Reading:
    """One e-mail read into a document: its text, the notes on its decoding and the names of
    the attachments left unread."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.builder = DocumentBuilder("email")
        self.notes: list[str] = []
        self.attached: list[str] = []
        self._read: set[int] = set()  # the text parts already read (by id)

    def add_message(self, message: EmailMessage, heading: str, forwards: int) -> None:
        self.builder.add_block(heading)
        self._add_body(message)
        # The parts beside the body, nested multiparts opened in place (not named).
        pending: list[MIMEPart] = list(message.iter_attachments())
        while pending:
            part = pending.pop(0)
            if part.get_content_type() == "message/rfc822" and forwards < _FORWARDS:
                inner = part.get_content()
                if isinstance(inner, EmailMessage):
                    self.builder.add_block(_FORWARDED)
                    self.add_message(inner, _heading(inner), forwards + 1)
                    continue
            if part.get_content_type() in ("multipart/alternative", "multipart/related"):
                self._add_body(part)  # one text in two forms, or a page and its pictures
                pending[:0] = part.iter_attachments()
            elif part.is_multipart():
                pending[:0] = part.iter_parts()  # opened in place, one level at a time
            elif part.get_content_maintype() == "text" and not part.is_attachment():
                self._add_text(part)  # a letter split around an inline attachment
            else:
                self.attached.append(_attachment_name(part))

    def _add_body(self, message: MIMEPart) -> None:
        """The message's text: its plain part, unless that is a stub beside an HTML form of
        the same text; an HTML part that is no alternative to it is read too."""
        plain, html = message.get_body(("plain",)), message.get_body(("html",))
        if plain is None or html is None or not _alternatives(message, plain, html):
            for part in (plain, html):
                if part is not None:
                    self._add_text(part)
            return
        if id(plain) not in self._read:
            text, visible = self._decoded(plain)[0], _visible_text(self._decoded(html)[0])
            if _a_stub(text, visible):
                plain, html = html, plain
        self._add_text(plain)
        self._read.add(id(html))  # the same text in its other form: a stub, or read

    def _add_text(self, part: MIMEPart) -> None:
        if id(part) in self._read:
            return
        self._read.add(id(part))
        text, note = self._decoded(part)
        self.notes += [note] if note and note not in self.notes else []
        if part.get_content_subtype() == "html":
            add_visible_text(self.builder, text)
        else:
            self.builder.add_block(text)

    def _decoded(self, part: MIMEPart) -> tuple[str, str | None]:
        payload = part.get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
        html = part.get_content_subtype() == "html"
        # The part's charset, else (HTML) the page's own <meta charset>, else detected.
        declared = part.get_content_charset() or (declared_charset(raw) if html else None)
        decoded = read_text(raw, self.file_name, declared)
        return decoded.text, decoded.note


def _alternatives(message: MIMEPart, plain: MIMEPart, html: MIMEPart) -> bool:
    """Whether ``plain`` and ``html`` are forms of one text: within one multipart/alternative."""
    return any(
        part.get_content_type() == "multipart/alternative"
        and sum(inner is plain or inner is html for inner in part.walk()) == 2
        for part in message.walk()
    )


def _visible_text(html: str) -> str:
    scratch = DocumentBuilder("email")
    add_visible_text(scratch, html)
    return scratch.build().text


def _a_stub(plain: str, visible: str) -> bool:
    """Whether a plain part is a stub beside an HTML part's ``visible`` text (module text)."""
    mine, theirs = len(plain.strip()), len(visible.strip())
    return theirs > mine and (mine < _STUB_CHARS or 2 * mine < theirs)


def _attachment_name(part: MIMEPart) -> str:
    """An attachment's file name, else what it is ("a forwarded e-mail (Subject: ...)", "an
    attachment (application/pdf)")."""
    if name := part.get_filename():
        return name
    if part.get_content_type() == "message/rfc822":
        inner = part.get_content()
        subject = inner.get("Subject") if isinstance(inner, EmailMessage) else None
        return f"a forwarded e-mail ({subject})" if subject else "a forwarded e-mail"
    return f"an attachment ({part.get_content_type()})"
