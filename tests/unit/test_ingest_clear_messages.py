"""Files that used to be misdescribed get a message that says what they are: a PDF locked with an
empty user password (readers open it without asking, and so do we), a password-protected Word
document, an old .doc renamed .docx, and UTF-16/32 text saved without a byte-order mark."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fixtures.ingest_files import (
    make_compound_file,
    make_encrypted_pdf,
    make_rc4_pdf_without_id,
    make_scanned_pdf,
)
from pypdf import PdfReader, PdfWriter

from medlocal.ingest import errors
from medlocal.ingest.formats import extract_file


def _extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path(name), data)


@pytest.mark.parametrize("algorithm", ["RC4-40", "RC4-128", "AES-128"])
def test_pdf_with_empty_user_password_and_no_document_id_opens(algorithm: str) -> None:
    data = make_rc4_pdf_without_id("Opened the way PDF readers open it.", algorithm)
    assert b"/ID" not in data.split(b"trailer")[-1]
    assert _extract("letter.pdf", data).text == "Opened the way PDF readers open it."


def test_pdf_with_a_real_user_password_still_says_so() -> None:
    with pytest.raises(errors.EncryptedDocumentError, match="password-protected"):
        _extract("locked.pdf", make_encrypted_pdf("Secret", user_password="secret"))


def test_encrypted_pdf_without_text_is_not_called_just_a_scan() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_scanned_pdf(1))))
    writer.encrypt(user_password="", owner_password="owner-pass", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(errors.EncryptedDocumentError, match="encrypted PDF with no readable text"):
        _extract("scan.pdf", buffer.getvalue())


def test_password_protected_word_document_is_named_as_such() -> None:
    data = make_compound_file(["EncryptionInfo", "EncryptedPackage"])
    with pytest.raises(errors.EncryptedDocumentError) as caught:
        _extract("referral.docx", data)
    assert caught.value.reason.startswith("password-protected Word document")
    assert "zip" not in str(caught.value)


def test_old_word_document_renamed_docx_is_named_as_such() -> None:
    with pytest.raises(errors.CorruptFileError, match=r"old Word 97-2003 document \(\.doc\)"):
        _extract("letter.docx", make_compound_file(["WordDocument", "1Table"]))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Discharge summary\nBP 128/76. Metformin 500 mg twice daily.\n",  # ASCII only
        "Patiënt José Müller, naïve café visit.\nDosis: 5 µg — reviewed.\n",
        "Пациент: Иванов. Диагноз: гипертония, 2 ст.\n",  # not Latin script at all
    ],
)
def test_wide_text_without_byte_order_mark(encoding: str, text: str) -> None:
    doc = _extract("note.txt", (text * 4).encode(encoding))
    assert doc.text == text * 4


def test_binary_with_zero_bytes_is_still_refused() -> None:
    junk = bytes((i * 7919) % 256 if i % 3 else 0 for i in range(6000))
    with pytest.raises(errors.BinaryContentError):
        _extract("image.txt", junk)
