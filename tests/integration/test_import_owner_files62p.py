"""Only Office owner files among "~$" files are passed over (review62p). An owner file is a
byte giving the length of its owner's name, the name, then the name again in UTF-16, padded
with NUL bytes to 162 (Word) or 165 (Excel, PowerPoint) bytes. A short note saved in UTF-16
(Notepad's "Unicode", Excel's "Unicode Text") also holds NUL bytes and is under 512 bytes: it
was passed over silently as an owner file. A LibreOffice lock file (".~lock.name#") is hidden."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from medlocal.ingest.pipeline import collect_files


def _owner_file(name: str, size: int) -> bytes:
    """An owner file as Word, Excel and PowerPoint write it: the name in the system's code page
    in a 54-byte field (length first), then its length and the name in UTF-16."""
    ansi = (bytes([len(name)]) + name.encode("cp1252")).ljust(54, b" ")
    wide = len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return (ansi + wide).ljust(size, b"\x00")


def test_short_utf16_notes_named_like_owner_files_are_collected(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    note = "Potassium 6.1 on 3 March: repeat today."
    (folder / "~$note.txt").write_bytes("\ufeff".encode("utf-16-le") + note.encode("utf-16-le"))
    (folder / "~$potassium.csv").write_bytes(
        "\ufeffdate,K\n2024-03-01,6.1\n".encode("utf-16-be")  # big-endian, marked
    )
    (folder / "~$unmarked.txt").write_bytes(note.encode("utf-16-le"))
    (folder / "~$letter.docx").write_bytes(_owner_file("Dr A Smith", 162))
    (folder / "~$results.xlsx").write_bytes(_owner_file("Nurse B Jones", 165))
    (folder / "~$slides.pptx").write_bytes(_owner_file("x", 165))
    (folder / "~$nameless.docx").write_bytes(_owner_file("", 162))
    (folder / ".~lock.letter.docx#").write_text("A Smith,clinic-pc,clinic-pc,07.12.2026 09:00,;")
    shown = sorted(found.shown for found in collect_files([folder]))
    assert shown == ["~$note.txt", "~$potassium.csv", "~$unmarked.txt"]


def test_a_named_pipe_named_like_an_owner_file_does_not_hold_the_walk(tmp_path: Path) -> None:
    # Opening a pipe to read its first bytes waits for a writer: the walk waited for ever.
    folder = tmp_path / "network-drive"
    folder.mkdir()
    os.mkfifo(folder / "~$letter.docx")
    (folder / "letter.txt").write_text("Seen in clinic.")
    outcome: list[list[str]] = []
    walker = threading.Thread(
        target=lambda: outcome.append([f.shown for f in collect_files([folder])]), daemon=True
    )
    walker.start()
    walker.join(timeout=20)
    assert outcome == [["letter.txt"]]
