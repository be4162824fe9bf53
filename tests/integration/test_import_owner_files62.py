"""A real document whose name starts with "~$" (review61p: a scan saved as "~$scan.pdf", a note
renamed by hand) was passed over silently inside a folder, like Word's owner file beside an open
document. An owner file is a few hundred bytes holding its owner's name padded with NUL bytes;
only such a file is passed over now, and a "~$" document with content is imported."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from medlocal.ingest.pipeline import collect_files


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_document_named_like_an_owner_file_is_collected(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "~$clinic letter.docx").write_bytes(_docx_bytes("Ramipril 5 mg once daily."))
    (folder / "~$note.txt").write_text("Review in two weeks with repeat potassium.")
    (folder / "~$letter.docx").write_bytes(b"\x0bDr A Smith" + b"\x00" * 151)  # Word's, 162 B
    (folder / "~$results.xlsx").write_bytes(b"\x05Nurse" + b"\x00" * 159)  # Excel's, 165 B
    shown = [found.shown for found in collect_files([folder])]
    assert shown == ["~$clinic letter.docx", "~$note.txt"]


def test_an_owner_file_gone_before_it_is_looked_at_is_passed_over(tmp_path: Path) -> None:
    # A dangling link (the owner file's document closed while the folder is walked): nothing
    # to read, nothing collected, no error.
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "~$gone.docx").symlink_to(tmp_path / "missing")
    assert collect_files([folder]) == []
