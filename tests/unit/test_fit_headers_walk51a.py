"""Walk 51a MEDIUM 2: opening the model manager froze the window 277-721 ms. Its fit check read
every installed file's GGUF header each time it opened, skipping a 49k-token vocabulary and its
merges one method call per string on a worker holding the interpreter lock the window needs.
Now a header is read once per file version, and string arrays are skipped in a tight loop that
still checks every length against the bytes left."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.app import fit
from medlocal.engine.gguf import read_gguf_info
from medlocal.engine.gguf_parse import GGUFParseError, _skip_strings


def test_a_file_header_is_read_once_per_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_tiny_gguf(tmp_path / "m.gguf")
    reads: list[Path] = []

    def counted(where: Path) -> object:
        reads.append(where)
        return read_gguf_info(where)

    monkeypatch.setattr(fit, "read_gguf_info", counted)
    first = fit.file_badge(path, None)
    assert fit.file_badge(path, None) == first
    assert len(reads) == 1  # the second opening of the manager reads nothing
    write_tiny_gguf(path, name="another", n_tensors=3)  # the file changed: read again
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    fit.file_badge(path, None)
    assert len(reads) == 2


def _strings(*words: bytes) -> bytes:
    return b"".join(struct.pack("<Q", len(word)) + word for word in words)


def test_string_skipping_stops_at_a_length_past_the_end() -> None:
    data = _strings(b"a", b"bc", b"") + b"rest"
    assert _skip_strings(data, 0, len(data), 3) == len(data) - 4
    with pytest.raises(GGUFParseError, match="past the end"):
        bad = _strings(b"a") + struct.pack("<Q", 10**9) + b"xy"
        _skip_strings(bad, 0, len(bad), 2)
    with pytest.raises(GGUFParseError, match="end of file"):
        _skip_strings(data, 0, len(data), 5)
