"""The rules every model file landing in the models folder follows (models/files.py)."""

from __future__ import annotations

import shutil
from collections import namedtuple
from pathlib import Path

import pytest

from medlocal.errors import MedLocalError, UserInputError
from medlocal.models.files import (
    DISK_MARGIN_BYTES,
    free_destination,
    require_free_space,
    require_model_filename,
)

_usage = namedtuple("_usage", "total used free")


@pytest.mark.parametrize(
    "name", ["../x.gguf", "sub/x.gguf", "x.bin", "", ".", "..", "/tmp/x.gguf", "a\\x.gguf", ".gguf"]
)
def test_unsafe_or_non_gguf_names_are_refused(name: str) -> None:
    with pytest.raises(UserInputError, match="refusing the model file name"):
        require_model_filename(name)


def test_plain_gguf_names_pass() -> None:
    assert require_model_filename("Llama3-Med42-8B.Q4_K_M.gguf") == "Llama3-Med42-8B.Q4_K_M.gguf"


def test_free_destination_keeps_the_suffix_and_counts_up(tmp_path: Path) -> None:
    assert free_destination(tmp_path, "m.gguf") == tmp_path / "m.gguf"
    (tmp_path / "m.gguf").write_bytes(b"1")
    (tmp_path / "m-2.gguf").write_bytes(b"2")
    assert free_destination(tmp_path, "m.gguf") == tmp_path / "m-3.gguf"


def test_free_space_includes_the_margin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    needed = 1000
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: _usage(0, 0, needed + DISK_MARGIN_BYTES))
    require_free_space(tmp_path, needed, "to import m.gguf")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: _usage(0, 0, needed + 10))
    with pytest.raises(UserInputError, match=r"not enough disk space to import m\.gguf"):
        require_free_space(tmp_path, needed, "to import m.gguf")


def test_free_space_raises_the_callers_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Full(MedLocalError):
        pass

    monkeypatch.setattr(shutil, "disk_usage", lambda _p: _usage(0, 0, 0))
    with pytest.raises(Full, match=r"not enough disk space for m\.gguf"):
        require_free_space(tmp_path, 1, "for m.gguf", error=Full)
