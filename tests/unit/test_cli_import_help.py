"""'medlocal import --help' names every format the importer reads (it left out the images OCR
reads, though its extension list and the README named them)."""

from __future__ import annotations

import pytest

from medlocal.cli import main
from medlocal.ingest import formats


def test_import_help_names_every_supported_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["import", "--help"])
    assert stopped.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"Import {formats.SUPPORTED_KINDS} into" in text
    file_types = {found.file_type for found in formats._BY_SUFFIX.values()}
    assert file_types == set(formats.FILE_TYPE_WORDS)  # a new format needs its words
    for word in formats.FILE_TYPE_WORDS.values():
        assert word in formats.SUPPORTED_KINDS
    for image in ("PNG", "JPEG", "TIFF", "OCR"):
        assert image in text
    assert " ".join(formats.SUPPORTED_SUFFIXES) in text
