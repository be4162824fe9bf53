"""GGUF files are untrusted: every malformed file gets a one-line ModelLoadError, and the engine
can load a good model afterwards."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from medlocal.engine.gguf import MAX_TENSORS, check_header, read_gguf_info
from medlocal.errors import ModelLoadError, UserInputError


def _expect(path: Path, fragment: str) -> None:
    with pytest.raises(ModelLoadError) as info:
        read_gguf_info(path)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
    assert isinstance(info.value, UserInputError)


def test_missing_file(tmp_path: Path) -> None:
    _expect(tmp_path / "nope.gguf", "not found")


def test_directory(tmp_path: Path) -> None:
    _expect(tmp_path, "is a folder")


def test_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.write_bytes(b"")
    _expect(path, "empty")


def test_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "notes.gguf"
    path.write_text("Patient notes, not a model.\n" * 20)
    _expect(path, "text file")


def test_wrong_magic(tmp_path: Path) -> None:
    path = tmp_path / "weird.gguf"
    path.write_bytes(b"GGML" + b"\x00" * 100)
    _expect(path, "wrong magic")


def test_short_header(tmp_path: Path) -> None:
    path = tmp_path / "short.gguf"
    path.write_bytes(b"GGUF\x03\x00")
    _expect(path, "truncated")


def test_unsupported_version(tmp_path: Path) -> None:
    path = tmp_path / "v9.gguf"
    path.write_bytes(struct.pack("<4sIQQ", b"GGUF", 9, 1, 1) + b"\x00" * 64)
    _expect(path, "version 9")


def test_absurd_counts(tmp_path: Path) -> None:
    path = tmp_path / "absurd.gguf"
    path.write_bytes(struct.pack("<4sIQQ", b"GGUF", 3, MAX_TENSORS + 1, 2**40) + b"\x00" * 64)
    _expect(path, "implausible")


def test_truncated_real_model(tmp_path: Path, demo_gguf: Path) -> None:
    cut = tmp_path / "cut.gguf"
    with demo_gguf.open("rb") as src:
        cut.write_bytes(src.read(demo_gguf.stat().st_size // 2))
    _expect(cut, "truncated")


def test_truncated_inside_metadata(tmp_path: Path, demo_gguf: Path) -> None:
    cut = tmp_path / "cut-meta.gguf"
    with demo_gguf.open("rb") as src:
        cut.write_bytes(src.read(4096))
    _expect(cut, "truncated")


def test_vocab_only_gguf_is_refused(vocab_only_gguf: Path) -> None:
    _expect(vocab_only_gguf, "no weights")


def test_demo_model_metadata(demo_gguf: Path) -> None:
    info = read_gguf_info(demo_gguf)
    assert info.architecture == "llama"
    assert info.context_length == 8192
    assert info.block_count == 30
    assert info.head_count == 9 and info.head_count_kv == 3
    assert info.embedding_length == 576
    assert info.chat_template and "im_start" in info.chat_template
    assert info.tensor_data_end <= info.file_size
    assert check_header(demo_gguf)[0] == 3


def test_streaming_reader_agrees_with_the_gguf_library(demo_gguf: Path) -> None:
    # Our reader replaced gguf.GGUFReader (5 s and long interpreter-lock holds on a 49k-token
    # vocabulary); every field it reports must match what the library reads.
    from gguf import GGUFReader

    info = read_gguf_info(demo_gguf)
    reader = GGUFReader(demo_gguf, "r")
    assert info.tensor_bytes == sum(int(t.n_bytes) for t in reader.tensors)
    assert info.tensor_data_end == max(int(t.data_offset) + int(t.n_bytes) for t in reader.tensors)
    assert info.vocab_size == len(reader.fields["tokenizer.ggml.tokens"].data)
    assert info.chat_template == reader.fields["tokenizer.chat_template"].contents()
    assert info.architecture == reader.fields["general.architecture"].contents()
    for key, value in info.metadata.items():
        assert reader.fields[key].contents() == value, key


def test_a_string_longer_than_the_file_is_refused(tmp_path: Path, demo_gguf: Path) -> None:
    import struct

    data = bytearray(demo_gguf.read_bytes()[:4096])
    # The first key's length field sits right after the 24-byte header: claim a huge string.
    data[24:32] = struct.pack("<Q", 1 << 40)
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="truncated or corrupt"):
        read_gguf_info(bad)
