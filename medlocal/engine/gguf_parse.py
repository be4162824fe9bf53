"""A bounded, streaming reader of a GGUF file's metadata and tensor table.

The ``gguf`` library's GGUFReader materialises every array element as a numpy view: a 49k-token
vocabulary took ~5 s to parse and held Python's interpreter lock for up to 280 ms at a time,
freezing the window while a model loaded. We need the scalar metadata, the chat template, the
vocabulary's size and each tensor's extent, so this reader walks the file once over a memory
map, skips array contents by their sizes, and checks every length against the bytes left (the
file is untrusted input). Type sizes come from the ``gguf`` library's tables.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SMALL_ARRAY = 1024  # arrays up to this many elements are kept in the metadata as lists
DEFAULT_ALIGNMENT = 32
MAX_DIMS = 8

# GGUF value types -> struct format of one element (8: string, 9: array are special).
_SCALARS: dict[int, str] = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9


class GGUFParseError(ValueError):
    """The metadata or tensor table is truncated or malformed."""


@dataclass
class ArrayInfo:
    """An array value too large to keep: its element type and length only."""

    element_type: int
    length: int


@dataclass
class TensorEntry:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    data_offset: int  # absolute, in the file
    n_bytes: int


@dataclass
class ParsedGGUF:
    fields: dict[str, Any] = field(default_factory=dict)
    tensors: list[TensorEntry] = field(default_factory=list)


class _Cursor:
    def __init__(self, data: Any, start: int) -> None:
        self.data = data
        self.pos = start
        self.size = len(data)

    def take(self, fmt: str) -> Any:
        width = struct.calcsize(fmt)
        if self.pos + width > self.size:
            raise GGUFParseError("unexpected end of file")
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += width
        return value

    def string(self) -> str:
        length = self.take("<Q")
        if length > self.size - self.pos:
            raise GGUFParseError("a string runs past the end of the file")
        raw = bytes(self.data[self.pos : self.pos + length])
        self.pos += length
        return raw.decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        length = self.take("<Q")
        if length > self.size - self.pos:
            raise GGUFParseError("a string runs past the end of the file")
        self.pos += length

    def value(self, kind: int) -> Any:
        if kind in _SCALARS:
            return self.take(_SCALARS[kind])
        if kind == _STRING:
            return self.string()
        if kind == _ARRAY:
            return self.array()
        raise GGUFParseError(f"unknown metadata value type {kind}")

    def array(self) -> Any:
        element = self.take("<I")
        length = self.take("<Q")
        if length > self.size - self.pos:  # every element takes at least one byte
            raise GGUFParseError("an array is longer than the file")
        if length <= SMALL_ARRAY and element != _ARRAY:
            return [self.value(element) for _ in range(length)]
        if element in _SCALARS:
            width = struct.calcsize(_SCALARS[element]) * length
            if width > self.size - self.pos:
                raise GGUFParseError("an array runs past the end of the file")
            self.pos += width
        elif element == _STRING:
            self.pos = _skip_strings(self.data, self.pos, self.size, length)
        else:
            for _ in range(length):
                self.value(element)
        return ArrayInfo(element, length)


_LENGTH = struct.Struct("<Q")


def _skip_strings(data: Any, pos: int, size: int, count: int) -> int:
    """The position after ``count`` strings from ``pos``. A tight loop: a 49k-token vocabulary
    and its merges are ~100k strings, and skipping them one method call at a time took 0.5 s of
    the fit check's worker, holding the interpreter lock the window needs (walk 51a: opening
    the model manager froze it 277-721 ms)."""
    unpack = _LENGTH.unpack_from
    for _ in range(count):
        if pos + 8 > size:
            raise GGUFParseError("unexpected end of file")
        pos += 8 + unpack(data, pos)[0]
        if pos > size:
            raise GGUFParseError("a string runs past the end of the file")
    return pos


def _type_sizes() -> dict[int, tuple[int, int]]:
    from gguf.constants import GGML_QUANT_SIZES

    return {int(kind): sizes for kind, sizes in GGML_QUANT_SIZES.items()}


def parse_gguf(path: Path, n_tensors: int, n_kv: int, header_size: int) -> ParsedGGUF:
    """Metadata and tensor table after the fixed header (whose counts the caller checked)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        cursor = _Cursor(data, header_size)
        parsed = ParsedGGUF()
        for _ in range(n_kv):
            key = cursor.string()
            parsed.fields[key] = cursor.value(cursor.take("<I"))
        sizes = _type_sizes()
        raw: list[tuple[str, tuple[int, ...], int, int]] = []
        for _ in range(n_tensors):
            name = cursor.string()
            n_dims = cursor.take("<I")
            if n_dims > MAX_DIMS:
                raise GGUFParseError(f"tensor {name!r} has {n_dims} dimensions")
            shape = tuple(cursor.take("<Q") for _ in range(n_dims))
            raw.append((name, shape, cursor.take("<I"), cursor.take("<Q")))
        alignment = parsed.fields.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(alignment, int) or alignment <= 0:
            raise GGUFParseError("bad general.alignment")
        data_start = -(-cursor.pos // alignment) * alignment
        for name, shape, ggml_type, offset in raw:
            if ggml_type not in sizes:
                raise GGUFParseError(f"tensor {name!r} has unknown type {ggml_type}")
            block, type_size = sizes[ggml_type]
            elements = 1
            for dim in shape:
                elements *= dim
            parsed.tensors.append(
                TensorEntry(
                    name, shape, ggml_type, data_start + offset, elements * type_size // block
                )
            )
    return parsed
