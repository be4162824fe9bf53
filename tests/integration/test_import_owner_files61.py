"""A folder of documents holds files no program means as documents (user61): Word's and
Excel's owner files ("~$letter.docx", beside a document open in Word or left by a crash),
Windows's Thumbs.db and desktop.ini, macOS's "._" copies on a USB stick. The owner file was read
as a DOCX and failed ("not a DOCX file"), so `medlocal import FOLDER` exited 1 for a folder of
good documents. They are passed over now; a file named by itself is still read. The import
through the command line: test_ingest_cli.py."""

from __future__ import annotations

from pathlib import Path

from medlocal.ingest.pipeline import collect_files


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "letter.txt").write_text("Ramipril 5 mg once daily.")
    (folder / "~$letter.docx").write_bytes(b"\x0bDr A Smith" + b"\x00" * 150)
    (folder / "~$results.xlsx").write_bytes(b"\x05Nurse" + b"\x00" * 160)
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 500)
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (folder / "._letter.txt").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    return folder


def test_only_the_documents_of_a_folder_are_collected(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    assert [found.shown for found in collect_files([folder])] == ["letter.txt"]
    named = folder / "~$letter.docx"  # named on purpose: read, and its reason told
    assert [found.path for found in collect_files([named])] == [named]
