"""Review47 R6: an e-mail whose plain part is a stub ("This message is in HTML format.") and
whose letter is in its HTML part imported only the stub; a letter forwarded as an attachment
(message/rfc822) was not read, only named "an attachment (message/rfc822)"; and a nested
multipart whose text was read was also named "an attachment (multipart/mixed)"."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from medlocal.ingest.formats import extract_file

PICTURE_NOTE = (
    "a picture within the e-mail's text (such as a logo) not imported: if one shows a result, "
    "save it from the e-mail and import it"
)
LETTER = "Diagnosis: atrial fibrillation. Warfarin 3 mg daily, INR target 2.5."


def _message(subject: str = "Clinic letter") -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "clinic@example.org"
    message["To"] = "gp@example.org"
    return message


def _pdf(message: EmailMessage) -> None:
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="inr.pdf")


def _read(message: EmailMessage) -> tuple[str, tuple[str, ...]]:
    document = extract_file(Path("letter.eml"), message.as_bytes())
    return document.text, document.notes


def _carried(message: EmailMessage) -> list[tuple[str, bytes]]:
    """The attachments the import is handed (left48a: imported as documents of their own)."""
    document = extract_file(Path("letter.eml"), message.as_bytes())
    return [(attachment.name, attachment.data) for attachment in document.attachments]


def test_a_plain_stub_gives_way_to_the_html_letter() -> None:
    message = _message()
    message.set_content("This message is in HTML format.")
    message.add_alternative(f"<html><body><p>{LETTER}</p></body></html>", subtype="html")
    text, notes = _read(message)
    assert LETTER in text and "HTML format" not in text and notes == ()


def test_a_plain_part_much_shorter_than_the_html_gives_way_to_it() -> None:
    message = _message()
    message.set_content("Clinic letter follows. " * 10)  # no stub by length, but half the HTML
    message.add_alternative(f"<p>Clinic letter follows.</p><p>{LETTER * 8}</p>", subtype="html")
    text, _ = _read(message)
    assert text.count(LETTER) == 8


def test_a_plain_letter_beside_its_html_copy_is_read_once_from_the_plain_part() -> None:
    message = _message()
    message.set_content(LETTER)
    message.add_alternative(f"<p><b>{LETTER}</b></p>", subtype="html")
    text, _ = _read(message)
    assert text.count("atrial fibrillation") == 1 and "<b>" not in text


def test_a_forwarded_letter_is_read_with_its_heading() -> None:
    inner = _message("Discharge letter")
    inner.replace_header("From", "ward@hospital.org")
    inner.set_content("Discharge summary\nDiagnosis: NSTEMI\nApixaban 5 mg bd")
    _pdf(inner)
    outer = _message("Fwd: discharge")
    outer.set_content("Please see the forwarded letter.")
    outer.add_attachment(inner)
    text, notes = _read(outer)
    assert text.index("Please see the forwarded letter.") < text.index("Forwarded message")
    assert "Subject: Discharge letter\nFrom: ward@hospital.org" in text
    assert "Apixaban 5 mg bd" in text
    # The forwarded letter's own attachment is carried (to be imported); the forward itself,
    # read as the letter, is not.
    assert notes == ()
    assert _carried(outer) == [("inr.pdf", b"%PDF-1.4")]


def test_nested_multiparts_are_read_and_only_real_attachments_named() -> None:
    inner = EmailMessage()
    inner.set_content(LETTER)
    _pdf(inner)  # inner is now multipart/mixed: the letter and the PDF
    outer = _message()
    outer.make_mixed()
    outer.attach(inner)
    text, notes = _read(outer)
    assert LETTER in text
    assert notes == ()
    assert _carried(outer) == [("inr.pdf", b"%PDF-1.4")]  # never a multipart


def test_a_letter_split_around_an_inline_attachment_is_read_whole() -> None:
    message = _message()
    message.set_content("Dear colleague, results below.")
    _pdf(message)
    message.add_attachment("Potassium 4.1 mmol/L. Sodium 139 mmol/L.", disposition="inline")
    text, notes = _read(message)
    assert "results below" in text and "Potassium 4.1 mmol/L" in text
    assert notes == ()
    assert _carried(message) == [("inr.pdf", b"%PDF-1.4")]


def test_an_html_part_beside_the_plain_one_but_no_form_of_it_is_read_too() -> None:
    message = _message()
    message.make_mixed()
    for content, subtype in (("Dear colleague, see below.", "plain"), (f"<p>{LETTER}</p>", "html")):
        part = EmailMessage()
        part.set_content(content, subtype=subtype)
        message.attach(part)
    text, _ = _read(message)
    assert "see below" in text and LETTER in text


def test_an_html_form_with_its_pictures_is_still_the_plain_parts_alternative() -> None:
    message = _message()
    message.set_content(LETTER)
    message.add_alternative(f"<p>{LETTER}</p><img src='cid:logo'>", subtype="html")
    page = message.get_payload()[1]
    page.add_related(b"\x89PNG", maintype="image", subtype="png", cid="logo")
    text, notes = _read(message)
    assert text.count("atrial fibrillation") == 1
    # The page's own picture (a logo) is no attachment to import (left48a); a note says so.
    assert _carried(message) == [] and notes == (PICTURE_NOTE,)
    # As Outlook sends it (the text beside its pictures), the same; a picture sent as an
    # attachment is carried, to be imported.
    message = _message()
    message.set_content(LETTER)
    message.add_related(b"\x89PNG", maintype="image", subtype="png", cid="logo")
    message.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="rash.png")
    text, notes = _read(message)
    assert text.count("atrial fibrillation") == 1
    assert _carried(message) == [("rash.png", b"\x89PNG")]
    assert notes == (PICTURE_NOTE,)
