"""Walk 47b D9: letters reach clinics as e-mail (.eml) and RTF, and both were refused as an
"unsupported file type" with no way out. E-mails are read with Python's own ``email`` package
(the text/plain part, else the HTML part's visible text; attachments carried to the import), RTF
with striprtf; a file of any other type is told how to save it so it can be imported."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.vault_file import new_workspace

from medlocal.ingest.errors import CorruptFileError, NoTextError, UnsupportedFormatError
from medlocal.ingest.formats import extract_file, format_for
from medlocal.ingest.pipeline import CARRIED_MARK

LETTER = "Dear doctor, my father Ólafur Þórsson ran out of warfarin 2,5 mg tablets. INR 2,8."


def _email(*, html: bool = False, plain: bool = True, attach: bool = True) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Ólafur Þórsson - warfarin"
    message["From"] = "Sigríður Ólafsdóttir <sigga@example.is>"
    message["To"] = "reception@example.org"
    message["Date"] = "Mon, 17 Mar 2025 09:12:00 +0000"
    if plain:
        message.set_content(LETTER, cte="quoted-printable")
    if html:
        page = f"<html><head><style>p {{}}</style></head><body><p>{LETTER}</p></body></html>"
        if plain:
            message.add_alternative(page, subtype="html")
        else:
            message.set_content(page, subtype="html")
    if attach:
        message.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf",
                               filename="inr_chart.pdf")  # fmt: skip
    return message.as_bytes()


def _read(name: str, data: bytes) -> tuple[str, tuple[str, ...], str]:
    document = extract_file(Path(name), data)
    return document.text, document.notes, document.file_type


def test_an_emails_text_is_read_with_its_heading_and_attachments_carried() -> None:
    document = extract_file(Path("from_daughter.eml"), _email())
    text = document.text
    assert document.file_type == "email"
    assert text.startswith("Subject: Ólafur Þórsson - warfarin\nFrom: Sigríður Ólafsdóttir")
    assert "Date: Mon, 17 Mar 2025 09:12:00 +0000" in text
    assert LETTER in text  # quoted-printable and UTF-8 decoded
    assert document.notes == ()
    # Left48a: handed to the import, decoded, to be read as a document of its own.
    assert [(a.name, a.data) for a in document.attachments] == [("inr_chart.pdf", b"%PDF-1.4 ...")]


def test_the_plain_part_is_preferred_and_an_html_only_email_gives_its_visible_text() -> None:
    both, _, _ = _read("a.eml", _email(html=True, attach=False))
    assert both.count("warfarin 2,5 mg") == 1 and "<p>" not in both
    html_only, notes, _ = _read("b.eml", _email(html=True, plain=False, attach=False))
    body = html_only.split("\n\n", 1)[1]
    assert body == LETTER  # the page's visible text only, not its tags or style
    assert notes == ()


def test_an_email_with_no_text_or_that_is_no_email_says_what_to_do() -> None:
    with pytest.raises(NoTextError, match=r"no text of its own and no attachments to import"):
        _read("empty.eml", _email(plain=False, attach=False))
    # With an attachment, its heading (who sent it, when) is kept with it (left48a).
    text, _, _ = _read("cover.eml", _email(plain=False))
    assert text.startswith("Subject: Ólafur Þórsson - warfarin")
    with pytest.raises(CorruptFileError, match=r"not an e-mail.*rename it to end in \.txt"):
        _read("letter.eml", b"\n\nJust a letter, saved with the wrong ending.")


RTF = (
    rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}{\*\generator Writer;}"
    rb"{\pict\pngblip 89504e470d0a1a0a}"
    b"\n"
    rb"\f0 Re: Siobh\'e1n N\'ed Bhriain, DOB 15/05/1972\par"
    b"\n"
    rb"Salbutamol 100 \'b5g two puffs as needed; temperature 38,2 \u176?C.\par"
    b"\n}"
)


def test_an_rtf_letters_text_is_read_with_its_accents() -> None:
    text, notes, file_type = _read("referral.rtf", RTF)
    assert file_type == "rtf" and notes == ()
    assert text == (
        "Re: Siobhán Ní Bhriain, DOB 15/05/1972\n"
        "Salbutamol 100 µg two puffs as needed; temperature 38,2 °C."
    )


def test_a_file_named_rtf_that_is_not_says_how_to_save_it() -> None:
    with pytest.raises(CorruptFileError, match=r"not an RTF file.*save it as .docx or .txt"):
        _read("letter.rtf", b"Dear Dr Smith, ...")
    with pytest.raises(NoTextError, match="no text in the RTF file"):
        _read("blank.rtf", rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\par}")


def test_another_file_type_is_told_how_to_save_it() -> None:
    with pytest.raises(UnsupportedFormatError, match=r"save it as PDF, DOCX or TXT"):
        format_for(Path("letter.pages"))  # .odt is read since ingest58


def test_emails_and_rtf_letters_are_imported_and_found(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path, chat=None)
    try:
        patient = ws.require_vault().add_patient("Ólafur Þórsson")
        folder = tmp_path / "letters"
        folder.mkdir()
        (folder / "from_daughter.eml").write_bytes(_email())
        (folder / "referral.rtf").write_bytes(RTF)
        report = ws.import_documents([folder], patient)
        # The e-mail's attachment is no real PDF: it fails on its own line, the rest goes on.
        assert [(o.shown, o.reason) for o in report.failed] == [
            (
                f"from_daughter.eml{CARRIED_MARK}inr_chart.pdf",
                "damaged PDF that cannot be read",
            )
        ]
        kinds = {o.file_name: o.file_type for o in report.imported}
        assert kinds == {"from_daughter.eml": "email", "referral.rtf": "rtf"}
        vault = ws.require_vault()
        found = {h.file_name: h.text for h in vault.search("warfarin", None, patient_id=patient)}
        assert "warfarin 2,5 mg" in found["from_daughter.eml"]
        (hit,) = vault.search("salbutamol", None, patient_id=patient)
        assert "Salbutamol 100 µg" in hit.text and hit.file_name == "referral.rtf"
    finally:
        ws.close()
