"""E-mail saved as a file (.eml, RFC 5322/MIME), as letters and results reach a clinic (walk
47b D9: refused as an unsupported file type, with no word of what to do). Python's own
``email`` package parses it: the message's Subject, From, To, Cc and Date lines, then its text,
the text/plain part where there is one, else the visible text of its HTML part (read as HTML
import reads a page).

Its attachments (left48a) are decoded, once each, and handed to the import with the e-mail's
text (``ExtractedDocument.attachments``), which reads each as a document of its own. Pictures
inside the e-mail's HTML text (a multipart/related page's logos and signatures, not marked as
attachments) are not: they are counted in a note.

Review47 R6: a plain part that is a stub ("This message is in HTML format.") or much shorter
than the HTML's visible text gives way to the HTML, which holds the letter; a letter forwarded
as an attachment (message/rfc822) is read as the letter, its heading lines and text after the
forwarding e-mail's (its attachments are the e-mail's); text in nested multiparts is read, and a
multipart is never taken for an attachment.

Memory (left48a: a 56 MB e-mail peaked at ~500 MB): the bytes are fed to the parser a
megabyte at a time (``parsebytes`` decodes the whole file into one string and splits it into
lines at once), a base64 attachment is decoded straight from its parsed text, and the text is
dropped from the parsed message once decoded: never both forms of every part."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import io
import mimetypes
import re
from collections.abc import Sequence
from email import policy
from email.feedparser import BytesFeedParser
from email.generator import BytesGenerator
from email.message import EmailMessage, MIMEPart
from pathlib import PurePath, PureWindowsPath

from medlocal.fsutil import readable_name
from medlocal.ingest.document import Attachment, DocumentBuilder, ExtractedDocument, StoredForm
from medlocal.ingest.errors import CorruptFileError, IngestError, NoTextError
from medlocal.ingest.extractors.html import add_visible_text, declared_charset
from medlocal.ingest.extractors.textcodec import read_text
from medlocal.ingest.headings import clinical_headings
from medlocal.ingest.sniff import sniffed, text_suffix

# The heading lines kept before the text: who wrote, to whom, when, about what.
_HEADERS = ("Subject", "From", "To", "Cc", "Date")
# A plain part this short, or under half the HTML's visible text, is a stub ("This message is
# in HTML format.", "Please view in a browser") when the HTML part says more.
_STUB_CHARS = 200
# How many forwards deep a forwarded letter is read (a loop of forwards ends; a deeper one is
# noted, not read).
_FORWARDS = 10
_FORWARDED = "---------- Forwarded message ----------"
# Bytes given to the parser at a time (see the module text).
_FEED = 1 << 20
# What reads as a file name's extension: a dot and a few letters or digits, a letter among them
# ("Befund 12.03.2026" and "Letter v1.0" have none: review 49 R8).
_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,5}")


def extract_email(data: bytes, file_name: str) -> ExtractedDocument:
    message = _parse(data)
    heading = _heading(message)
    if not heading:
        raise CorruptFileError(
            file_name,
            "this is not an e-mail (no Subject, From, To or Date line at its top): if it is a "
            "letter, rename it to end in .txt and import it again",
        )
    reading = _Reading(file_name)
    reading.add_message(message, heading, forwards=0)
    # What is left of the message: its text parts and headers (the attachments' text forms
    # are let go as they are decoded), kept to write the e-mail the vault stores.
    document = reading.builder.build()
    notes = reading.notes + reading.pictures_note()
    if document.text.strip() == heading.strip() and not reading.attachments:
        raise NoTextError(
            file_name,
            "the e-mail has no text of its own and no attachments to import: save what it "
            "carries from your e-mail program and import that",
        )
    sections = document.sections or clinical_headings(document.text)
    if reading.parts and _signed(message):
        notes.append(SIGNED)
    return dataclasses.replace(
        document,
        sections=sections,
        notes=tuple(notes),
        attachments=_marked(reading.attachments, document.text),
        stored_form=_stored_form(message, reading, data),
    )


def email_attachments(data: bytes, file_name: str) -> tuple[Attachment, ...]:
    """The attachments alone, for an e-mail already in the vault imported again (its text is
    not read again, and one with none has no text to refuse)."""
    return email_carried(data, file_name)[0]


def email_carried(data: bytes, file_name: str) -> tuple[tuple[Attachment, ...], StoredForm | None]:
    """The attachments of an e-mail already in the vault imported again, and how to write its
    stored form (``ExtractedDocument.stored_form``): rewritten from the file once they are
    through, it gets back any attachment an import stopped before reaching (review49 R2)."""
    reading = _Reading(file_name)
    message = _parse(data)
    reading.add_message(message, _heading(message), forwards=0)
    attachments = _marked(reading.attachments, reading.builder.build().text)
    return attachments, _stored_form(message, reading, data)


# A signed e-mail (S/MIME, PGP): its signature covers the bytes of its signed part, so it is
# never rewritten (review49 R6): stored whole, as it came, its attachments in it too.
_SIGNED_TYPES = ("multipart/signed", "application/pkcs7-mime", "application/x-pkcs7-mime")
SIGNED = (
    "a signed e-mail: stored whole, as it came, so its signature can still be checked (its "
    "attachments are kept inside it as well as stored as documents of their own)"
)


def _signed(message: EmailMessage) -> bool:
    return any(part.get_content_type() in _SIGNED_TYPES for part in message.walk())


def _stored_form(message: EmailMessage, reading: _Reading, data: bytes) -> _StoredForm | None:
    """How to write the e-mail without some attachments' bytes; None where it is stored as it
    came (it carries none, or it is signed)."""
    if not reading.parts or _signed(message):
        return None
    return _StoredForm(message, reading.parts, _linesep(data))


def _marked(attachments: list[Attachment], text: str) -> tuple[Attachment, ...]:
    """The attachments, a text file among them that says what the e-mail's text says (a copy
    of the body sent along, review 48 R8) marked as such."""
    words = " ".join(text.split())
    return tuple(
        dataclasses.replace(attachment, repeats_text=True)
        if _a_text_file(attachment) and _within(attachment, words)
        else attachment
        for attachment in attachments
    )


def _a_text_file(attachment: Attachment) -> bool:
    return PurePath(attachment.name).suffix.lower() in (".txt", ".text")


def _within(attachment: Attachment, words: str) -> bool:
    try:
        said = " ".join(read_text(attachment.data, attachment.name, None).text.split())
    except IngestError:  # not text after all: its own import says so
        return False
    return bool(said) and said in words


# The header that marks an attachment left out of the e-mail the vault stores.
LEFT_OUT_HEADER = "X-MedLocal-Stored"
LEFT_OUT = "left out here: this attachment is stored as a document of its own"


class _StoredForm:
    """The e-mail as the vault stores it: its headers and text as they came, and each
    attachment's headers, with the bytes of those stored as documents of their own left out
    (``LEFT_OUT_HEADER`` says so) and the others' kept. Read again it gives the same text."""

    def __init__(self, message: EmailMessage, parts: list[MIMEPart], linesep: str) -> None:
        self._message, self._parts, self._linesep = message, parts, linesep

    def __call__(self, keep: Sequence[bytes | None]) -> bytes:
        for part, kept in zip(self._parts, keep, strict=True):
            del part[LEFT_OUT_HEADER]
            if kept is None:
                part.set_payload("")
                part[LEFT_OUT_HEADER] = LEFT_OUT
            else:
                del part["Content-Transfer-Encoding"]
                part["Content-Transfer-Encoding"] = "base64"
                part.set_payload(base64.encodebytes(kept).decode("ascii"))
        out = io.BytesIO()
        # Header lines as they came (never folded again), in the file's own line ends.
        kept_as_is = self._message.policy.clone(linesep=self._linesep, max_line_length=None)
        BytesGenerator(out, mangle_from_=False, policy=kept_as_is).flatten(self._message)
        for part in self._parts:
            part.set_payload("")  # the kept bytes are the caller's; not held twice
        return out.getvalue()


def _linesep(data: bytes) -> str:
    first = data[: data.find(b"\n") + 1]
    return "\r\n" if first.endswith(b"\r\n") else "\n"


def _parse(data: bytes) -> EmailMessage:
    parser = BytesFeedParser(policy=policy.default)
    for start in range(0, len(data), _FEED):
        parser.feed(data[start : start + _FEED])
    message = parser.close()
    assert isinstance(message, EmailMessage)  # what policy.default's parser makes
    return message


def _heading(message: EmailMessage) -> str:
    return "\n".join(f"{name}: {value}" for name in _HEADERS if (value := message.get(name)))


class _Reading:
    """One e-mail read into a document: its text, the notes on its decoding, and its
    attachments, decoded."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.builder = DocumentBuilder("email")
        self.notes: list[str] = []
        self.attachments: list[Attachment] = []
        self.parts: list[MIMEPart] = []  # each attachment's part, its text form let go
        self.pictures = 0  # inside the HTML text, not imported
        self._read: set[int] = set()  # the text parts already read (by id)
        self._texts: dict[int, tuple[str, str | None]] = {}  # each text part decoded once

    def add_message(self, message: EmailMessage, heading: str, forwards: int) -> None:
        self.builder.add_block(heading)
        self._add_body(message)
        # The parts beside the body, nested multiparts opened in place (never attachments);
        # each with whether it is one of a multipart/related page's own pictures.
        page = message.get_content_type() == "multipart/related"  # Outlook's: text, pictures
        pending: list[tuple[MIMEPart, bool]] = [(p, page) for p in message.iter_attachments()]
        body = message.get_body(("related",))
        if body is not None and body is not message:  # a page and its pictures, as the body
            pending += [(p, True) for p in body.iter_attachments()]
        while pending:
            part, on_page = pending.pop(0)
            if part.get_content_type() == "message/rfc822" and forwards < _FORWARDS:
                inner = part.get_content()
                if isinstance(inner, EmailMessage):
                    self.builder.add_block(_FORWARDED)
                    self.add_message(inner, _heading(inner), forwards + 1)
                    continue
            if part.get_content_type() in ("multipart/alternative", "multipart/related"):
                self._add_body(part)  # one text in two forms, or a page and its pictures
                related = part.get_content_type() == "multipart/related"
                pending[:0] = [(p, related) for p in part.iter_attachments()]
            elif part.is_multipart():
                pending[:0] = [(p, False) for p in part.iter_parts()]  # one level at a time
            elif part.get_content_maintype() == "text" and not part.is_attachment():
                self._add_text(part)  # a letter split around an inline attachment
            elif on_page and part.get_content_maintype() == "image" and not part.is_attachment():
                self.pictures += 1
            else:
                self._carry(part)

    def _carry(self, part: MIMEPart) -> None:
        name = _attachment_name(part, len(self.attachments) + 1)
        if part.get_content_type() == "message/rfc822":  # forwarded deeper than is read
            self.notes.append(f"{name} is forwarded more than {_FORWARDS} times over: not read")
            return
        data = _payload_bytes(part)
        part.set_payload("")  # its text form is not kept beside its bytes
        self.attachments.append(Attachment(_with_suffix(name, part, data), data))
        self.parts.append(part)

    def pictures_note(self) -> list[str]:
        if not self.pictures:
            return []
        some = "a picture" if self.pictures == 1 else f"{self.pictures} pictures"
        return [
            f"{some} within the e-mail's text (such as a logo) not imported: if one shows a "
            "result, save it from the e-mail and import it"
        ]

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
            for said in add_visible_text(self.builder, text):
                self.notes += [said] if said not in self.notes else []
        else:
            self.builder.add_block(text)

    def _decoded(self, part: MIMEPart) -> tuple[str, str | None]:
        if (known := self._texts.get(id(part))) is None:
            known = self._texts[id(part)] = self._decode(part)
        return known

    def _decode(self, part: MIMEPart) -> tuple[str, str | None]:
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


def _attachment_name(part: MIMEPart, number: int) -> str:
    """An attachment's own file name (its last part, where a path came with it), else a name
    from its number ("attachment 2") or, for a forwarded e-mail, its subject ("a forwarded
    e-mail (Subject: ...)")."""
    if part.get_content_type() == "message/rfc822" and not part.get_filename():
        inner = part.get_content()
        subject = inner.get("Subject") if isinstance(inner, EmailMessage) else None
        return f"a forwarded e-mail ({subject})" if subject else "a forwarded e-mail"
    given = PureWindowsPath(part.get_filename() or "").name  # either kind of separator
    return readable_name(given).strip() or f"attachment {number}"


def _with_suffix(name: str, part: MIMEPart, data: bytes) -> str:
    """``name`` with the extension the import reads it by, where it has none: what its bytes
    unmistakably are (PDF, Word, an image), else what its MIME type says, else ".txt" (or
    ".rtf") for bytes that read as text. A file sent as "application/octet-stream" and named
    "scan" was skipped as ".bin" (left49a)."""
    if _EXTENSION.fullmatch(PurePath(name).suffix):  # not "Dr. Smith letter"'s ". Smith letter"
        return name
    if (kind := sniffed(data)) is not None:
        return name + kind.suffix
    typed = mimetypes.guess_extension(part.get_content_type(), strict=False)
    if typed is not None and part.get_content_type() != "application/octet-stream":
        return name + typed
    return name + (text_suffix(data) or typed or "")


def _payload_bytes(part: MIMEPart) -> bytes:
    """The attachment's bytes. Base64, nearly all of them, is decoded straight from the parsed
    text: the stdlib's own decoding copies it line by line first (three times its size)."""
    payload = part.get_payload()
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if isinstance(payload, str) and encoding == "base64":
        try:
            return binascii.a2b_base64(payload)
        except (binascii.Error, ValueError):  # bad padding, stray bytes: the lenient decoder
            pass
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""
