"""An Outlook .msg is refused with advice Outlook can follow (walk 53b, M2): classic Outlook for
Windows has no "save as .eml", and saving as text alone loses the attachments."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.ingest.errors import UnsupportedFormatError
from medlocal.ingest.formats import format_by_content, format_for

OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def test_msg_advice_keeps_the_attachments() -> None:
    with pytest.raises(UnsupportedFormatError) as refused:
        format_for(Path("Discharge summary.msg"))
    reason = str(refused.value)
    assert "an Outlook message is not read" in reason
    assert "File › Save As › Text Only" in reason
    assert "File › Save Attachments" in reason
    assert ".eml" in reason
    assert "save it as PDF, DOCX or TXT (an e-mail as .eml)" not in reason


def test_an_outlook_file_is_not_read_by_its_content() -> None:
    assert format_by_content(Path("Discharge summary.msg"), OLE_HEADER) is None
